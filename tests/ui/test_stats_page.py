"""The 统计 page: opens on the last complete month, the same numbers as the sheet, every unit, round ticks."""

import os

from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import Qt
from python_calamine import CalamineWorkbook

from tests.ui.conftest import NOW
from wzdesk.performance import sheet as perf_sheet
from wzdesk.ui.pages.stats import nice_axis


def _computed(qtbot, page):
    task = page.task
    if task is not None and task.is_running():
        with qtbot.waitSignal(task.finished, timeout=30000):
            pass




def test_stats_page_opens_on_the_last_complete_month_and_agrees_with_the_sheet(qtbot, qtmodeltester, window,
                                                                              tmp_path):
    item = window.nav.item(window.nav.count() - 2)
    assert item.data(Qt.ItemDataRole.UserRole) == "统计" and item.flags() & Qt.ItemFlag.ItemIsEnabled
    window.show_page("统计")
    page = window.stats
    _computed(qtbot, page)
    assert page.selected_month() == "2026-10"  # NOW is 2026-11-20: October is the last complete month
    qtmodeltester.check(page.model)
    out = tmp_path / "导出 月报.xlsx"
    task = page.export(out)
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    book = CalamineWorkbook.from_path(str(out))
    grid = [r for r in book.get_sheet_by_name("月度考核").to_python()[3:] if r[1]]
    assert page.model.rowCount() == len(grid)  # every unit, none cut off
    for row, sheet_row in enumerate(grid):
        for column, value in enumerate(sheet_row):
            shown = page.model.index(row, column).data()
            if value == "—" or isinstance(value, str):
                assert shown == value, (row, column)
            elif column in perf_sheet.PERCENT_INDEXES:
                assert shown == f"{value * 100:.1f}%", (row, column)
            else:
                assert float(shown) == value, (row, column)
    series = book.get_sheet_by_name(perf_sheet.SERIES_SHEET).to_python()[3:]
    assert [r[0] for r in series] == [r[0] for r in page.series_rows()] and len(series) == 12
    for sheet_row, page_row in zip(series, page.series_rows(), strict=True):
        assert [v if isinstance(v, str) else float(v) for v in sheet_row] == \
               [v if isinstance(v, str) else float(v) for v in page_row]
    notes = dict(book.get_sheet_by_name("指标说明").to_python()[3:])
    assert page.model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == notes["解决率"]
    assert len(page.series_chart.series()) == 6  # per grade: the mean and its limit
    assert len(page.rank_chart.series()) == 1 and len(page.days_chart.series()) == 1


def test_the_ranking_is_shown_whole_and_the_axes_tick_round(qtbot, window, tmp_path):
    window.resize(1366, 768)
    window.show_page("统计")
    page = window.stats
    _computed(qtbot, page)
    qtbot.wait(100)  # let the layouts take the ranking's new height
    table = page.table
    assert table.height() >= sum(table.rowHeight(r) for r in range(page.model.rowCount()))
    assert page.scroll.verticalScrollBar().maximum() > 0  # the page scrolls to the charts below
    for chart in (page.status_chart, page.trend_chart, page.series_chart):
        axis = next(a for a in chart.axes() if isinstance(a, QValueAxis))
        step = axis.max() / (axis.tickCount() - 1)
        assert step == int(step) and str(int(step)).rstrip("0") in ("1", "2", "5")
    shot = os.environ.get("WZDESK_SCREENSHOT") or str(tmp_path / "stats.png")
    assert page.grab().save(shot)
    assert page.scroll.widget().grab().save(shot.replace(".png", "-whole.png"))


def test_nice_axis_steps():
    assert nice_axis(1687) == (2000.0, 5)
    assert nice_axis(100) == (100.0, 6)
    assert nice_axis(343) == (400.0, 5)
    assert nice_axis(15) == (15.0, 4)
    assert nice_axis(0) == (1.0, 2)
    assert nice_axis(3.2) == (4.0, 5)


def test_report_month_matches_the_page(qtbot, window):
    window.show_page("统计")
    page = window.stats
    _computed(qtbot, page)
    expected = perf_sheet.report("2026-10", NOW)
    assert page.model.index(0, 1).data() == expected.ranked[0].row.name
