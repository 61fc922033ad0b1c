"""The ledger page: the filter bar over the lazy case table; selecting a row shows the case."""

from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, Signal
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from wzdesk.ledger.printout import PRINT_CAP, printed_ledger
from wzdesk.ui.i18n import _
from wzdesk.ui.ledger_printing import preview_ledger
from wzdesk.ui.messages import inform
from wzdesk.ui.models.ledger import CASE_ID_ROLE, COLUMNS, LedgerModel
from wzdesk.ui.models.ledger_count import BackgroundCounter
from wzdesk.ui.widgets.filter_bar import FilterBar

DEFAULT_WIDTHS = {"code": 130, "title": 260, "status": 64, "grade": 44, "category": 84, "department": 200,
                  "received_at": 120, "dispatched_at": 120, "due_at": 86, "colour": 110}


class LedgerPage(QWidget):
    """The 全流程台账 page."""

    case_selected = Signal(int)

    def __init__(self, model: LedgerModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.filters = FilterBar(today=model.clock().date())
        self.counter = BackgroundCounter(self)
        self.counter.counted.connect(self._counted)
        self.view = self._make_view()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filters)
        layout.addWidget(self.view, 1)
        self.filters.changed.connect(self.apply_filters)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("ledger_view")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(False)
        view.setWordWrap(False)
        view.setSortingEnabled(True)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(24)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(COLUMNS.index(("received_at", "受理时间")), Qt.SortOrder.DescendingOrder)
        for column, (key, _title) in enumerate(COLUMNS):
            view.setColumnWidth(column, DEFAULT_WIDTHS[key])
        return view

    def apply_filters(self) -> None:
        """Re-query the table for the filter bar's current filter."""
        self.model.set_filter(self.filters.current())
        self.update_count()

    def update_count(self) -> None:
        """Show the count now if a single page holds it; else show "≥ rows loaded" and count in the background."""
        known = self.model.known_total()
        if known is not None:
            self.counter.cancel()
            self._show_count(known)
            return
        self.filters.count_label.setText(_("共 ≥{0} 件，计数中…").format(f"{self.model.rowCount():,}"))
        self.counter.request(self.model.ledger_filter, self.model.at)

    def _counted(self, n: int) -> None:
        self.model.set_total(n)
        self._show_count(n)

    def _show_count(self, n: int) -> None:
        self.filters.count_label.setText(_("共 {0} 件").format(f"{n:,}"))

    def print_view(self, at: datetime, cap: int = PRINT_CAP) -> QPrintPreviewDialog:
        """Preview and print the filtered ledger as the table shows it (at most `cap` rows)."""
        printed = printed_ledger(self.model.ledger_filter, self.model.ledger_sort, at, cap)
        if printed.truncated:
            inform(self, _("当前台账超过 {0} 件，只打印前 {0} 件；需要全部请导出 Excel。").format(cap))
        return preview_ledger(printed, self)

    def reload(self) -> None:
        """Query again, keeping the selected case selected when it is still listed."""
        current = self.current_case_id()
        self.filters.reload_choices()
        self.model.reload()
        self.update_count()
        if current is not None:
            self.select_case(current)

    def refresh_live(self) -> None:
        """Show another desk's changes, keeping the rows loaded, the selected case and the scroll position."""
        current, scroll = self.current_case_id(), self.view.verticalScrollBar().value()
        self.model.refresh_in_place()
        self.update_count()
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.verticalScrollBar().setValue(scroll)

    def current_case_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(CASE_ID_ROLE) if index.isValid() else None

    def select_case(self, case_id: int) -> bool:
        """Select the row of a case if it is loaded; return whether it was found."""
        row = self.model.row_of(case_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    def case_lists(self) -> list:
        """Return the views whose rows are cases, each with how to read a row's case id."""
        return [(self.view, lambda index: index.data(CASE_ID_ROLE) if index.isValid() else None)]

    def _row_changed(self, current, _previous) -> None:
        case_id = current.data(CASE_ID_ROLE) if current.isValid() else None
        if case_id is not None:
            self.case_selected.emit(case_id)

    def save_state(self, store: QSettings) -> None:
        store.setValue("ledger/header", self.view.horizontalHeader().saveState())
        self.filters.save(store)

    def restore_state(self, store: QSettings) -> None:
        state = store.value("ledger/header")
        if state is not None:
            self.view.horizontalHeader().restoreState(state)
        self.filters.restore(store)
