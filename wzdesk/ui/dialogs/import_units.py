"""The import wizard's 新单位 tab: each unit the file names that the ledger lacks is confirmed as a new unit or
mapped to a unit already in the ledger before anything is written; the mapping can be saved for the platform."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wzdesk.exchange.import_units import NEW_UNIT
from wzdesk.ui.i18n import _

CHOOSE, CREATE = 0, 1  # the first two items of each unit's choice; the units of the ledger follow


class NewUnitsPanel(QWidget):
    """A table of the file's new units, each with its choice: 请选择…, 新建为新单位, or a unit of the ledger."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("import_new_units")
        self.names: list[str] = []
        self.hint = QLabel(_("文件中有本系统没有的单位。请逐个确认：新建为新单位，或对应到已有的单位（如简称、旧名）。"
                             "全部确认后才能导入。"))
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("new_units_table")
        self.table.setHorizontalHeaderLabels([_("文件中的单位"), _("导入时")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.save = QCheckBox(_("保存为这个平台的单位对照，下次导入时自动对应"))
        self.save.setObjectName("save_units")
        self.platform = QLineEdit()
        self.platform.setObjectName("platform_name")
        self.platform.setPlaceholderText(_("平台名称，如 12345热线"))
        saving = QHBoxLayout()
        saving.addWidget(self.save)
        saving.addWidget(self.platform, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(saving)

    def set_units(self, names: list[str], known: list[str], platform: str = "") -> None:
        """Show the new units, each to be chosen among creating it and the ledger's units `known`."""
        self.names = list(names)
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            item = QTableWidgetItem(name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, item)
            choice = QComboBox()
            choice.setObjectName(f"unit_choice_{row}")
            choice.addItems([_("请选择…"), _("新建为新单位"), *(_("对应到：{0}").format(unit) for unit in known)])
            for index, unit in enumerate(known, start=2):
                choice.setItemData(index, unit)
            choice.currentIndexChanged.connect(self.changed)
            self.table.setCellWidget(row, 1, choice)
        self.platform.setText(platform)

    def choice_box(self, name: str) -> QComboBox:
        """Return the choice of one new unit."""
        return self.table.cellWidget(self.names.index(name), 1)

    def choose(self, name: str, unit: str | None) -> None:
        """Choose for a new unit: a unit of the ledger by name, or None to create it."""
        box = self.choice_box(name)
        box.setCurrentIndex(CREATE if unit is None else box.findData(unit))

    def choices(self) -> dict[str, str | None]:
        """Return new unit → NEW_UNIT (create it), a unit of the ledger, or None while not yet chosen."""
        found = {}
        for name in self.names:
            box = self.choice_box(name)
            found[name] = None if box.currentIndex() == CHOOSE else (
                NEW_UNIT if box.currentIndex() == CREATE else box.currentData())
        return found

    def saving_as(self) -> str | None:
        """Return the platform to save the mapping under, or None when not saving."""
        return self.platform.text().strip() if self.save.isChecked() else None
