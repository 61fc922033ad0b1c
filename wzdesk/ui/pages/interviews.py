"""约谈: interviews (the ladder's and those scheduled by hand), their commitments, overdue ones in red."""

import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from wzdesk.errors import UserError
from wzdesk.models import Commitment, Interview, Operator
from wzdesk.notices import service as document_service
from wzdesk.supervision import interviews
from wzdesk.ui.actions import ActionButton, ActionId, make_actions
from wzdesk.ui.dialogs.accountability import HeldDialog, ScheduleDialog
from wzdesk.ui.dialogs.citizen import TextPrompt
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, refuse, warn
from wzdesk.ui.models.rows import RowsModel
from wzdesk.ui.pages.accountability import current_row, fit, table_view
from wzdesk.vocabulary import COMMITMENT_STATUS_LABELS, INTERVIEW_STATUS_LABELS

INTERVIEW_COLUMNS = [("约谈时间", lambda r: f"{r.scheduled_at:%Y-%m-%d %H:%M}"), ("被约谈单位", lambda r: r.department),
                     ("约谈对象", lambda r: r.interviewee), ("地点", lambda r: r.place), ("状态", lambda r: r.status),
                     ("通知书文号", lambda r: r.notice), ("关联工单", lambda r: r.case_count),
                     ("未了承诺", lambda r: r.open_commitments), ("逾期承诺", lambda r: r.overdue_commitments)]
COMMITMENT_COLUMNS = [("承诺内容", lambda c: c.content), ("完成期限", lambda c: f"{c.due_on:%Y-%m-%d}"),
                      ("状态", lambda c: COMMITMENT_STATUS_LABELS.get(c.status, c.status)),
                      ("情况说明", lambda c: c.note or "—")]


