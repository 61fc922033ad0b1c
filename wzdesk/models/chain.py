"""The append-only ledger: every event hashed and chained to the one before it."""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from json.encoder import c_make_encoder, encode_basestring

from peewee import JOIN

from wzdesk.errors import SessionEnded, UserError
from wzdesk.masking import mask_text
from wzdesk.models import Case, CaseEvent, Department
from wzdesk.models.base import hold_write_lock, sqlite_db
from wzdesk.vocabulary import ROLE_LABELS

GENESIS = "0" * 64
HASHED_COLUMNS = (
    "id", "case_id", "at", "recorded_at", "action", "from_status", "to_status", "from_department_id",
    "to_department_id", "department_id", "operator_id", "note", "data",
)


def stamp(moment: datetime) -> str:
    """Return the text form SQLite stores for a moment (seconds precision)."""
    return moment.isoformat(" ", "seconds")  # far faster than strftime over millions of events


# json.dumps(..., ensure_ascii=False, separators=(",", ":")) for the hash, and json.dumps(...,
# ensure_ascii=False, sort_keys=True) for a state's data. Each encoder call builds and throws away the C
# encoder behind it (a third of a large import's Python work), so where the interpreter has it, it is built
# once here: the same function json.JSONEncoder.encode calls, with the same arguments.
_ENCODE_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_ENCODE_SORTED_ONCE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _not_json(value):
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _built_once(fallback, key_separator: str, item_separator: str, sort_keys: bool):
    """Return fallback's encoding as one reused C encoder, or fallback itself without one."""
    if c_make_encoder is None:
        return fallback
    encoder = c_make_encoder(None, _not_json, encode_basestring, None, key_separator, item_separator,
                             sort_keys, False, True)
    return lambda value: "".join(encoder(value, 0))


_ENCODE = _built_once(_ENCODE_COMPACT, ":", ",", False)
_ENCODE_SORTED = _built_once(_ENCODE_SORTED_ONCE, ": ", ", ", True)


def digest(prev_hash: str, values: tuple) -> str:
    """Return the hash of an event's columns chained to the previous event's hash."""
    return hashlib.sha256(_ENCODE([prev_hash, *values]).encode("utf-8")).hexdigest()


# What an event stores in its prev_hash column: nothing. The link is the hash of the event before it in
# the linear chain, which the walk has in hand (verify_chain), and the hash of each event covers it; a
# copy per event was 65 bytes of every event (a tenth of a case's bytes, bench/size.py). Events written
# before keep theirs, and the walk still compares them.
LINK_KEPT = ""


def link(prev_hash: str, values: tuple) -> tuple:
    """Return an event's stored values followed by its prev_hash column (LINK_KEPT) and its hash chained
    to `prev_hash`, for a bulk insert."""
    return (*values, LINK_KEPT, digest(prev_hash, values))


def last_link() -> tuple[int, str]:
    """Return the id and hash of the newest event, or (0, GENESIS) for an empty ledger, for an append: on a
    server the write lock is taken first, whatever transaction the caller opened, so appends take turns;
    on SQLite the transaction notes where its events begin (models/base.py)."""
    from wzdesk.models import db

    hold_write_lock()
    row = CaseEvent.select(CaseEvent.id, CaseEvent.hash).order_by(CaseEvent.id.desc()).first()
    found = (row.id, row.hash) if row else (0, GENESIS)
    if db.obj is sqlite_db:
        sqlite_db.note_start(*found)
    return found


def event_values(row: dict) -> tuple:
    """Return the hashed columns of an event row in their fixed order, as stored text."""
    return tuple(stamp(v) if isinstance(v, datetime) else v for v in (row[c] for c in HASHED_COLUMNS))


def chain_row(event_id: int, prev_hash: str, fields: dict) -> dict:
    """Return the full event row for `fields` with this id, linked to and hashed after `prev_hash`."""
    row = _complete(event_id, fields)
    row["prev_hash"] = LINK_KEPT
    row["hash"] = digest(prev_hash, event_values(row))
    return row


def stored_values(event_id: int, *, case_id: int, at: datetime, recorded_at: str, action: str, from_status: str,
                  to_status: str, operator_id: int, from_department_id: int | None = None,
                  to_department_id: int | None = None, department_id: int | None = None, note: str = "",
                  data: str | dict = "", state: dict | None = None) -> tuple:
    """Return the hashed columns of an event as stored, in HASHED_COLUMNS order, for a bulk writer that
    stamps its batch once (recorded_at is already text; stamp() drops the fraction of a second).

    `state` is the case as the event leaves it (case_state()), kept in the data for the replay."""
    return (event_id, case_id, stamp(at), recorded_at, action, from_status, to_status, from_department_id,
            to_department_id, department_id, operator_id, mask_text(note), _with_state(data, state))


