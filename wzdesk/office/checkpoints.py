"""Checkpoints kept outside the database: beside each backup, and beside the database for the next opening.

A checkpoint `N:H` names the ledger's N-th event by its hash. Someone who edits an event and re-chains
every later one makes a ledger that verifies on its own, but no longer holds a checkpoint taken before.
"""

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

from wzdesk import files
from wzdesk.errors import UserError
from wzdesk.models import chain as ledger
from wzdesk.models.postgres_db import is_url
from wzdesk.office.paths import data_dir

# What the last opening of a database put back (guard triggers), written by office.database.
OPENING_REPAIRS: list[str] = []

SUFFIX = ".checkpoint"


def beside(path: Path | str) -> Path:
    """Return the checkpoint file kept beside a database or a backup: `NAME.checkpoint`.

    A shared server's is kept in this desk's data folder, one per server and database."""
    if is_url(path):
        return server_checkpoint(str(path))
    path = Path(path)
    return path.with_name(path.name + SUFFIX)


def server_checkpoint(url: str) -> Path:
    """Return this desk's checkpoint file of a server's database (named by host and database, not password)."""
    parts = urlsplit(url)
    where = f"{parts.hostname or ''}:{parts.port or ''}/{parts.path.lstrip('/')}?{parts.query}"
    folder = data_dir() / "checkpoints"
    folder.mkdir(exist_ok=True)
    return folder / f"server-{hashlib.sha256(where.encode('utf-8')).hexdigest()[:16]}{SUFFIX}"


def write_beside(path: Path | str, connection=None) -> Path:
    """Write the ledger's checkpoint (the open database's, or `connection`'s) beside `path`, atomically."""
    return files.write_bytes(beside(path), (ledger.checkpoint(connection) + "\n").encode("ascii"))


def read_beside(path: Path | str) -> str | None:
    """Return the checkpoint kept beside `path`, or None when there is none."""
    kept = beside(path)
    return kept.read_text(encoding="ascii").strip() if kept.is_file() else None


def kept_breach(path: Path | str, connection=None) -> str | None:
    """Say in Chinese how the ledger no longer holds the checkpoint kept beside `path`, or None if it does.

    A file without a kept checkpoint (first opening, or a backup made before this release) has nothing to
    compare with; a kept file that cannot be read is itself reported.
    """
    try:
        text = read_beside(path)
        if text is None:
            return None
        breach = ledger.checkpoint_breach(text, connection)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return f"保存的校验点文件“{beside(path).name}”无法读取：{exc}"
    except UserError as exc:  # a malformed kept file is reported, not raised
        return f"保存的校验点文件“{beside(path).name}”内容无效：{exc}"
    return None if breach is None else f"与上次保存的校验点 {text} 不符：{breach.message}"


def opening_warnings(database: Path | str) -> list[str]:
    """Return the loud warnings of an opening: guards put back, and a kept checkpoint the ledger broke."""
    warnings = list(OPENING_REPAIRS)
    broken = kept_breach(database)
    if broken is not None:
        warnings.append(f"台账可能被篡改：{broken}。请勿继续录入，运行 audit-verify 核查，必要时从备份恢复。")
    return warnings


def keep(database: Path | str) -> str | None:
    """Keep the ledger's checkpoint beside the database, unless it broke the one kept before (that one
    stays, so the warning repeats until someone looks); return the checkpoint kept, or None."""
    if kept_breach(database) is not None:
        return None
    try:
        write_beside(database)
    except UserError:
        return None  # a read-only folder keeps no checkpoint; the ledger itself is unchanged
    return ledger.checkpoint()