class InterviewsPage(QWidget):
    """Interviews above, the selected one's minutes and commitments below."""

    case_selected = Signal(int)
    cases_changed = Signal()

    def __init__(self, clock: Callable[[], datetime], operator: Callable[[], Operator], parent=None):
        super().__init__(parent)
        self.setObjectName("interviews_page")
        self.clock, self.operator = clock, operator
        # Removed with the page (or at exit); a PDF still open in a viewer on Windows is left behind.
        self._temp_dir = tempfile.TemporaryDirectory(prefix="wzdesk-interview-", ignore_cleanup_errors=True)
        self._temp = Path(self._temp_dir.name)
        self.model = RowsModel([(_(h), g) for h, g in INTERVIEW_COLUMNS], red=lambda r: r.overdue_commitments > 0,
                               parent=self)
        columns = [(h, self._commitment_state if h == "状态" else g) for h, g in COMMITMENT_COLUMNS]
        self.commitment_model = RowsModel([(_(h), g) for h, g in columns],
                                          red=lambda c: interviews.is_overdue(c, self.clock()), parent=self)
        self.table = table_view("interview_table", self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show(current.row()))
        self.commitments = table_view("commitment_table", self.commitment_model)
        self.minutes = QLabel()
        self.minutes.setObjectName("minutes")
        self.minutes.setWordWrap(True)
        self.page_actions = make_actions(self, {
            ActionId.INTERVIEW_SCHEDULE: lambda: self.schedule(), ActionId.INTERVIEW_HELD: lambda: self.record_held(),
            ActionId.INTERVIEW_NOTICE: lambda: self.open_notice(),
            ActionId.COMMITMENT_KEPT: lambda: self.settle(True),
            ActionId.COMMITMENT_BROKEN: lambda: self.settle(False)})
        layout = QVBoxLayout(self)
        layout.addLayout(self._top_row())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self._detail())
        splitter.setSizes([420, 300])
        layout.addWidget(splitter, 1)
        self.reload()

    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status_box = QComboBox()
        self.status_box.setObjectName("status_filter")
        self.status_box.addItem(_("全部"), "")
        for code, label in INTERVIEW_STATUS_LABELS.items():
            self.status_box.addItem(_(label), code)
        self.status_box.currentIndexChanged.connect(self.reload)
        row.addWidget(QLabel(_("状态")))
        row.addWidget(self.status_box)
        for action_id, name in ((ActionId.INTERVIEW_SCHEDULE, "schedule"), (ActionId.INTERVIEW_HELD, "held"),
                                (ActionId.INTERVIEW_NOTICE, "notice")):
            row.addWidget(ActionButton(self.page_actions[action_id], name))
        row.addStretch(1)
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("overdue_label")
        self.overdue_label.setStyleSheet("color:#b00000;font-weight:bold")
        row.addWidget(self.overdue_label)
        return row

    def _detail(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.minutes)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(_("<b>约谈承诺</b>（逾期未兑现的标红）")))
        buttons.addStretch(1)
        buttons.addWidget(ActionButton(self.page_actions[ActionId.COMMITMENT_KEPT], "kept"))
        buttons.addWidget(ActionButton(self.page_actions[ActionId.COMMITMENT_BROKEN], "broken"))
        column.addLayout(buttons)
        column.addWidget(self.commitments, 1)
        return box

    def _commitment_state(self, commitment: Commitment) -> str:
        if interviews.is_overdue(commitment, self.clock()):
            return _("逾期未兑现")
        return COMMITMENT_STATUS_LABELS.get(commitment.status, commitment.status)

    def reload(self) -> None:
        """Re-read the interviews, keeping the selection when it is still listed."""
        chosen = self.selected_interview()
        at = self.clock()
        self.model.set_rows(interviews.interview_rows(at, self.status_box.currentData() or ""))
        fit(self.table)
        overdue = len(interviews.overdue_commitments(at))
        self.overdue_label.setText(_("逾期未兑现承诺 {0} 项").format(overdue) if overdue else "")
        row = next((n for n, r in enumerate(self.model.rows) if chosen and r.id == chosen.id), -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show(row)

    def selected_interview(self) -> Interview | None:
        row = current_row(self.table)
        return interviews.interview_by_id(row.id) if row is not None else None

    def select_interview(self, interview_id: int) -> None:
        """Select an interview's row."""
        row = next((n for n, r in enumerate(self.model.rows) if r.id == interview_id), -1)
        if row >= 0:
            self.table.selectRow(row)

    def _show(self, row: int) -> None:
        item = self.model.row_at(row)
        if item is None:
            self.minutes.setText(_("选中一次约谈，这里显示事由、纪要和承诺。"))
            self.commitment_model.set_rows([])
            return
        interview = interviews.interview_by_id(item.id)
        text = _("<b>事由：</b>{0}<br><b>主持：</b>{1}　<b>列席：</b>{2}<br><b>纪要：</b>{3}").format(
            interview.reason or "—", interview.conductor or "—", interview.attendees or "—",
            interview.minutes or _("（尚未举行）"))
        self.minutes.setText(text)
        self.commitment_model.set_rows(interviews.commitments_of(interview.id))
        fit(self.commitments, 420)
        case_id = interviews.first_case_id(interview)
        if case_id is not None:
            self.case_selected.emit(case_id)

    def case_lists(self) -> list:
        """Return the interview list, whose rows show their interview's first case in the case pane."""
        return [(self.table, self._case_id_at)]

    def _case_id_at(self, index) -> int | None:
        item = self.model.row_at(index.row()) if index.isValid() else None
        return interviews.first_case_id(interviews.interview_by_id(item.id)) if item else None

    # -- actions ---------------------------------------------------------------------------------------------

    def schedule(self) -> ScheduleDialog:
        dialog = ScheduleDialog(self.operator(), self.clock(), self)
        dialog.accepted.connect(lambda: self._changed(dialog.created.id))
        dialog.open()
        return dialog

    def record_held(self) -> HeldDialog | None:
        interview = self.selected_interview()
        if interview is None:
            warn(self, _("请先选中一次约谈。"), _("未选择"))
            return None
        dialog = HeldDialog(interview, self.operator(), self.clock(), self)
        dialog.accepted.connect(lambda: self._changed(interview.id))
        dialog.open()
        return dialog

    def settle(self, kept: bool) -> TextPrompt | None:
        """Mark the selected commitment kept, or ask what happened and mark it broken."""
        commitment = current_row(self.commitments)
        if not isinstance(commitment, Commitment):
            warn(self, _("请先选中一项承诺。"), _("未选择"))
            return None
        interview_id = commitment.interview_id
        if kept:
            try:
                interviews.settle(commitment, True, "", self.clock(), self.operator())
            except UserError as exc:
                refuse(self, exc, _("未能登记承诺"))
                return None
            self._changed(interview_id)
            return None
        prompt = TextPrompt(_("承诺未兑现"), _("情况"), _("到期核查看到的情况"),
                            lambda text: self._broken(commitment, text), self)
        prompt.accepted.connect(lambda: self._changed(interview_id))
        prompt.open()
        return prompt

    def _broken(self, commitment: Commitment, text: str) -> None:
        proposed = interviews.settle(commitment, False, text, self.clock(), self.operator())
        inform(self, _("已登记承诺未兑现：关联的在办工单列入督办清单，并提出问责建议 {0} 条，"
                       "请督办科长在“问责”页确认。").format(len(proposed)))

    def render_notice(self, out: Path) -> Path | None:
        """Write the selected interview's notice to a PDF; None (after a warning) when it cannot."""
        interview = self.selected_interview()
        if interview is None or interview.notice_id is None:
            warn(self, _("请先选中一次有约谈通知书的约谈。"), _("未选择"))
            return None
        try:
            return document_service.render_notice(interview.notice, out)
        except UserError as exc:
            refuse(self, exc, _("无法生成约谈通知书"))
            return None

    def open_notice(self) -> None:
        """Show the notice in the PDF reader (print it there or on the 文书 page)."""
        interview = self.selected_interview()
        if interview is None or interview.notice_id is None:
            warn(self, _("请先选中一次有约谈通知书的约谈。"), _("未选择"))
            return
        path = self.render_notice(self._temp / document_service.file_name(interview.notice))
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _changed(self, interview_id: int | None = None) -> None:
        self.reload()
        if interview_id is not None:
            self.select_interview(interview_id)
        self.cases_changed.emit()
