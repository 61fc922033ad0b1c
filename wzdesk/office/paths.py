"""Where an office's files live on this PC: the user's data folder (%APPDATA%\\wzdesk on Windows)."""

import os
from pathlib import Path

from platformdirs import user_data_dir

from wzdesk.models.postgres_db import is_url

APP_NAME = "wzdesk"


def data_dir() -> Path:
    """Return the user's data folder (%APPDATA%\\wzdesk on Windows), creating it."""
    path = Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "wzdesk.sqlite"


def default_database() -> Path | str:
    """Return the database a command opens without --db: WZDESK_DB (a file or a postgresql:// URL), else the
    file in the user's data folder."""
    named = os.environ.get("WZDESK_DB", "").strip()
    return database_argument(named) if named else default_db_path()


def database_argument(text: str) -> Path | str:
    """Return a --db value as the app opens it: a postgresql:// URL as given, anything else as a file path."""
    return text if is_url(text) else Path(text)
