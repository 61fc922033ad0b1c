"""The append-only ledger: every event hashed and chained to the one before it."""

import hashlib
import json
from datetime import datetime

from wzdesk.models import CaseEvent

GENESIS = "0" * 64
HASHED_COLUMNS = (
    "id", "case_id", "at", "recorded_at", "action", "from_status", "to_status", "from_department_id",
    "to_department_id", "department_id", "operator_id", "note", "data",
)


def stamp(moment: datetime) -> str:
    """Return the text form SQLite stores for a moment (seconds precision)."""
    return moment.isoformat(" ", "seconds")  # far faster than strftime over millions of events


def digest(prev_hash: str, values: tuple) -> str:
    """Return the hash of an event's columns chained to the previous event's hash."""
    payload = json.dumps([prev_hash, *values], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def last_link() -> tuple[int, str]:
    """Return the id and hash of the newest event, or (0, GENESIS) for an empty ledger."""
    row = CaseEvent.select(CaseEvent.id, CaseEvent.hash).order_by(CaseEvent.id.desc()).first()
    return (row.id, row.hash) if row else (0, GENESIS)


def event_values(row: dict) -> tuple:
    """Return the hashed columns of an event row in their fixed order, as stored text."""
    return tuple(stamp(v) if isinstance(v, datetime) else v for v in (row[c] for c in HASHED_COLUMNS))


def append(**fields) -> CaseEvent:
    """Write one event at the end of the chain; call inside the transaction of the change it records."""
    last_id, prev_hash = last_link()
    row = {
        "id": last_id + 1,
        "case_id": None, "from_status": "", "to_status": "", "from_department_id": None,
        "to_department_id": None, "department_id": None, "note": "", "data": "",
        **fields,
    }
    row["at"] = row["at"].replace(microsecond=0)
    row["recorded_at"] = row["recorded_at"].replace(microsecond=0)
    if isinstance(row["data"], dict):
        row["data"] = json.dumps(row["data"], ensure_ascii=False, sort_keys=True)
    row["prev_hash"] = prev_hash
    row["hash"] = digest(prev_hash, event_values(row))
    CaseEvent.insert(**row).execute()
    return CaseEvent.get_by_id(row["id"])


def wall_clock() -> datetime:
    """Return the desk's clock for `recorded_at` (the business time of an event is passed in)."""
    return datetime.now()


def verify_chain() -> CaseEvent | None:
    """Walk the whole chain; return the first event whose link or content does not match, else None."""
    from wzdesk.models import db

    columns = ", ".join(HASHED_COLUMNS)
    cursor = db.execute_sql(f"SELECT {columns}, prev_hash, hash FROM case_event ORDER BY id")
    prev_hash = GENESIS
    while rows := cursor.fetchmany(10_000):
        for row in rows:
            values, stored_prev, stored_hash = row[:-2], row[-2], row[-1]
            if stored_prev != prev_hash or digest(prev_hash, values) != stored_hash:
                return CaseEvent.get_by_id(row[0])
            prev_hash = stored_hash
    return None
