"""Restoring a backup: checked first, the replaced content kept aside, the restored ledger checkpointed."""

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from wzdesk.models import db
from wzdesk.models.base import is_postgres
from wzdesk.office.backup import backup_folder, check_backup, keep_aside
from wzdesk.office.checkpoints import write_beside
from wzdesk.office.database import open_database
from wzdesk.office.roles import require


def restore_from(source: Path, now: datetime, operator, verify: Callable[[], list[str]] | None = None) -> Path:
    """Replace the open database's content with a checked backup; the current content is kept aside first.

    Return the path of the copy made of the content that was replaced. On a shared server the restored
    content is verified before it commits: by `verify` (the problems it finds, in Chinese) when given, else
    by the chain and the guards.
    """
    require(operator, "restore_backup")
    check_backup(source)
    if is_postgres():
        return _restore_server(Path(source), now, verify)
    target = Path(db.database)
    aside = target.with_name(f"{target.stem}-恢复前-{now:%Y%m%d-%H%M%S}.sqlite")
    keep_aside(target, aside)
    with sqlite3.connect(source) as src:
        src.backup(db.connection())  # the online backup API writes it page by page, in one go
    open_database(target)  # an older backup is brought up to this release's schema
    write_beside(target)  # the restored ledger is the one the next opening compares with
    return aside


def _restore_server(source: Path, now: datetime, verify) -> Path:
    from wzdesk.office.server_restore import aside_name, chain_problems, restore_into_server

    aside = keep_aside(db.database, backup_folder() / aside_name(now))
    restore_into_server(source, verify or chain_problems)
    write_beside(db.database)  # this desk's kept checkpoint of the server follows the restored ledger
    return aside