def case_state(case) -> dict:
    """Return what the replay checks of a case as an event leaves it: status, lead department (id and
    name, so a later rename is seen), due moment, flags and rating."""
    lead = case.lead_department if case.lead_department_id else None
    return {
        "status": case.status,
        "lead": [lead.id, lead.name] if lead is not None else None,
        "due": stamp(case.due_at) if case.due_at else None,
        "flags": [bool(case.flag_complaint), bool(case.flag_false_closure), bool(case.flag_duty_breach)],
        "rating": case.rating or "",
    }


def _stored_state(case_id: int) -> dict | None:
    case = (Case.select(Case, Department).join(Department, JOIN.LEFT_OUTER, on=(Case.lead_department == Department.id))
            .where(Case.id == case_id).first())
    return case_state(case) if case is not None else None


def _with_state(data: str | dict, state: dict | None) -> str:
    """Return the event's data as stored JSON text, with the case's state under "state" when given."""
    if state is None and not isinstance(data, dict):
        return data or ""
    if not data and state is not None:  # most events: the state alone, without a dict built around it
        return '{"state": ' + _ENCODE_SORTED(state) + "}"
    values = dict(data) if isinstance(data, dict) else json.loads(data)
    if state is not None:
        values["state"] = state
    return _ENCODE_SORTED(values)


def _complete(event_id: int, fields: dict) -> dict:
    """Return an event row with every hashed column filled in, moments cut to the second."""
    row = {
        "id": event_id,
        "case_id": None, "from_status": "", "to_status": "", "from_department_id": None,
        "to_department_id": None, "department_id": None, "note": "", "data": "",
        **fields,
    }
    row["at"] = row["at"].replace(microsecond=0)
    row["recorded_at"] = row["recorded_at"].replace(microsecond=0)
    row["note"] = mask_text(row["note"])  # the ledger can never be redacted, so no number enters it
    state = _stored_state(row["case_id"]) if row["case_id"] is not None else None
    row["data"] = _with_state(row["data"], state)
    return row


# The role each account signed in on this desk held at sign-in (auth.sign_in): a session whose account was
# given another role since ends, as one whose account was stopped does.
SIGNED_IN: dict[int, str] = {}


def check_writer(operator_id: int, action: str = "") -> None:
    """Refuse a write by an account stopped, removed or given another role since it signed in, read fresh
    from the database at the moment of the write; every event passes here (bulk writers once a batch)."""
    from wzdesk.models import db

    if action == "sign_in_failed":  # a stopped account's failed attempt is still recorded
        return
    row = db.execute_sql("SELECT active, role, display_name FROM operator WHERE id = ?", (operator_id,)).fetchone()
    if row is None:
        raise SessionEnded("当前操作员的账号已不存在，本次登录已结束，不能再办理任何事项。")
    active, role, name = row
    if not active:
        raise SessionEnded(f"账号“{name}”已被停用，本次登录已结束，不能再办理任何事项。")
    signed_as = SIGNED_IN.get(operator_id, role)
    if signed_as != role:
        raise SessionEnded(f"账号“{name}”的角色已由{ROLE_LABELS.get(signed_as, signed_as)}改为"
                           f"{ROLE_LABELS.get(role, role)}，本次登录已结束，请重新登录。")


def append(**fields) -> CaseEvent:
    """Write one event at the end of the chain; call inside the transaction of the change it records."""
    from wzdesk.models import db

    if not db.transaction_depth():  # every event is committed through the guard of models/base.py
        with db.atomic():
            return append(**fields)
    check_writer(fields["operator_id"], fields.get("action", ""))
    last_id, prev_hash = last_link()
    row = chain_row(last_id + 1, prev_hash, fields)
    CaseEvent.insert(**row).execute()
    return CaseEvent.get_by_id(row["id"])


def append_on_cases(cases: list, *, at: datetime, action: str, operator_id: int, department_id: int | None,
                    note: str, data: dict) -> None:
    """Write the same event on each case, its status unchanged, or one case-less event when there is none:
    what a document, an interview or a sanction about several cases records."""
    for case in cases:
        append(case_id=case.id, at=at, recorded_at=wall_clock(), action=action, from_status=case.status,
               to_status=case.status, operator_id=operator_id, department_id=department_id, note=note, data=data)
    if not cases:
        append(case_id=None, at=at, recorded_at=wall_clock(), action=action, operator_id=operator_id,
               department_id=department_id, note=note, data=data)


def wall_clock() -> datetime:
    """Return the desk's clock for `recorded_at` (the business time of an event is passed in)."""
    return datetime.now()


