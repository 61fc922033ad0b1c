"""Which columns the ledger export holds: fewer columns print larger (the page keeps 70% or more)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from wzdesk.ui.i18n import _

COLUMNS_KEY = "excel/export_columns"


class ExportColumnsDialog(QDialog):
    """A checklist of the export's columns, in their order, the last choice ticked."""

    def __init__(self, headers: list[str], chosen: list[str] | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("export_columns")
        self.setWindowTitle(_("导出哪些列"))
        hint = QLabel(_("勾选要导出的列。列越少，打印时字越大：表格按 A4 横向排到一页宽，放不下时用 A3，"
                        "再放不下则按 70% 分页打印，每页重复工单编号和标题。"))
        hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("export_column_list")
        for header in headers:
            item = QListWidgetItem(header)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if not chosen or header in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("导出"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(360, 520)

    def chosen(self) -> list[str]:
        """Return the ticked columns, in the export's order."""
        return [self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.chosen()))
