"""The monthly sheet read back with two readers; the `sheet` command's exit codes."""


from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from tests.performance.test_metrics import AT, fixture_cases  # noqa: F401 — the shared hand-counted fixture
from wzdesk.cli import main as cli
from wzdesk.performance.sheet import write_sheet


def test_sheet_shows_every_department_rates_rank_chart_and_print_setup(fixture_cases, departments, tmp_path):  # noqa: F811
    out = tmp_path / "考核 表" / "2026年10月.xlsx"
    out.parent.mkdir()
    write_sheet(out, "2026-10", AT)
    wb = load_workbook(out)
    assert wb.sheetnames == ["月度考核", "近12个月趋势", "办理时长对比", "超期明细", "假办结明细", "指标说明"]
    ws = wb["月度考核"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[1]}
    assert set(rows) == {d.name for d in departments}
    a = rows[departments[0].name]
    assert a[0] == 1 and a[2] == 8
    assert (a[3], a[4], a[5]) == (6 / 8, 4 / 6, 4 / 6)  # the new definitions (issue 17), see test_metrics
    assert rows[departments[2].name][0] == "—" and rows[departments[2].name][3] == "—"
    assert ws["D4"].number_format == "0.0%"
    assert len(ws._charts) == 1 and ws.conditional_formatting
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$3"
    assert "2026年10月" in ws.oddFooter.center.text
    calamine = CalamineWorkbook.from_path(str(out))
    grid = calamine.get_sheet_by_name("月度考核").to_python()
    assert grid[3][1] == departments[0].name and grid[3][0] == 1
    overdue = calamine.get_sheet_by_name("超期明细").to_python()
    assert len(overdue) - 3 == 4  # A: c6, c7, c8; B: d1 reopened by its rating
    reopened = calamine.get_sheet_by_name("假办结明细").to_python()
    assert len(reopened) - 3 == 3  # c6 重办, c7 不满意, B's 非常不满意
    text = "".join(str(c) for sheet in calamine.sheet_names for r in calamine.get_sheet_by_name(sheet).to_python()
                   for c in r)
    assert "1380000" not in text


def test_command_exit_codes(database, tmp_path, capsys):
    db = str(database)
    ok = tmp_path / "月报.xlsx"
    assert cli.main(["--db", db, "sheet", "--month", "2026-10", "--out", str(ok), "--at", "2026-11-20 10:00"]) == 0
    assert ok.exists()
    assert cli.main(["--db", db, "sheet", "--month", "2026/10", "--out", str(ok)]) == 1
    assert "YYYY-MM" in capsys.readouterr().err
    assert cli.main(["--db", db, "sheet", "--month", "2026-10", "--out", str(tmp_path / "无" / "a.xlsx")]) == 1
    assert "文件夹不存在" in capsys.readouterr().err


def test_a_month_written_without_its_leading_zero_is_the_same_month(database):
    """`--month 2026-1` is read as 2026-01, not refused with an internal error."""
    from datetime import datetime

    from wzdesk.performance.sheet import report

    assert report("2026-1", datetime(2026, 2, 10)).month == "2026-01"
