"""设置 → 载入演示数据: shown only on an empty database to an administrator, and it asks first (issue 18)."""

from PySide6.QtWidgets import QMessageBox

from tests.conftest import T0
from tests.ui.conftest import make_window
from wzdesk.models import Case, Operator
from wzdesk.ui.actions import ActionId


def test_the_demo_item_is_hidden_once_the_ledger_holds_cases(window):
    window.refresh_status()
    assert not window.actions[ActionId.LOAD_DEMO].isVisible()


def test_on_an_empty_database_an_administrator_is_asked_and_no_is_the_default(qtbot, database, store):
    window = make_window(qtbot, database, store)
    window.operator = Operator.create(username="admin", display_name="管理员", role="admin", created_at=T0)
    window.refresh_status()
    assert window.actions[ActionId.LOAD_DEMO].isVisible()
    box = window.offer_demo()
    assert box.objectName() == "demo_question" and box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.No).click()
    assert Case.select().count() == 0


def test_a_clerk_never_sees_it_and_is_refused(qtbot, database, store):
    window = make_window(qtbot, database, store)
    window.operator = Operator.create(username="wangfang", display_name="王芳", role="clerk", created_at=T0)
    window.refresh_status()
    assert not window.actions[ActionId.LOAD_DEMO].isVisible()
    box = window.offer_demo()
    assert "管理员" in box.text()
    box.close()
    assert Case.select().count() == 0
