"""Following other desks: hear their changes (LISTEN/NOTIFY on the office's server) and refresh a page
keeping the clerk's place — the selected rows, the current row, the scroll position, a tree's open branches.

A page may say itself how it refreshes live (`refresh_keeping_selection()`); any other is reloaded with
its views' places kept around the reload. The views' signals are held meanwhile, so a form that shows
the selected row (an observer's card, a duty menu's steps) is not refilled under the clerk's hands.
"""

from collections.abc import Hashable
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QCalendarWidget, QComboBox, QTreeView, QWidget

from wzdesk.models.change_listener import ChangeListener
from wzdesk.models.changes import connection_id
from wzdesk.models.postgres_db import is_url


class LiveFeed(QObject):
    """Emit `changed` on the window's thread when another desk commits (PostgreSQL's NOTIFY); the window's
    own writes on its connection are not news to it."""

    changed = Signal()
    _heard = Signal(str)

    def __init__(self, database: Path | str, parent: QObject | None = None):
        super().__init__(parent)
        self.own = connection_id()
        self._heard.connect(self._pass_on)
        self.listener = ChangeListener(str(database), self._heard.emit).start() if is_url(database) else None

    def _pass_on(self, writer: str) -> None:
        if writer != self.own:
            self.changed.emit()

    def listening(self) -> bool:
        """Whether changes arrive as messages now (else the window polls the change token)."""
        return self.listener is not None and self.listener.listening

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()


def _row_key(model: QAbstractItemModel, index: QModelIndex) -> Hashable:
    """Return what names a row across a reload: its plain row's id, its user data, else its first cell's text."""
    row_at = getattr(model, "row_at", None)
    if row_at is not None and not index.parent().isValid():
        found = getattr(row_at(index.row()), "id", None)
        if found is not None:
            return ("id", found)
    first = model.index(index.row(), 0, index.parent())
    data = first.data(Qt.ItemDataRole.UserRole)
    return ("data", data) if data is not None else ("text", first.data(Qt.ItemDataRole.DisplayRole))


def _path(model: QAbstractItemModel, index: QModelIndex) -> tuple:
    """Return the keys from the top of a tree down to the row of `index`."""
    keys = []
    while index.isValid():
        keys.append(_row_key(model, index))
        index = index.parent()
    return tuple(reversed(keys))


def _rows(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()):  # noqa: B008 — Qt's root
    """Yield (path, index) for every row of the model, depth first (a tree's rows are few)."""
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield _path(model, index), index
        if model.rowCount(index) > 0:
            yield from _rows(model, index)


class _ViewPlace:
    """One view's place: its current and selected rows by key, its scroll, its open branches."""

    def __init__(self, view: QAbstractItemView):
        self.view = view
        model = view.model()
        current = view.currentIndex()
        self.current = _path(model, current) if current.isValid() else None
        self.column = current.column() if current.isValid() else 0
        self.selected = {_path(model, index) for index in view.selectionModel().selectedRows()}
        self.scroll = (view.verticalScrollBar().value(), view.horizontalScrollBar().value())
        self.expanded = ({path for path, index in _rows(model) if view.isExpanded(index)}
                         if isinstance(view, QTreeView) else set())

    def restore(self) -> None:
        view, model = self.view, self.view.model()
        selection = view.selectionModel()
        if self.current is not None or self.selected:
            selection.clear()  # whatever the reload chose instead (a first row) gives way to the clerk's
        for path, index in _rows(model):
            if path in self.expanded:
                view.setExpanded(index, True)
            if path == self.current:
                flag = QItemSelectionModel.SelectionFlag.NoUpdate
                selection.setCurrentIndex(model.index(index.row(), self.column, index.parent()), flag)
            if path in self.selected:
                selection.select(index, QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        view.verticalScrollBar().setValue(self.scroll[0])
        view.horizontalScrollBar().setValue(self.scroll[1])


def _inside_a_control(view: QWidget) -> bool:
    """A combo box's popup list and a calendar's grid are parts of a control, not lists of the page."""
    parent = view.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QCalendarWidget)):
            return True
        parent = parent.parentWidget()
    return False


class KeptPlace:
    """The places of a page's lists, taken now and put back by `restore()` (after a reload, even a late one)."""

    def __init__(self, page: QWidget, hold: bool = True):
        views = [v for v in page.findChildren(QAbstractItemView)
                 if v.model() is not None and v.selectionModel() is not None and not _inside_a_control(v)]
        self.places = [_ViewPlace(view) for view in views]
        self._held: list = []
        if hold:
            self.hold()

    def hold(self) -> None:
        """Hold the views' signals until `restore()`, so what listens to a selection is not told of the reload."""
        self._held = [(w, w.blockSignals(True)) for p in self.places for w in (p.view, p.view.selectionModel())]

    def restore(self) -> None:
        """Select, open and scroll as before, then let the views speak again."""
        for place in self.places:
            if place.view.selectionModel() is not None:
                place.restore()
        for widget, was in self._held:
            widget.blockSignals(was)
        self._held = []
        for place in self.places:
            place.view.viewport().update()  # its selection changed while it was not listening


def refresh_page(page: QWidget) -> None:
    """Re-read a page for another desk's changes, keeping the clerk's place on it."""
    hook = getattr(page, "refresh_keeping_selection", None)
    if hook is not None:
        hook()
        return
    kept = KeptPlace(page)
    try:
        page.reload()
    finally:
        kept.restore()
