"""Issue 22: what the signed-in operator's role may not do is grey, with who may do it in the tooltip; the
设置 tabs' buttons (工作日历, 责任菜单, 督办规则) are registry actions shown in the 设置 menu."""

from PySide6.QtWidgets import QMenu

from wzdesk.models import Case, Operator
from wzdesk.office.roles import PERMISSIONS
from wzdesk.ui.actions import MENUS, OWNERS, SPECS, ActionButton, ActionId

SETTINGS_TAB_ACTIONS = {
    ActionId.SETTINGS_SAVE: "save_settings", ActionId.CALENDAR_HOLIDAY: "mark_holiday",
    ActionId.CALENDAR_WORKDAY: "mark_workday", ActionId.CALENDAR_NORMAL: "mark_normal",
    ActionId.CALENDAR_CONFIRM: "confirm_year", ActionId.CALENDAR_IMPORT: "import_schedule",
    ActionId.CATEGORY_ADD: "add_category", ActionId.CATEGORY_EDIT: "edit_category",
    ActionId.DUTY_STEP_ADD: "add_step", ActionId.DUTY_STEP_EDIT: "edit_step", ActionId.DUTY_STEP_TOGGLE: "toggle_step",
}


def _sign_in(window, username: str) -> Operator:
    window.operator = Operator.get(Operator.username == username)
    window.refresh_status()
    return window.operator


def _menu_actions(window, title: str) -> set:
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == title)
    found = set()

    def walk(m: QMenu) -> None:
        for action in m.actions():
            found.add(action)
            if action.menu() is not None:
                walk(action.menu())

    walk(menu)
    return found


def test_every_settings_tab_button_is_the_registry_action_in_the_settings_menu(window):
    settings_menu = _menu_actions(window, "设置(&O)")
    for action_id, name in SETTINGS_TAB_ACTIONS.items():
        button = window.settings_page.findChild(ActionButton, name)
        assert button is not None, name
        assert button.action is window.actions[action_id] and window.actions[action_id] in settings_menu
        assert OWNERS[action_id] == "设置"
    listed = {e for _title, entries in MENUS for e in entries if isinstance(e, ActionId)}
    listed |= {a for _t, entries in MENUS for e in entries if isinstance(e, tuple) for a in e[1] if a}
    assert not [aid for aid in ActionId if aid not in listed and aid in OWNERS]


def test_a_clerk_finds_what_needs_another_role_grey_and_told_who_may(window):
    _sign_in(window, "wangfang")  # 王芳, 办事员
    for action_id in (ActionId.SANCTION_CONFIRM, ActionId.PROPOSAL_CONFIRM, ActionId.OBSERVER_REVEAL):
        action = window.actions[action_id]
        assert not action.isEnabled() and action.toolTip().startswith("需督办科长或管理员办理"), action_id
        assert "王芳，办事员" in action.toolTip()
    for action_id in (ActionId.SETTINGS_SAVE, ActionId.CALENDAR_HOLIDAY, ActionId.OPERATOR_ADD):
        assert not window.actions[action_id].isEnabled()
        assert window.actions[action_id].toolTip().startswith("需管理员办理")
    assert not window.settings_page.findChild(ActionButton, "mark_holiday").isEnabled()
    assert window.actions[ActionId.SANCTION_PROPOSE].isEnabled()  # anyone may propose


def test_signing_in_as_the_supervisor_lifts_exactly_the_supervisor_s_rights(window):
    _sign_in(window, "wangfang")
    _sign_in(window, "liqiang")  # 李强, 督办科长
    for action_id, spec in SPECS.items():
        if spec.needs and action_id != ActionId.CALENDAR_CONFIRM:  # a confirmed year greys 确认 by itself
            action = window.actions[action_id]
            assert action.isEnabled() == (spec.needs in PERMISSIONS["supervisor"]), action_id
            assert action.isEnabled() or action.toolTip().startswith("需管理员办理"), action_id
    assert window.actions[ActionId.SANCTION_CONFIRM].isEnabled()
    assert window.actions[ActionId.SANCTION_CONFIRM].toolTip() == "督办科长或管理员确认"


def test_a_state_reason_comes_back_when_the_role_allows_again(window):
    """A step greyed for the case (the calendar's year already confirmed) stays grey after the role changes."""
    window.show_page("设置")
    editor = window.settings_page.calendar
    _sign_in(window, "admin")
    known = not editor.page_actions[ActionId.CALENDAR_CONFIRM].isEnabled()
    _sign_in(window, "wangfang")
    assert not editor.page_actions[ActionId.CALENDAR_CONFIRM].isEnabled()
    _sign_in(window, "admin")
    assert (not editor.page_actions[ActionId.CALENDAR_CONFIRM].isEnabled()) == known
    if known:
        assert "已确认" in editor.page_actions[ActionId.CALENDAR_CONFIRM].toolTip()


def test_the_case_pane_offers_the_full_number_only_to_a_role_that_may_see_it(window):
    case = Case.select().where(Case.petitioner_phone != "").first()
    _sign_in(window, "wangfang")
    window.case_pane.show_case(case.id)
    assert "href='reveal'" not in window.case_pane.facts.text()
    assert "需督办科长或管理员查看完整姓名和号码" in window.case_pane.facts.text()
    _sign_in(window, "liqiang")
    window.case_pane.show_case(case.id)
    assert "href='reveal'" in window.case_pane.facts.text()
