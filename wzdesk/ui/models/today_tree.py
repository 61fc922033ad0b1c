"""今日督办's tree as a Python item model over plain rows: groups (a letter, the office's own late work, the
follow-ups due) and the cases under them.

PySide6 6.11 keeps references to None for every QTreeWidgetItem made in Python once Qt calls into it, so a
QTreeWidget filled afresh on every refresh made sys.getrefcount(None) climb without end (issue 22). One model
over Python rows makes no Qt object per row: reloading replaces the rows and resets the model.
"""

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # a case row's code
OWED_ROLE = Qt.ItemDataRole.UserRole + 2  # a follow-up's or a decision's row: ("follow_up" | "decision", id)
NOTICE_ROLE = Qt.ItemDataRole.UserRole  # a letter's row: its notice id
AnyIndex = QModelIndex | QPersistentModelIndex
TOP = 0  # the internal id of a group's index; a case row's is its group's row + 1


@dataclass(frozen=True)
class TreeRow:
    """One row of the tree: its three texts, and what it stands for."""

    texts: tuple[str, str, str]
    code: str = ""
    owed: tuple[str, int] | None = None
    notice_id: int | None = None
    children: list["TreeRow"] = field(default_factory=list)


class TodayTreeModel(QAbstractItemModel):
    """Two levels: the day's groups, and under each its case rows."""

    def __init__(self, headers: list[str], parent: QObject | None = None):
        super().__init__(parent)
        self._headers = headers
        self.groups: list[TreeRow] = []

    def set_groups(self, groups: list[TreeRow]) -> None:
        """Show these groups instead of the ones shown."""
        self.beginResetModel()
        self.groups = groups
        self.endResetModel()

    def node_at(self, index: AnyIndex) -> TreeRow | None:
        """Return the plain row an index stands on, or None."""
        if not index.isValid():
            return None
        if index.internalId() == TOP:
            return self.groups[index.row()] if index.row() < len(self.groups) else None
        children = self.groups[index.internalId() - 1].children
        return children[index.row()] if index.row() < len(children) else None

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex | None = None):
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or index.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, TOP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        if not parent.isValid():
            return len(self.groups)
        if parent.column() != 0 or parent.internalId() != TOP:
            return 0
        return len(self.groups[parent.row()].children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.node_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and row.code and index.column() == 0:
            return row.code
        if role == CODE_ROLE:
            return row.code or None
        if role == OWED_ROLE:
            return row.owed
        if role == NOTICE_ROLE:
            return row.notice_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
