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
