"""Export a filtered ledger view as a styled workbook that re-imports into wzdesk with nothing lost."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from peewee import JOIN

from wzdesk.board.colours import colour_expression
from wzdesk.errors import UserError
from wzdesk.excel.columns import FIELDS
from wzdesk.excel.template import write_template
from wzdesk.excel.writer import Column, save_workbook, write_table, xlsx_path
from wzdesk.ledger import queries
from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.view import LedgerFilter, LedgerSort, narrowed
from wzdesk.masking import mask_case_text, mask_name, mask_phone
from wzdesk.models import Case, CaseCoDepartment, Category, Department, db
from wzdesk.office import auth, settings
from wzdesk.vocabulary import COLOUR_LABELS, GRADE_LABELS, RATING_LABELS, SOLVED_LABELS, STATUS_LABELS

KINDS = {"received_at": "datetime", "dispatched_at": "datetime", "responded_at": "datetime",
         "replied_at": "datetime", "closed_at": "datetime"}
# "2026-10-08 09:05" needs 16.5 character widths in Calibri 11 and in LibreOffice's Carlito: 19 leaves a margin.
DATE_WIDTH = 19
WIDTHS = {"code": 20, "title": 30, "content": 40, "lead_department": 26, "co_departments": 26, "phone": 15,
          "address": 26, **dict.fromkeys(KINDS, DATE_WIDTH)}
EXPORTED = [f for f in FIELDS if f.name != "unit_role"]  # an exported case is one row: no unit rows
MAX_EXPORT_ROWS = 1_048_576 - 3  # Excel's row limit, less the title, subtitle and header rows
STEP_ROWS = 500  # rows between progress reports: often enough for the bar, rare enough to cost nothing
COLUMNS = [Column(f.header, WIDTHS.get(f.name, 14), KINDS.get(f.name, "text")) for f in EXPORTED] + [
    Column("办理时限", DATE_WIDTH, "datetime"), Column("看板颜色", 10),
]


def export_headers() -> list[str]:
    """Return the export's column headers in their order: the ones a clerk may choose among."""
    return [column.header for column in COLUMNS]


def chosen_columns(headers: list[str] | None) -> list[int]:
    """Return the indexes of the export's columns the clerk chose by header (all of them for None), in order."""
    names = [column.header for column in COLUMNS]
    if not headers:
        return list(range(len(COLUMNS)))
    unknown = [h for h in headers if h not in names]
    if unknown:
        raise UserError(f"没有这些导出列：{'、'.join(unknown)}。可选的列：{'、'.join(names)}")
    return [names.index(h) for h in dict.fromkeys(headers)]


def export_cases(out: Path, flt: queries.CaseFilter, at: datetime, full_by=None,
                 columns: list[str] | None = None) -> int:
    """Write the cases matching `flt` to `out` (template columns first, or the `columns` chosen); return the count.

    Numbers in every column and names are masked, unless `full_by` (an operator with the reveal
    permission) asks for the office's internal full export, which is recorded in the ledger.
    """
    query = queries.case_rows(flt, at)
    out = _checked(out)
    chosen = chosen_columns(columns)
    if full_by is not None:
        auth.require(full_by, "reveal_contact")
    count = _export(out, query, query.count(), at, None, full=full_by is not None, chosen=chosen)
    if full_by is not None:
        _record_full_export(out, count, at, full_by)
    return count


def _record_full_export(out: Path, count: int, at: datetime, operator) -> None:
    """Write the internal full export to the ledger: who, when, how many cases, which file."""
    from wzdesk.models import chain as ledger

    with db.atomic():
        ledger.append(at=at, recorded_at=ledger.wall_clock(), action="full_export", operator_id=operator.id,
                      note=f"内部完整导出 {count} 件（未遮挡姓名和号码）：{out.name}", data={"cases": count})


def export_view(out: Path, flt: LedgerFilter, sort: LedgerSort, at: datetime,
                step: Callable[[int, int], bool] | None = None, columns: list[str] | None = None) -> int | None:
    """Write the ledger window's view (its filter and order) to `out`; return the count, None if cancelled.

    `step(done, total)` is called every few hundred rows; when it returns False nothing is saved.
    """
    out = _checked(out)
    chosen = chosen_columns(columns)
    colour = colour_expression(at, settings.get("red_overdue_days")).alias("colour")
    query = (Case.select(Case, Department.name.alias("lead_name"), colour)
             .join(Department, JOIN.LEFT_OUTER, on=(Case.lead_department == Department.id)))
    return _export(out, narrowed(query, flt, sort, at).objects(), ledger_view.count(flt, at), at, step,
                   chosen=chosen)


def _checked(out: Path) -> Path:
    return xlsx_path(out, "导出文件")


