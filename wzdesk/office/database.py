"""Open an office's database file: connect, migrate, and make sure the reference data is there."""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from peewee import DatabaseError

from wzdesk import files
from wzdesk.errors import UserError
from wzdesk.models import bulk_load, db
from wzdesk.models.base import is_postgres, sqlite_db
from wzdesk.models.postgres_db import is_url
from wzdesk.models.schema import SCHEMA_VERSION, migrate, schema_version
from wzdesk.office import checkpoints
from wzdesk.office.defaults import seed_reference
from wzdesk.office.network_share import refuse_network_share
from wzdesk.office.paths import data_dir, default_db_path  # noqa: F401 — where callers have found them
from wzdesk.office.workcalendar import seed_from_package


def open_database(path: Path | str, now: datetime | None = None, create: bool = True) -> Path | str:
    """Open the database at `path` (creating it only if `create`), check it, and bring it up to date.

    `path` is a SQLite file or a postgresql:// URL of the office's shared server (returned as given).
    A file this process may not write is opened read-only, as it is; a damaged file is refused with
    the newest good backup named.
    """
    if not db.is_closed():
        db.close()
    from wzdesk.models.chain import SIGNED_IN

    SIGNED_IN.clear()  # sign-ins belong to the database they were made on
    if is_url(path):
        from wzdesk.office.server import open_server

        return open_server(path, now or datetime.now(), create, _bring_up_to_date)
    refuse_network_share(Path(path))  # before expanduser: a UNC path as typed
    db.initialize(sqlite_db)
    path = Path(path).expanduser()
    _refuse_unopenable(path, create)
    read_only = path.exists() and not _writable(path)
    files.protect(path)  # from here on no output may replace it, its -wal/-shm/-journal or a link to them
    # check_same_thread=False: a bulk import writes its batches from a second thread on this connection,
    # inside its transaction (wzdesk/models/bulk.py). Every other thread still opens its own connection.
    if read_only:
        db.init(f"{path.absolute().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    else:
        db.init(str(path), check_same_thread=False)
    try:
        db.connect()
        _refuse_damaged(path)
        checkpoints.follow(path)  # a SQLite file on this desk: every write advances its kept checkpoint
        _bring_up_to_date(path, now or datetime.now(), read_only)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise UserError(f"无法打开数据库“{path}”：{_explain(exc)}") from None
    except UserError:
        db.close()
        raise
    return path


def _refuse_unopenable(path: Path, create: bool) -> None:
    if not path.parent.exists():
        raise UserError(f"数据库所在的文件夹不存在：{path.parent}")
    if path.exists() and path.is_dir():
        raise UserError(f"“{path}”是一个文件夹，不是数据库文件。")
    if not path.exists() and not create:
        raise UserError(f"找不到数据库“{path}”。请检查 --db 给出的路径（这个命令只读取，不会新建数据库）。")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _bring_up_to_date(path: Path | str, now: datetime, read_only: bool) -> None:
    if read_only:
        if schema_version(db) != SCHEMA_VERSION:
            raise UserError(f"数据库“{path}”是只读的，且需要升级到本版本才能使用：请先让它可写。")
        return
    migrate(db)
    if is_postgres(db):
        from wzdesk.models.postgres_schema import notify_every_table

        with db.atomic():
            notify_every_table(db)  # a table a later migration added tells the other desks of its changes too
    bulk_load.finish_pending(db)  # a bulk load a crash cut short builds its indexes now
    seed_reference(now)
    seed_from_package(now)
    _restore_guards(now)


def _restore_guards(now: datetime) -> None:
    """Put back guard triggers dropped behind the app's back, and write the repair to the ledger."""
    from wzdesk.models import chain as ledger
    from wzdesk.models.ledger_guard import restore_guards
    from wzdesk.office.defaults import system_operator

    checkpoints.OPENING_REPAIRS.clear()
    with db.atomic():
        missing = restore_guards(db)
        if missing:
            note = (f"打开数据库时发现台账的防改动保护被删除（{'、'.join(missing)}），已恢复；"
                    "删除期间台账可能被改动，请运行 audit-verify 并对照备份的校验点核查")
            ledger.append(at=now, recorded_at=ledger.wall_clock(), action="guard_restored",
                          operator_id=system_operator().id, note=note, data={"restored": missing})
            checkpoints.OPENING_REPAIRS.append(note)


def _refuse_damaged(path: Path) -> None:
    """Run SQLite's quick check; refuse a damaged file, naming the newest good backup and how to restore it."""
    try:
        verdict = db.connection().execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    if verdict == "ok":
        return
    raise UserError(f"数据库“{path}”已损坏（{verdict}），为免损失扩大，没有打开它。\n{restore_advice(path)}")


def restore_advice(path: Path) -> str:
    """Say in Chinese which backup of `path` is the newest good one, and how to put it back."""
    from wzdesk.office.backup import backup_folder, newest_backup

    good = newest_backup(path, backup_folder())
    if good is None:
        return f"在 {backup_folder()} 中没有找到这个数据库的可用备份；请找回最近一次手动备份的文件。"
    return (f"最近的好备份是：{good}\n恢复方法：关闭问政督办台，把损坏的“{path.name}”及同名的 -wal、-shm "
            f"文件移到别处留存，再把这个备份复制到 {path}，然后重新打开。")


def _explain(exc: Exception) -> str:
    text = str(exc)
    if "file is not a database" in text or "malformed" in text:
        return "文件不是问政督办台的数据库，或已损坏。"
    if "locked" in text:
        return "数据库正被其他程序占用，请稍后再试。"
    return text


def close_database() -> None:
    checkpoints.unfollow()
    if not db.is_closed():
        db.close()
    files.unprotect_all()


@contextmanager
def thread_connection() -> Iterator[None]:
    """Open this thread's own connection for the work in the block, and close it after."""
    # Peewee keeps one connection per thread: a worker thread opens its own and closes it after.
    db.connect(reuse_if_open=True)
    try:
        yield
    finally:
        db.close()
