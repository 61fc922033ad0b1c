"""Read-only table models over short lists of plain rows: the queues, registers and rankings of the pages."""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

AnyIndex = QModelIndex | QPersistentModelIndex
RED_ROW = QColor("#ffc7ce")


class ListModel(QAbstractTableModel):
    """A read-only table over a list of rows under fixed headers: the counts and the header row, written once.
    Subclasses say what each cell shows in data()."""

    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(parent)
        self._headers = list(headers)
        self.rows: list = []

    def set_rows(self, rows: Sequence) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        """Return the plain row behind a table row, or None."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None


class RowsModel(ListModel):
    """Columns are (header, getter); `red` tells which rows to tint. The core returns at most a few thousand."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[object], object]]],
                 red: Callable[[object], bool] | None = None, parent=None):
        super().__init__([header for header, _getter in columns], parent)
        self._columns = list(columns)
        self._red = red

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._columns[index.column()][1](row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole and self._red is not None and self._red(row):
            return QBrush(RED_ROW)
        return None
