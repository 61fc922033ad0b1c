"""Issue 20: the same platform list, written by other programs in every shape platforms export, imports exactly.

Writers: openpyxl (.xlsx with a title row and a merged two-row header), xlwt (real Excel 97–2003 .xls),
LibreOffice where installed (its .xls, .ods, HTML, CSV in UTF-8 and GBK, and .xlsx),
hand-written CSV bytes (GBK, GB18030, UTF-8 with a BOM, tab-separated), a hand-written HTML table and a
hand-written XML Spreadsheet 2003, the last two under a ".xls" name as web systems write them.
"""

import shutil
import subprocess
from datetime import datetime
from html import escape

import openpyxl
import pytest
import xlwt

from wzdesk.excel.problems import ImportRefused
from wzdesk.exchange.importer import apply_import, plan_import
from wzdesk.models import Case, CaseCoDepartment, CaseEvent

AT = datetime(2026, 10, 20, 9, 0)
GROUP = "办理情况"  # the two-row shapes put this group over 处理状态 and 办结时间
HEADER = ["工单编号（必填）", "*工单标题", "来电内容", "诉求类型", "问题分类", "来电号码", "来电时间", "派发时间",
          "责任部门", "配合单位", "满意度评价", "备注", "处理状态", "办结时间"]
ROWS = [
    ["GD001", "龙须塘社区路灯不亮", "晚上一片漆黑", "投诉", "路灯", "13812345678 13987654321", "2026/10/8 9:05",
     "2026/10/8 下午 3:05", "邵阳市城管局", "邵阳市住建局/国网邵阳供电公司", "未回访", "", "待签收", ""],
    ["GD002", "工地夜间施工噪音", "十一点后还在施工", "咨询", "噪音", "无", "20261008090500",
     "2026-10-08T10:00+08:00", "邵阳市生态环境局", "", "", "夜间", "已退回", ""],
    ["GD003", "垃圾桶满溢", "两天没清运", "求助", "环卫", "0739-5321234转801", "2026年10月8日", "20261008",
     "双清区龙须塘街道办事处", "邵阳市城管局 邵阳市住建局", "满意", "", "已归档", "2026-10-09 16:30:00"],
    ["GD004", "井盖缺失", "路口井盖丢了", "投诉", "市政设施", 13700001111, 46303.375, "2026/10/8 11:00",
     "邵阳市城管局", "", "", "", "超期", ""],
    ["合计", "共 4 件", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["制表人：张三", "", "", "", "", "", "", "", "", "", "", "", "", ""],
]
EXPECTED = {
    # code: status, lead, co-departments, received, dispatched, closed, phone, rating
    "GD001": ("dispatched", "邵阳市城管局", {"邵阳市住建局", "国网邵阳供电公司"}, datetime(2026, 10, 8, 9, 5),
              datetime(2026, 10, 8, 15, 5), None, "13812345678", ""),
    "GD002": ("returned", "邵阳市生态环境局", set(), datetime(2026, 10, 8, 9, 5), datetime(2026, 10, 8, 10, 0),
              None, "", ""),
    "GD003": ("closed", "双清区龙须塘街道办事处", {"邵阳市城管局", "邵阳市住建局"}, datetime(2026, 10, 8),
              datetime(2026, 10, 8), datetime(2026, 10, 9, 16, 30), "0739-5321234转801", "satisfied"),
    "GD004": ("dispatched", "邵阳市城管局", set(), datetime(2026, 10, 8, 9, 0), datetime(2026, 10, 8, 11, 0),
              None, "13700001111", ""),
}


def _text(value) -> str:
    return str(value)


def write_xlsx(path):
    """openpyxl: a title row, then 办理情况 merged over 处理状态 / 办结时间, the other headers merged down."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "工单"
    ws.append(["12345 热线工单导出（2026年10月）"])
    ws.append([*HEADER[:-2], GROUP, None])
    ws.append([None] * (len(HEADER) - 2) + HEADER[-2:])
    for column in range(1, len(HEADER) - 1):
        ws.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    ws.merge_cells(start_row=2, start_column=len(HEADER) - 1, end_row=2, end_column=len(HEADER))
    for row in ROWS:
        ws.append([value if value != "" else None for value in row])
    wb.save(path)
    return path


def write_xls(path):
    """xlwt: a real Excel 97–2003 file, the phone and a serial written as numbers, one date as a date cell."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("工单")
    sheet.write(0, 0, "工单导出")
    for column, header in enumerate(HEADER):
        sheet.write(1, column, header)
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
    for number, row in enumerate(ROWS, start=2):
        for column, value in enumerate(row):
            if number == 2 and column == 7:
                sheet.write(number, column, datetime(2026, 10, 8, 15, 5), dated)
            elif value != "":
                sheet.write(number, column, value)
    book.save(str(path))
    return path


def csv_bytes(encoding: str, delimiter: str = ",") -> bytes:
    lines = [delimiter.join(HEADER)] + [delimiter.join(_csv_cell(value, delimiter) for value in row) for row in ROWS]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _csv_cell(value, delimiter: str) -> str:
    text = _text(value)
    return f'"{text}"' if delimiter in text or " " in text else text


def html_text() -> str:
    """What web systems save as .xls: an HTML table, a two-row header with rowspan and colspan."""
    top = "".join(f'<th rowspan="2">{escape(h)}</th>' for h in HEADER[:-2]) + f'<th colspan="2">{GROUP}</th>'
    second = "".join(f"<th>{escape(h)}</th>" for h in HEADER[-2:])
    body = "".join("<tr>" + "".join(f"<td>{escape(_text(v))}</td>" for v in row) + "</tr>\n" for row in ROWS)
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>'
            f"<table border=1><tr><td colspan=\"{len(HEADER)}\">工单导出</td></tr>\n<tr>{top}</tr>\n"
            f"<tr>{second}</tr>\n{body}</table></body></html>")


