"""Open an office's database file: connect, migrate, and make sure the reference data is there."""

import sqlite3
from datetime import datetime
from pathlib import Path

from peewee import DatabaseError
from platformdirs import user_data_dir

from wzdesk import files
from wzdesk.errors import UserError
from wzdesk.models import db
from wzdesk.models.schema import migrate
from wzdesk.office.defaults import seed_reference
from wzdesk.office.workcalendar import seed_from_package

APP_NAME = "wzdesk"


def data_dir() -> Path:
    """Return the user's data folder (%APPDATA%\\wzdesk on Windows), creating it."""
    path = Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "wzdesk.sqlite"


def open_database(path: Path | str, now: datetime | None = None) -> Path:
    """Open (creating if needed) the database at `path` and bring it up to date."""
    path = Path(path).expanduser()
    if not db.is_closed():
        db.close()
    if not path.parent.exists():
        raise UserError(f"数据库所在的文件夹不存在：{path.parent}")
    if path.exists() and path.is_dir():
        raise UserError(f"“{path}”是一个文件夹，不是数据库文件。")
    # check_same_thread=False: a bulk import writes its batches from a second thread on this connection,
    # inside its transaction (wzdesk/models/bulk.py). Every other thread still opens its own connection.
    files.protect(path)  # from here on no output may replace it, its -wal/-shm/-journal or a link to them
    db.init(str(path), check_same_thread=False)
    try:
        db.connect()
        migrate(db)
        seed_reference(now or datetime.now())
        seed_from_package(now or datetime.now())
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise UserError(f"无法打开数据库“{path}”：{_explain(exc)}") from None
    return path


def _explain(exc: Exception) -> str:
    text = str(exc)
    if "file is not a database" in text or "malformed" in text:
        return "文件不是问政督办台的数据库，或已损坏。"
    if "locked" in text:
        return "数据库正被其他程序占用，请稍后再试。"
    return text


def close_database() -> None:
    if not db.is_closed():
        db.close()
    files.unprotect_all()