def _export(out: Path, cases, total: int, at: datetime, step: Callable[[int, int], bool] | None,
            full: bool = False, chosen: list[int] | None = None) -> int | None:
    """Write the selected cases as the styled 诉求台账 sheet; return the count, None if `step` cancelled.

    Progress runs over 2 × total: reading the rows, then writing them.
    """
    if total > MAX_EXPORT_ROWS:
        raise UserError(f"要导出的工单有 {total:,} 件，超过 Excel 一张工作表的上限（{MAX_EXPORT_ROWS:,} 行），"
                        "请先筛选（如按受理日期）后分批导出。")
    step = step or (lambda done, total: True)
    co, solved = _co_departments(), _latest_solved()
    categories = {c.id: c.name for c in Category.select(Category.id, Category.name)}
    rows, fills = [], []
    for case in cases:
        row = _row(case, co.get(case.id, ""), categories.get(case.category_id, ""), solved.get(case.id))
        row = row if full else _masked(row, case)
        rows.append(row if chosen is None else [row[i] for i in chosen])
        fills.append(case.colour)
        if len(rows) % STEP_ROWS == 0 and not step(len(rows), 2 * total):
            return None
    if not step(len(rows), 2 * len(rows)):
        return None
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("诉求台账")
    subtitle = f"{settings.get('office_name')}　导出时间 {at:%Y-%m-%d %H:%M}　共 {len(rows)} 件"
    stopped = []
    columns = COLUMNS if chosen is None else [COLUMNS[i] for i in chosen]
    write_table(sheet, "网络问政诉求台账", columns, _stepped(rows, step, len(rows), stopped),
                fills=(fill for fill in fills if not stopped), subtitle=subtitle)
    if stopped or not step(2 * len(rows), 2 * len(rows)):
        sheet.close()  # finish the streamed sheet's temporary file; nothing is saved
        return None
    save_workbook(workbook, out)
    return len(rows)


def _stepped(rows: list, step: Callable[[int, int], bool], total: int, stopped: list):
    """Yield rows, reporting progress; on cancel end early (the fills end with them) and mark it in `stopped`."""
    for done, row in enumerate(rows, 1):
        if done % STEP_ROWS == 0 and not step(total + done, 2 * total):
            stopped.append(done)
            return
        yield row


def _co_departments() -> dict[int, str]:
    # Joined here in department order (the order of SQLite's GROUP_CONCAT over the link's unique index), alike on both.
    sql = (f"SELECT l.case_id, d.name FROM {CaseCoDepartment._meta.table_name} l "
           f"JOIN {Department._meta.table_name} d ON d.id = l.department_id ORDER BY l.case_id, l.department_id")
    names: dict[int, list[str]] = {}
    for case_id, name in db.execute_sql(sql):
        names.setdefault(case_id, []).append(name)
    return {case_id: "、".join(listed) for case_id, listed in names.items()}


def _latest_solved() -> dict[int, bool]:
    """Return case id -> the solved answer of its latest return visit that gave one."""
    sql = ("SELECT r.case_id, r.solved FROM rating r WHERE r.solved IS NOT NULL AND r.id = (SELECT MAX(r2.id)"
           " FROM rating r2 WHERE r2.case_id = r.case_id AND r2.solved IS NOT NULL)")
    return {case_id: bool(answer) for case_id, answer in db.execute_sql(sql).fetchall()}


def _row(case, co_names: str, category: str, solved: bool | None) -> list:
    return [
        case.code, case.title, case.content, category, case.channel, case.petitioner_name,
        case.petitioner_phone, case.district, case.street, case.community, case.received_at,
        case.dispatched_at, case.lead_name or "", co_names, GRADE_LABELS[case.grade], case.responded_at,
        STATUS_LABELS[case.status], case.closed_at, SOLVED_LABELS.get(solved, ""), RATING_LABELS.get(case.rating, ""),
        case.address, case.replied_at, case.due_at,
        COLOUR_LABELS[case.colour],
    ]


_FREE_TEXT = (1, 2, 20)  # 标题, 诉求内容, 事发地址


def _masked(row: list, case) -> list:
    """Return the row as it may leave the office: the name masked, numbers masked wherever they stand."""
    row[5], row[6] = mask_name(row[5]), mask_phone(row[6])
    for index in _FREE_TEXT:
        row[index] = mask_case_text(row[index], case)
    return row


def export_template(out: Path) -> Path:
    """Write the office's import template to `out`, with this database's departments and categories listed."""
    out = _checked(out)
    departments = [d.name for d in Department.select(Department.name).where(Department.active)
                   .order_by(Department.sort_order, Department.id)]
    categories = [c.name for c in Category.select(Category.name).where(Category.active)
                  .order_by(Category.sort_order, Category.id)]
    try:
        return write_template(out, departments, categories)
    except PermissionError:
        raise UserError(f"无法写入“{out}”：文件可能正在 Excel 中打开，请关闭后再试。") from None
