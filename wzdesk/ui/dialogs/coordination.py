"""Dialogs of leader coordination and major-case follow-ups: record the meeting, mark what was owed done."""

from datetime import date, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from wzdesk.errors import UserError
from wzdesk.models import Case, Operator
from wzdesk.supervision import coordination, follow_ups
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _
from wzdesk.vocabulary import SUPERVISION_ACTION_LABELS

DECISION_ROWS = 3  # empty rows offered at first; 添加一项 adds more


def _date_edit(name: str, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    return edit


class SupervisionDialog(FormDialog):
    """Base: knows the case, the operator and the moment, like the lifecycle dialogs."""

    action = ""

    def __init__(self, case: Case, operator: Operator, at: datetime, parent: QWidget | None = None):
        super().__init__(_("{0} — 工单 {1}").format(_(SUPERVISION_ACTION_LABELS[self.action]), case.code), parent,
                         intro=f"<b>{case.code}</b>　{case.title}")
        self.setObjectName(f"dialog_{self.action}")
        self.case, self.operator, self.at = case, operator, at
        self.build()

    def build(self) -> None:
        """Add the form's rows."""


class CoordinationMeetingDialog(SupervisionDialog):
    """Record the coordination meeting the notice asked for: date, chair, attendees, decisions with due dates."""

    action = "coordination_meeting"

    def build(self) -> None:
        self.setMinimumWidth(560)
        notice = coordination.coordination_notice(self.case)
        if notice is not None:
            self.form.addRow(_("协调通知"), QLabel(f"{notice.number_text}（{notice.issued_on:%Y-%m-%d}）"))
        self.held = _date_edit("held_on", self.at.date())
        self.chair = QLineEdit(coordination.leader_in_charge(self.case) if self.case.lead_department_id else "")
        self.chair.setObjectName("chair")
        self.attendees = QLineEdit()
        self.attendees.setObjectName("attendees")
        self.attendees.setPlaceholderText(_("参会单位和人员，如：市水务集团、桃花社区居委会"))
        self.decisions = QTableWidget(0, 2)
        self.decisions.setObjectName("decisions")
        self.decisions.setHorizontalHeaderLabels([_("议定事项"), _("完成时限")])
        self.decisions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.decisions.setMinimumHeight(130)
        for _row in range(DECISION_ROWS):
            self.add_decision()
        more = QPushButton(_("添加一项"))
        more.setObjectName("add_decision")
        more.clicked.connect(lambda: self.add_decision())
        self.form.addRow(_("会议日期"), self.held)
        self.form.addRow(_("主持人"), self.chair)
        self.form.addRow(_("参会单位和人员"), self.attendees)
        self.form.addRow(_("议定事项"), self.decisions)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(more)
        self.form.addRow("", row)

    def add_decision(self, content: str = "", due: date | None = None) -> int:
        """Add a row for one decision (its text and due day); return its row number."""
        row = self.decisions.rowCount()
        self.decisions.insertRow(row)
        self.decisions.setItem(row, 0, QTableWidgetItem(content))
        self.decisions.setCellWidget(row, 1, _date_edit(f"due_{row}", due or self.at.date()))
        return row

    def filled_decisions(self) -> list[tuple[str, date]]:
        """Return the decisions typed in, each with its due day (rows left empty are skipped)."""
        found = []
        for row in range(self.decisions.rowCount()):
            item = self.decisions.item(row, 0)
            text = item.text().strip() if item is not None else ""
            if text:
                found.append((text, self.decisions.cellWidget(row, 1).date().toPython()))
        return found

    def apply(self) -> None:
        coordination.record_meeting(self.case, self.held.date().toPython(), self.attendees.text(),
                                    self.filled_decisions(), self.at, self.operator, chaired_by=self.chair.text())


class OwedItemDoneDialog(SupervisionDialog):
    """Mark a follow-up entry or a meeting decision of the case done, with what was found or done."""

    action = "owed_done"

    def build(self) -> None:
        self.items = QComboBox()
        self.items.setObjectName("owed_items")
        for kind, item in follow_ups.owed_items(self.case):
            self.items.addItem(self._label(kind, item), f"{kind}:{item.id}")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(_("跟进情况或完成情况：进展如何、下一步做什么"))
        self.note.setFixedHeight(80)
        self.form.addRow(_("事项"), self.items)
        self.form.addRow(_("情况"), self.note)

    def _label(self, kind: str, item) -> str:
        what = _("第{0}次跟进").format(item.seq) if kind == "follow_up" else item.content
        state = _(follow_ups.state(item, self.at))
        return _("{0}（应于 {1} 前，{2}）").format(what, f"{item.due_at:%m-%d}", state)

    def choose(self, kind: str, item_id: int) -> None:
        """Select the owed item of this kind and id (as 今日督办 names it)."""
        index = self.items.findData(f"{kind}:{item_id}")
        if index >= 0:
            self.items.setCurrentIndex(index)

    def apply(self) -> None:
        chosen = self.items.currentData()
        if chosen is None:
            raise UserError(_("这件工单没有待登记的跟进或协调事项。"))
        kind, item_id = chosen.split(":")[0], int(chosen.split(":")[1])
        note = self.note.toPlainText()
        if kind == "follow_up":
            follow_ups.record_follow_up(follow_ups.entry_by_id(item_id), note, self.at, self.operator)
        else:
            coordination.complete_decision(coordination.decision_by_id(item_id), note, self.at, self.operator)


SUPERVISION_DIALOGS = {cls.action: cls for cls in (CoordinationMeetingDialog, OwedItemDoneDialog)}
