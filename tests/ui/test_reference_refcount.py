"""Issue 18: reloading the 单位 and 操作员 lists does not leak references to None (Python 3.11: None is not
immortal, so every reference Qt's bindings keep and never drop shows in sys.getrefcount(None))."""

import sys

from tests.ui.conftest import NOW
from wzdesk.models import Department, Staff
from wzdesk.office import auth
from wzdesk.ui.app import make_application
from wzdesk.ui.pages.operators import OperatorsPage
from wzdesk.ui.pages.reference import ReferencePage

RELOADS = 50


def _growth(reload) -> int:
    for _ in range(3):  # the first reloads make the cells' items, once
        reload()
    before = sys.getrefcount(None)
    for _ in range(RELOADS):
        reload()
    return sys.getrefcount(None) - before


def test_fifty_reloads_of_the_units_page_keep_none_s_refcount(qtbot, database):
    for n in range(25):
        dept = Department.create(name=f"测试单位{n}", leader_name="刘志明", leader_title="副局长" if n % 2 else "",
                                 active=n % 5 != 0)
        Staff.create(department=dept, name="张伟", title="科员", phone="13812345678" if n % 3 else "")
    make_application()
    page = ReferencePage()
    qtbot.addWidget(page)
    page.show()
    # Before the fix each reload leaked one per cell: 25 rows × 4 columns = 100, 5,000 over 50 reloads.
    assert _growth(page.reload) < RELOADS
    assert page.departments.item(0, 3).text() == "已停用" and page.departments.rowCount() == 25


def test_fifty_reloads_of_the_operators_page_keep_none_s_refcount(qtbot, database, admin):
    for n in range(8):
        auth.create_operator(f"clerk{n}", f"办事员{n}", "clerk", "secret-2026", NOW, by=admin)
    make_application()
    page = OperatorsPage(lambda: NOW, lambda: admin)
    qtbot.addWidget(page)
    page.show()
    assert _growth(page.reload) < RELOADS
    assert page.table.rowCount() == 9
