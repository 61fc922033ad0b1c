"""The desk's password for the office's server, kept in libpq's own password file, never in the settings.

libpq (and so psycopg, psql, pg_dump) reads the file itself whenever a URL carries no password: the file
named by PGPASSFILE, else ~/.pgpass (Windows: %APPDATA%\\postgresql\\pgpass.conf). It is the user's own
file; on POSIX libpq ignores it unless only its owner may read it, so it is written with mode 0600.
Each line is host:port:database:user:password, with `:` and `\\` escaped by a backslash.
"""

import os
import sys
from pathlib import Path

from wzdesk import files
from wzdesk.office.server_address import ServerAddress


def password_file() -> Path:
    """Return the password file libpq reads on this desk for this user."""
    named = os.environ.get("PGPASSFILE", "").strip()
    if named:
        return Path(named).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _key(server: ServerAddress) -> str:
    return ":".join(_escaped(part) for part in (server.host, str(server.port), server.database, server.user))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _line_key(line: str) -> str:
    """Return a line's first four fields as written (escapes kept), to find this server's line."""
    fields, field, escaped = [], "", False
    for char in line:
        if escaped:
            field, escaped = field + "\\" + char, False
        elif char == "\\":
            escaped = True
        elif char == ":" and len(fields) < 4:
            fields.append(field)
            field = ""
        else:
            field += char
    return ":".join(fields[:4])


def keep_password(server: ServerAddress) -> Path:
    """Write the server's password into the password file (replacing its old line); return the file."""
    path = password_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = _key(server)
    lines = [line for line in _lines(path) if _line_key(line) != key]
    lines.append(f"{key}:{_escaped(server.password)}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return files.write_with(path, lambda partial: _write_private(partial, data))


def _write_private(path: Path, data: bytes) -> None:
    """Create the file readable by its owner alone from the start (libpq ignores a looser one)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def kept_password(server: ServerAddress) -> str:
    """Return the password kept for the server, or "" when the file holds none for it."""
    key = _key(server)
    for line in _lines(password_file()):
        if _line_key(line) == key:
            value = line[len(key) + 1:]
            return value.replace("\\:", ":").replace("\\\\", "\\")
    return ""
