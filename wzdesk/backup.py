"""Consistent copies of the database with SQLite's online backup, safe while desks keep working."""

import sqlite3
from pathlib import Path

from wzdesk.errors import UserError
from wzdesk.models import db


def backup_to(out: Path) -> Path:
    """Copy the open database to `out` page by page; the copy is a complete, consistent database."""
    out = Path(out).expanduser()
    if not out.parent.exists():
        raise UserError(f"备份文件夹不存在：{out.parent}")
    if out.exists() and out.is_dir():
        raise UserError(f"“{out}”是一个文件夹，请给出备份文件名。")
    if Path(db.database).resolve() == out.resolve():
        raise UserError("备份文件不能是正在使用的数据库本身。")
    target = sqlite3.connect(out)
    try:
        db.connection().backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file, no -wal beside it
    except sqlite3.Error as exc:
        raise UserError(f"备份失败：{exc}") from None
    finally:
        target.close()
    return out
