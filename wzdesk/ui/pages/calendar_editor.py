"""The working-day calendar: a month view to mark holidays and make-up days, confirm a year, import one."""

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QRect
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from wzdesk.cases import calendar_changes
from wzdesk.cases.calendar_changes import confirm_year, set_day  # these re-reckon the open deadlines
from wzdesk.errors import UserError
from wzdesk.office import workcalendar
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.ui.actions import ActionButton, ActionId, allow, make_actions
from wzdesk.ui.dialogs import file_dialogs
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, refuse

HOLIDAY = QColor("#ffd6d6")
MAKEUP = QColor("#d6e6ff")


class DayCalendar(QCalendarWidget):
    """A month view that tints holidays and make-up days.

    It paints the cells itself: setDateTextFormat in PySide6 6.12 drops a reference to None on
    every call and, over a few hundred days, crashes the interpreter.
    """

    def __init__(self):
        super().__init__()
        self.exceptions: dict[date, bool] = {}

    def paintCell(self, painter: QPainter, rect: QRect, day: QDate) -> None:
        super().paintCell(painter, rect, day)
        kind = self.exceptions.get(day.toPython())
        if kind is not None:
            tint = QColor(MAKEUP if kind else HOLIDAY)
            tint.setAlpha(150)
            painter.fillRect(rect, tint)


class CalendarEditor(QWidget):
    """Red days are holidays, blue days make-up working days; a year is provisional until confirmed."""

    def __init__(self, clock: Callable[[], datetime], on_changed: Callable[[], None], operator: Callable,
                 parent=None):
        super().__init__(parent)
        self._clock, self._on_changed, self._operator = clock, on_changed, operator
        self.calendar = DayCalendar()
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.day_label = QLabel()
        self.day_label.setObjectName("day_label")
        self.year_label = QLabel()
        self.year_label.setObjectName("year_label")
        self.year_label.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("day_name")
        self.name.setPlaceholderText(_("节日名称，如：春节"))
        self.page_actions = make_actions(self, {
            ActionId.CALENDAR_HOLIDAY: lambda: self.mark(False), ActionId.CALENDAR_WORKDAY: lambda: self.mark(True),
            ActionId.CALENDAR_NORMAL: lambda: self.mark_normal(), ActionId.CALENDAR_CONFIRM: lambda: self.confirm(),
            ActionId.CALENDAR_IMPORT: lambda: self.import_file()})
        self._lay_out()
        self.calendar.selectionChanged.connect(self._show_day)
        self.calendar.currentPageChanged.connect(lambda *_args: self._show_year())
        self.refresh()

    def _lay_out(self) -> None:
        side = QVBoxLayout()
        side.addWidget(self.day_label)
        side.addWidget(self.name)
        acts = self.page_actions
        for action_id, name in ((ActionId.CALENDAR_HOLIDAY, "mark_holiday"),
                                (ActionId.CALENDAR_WORKDAY, "mark_workday"), (ActionId.CALENDAR_NORMAL, "mark_normal")):
            side.addWidget(ActionButton(acts[action_id], name))
        side.addSpacing(16)
        side.addWidget(self.year_label)
        side.addWidget(ActionButton(acts[ActionId.CALENDAR_CONFIRM], "confirm_year"))
        side.addWidget(ActionButton(acts[ActionId.CALENDAR_IMPORT], "import_schedule"))
        hint = QLabel(_("导入文件：CSV 或 Excel，每行一个日期和“放假”或“上班”，可加第三列节日名称。"
                        "<br><span style='background:#ffd6d6'>&nbsp;红&nbsp;</span> 放假　"
                        "<span style='background:#d6e6ff'>&nbsp;蓝&nbsp;</span> 调休上班"))
        hint.setWordWrap(True)
        side.addWidget(hint)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.calendar, 3)
        layout.addLayout(side, 2)

    def refresh(self) -> None:
        """Paint the exceptions and describe the selected day and year."""
        self.calendar.exceptions = workcalendar.exception_days()
        self.calendar.updateCells()
        self._show_day()
        self._show_year()

    def selected(self) -> date:
        return self.calendar.selectedDate().toPython()

    def _show_day(self) -> None:
        day = self.selected()
        row = workcalendar.calendar_day(day)
        kind = (_("调休上班") if row.is_workday else _("放假")) if row else (
            _("工作日") if day.weekday() < 5 else _("周末休息"))
        self.day_label.setText(f"<b>{day:%Y-%m-%d}</b>　{kind}" + (f"（{row.name}）" if row and row.name else ""))

    def _show_year(self) -> None:
        year = self.calendar.yearShown()
        known = WorkCalendar.from_db().is_known(year)
        allow(self.page_actions[ActionId.CALENDAR_CONFIRM], _("{0} 年的安排已确认").format(year) if known else "")
        if known:
            self.year_label.setText(_("{0} 年：法定节假日安排已录入。").format(year))
        else:
            self.year_label.setText(_("<span style='color:#c0392b'>{0} 年：安排尚未确认，"
                                      "时限暂按周一至周五减法定节日推算。</span>").format(year))

    def mark(self, is_workday: bool) -> None:
        """Make the selected day a holiday or a make-up working day."""
        default = _("调休上班") if is_workday else _("放假")
        self._apply(lambda: set_day(self.selected(), is_workday, self.name.text().strip() or default,
                                    self._operator(), self._clock()))

    def mark_normal(self) -> None:
        day = self.selected()
        self._apply(lambda: set_day(day, day.weekday() < 5, "", self._operator(), self._clock()))

    def confirm(self) -> None:
        self._apply(lambda: confirm_year(self.calendar.yearShown(), self._clock(), self._operator()))

    def _apply(self, change) -> None:
        """Make a change, or show why it was refused (only an administrator edits the calendar)."""
        try:
            change()
        except UserError as exc:
            refuse(self, exc, _("不能修改日历"))
            return
        self._changed()

    def import_file(self) -> None:
        path, _filter = file_dialogs.open_file_name(self, _("导入节假日安排"), "", _("日期清单 (*.xlsx *.csv)"))
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> list[int]:
        """Import a schedule file and confirm its years; return them (empty when refused)."""
        try:
            years = calendar_changes.import_schedule(path, self._clock(), self._operator())[0]
        except UserError as exc:
            refuse(self, exc, _("无法导入"))
            return []
        self._changed()
        inform(self, _("已导入并确认 {0} 年的节假日安排。").format("、".join(map(str, years))))
        return years

    def _changed(self) -> None:
        self.refresh()
        self._on_changed()
