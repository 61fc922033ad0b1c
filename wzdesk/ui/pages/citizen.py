"""核验与回访: the citizen's side in five queues — checks, ratings, complaints, the SMS outbox, proposals."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wzdesk.cases import messages
from wzdesk.citizen import outbox, rating_rules
from wzdesk.citizen import queues as citizen_queues
from wzdesk.errors import UserError
from wzdesk.ledger import queries as ledger_queries
from wzdesk.masking import mask_phone
from wzdesk.models import Accountability, Operator
from wzdesk.supervision import accountability
from wzdesk.ui.actions import ActionButton, ActionId, make_actions
from wzdesk.ui.dialogs import file_dialogs
from wzdesk.ui.dialogs.case import RateDialog
from wzdesk.ui.dialogs.citizen import CITIZEN_DIALOGS, TextPrompt
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, refuse, warn
from wzdesk.ui.models.rows import RowsModel
from wzdesk.vocabulary import SANCTION_LABELS, TARGET_LABELS


def _translated(columns: list) -> list:
    return [(_(header), getter) for header, getter in columns]


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else "—"


CASE_COLUMNS = [("工单编号", lambda r: r.code), ("诉求标题", lambda r: r.title), ("承办单位", lambda r: r.department),
                ("状态", lambda r: r.status), ("答复时间", lambda r: _when(r.since))]
CHECK_COLUMNS = [*CASE_COLUMNS, ("核验预约", lambda r: r.detail)]
COMPLAINT_COLUMNS = [("工单编号", lambda r: r.code), ("诉求标题", lambda r: r.title),
                     ("吐槽时间", lambda r: _when(r.at)),
                     ("吐槽内容", lambda r: r.content), ("状态", lambda r: "待处理" if r.open else "已处理"),
                     ("处理说明", lambda r: r.clear_note)]
OUTBOX_COLUMNS = [("序号", lambda r: r.id), ("工单编号", lambda r: r.code),
                  ("环节", lambda r: messages.TRIGGER_LABELS.get(r.trigger, r.trigger)),
                  ("短信内容", lambda r: r.text), ("手机号码", lambda r: mask_phone(r.phone)),
                  ("状态", lambda r: messages.STATUS_LABELS[r.status] + (f"：{r.error}" if r.error else "")),
                  ("生成时间", lambda r: _when(r.created_at))]
PROPOSAL_COLUMNS = [("规则", accountability.rule_label),
                    ("对象", lambda r: TARGET_LABELS.get(r.target_kind, r.target_kind)),
                    ("单位", lambda r: r.department.name),
                    ("姓名", lambda r: f"{r.person_name} {r.person_title}".strip() or "—"),
                    ("问责方式", lambda r: SANCTION_LABELS.get(r.sanction, r.sanction)),
                    ("理由", lambda r: r.reason), ("关联工单", accountability.case_count),
                    ("提出日期", lambda r: f"{r.decided_on:%Y-%m-%d}")]


def _case_of(item) -> int | None:
    """Return the case a queue row is about (a proposal: its first case)."""
    case_id = getattr(item, "case_id", None)
    if case_id is None and isinstance(item, Accountability):
        case_id = accountability.first_case_id(item)
    return case_id


class QueueTab(QWidget):
    """A table of one queue over a row of buttons."""

    def __init__(self, name: str, model: RowsModel, parent=None):
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self.table = QTableView()
        self.table.setObjectName(f"{name}_table")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)

    def add_button(self, action: QAction, name: str) -> ActionButton:
        """Show one of the page's registry actions as a button of this tab."""
        button = ActionButton(action, name)
        self.buttons.addWidget(button)
        return button

    def selected(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def current(self):
        chosen = self.selected()
        return chosen[0] if chosen else None

    def fit(self) -> None:
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 360))


