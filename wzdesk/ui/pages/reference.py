"""Departments and staff under 设置: lists with add, change and deactivate."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wzdesk.office import units as reference_data
from wzdesk.ui.actions import ActionButton, ActionId, make_actions
from wzdesk.ui.dialogs.reference import KINDS, DepartmentDialog, StaffDialog
from wzdesk.ui.i18n import _

INACTIVE = QColor("#999999")


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([_(h) for h in headers])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _fill_row(table: QTableWidget, row: int, values: list[str], key: int, active: bool) -> None:
    """Write a row into the cells already there, making an item only for a cell that has none.

    PySide6 6.11 keeps one reference to None for every QTableWidgetItem made in Python the first time Qt calls
    one of its virtual methods (setText, data() while sizing or painting): new items on every reload made
    sys.getrefcount(None) climb by a row's cells each time (issue 18). Reused items cost nothing.
    """
    for column, value in enumerate(values):
        item = table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            table.setItem(row, column, item)
        item.setText("" if value is None else str(value))
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setForeground(INACTIVE if not active else table.palette().text())


class ReferencePage(QWidget):
    """Two lists side by side: departments (with leader in charge) and the staff of the chosen one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.departments = _table("departments", ["单位名称", "类别", "分管领导", "状态"])
        self.staff = _table("staff", ["姓名", "职务", "电话", "状态"])
        acts = self.page_actions = make_actions(self, {
            ActionId.DEPARTMENT_ADD: lambda: self.add_department(),
            ActionId.DEPARTMENT_EDIT: lambda: self.edit_department(),
            ActionId.DEPARTMENT_TOGGLE: lambda: self.toggle_department(), ActionId.STAFF_ADD: lambda: self.add_staff(),
            ActionId.STAFF_EDIT: lambda: self.edit_staff(), ActionId.STAFF_TOGGLE: lambda: self.toggle_staff()})
        layout = QHBoxLayout(self)
        layout.addLayout(self._column(self.departments, [
            ActionButton(acts[ActionId.DEPARTMENT_ADD], "add_department"),
            ActionButton(acts[ActionId.DEPARTMENT_EDIT], "edit_department"),
            ActionButton(acts[ActionId.DEPARTMENT_TOGGLE], "toggle_department")]), 3)
        layout.addLayout(self._column(self.staff, [
            ActionButton(acts[ActionId.STAFF_ADD], "add_staff"), ActionButton(acts[ActionId.STAFF_EDIT], "edit_staff"),
            ActionButton(acts[ActionId.STAFF_TOGGLE], "toggle_staff")]), 2)
        self.departments.currentCellChanged.connect(lambda *_args: self.reload_staff())
        self.departments.doubleClicked.connect(self.edit_department)
        self.staff.doubleClicked.connect(self.edit_staff)
        self.reload()

    def _column(self, table: QTableWidget, buttons: list[QPushButton]) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(table, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        return column

    def reload(self) -> None:
        """Read the departments again, keeping the selection."""
        current = self.department_id()
        rows = reference_data.all_departments()
        self.departments.setRowCount(len(rows))
        for i, d in enumerate(rows):
            leader = f"{d.leader_name}（{d.leader_title}）" if d.leader_title else d.leader_name
            _fill_row(self.departments, i, [d.name, _(KINDS.get(d.kind, d.kind)), leader,
                                            _("在用") if d.active else _("已停用")], d.id, d.active)
        self.departments.resizeColumnsToContents()
        self.departments.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        keys = [d.id for d in rows]
        self.departments.setCurrentCell(keys.index(current) if current in keys else (0 if keys else -1), 0)
        self.reload_staff()

    def reload_staff(self) -> None:
        rows = reference_data.department_staff(self.department_id())
        self.staff.setRowCount(len(rows))
        for i, s in enumerate(rows):
            _fill_row(self.staff, i, [s.name, s.title, s.phone, _("在用") if s.active else _("已停用")], s.id, s.active)
        self.staff.resizeColumnsToContents()  # at 1280 px the names were cut to one character ("杜…")
        self.staff.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    @staticmethod
    def _key(table: QTableWidget) -> int | None:
        item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def department_id(self) -> int | None:
        return self._key(self.departments)

    def add_department(self):
        return self._open(DepartmentDialog(None, self))

    def edit_department(self):
        dept_id = self.department_id()
        return self._open(DepartmentDialog(reference_data.department_by_id(dept_id), self)) if dept_id else None

    def toggle_department(self) -> None:
        dept_id = self.department_id()
        if dept_id:
            dept = reference_data.department_by_id(dept_id)
            reference_data.set_department_active(dept, not dept.active)
            self.reload()

    def add_staff(self):
        return self._open(StaffDialog(None, self, self.department_id()))

    def edit_staff(self):
        staff_id = self._key(self.staff)
        return self._open(StaffDialog(reference_data.staff_by_id(staff_id), self)) if staff_id else None

    def toggle_staff(self) -> None:
        staff_id = self._key(self.staff)
        if staff_id:
            person = reference_data.staff_by_id(staff_id)
            reference_data.set_staff_active(person, not person.active)
            self.reload_staff()

    def _open(self, dialog):
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog
