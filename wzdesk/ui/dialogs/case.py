"""One dialog per lifecycle action on a case; each checks its form and calls wzdesk.cases.lifecycle."""

from datetime import datetime, time

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.ledger import queries as ledger_queries
from wzdesk.models import Case, Department, Operator, Staff
from wzdesk.office import settings
from wzdesk.office import units as reference_data
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _
from wzdesk.vocabulary import ACTION_LABELS, FIVE_LEVELS, RATING_LABELS, SOLVED_LABELS, THREE_LEVELS


def _text_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(90)
    return box


class CaseActionDialog(FormDialog):
    """Base of the action dialogs: knows the case, the operator and the moment."""

    action = ""

    def __init__(self, case: Case, operator: Operator, at: datetime, parent: QWidget | None = None):
        super().__init__(_("{0} — 工单 {1}").format(_(ACTION_LABELS[self.action]), case.code), parent,
                         intro=f"<b>{case.code}</b>　{case.title}")
        self.setObjectName(f"dialog_{self.action}")
        self.case, self.operator, self.at = case, operator, at
        self.version = case.version  # the version the clerk saw: a step on an older one is refused
        self.build()

    def build(self) -> None:
        """Add the form's rows."""


class DepartmentPicker(QComboBox):
    """A combo of active departments whose change refills a handler combo."""

    def __init__(self, handler: QComboBox | None = None, exclude: int | None = None):
        super().__init__()
        self.setObjectName("department")
        self.addItem(_("— 请选择承办单位 —"), None)
        for dept in reference_data.active_departments():
            if dept.id != exclude:
                self.addItem(dept.name, dept.id)
        self._handler = handler
        if handler is not None:
            self.currentIndexChanged.connect(self._refill)
            self._refill()

    def department(self) -> Department | None:
        return reference_data.department_by_id(self.currentData())

    def _refill(self) -> None:
        self._handler.clear()
        self._handler.addItem(_("（暂不指定）"), None)
        for person in reference_data.active_staff(self.currentData()):
            self._handler.addItem(f"{person.name}　{person.title}".strip(), person.id)


def _handler_combo() -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("handler")
    return combo


def _staff(combo: QComboBox) -> Staff | None:
    return reference_data.staff_by_id(combo.currentData())


def _need_department(picker: DepartmentPicker) -> Department:
    dept = picker.department()
    if dept is None:
        raise UserError(_("请选择承办单位。"))
    return dept


