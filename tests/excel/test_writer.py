"""Styled export sheets, read back with openpyxl and with python-calamine."""

import time
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from wzdesk.excel.writer import BOARD_FILLS, FOOTER, MAX_CELL_TEXT, Column, safe_text, write_table

COLUMNS = [
    Column("工单编号", 18),
    Column("受理时间", 17, "datetime"),
    Column("办结日期", 12, "date"),
    Column("天数", 8, "integer"),
    Column("得分", 10, "number"),
    Column("满意率", 9, "percent"),
]
ROWS = [
    ["WZ-2026-000001", datetime(2026, 10, 8, 9, 5), date(2026, 10, 9), 3, 87.5, 0.925],
    ["WZ-2026-000002", datetime(2026, 10, 8, 15, 30), None, 12, 60.0, 0.5],
    ["WZ-2026-000003", None, None, 0, None, 1.0],
]
RISKY = [
    "=1+1", "+8613812345678", "-5", "@SUM(A1)", '  =HYPERLINK("x")', "\t=cmd|' /C calc'!A0", "#N/A", "-",
]


def save(tmp_path: Path, write_only: bool, rows=ROWS, **options) -> Path:
    """Write the test table in either workbook mode and return the saved file."""
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("台账") if write_only else workbook.active
    if not write_only:
        sheet.title = "台账"
    write_table(sheet, "工单台账", COLUMNS, rows, **options)
    path = tmp_path / "导出 台账.xlsx"
    workbook.save(path)
    return path


def calamine_rows(path: Path, sheet: str = "台账") -> list[list[object]]:
    """Read a sheet back with python-calamine, Excel rows as list indexes."""
    with CalamineWorkbook.from_path(path) as workbook:
        return workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


@pytest.fixture(params=[False, True], ids=["normal", "write-only"])
def write_only(request) -> bool:
    """Run a test on an ordinary and on a write-only workbook."""
    return request.param


def test_layout_and_print_setup(tmp_path, write_only):
    """Frozen panes, filter, repeated title rows, A4 landscape at 100% (six narrow columns), page-number footer.

    Issue 20 replaced "fit to one page wide" by a fixed scale of at least 70% (tests/excel/test_print_layout.py).
    """
    ws = openpyxl.load_workbook(save(tmp_path, write_only, subtitle="导出条件：全部"))["台账"]
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:F6"
    assert ws.print_title_rows == "$1:$3"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert int(ws.page_setup.scale) == 100
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.oddFooter.center.text == FOOTER == "第 &P 页 / 共 &N 页"


def test_titles_header_and_widths(tmp_path, write_only):
    """The title is merged, bold and large; the header is bold, filled, bordered, centred and wrapping."""
    ws = openpyxl.load_workbook(save(tmp_path, write_only, subtitle="导出条件：全部"))["台账"]
    assert {str(merged) for merged in ws.merged_cells.ranges} == {"A1:F1", "A2:F2"}
    assert (ws["A1"].value, ws["A1"].font.b, ws["A1"].font.sz) == ("工单台账", True, 16)
    assert ws["A2"].value == "导出条件：全部"
    header = ws["C3"]
    assert (header.value, header.font.b, header.fill.fgColor.rgb) == ("办结日期", True, "00D9E1F2")
    assert (header.border.left.style, header.alignment.horizontal, header.alignment.wrap_text) == (
        "thin", "center", True,
    )
    # Issue 20: widths hold the values, at most the declared ones: the code's 14 digit widths + 1.5 of margin,
    # 16.5 for a moment and 11.5 for a date (LibreOffice shows ### below 15 for a moment), "100.0%" 6 + 1.5;
    # the short number columns at the narrowest, 6, or "87.50" 5 + 1.5.
    assert [ws.column_dimensions[letter].width for letter in "ABCDEF"] == [15.5, 16.5, 11.5, 6, 6.5, 7.5]


