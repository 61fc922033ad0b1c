"""The SMS outbox: pending progress messages exported for the office's SMS gateway, then marked sent or failed.

The gateway's workbook is the ONE export that carries the petitioner's real phone number (the gateway
cannot send to a masked one); its title says so, and each export is recorded in the ledger.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from wzdesk.errors import UserError
from wzdesk.excel.writer import Column, save_workbook, write_table, xlsx_path
from wzdesk.models import Case, Operator, ProgressMessage, write_transaction
from wzdesk.models import chain as ledger
from wzdesk.office import auth

GATEWAY_COLUMNS = [Column("序号", 10, "integer"), Column("手机号码", 16), Column("短信内容", 80),
                   Column("工单编号", 20)]
GATEWAY_TITLE = "待发短信（含反映人完整手机号码，仅供短信网关发送，严禁外传）"


@dataclass(frozen=True)
class OutboxRow:
    """One message as the outbox page shows it (phone masked there)."""

    id: int
    case_id: int
    code: str
    trigger: str
    text: str
    phone: str
    status: str
    created_at: datetime
    error: str


def outbox_rows(statuses: Iterable[str] = ("pending", "failed"), limit: int = 2000) -> list[OutboxRow]:
    """Return the messages in these states, oldest first."""
    query = (ProgressMessage.select(ProgressMessage, Case.code, Case.petitioner_phone).join(Case)
             .where(ProgressMessage.status.in_(list(statuses))).order_by(ProgressMessage.id).limit(limit))
    return [OutboxRow(m.id, m.case_id, m.case.code, m.trigger, m.text, m.case.petitioner_phone, m.status,
                      m.created_at, m.error) for m in query]


def pending_for_gateway() -> list[OutboxRow]:
    """Return the pending messages that have a number to send to."""
    return [row for row in outbox_rows(("pending",), limit=1_000_000) if row.phone.strip()]


def export_for_gateway(path: Path, at: datetime, operator: Operator) -> list[int]:
    """Write the pending messages as the gateway's workbook; return their ids (the 序号 column).

    The workbook holds full numbers, so only an operator who may see them (reveal_contact) exports it.
    """
    auth.require(operator, "reveal_contact")
    rows = pending_for_gateway()
    if not rows:
        raise UserError("发件箱里没有待发送的短信。")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("待发短信")
    write_table(sheet, GATEWAY_TITLE, GATEWAY_COLUMNS, ([r.id, r.phone.strip(), r.text, r.code] for r in rows),
                subtitle=f"导出时间 {at:%Y-%m-%d %H:%M}　共 {len(rows)} 条　序号即消息编号，回填发送结果时使用")
    path = xlsx_path(path, "短信文件")
    save_workbook(workbook, path)
    ids = [r.id for r in rows]
    with write_transaction():  # revealing numbers is itself recorded (DESIGN.md, Privacy)
        ledger.append(at=at, recorded_at=ledger.wall_clock(), action="outbox_export", operator_id=operator.id,
                      note=f"导出待发短信 {len(ids)} 条（含完整手机号码）到 {path.name}",
                      data={"messages": ids})
    return ids


# SQLite's integers stop at 2**63 - 1; no message number comes near this.
MAX_ID = 10**12


def parse_ids(text: str | Iterable[str]) -> list[int]:
    """Return message ids from "3 5,7-9" style text (or a list of such pieces)."""
    pieces = re.split(r"[\s,，、;；]+", text if isinstance(text, str) else " ".join(text))
    ids: list[int] = []
    for piece in filter(None, pieces):
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", piece)
        if not match:
            raise UserError(f"“{piece}”不是消息序号（例：3 5,7-9）。")
        low, high = int(match[1]), int(match[2] or match[1])
        if high < low or high - low > 100_000 or high > MAX_ID:
            raise UserError(f"序号范围“{piece}”无效。")
        ids.extend(range(low, high + 1))
    if not ids:
        raise UserError("请给出要登记的消息序号。")
    return sorted(set(ids))


def mark(ids: Iterable[int], at: datetime, operator: Operator, failed_reason: str | None = None) -> int:
    """Mark messages sent (or failed with a reason); refuse unknown or already-sent ones; return the count."""
    ids = sorted(set(ids))
    reason = (failed_reason or "").strip()
    if failed_reason is not None and not reason:
        raise UserError("请填写发送失败的原因。")
    found = {m.id: m for m in ProgressMessage.select().where(ProgressMessage.id.in_(ids))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise UserError(f"没有序号为 {'、'.join(map(str, missing[:10]))} 的短信。")
    done = [i for i in ids if found[i].status == "sent"]
    if done:
        raise UserError(f"序号 {'、'.join(map(str, done[:10]))} 的短信已登记为已发送。")
    status = "failed" if failed_reason is not None else "sent"
    with write_transaction():
        ProgressMessage.update(status=status, sent_at=None if reason else at.replace(microsecond=0),
                               error=reason).where(ProgressMessage.id.in_(ids)).execute()
        ledger.append(at=at, recorded_at=ledger.wall_clock(), action="outbox_marked", operator_id=operator.id,
                      note=f"{len(ids)} 条短信登记为" + (f"发送失败：{reason}" if reason else "已发送"),
                      data={"messages": ids, "status": status})
    return len(ids)