class CitizenPage(QWidget):
    """The 核验与回访 page; selecting a row shows its case in the case pane."""

    case_selected = Signal(int)
    cases_changed = Signal()

    def __init__(self, clock: Callable[[], datetime], operator: Callable[[], Operator], parent=None):
        super().__init__(parent)
        self.setObjectName("citizen_page")
        self.clock, self.operator = clock, operator
        self.tabs = QTabWidget()
        self.tabs.setObjectName("citizen_tabs")
        self.checks = QueueTab("checks", RowsModel(_translated(CHECK_COLUMNS)))
        self.ratings = QueueTab("ratings", RowsModel(_translated(CASE_COLUMNS)))
        self.complaints = QueueTab("complaints", RowsModel(_translated(COMPLAINT_COLUMNS), red=lambda r: r.open))
        self.outbox = QueueTab("outbox", RowsModel(_translated(OUTBOX_COLUMNS), red=lambda r: r.status == "failed"))
        self.proposals = QueueTab("proposals", RowsModel(_translated(PROPOSAL_COLUMNS)))
        self._build_buttons()
        for tab in (self.checks, self.ratings, self.complaints, self.outbox, self.proposals):
            tab.table.clicked.connect(lambda index, t=tab: self._row_clicked(t, index.row()))
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size:13pt;font-weight:bold;")
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        # The queues are read when the page is shown (MainWindow.show_page), not at start-up: on a large
        # ledger they take a moment the clerk should not wait for before seeing the window.

    def _build_buttons(self) -> None:
        acts = self.page_actions = make_actions(self, {
            ActionId.CITIZEN_BOOK: lambda: self._case_dialog(self.checks, "book_verification"),
            ActionId.CITIZEN_RESULT: lambda: self._case_dialog(self.checks, "verification_result"),
            ActionId.CITIZEN_RATE: lambda: self.rate_selected(),
            ActionId.CITIZEN_CLEAR: lambda: self._case_dialog(self.complaints, "clear_complaint"),
            ActionId.OUTBOX_EXPORT: lambda: self.choose_export(), ActionId.OUTBOX_SENT: lambda: self.mark_sent(),
            ActionId.OUTBOX_FAILED: lambda: self.mark_failed(), ActionId.MONTHLY_RULES: lambda: self.run_monthly(),
            ActionId.PROPOSAL_CONFIRM: lambda: self.confirm_selected(),
            ActionId.PROPOSAL_DISMISS: lambda: self.dismiss_selected()})
        self.checks.add_button(acts[ActionId.CITIZEN_BOOK], "book")
        self.checks.add_button(acts[ActionId.CITIZEN_RESULT], "result")
        self.ratings.add_button(acts[ActionId.CITIZEN_RATE], "rate")
        self.complaints.add_button(acts[ActionId.CITIZEN_CLEAR], "clear")
        self.outbox.add_button(acts[ActionId.OUTBOX_EXPORT], "export")
        self.outbox.add_button(acts[ActionId.OUTBOX_SENT], "mark_sent")
        self.outbox.add_button(acts[ActionId.OUTBOX_FAILED], "mark_failed")
        self.month = QDateEdit(QDate(self.clock().date()).addMonths(-1))
        self.month.setObjectName("month")
        self.month.setDisplayFormat("yyyy-MM")
        self.proposals.buttons.addWidget(QLabel(_("月份")))
        self.proposals.buttons.addWidget(self.month)
        self.proposals.add_button(acts[ActionId.MONTHLY_RULES], "run_monthly")
        self.proposals.add_button(acts[ActionId.PROPOSAL_CONFIRM], "confirm")
        self.proposals.add_button(acts[ActionId.PROPOSAL_DISMISS], "dismiss")
        for tab in (self.checks, self.ratings, self.complaints, self.outbox, self.proposals):
            tab.buttons.addStretch(1)

    def reload(self) -> None:
        """Re-read every queue."""
        self.checks.model.set_rows(citizen_queues.verification_queue())
        self.ratings.model.set_rows(citizen_queues.rating_queue())
        complaint_rows = citizen_queues.complaint_rows()
        self.complaints.model.set_rows(complaint_rows)
        self.outbox.model.set_rows(outbox.outbox_rows())
        self.proposals.model.set_rows(accountability.proposed())
        open_complaints = sum(r.open for r in complaint_rows)
        titles = [(self.checks, "待核验"), (self.ratings, "待回访"), (self.complaints, "吐槽"),
                  (self.outbox, "短信发件箱"), (self.proposals, "问责建议")]
        for index, (tab, title) in enumerate(titles):
            count = open_complaints if tab is self.complaints else tab.model.rowCount()
            if self.tabs.count() <= index:
                self.tabs.addTab(tab, "")
            self.tabs.setTabText(index, _("{0}（{1}）").format(_(title), count))
            tab.fit()
        self.heading.setText(_("核验与回访　待核验 {0} 件 · 待回访 {1} 件 · 未处理吐槽 {2} 条 · 待发短信 {3} 条"
                               ).format(
            self.checks.model.rowCount(), self.ratings.model.rowCount(), open_complaints,
            sum(r.status == "pending" for r in self.outbox.model.rows)))

    def show_tab(self, tab: QueueTab) -> None:
        self.tabs.setCurrentWidget(tab)

    def _row_clicked(self, tab: QueueTab, row: int) -> None:
        case_id = _case_of(tab.model.row_at(row))
        if case_id is not None:
            self.case_selected.emit(case_id)

    def case_lists(self) -> list:
        """Return every queue's table, whose rows show their case in the case pane."""
        return [(tab.table, lambda index, t=tab: _case_of(t.model.row_at(index.row())) if index.isValid() else None)
                for tab in (self.checks, self.ratings, self.complaints, self.outbox, self.proposals)]

    # -- case dialogs --------------------------------------------------------------------------------

    def _case_dialog(self, tab: QueueTab, action: str):
        row = tab.current()
        if row is None:
            warn(self, _("请先在列表中选中一件工单。"), _("未选择"))
            return None
        dialog = CITIZEN_DIALOGS[action](ledger_queries.case_by_id(row.case_id), self.operator(), self.clock(), self)
        return self._open(dialog)

    def rate_selected(self):
        row = self.ratings.current()
        if row is None:
            warn(self, _("请先在列表中选中一件工单。"), _("未选择"))
            return None
        return self._open(RateDialog(ledger_queries.case_by_id(row.case_id), self.operator(), self.clock(), self))

    def _open(self, dialog):
        dialog.accepted.connect(self._changed)
        dialog.stale.connect(self._changed)  # refused as stale: the queues show the fresh state
        dialog.open()
        return dialog

    def _changed(self) -> None:
        self.reload()
        self.cases_changed.emit()

    # -- outbox ------------------------------------------------------------------------------------------

    def choose_export(self) -> None:
        name = _("待发短信-{0:%Y%m%d-%H%M}.xlsx").format(self.clock())
        path, _filter = file_dialogs.save_file_name(self, _("导出给短信网关（含完整手机号码）"), name,
                                                    _("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export_outbox(Path(path))

    def export_outbox(self, path: Path) -> list[int]:
        """Write the gateway workbook; tell the clerk it carries real phone numbers."""
        try:
            ids = outbox.export_for_gateway(path, self.clock(), self.operator())
        except UserError as exc:
            refuse(self, exc, _("无法导出"))
            return []
        inform(self, _("已导出待发短信 {0} 条到\n{1}\n\n此文件含反映人完整手机号码，仅供短信网关使用，发送后请删除。"
                       ).format(len(ids), path))
        return ids

    def _selected_message_ids(self) -> list[int]:
        ids = [r.id for r in self.outbox.selected()]
        if not ids:
            warn(self, _("请先选中要登记的短信（可多选）。"), _("未选择"))
        return ids

    def mark_sent(self) -> None:
        ids = self._selected_message_ids()
        if ids:
            self._run(lambda: outbox.mark(ids, self.clock(), self.operator()))

    def mark_failed(self):
        ids = self._selected_message_ids()
        if not ids:
            return None
        prompt = TextPrompt(_("登记发送失败"), _("失败原因"), _("如：空号、停机、网关拒收"),
                            lambda text: outbox.mark(ids, self.clock(), self.operator(), failed_reason=text), self)
        return self._open(prompt)

    def _run(self, job: Callable[[], object]) -> bool:
        try:
            job()
        except UserError as exc:
            refuse(self, exc, _("未能完成"))
            return False
        self._changed()
        return True

    # -- proposals -----------------------------------------------------------------------------------------

    def run_monthly(self) -> None:
        month = self.month.date().toString("yyyy-MM")
        result: list = []
        if self._run(lambda: result.append(rating_rules.apply_monthly_rating_rules(month, self.clock(),
                                                                                   self.operator()))):
            done = result[0]
            inform(self, _("{0} 评价规则已运行：重办假办结 {1} 件，新提出问责建议 {2} 条。").format(
                month, len(done.false_closures), len(done.proposals)))

    def confirm_selected(self) -> None:
        record = self.proposals.current()
        if record is None:
            warn(self, _("请先选中一条问责建议。"), _("未选择"))
            return
        self._run(lambda: accountability.confirm(record, self.clock(), self.operator()))

    def dismiss_selected(self):
        record = self.proposals.current()
        if record is None:
            warn(self, _("请先选中一条问责建议。"), _("未选择"))
            return None
        prompt = TextPrompt(_("不予问责"), _("理由"), _("为什么不予问责"),
                            lambda text: accountability.dismiss(record, text, self.clock(), self.operator()), self)
        return self._open(prompt)
