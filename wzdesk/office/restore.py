"""Restoring a backup: checked first, the replaced content kept aside, the restored ledger checkpointed."""

import sqlite3
from datetime import datetime
from pathlib import Path

from wzdesk.errors import UserError
from wzdesk.models import db
from wzdesk.models.base import is_postgres
from wzdesk.office.backup import check_backup, keep_aside
from wzdesk.office.checkpoints import write_beside
from wzdesk.office.database import open_database
from wzdesk.office.roles import require


def restore_from(source: Path, now: datetime, operator) -> Path:
    """Replace the open database's content with a checked backup; the current content is kept aside first.

    Return the path of the copy made of the content that was replaced.
    """
    require(operator, "restore_backup")
    if is_postgres():
        raise UserError("办公室共享数据库不在本机恢复：请信息科新建一个空数据库，用 python main.py --db 备份文件 "
                        "migrate-db --to postgresql://… 把备份迁入，再让各台电脑改用新库。")
    check_backup(source)
    target = Path(db.database)
    aside = target.with_name(f"{target.stem}-恢复前-{now:%Y%m%d-%H%M%S}.sqlite")
    keep_aside(target, aside)
    with sqlite3.connect(source) as src:
        src.backup(db.connection())  # the online backup API writes it page by page, in one go
    open_database(target)  # an older backup is brought up to this release's schema
    write_beside(target)  # the restored ledger is the one the next opening compares with
    return aside
