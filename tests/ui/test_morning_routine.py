"""The clerk's morning on the real window at 1366×768, on a demo database, without restarting (issue 22):
import the platform's list, the board, 今日督办's letters, a reply, a verification, a rating, the monthly notice
and the sheet; every case one click from its pane. Screenshots of each step go to /tmp/wzdesk-shots."""

from datetime import timedelta
from pathlib import Path

import openpyxl
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.exchange.test_import_export import ROWS, platform_list
from tests.ui.conftest import NOW
from wzdesk.board import counts as board
from wzdesk.models import Case, Department, Notice
from wzdesk.ui.actions import ActionButton
from wzdesk.vocabulary import COLOURS

SHOTS = Path("/tmp/wzdesk-shots")
WAIT = 60_000


def _shot(window, qtbot, name: str) -> None:
    qtbot.wait(30)
    SHOTS.mkdir(exist_ok=True)
    assert window.grab().save(str(SHOTS / f"routine-{name}.png"))


def _finish(qtbot, task):
    with qtbot.waitSignal(task.finished, timeout=WAIT) as blocker:
        pass
    return blocker.args


def _close_boxes(window) -> list[str]:
    texts = []
    for box in window.findChildren(QMessageBox):
        if box.isVisible():
            texts.append(box.text())
            box.close()
    return texts


def _click_row(qtbot, view, index) -> None:
    """One click on a row, as the clerk does it."""
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def _press_step(qtbot, window, action: str) -> QDialog:
    """Click a step's button in the case pane (it must be enabled) and return the dialog it opens."""
    button = window.case_pane.findChild(ActionButton, f"act_{action}")
    assert button is not None and button.isVisible() and button.isEnabled(), (action, button and button.toolTip())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.case_pane.findChild(QDialog, f"dialog_{action}")
    assert dialog is not None and dialog.isVisible()
    return dialog


def _inside(window, widget) -> bool:
    rect = widget.rect()
    frame = window.rect()
    return frame.contains(widget.mapTo(window, rect.topLeft())) and frame.contains(
        widget.mapTo(window, rect.bottomRight() - QPoint(1, 1)))


def _select_in_ledger(qtbot, window, code: str) -> None:
    window.search_box.setText(code)
    window.search(code)
    row = next(r for r in range(window.ledger_model.rowCount()) if window.ledger_model.case_id(r) == Case.by_code(
        code).id)
    _click_row(qtbot, window.ledger.view, window.ledger_model.index(row, 1))
    assert window.case_pane.case.code == code


