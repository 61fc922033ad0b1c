"""The text a table or tree shows, row by row, for exporting a page's table as the clerk sees it."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTreeWidget, QTreeWidgetItem

DISPLAY = Qt.ItemDataRole.DisplayRole


def shown_table(view: QAbstractItemView, row_header: str = "") -> tuple[list[str], list[list[str]]]:
    """Return the headers and the rows' texts of a view; `row_header` names a table's row labels (the board's units)."""
    if isinstance(view, QTreeWidget):
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


def _tree(tree: QTreeWidget) -> tuple[list[str], list[list[str]]]:
    headers = [tree.headerItem().text(c) for c in range(tree.columnCount())]
    rows: list[list[str]] = []

    def walk(item: QTreeWidgetItem, depth: int) -> None:
        rows.append([("　" * depth if c == 0 else "") + item.text(c) for c in range(tree.columnCount())])
        for n in range(item.childCount()):
            walk(item.child(n), depth + 1)

    for top in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(top), 0)
    return headers, rows


def _text(value) -> str:
    return "" if value is None else str(value)
