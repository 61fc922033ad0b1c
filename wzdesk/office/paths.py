"""Where an office's files live on this PC: the user's data folder (%APPDATA%\\wzdesk on Windows)."""

from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "wzdesk"


def data_dir() -> Path:
    """Return the user's data folder (%APPDATA%\\wzdesk on Windows), creating it."""
    path = Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "wzdesk.sqlite"
