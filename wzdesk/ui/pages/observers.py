"""观察员: the roster (contact masked), coverage per community against 3 to 5, assignments, certificates."""

import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wzdesk.citizen import observers
from wzdesk.errors import UserError
from wzdesk.masking import mask_id_no, mask_phone
from wzdesk.models import Observer, Operator
from wzdesk.ui.actions import ActionButton, ActionId, make_actions
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, refuse, warn
from wzdesk.ui.models.rows import RowsModel
from wzdesk.ui.pages.accountability import current_row, fit, table_view

ROSTER_COLUMNS = [("编号", lambda r: r.id), ("姓名", lambda r: r.name), ("类别", lambda r: r.kind or "—"),
                  ("区县", lambda r: r.district), ("街道", lambda r: r.street), ("社区", lambda r: r.community),
                  ("电话", lambda r: r.phone or "—"), ("身份证号", lambda r: r.id_no or "—"),
                  ("参加核验", lambda r: r.assignments), ("发现问题", lambda r: r.findings),
                  ("状态", lambda r: f"{r.retired_on:%Y-%m-%d} 退出" if r.retired_on else "在册")]
COVERAGE_COLUMNS = [("区县", lambda r: r.district or "—"), ("街道", lambda r: r.street or "—"),
                    ("社区", lambda r: r.community), ("在册观察员", lambda r: r.observers),
                    ("诉求件", lambda r: r.cases), ("对照 3–5 名目标", lambda r: r.state)]
ASSIGNMENT_COLUMNS = [("核验时间", lambda r: f"{r.at:%Y-%m-%d %H:%M}"), ("工单编号", lambda r: r.case_code),
                      ("社区", lambda r: r.community), ("到场", lambda r: "是" if r.present else "否"),
                      ("观察员所见", lambda r: r.finding or "—"), ("核验结论", lambda r: r.result)]


class ObserverDialog(FormDialog):
    """Add an observer, or edit one (numbers shown masked; leaving them as shown keeps them)."""

    def __init__(self, at: datetime, operator: Operator, observer: Observer | None = None,
                 parent: QWidget | None = None):
        super().__init__(_("修改观察员") if observer else _("新增观察员"), parent)
        self.setObjectName("dialog_observer")
        self.at, self.operator, self.observer = at, operator, observer
        self.edits: dict[str, QLineEdit] = {}
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.setEditable(True)
        self.kind.addItems([_(k) for k in observers.KINDS])
        for key, label in (("name", "姓名"), ("district", "区县"), ("street", "街道"), ("community", "社区"),
                           ("phone", "电话"), ("id_no", "身份证号"), ("note", "备注")):
            edit = QLineEdit()
            edit.setObjectName(key)
            self.edits[key] = edit
            self.form.addRow(_(label), edit)
            if key == "name":
                self.form.addRow(_("类别"), self.kind)
        if observer is not None:
            self._fill(observer)

    def _fill(self, observer: Observer) -> None:
        shown = {**{k: getattr(observer, k) for k in self.edits}, "phone": mask_phone(observer.phone),
                 "id_no": mask_id_no(observer.id_no)}
        for key, edit in self.edits.items():
            edit.setText(shown[key])
        self.kind.setCurrentText(observer.kind)

    def values(self) -> dict:
        return {**{k: e.text() for k, e in self.edits.items()}, "kind": self.kind.currentText()}

    def apply(self) -> None:
        if self.observer is None:
            self.observer = observers.add_observer(self.values(), self.at, self.operator)
        else:
            observers.edit_observer(self.observer, self.values(), self.at, self.operator)


class ReasonDialog(FormDialog):
    """Ask the reason for a roster change and make it; the reason is required (it goes into the ledger)."""

    def __init__(self, title: str, intro: str, job: Callable[[str], object], parent=None):
        super().__init__(title, parent, intro)
        self.setObjectName("dialog_reason")
        self._job = job
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.form.addRow(_("原因"), self.reason)

    def apply(self) -> None:
        if not self.reason.text().strip():
            raise UserError("请填写原因，它将记入台账。")
        self._job(self.reason.text())


