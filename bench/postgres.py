"""A PostgreSQL server of the benchmarks' own, kept under bench/data/pg so a million-case database is built once.

    python bench/postgres.py start|stop|url NAME

It runs from the Debian binaries on a unix socket in its folder (as the `postgres` account when run as root,
since the server refuses root), with the settings of an office server of modest size rather than the tests'
no-fsync ones: figures taken here are what a desk would see.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.postgres_server import BIN, USER, _as_owner  # noqa: E402

HOME = ROOT / "bench" / "data" / "pg"
DATA = HOME / "data"
SETTINGS = ("-c listen_addresses='' -c shared_buffers=256MB -c work_mem=16MB -c maintenance_work_mem=256MB"
            " -c max_wal_size=4GB -c checkpoint_timeout=30min -c synchronous_commit=off"
            " -c effective_cache_size=1GB -c random_page_cost=1.1 -c jit=off")


def url(name: str) -> str:
    """Return the URL of database `name` on the bench server."""
    return f"postgresql://{USER}@/{name}?host={HOME}"


def start() -> None:
    """Create the server's folder on first use and start it unless it runs already."""
    if not (DATA / "PG_VERSION").exists():
        HOME.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(HOME, "postgres", "postgres")
        subprocess.run(_as_owner([str(BIN / "initdb"), "-D", str(DATA), "-U", USER, "--auth=trust", "-E", "UTF8",
                                  "--locale=C", "--lc-ctype=C.UTF-8"]), check=True, capture_output=True)
    if _running():
        return
    subprocess.run(_as_owner([str(BIN / "pg_ctl"), "-D", str(DATA), "-w", "-l", str(HOME / "log"),
                              "-o", f"{SETTINGS} -k {HOME}", "start"]), check=True, capture_output=True)


def stop() -> None:
    subprocess.run(_as_owner([str(BIN / "pg_ctl"), "-D", str(DATA), "-m", "fast", "stop"]), capture_output=True)


def _running() -> bool:
    return subprocess.run(_as_owner([str(BIN / "pg_ctl"), "-D", str(DATA), "status"]),
                          capture_output=True).returncode == 0


def has_database(name: str) -> bool:
    import psycopg

    with psycopg.connect(url("postgres"), autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def create_database(name: str) -> str:
    """Create the empty database `name` (code-point collation, as the app asks) and return its URL."""
    import psycopg

    with psycopg.connect(url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' LC_COLLATE \'C\''
                     " LC_CTYPE 'C.UTF-8'")
    return url(name)


def rename_database(old: str, new: str) -> None:
    import psycopg

    with psycopg.connect(url("postgres"), autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{old}" RENAME TO "{new}"')


def settle(name: str) -> None:
    """VACUUM (ANALYZE) a freshly built database, as the server's autovacuum soon does after a large load:
    its visibility map lets the board and the counts read their indexes alone."""
    import psycopg

    with psycopg.connect(url(name), autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "start"
    if command == "start":
        start()
    elif command == "stop":
        stop()
    elif command == "url":
        print(url(sys.argv[2]))
    else:
        sys.exit("用法：python bench/postgres.py start|stop|url 库名")
