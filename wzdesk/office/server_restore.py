"""Restoring a backup into an office's shared server, verified before anything of the server's changes.

A server's backup is the app's own dump (office/backup.py): a SQLite file of the whole office read in one
REPEATABLE READ snapshot, photos included. Restoring one replaces the server database's content in a single
transaction: the app's tables dropped, the backup copied in by COPY (office/transfer.py), every table's
rows counted against the file's and the ledger audited as `audit-verify` does. Only then does it commit; a
count or a problem rolls all of it back, and the server is as it was.
"""

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from wzdesk.errors import UserError
from wzdesk.models import db, version_table
from wzdesk.models.schema import ALL_MODELS, SCHEMA_VERSION, migrate, schema_version
from wzdesk.office.server import shown

# Tables a server keeps beside the models': the ledger head, the board's closed counts, the schema version.
SERVER_TABLES = ("ledger_head", "closed_count", version_table.TABLE)


def chain_problems() -> list[str]:
    """The checks of the open database a restore can make from this layer: the chain against its head and the
    guards (the command line passes the whole audit of wzdesk.ledger.audit instead)."""
    from wzdesk.models import chain
    from wzdesk.models.postgres_schema import missing_guards

    breach = chain.verify_chain()
    return ([breach.message] if breach is not None else []) + [f"防改动触发器 {n} 不见了" for n in missing_guards(db)]


def restore_into_server(source: Path, verify: Callable[[], list[str]] = chain_problems) -> dict[str, int]:
    """Replace the open server database's content with the checked backup `source`; return the rows per table.

    verify: the ledger audit of the open database, run inside the transaction; the problems it returns (in
    Chinese) refuse the restore. The caller checks the file (check_backup) and keeps the content aside first.
    """
    from wzdesk.office.transfer import copy_database, row_counts

    with _current_schema(source) as copy:
        try:
            copy.connect()
            expected = row_counts(copy)
            with db.atomic():
                _drop_app_tables()
                copy_database(copy, db.obj)
                _refuse_differing(expected, row_counts(db.obj))
                _refuse_problems(source, verify())
        except DatabaseError as exc:
            raise UserError(f"恢复失败：{_reason(exc)}服务器上的数据没有改动。") from None
        finally:
            copy.close()
    return expected


@contextmanager
def _current_schema(source: Path) -> Iterator:
    """Yield the backup as a database to copy from, read-only; a backup of an older release is first brought
    up to this release's schema in a temporary copy (the file itself stays as it was)."""
    from wzdesk.office.transfer import sqlite_target

    reading = SqliteDatabase(f"{source.resolve().as_uri()}?mode=ro", uri=True, autoconnect=False)
    with reading.connection_context():
        current = schema_version(reading)
    if current >= SCHEMA_VERSION:
        yield reading
        return
    with tempfile.TemporaryDirectory(prefix="wzdesk-restore-") as folder:
        copy_path = Path(folder) / "backup.sqlite"
        shutil.copyfile(source, copy_path)
        upgraded = sqlite_target(copy_path)
        with upgraded.connection_context(), upgraded.bind_ctx(ALL_MODELS):
            migrate(upgraded)
        yield upgraded


def _reason(exc: DatabaseError) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "lock timeout" in text:
        return "其他电脑正在使用数据库（等了 30 秒仍未让出），请各台电脑先退出问政督办台再恢复。"
    return f"{text}。"


def _drop_app_tables() -> None:
    names = [m._meta.table_name for m in ALL_MODELS] + list(SERVER_TABLES)
    db.execute_sql("DROP TABLE IF EXISTS " + ", ".join(f'"{n}"' for n in names) + " CASCADE")


def _refuse_differing(expected: dict[str, int], copied: dict[str, int]) -> None:
    differing = [f"{t}（备份 {n} 行，恢复后 {copied.get(t)} 行）" for t, n in expected.items() if copied.get(t) != n]
    if differing:
        raise UserError(f"恢复后行数与备份不一致：{'、'.join(differing)}。服务器上的数据没有改动。")


def _refuse_problems(source: Path, problems: list[str]) -> None:
    if problems:
        listed = "；".join(problems[:5]) + ("……" if len(problems) > 5 else "")
        raise UserError(f"备份文件“{source.name}”恢复后台账校验未通过（{len(problems)} 处）：{listed}。"
                        "服务器上的数据没有改动。")


def aside_name(now: datetime) -> str:
    """Return the file name of the copy of a server's content kept before a restore replaces it."""
    name = shown(db.database).rsplit("/", 1)[-1].split("?", 1)[0] or "server"
    return f"{name}-恢复前-{now:%Y%m%d-%H%M%S}.sqlite"