class ObserversPage(QWidget):
    """Two tabs: the roster with each observer's checks, and the coverage of the communities."""

    def __init__(self, clock: Callable[[], datetime], operator: Callable[[], Operator], parent=None):
        super().__init__(parent)
        self.setObjectName("observers_page")
        self.clock, self.operator = clock, operator
        # Removed with the page (or at exit); a PDF still open in a viewer on Windows is left behind.
        self._temp_dir = tempfile.TemporaryDirectory(prefix="wzdesk-certificate-", ignore_cleanup_errors=True)
        self._temp = Path(self._temp_dir.name)
        self.roster_model = RowsModel([(_(h), g) for h, g in ROSTER_COLUMNS], parent=self)
        self.coverage_model = RowsModel([(_(h), g) for h, g in COVERAGE_COLUMNS], red=lambda r: r.short, parent=self)
        self.assignment_model = RowsModel([(_(h), g) for h, g in ASSIGNMENT_COLUMNS], parent=self)
        self.roster = table_view("roster_table", self.roster_model)
        self.roster.selectionModel().currentRowChanged.connect(lambda current, _p: self._show(current.row()))
        self.coverage_table = table_view("coverage_table", self.coverage_model)
        self.assignments = table_view("assignment_table", self.assignment_model)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("observer_tabs")
        self.tabs.addTab(self._roster_tab(), _("名册"))
        self.tabs.addTab(self._coverage_tab(), _("社区覆盖"))
        QVBoxLayout(self).addWidget(self.tabs)
        # Read when the page is shown (MainWindow.show_page): coverage counts every case's community,
        # which on a million-case ledger takes seconds the clerk should not wait for at start-up.

    def _roster_tab(self) -> QWidget:
        tab = QWidget()
        row = QHBoxLayout()
        self.page_actions = make_actions(self, {
            ActionId.OBSERVER_ADD: lambda: self.add(), ActionId.OBSERVER_EDIT: lambda: self.edit(),
            ActionId.OBSERVER_RETIRE: lambda: self.retire(), ActionId.OBSERVER_REINSTATE: lambda: self.reinstate(),
            ActionId.OBSERVER_REVEAL: lambda: self.reveal(), ActionId.OBSERVER_CERTIFICATE: lambda: self.certificate()})
        for action_id, name in ((ActionId.OBSERVER_ADD, "add"), (ActionId.OBSERVER_EDIT, "edit"),
                                (ActionId.OBSERVER_RETIRE, "retire"), (ActionId.OBSERVER_REINSTATE, "reinstate"),
                                (ActionId.OBSERVER_REVEAL, "reveal"), (ActionId.OBSERVER_CERTIFICATE, "certificate")):
            row.addWidget(ActionButton(self.page_actions[action_id], name))
        self.include_retired = QCheckBox(_("含已退出"))
        self.include_retired.setObjectName("include_retired")
        self.include_retired.toggled.connect(self.reload)
        row.addWidget(self.include_retired)
        row.addStretch(1)
        self.roster_summary = QLabel()
        row.addWidget(self.roster_summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.roster)
        below = QWidget()
        column = QVBoxLayout(below)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(_("<b>所选观察员参加的现场核验</b>")))
        column.addWidget(self.assignments, 1)
        splitter.addWidget(below)
        splitter.setSizes([420, 220])
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(splitter, 1)
        return tab

    def _coverage_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.short_label = QLabel()
        self.short_label.setObjectName("short_label")
        self.short_label.setWordWrap(True)
        layout.addWidget(self.short_label)
        layout.addWidget(self.coverage_table, 1)
        return tab

    def reload(self) -> None:
        """Re-read the roster and the coverage."""
        chosen = current_row(self.roster)
        self.roster_model.set_rows(observers.observer_rows(self.include_retired.isChecked()))
        fit(self.roster)
        rows = observers.coverage()
        self.coverage_model.set_rows(rows)
        fit(self.coverage_table)
        short = [r for r in rows if r.short]
        names = "、".join(r.community for r in short[:30]) + ("等" if len(short) > 30 else "")
        self.short_label.setText(_("共 {0} 个社区，{1} 个不足 {2} 名观察员（标红）：{3}").format(
            len(rows), len(short), observers.TARGET_MIN, names or _("无")))
        active = sum(r.retired_on is None for r in self.roster_model.rows)
        self.roster_summary.setText(_("在册 {0} 名").format(active))
        self.select_observer(chosen.id if chosen else None)

    def select_observer(self, observer_id: int | None) -> None:
        """Select an observer's row and show their checks."""
        row = next((n for n, r in enumerate(self.roster_model.rows) if r.id == observer_id), -1)
        if row >= 0:
            self.roster.selectRow(row)
        self._show(row)

    def _show(self, row: int) -> None:
        item = self.roster_model.row_at(row)
        self.assignment_model.set_rows(observers.assignments(item.id) if item else [])
        fit(self.assignments)

    def selected_observer(self) -> Observer | None:
        row = current_row(self.roster)
        if row is None:
            warn(self, _("请先在名册中选中一名观察员。"), _("未选择"))
            return None
        return observers.observer_by_id(row.id)

    # -- actions ---------------------------------------------------------------------------------------------

    def add(self) -> ObserverDialog:
        return self._open(ObserverDialog(self.clock(), self.operator(), None, self))

    def edit(self) -> ObserverDialog | None:
        observer = self.selected_observer()
        return self._open(ObserverDialog(self.clock(), self.operator(), observer, self)) if observer else None

    def _open(self, dialog: ObserverDialog) -> ObserverDialog:
        dialog.accepted.connect(lambda: (self.reload(), self.select_observer(dialog.observer.id)))
        dialog.open()
        return dialog

    def retire(self) -> "ReasonDialog | None":
        """Ask why, then take the selected observer off the roster (恢复在册 undoes it)."""
        observer = self.selected_observer()
        if observer is None:
            return None
        dialog = ReasonDialog(_("退出名册 — {0}").format(observer.name),
                              _("退出后不再参加现场核验，过去的核验记录保留；原因记入台账。可用“恢复在册”撤回。"),
                              lambda reason: observers.retire(observer, self.clock(), self.operator(), reason), self)
        return self._open_reason(dialog, observer.id)

    def reinstate(self) -> "ReasonDialog | None":
        """Put a retired observer back on the roster, with the reason recorded."""
        observer = self.selected_observer()
        if observer is None:
            return None
        dialog = ReasonDialog(_("恢复在册 — {0}").format(observer.name), _("恢复后可再参加现场核验；原因记入台账。"),
                              lambda reason: observers.reinstate(observer, self.clock(), self.operator(), reason),
                              self)
        return self._open_reason(dialog, observer.id)

    def _open_reason(self, dialog: "ReasonDialog", observer_id: int) -> "ReasonDialog":
        dialog.accepted.connect(lambda: (self.reload(), self.select_observer(observer_id)))
        dialog.open()
        return dialog

    def reveal(self) -> None:
        """Show the full numbers to a role allowed to see them; the look is recorded."""
        observer = self.selected_observer()
        if observer is None:
            return
        try:
            phone, id_no = observers.reveal_contact(observer, self.clock(), self.operator())
        except UserError as exc:
            refuse(self, exc, _("无权查看"))
            return
        inform(self, _("{0}\n电话：{1}\n身份证号：{2}\n\n本次查看已记入台账。").format(
            observer.name, phone or "—", id_no or "—"), _("完整联系方式"))

    def certificate(self, out: Path | None = None) -> Path | None:
        """Number and render the selected observer's certificate, then show it."""
        observer = self.selected_observer()
        if observer is None:
            return None
        target = out or self._temp / f"监督能手证书-{observer.id}.pdf"
        try:
            notice, path = observers.issue_certificate(observer, target, self.clock().date(), self.clock())
        except UserError as exc:
            refuse(self, exc, _("无法生成证书"))
            return None
        if out is None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        inform(self, _("已颁发监督能手证书，编号 {0}。").format(notice.number_text))
        return path
