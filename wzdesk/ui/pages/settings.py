"""The 设置 page: departments and staff, the office's rules, the working-day calendar."""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from wzdesk.ui.i18n import _
from wzdesk.ui.pages.calendar_editor import CalendarEditor
from wzdesk.ui.pages.duty_menu_editor import DutyMenuEditor
from wzdesk.ui.pages.office_settings import OfficeSettings
from wzdesk.ui.pages.operators import OperatorsPage
from wzdesk.ui.pages.reference import ReferencePage


class SettingsPage(QWidget):
    """Tabs over the reference data; `changed` callbacks let the window refresh what depends on them."""

    def __init__(self, clock: Callable[[], datetime], on_changed: Callable[[], None], operator: Callable,
                 parent=None):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.reference = ReferencePage()
        self.office = OfficeSettings(clock, on_changed, operator)
        self.calendar = CalendarEditor(clock, on_changed, operator)
        self.duty_menus = DutyMenuEditor()
        self.operators = OperatorsPage(clock, operator)
        self.tabs.addTab(self.reference, _("单位与人员"))
        self.tabs.addTab(self.office, _("督办规则"))
        self.tabs.addTab(self.calendar, _("工作日历"))
        self.tabs.addTab(self.duty_menus, _("责任菜单"))
        self.tabs.addTab(self.operators, _("操作员"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        # Every tab's actions, for the window's registry: the 设置 menu shows these very actions.
        self.page_actions = {aid: act for tab in self._tabs() for aid, act in tab.page_actions.items()}

    def _tabs(self) -> list[QWidget]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def tab_of(self, action_id) -> QWidget | None:
        """Return the tab that owns an action, or None."""
        return next((tab for tab in self._tabs() if action_id in tab.page_actions), None)

    def reload(self) -> None:
        self.reference.reload()
        self.calendar.refresh()
        self.duty_menus.reload()
        self.operators.reload()
