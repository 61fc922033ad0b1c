"""Exporting the ledger window's view: its filter and order, masked phones, board fills, safe text."""

from datetime import datetime

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from wzdesk.board.colours import colour_of
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.errors import UserError
from wzdesk.excel.writer import BOARD_FILLS
from wzdesk.exchange.exporter import COLUMNS, export_view
from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.view import LedgerFilter, LedgerSort
from wzdesk.models import Case, Department

NOW = datetime(2026, 11, 20, 10, 0)
PHONE, STATUS, COLOUR = 6, 16, 20  # template column positions in the export


@pytest.fixture
def demo(operator):
    fill(300, 5, NOW, operator, DemoProgress())
    case = Case.select().where(Case.status == "in_progress").first()
    case.title = "=HYPERLINK(\"http://例子\",\"点我\")"
    case.save()
    return case


def read_back(path):
    """Return the data rows as openpyxl and as calamine read them, and the openpyxl sheet."""
    ws = openpyxl.load_workbook(path).active
    with CalamineWorkbook.from_path(path) as workbook:
        grid = workbook.get_sheet_by_index(0).to_python()
    return [[c.value for c in row] for row in ws.iter_rows(min_row=4)], grid[3:], ws


def test_export_holds_only_the_filtered_rows_in_the_view_order(demo, tmp_path):
    """A department-and-status view, sorted by due date: the same codes, in the same order, in both readers."""
    dept = Department.get_by_id(demo.lead_department_id)
    flt, sort = LedgerFilter(status="in_progress", department_id=dept.id), LedgerSort("due_at", False)
    out = tmp_path / "导出 视图" / "办理中.xlsx"
    out.parent.mkdir()
    count = export_view(out, flt, sort, NOW)
    expected = [row.code for row in ledger_view.page(flt, sort, NOW, 0, 10_000)]
    rows, grid, ws = read_back(out)
    assert count == len(expected) > 0
    assert [r[0] for r in rows] == expected and [r[0] for r in grid] == expected
    assert {r[STATUS] for r in rows} == {"办理中"} and {r[12] for r in grid} == {dept.name}
    assert [c.value for c in ws[3]] == [column.header for column in COLUMNS]


def test_export_masks_phones_fills_board_colours_and_neutralises_formulas(demo, tmp_path):
    """No full phone number leaves the office; each row wears its board colour; a formula stays text."""
    out = tmp_path / "全部.xlsx"
    export_view(out, LedgerFilter(), LedgerSort(), NOW)
    rows, grid, ws = read_back(out)
    for phones in ([r[PHONE] for r in grid if r[PHONE]], [r[PHONE] for r in rows if r[PHONE]]):
        assert phones and all("****" in p for p in phones)
    fills = {BOARD_FILLS[colour] for colour in ("green", "yellow", "orange", "red", "grey")}
    for number, row in enumerate(ws.iter_rows(min_row=4, max_row=40), start=4):
        code = row[0].value
        colour = colour_of(Case.by_code(code).id, NOW, 7)
        assert row[0].fill.fgColor.rgb.endswith(BOARD_FILLS[colour]), (number, code, colour)
        assert row[0].fill.fgColor.rgb[-6:] in fills
    formula_row = next(r for r in ws.iter_rows(min_row=4) if r[0].value == demo.code)
    assert formula_row[1].data_type == "s" and formula_row[1].quotePrefix
    assert next(r for r in grid if r[0] == demo.code)[1].startswith("=HYPERLINK")


def test_cancelled_export_saves_no_file(demo, tmp_path):
    """step returning False stops the export before the workbook is saved."""
    out = tmp_path / "取消.xlsx"
    assert export_view(out, LedgerFilter(), LedgerSort(), NOW, step=lambda done, total: False) is None
    assert not out.exists()


def test_export_refuses_a_wrong_name_or_missing_folder_in_chinese(demo, tmp_path):
    with pytest.raises(UserError, match="xlsx"):
        export_view(tmp_path / "台账.csv", LedgerFilter(), LedgerSort(), NOW)
    with pytest.raises(UserError, match="文件夹不存在"):
        export_view(tmp_path / "没有" / "台账.xlsx", LedgerFilter(), LedgerSort(), NOW)