class DispatchDialog(CaseActionDialog):
    action = "dispatch"

    def build(self) -> None:
        self.handler = _handler_combo()
        self.lead = DepartmentPicker(self.handler)
        self.co = QListWidget()
        self.co.setObjectName("co_departments")
        self.co.setFixedHeight(110)
        for dept in reference_data.active_departments():
            item = QListWidgetItem(dept.name)
            item.setData(Qt.ItemDataRole.UserRole, dept.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.co.addItem(item)
        self.coordinator = QLineEdit()
        self.coordinator.setObjectName("coordinator")
        self.coordinator.setPlaceholderText(_("大件须由市领导协调，如：张副市长"))
        self.note = QLineEdit()
        self.form.addRow(_("牵头单位"), self.lead)
        self.form.addRow(_("经办人"), self.handler)
        self.form.addRow(_("协办单位"), self.co)
        self.form.addRow(_("协调领导"), self.coordinator)
        self.form.addRow(_("派单说明"), self.note)

    def co_departments(self) -> list[Department]:
        items = (self.co.item(i) for i in range(self.co.count()))
        return reference_data.departments_by_ids([it.data(Qt.ItemDataRole.UserRole) for it in items
                                                  if it.checkState() == Qt.CheckState.Checked])

    def apply(self) -> None:
        lead = _need_department(self.lead)
        if self.case.grade == "major" and not self.coordinator.text().strip():
            raise UserError(_("大件须填写协调领导（如分管副市长）。"))
        lifecycle.dispatch(self.case, lead, self.at, self.operator, co_departments=self.co_departments(),
                           handler=_staff(self.handler), coordinator=self.coordinator.text().strip(),
                           note=self.note.text().strip(), expected_version=self.version)


class AcceptDialog(CaseActionDialog):
    action = "accept"

    def build(self) -> None:
        self.expected = QDateEdit(QDate(self.at.date()).addDays(3))
        self.expected.setObjectName("expected")
        self.expected.setCalendarPopup(True)
        self.expected.setDisplayFormat("yyyy-MM-dd")
        self.handler = _handler_combo()
        self.handler.addItem(_("（不变）"), None)
        for person in reference_data.active_staff(self.case.lead_department_id):
            self.handler.addItem(f"{person.name}　{person.title}".strip(), person.id)
        self.note = QLineEdit()
        self.form.addRow(_("承诺办结日期"), self.expected)
        self.form.addRow(_("经办人"), self.handler)
        self.form.addRow(_("签收说明"), self.note)

    def apply(self) -> None:
        expected = datetime.combine(self.expected.date().toPython(), time(23, 59, 59))
        if expected < self.at:
            raise UserError(_("承诺办结日期不能早于今天。"))
        lifecycle.accept(self.case, self.at, self.operator, expected_at=expected, handler=_staff(self.handler),
                         note=self.note.text().strip(), expected_version=self.version)


class ReasonDialog(CaseActionDialog):
    """A dialog whose only field is a reason or a text (return, reply, reopen, close)."""

    label, placeholder = "理由", ""

    def build(self) -> None:
        self.text = _text_box("reason", _(self.placeholder))
        self.form.addRow(_(self.label), self.text)

    def value(self) -> str:
        return self.text.toPlainText().strip()


class ReturnDialog(ReasonDialog):
    action, label, placeholder = "return", "退回理由", "写明不属于本单位职责的依据，或应由哪个单位承办"

    def apply(self) -> None:
        lifecycle.return_case(self.case, self.value(), self.at, self.operator, expected_version=self.version)


class ReplyDialog(ReasonDialog):
    action, label, placeholder = "reply", "答复内容", "办理结果和向反映人的答复"

    def apply(self) -> None:
        lifecycle.reply(self.case, self.value(), self.at, self.operator, expected_version=self.version)


class ReopenDialog(ReasonDialog):
    action, label, placeholder = "reopen", "重办原因", "如：现场回访发现问题依旧"

    def apply(self) -> None:
        lifecycle.reopen(self.case, self.value(), self.at, self.operator, expected_version=self.version)


class CloseDialog(ReasonDialog):
    action, label, placeholder = "close", "办结说明", "（可不填）"

    def apply(self) -> None:
        lifecycle.close(self.case, self.at, self.operator, note=self.value(), expected_version=self.version)


class ReassignDialog(CaseActionDialog):
    action = "reassign"

    def build(self) -> None:
        self.handler = _handler_combo()
        self.lead = DepartmentPicker(self.handler, exclude=self.case.lead_department_id)
        self.reason = _text_box("reason", _("为什么改由其他单位承办"))
        self.form.addRow(_("改派给"), self.lead)
        self.form.addRow(_("经办人"), self.handler)
        self.form.addRow(_("改派理由"), self.reason)

    def apply(self) -> None:
        lifecycle.reassign(self.case, _need_department(self.lead), self.reason.toPlainText(), self.at,
                           self.operator, handler=_staff(self.handler), expected_version=self.version)


class ProgressDialog(CaseActionDialog):
    action = "progress"

    def build(self) -> None:
        self.department = QComboBox()
        self.department.setObjectName("department")
        for dept in ledger_queries.involved_departments(self.case):
            self.department.addItem(dept.name, dept.id)
        self.note = _text_box("reason", _("如：已联系反映人，约定明天上门查看"))
        self.form.addRow(_("报送单位"), self.department)
        self.form.addRow(_("办理进展"), self.note)

    def apply(self) -> None:
        dept = reference_data.department_by_id(self.department.currentData())
        lifecycle.progress(self.case, self.note.toPlainText(), self.at, self.operator, department=dept,
                           expected_version=self.version)


class VerifyDialog(CaseActionDialog):
    """Record an on-site check; `passed` chooses the pass or fail action."""

    passed = True

    def build(self) -> None:
        self.staff = QLineEdit()
        self.staff.setObjectName("staff")
        self.staff.setText(self.operator.display_name)
        self.with_petitioner = QCheckBox(_("反映人在场"))
        self.finding = _text_box("reason", _("现场看到的情况") if self.passed else _("哪里没有办好，需要返工的内容"))
        self.form.addRow(_("核验人员"), self.staff)
        self.form.addRow("", self.with_petitioner)
        self.form.addRow(_("核验情况"), self.finding)

    def apply(self) -> None:
        lifecycle.verify(self.case, self.passed, self.finding.toPlainText(), self.at, self.operator,
                         staff=self.staff.text().strip(), with_petitioner=self.with_petitioner.isChecked(),
                         expected_version=self.version)


class VerifyPassDialog(VerifyDialog):
    action, passed = "verify_pass", True


class VerifyFailDialog(VerifyDialog):
    action, passed = "verify_fail", False


class RateDialog(CaseActionDialog):
    action = "rate"

    def build(self) -> None:
        self.level = QComboBox()
        self.level.setObjectName("level")
        self.level.addItem(_("— 请选择 —"), None)
        three = settings.get("rating_scale") == 3
        for code in THREE_LEVELS if three else FIVE_LEVELS:
            self.level.addItem(RATING_LABELS[code], code)
        self.solved = QComboBox()
        self.solved.setObjectName("solved")
        self.solved.addItem(_("— 请选择 —"), None)
        for answer, label in SOLVED_LABELS.items():
            self.solved.addItem(_(label), answer)
        self.channel = QComboBox()
        self.channel.addItems([_("电话回访"), _("短信回访"), _("上门回访"), _("平台评价")])
        self.comment = _text_box("reason", _("反映人的原话（可不填）"))
        self.form.addRow(_("问题是否解决"), self.solved)
        self.form.addRow(_("评价"), self.level)
        self.form.addRow(_("回访方式"), self.channel)
        self.form.addRow(_("反映人意见"), self.comment)
        self.close_too = QCheckBox(_("评价不是“不满意”时一并办结"))
        self.close_too.setObjectName("close_too")
        self.close_too.setChecked(True)
        self.form.addRow("", self.close_too)
        self.level.currentIndexChanged.connect(self._offer_close)
        self._offer_close()

    def _offer_close(self) -> None:
        """Offer 办结 in the same step when the case may close and the rating is not dissatisfied."""
        self.close_too.setVisible(self.case.status in lifecycle.ALLOWED_FROM["close"])
        self.close_too.setEnabled(lifecycle.rating_closes(self.case, self.level.currentData()))

    def apply(self) -> None:
        if self.solved.currentData() is None:
            raise UserError(_("请选择反映人说问题是否已解决。"))
        if self.level.currentData() is None:
            raise UserError(_("请选择反映人的评价。"))
        # 满意 with 一并办结 ticked: the rating and the close are one transaction (both events, or neither).
        closing = self.close_too.isEnabled() and self.close_too.isChecked()
        step = lifecycle.rate_and_close if closing else lifecycle.rate
        extra = {"note": _("回访评价后办结")} if closing else {}
        step(self.case, self.level.currentData(), self.at, self.operator, comment=self.comment.toPlainText().strip(),
             channel=self.channel.currentText(), solved=self.solved.currentData(), expected_version=self.version,
             **extra)


DIALOGS: dict[str, type[CaseActionDialog]] = {
    cls.action: cls for cls in (DispatchDialog, AcceptDialog, ReturnDialog, ReassignDialog, ProgressDialog,
                                ReplyDialog, VerifyPassDialog, VerifyFailDialog, RateDialog, CloseDialog,
                                ReopenDialog)
}
