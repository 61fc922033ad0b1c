"""One registry: every page's buttons, the case pane's steps, the menus and the right-click menus are the same
actions, and a case step is enabled only when the core allows it now, else greyed with the core's reason."""

from wzdesk.cases.offers import case_offers
from wzdesk.models import Case, Operator
from wzdesk.ui.actions import CASE_ACTIONS, OWNERS, ActionButton, ActionId


def _menu_actions(menu) -> list:
    found = []
    for action in menu.actions():
        found.append(action)
        if action.menu() is not None:
            found += _menu_actions(action.menu())
    return found


def test_every_owned_action_is_in_a_menu_and_every_button_shows_a_registry_action(window):
    in_menus = {id(a) for top in window.menuBar().actions() for a in _menu_actions(top.menu())}
    assert all(id(window.actions[aid]) in in_menus for aid in ActionId if aid not in (ActionId.ABOUT_QT,)
               and aid in OWNERS)
    registry = {id(window.actions[aid]) for aid in ActionId}
    buttons = window.findChildren(ActionButton)
    assert len(buttons) >= 25  # the pages' own buttons (the 核验与回访 tabs join when first shown)
    assert all(id(button.action) in registry for button in buttons)
    observers_retire = window.observers.findChild(ActionButton, "retire")
    assert observers_retire.action is window.actions[ActionId.OBSERVER_RETIRE]


def test_a_menu_action_of_a_page_brings_that_page_forward(window):
    window.show_page("台账")
    window.actions[ActionId.INTERVIEW_SCHEDULE].trigger()
    assert window.current_page() == "约谈"


def test_first_receivers_return_is_greyed_with_the_cores_reason_in_pane_menu_and_right_click(window):
    case = next(c for c in Case.select().where(Case.status == "dispatched")
                if c.first_receiver_id == c.lead_department_id)
    window.case_pane.show_case(case.id)
    reasons = {o.action: o.reason for o in case_offers(case)}
    assert "首接负责制" in reasons["return"]
    for action, reason in reasons.items():
        button = window.case_pane.findChild(ActionButton, f"act_{action}")
        assert button.isEnabled() == (reason == "")
        if reason:
            assert button.toolTip() == reason
    menu = window.case_links.menu_for(window.ledger.view, case.id)
    steps = [a for a in menu.actions() if a in window.case_pane.step_actions.values()]
    assert [a for a in steps] == [window.actions[CASE_ACTIONS[a]] for a in window.case_pane.offered_actions()]
    returned = window.actions[ActionId.CASE_RETURN]
    assert not returned.isEnabled() and returned.toolTip() == reasons["return"]
    supervise = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("督办"))
    selected = next(a.menu() for a in supervise.actions() if a.text().startswith("所选工单"))
    shown = [a for a in selected.actions() if a.isVisible()]
    assert shown == [window.actions[CASE_ACTIONS[a]] for a in CASE_ACTIONS if a in window.case_pane.offered_actions()]


def test_a_replied_case_greys_close_until_confirmed(window):
    case = Case.select().where(Case.status == "replied").first()
    window.case_pane.show_case(case.id)
    close = window.case_pane.findChild(ActionButton, "act_close")
    reason = {o.action: o.reason for o in case_offers(case)}["close"]
    assert close.isEnabled() == (reason == "") and (close.isEnabled() or "还不能办结" in close.toolTip())


def test_a_settings_action_from_the_menu_opens_its_own_tab(window):
    window.show_page("台账")
    window.actions[ActionId.STAFF_EDIT].trigger()
    assert window.current_page() == "设置"
    assert window.settings_page.tabs.currentWidget() is window.settings_page.reference
    # Issue 22: only an administrator manages operators (a clerk finds the item grey), so one signs in.
    window.operator = Operator.get(Operator.username == "admin")
    window.refresh_status()
    window.actions[ActionId.OPERATOR_RESET].trigger()
    assert window.settings_page.tabs.currentWidget() is window.settings_page.operators