def xml_2003_text() -> str:
    """An XML Spreadsheet 2003: numbers typed Number, a date typed DateTime, the rest String."""
    def cell(value, column):
        if value == "":
            return ""  # an empty cell is left out; the next one says its place with ss:Index
        kind = "Number" if isinstance(value, int | float) else "String"
        return f'<Cell ss:Index="{column + 1}"><Data ss:Type="{kind}">{escape(_text(value))}</Data></Cell>'

    header = "".join(cell(h, c) for c, h in enumerate(HEADER))
    rows = "".join("<Row>" + "".join(cell(v, c) for c, v in enumerate(row)) + "</Row>\n" for row in ROWS)
    rows = rows.replace('<Data ss:Type="String">2026/10/8 下午 3:05</Data>',
                        '<Data ss:Type="DateTime">2026-10-08T15:05:00.000</Data>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
            f'<Worksheet ss:Name="工单"><Table>\n<Row>{header}</Row>\n{rows}</Table></Worksheet></Workbook>')


SHAPES = {
    "xlsx-openpyxl-two-row-header": lambda p: write_xlsx(p / "导出.xlsx"),
    "xls-xlwt": lambda p: write_xls(p / "导出.xls"),
    "csv-gbk": lambda p: _bytes(p / "导出.csv", csv_bytes("gbk")),
    "csv-gb18030": lambda p: _bytes(p / "导出.csv", csv_bytes("gb18030")),
    "csv-utf8-bom": lambda p: _bytes(p / "导出.csv", b"\xef\xbb\xbf" + csv_bytes("utf-8")),
    "csv-utf8-tab": lambda p: _bytes(p / "导出.txt", csv_bytes("utf-8", "\t")),
    "html-as-xls": lambda p: _bytes(p / "导出.xls", html_text().encode("gbk")),
    "xml-2003-as-xls": lambda p: _bytes(p / "导出.xls", xml_2003_text().encode("utf-8")),
}


def _bytes(path, data: bytes):
    path.write_bytes(data)
    return path


def stored(code: str) -> tuple:
    case = Case.by_code(code)
    co = {link.department.name for link in CaseCoDepartment.select().where(CaseCoDepartment.case == case)}
    return (case.status, case.lead_department.name, co, case.received_at, case.dispatched_at, case.closed_at,
            case.petitioner_phone, case.rating)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_shape_imports_exactly(database, operator, tmp_path, shape):
    """Statuses, departments, dates to the minute, phones, co-departments and ratings land as the list says."""
    plan = plan_import(SHAPES[shape](tmp_path))
    apply_import(plan, AT, operator)
    assert {code: stored(code) for code in EXPECTED} == EXPECTED
    assert Case.select().count() == 4
    assert {c.category.name for c in Case.select()} == {"路灯", "噪音", "环卫", "市政设施"}  # 问题分类, not 诉求类型
    intake = CaseEvent.get((CaseEvent.case == Case.by_code("GD001")) & (CaseEvent.action == "intake"))
    # Issue 19: ledger notes are stored masked (they can never be redacted).
    assert "诉求性质：投诉" in intake.note and "其他号码：139****4321" in intake.note
    notes = "\n".join(plan.case_list.notes)
    assert "合计行 1 行" in notes and "表尾（制表人等）行 1 行" in notes
    assert "备注" in plan.case_list.mapping.ignored


def test_a_withdrawn_case_is_closed_and_says_so(database, operator, tmp_path):
    """已撤销 closes the case at its last known moment and the ledger says 已撤销."""
    rows = [[*HEADER[:9], "处理状态"], [*ROWS[0][:8], "邵阳市城管局", "已撤销"]]
    path = tmp_path / "撤销.csv"
    path.write_bytes("\n".join(",".join(_csv_cell(v, ",") for v in row) for row in rows).encode("gbk"))
    apply_import(plan_import(path), AT, operator)
    case = Case.by_code("GD001")
    assert (case.status, case.closed_at) == ("closed", datetime(2026, 10, 8, 15, 5))
    assert CaseEvent.select().where(CaseEvent.note.contains("已撤销")).count() == 1


