"""Forms of the 问责 and 约谈 pages: enter a record, schedule an interview, record it held."""

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from wzdesk.ledger import queries as ledger_queries
from wzdesk.models import Case, Interview, Operator
from wzdesk.office import units
from wzdesk.supervision import accountability, interviews
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _
from wzdesk.vocabulary import SANCTION_LABELS, TARGET_LABELS

PROBLEM_TYPES = ("超期未办结", "假办结", "群众评价不满意", "推诿扯皮", "约谈承诺未兑现", "未履职", "其他")
COMMITMENT_ROWS = 3


def department_box(name: str) -> QComboBox:
    """Return a combo of the active departments, their ids as data."""
    box = QComboBox()
    box.setObjectName(name)
    for dept in units.active_departments():
        box.addItem(dept.name, dept.id)
    return box


def text_box(name: str, placeholder: str, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(height)
    return box


class ProposeDialog(FormDialog):
    """Enter an accountability record by hand (any clerk); linked to `case` when opened from the case pane."""

    def __init__(self, operator: Operator, at: datetime, parent: QWidget | None = None, case: Case | None = None):
        super().__init__(_("登记问责建议"), parent,
                         intro=_("提出后由督办科长确认；确认对单位的问责时会提示一并问责分管领导。"))
        self.setObjectName("dialog_propose")
        self.operator, self.at = operator, at
        self.department = department_box("department")
        if case is not None and case.lead_department_id:
            self.department.setCurrentIndex(max(self.department.findData(case.lead_department_id), 0))
        self.target = QComboBox()
        self.target.setObjectName("target")
        for code, label in TARGET_LABELS.items():
            self.target.addItem(_(label), code)
        self.person = QLineEdit()
        self.person.setObjectName("person")
        self.person.setPlaceholderText(_("个人须填；分管领导不填则取单位登记的分管领导"))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("person_title")
        self.title_edit.setPlaceholderText(_("职务，如：科员、副局长"))
        self.sanction = QComboBox()
        self.sanction.setObjectName("sanction")
        for code, label in SANCTION_LABELS.items():
            self.sanction.addItem(_(label), code)
        self.problem = QComboBox()
        self.problem.setObjectName("problem")
        self.problem.setEditable(True)
        self.problem.addItems([_(p) for p in PROBLEM_TYPES])
        self.reason = text_box("reason", _("问责理由：什么问题、违反了什么要求"))
        self.cases = QLineEdit(case.code if case is not None else "")
        self.cases.setObjectName("cases")
        self.cases.setPlaceholderText(_("关联工单编号，多个用空格或顿号隔开；可不填"))
        for label, widget in ((_("单位"), self.department), (_("问责对象"), self.target), (_("姓名"), self.person),
                              (_("职务"), self.title_edit), (_("问责方式"), self.sanction),
                              (_("问题类型"), self.problem), (_("理由"), self.reason), (_("关联工单"), self.cases)):
            self.form.addRow(label, widget)
        self.created = None

    def apply(self) -> None:
        dept = units.department_by_id(self.department.currentData())
        self.created = accountability.propose(
            dept, self.target.currentData(), self.sanction.currentData(), self.reason.toPlainText(), self.at,
            self.operator, person_name=self.person.text(), person_title=self.title_edit.text(),
            problem_type=self.problem.currentText(), cases=ledger_queries.cases_by_codes(self.cases.text()))


class CaseProposeDialog(ProposeDialog):
    """The case pane's 问责…: a proposal linked to the shown case."""

    def __init__(self, case: Case, operator: Operator, at: datetime, parent: QWidget | None = None):
        super().__init__(operator, at, parent, case=case)


class ScheduleDialog(FormDialog):
    """Schedule an interview and issue its numbered notice."""

    def __init__(self, operator: Operator, at: datetime, parent: QWidget | None = None):
        super().__init__(_("安排约谈"), parent, intro=_("确定后登记约谈并编号印发约谈通知书，可在“文书”页打印。"))
        self.setObjectName("dialog_schedule")
        self.operator, self.at = operator, at
        self.department = department_box("department")
        self.who = QComboBox()
        self.who.setObjectName("who")
        for code, label in interviews.INTERVIEWEES.items():
            self.who.addItem(_(label), code)
        start = (at + timedelta(days=2)).replace(hour=9, minute=30, second=0, microsecond=0)
        self.when = QDateTimeEdit(QDateTime(start))
        self.when.setObjectName("when")
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.place = QLineEdit(_("督办室会议室"))
        self.place.setObjectName("place")
        self.conductor = QLineEdit(_("督办室主任"))
        self.conductor.setObjectName("conductor")
        self.attendees = QLineEdit()
        self.attendees.setObjectName("attendees")
        self.attendees.setPlaceholderText(_("列席人员，用顿号隔开"))
        self.reason = text_box("reason", _("约谈事由"))
        self.cases = QLineEdit()
        self.cases.setObjectName("cases")
        self.cases.setPlaceholderText(_("关联工单编号，可不填"))
        for label, widget in ((_("被约谈单位"), self.department), (_("约谈对象"), self.who), (_("约谈时间"), self.when),
                              (_("地点"), self.place), (_("主持人"), self.conductor), (_("列席"), self.attendees),
                              (_("事由"), self.reason), (_("关联工单"), self.cases)):
            self.form.addRow(label, widget)
        self.created = None

    def apply(self) -> None:
        dept = units.department_by_id(self.department.currentData())
        self.created = interviews.schedule(
            dept, self.when.dateTime().toPython(), self.who.currentData(), self.at, self.operator,
            place=self.place.text(), conductor=self.conductor.text(), attendees=self.attendees.text(),
            reason=self.reason.toPlainText(), cases=ledger_queries.cases_by_codes(self.cases.text()))


class HeldDialog(FormDialog):
    """Record an interview held: when, the minutes, and up to three commitments with due dates."""

    def __init__(self, interview: Interview, operator: Operator, at: datetime, parent: QWidget | None = None):
        super().__init__(_("登记约谈举行"), parent, intro=f"<b>{interview.department.name}</b>　"
                         f"{interview.interviewee_title}　{interview.scheduled_at:%Y-%m-%d %H:%M}")
        self.setObjectName("dialog_held")
        self.interview, self.operator, self.at = interview, operator, at
        self.held = QDateTimeEdit(QDateTime(interview.scheduled_at))
        self.held.setObjectName("held")
        self.held.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.minutes = text_box("minutes", _("约谈纪要：谈了什么、对方如何表态"), 90)
        self.form.addRow(_("举行时间"), self.held)
        self.form.addRow(_("纪要"), self.minutes)
        self.promises: list[tuple[QLineEdit, QDateEdit]] = []
        for n in range(COMMITMENT_ROWS):
            text = QLineEdit()
            text.setObjectName(f"promise_{n}")
            text.setPlaceholderText(_("承诺内容（可不填）"))
            due = QDateEdit(QDate(interview.scheduled_at.date()).addDays(7))
            due.setObjectName(f"due_{n}")
            due.setDisplayFormat("yyyy-MM-dd")
            due.setCalendarPopup(True)
            row = QHBoxLayout()
            row.addWidget(text, 1)
            row.addWidget(due)
            self.form.addRow(_("承诺 {0}").format(n + 1), row)
            self.promises.append((text, due))

    def apply(self) -> None:
        promised = [(text.text(), due.date().toPython()) for text, due in self.promises]
        interviews.record_held(self.interview, self.held.dateTime().toPython(), self.minutes.toPlainText(),
                               promised, self.at, self.operator)
