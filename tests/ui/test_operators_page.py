"""设置 → 操作员: an administrator adds a clerk who can then sign in; a clerk may not add anyone."""

from tests.ui.conftest import make_window, refusal
from wzdesk.models import Operator
from wzdesk.office import auth


def test_admin_adds_a_clerk_and_a_clerk_is_refused(qtbot, database, demo_db, store):
    window = make_window(qtbot, database, store)
    page = window.settings_page.operators
    window.operator = Operator.get(Operator.username == "wangfang")  # a clerk
    dialog = page.add()
    dialog.display_name.setText("赵敏")
    dialog.username.setText("zhaomin")
    dialog.password.setText("secret12")
    dialog.accept()
    assert "无权管理操作员账号" in refusal(dialog)
    dialog.reject()
    window.operator = Operator.get(Operator.username == "admin")
    dialog = page.add()
    dialog.display_name.setText("赵敏")
    dialog.username.setText("zhaomin")
    dialog.password.setText("secret12")
    dialog.accept()
    assert auth.sign_in("zhaomin", "secret12").role == "clerk"
    assert any(page.table.item(r, 1).text() == "zhaomin" for r in range(page.table.rowCount()))
    page.table.selectRow([page.table.item(r, 1).text() for r in range(page.table.rowCount())].index("zhaomin"))
    box = page.toggle()  # issue 22: stopping an account asks first
    next(b for b in box.buttons() if b.text() == "停用").click()
    assert not Operator.get(Operator.username == "zhaomin").active
