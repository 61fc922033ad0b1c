"""Dialogs of the citizen's side: book a check, record its result with photos, a complaint and its clearing."""

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from wzdesk.citizen import complaints, observers, verification
from wzdesk.errors import UserError
from wzdesk.models import Case, Observer, Operator
from wzdesk.ui.dialogs import file_dialogs
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _
from wzdesk.vocabulary import CITIZEN_ACTION_LABELS

PHOTO_FILTER = "照片 (*.jpg *.jpeg *.png *.bmp *.gif *.heic *.webp)"


def _text_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(80)
    return box


class CitizenDialog(FormDialog):
    """Base: knows the case, the operator and the moment, like the lifecycle dialogs."""

    action = ""

    def __init__(self, case: Case, operator: Operator, at: datetime, parent: QWidget | None = None):
        super().__init__(_("{0} — 工单 {1}").format(_(CITIZEN_ACTION_LABELS[self.action]), case.code), parent,
                         intro=f"<b>{case.code}</b>　{case.title}")
        self.setObjectName(f"dialog_{self.action}")
        self.case, self.operator, self.at = case, operator, at
        self.version = case.version  # the version the clerk saw: a step on an older one is refused
        self.build()

    def build(self) -> None:
        """Add the form's rows."""


class BookVerificationDialog(CitizenDialog):
    action = "book_verification"

    def build(self) -> None:
        start = (self.at + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
        self.planned = QDateTimeEdit(QDateTime(start))
        self.planned.setObjectName("planned")
        self.planned.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.planned.setCalendarPopup(True)
        self.staff = QLineEdit(self.operator.display_name if self.operator.role != "system" else "")
        self.staff.setObjectName("staff")
        self.staff.setPlaceholderText(_("去现场的督办室人员，如：王芳、李强"))
        self.with_petitioner = QCheckBox(_("约反映人到场"))
        self.with_petitioner.setChecked(True)
        self.observers = QListWidget()
        self.observers.setObjectName("observers")
        self.observers.setFixedHeight(110)
        for observer in observers.observers_near(self.case):
            item = QListWidgetItem(f"{observer.name}　{observer.community}")
            item.setData(Qt.ItemDataRole.UserRole, observer.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.observers.addItem(item)
        self.form.addRow(_("核验时间"), self.planned)
        self.form.addRow(_("核验人员"), self.staff)
        self.form.addRow("", self.with_petitioner)
        self.form.addRow(_("观察员"), self.observers)

    def chosen_observers(self) -> list[Observer]:
        items = (self.observers.item(i) for i in range(self.observers.count()))
        return observers.observers_by_ids([it.data(Qt.ItemDataRole.UserRole) for it in items
                                           if it.checkState() == Qt.CheckState.Checked])

    def apply(self) -> None:
        verification.book(self.case, self.planned.dateTime().toPython(), self.staff.text(), self.at, self.operator,
                          with_petitioner=self.with_petitioner.isChecked(), observers=self.chosen_observers())


class VerificationResultDialog(CitizenDialog):
    """Record the booked check's finding, pass or fail, the observers' findings and photos."""

    action = "verification_result"

    def build(self) -> None:
        self.booking = verification.pending_booking(self.case)
        if self.booking is not None:
            self.form.addRow(_("预约"), QLabel(f"{self.booking.planned_at:%Y-%m-%d %H:%M}　{self.booking.staff}"))
        self.result = QComboBox()
        self.result.setObjectName("result")
        self.result.addItem(_("— 请选择 —"), None)
        self.result.addItem(_("通过：问题已解决"), True)
        self.result.addItem(_("不通过：需要返工"), False)
        self.finding = _text_box("finding", _("现场看到的情况；不通过时写明哪里没办好"))
        self.form.addRow(_("核验结论"), self.result)
        self.form.addRow(_("核验情况"), self.finding)
        self.observer_boxes: dict[int, QLineEdit] = {}
        self.problem_boxes: dict[int, QCheckBox] = {}
        for observer in verification.booked_observers(self.booking) if self.booking else []:
            self._add_observer_row(observer)
        self._build_photos()

    def _add_observer_row(self, observer: Observer) -> None:
        """One row per booked observer: what they saw, and whether it is a problem the reply did not admit."""
        box = QLineEdit()
        box.setPlaceholderText(_("观察员看到的情况（可不填）"))
        problem = QCheckBox(_("发现问题"))
        problem.setObjectName(f"problem_found_{observer.id}")
        problem.setToolTip(_("观察员发现了答复中没有说到的问题（计入观察员名册的“发现问题”）"))
        row = QHBoxLayout()
        row.addWidget(box, 1)
        row.addWidget(problem)
        self.observer_boxes[observer.id] = box
        self.problem_boxes[observer.id] = problem
        self.form.addRow(_("观察员 {0}").format(observer.name), row)

    def _build_photos(self) -> None:
        self.photos = QListWidget()
        self.photos.setObjectName("photos")
        self.photos.setFixedHeight(70)
        add = QPushButton(_("添加照片…"))
        add.clicked.connect(self._choose_photos)
        row = QHBoxLayout()
        row.addWidget(self.photos, 1)
        row.addWidget(add, 0, Qt.AlignmentFlag.AlignTop)
        self.form.addRow(_("现场照片"), row)

    def _choose_photos(self) -> None:
        files, _filter = file_dialogs.open_file_names(self, _("选择现场照片"), "", _(PHOTO_FILTER))
        self.add_photos([Path(f) for f in files])

    def add_photos(self, paths: list[Path]) -> None:
        """List photos to attach (copied into the data folder when the result is saved)."""
        for path in paths:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.photos.addItem(item)

    def photo_paths(self) -> list[Path]:
        return [Path(self.photos.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.photos.count())]

    def apply(self) -> None:
        if self.result.currentData() is None:
            raise UserError(_("请选择核验结论：通过或不通过。"))
        findings = {oid: box.text() for oid, box in self.observer_boxes.items()}
        problems = [oid for oid, box in self.problem_boxes.items() if box.isChecked()]
        verification.record_result(self.case, self.result.currentData(), self.finding.toPlainText(), self.at,
                                   self.operator, booking=self.booking, photos=self.photo_paths(),
                                   observer_findings=findings, problems_found=problems, expected_version=self.version)


class ComplaintDialog(CitizenDialog):
    action = "complaint"

    def build(self) -> None:
        self.content = _text_box("content", _("反映人对办理情况的意见，尽量用原话"))
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        self.channel.addItems([_("电话"), _("网络平台"), _("来访"), _("短信")])
        self.form.addRow(_("吐槽内容"), self.content)
        self.form.addRow(_("来源"), self.channel)

    def apply(self) -> None:
        complaints.record_complaint(self.case, self.content.toPlainText(), self.at, self.operator,
                                    channel=self.channel.currentText(), expected_version=self.version)


class ClearComplaintDialog(CitizenDialog):
    action = "clear_complaint"

    def build(self) -> None:
        self.which = QComboBox()
        self.which.setObjectName("which")
        for complaint in complaints.open_complaints(self.case):
            text = complaint.content if len(complaint.content) <= 40 else complaint.content[:40] + "…"
            self.which.addItem(f"{complaint.at:%m-%d %H:%M}　{text}", complaint.id)
        self.note = _text_box("note", _("核实了什么、怎样回应了反映人"))
        self.form.addRow(_("吐槽"), self.which)
        self.form.addRow(_("处理说明"), self.note)

    def apply(self) -> None:
        if self.which.currentData() is None:
            raise UserError(_("这件工单没有待处理的吐槽。"))
        complaint = complaints.complaint_by_id(self.which.currentData())
        complaints.clear_complaint(complaint, self.note.toPlainText(), self.at, self.operator,
                                   expected_version=self.version)


class TextPrompt(FormDialog):
    """Ask for one text (a reason, a note) and hand it to `apply_text`, which may refuse."""

    def __init__(self, title: str, label: str, placeholder: str, apply_text: Callable[[str], None],
                 parent: QWidget | None = None):
        super().__init__(title, parent)
        self.setObjectName("text_prompt")
        self._apply_text = apply_text
        self.text = _text_box("text", placeholder)
        self.form.addRow(label, self.text)

    def apply(self) -> None:
        self._apply_text(self.text.toPlainText())


CITIZEN_DIALOGS: dict[str, type[CitizenDialog]] = {
    cls.action: cls for cls in (BookVerificationDialog, VerificationResultDialog, ComplaintDialog,
                                ClearComplaintDialog)
}
