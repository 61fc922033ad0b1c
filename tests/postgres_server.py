"""A throwaway PostgreSQL server for the tests, started from the Debian binaries on a unix socket.

One server per test process (pytest-xdist workers each start their own); every test gets a fresh
database copied from a migrated template (CREATE DATABASE … TEMPLATE), which is far faster than migrating.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit


def _binaries() -> Path:
    """The newest installed server's binaries (Debian: /usr/lib/postgresql/15/bin), or WZDESK_PG_BIN."""
    if "WZDESK_PG_BIN" in os.environ:
        return Path(os.environ["WZDESK_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


BIN = _binaries()
USER = "wzdesk"
TEMPLATE = "wz_template"
# Durability is not what a test checks: without fsync a server starts and copies databases in a blink.
SETTINGS = ("-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=60 -c shared_buffers=32MB -c wal_level=minimal -c max_wal_senders=0"
            " -c max_wal_size=4GB -c checkpoint_timeout=1d")


class MissingServer(RuntimeError):
    """The PostgreSQL binaries are not installed (.ci/run installs the Debian package `postgresql`)."""


def _as_owner(args: list[str]) -> list[str]:
    """initdb and the server refuse to run as root: run them as the Debian `postgres` account there."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


PASSWORD_GROUP = "wz_password_users"  # members sign in with a password (scram); every other role is trusted


def _ask_passwords_of(data: Path) -> None:
    """Make the members of PASSWORD_GROUP give their password, so a test can meet a wrong one."""
    hba = data / "pg_hba.conf"
    hba.write_text(f"local all +{PASSWORD_GROUP} scram-sha-256\n" + hba.read_text())


class Server:
    def __init__(self) -> None:
        if not (BIN / "initdb").is_file():
            raise MissingServer(f"没有找到 PostgreSQL 程序 {BIN}/initdb：请安装 Debian 软件包 postgresql"
                                "（.ci/run 会安装），PostgreSQL 一半的测试需要它。")
        self.root = Path(tempfile.mkdtemp(prefix="wzdesk-pg-"))
        self.data = self.root / "data"
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        subprocess.run(_as_owner([str(BIN / "initdb"), "-D", str(self.data), "-U", USER, "--auth=trust",
                                  "-E", "UTF8", "--locale=C", "--lc-ctype=C.UTF-8", "--no-sync"]),
                       check=True, capture_output=True)
        _ask_passwords_of(self.data)
        subprocess.run(_as_owner([str(BIN / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.root / "log"),
                                  "-o", f"{SETTINGS} -k {self.root}", "start"]), check=True, capture_output=True)
        self._count = 0

    def url(self, name: str) -> str:
        return f"postgresql://{USER}@/{name}?host={self.root}"

    def socket_folder(self) -> str:
        return str(self.root)

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def fresh(self, template: str | None = None) -> str:
        """Create a new empty database (or a copy of `template`) and return its URL."""
        self._count += 1
        name = f"wz_{os.getpid()}_{self._count}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    @staticmethod
    def name(url: str) -> str:
        return urlsplit(url).path.lstrip("/")

    def drop(self, url: str) -> None:
        name = self.name(url)
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        subprocess.run(_as_owner([str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)