def test_the_morning_routine_at_1366_by_768(qtbot, window, tmp_path):
    window.resize(1366, 768)
    qtbot.wait(50)
    for widget in (window.dock, window.statusBar(), window.ledger.view, window.ledger.filters.count_label):
        assert _inside(window, widget)
    _shot(window, qtbot, "01-ledger")

    # 1. import the platform's list (文件 → 导入, on the toolbar too)
    folder = tmp_path / "平台 导出"
    folder.mkdir()
    dialog = window.excel.import_cases(platform_list(folder / "12345 工单.xlsx", [list(r) for r in ROWS]))
    assert not _finish(qtbot, dialog.task)[2]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result, _cancelled, error = _finish(qtbot, dialog.task)
    assert (result.created, error) == (3, "")
    dialog.close()
    _select_in_ledger(qtbot, window, "SY-001")
    _shot(window, qtbot, "02-imported")

    # 2. the board: a red cell opens the ledger on its cases; one click shows a case in the pane
    window.show_page("督办看板")
    _shot(window, qtbot, "03-board")
    counts = board.board_counts(NOW)
    name = next(n for n, c in counts.items() if c["red"] and Department.get_or_none(Department.name == n))
    row = next(r for r in range(window.board.model.rowCount()) if window.board.model.cell(r, 0)[0] == name)
    cell = window.board.model.index(row, COLOURS.index("red"))
    window.board.view.scrollTo(cell)
    _click_row(qtbot, window.board.view, cell)  # a double-click is a press, then the second click
    qtbot.mouseDClick(window.board.view.viewport(), Qt.MouseButton.LeftButton,
                      pos=window.board.view.visualRect(cell).center())
    assert window.current_page() == "台账" and window.ledger_model.total() == counts[name]["red"]
    _click_row(qtbot, window.ledger.view, window.ledger_model.index(0, 1))
    assert window.case_pane.case.id == window.ledger_model.case_id(0)

    # 3. 今日督办: run the ladder, the day's letters, a case under a letter one click from its pane
    window.show_page("今日督办")
    qtbot.mouseClick(window.today.run_button, Qt.MouseButton.LeftButton)
    assert not _finish(qtbot, window.today.task)[2]
    assert any("本次催办共产生" in t for t in _close_boxes(window))
    tree = window.today.tree
    letter = next(tree.model().index(i, 0) for i in range(tree.model().rowCount())
                  if tree.model().rowCount(tree.model().index(i, 0)))
    child = tree.model().index(0, 0, letter)
    tree.expand(letter)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(child).center())
    assert window.case_pane.case.code == child.data().strip("　")
    assert window.today.print_button.isEnabled()
    _shot(window, qtbot, "04-today")

    # 4. a reply, from the pane of a case the department is working on
    working = Case.select().where(Case.status == "in_progress").order_by(Case.id).first()
    _select_in_ledger(qtbot, window, working.code)
    reply = _press_step(qtbot, window, "reply")
    reply.text.setPlainText("已更换灯泡，路灯恢复照明")
    reply.accept()
    assert Case.get_by_id(working.id).status == "replied"
    assert not window.case_pane.findChild(ActionButton, "act_close").isEnabled()  # not yet: a check or a rating
    _shot(window, qtbot, "05-replied")

    # 5. the on-site verification passes
    check = _press_step(qtbot, window, "verify_pass")
    check.finding.setPlainText("现场查看，路灯已亮")
    check.accept()
    assert Case.get_by_id(working.id).status == "verified"

    # 6. a satisfied rating closes another replied case in the same dialog
    waiting = (Case.select().where(Case.status == "replied", Case.id != working.id).order_by(Case.id).first())
    _select_in_ledger(qtbot, window, waiting.code)
    rating = _press_step(qtbot, window, "rate")
    rating.solved.setCurrentIndex(rating.solved.findData(True))
    rating.level.setCurrentIndex(rating.level.findData("satisfied"))
    assert rating.close_too.isVisible() and rating.close_too.isEnabled() and rating.close_too.isChecked()
    _shot(rating, qtbot, "06-rating-dialog")
    rating.accept()
    assert Case.get_by_id(waiting.id).status == "closed"
    _shot(window, qtbot, "06-rated")

    # 7. the monthly public notice for October, from the 文书 page
    window.show_page("文书")
    window.documents.month_edit.setDate(window.documents.month_edit.date().fromString("2026-10", "yyyy-MM"))
    task = window.documents.generate_monthly()
    notice_id, _cancelled, error = _finish(qtbot, task)
    assert not error and Notice.get_by_id(notice_id).kind == "public_notice"
    _shot(window, qtbot, "07-notice")

    # 8. the performance sheet for October, from 统计
    window.show_page("统计")
    window.stats.month.setCurrentIndex(window.stats.month.findData("2026-10"))
    qtbot.waitUntil(lambda: not window.stats.task.is_running() and window.stats.data is not None, timeout=WAIT)
    out = tmp_path / "考核表 十月.xlsx"
    _result, _cancelled, error = _finish(qtbot, window.stats.export(out))
    assert not error and openpyxl.load_workbook(out).worksheets
    _shot(window, qtbot, "08-stats")

    # the window was never restarted; the status bar and the pane stayed on screen throughout
    window.show_page("台账")
    window.clear_filters()
    window.ledger.view.selectRow(2)
    window.statusBar().clearMessage()
    assert _inside(window, window.statusBar()) and _inside(window, window.dock)
    assert window.case_pane.case is not None and NOW - timedelta(days=400) < window.case_pane.case.received_at
    _shot(window, qtbot, "09-ledger-end")


SCALED_SHOTS = r"""
import json
import sys
from datetime import datetime
from pathlib import Path
from PySide6.QtCore import QSettings
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.office.database import open_database
from wzdesk.office.defaults import system_operator
from wzdesk.ui.app import make_application
from wzdesk.ui.mainwindow import MainWindow
folder, shots = Path(sys.argv[1]), Path(sys.argv[2])
app = make_application()
now = datetime(2026, 11, 20, 10, 0)
open_database(folder / "台账.sqlite", now=now)
fill(300, 5, now, system_operator(), DemoProgress())
store = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
w = MainWindow(folder / "台账.sqlite", clock=lambda: now, store=store)
w.show()
w.resize(1280, 720)
def settle():
    for _ in range(8):
        app.processEvents()
sizes = {}
w.ledger.view.selectRow(3)
for page in ("台账", "督办看板", "今日督办", "统计"):
    w.show_page(page)
    settle()
    image = w.grab().toImage()
    image.save(str(shots / f"scaled-150-{page}.png"))
    sizes[page] = [image.width(), image.height()]
print(json.dumps({"ratio": w.devicePixelRatio(), "sizes": sizes}))
w.close()
"""


def test_screenshots_at_150_percent_on_a_1920_by_1080_screen(tmp_path):
    """1920×1080 at 150% is 1280×720 logical pixels: each page is grabbed at the screen's real pixels."""
    import json
    import os
    import subprocess
    import sys

    SHOTS.mkdir(exist_ok=True)
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCALED_SHOTS, str(tmp_path), str(SHOTS)], env=env,
                          capture_output=True, text=True, timeout=300, check=True)
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["ratio"] == 1.5
    assert all(size == [1920, 1080] for size in shown["sizes"].values()), shown["sizes"]
