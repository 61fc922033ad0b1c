"""新建诉求: register a citizen's report, with a phone check and the similar open cases (重复诉求) as it is typed."""

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from wzdesk.cases import lifecycle, phones, repeats
from wzdesk.errors import UserError
from wzdesk.models import Case, Operator
from wzdesk.office import duty_menus
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _
from wzdesk.vocabulary import GRADE_LABELS, STATUS_LABELS

CHANNELS = ["12345热线", "网络问政平台", "来信来访", "领导信箱", "媒体曝光", "其他"]


class IntakeDialog(FormDialog):
    """The intake form; on OK the case is registered and `created` holds it."""

    def __init__(self, operator: Operator, clock: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(_("新建诉求"), parent)
        self.setObjectName("dialog_intake")
        self.setMinimumWidth(560)
        self.operator, self._clock = operator, clock
        self.created: Case | None = None
        self.found: list[repeats.SimilarCase] = []
        self._build()

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _build(self) -> None:
        self.title = self._line("title", _("一句话说清问题，如：红旗路路灯不亮"))
        self.content = QPlainTextEdit()
        self.content.setObjectName("content")
        self.content.setPlaceholderText(_("群众反映的具体情况、地点、诉求"))
        self.content.setFixedHeight(100)
        self.category = QComboBox()
        self.category.setObjectName("category")
        for cat in duty_menus.active_categories():
            self.category.addItem(cat.name, (cat.id, cat.default_grade))
        self.grade = QComboBox()
        self.grade.setObjectName("grade")
        for code, label in GRADE_LABELS.items():
            self.grade.addItem(_("{0}件").format(label), code)
        self.channel = QComboBox()
        self.channel.addItems([_(c) for c in CHANNELS])
        self.name = self._line("petitioner", _("反映人姓名"))
        self.phone = self._line("phone", _("手机 13812345678 或座机 0739-5123456"))
        self.repeat = QLabel()
        self.repeat.setObjectName("repeat_warning")
        self.repeat.setWordWrap(True)
        self.repeat.setStyleSheet("color:#b35900")
        self.similar = QLabel()
        self.similar.setObjectName("similar_cases")
        self.similar.setWordWrap(True)
        self.similar.setStyleSheet("color:#b35900")
        self.district = self._line("district", _("区县"))
        self.street = self._line("street", _("街道（乡镇）"))
        self.community = self._line("community", _("社区（村）"))
        self.address = self._line("address", _("详细地址"))
        self._add_rows()
        self.category.currentIndexChanged.connect(self._category_changed)
        self.phone.textChanged.connect(self._check_repeat)
        for edit in (self.title, self.phone, self.community):
            edit.textChanged.connect(self._check_similar)
        self.category.currentIndexChanged.connect(self._check_similar)
        self._category_changed()

    def _add_rows(self) -> None:
        for label, widget in [("标题", self.title), ("诉求内容", self.content), ("诉求类型", self.category),
                              ("分级", self.grade), ("来源渠道", self.channel), ("反映人", self.name),
                              ("联系电话", self.phone), ("", self.repeat), ("区县", self.district),
                              ("街道", self.street), ("社区", self.community), ("地址", self.address),
                              ("", self.similar)]:
            self.form.addRow(_(label), widget)

    def _category_changed(self) -> None:
        data = self.category.currentData()
        if data:
            self.grade.setCurrentIndex(self.grade.findData(data[1]))

    def _check_repeat(self) -> None:
        """Warn, while the clerk types, about cases from the same number in the last 30 days."""
        text = self.phone.text()
        if not phones.is_valid_phone(text):
            self.repeat.setText(_("号码格式不对") if len(text.strip()) >= 11 else "")
            return
        recent = phones.recent_cases(phones.normalise_phone(text), self._clock())
        if not recent:
            self.repeat.setText("")
            return
        lines = [f"{c.code}　{c.received_at:%m-%d}　{STATUS_LABELS[c.status]}　{c.title}" for c in recent[:5]]
        self.repeat.setText(_("⚠ 该号码近 {0} 天已反映 {1} 件，请核对是否重复：").format(
            phones.REPEAT_DAYS, len(recent)) + "<br>" + "<br>".join(lines))

    def _check_similar(self) -> None:
        """Show the similar open cases (same community and category with a like title, or the same phone)."""
        data = self.category.currentData()
        self.found = repeats.similar_cases(self.title.text(), self._clock(), self.community.text(),
                                           data[0] if data else None, self.phone.text())
        if not self.found:
            self.similar.setText("")
            return
        lines = [escape(s.line()) for s in self.found[:5]]
        head = _("⚠ 疑似重复诉求：有 {0} 件相似的在办工单（相似度高的在前），登记后可在工单上合并到主件：")
        self.similar.setText(head.format(len(self.found)) + "<br>" + "<br>".join(lines))

    def fields(self) -> dict:
        """Return the form as the fields of lifecycle.intake, refusing a bad phone number."""
        phone = self.phone.text().strip()
        if not phone:
            raise UserError(_("请填写联系电话，便于回访。"))
        data = self.category.currentData()
        return {
            "title": self.title.text().strip(),
            "content": self.content.toPlainText().strip(),
            "category": data[0] if data else None,
            "grade": self.grade.currentData(),
            "channel": self.channel.currentText(),
            "petitioner_name": self.name.text().strip(),
            "petitioner_phone": phones.normalise_phone(phone),
            "district": self.district.text().strip(),
            "street": self.street.text().strip(),
            "community": self.community.text().strip(),
            "address": self.address.text().strip(),
        }

    def apply(self) -> None:
        fields = self.fields()
        if not fields["title"]:
            raise UserError(_("请填写诉求标题。"))
        self.created = lifecycle.intake(fields, self._clock(), self.operator)