@dataclass(frozen=True)
class Breach:
    """The first place the ledger does not hold together: the event (if any) and what is wrong."""

    message: str
    event_id: int | None = None
    case_code: str | None = None
    at: str | None = None


def verify_chain(connection=None, tick=None) -> Breach | None:
    """Walk the whole chain and compare its end with the kept head; return the first breach, or None.

    `connection` is a plain sqlite3 connection to check another file (a backup); default the open database.
    `tick(rows)` is told of each batch walked (a progress dialog; it may raise to stop the walk).
    """
    from wzdesk.models import db

    execute = connection.execute if connection is not None else db.execute_sql
    columns = ", ".join(HASHED_COLUMNS)
    cursor = execute(f"SELECT {columns}, prev_hash, hash FROM case_event ORDER BY id")
    prev_id, prev_hash, count = 0, GENESIS, 0
    while rows := cursor.fetchmany(10_000):
        for row in rows:
            values, stored_prev, stored_hash = row[:-2], row[-2], row[-1]
            # An event that keeps no link (LINK_KEPT) follows the one before it by number: a gap is a
            # deletion; an edit of the one before shows in its own hash, a re-hashed one in this one's.
            if stored_prev != prev_hash and (stored_prev or row[0] != prev_id + 1):
                return _breach(execute, row, f"第 {row[0]} 号记录之前的记录被删除或改动")
            if digest(prev_hash, values) != stored_hash:
                return _breach(execute, row, f"第 {row[0]} 号记录的内容被改动")
            prev_id, prev_hash, count = row[0], stored_hash, count + 1
        if tick is not None:
            tick(len(rows))
    return _check_head(execute, prev_id, prev_hash, count)


def _breach(execute, row: tuple, message: str) -> Breach:
    case_id, at = row[1], row[2]
    code = execute('SELECT code FROM "case" WHERE id = ?', (case_id,)).fetchone() if case_id else None
    return Breach(message, row[0], code[0] if code else None, at)


def _check_head(execute, last_id: int, last_hash: str, count: int) -> Breach | None:
    """Catch events cut off the end of the chain, which leave every remaining link intact."""
    head = execute("SELECT last_id, last_hash, events FROM ledger_head").fetchone()
    if head is None:
        return Breach("台账的链尾记录（ledger_head）不见了")
    if (head[0], head[2]) != (last_id, count) or (count and head[1] != last_hash):
        return Breach(f"台账末尾的记录被删除：应有 {head[2]} 条、最后一条为第 {head[0]} 号，"
                      f"现有 {count} 条、最后一条为第 {last_id} 号")
    return None


def _executor(connection=None):
    from wzdesk.models import db

    return connection.execute if connection is not None else db.execute_sql


def checkpoint(connection=None) -> str:
    """Return the ledger's checkpoint `N:H`: its event count and the first 16 hex digits of the N-th event's hash."""
    execute = _executor(connection)
    count = execute("SELECT count(*) FROM case_event").fetchone()[0]
    return f"{count}:{(_nth_hash(execute, count) or GENESIS)[:16]}"


def _nth_hash(execute, n: int) -> str | None:
    """Return the hash of the n-th event in chain order (1-based), or None when the ledger is shorter."""
    if n <= 0:
        return GENESIS
    row = execute("SELECT hash FROM case_event ORDER BY id LIMIT 1 OFFSET ?", (n - 1,)).fetchone()
    return row[0] if row else None


def parse_checkpoint(text: str) -> tuple[int, str]:
    """Return (N, H) of a checkpoint written `N:H`, or refuse it in Chinese."""
    count, _, head = (text or "").strip().partition(":")
    head = head.strip().lower()
    if not count.strip().isdigit() or len(head) != 16 or any(c not in "0123456789abcdef" for c in head):
        raise UserError(f"校验点“{text}”格式不对：应为“记录条数:16位十六进制”，如 5000:3fa2c19e0b7d4e61。")
    return int(count), head


def checkpoint_breach(text: str, connection=None) -> Breach | None:
    """Return how the ledger no longer holds the link a checkpoint saw, or None when it still holds.

    A ledger that grew since still holds it; an edited, re-chained, cut, wiped or rewritten one does not.
    """
    count, head = parse_checkpoint(text)
    execute = _executor(connection)
    nth = _nth_hash(execute, count)
    if nth is None:
        now = execute("SELECT count(*) FROM case_event").fetchone()[0]
        return Breach(f"校验点 {count}:{head} 记录时台账有 {count} 条记录，现在只有 {now} 条：记录被删除")
    if not nth.startswith(head):
        return Breach(f"台账第 {count} 条记录已不是校验点 {count}:{head} 所见的那一条："
                      "此前的记录被改动后重新计算了校验链")
    return None