def test_number_formats_and_row_fills(tmp_path, write_only):
    """Each kind gets its number format; rows carry their board colour fill."""
    path = save(tmp_path, write_only, fills=["green", None, "red"])
    ws = openpyxl.load_workbook(path)["台账"]
    assert [ws.cell(3, column).number_format for column in range(1, 7)] == [
        "@", "yyyy-mm-dd hh:mm", "yyyy-mm-dd", "0", "0.00", "0.0%",
    ]
    assert ws["B3"].value == datetime(2026, 10, 8, 9, 5)
    assert ws["A3"].fill.fgColor.rgb == "00" + BOARD_FILLS["green"]
    assert ws["F5"].fill.fgColor.rgb == "00" + BOARD_FILLS["red"]
    assert ws["A4"].fill.fill_type is None
    assert ws["B5"].border.bottom.style == "thin"  # empty cells keep the grid when printed


def test_calamine_reads_the_table_back(tmp_path, write_only):
    """A second reader sees the same title, header and typed values."""
    grid = calamine_rows(save(tmp_path, write_only))
    assert grid[0][0] == "工单台账"
    assert grid[1] == [column.header for column in COLUMNS]
    assert grid[2] == ["WZ-2026-000001", datetime(2026, 10, 8, 9, 5), date(2026, 10, 9), 3, 87.5, 0.925]
    assert grid[3][1] == datetime(2026, 10, 8, 15, 30)
    assert len(grid) == 5


def test_formula_like_text_stays_text(tmp_path, write_only):
    """Text starting with = + - @ (even after spaces or a tab) reads back as itself, never a formula."""
    rows = [[text, None, None, None, None, None] for text in RISKY]
    path = save(tmp_path, write_only, rows=rows)
    ws = openpyxl.load_workbook(path)["台账"]
    for number, text in enumerate(RISKY, 3):
        cell = ws.cell(number, 1)
        assert (cell.value, cell.data_type) == (text, "s")
        assert cell.quotePrefix == (text != "#N/A")
    assert [row[0] for row in calamine_rows(path)[2:]] == RISKY
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_values_that_do_not_fit_their_kind_become_text(tmp_path, write_only):
    """A word or a boolean in a number column and a moment in a text column are written as readable text."""
    table = [Column("说明", 10), Column("天数", 8, "integer")]
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("表") if write_only else workbook.active
    write_table(sheet, "表", table, [[datetime(2026, 10, 8, 9, 5), "—"], [12345678901, True]])
    workbook.save(tmp_path / "kinds.xlsx")
    expected = [["2026-10-08 09:05", "—"], ["12345678901", "是"]]
    assert calamine_rows(tmp_path / "kinds.xlsx", sheet.title)[2:] == expected


def test_safe_text_drops_control_characters_and_cuts_to_excel_limit():
    """Control characters that corrupt a workbook are dropped; text is cut to 32,767 characters."""
    assert safe_text("路灯\x00不\x07亮\n\t了") == "路灯不亮\n\t了"
    assert len(safe_text("长" * 40_000)) == MAX_CELL_TEXT


def test_fills_must_match_rows(tmp_path):
    """A fills sequence shorter than the rows is an error, not a silently short table."""
    with pytest.raises(ValueError):
        save(tmp_path, False, fills=["green"])


@pytest.mark.slow
def test_hundred_thousand_rows_write_only_in_seconds(tmp_path):
    """100,000 rows × 15 columns stream out in write-only mode in well under two minutes of CPU."""
    columns = [Column(f"列{n}", 12) for n in range(12)] + [
        Column("受理时间", 17, "datetime"), Column("天数", 8, "integer"), Column("满意率", 9, "percent"),
    ]
    start = datetime(2026, 10, 8, 9, 5)
    rows = (
        [f"WZ-{n:06d}", *["市城管局"] * 11, start + timedelta(minutes=n), n % 30, 0.9] for n in range(100_000)
    )
    fills = (("green", "yellow", "orange", "red", "grey", None)[n % 6] for n in range(100_000))
    began = time.process_time()
    workbook = Workbook(write_only=True)
    last = write_table(workbook.create_sheet("台账"), "台账", columns, rows, fills=fills)
    workbook.save(tmp_path / "big.xlsx")
    assert time.process_time() - began < 120
    assert last == 100_002
    assert len(calamine_rows(tmp_path / "big.xlsx")) == 100_002
