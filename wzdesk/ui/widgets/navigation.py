"""The navigation column: one entry per page of the window, in the order DESIGN.md gives them."""

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from wzdesk.ui.i18n import _

PAGES = ["台账", "督办看板", "今日督办", "核验与回访", "问责", "约谈", "文书", "观察员", "统计", "设置"]


class Navigation(QListWidget):
    """One entry per page; `page_chosen` carries the page's name."""

    page_chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setFixedWidth(120)
        self.setIconSize(QSize(0, 0))
        for name in PAGES:
            item = QListWidgetItem(_(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.addItem(item)
        self.currentItemChanged.connect(self._changed)

    def _changed(self, item: QListWidgetItem | None, _previous) -> None:
        if item is not None:
            self.page_chosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def show_page(self, name: str) -> None:
        """Select a page's entry (emits page_chosen when it changes)."""
        self.setCurrentRow(PAGES.index(name))
