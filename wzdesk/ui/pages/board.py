"""The overdue board: departments down, colours across, each cell filled with its colour."""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from wzdesk.board import counts as board
from wzdesk.office import units
from wzdesk.ui.i18n import _
from wzdesk.ui.widgets.palette import CELL_TONES, TEXT_DARK
from wzdesk.vocabulary import COLOUR_LABELS, COLOURS

AnyIndex = QModelIndex | QPersistentModelIndex
TOTAL = "合计"


class BoardModel(QAbstractTableModel):
    """Counts by department and colour, with a total column and a total row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._names: list[str] = []
        self._counts: list[dict[str, int]] = []
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def load(self, at: datetime) -> None:
        """Count the board at `at`."""
        self.beginResetModel()
        counts = board.board_counts(at)
        self._names = [*counts, TOTAL]
        self._counts = [*counts.values(), board.totals(counts)]
        self._sort_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the departments by a column (the 合计 row stays last); -1 keeps the core's order."""
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._sort_rows()
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sorted_by
        if column < 0 or len(self._names) < 2:
            return
        rows = list(zip(self._names[:-1], self._counts[:-1], strict=True))
        rows.sort(key=lambda r: (self._value(r[1], column), r[0]), reverse=order == Qt.SortOrder.DescendingOrder)
        self._names = [name for name, _c in rows] + self._names[-1:]
        self._counts = [c for _n, c in rows] + self._counts[-1:]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._names)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLOURS) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            labels = [f"{COLOUR_LABELS[c]}灯" for c in COLOURS] + [_("在办合计"), _("全部")]
            return labels[section] if 0 <= section < len(labels) else None
        return _(self._names[section]) if 0 <= section < len(self._names) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._counts):
            return None
        row, column = self._counts[index.row()], index.column()
        colour = COLOURS[column] if column < len(COLOURS) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self._value(row, column))
        if role == Qt.ItemDataRole.BackgroundRole and colour and row[colour]:
            return CELL_TONES[colour]
        if role == Qt.ItemDataRole.ForegroundRole:
            return TEXT_DARK
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and (index.row() == len(self._names) - 1 or column >= len(COLOURS)):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _value(self, row: dict[str, int], column: int) -> int:
        if column < len(COLOURS):
            return row[COLOURS[column]]
        open_total = sum(row[c] for c in COLOURS if c != "grey")
        return open_total if column == len(COLOURS) else open_total + row["grey"]

    def cell(self, row: int, column: int) -> tuple[str, str]:
        """Return (department name, colour or "") of a cell; the total row and columns give ""."""
        name = self._names[row] if row < len(self._names) - 1 else ""
        colour = COLOURS[column] if column < len(COLOURS) else ""
        return name, colour


class BoardPage(QWidget):
    """The 督办看板 page; double-clicking a cell opens the ledger narrowed to it."""

    open_cell = Signal(object, str)  # department id or None, colour ("" for any)

    def __init__(self, clock: Callable[[], datetime], parent=None):
        super().__init__(parent)
        self._clock = clock
        self.model = BoardModel(self)
        self.title = QLabel()
        self.title.setObjectName("board_title")
        self.view = QTableView()
        self.view.setObjectName("board_view")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        hint = QLabel(_("双击格子，打开该单位该颜色的工单台账。绿：时限用去不足 75%；黄：75% 以上未到期；"
                        "橙：超期 7 天以内；红：超期 7 天以上、列入督办或被吐槽、假办结、未履职；灰：已办结。"))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)

    def reload(self) -> None:
        """Count the board again at the clock's moment."""
        at = self._clock()
        self.model.load(at)
        self.title.setText(_("<b>督办看板</b>　截至 {0}").format(f"{at:%Y-%m-%d %H:%M}"))

    def _double_clicked(self, index: QModelIndex) -> None:
        name, colour = self.model.cell(index.row(), index.column())
        dept = units.department_named(name)
        if name and dept is None:  # the 未派单 row: no department to filter by
            return
        self.open_cell.emit(dept.id if dept else None, colour)
