"""The 统计 page: enabled in the navigation, same numbers as the sheet, charts drawn, export in the background."""

from PySide6.QtCore import Qt

from tests.ui.conftest import NOW
from wzdesk.performance import sheet as perf_sheet


def _computed(qtbot, page):
    task = page.task
    if task is not None and task.is_running():
        with qtbot.waitSignal(task.finished, timeout=30000):
            pass


def test_stats_page_shows_the_sheets_ranking(qtbot, qtmodeltester, window, tmp_path):
    item = window.nav.item(window.nav.count() - 2)
    assert item.data(Qt.ItemDataRole.UserRole) == "统计" and item.flags() & Qt.ItemFlag.ItemIsEnabled
    window.show_page("统计")
    page = window.stats
    _computed(qtbot, page)
    assert page.selected_month() == "2026-11"
    page.month.setCurrentIndex(1)  # October
    _computed(qtbot, page)
    qtmodeltester.check(page.model)
    expected = perf_sheet.report("2026-10", NOW)
    first = expected.ranked[0]
    assert page.model.rowCount() == len(expected.ranked)
    assert page.model.index(0, 1).data() == first.row.name
    assert page.model.index(0, 11).data() == f"{first.score:g}"
    assert len(page.rank_chart.series()) == 1 and len(page.days_chart.series()) == 1
    window.resize(1600, 1000)
    page.grab().save(str(tmp_path / "stats.png"))
    out = tmp_path / "导出 月报.xlsx"
    task = page.export(out)
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    assert out.exists()
