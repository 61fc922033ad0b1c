"""Operators: scrypt passwords, sign-in, the first administrator, and what each role may do."""

from datetime import datetime

import pytest

from wzdesk.errors import UserError
from wzdesk.models import Operator
from wzdesk.office import auth

NOW = datetime(2026, 11, 20, 9, 0)


def test_password_hash_is_salted_scrypt_and_checks(database):
    first, second = auth.hash_password("督办2026"), auth.hash_password("督办2026")
    assert first.startswith("scrypt$") and first != second
    assert auth.check_password("督办2026", first) and not auth.check_password("督办2025", first)
    assert not auth.check_password("x", "not-a-hash")


def test_first_start_creates_the_administrator_then_only_admins_add_operators(database):
    assert auth.needs_first_admin()
    admin = auth.create_operator("admin", "管理员", "admin", "secret12", NOW)
    assert not auth.needs_first_admin()
    with pytest.raises(UserError, match="管理员添加"):
        auth.create_operator("zhang", "张三", "clerk", "secret12", NOW)
    clerk = auth.create_operator("zhang", "张三", "clerk", "secret12", NOW, by=admin)
    with pytest.raises(UserError, match="无权管理操作员"):
        auth.create_operator("li", "李四", "clerk", "secret12", NOW, by=clerk)


@pytest.mark.parametrize(("username", "name", "role", "password", "message"), [
    ("张三", "张三", "clerk", "secret12", "英文字母"),
    ("zhang", "", "clerk", "secret12", "姓名"),
    ("zhang", "张三", "boss", "secret12", "角色"),
    ("zhang", "张三", "clerk", "123", "至少 8 位"),
])
def test_bad_accounts_are_refused(database, username, name, role, password, message):
    admin = auth.create_operator("admin", "管理员", "admin", "secret12", NOW)
    with pytest.raises(UserError, match=message):
        auth.create_operator(username, name, role, password, NOW, by=admin)


def test_sign_in_says_nothing_about_which_part_was_wrong(database):
    auth.create_operator("admin", "管理员", "admin", "secret12", NOW)
    assert auth.sign_in(" admin ", "secret12").username == "admin"
    for name, password in (("admin", "wrong"), ("nobody", "secret12"), ("system", "")):
        with pytest.raises(UserError, match="登录名或密码不对"):
            auth.sign_in(name, password)


def test_roles(database):
    # auth.require re-reads the operator (a stopped account's session ends), so these are stored ones.
    clerk = Operator.create(username="wang", role="clerk", display_name="王芳", created_at=NOW)
    supervisor = Operator.create(username="li", role="supervisor", display_name="李强", created_at=NOW)
    admin = Operator.create(username="boss", role="admin", display_name="管理员", created_at=NOW)
    assert not auth.may(clerk, "confirm_sanction") and auth.may(supervisor, "confirm_sanction")
    assert not auth.may(supervisor, "edit_settings") and auth.may(admin, "edit_settings")
    with pytest.raises(UserError, match=r"王芳.*办事员.*无权修改工作日历"):
        auth.require(clerk, "edit_calendar")


def test_revealing_a_phone_is_a_permission_and_a_ledger_event(database):
    from wzdesk.cases import lifecycle
    from wzdesk.cases.reveal import reveal_phone
    from wzdesk.masking import mask_phone
    from wzdesk.models import CaseEvent

    admin = auth.create_operator("admin", "管理员", "admin", "secret12", NOW)
    clerk = auth.create_operator("wang", "王芳", "clerk", "secret12", NOW, by=admin)
    case = lifecycle.intake({"title": "路灯", "petitioner_phone": "13812345678"}, NOW, admin)
    assert mask_phone(case.petitioner_phone) == "138****5678"
    with pytest.raises(UserError, match="无权查看完整的电话"):
        reveal_phone(case, clerk, NOW)
    assert reveal_phone(case, admin, NOW) == "13812345678"
    event = CaseEvent.select().order_by(CaseEvent.id.desc()).get()
    assert (event.action, event.operator_id) == ("reveal", admin.id)


def test_a_stopped_account_ends_its_session_at_the_next_action(database):
    """Issue 19: a supervisor signed in, then deactivated, may no longer confirm anything."""
    admin = auth.create_operator("admin", "管理员", "admin", "secret12", NOW)
    li = auth.create_operator("li", "李强", "supervisor", "secret12", NOW, by=admin)
    session = auth.sign_in("li", "secret12")
    auth.require(session, "confirm_sanction")
    auth.set_active(li, False, admin)
    with pytest.raises(UserError, match="已被停用"):
        auth.require(session, "confirm_sanction")


def test_five_failures_lock_the_name_for_fifteen_minutes_each_one_an_event(database):
    from datetime import timedelta

    from wzdesk.models import CaseEvent

    auth.create_operator("admin", "管理员", "admin", "secret12", NOW)
    for minute in range(5):
        with pytest.raises(UserError, match="登录名或密码不对"):
            auth.sign_in("admin", "wrong-one", NOW + timedelta(minutes=minute))
    failures = CaseEvent.select().where(CaseEvent.action == "sign_in_failed")
    assert failures.count() == 5 and all("admin" in e.note for e in failures)
    with pytest.raises(UserError, match="已锁定"):  # even the right password, within the window
        auth.sign_in("admin", "secret12", NOW + timedelta(minutes=10))
    # 15 minutes after the first failure it no longer counts: four in the window, the right password works
    assert auth.sign_in("admin", "secret12", NOW + timedelta(minutes=15)).username == "admin"


def test_the_system_account_keeps_only_the_demo_and_passwords_have_eight_characters(database):
    from wzdesk.office.defaults import system_operator

    system = system_operator()
    for action in ("edit_settings", "edit_calendar", "confirm_sanction", "manage_operators", "restore_backup",
                   "reveal_contact", "case_work"):
        assert not auth.may(system, action)
    assert auth.may(system, "load_demo")
    with pytest.raises(UserError, match="至少 8 位"):
        auth.create_operator("admin", "管理员", "admin", "secret1", NOW)
