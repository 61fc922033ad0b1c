"""Lists of cases drive the case pane: selecting a row shows its case, a double-click opens it, a right-click
offers 复制工单编号 and the actions the case allows now."""

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QMenu

from wzdesk.ledger import queries as ledger_queries
from wzdesk.ui.i18n import _
from wzdesk.ui.widgets.case_pane import CasePane

CaseIdAt = Callable[[QModelIndex], int | None]


class CaseLinks(QObject):
    """Attach item views whose rows are cases to the case pane."""

    def __init__(self, pane: CasePane, open_case: Callable[[int], None], parent=None):
        super().__init__(parent)
        self._pane = pane
        self._open_case = open_case
        self.views: list[QAbstractItemView] = []

    def attach(self, view: QAbstractItemView, case_id_at: CaseIdAt) -> None:
        """Make a view's rows show their case when selected, open it on a double-click, and offer a menu."""
        self.views.append(view)
        view.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show(case_id_at(current)))
        view.clicked.connect(lambda index: self._show(case_id_at(index)))
        view.doubleClicked.connect(lambda index: self._open(case_id_at(index)))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda pos: self._popup(view, self.menu_for(view, case_id_at(view.indexAt(pos))), pos))

    def _show(self, case_id: int | None) -> None:
        if case_id is not None and (self._pane.case is None or self._pane.case.id != case_id):
            self._pane.show_case(case_id)

    def _open(self, case_id: int | None) -> None:
        if case_id is not None:
            self._open_case(case_id)

    @staticmethod
    def _popup(view: QAbstractItemView, menu: QMenu | None, pos) -> None:
        if menu is not None:
            menu.popup(view.viewport().mapToGlobal(pos))

    def menu_for(self, parent, case_id: int | None) -> QMenu | None:
        """Return the right-click menu of a case: open, copy its code, then the actions allowed now."""
        case = ledger_queries.case_by_id(case_id)
        if case is None:
            return None
        menu = QMenu(parent)
        menu.setObjectName("case_menu")
        menu.addAction(_("打开工单详情"), lambda: self._open_case(case.id))
        menu.addAction(_("复制工单编号 {0}").format(case.code), lambda: copy_code(case.code))
        menu.addSeparator()
        self._pane.show_case(case.id)
        # The registry's own step actions, as the pane's buttons show them for this case: one place.
        for action in self._pane.offered_actions():
            menu.addAction(self._pane.step_action(action))
        menu.setToolTipsVisible(True)
        return menu


def copy_code(code: str) -> None:
    """Put a case code on the clipboard."""
    QGuiApplication.clipboard().setText(code)
