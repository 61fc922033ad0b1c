"""Consistent copies of the database with SQLite's online backup, safe while desks keep working."""

import sqlite3
from datetime import date, datetime
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


def backup_folder() -> Path:
    """Return the folder of the automatic daily backups, beside the database in the user's data folder."""
    from wzdesk.office.database import data_dir

    folder = data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def daily_backup(folder: Path, today: date, keep: int) -> Path | None:
    """Make today's backup unless it exists, and keep only the newest `keep`; return the new file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"wzdesk-{today:%Y%m%d}.sqlite"
    made = None
    if not target.exists():
        partial = target.with_suffix(".partial")
        backup_to(partial)
        partial.replace(target)  # a crash mid-copy never leaves a half backup under the real name
        made = target
    for old in sorted(folder.glob("wzdesk-*.sqlite"), reverse=True)[max(keep, 1):]:
        old.unlink()
    return made


def check_backup(source: Path) -> str:
    """Check a backup before it may replace anything: a whole SQLite file whose ledger chain verifies.

    Return a short Chinese description of it; raise UserError saying what is wrong. Reads the file on
    a connection of its own, so it is safe in a worker thread while the window keeps working.
    """
    from wzdesk.models import chain as ledger

    source = Path(source)
    if not source.is_file():
        raise UserError(f"找不到备份文件：{source}")
    con = _open_whole(source)
    try:
        breach = ledger.verify_chain(con)
        if breach is not None:
            raise UserError(f"备份文件“{source.name}”的台账校验未通过：{breach.message}。不能用于恢复。")
        cases = con.execute('SELECT count(*) FROM "case"').fetchone()[0]
        events = con.execute("SELECT count(*) FROM case_event").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise UserError(f"“{source.name}”不是问政督办台的数据库：{exc}") from None
    finally:
        con.close()
    return f"{cases} 件工单、{events} 条台账记录"


def restore_from(source: Path, now: datetime, operator) -> Path:
    """Replace the open database's content with a checked backup; the current content is kept aside first.

    Return the path of the copy made of the content that was replaced.
    """
    from wzdesk.office.auth import require

    require(operator, "restore_backup")
    check_backup(source)
    target = Path(db.database)
    aside = target.with_name(f"{target.stem}-恢复前-{now:%Y%m%d-%H%M%S}.sqlite")
    backup_to(aside)
    from wzdesk.office.database import open_database

    with sqlite3.connect(source) as src:
        src.backup(db.connection())  # the online backup API writes it page by page, in one go
    open_database(target)  # an older backup is brought up to this release's schema
    return aside


def _open_whole(path: Path) -> sqlite3.Connection:
    """Open a file read-only and refuse it unless it is a whole SQLite database."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        if con.execute("PRAGMA integrity_check").fetchone()[0] == "ok":
            return con
        con.close()
    except sqlite3.DatabaseError:
        pass
    raise UserError(f"“{path.name}”不是问政督办台的数据库，或已损坏，不能用于恢复。")
