"""Checkpoints kept outside the database: beside each backup, and beside the database for the next opening.

A checkpoint `N:H` names the ledger's N-th event by its hash. Someone who edits an event and re-chains
every later one makes a ledger that verifies on its own, but no longer holds a checkpoint taken before.
"""

from pathlib import Path

from wzdesk import files
from wzdesk.errors import UserError
from wzdesk.models import chain as ledger
from wzdesk.models import db

# What the last opening of a database put back (guard triggers), written by office.database.
OPENING_REPAIRS: list[str] = []

SUFFIX = ".checkpoint"


def beside(path: Path | str) -> Path:
    """Return the checkpoint file kept beside a database or a backup: `NAME.checkpoint`."""
    path = Path(path)
    return path.with_name(path.name + SUFFIX)


def write_beside(path: Path | str, connection=None) -> Path:
    """Write the ledger's checkpoint (the open database's, or `connection`'s) beside `path`, atomically."""
    return files.write_bytes(beside(path), (ledger.checkpoint(connection) + "\n").encode("ascii"))


def read_beside(path: Path | str) -> str | None:
    """Return the checkpoint kept beside `path`, or None when there is none."""
    kept = beside(path)
    return kept.read_text(encoding="ascii").strip() if kept.is_file() else None


def kept_breach(path: Path | str, connection=None) -> str | None:
    """Say in Chinese how the ledger no longer holds the checkpoint kept beside `path`, or None if it does.

    The kept checkpoint follows every write the app makes (KeptCheckpoint), so a ledger longer than it
    holds events the app did not write: forged ones appended behind its back. A file without a kept
    checkpoint (first opening, or a backup made before this release) has nothing to compare with; a kept
    file that cannot be read is itself reported.
    """
    try:
        text = read_beside(path)
        if text is None:
            return None
        breach = ledger.checkpoint_breach(text, connection)
        grown = None if breach is not None else _unrecorded(text, connection)
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
    the transaction's events begin where the kept checkpoint ends, the kept file moves to the new end;
    when they begin later, events were added that no run of the app recorded, and the kept checkpoint
    stays where it was, so the next opening (and audit-verify) names them. Writing the small file
    without a sync is what makes this cheap enough for every write.

    This holds for a SQLite file used by one desk (a file on a network share is refused, DESIGN.md "One
    office, several desks"): every writer of that file is this app on this PC, each run following the
    same kept file beside it. On a shared PostgreSQL server other desks append legitimately between this
    desk's writes, so there the check would need each desk's own record of the events it wrote; it is
    not applied there (open_database follows SQLite files only).
    """

    def __init__(self, database: Path | str):
        self.database = Path(database)

    def before_commit(self, start: tuple[int, str]):
        """Advance the kept checkpoint if this transaction's events follow it; return how to undo that."""
        try:
            kept = read_beside(self.database)
        except (OSError, UnicodeDecodeError):
            return None  # an unreadable kept file stays as it is: the opening reports it
        if kept is not None and kept.partition(":")[2].strip().lower() != start[1][:16]:
            return None  # events stand between the kept checkpoint and this transaction's
        return self._advance(kept)

    def _advance(self, kept: str | None):
        events, last_hash = _head_now()
        try:
            files.write_quick(beside(self.database), f"{events}:{last_hash[:16]}\n".encode("ascii"))
        except UserError:
            return None  # a read-only folder keeps no checkpoint; the ledger itself is unchanged
        if kept is None:
            return lambda: beside(self.database).unlink(missing_ok=True)
        return lambda: files.write_quick(beside(self.database), (kept + "\n").encode("ascii"))


def _head_now() -> tuple[int, str]:
    """Return the ledger's event count and last hash inside the open transaction (kept by the insert trigger)."""
    row = db.execute_sql("SELECT events, last_hash FROM ledger_head").fetchone()
    if row is None:
        count = db.execute_sql("SELECT count(*) FROM case_event").fetchone()[0]
        return count, ledger.last_link()[1]
    return row[0], row[1] or ledger.GENESIS


def follow(database: Path | str) -> None:
    """Let every commit that writes events advance the kept checkpoint of this SQLite file."""
    db.commit_guard = KeptCheckpoint(database)


def unfollow() -> None:
    """Stop following a database (when it is closed)."""
    db.commit_guard = None


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
