"""The text a table or tree shows, row by row, for exporting a page's table as the clerk sees it."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTreeView

DISPLAY = Qt.ItemDataRole.DisplayRole


def shown_table(view: QAbstractItemView, row_header: str = "") -> tuple[list[str], list[list[str]]]:
    """Return the headers and the rows' texts of a view; `row_header` names a table's row labels (the board's units)."""
    if isinstance(view, QTreeView):
        return _tree(view)
    model = view.model()
    columns = [c for c in range(model.columnCount()) if not (isinstance(view, QTableView) and view.isColumnHidden(c))]
    # A header broken over two lines on screen is one line in the workbook.
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal, DISPLAY) or "").replace("\n", "") for c in columns]
    rows = [[_text(model.index(r, c).data(DISPLAY)) for c in columns] for r in range(model.rowCount())]
    if row_header:
        headers.insert(0, row_header)
        for r, row in enumerate(rows):
            row.insert(0, _text(model.headerData(r, Qt.Orientation.Vertical, DISPLAY)))
    return headers, rows


def _tree(tree: QTreeView) -> tuple[list[str], list[list[str]]]:
    """Return a tree's headers and every row's texts in tree order, a child's first cell indented."""
    model = tree.model()
    columns = range(model.columnCount())
    headers = [_text(model.headerData(c, Qt.Orientation.Horizontal, DISPLAY)) for c in columns]
    rows: list[list[str]] = []

    def walk(parent: QModelIndex, depth: int) -> None:
        for r in range(model.rowCount(parent)):
            rows.append([("　" * depth if c == 0 else "") + _text(model.index(r, c, parent).data(DISPLAY))
                         for c in columns])
            walk(model.index(r, 0, parent), depth + 1)

    walk(QModelIndex(), 0)
    return headers, rows


def _text(value) -> str:
    return "" if value is None else str(value)
