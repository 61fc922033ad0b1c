"""Consistent copies of the database with SQLite's online backup, safe while desks keep working."""

import hashlib
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from wzdesk.errors import UserError
from wzdesk.files import atomic_output, check_output
from wzdesk.models import db
from wzdesk.models.base import is_postgres
from wzdesk.office.paths import data_dir


def backup_to(out: Path) -> Path:
    """Copy the open database to `out` page by page and verify the copy before it takes its name.

    The copy is written under a temporary name beside `out` and moved into place only once its
    integrity check and ledger chain pass; a damaged database is refused, so it never replaces a good
    backup.
    """
    out = check_output(out)
    refuse_if_damaged()
    with atomic_output(out) as partial:
        _copy_into(partial)
        check_backup(partial)
    _write_checkpoint(out)
    return out


def _write_checkpoint(backup: Path) -> None:
    """Write the backup's own checkpoint beside it (BACKUP.checkpoint): paper that outlives the file."""
    from wzdesk.office.checkpoints import write_beside

    con = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        write_beside(backup, con)
    finally:
        con.close()


def refuse_if_damaged() -> None:
    """Raise UserError if the open database fails SQLite's quick check (a server checks its own pages)."""
    if is_postgres():
        return
    try:
        verdict = db.connection().execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    if verdict != "ok":
        raise UserError(f"数据库“{Path(db.database).name}”已损坏（{verdict}），不做备份，以免损坏的副本"
                        "替换好的备份。请从最近的好备份恢复：python main.py restore 备份文件。")


def _copy_into(partial: Path) -> None:
    if is_postgres():
        _copy_server_into(partial)
        return
    target = sqlite3.connect(partial)
    try:
        db.connection().backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file, no -wal beside it
    except sqlite3.Error as exc:
        raise UserError(f"备份失败：{_disk_reason(exc)}。原有文件未改动。") from None
    finally:
        target.close()


def _copy_server_into(partial: Path) -> None:
    """A server's backup is a SQLite file of the whole office, read in one snapshot: one desk can open it,
    `restore` puts it back on the server (office/server_restore.py) or on a single desk, and `migrate-db` can
    move it into a new server database."""
    from wzdesk.office.transfer import copy_database, sqlite_target

    target = sqlite_target(partial)
    try:
        target.connect()
        copy_database(db.obj, target)
    except sqlite3.Error as exc:
        raise UserError(f"备份失败：{_disk_reason(exc)}。原有文件未改动。") from None
    finally:
        target.close()


def _disk_reason(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "full" in text:
        return "磁盘空间不足"
    if "readonly" in text or "unable to open" in text:
        return "无法写入备份所在的文件夹"
    return text


def backup_folder() -> Path:
    """Return the folder of the automatic daily backups, beside the database in the user's data folder."""
    folder = data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def backup_stem(database: Path | str) -> str:
    """Return the name prefix of one database's daily backups: its file name and a tag of its folder."""
    database = Path(database).expanduser().absolute()
    tag = hashlib.sha1(str(database).encode()).hexdigest()[:8]  # two offices' wzdesk.sqlite stay apart
    return f"{database.stem}-{tag}"


def daily_backup(folder: Path, now: datetime, keep: int) -> Path | None:
    """Make this database's backup for the day unless one exists; keep its newest `keep`; return the new file."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = backup_stem(db.database)
    made = None
    if not any(folder.glob(f"{stem}-{now:%Y%m%d}-*.sqlite")):
        made = backup_to(folder / f"{stem}-{now:%Y%m%d-%H%M%S}.sqlite")
    for old in sorted(folder.glob(f"{stem}-*.sqlite"), reverse=True)[max(keep, 1):]:
        old.unlink()
        old.with_name(old.name + ".checkpoint").unlink(missing_ok=True)
    return made


def newest_backup(database: Path | str, folder: Path) -> Path | None:
    """Return the newest daily backup of `database` in `folder` that passes its check, or None."""
    for candidate in sorted(folder.glob(f"{backup_stem(database)}-*.sqlite"), reverse=True):
        try:
            check_backup(candidate)
        except UserError:
            continue
        return candidate
    return None


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
        _check_kept(source, con)
        cases = con.execute('SELECT count(*) FROM "case"').fetchone()[0]
        events = con.execute("SELECT count(*) FROM case_event").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise UserError(f"“{source.name}”不是问政督办台的数据库：{exc}") from None
    finally:
        con.close()
    return f"{cases} 件工单、{events} 条台账记录"


def _check_kept(source: Path, con: sqlite3.Connection) -> None:
    """Refuse a backup whose ledger no longer holds the checkpoint written beside it when it was made."""
    from wzdesk.office.checkpoints import kept_breach

    broken = kept_breach(source, con)
    if broken is not None:
        raise UserError(f"备份文件“{source.name}”{broken}：它在备份之后被改动过，不能用于恢复。")


def keep_aside(database: Path | str, aside: Path) -> Path:
    """Copy the content about to be replaced, unchecked: a damaged database is exactly what gets restored.

    Return `aside`. A server's content is copied as its backup is (one snapshot into a SQLite file)."""
    with atomic_output(aside) as partial:
        try:
            _copy_into(partial)
        except UserError:
            if is_postgres():
                raise
            shutil.copyfile(database, partial)  # too damaged for the backup API: keep its bytes as they are
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
