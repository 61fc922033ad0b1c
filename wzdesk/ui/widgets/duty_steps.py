"""The duty steps owed on a case (责任菜单): done, due or late at a glance, and a dialog to record one done."""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wzdesk.cases import duties
from wzdesk.errors import UserError
from wzdesk.models import Case, Operator
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _
from wzdesk.ui.models.rows import AnyIndex, RowsModel

STATE_TONES = {"已完成": "#e2efda", "超时完成": "#fce4d6", "待办": "#ffffff", "已超时": "#ffc7ce"}
HEADERS = ["履职步骤", "应完成", "完成于", "状态"]


class DutyStepsModel(RowsModel):
    """The steps as (name, due, done, state) rows, each tinted by its state.

    A model, not a QTableWidget: its items, made afresh for every case shown, kept references to None in
    PySide6 6.11 (issue 22).
    """

    def __init__(self, parent=None):
        super().__init__([(_(h), lambda r, i=i: r[i]) for i, h in enumerate(HEADERS)], parent=parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.row() < len(self.rows):
            return QBrush(QColor(STATE_TONES[self.rows[index.row()][3]]))
        return super().data(index, role)


class DutyStepsView(QWidget):
    """A small table of a case's duty steps with their state, and the 登记完成 button."""

    def __init__(self, clock: Callable[[], datetime], operator: Callable[[], Operator], on_done: Callable,
                 parent=None):
        super().__init__(parent)
        self._clock, self._operator, self._on_done = clock, operator, on_done
        self.case: Case | None = None
        self.model = DutyStepsModel(self)
        self.table = QTableView()
        self.table.setObjectName("duty_steps")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.complete_button = QPushButton(_("登记步骤完成…"))
        self.complete_button.setObjectName("complete_duty_step")
        self.complete_button.clicked.connect(self.open_complete)
        title = QHBoxLayout()
        title.addWidget(QLabel(_("<b>责任菜单</b>（硬杠杠）")))
        title.addStretch(1)
        title.addWidget(self.complete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(title)
        layout.addWidget(self.table)

    def show_case(self, case: Case | None) -> None:
        """Fill the table with the case's duty steps (hidden when it owes none)."""
        self.case = case
        rows = duties.step_states(case, self._clock()) if case else []
        self.setVisible(bool(rows))
        self.model.set_rows([(case_step.step.name, f"{case_step.due_at:%m-%d %H:%M}",
                              f"{case_step.done_at:%m-%d %H:%M}" if case_step.done_at else "—", state)
                             for case_step, state in rows])
        self.table.setFixedHeight(28 + 26 * max(1, len(rows)))
        self.complete_button.setEnabled(any(s.done_at is None for s, _state in rows)
                                        and case is not None and case.status != "closed")

    def open_complete(self) -> "CompleteStepDialog":
        """Open the dialog that records a duty step as done."""
        dialog = CompleteStepDialog(self.case, self._operator(), self._clock(), self)
        dialog.accepted.connect(lambda: self._on_done(self.case.id))
        dialog.stale.connect(lambda: self._on_done(self.case.id))
        dialog.open()
        return dialog


class CompleteStepDialog(FormDialog):
    """Record that the department did one of the case's outstanding duty steps."""

    def __init__(self, case: Case, operator: Operator, at: datetime, parent=None):
        super().__init__(_("登记履职步骤完成 — 工单 {0}").format(case.code), parent,
                         intro=f"<b>{case.code}</b>　{case.title}")
        self.setObjectName("dialog_duty_step")
        self.case, self.operator, self.at = case, operator, at
        self.version = case.version  # the version the clerk saw: a step on an older one is refused
        self.step = QComboBox()
        self.step.setObjectName("step")
        for case_step in duties.outstanding_steps(case):
            self.step.addItem(f"{case_step.step.name}（{case_step.due_at:%m-%d %H:%M} 前）", case_step.id)
        self.evidence = QLineEdit()
        self.evidence.setObjectName("evidence")
        self.evidence.setPlaceholderText(_("佐证，如：清运后照片 2 张、分贝仪读数 52dB"))
        self.form.addRow(_("步骤"), self.step)
        self.form.addRow(_("佐证"), self.evidence)

    def apply(self) -> None:
        if self.step.currentData() is None:
            raise UserError(_("这件工单没有待完成的履职步骤。"))
        duties.complete(duties.case_step_by_id(self.step.currentData()), self.at, self.operator,
                        self.evidence.text(), expected_version=self.version)