def test_one_row_per_handling_unit_is_one_case(database, operator, tmp_path):
    """主办 and 协办 rows under one code make one case, the 协办 rows' units its co-departments."""
    header = ["工单编号", "标题", "受理时间", "派单时间", "办理单位", "主协办", "状态"]
    rows = [header,
            ["U1", "积水", "2026-10-08 09:05", "2026-10-08 10:00", "邵阳市住建局", "协办", "处理中"],
            ["U1", "积水", "2026-10-08 09:05", "2026-10-08 10:00", "邵阳市城管局", "主办", "处理中"],
            ["U1", "积水", "2026-10-08 09:05", "2026-10-08 10:00", "国网邵阳供电公司", "协办", "处理中"]]
    path = tmp_path / "分单位.csv"
    path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
    plan = plan_import(path)
    apply_import(plan, AT, operator)
    assert Case.select().count() == 1
    assert stored("U1")[:3] == ("in_progress", "邵阳市城管局", {"邵阳市住建局", "国网邵阳供电公司"})
    assert any("合并为一件" in note for note in plan.case_list.notes)


def test_a_missing_required_column_suggests_the_near_header(database, tmp_path):
    """工单编码 is not a known header: the refusal asks whether it is 工单编号."""
    path = tmp_path / "近似.csv"
    path.write_text("工单编码,标题,受理时间\nA1,噪音,2026-10-08 09:05\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        plan_import(path)
    assert "“工单编号”是不是“工单编码”？" in str(refused.value)


@pytest.mark.parametrize(("content", "says"), [
    (b"PK\x03\x04" + bytes(30), "不是有效的 Excel 工作簿"),
    (b"%PDF-1.7\n", "PDF 文档"),
    (b"\x00\x01\x02\x03binary", "二进制文件"),
])
def test_a_refusal_says_what_the_file_really_is(database, tmp_path, content, says):
    path = tmp_path / "清单.xls"
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as refused:
        plan_import(path)
    assert says in str(refused.value)


LIBREOFFICE = shutil.which("soffice")
# LibreOffice's own writers: its BIFF8 .xls, .ods, HTML table (saved under ".xls", as web systems do), CSV in
# UTF-8 and in GBK (character set 85 of its CSV filter), and an .xlsx it writes back from its .ods.
LIBREOFFICE_SHAPES = {
    "xls": ("xls", "导出.xls"), "ods": ("ods", "导出.ods"), "html-as-xls": ("html", "导出.html"),
    "csv-utf8": ("csv:Text - txt - csv (StarCalc):44,34,76", "导出.csv"),
    "csv-gbk": ("csv:Text - txt - csv (StarCalc):44,34,85", "导出.csv"),
}


def _libreoffice(tmp_path, target: str, source) -> None:
    subprocess.run([LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", target,
                    "--outdir", str(tmp_path / "lo-out"), str(source)], check=True, capture_output=True, timeout=240)


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("shape", list(LIBREOFFICE_SHAPES))
def test_every_shape_libreoffice_writes_imports_exactly(database, operator, tmp_path, shape):
    """The openpyxl list (title row, two-row header, totals and footer) saved by LibreOffice imports the same."""
    target, name = LIBREOFFICE_SHAPES[shape]
    _libreoffice(tmp_path, target, write_xlsx(tmp_path / "导出.xlsx"))
    path = tmp_path / "lo-out" / name
    if shape == "html-as-xls":
        path = path.rename(path.with_name("导出（网页）.xls"))
    if shape == "csv-gbk":
        path.read_bytes().decode("gbk")  # really GBK (not UTF-8): this decodes, and as UTF-8 it would not
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")
    plan = plan_import(path)
    apply_import(plan, AT, operator)
    assert {code: stored(code) for code in EXPECTED} == EXPECTED
    assert Case.select().count() == 4
    assert "备注" in plan.case_list.mapping.ignored
    assert {"跳过合计行 1 行（第 8 行）", "跳过表尾（制表人等）行 1 行（第 9 行）"} <= set(plan.case_list.notes)


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
def test_an_xlsx_libreoffice_writes_back_imports_exactly(database, operator, tmp_path):
    _libreoffice(tmp_path, "ods", write_xlsx(tmp_path / "导出.xlsx"))
    ods = tmp_path / "lo-out" / "导出.ods"
    (tmp_path / "back").mkdir()
    subprocess.run([LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path / "back"), str(ods)], check=True, capture_output=True, timeout=240)
    apply_import(plan_import(tmp_path / "back" / "导出.xlsx"), AT, operator)
    assert {code: stored(code) for code in EXPECTED} == EXPECTED
