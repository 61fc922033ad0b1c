"""文件 → 备份 / 校验台账 / 从备份恢复, driven from the window with their background tasks."""

from datetime import datetime

from tests.ui.conftest import make_window
from wzdesk.cases import lifecycle
from wzdesk.models import Case
from wzdesk.ui import maintenance
from wzdesk.ui.actions import ActionId

NOW = datetime(2026, 11, 20, 10, 0)


def _finish(qtbot, task):
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass


def test_menu_offers_backup_restore_and_verify(qtbot, database, store):
    window = make_window(qtbot, database, store)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert {"备份数据库(&B)…", "从备份恢复(&R)…", "校验台账(&V)"} <= set(texts)
    assert window.actions[ActionId.BACKUP].isEnabled()


def test_backup_verify_and_restore_round_trip(qtbot, database, store, operator, tmp_path, admin):
    window = make_window(qtbot, database, store)
    lifecycle.intake({"title": "备份前"}, NOW, operator)
    out = tmp_path / "窗口 备份.sqlite"
    _finish(qtbot, maintenance.backup_now(window, out))
    assert out.exists()
    _finish(qtbot, maintenance.verify_ledger(window))
    lifecycle.intake({"title": "备份后"}, NOW, operator)
    window.operator = admin  # an administrator may restore (issue 19: the system account no longer)
    _finish(qtbot, maintenance.restore(window, out, confirm=False))
    assert [c.title for c in Case.select()] == ["备份前"]


def test_verify_runs_the_whole_check_and_names_a_case_row_edited_behind_the_apps_back(qtbot, window):
    """校验台账 is audit-verify's check: a case set to closed with sqlite3 keeps its chain intact, and is named."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    code = Case.select().where(Case.status == "in_progress").order_by(Case.id).first().code
    con = sqlite3.connect(window.db_path)
    con.execute("UPDATE \"case\" SET status = 'closed' WHERE code = ?", (code,))
    con.commit()
    con.close()
    task = maintenance.verify_ledger(window)
    _finish(qtbot, task)
    box = window.findChild(QMessageBox, "audit_findings")
    assert box is not None and box.isVisible()
    assert f"{code}：状态为“已办结”，按台账记录应为“办理中”" in box.detailedText()
    assert "发现 1 处问题" in box.text()
    box.close()


def test_verify_of_an_intact_ledger_says_so_with_its_checkpoint(qtbot, window):
    from PySide6.QtWidgets import QMessageBox

    from wzdesk.models.chain import checkpoint

    _finish(qtbot, maintenance.verify_ledger(window))
    box = next(b for b in window.findChildren(QMessageBox) if b.objectName() == "information" and b.isVisible())
    assert "台账完整" in box.text() and checkpoint() in box.text()
    box.close()


def test_verify_can_be_cancelled(qtbot, window):
    from PySide6.QtWidgets import QMessageBox

    task = maintenance.verify_ledger(window)
    task.cancel()
    _finish(qtbot, task)
    box = next(b for b in window.findChildren(QMessageBox) if b.objectName() == "information" and b.isVisible())
    assert "已取消校验" in box.text()
    assert window.findChild(QMessageBox, "audit_findings") is None
