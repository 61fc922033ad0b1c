"""Export a filtered ledger view as a styled workbook that re-imports into wzdesk with nothing lost."""

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from wzdesk import queries, settings
from wzdesk.errors import UserError
from wzdesk.excel.columns import FIELDS
from wzdesk.excel.writer import Column, write_table
from wzdesk.models import CaseCoDepartment, Category, Department, db
from wzdesk.privacy import mask_phone
from wzdesk.vocabulary import COLOUR_LABELS, GRADE_LABELS, RATING_LABELS, STATUS_LABELS

WIDTHS = {"code": 20, "title": 30, "content": 40, "lead_department": 26, "co_departments": 26}
KINDS = {"received_at": "datetime", "dispatched_at": "datetime", "responded_at": "datetime",
         "closed_at": "datetime"}
COLUMNS = [Column(f.header, WIDTHS.get(f.name, 14), KINDS.get(f.name, "text")) for f in FIELDS] + [
    Column("办理时限", 18, "datetime"), Column("看板颜色", 10),
]


def export_cases(out: Path, flt: queries.CaseFilter, at: datetime) -> int:
    """Write the cases matching `flt` to `out` (template columns first, phones masked); return the count."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"导出文件应以 .xlsx 结尾：{out.name}")
    if not out.parent.exists():
        raise UserError(f"导出文件夹不存在：{out.parent}")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("诉求台账")
    rows, fills = [], []
    co = _co_departments()
    categories = {c.id: c.name for c in Category.select(Category.id, Category.name)}
    for case in queries.case_rows(flt, at):
        rows.append(_row(case, co.get(case.id, ""), categories.get(case.category_id, "")))
        fills.append(case.colour)
    subtitle = f"{settings.get('office_name')}　导出时间 {at:%Y-%m-%d %H:%M}　共 {len(rows)} 件"
    write_table(sheet, "网络问政诉求台账", COLUMNS, rows, fills=fills, subtitle=subtitle)
    try:
        workbook.save(out)
    except PermissionError:
        raise UserError(f"无法写入“{out}”：文件可能正在 Excel 中打开，请关闭后再试。") from None
    return len(rows)


def _co_departments() -> dict[int, str]:
    sql = (f"SELECT l.case_id, GROUP_CONCAT(d.name, '、') FROM {CaseCoDepartment._meta.table_name} l "
           f"JOIN {Department._meta.table_name} d ON d.id = l.department_id GROUP BY l.case_id")
    return dict(db.execute_sql(sql).fetchall())


def _row(case, co_names: str, category: str) -> list:
    return [
        case.code, case.title, case.content, category, case.channel, case.petitioner_name,
        mask_phone(case.petitioner_phone), case.district, case.street, case.community, case.received_at,
        case.dispatched_at, case.lead_name or "", co_names, GRADE_LABELS[case.grade], case.responded_at,
        STATUS_LABELS[case.status], case.closed_at, RATING_LABELS.get(case.rating, ""), case.due_at,
        COLOUR_LABELS[case.colour],
    ]
