"""The address of an office's shared PostgreSQL server as a desk enters it: server, port, database, user.

The window asks for the parts (or a pasted postgresql:// URL) and the app opens the URL built from them.
The password is never part of the URL it keeps: it goes to libpq's own password file (office/pgpass.py).
"""

from dataclasses import dataclass, replace
from urllib.parse import quote, unquote, urlencode

from wzdesk.errors import UserError
from wzdesk.models.postgres_db import is_url

DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerAddress:
    """Where a desk finds the office's database; `host` may be a server name, an address or a socket folder."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    password: str = ""
    options: tuple[tuple[str, str], ...] = ()  # other connection settings of a pasted URL (sslmode=require…)

    def url(self) -> str:
        """Return the postgresql:// URL of this address, without the password."""
        user = quote(self.user, safe="")
        database = quote(self.database, safe="")
        options = dict(self.options)
        if self.host.startswith("/"):  # a unix socket folder goes in the query: a URL's host cannot hold it
            socket = {"host": self.host, **({"port": self.port} if self.port != DEFAULT_PORT else {})}
            return f"postgresql://{user}@/{database}?{urlencode({**socket, **options})}"
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = f":{self.port}" if self.port != DEFAULT_PORT else ""
        query = f"?{urlencode(options)}" if options else ""
        return f"postgresql://{user}@{host}{port}/{database}{query}"

    def url_with_password(self) -> str:
        """Return the URL with the password in it: for this session's opening only, never to be kept."""
        if not self.password:
            return self.url()
        user = quote(self.user, safe="")
        return self.url().replace(f"postgresql://{user}@", f"postgresql://{user}:{quote(self.password, safe='')}@", 1)

    def shown(self) -> str:
        """Return the address as a clerk reads it in messages: 用户@服务器:端口/库名."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def without_password(self) -> "ServerAddress":
        return replace(self, password="")


def address(host: str, port: str | int, database: str, user: str, password: str = "") -> ServerAddress:
    """Return the address of the parts a clerk typed, trimmed; refuse a missing part or a bad port in Chinese."""
    parts = {"服务器地址": (host or "").strip(), "数据库名": (database or "").strip(), "用户名": (user or "").strip()}
    for title, value in parts.items():
        if not value:
            raise UserError(f"请填写{title}。")
    return ServerAddress(parts["服务器地址"], parts["数据库名"], parts["用户名"], _port(port), password or "")


def _port(port: str | int) -> int:
    text = str(port if port is not None else "").strip() or str(DEFAULT_PORT)
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise UserError(f"端口“{text}”不对：应是 1 到 65535 之间的数字（PostgreSQL 通常是 {DEFAULT_PORT}）。")
    return int(text)


def parse_url(url: str) -> ServerAddress:
    """Return the address of a pasted postgresql:// URL (its password kept apart); refuse anything else."""
    from psycopg.conninfo import conninfo_to_dict

    text = (url or "").strip()
    if not is_url(text):
        raise UserError(f"“{text}”不是办公室共享数据库的地址：应以 postgresql:// 开头，"
                        "如 postgresql://wzdesk@192.168.1.20:5432/wzdesk。")
    try:
        parts = conninfo_to_dict(text)
    except Exception as exc:  # psycopg.ProgrammingError on a malformed URL; its text names the fault
        raise UserError(f"地址“{text}”写得不对：{str(exc).strip()}") from None
    found = address(unquote(str(parts.pop("host", ""))), parts.pop("port", ""), str(parts.pop("dbname", "")),
                    str(parts.pop("user", "")), str(parts.pop("password", "")))
    return replace(found, options=tuple(sorted((key, str(value)) for key, value in parts.items())))
