"""Which database this desk opens: --db, else WZDESK_DB, else the choice remembered on this PC.

The choice is the desk's own (QSettings in the window; any store with value/setValue here): the SQLite
file, or the URL of the office's server without its password (that goes to libpq's password file,
office/pgpass.py). None means nothing is chosen yet: the window asks at its first start.
"""

import os
from pathlib import Path
from typing import Protocol

from wzdesk.models.postgres_db import is_url
from wzdesk.office.paths import database_argument
from wzdesk.office.server_address import parse_url

KIND_KEY, FILE_KEY, URL_KEY = "database/kind", "database/file", "database/url"
LOCAL, SERVER = "local", "server"


class Store(Protocol):
    def value(self, key: str, defaultValue=None): ...

    def setValue(self, key: str, value) -> None: ...


def remembered(store: Store) -> Path | str | None:
    """Return the database this desk chose last (a file or a server URL), or None when none was chosen."""
    kind = str(store.value(KIND_KEY, "") or "")
    if kind == SERVER and store.value(URL_KEY, ""):
        return str(store.value(URL_KEY))
    if kind == LOCAL and store.value(FILE_KEY, ""):
        return Path(str(store.value(FILE_KEY)))
    return None


def remember(store: Store, target: Path | str) -> None:
    """Keep `target` as this desk's choice for the next start (a server's URL without any password)."""
    if is_url(target):
        store.setValue(KIND_KEY, SERVER)
        store.setValue(URL_KEY, parse_url(str(target)).url())
    else:
        store.setValue(KIND_KEY, LOCAL)
        store.setValue(FILE_KEY, str(Path(target).expanduser().absolute()))


def chosen_database(argument: Path | str | None, store: Store) -> Path | str | None:
    """Return the database to open: --db, else WZDESK_DB, else the remembered choice (None: ask)."""
    if argument:
        return argument
    named = os.environ.get("WZDESK_DB", "").strip()
    if named:
        return database_argument(named)
    return remembered(store)
