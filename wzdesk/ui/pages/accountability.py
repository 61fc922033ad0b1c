"""问责: the accountability register with filters, a department's history, and the supervisor's decisions."""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wzdesk.errors import UserError
from wzdesk.models import Accountability, Operator
from wzdesk.office import units
from wzdesk.supervision import accountability
from wzdesk.ui.actions import ActionButton, ActionId, make_actions
from wzdesk.ui.dialogs.accountability import ProposeDialog
from wzdesk.ui.dialogs.citizen import TextPrompt
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import refuse, warn
from wzdesk.ui.models.rows import RowsModel
from wzdesk.vocabulary import ACCOUNTABILITY_STATUS_LABELS, SANCTION_LABELS

COLUMNS = [("日期", lambda r: f"{r.decided_on:%Y-%m-%d}"), ("单位", lambda r: r.department),
           ("对象", lambda r: r.target), ("问责方式", lambda r: r.sanction), ("问题类型", lambda r: r.problem_type),
           ("状态", lambda r: r.status), ("理由", lambda r: r.reason), ("关联工单", lambda r: r.case_codes or "—"),
           ("来源", lambda r: r.rule), ("处理说明", lambda r: r.status_note)]


def table_view(name: str, model) -> QTableView:
    """Return a read-only, row-selecting table over a model."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fit(table: QTableView, widest: int = 320) -> None:
    """Size columns to their contents, none wider than `widest`."""
    table.resizeColumnsToContents()
    for column in range(table.model().columnCount()):
        table.setColumnWidth(column, min(table.columnWidth(column), widest))


def current_row(table: QTableView):
    """Return the plain row selected in a RowsModel table, or None."""
    rows = table.selectionModel().selectedRows()
    return table.model().row_at(rows[0].row()) if rows else None


class AccountabilityPage(QWidget):
    """The register; selecting a record shows its first case in the case pane."""

    case_selected = Signal(int)
    cases_changed = Signal()

    def __init__(self, clock: Callable[[], datetime], operator: Callable[[], Operator], parent=None):
        super().__init__(parent)
        self.setObjectName("accountability_page")
        self.clock, self.operator = clock, operator
        self.model = RowsModel([(_(h), g) for h, g in COLUMNS], red=lambda r: r.status == "待确认", parent=self)
        self.table = table_view("accountability_table", self.model)
        self.table.clicked.connect(lambda index: self._selected(index.row()))
        self.offer_box: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        layout.addLayout(self._buttons())
        layout.addWidget(self.table, 1)
        self.history = QLabel()
        self.history.setObjectName("history")
        self.history.setWordWrap(True)
        layout.addWidget(self.history)
        self.reload()

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status_box = self._combo("status_filter", _("全部状态"), ACCOUNTABILITY_STATUS_LABELS.items())
        self.department_box = self._combo("department_filter", _("全部单位"), [
            (d.id, d.name) for d in units.all_departments()])
        self.sanction_box = self._combo("sanction_filter", _("全部方式"), SANCTION_LABELS.items())
        self.month_box = self._combo("month_filter", _("全部月份"), [])
        for label, box in ((_("状态"), self.status_box), (_("单位"), self.department_box),
                           (_("问责方式"), self.sanction_box), (_("月份"), self.month_box)):
            row.addWidget(QLabel(label))
            row.addWidget(box)
            box.currentIndexChanged.connect(self.reload)
        row.addStretch(1)
        return row

    @staticmethod
    def _combo(name: str, everything: str, items) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItem(everything, "")
        for code, label in items:
            box.addItem(_(label) if isinstance(label, str) else label, code)
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.page_actions = make_actions(self, {
            ActionId.SANCTION_PROPOSE: lambda: self.propose(),
            ActionId.SANCTION_CONFIRM: lambda: self.confirm_selected(),
            ActionId.SANCTION_DISMISS: lambda: self.dismiss_selected(),
            ActionId.SANCTION_REVOKE: lambda: self.revoke_selected()})
        for action_id, name in ((ActionId.SANCTION_PROPOSE, "propose"), (ActionId.SANCTION_CONFIRM, "confirm"),
                                (ActionId.SANCTION_DISMISS, "dismiss"), (ActionId.SANCTION_REVOKE, "revoke")):
            row.addWidget(ActionButton(self.page_actions[action_id], name))
        row.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        row.addWidget(self.summary)
        return row

    def reload(self) -> None:
        """Re-read the register with the chosen filters, keeping the month list current."""
        chosen = self.month_box.currentData() or ""
        self.month_box.blockSignals(True)
        while self.month_box.count() > 1:
            self.month_box.removeItem(1)
        for month in accountability.register_months():
            self.month_box.addItem(month, month)
        self.month_box.setCurrentIndex(max(self.month_box.findData(chosen), 0))
        self.month_box.blockSignals(False)
        rows = accountability.register_rows(self.status_box.currentData() or "", self.department_box.currentData()
                                            or None, self.sanction_box.currentData() or "",
                                            self.month_box.currentData() or "")
        self.model.set_rows(rows)
        fit(self.table)
        waiting = sum(r.status == ACCOUNTABILITY_STATUS_LABELS["proposed"] for r in rows)
        self.summary.setText(_("共 {0} 条，待确认 {1} 条").format(len(rows), waiting))
        self._show_history(self.department_box.currentData() or None)

    def case_lists(self) -> list:
        """Return the register, whose rows show their record's first case in the case pane."""
        return [(self.table, self._case_id_at)]

    def _case_id_at(self, index) -> int | None:
        item = self.model.row_at(index.row()) if index.isValid() else None
        return accountability.first_case_id(accountability.record_by_id(item.id)) if item else None

    def _selected(self, row: int) -> None:
        item = self.model.row_at(row)
        if item is None:
            return
        record = accountability.record_by_id(item.id)
        self._show_history(record.department_id)
        case_id = accountability.first_case_id(record)
        if case_id is not None:
            self.case_selected.emit(case_id)

    def _show_history(self, department_id: int | None) -> None:
        if not department_id:
            self.history.setText(_("选中一条记录或按单位筛选，可看该单位的问责历史。"))
            return
        counts = accountability.department_history(department_id)
        name = units.department_by_id(department_id).name
        text = "、".join(f"{label} {n} 次" for label, n in counts.items()) or _("无")
        self.history.setText(_("<b>{0}</b> 已确认的问责：{1}").format(name, text))

    def selected_record(self) -> Accountability | None:
        row = current_row(self.table)
        return accountability.record_by_id(row.id) if row is not None else None

    # -- actions ---------------------------------------------------------------------------------------------

    def propose(self) -> ProposeDialog:
        dialog = ProposeDialog(self.operator(), self.clock(), self)
        dialog.accepted.connect(self._changed)
        dialog.open()
        return dialog

    def _need_record(self) -> Accountability | None:
        record = self.selected_record()
        if record is None:
            warn(self, _("请先在列表中选中一条问责记录。"), _("未选择"))
        return record

    def confirm_selected(self) -> None:
        """Confirm the selected proposal; then offer the leader in charge's record when there is one."""
        record = self._need_record()
        if record is None:
            return
        try:
            offer = accountability.confirm(record, self.clock(), self.operator())
        except UserError as exc:
            refuse(self, exc, _("未能确认问责"))
            return
        self._changed()
        if offer is not None:
            self._offer(offer, record)

    def _offer(self, offer: Accountability, record: Accountability) -> QMessageBox:
        text = _("已确认对{0}的{1}。\n\n是否同时对分管领导{2}（{3}）予以{4}？").format(
            record.department.name, SANCTION_LABELS[record.sanction], offer.person_title, offer.person_name,
            SANCTION_LABELS[offer.sanction])
        box = QMessageBox(QMessageBox.Icon.Question, _("问责分管领导"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("leader_offer")
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(_("一并问责"))
        box.button(QMessageBox.StandardButton.No).setText(_("暂不"))
        box.finished.connect(lambda _code: self._accept_offer(offer, record) if box.clickedButton() is yes else None)
        self.offer_box = box
        box.open()
        return box

    def _accept_offer(self, offer: Accountability, record: Accountability) -> None:
        try:
            accountability.accept_suggestion(offer, record, self.clock(), self.operator())
        except UserError as exc:
            refuse(self, exc, _("未能登记问责"))
            return
        self._changed()

    def dismiss_selected(self) -> TextPrompt | None:
        return self._prompt(_("不予问责"), _("为什么不予问责"), accountability.dismiss)

    def revoke_selected(self) -> TextPrompt | None:
        return self._prompt(_("撤销问责"), _("撤销的理由，如：复核认定问责依据不足"), accountability.revoke)

    def _prompt(self, title: str, placeholder: str, service) -> TextPrompt | None:
        record = self._need_record()
        if record is None:
            return None
        prompt = TextPrompt(title, _("理由"), placeholder,
                            lambda text: service(record, text, self.clock(), self.operator()), self)
        prompt.accepted.connect(self._changed)
        prompt.open()
        return prompt

    def _changed(self) -> None:
        self.reload()
        self.cases_changed.emit()
