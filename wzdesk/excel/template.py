"""The office's import template: the columns in order, drop-down lists, and a sheet explaining each column."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from wzdesk.excel import print_layout
from wzdesk.excel.columns import FIELDS, GRADE_LABELS, RATING_LABELS, REQUIRED_COLUMNS, STATUS_LABELS
from wzdesk.excel.writer import FOOTER, Column, set_text, write_table
from wzdesk.files import write_with

CASE_SHEET, NOTES_SHEET, LISTS_SHEET = "诉求清单", "填写说明", "选项"
DATA_ROWS = 5000  # rows below the header that carry the drop-down lists
# Wide enough to type into and to show a moment (16.5: LibreOffice shows ### below 15), narrow enough that
# the blank template prints at 70% or more (wzdesk.excel.print_layout)
WIDTHS = {"code": 18, "title": 24, "content": 36, "lead_department": 24, "co_departments": 24, "phone": 14,
          "address": 20, "received_at": 16.5, "dispatched_at": 16.5, "responded_at": 16.5, "replied_at": 16.5,
          "closed_at": 16.5, "grade": 8, "status": 10, "solved": 10, "rating": 10, "unit_role": 8}
DATE_FORMS = ("2026-10-08 09:05、2026/10/8 9:05、2026-10-08 09:05:00、2026年10月8日（只写日期时按当天 0:00）、"
              "2026/10/8 下午 3:05、20261008、20261008090500、2026-10-08T09:05+08:00，或 Excel 的日期单元格")
NOTES = {
    "code": "平台的工单编号，导入后作为本台账的编号；同一编号再次导入时只更新变化的内容",
    "title": "诉求的简要标题",
    "content": "群众反映的具体内容",
    "category": "从下拉列表选择；填写新的类型时导入会自动新建",
    "channel": "如 12345热线、网络问政、信件",
    "petitioner": "反映人姓名，属于保密信息",
    "phone": "手机或座机号码，可以是数字或文本；带 * 的脱敏号码不会覆盖已有号码",
    "district": "所属区县", "street": "所属街道（乡镇）", "community": "所属社区（村）",
    "address": "事发的详细地址",
    "unit_role": "同一工单按承办单位分行时填写：主办 或 协办；同一编号的各行合并为一件，协办行的单位列为协办单位",
    "replied_at": "承办单位答复的日期时间",
    "received_at": "受理的日期时间；为空时取派单时间",
    "dispatched_at": "派单给承办单位的日期时间；状态为已派单及以后时必填",
    "lead_department": "从下拉列表选择；填写新的单位名称时导入会自动新建；状态为已派单及以后时必填",
    "co_departments": "多个单位之间用 、 , ， ; ； / | 或空格分隔",
    "grade": "小、中、大（也可写 一般、较大、重大）；为空按“小”",
    "responded_at": "承办单位首次响应（签收）的日期时间",
    "status": "从下拉列表选择；导入只会让状态前进，不会倒退",
    "closed_at": "办结的日期时间；状态为已办结时必填",
    "solved": "回访时反映人说问题是否解决：已解决、基本解决（算已解决）或未解决",
    "rating": "群众回访评价",
}
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")


def write_template(out: Path, departments: list[str], categories: list[str]) -> Path:
    """Write the import template to `out`, its 承办单位 and 诉求类型 lists taken from the names given."""
    workbook = Workbook()
    cases = workbook.active
    cases.title = CASE_SHEET
    _write_header(cases)
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"  # long lists live here; the drop-downs point at them
    for validation in _validations(lists, departments, categories):
        cases.add_data_validation(validation)
    _write_notes(workbook.create_sheet(NOTES_SHEET, 1))
    workbook.active = 0
    return write_with(out, workbook.save)


def column_letter(name: str) -> str:
    """Return the template's column letter of a field, e.g. "O" for grade."""
    return get_column_letter([f.name for f in FIELDS].index(name) + 1)


def _write_header(ws: Worksheet) -> None:
    widths = [WIDTHS.get(field.name, 12) for field in FIELDS]
    for index, field in enumerate(FIELDS, 1):
        cell = set_text(ws.cell(1, index), field.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = _REQUIRED_FILL if field.name in REQUIRED_COLUMNS else _HEADER_FILL
        cell.comment = Comment(NOTES[field.name], "问政督办台", height=90, width=260)
        ws.column_dimensions[get_column_letter(index)].width = widths[index - 1]
    ws.row_dimensions[1].height = 28
    ws.freeze_panes = "A2"
    # Printed: landscape, one page wide where that is 70% or more, else at 70% with 工单编号 and 标题 repeated
    print_layout.set_page(ws, print_layout.choose_page(widths), "1:1", "A:B")
    ws.oddFooter.center.text = FOOTER


def _validations(lists: Worksheet, departments: list[str], categories: list[str]) -> list[DataValidation]:
    """Return the drop-down lists of the case sheet, writing the long ones onto the hidden sheet."""
    found = [
        _inline("grade", list(dict.fromkeys(GRADE_LABELS.values()))),
        _inline("status", list(STATUS_LABELS.values())),
        _inline("solved", ["已解决", "基本解决", "未解决"]),
        _inline("rating", list(RATING_LABELS.values())),
    ]
    for column, (name, title, values) in enumerate(
            [("category", "诉求类型", categories), ("lead_department", "承办单位", departments)], 1):
        set_text(lists.cell(1, column), title)
        for row, value in enumerate(values, 2):
            set_text(lists.cell(row, column), value)
        if values:
            letter = get_column_letter(column)
            found.append(_listed(name, f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"))
    return found


def _inline(name: str, words: list[str]) -> DataValidation:
    """Return a strict drop-down of a few fixed words."""
    validation = _listed(name, '"' + ",".join(words) + '"')
    validation.errorStyle = "stop"
    validation.error = "请从下拉列表中选择"
    return validation


def _listed(name: str, source: str) -> DataValidation:
    """Return a drop-down over a source; a name not on the list only warns, since import creates it."""
    letter = column_letter(name)
    validation = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False)
    validation.errorStyle = "warning"
    validation.errorTitle = "不在列表中"
    validation.error = "列表中没有这一项；导入时将新建。确定要这样填写吗？"
    validation.showErrorMessage = True
    validation.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
    return validation


def _write_notes(ws: Worksheet) -> None:
    rows = [(f.header, "是" if f.name in REQUIRED_COLUMNS else "", NOTES[f.name], "、".join(f.aliases))
            for f in FIELDS]
    rows += [("日期时间的写法", "", DATE_FORMS, ""),
             ("表头位置", "", "表头上方可以有一两行标题；列的顺序可以调整，不认识的列不导入，并在导入时逐一列出", "")]
    columns = [Column("列名", 16), Column("必填", 8), Column("说明", 70), Column("也可用的列名", 36)]
    write_table(ws, "诉求清单填写说明", columns, rows,
                subtitle="受理时间和派单时间至少填一项；整张表要么全部导入，要么（有问题时）一行也不导入")
