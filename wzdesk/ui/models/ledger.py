"""The ledger as a lazy table model: pages of rows fetched from SQL as the clerk scrolls."""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.view import LedgerFilter, LedgerRow, LedgerSort
from wzdesk.ui.i18n import _
from wzdesk.ui.widgets.palette import ROW_TINTS, TEXT_DARK
from wzdesk.vocabulary import COLOUR_LABELS, GRADE_LABELS, STATUS_LABELS

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# (sort key, header); the order is the order of the columns.
COLUMNS = [
    ("code", "工单编号"),
    ("title", "标题"),
    ("status", "状态"),
    ("grade", "分级"),
    ("category", "诉求类型"),
    ("department", "承办单位"),
    ("received_at", "受理时间"),
    ("dispatched_at", "派单时间"),
    ("due_at", "办理时限"),
    ("colour", "颜色/超期"),
]
AnyIndex = QModelIndex | QPersistentModelIndex


def _moment(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def _colour_text(row: LedgerRow) -> str:
    label = COLOUR_LABELS[row.colour]
    return f"{label}　超期 {row.overdue_days:.1f} 天" if row.overdue_days > 0 else label


class LedgerModel(QAbstractTableModel):
    """Rows of the filtered, sorted ledger; never more in memory than the pages scrolled through."""

    def __init__(self, clock: Callable[[], datetime], parent=None):
        super().__init__(parent)
        self._clock = clock
        self._filter = LedgerFilter()
        self._sort = LedgerSort()
        self._rows: list[LedgerRow] = []
        self._more = False
        self._at = clock()
        self._total: int | None = None

    def clock(self) -> datetime:
        """Return the window clock's moment (the page's date fields start on its day)."""
        return self._clock()

    @property
    def ledger_filter(self) -> LedgerFilter:
        return self._filter

    @property
    def ledger_sort(self) -> LedgerSort:
        return self._sort

    def set_filter(self, flt: LedgerFilter) -> None:
        """Show the cases `flt` lets through, from the first page."""
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Query the first page again (after a change or at a new moment)."""
        self.beginResetModel()
        self._at = self._clock()
        self._total = None
        self._rows = ledger_view.page(self._filter, self._sort, self._at)
        self._more = len(self._rows) == ledger_view.PAGE_SIZE
        self.endResetModel()

    def refresh_in_place(self) -> None:
        """Query again as many rows as are loaded (another desk changed something), at a new moment."""
        loaded = max(len(self._rows), ledger_view.PAGE_SIZE)
        self.beginResetModel()
        self._at = self._clock()
        self._total = None
        self._rows = ledger_view.page(self._filter, self._sort, self._at, limit=loaded)
        self._more = len(self._rows) == loaded
        self.endResetModel()

    def total(self) -> int:
        """Count every case the filter lets through (cached until the next reload)."""
        if self._total is None:
            self._total = len(self._rows) if not self._more else ledger_view.count(self._filter, self._at)
        return self._total

    def known_total(self) -> int | None:
        """Return the count when it is known without counting (a single page), else None."""
        return self._total if self._total is not None else (None if self._more else len(self._rows))

    def set_total(self, n: int) -> None:
        """Remember a count made elsewhere (in the background) for the current filter."""
        self._total = n

    @property
    def at(self) -> datetime:
        return self._at

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or not self._more:
            return
        rows = ledger_view.page(self._filter, self._sort, self._at, offset=len(self._rows))
        self._more = len(rows) == ledger_view.PAGE_SIZE
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by a column in SQL and start again from the first page."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = LedgerSort(COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
        self.reload()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][1])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, COLUMNS[index.column()][0])
        if role == Qt.ItemDataRole.BackgroundRole:
            return ROW_TINTS[row.colour]
        if role == Qt.ItemDataRole.ForegroundRole:
            return TEXT_DARK
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[index.column()][0] == "title":
            return row.title
        if role == CASE_ID_ROLE:
            return row.id
        return None

    def _text(self, row: LedgerRow, key: str) -> str:
        return {
            "code": lambda: row.code,
            "title": lambda: row.title,
            "status": lambda: STATUS_LABELS[row.status],
            "grade": lambda: GRADE_LABELS[row.grade],
            "category": lambda: row.category,
            "department": lambda: row.department or _("（未派单）"),
            "received_at": lambda: _moment(row.received_at),
            "dispatched_at": lambda: _moment(row.dispatched_at),
            "due_at": lambda: f"{row.due_at:%Y-%m-%d}" if row.due_at else "",
            "colour": lambda: _colour_text(row),
        }[key]()

    def case_id(self, row: int) -> int | None:
        """Return the case id shown on a row."""
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: int) -> int | None:
        """Return the loaded row showing a case, or None."""
        return next((i for i, r in enumerate(self._rows) if r.id == case_id), None)
