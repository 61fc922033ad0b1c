"""The printed ledger: the current view as a titled table of plain text, capped at a printable size."""

from dataclasses import dataclass
from datetime import datetime

from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.view import LedgerFilter, LedgerRow, LedgerSort
from wzdesk.models import Category, Department
from wzdesk.office import settings
from wzdesk.vocabulary import COLOUR_LABELS, GRADE_LABELS, STATUS_LABELS

PRINT_CAP = 2000  # more rows than this is a job for the Excel export, not the printer
HEADERS = ["序号", "工单编号", "标题", "状态", "分级", "诉求类型", "承办单位", "受理时间", "办理时限", "颜色/超期"]


@dataclass(frozen=True)
class PrintedLedger:
    """What goes on paper: title, filter line, moment, table rows, and whether rows were left off."""

    title: str
    description: str
    at: datetime
    rows: list[list[str]]
    truncated: bool


def describe(flt: LedgerFilter) -> str:
    """Say in words what the filter narrows the ledger to (全部工单 when nothing)."""
    parts = []
    if flt.status:
        parts.append(f"状态：{STATUS_LABELS.get(flt.status, flt.status)}")
    if flt.department_id is not None:
        dept = Department.get_or_none(Department.id == flt.department_id)
        parts.append(f"承办单位：{dept.name if dept else flt.department_id}")
    if flt.grade:
        parts.append(f"分级：{GRADE_LABELS.get(flt.grade, flt.grade)}")
    if flt.category_id is not None:
        category = Category.get_or_none(Category.id == flt.category_id)
        parts.append(f"类型：{category.name if category else flt.category_id}")
    if flt.colour:
        parts.append(f"颜色：{COLOUR_LABELS[flt.colour]}")
    if flt.received_from or flt.received_to:
        parts.append(f"受理日期：{flt.received_from or ''}—{flt.received_to or ''}")
    if flt.overdue_only:
        parts.append("只看超期")
    if flt.supervised_only:
        parts.append("督办清单")
    if flt.text.strip():
        parts.append(f"查找：{flt.text.strip()}")
    return "；".join(parts) if parts else "全部工单"


def _cells(number: int, row: LedgerRow) -> list[str]:
    colour = COLOUR_LABELS[row.colour]
    if row.overdue_days > 0:
        colour += f" 超期 {row.overdue_days:.1f} 天"
    return [str(number), row.code, row.title, STATUS_LABELS.get(row.status, row.status),
            GRADE_LABELS.get(row.grade, row.grade), row.category, row.department or "（未派单）",
            f"{row.received_at:%Y-%m-%d %H:%M}" if row.received_at else "",
            f"{row.due_at:%Y-%m-%d}" if row.due_at else "", colour]


def printed_ledger(flt: LedgerFilter, sort: LedgerSort, at: datetime, cap: int = PRINT_CAP) -> PrintedLedger:
    """Return the view as it will be printed: at most `cap` rows, in the window's order."""
    rows = ledger_view.page(flt, sort, at, 0, cap + 1)
    title = f"{settings.get('office_name')}　全流程台账"
    return PrintedLedger(title, describe(flt), at, [_cells(i + 1, r) for i, r in enumerate(rows[:cap])],
                         len(rows) > cap)
