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
from wzdesk.models import db
from wzdesk.models.base import sqlite_db
from wzdesk.models.postgres_db import is_url
from wzdesk.office.paths import data_dir

# What the last opening of a database put back (guard triggers), written by office.database.
OPENING_REPAIRS: list[str] = []

SUFFIX = ".checkpoint"
PENDING = "pending "


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
    return _read_kept(path)[0]


def _read_kept(path: Path | str) -> tuple[str | None, str | None]:
    """Return the kept checkpoint and the one of a commit that was under way (or None for either).

    The file holds one line `N:H`, and while a commit that writes events is under way a second line
    `pending M:H2`: the end the ledger has if that commit went through (see KeptCheckpoint)."""
    kept = beside(path)
    if not kept.is_file():
        return None, None
    lines = kept.read_text(encoding="ascii").split("\n")
    pending = next((line.removeprefix(PENDING).strip() for line in lines[1:] if line.startswith(PENDING)), None)
    return lines[0].strip(), pending


def kept_breach(path: Path | str, connection=None) -> str | None:
    """Say in Chinese how the ledger no longer holds the checkpoint kept beside `path`, or None if it does.

    The kept checkpoint follows every write the app makes (KeptCheckpoint), so a ledger longer than it
    holds events the app did not write: forged ones appended behind its back. A file without a kept
    checkpoint (first opening, or a backup made before this release) has nothing to compare with; a kept
    file that cannot be read is itself reported.
    """
    try:
        text, pending = _read_kept(path)
        if text is None:
            return None
        breach = ledger.checkpoint_breach(text, connection)
        if breach is None and pending is not None and ledger.checkpoint_breach(pending, connection) is None:
            text = pending  # the commit under way went through before its end could be confirmed
        # On a shared server other desks append too: a longer ledger there is no sign of forgery, only a
        # SQLite file used by one desk has a kept checkpoint that follows every write (KeptCheckpoint).
        grown = None if breach is not None or is_url(path) else _unrecorded(text, connection)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return f"保存的校验点文件“{beside(path).name}”无法读取：{exc}"
    except UserError as exc:  # a malformed kept file is reported, not raised
        return f"保存的校验点文件“{beside(path).name}”内容无效：{exc}"
    if breach is not None:
        return f"与上次保存的校验点 {text} 不符：{breach.message}"
    return grown


def _unrecorded(text: str, connection=None) -> str | None:
    """Say which events stand after the kept checkpoint `text` (none the app wrote), or None."""
    count, _head = ledger.parse_checkpoint(text)
    execute = connection.execute if connection is not None else db.execute_sql
    now = execute("SELECT count(*) FROM case_event").fetchone()[0]
    if now <= count:
        return None
    first = execute('SELECT e.id, e.at, e.action, c.code FROM case_event e LEFT JOIN "case" c ON c.id = e.case_id'
                    " ORDER BY e.id LIMIT 1 OFFSET ?", (count,)).fetchone()
    where = f"工单 {first[3]}，" if first[3] else ""
    return (f"本机保存的校验点 {text} 之后，台账多了 {now - count} 条不是本程序写入的记录"
            f"（从第 {first[0]} 号起：{where}{str(first[1])[:16]}，{first[2]}）：可能有人在程序之外追加了伪造的记录")


class KeptCheckpoint:
    """This desk's checkpoint of one SQLite file, advanced by every commit of the app that writes events.

    Called by the database handle just before such a commit, under the write lock (models/base.py): when
    the transaction's events begin where the kept checkpoint ends, the new end is written beside it as
    pending, and once the commit went through it becomes the kept checkpoint (a crash in between leaves
    both lines, and the opening takes the pending one only if the ledger holds it). When the events
    begin later, events were added that no run of the app recorded: the kept checkpoint stays where it
    was, so the next opening (and audit-verify) names them. Writing the small file without a sync is
    what makes this cheap enough for every write.

    This holds for a SQLite file used by one desk (a file on a network share is refused, DESIGN.md "One
    office, several desks"): every writer of that file is this app on this PC, each run following the
    same kept file beside it. On a shared PostgreSQL server other desks append legitimately between this
    desk's writes, so there the check would need each desk's own record of the events it wrote; it is
    not applied there (open_database follows SQLite files only).
    """

    def __init__(self, database: Path | str):
        self.database = Path(database)

    def before_commit(self, start: tuple[int, str]):
        """Write the end this commit gives as pending if its events follow the kept checkpoint; return the
        commit's _Pending (confirm after the commit, undo if it fails), or None."""
        try:
            kept, pending = _read_kept(self.database)
        except (OSError, UnicodeDecodeError):
            return None  # an unreadable kept file stays as it is: the opening reports it
        base = next((c for c in (kept, pending) if c is not None and _hash_of(c) == start[1][:16]), None)
        if kept is not None and base is None:
            return None  # events stand between the kept checkpoint and this transaction's
        events, last_hash = _head_now()
        step = _Pending(beside(self.database), base, f"{events}:{last_hash[:16]}")
        return step if step.write(f"{base}\n{PENDING}{step.new}\n" if base else f"{PENDING}{step.new}\n") else None


def _hash_of(text: str) -> str:
    return text.partition(":")[2].strip().lower()


class _Pending:
    """One commit's move of the kept checkpoint from `base` to `new`."""

    def __init__(self, file: Path, base: str | None, new: str):
        self.file, self.base, self.new = file, base, new

    def write(self, text: str) -> bool:
        try:
            files.write_quick(self.file, text.encode("ascii"))
        except UserError:
            return False  # a read-only folder keeps no checkpoint; the ledger itself is unchanged
        return True

    def confirm(self) -> None:
        """The commit went through: the new end is the kept checkpoint."""
        self.write(f"{self.new}\n")

    def undo(self) -> None:
        """The commit failed: the kept checkpoint is the one before."""
        if self.base is None:
            self.file.unlink(missing_ok=True)
        else:
            self.write(f"{self.base}\n")


def _head_now() -> tuple[int, str]:
    """Return the ledger's event count and last hash inside the open transaction (kept by the insert trigger)."""
    row = db.execute_sql("SELECT events, last_hash FROM ledger_head").fetchone()
    if row is None:
        count = db.execute_sql("SELECT count(*) FROM case_event").fetchone()[0]
        return count, ledger.last_link()[1]
    return row[0], row[1] or ledger.GENESIS


def follow(database: Path | str) -> None:
    """Let every commit that writes events advance the kept checkpoint of this SQLite file."""
    sqlite_db.commit_guard = KeptCheckpoint(database)


def unfollow() -> None:
    """Stop following a database (when it is closed)."""
    sqlite_db.commit_guard = None


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
