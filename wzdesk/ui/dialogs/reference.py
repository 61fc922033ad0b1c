"""Dialogs to add or change a department (with its leader in charge) and a staff member."""

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from wzdesk.models import Department, Staff
from wzdesk.office import units as reference_data
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _

KINDS = {"bureau": "市直部门", "district": "区县", "street": "街道（乡镇）", "company": "企业"}


def _line(name: str, value: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(value)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class DepartmentDialog(FormDialog):
    """Add a department (dept None) or change one."""

    def __init__(self, dept: Department | None, parent: QWidget | None = None):
        super().__init__(_("新增单位") if dept is None else _("修改单位"), parent)
        self.setObjectName("dialog_department")
        self.dept = dept
        self.name = _line("name", dept.name if dept else "", _("如：邵阳市城市管理和综合执法局"))
        self.kind = QComboBox()
        for code, label in KINDS.items():
            self.kind.addItem(_(label), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(dept.kind if dept else "bureau")))
        self.head = _line("head_name", dept.head_name if dept else "")
        self.leader = _line("leader_name", dept.leader_name if dept else "")
        self.leader_title = _line("leader_title", dept.leader_title if dept else "", _("如：副局长"))
        self.phone = _line("phone", dept.phone if dept else "")
        for label, widget in [("单位名称", self.name), ("类别", self.kind), ("主要负责人", self.head),
                              ("分管领导", self.leader), ("分管领导职务", self.leader_title), ("联系电话", self.phone)]:
            self.form.addRow(_(label), widget)

    def apply(self) -> None:
        self.dept = reference_data.save_department(
            self.dept, name=self.name.text(), leader_name=self.leader.text(), leader_title=self.leader_title.text(),
            head_name=self.head.text(), phone=self.phone.text(), kind=self.kind.currentData())


class StaffDialog(FormDialog):
    """Add a staff member (person None) or change one."""

    def __init__(self, person: Staff | None, parent: QWidget | None = None, department_id: int | None = None):
        super().__init__(_("新增人员") if person is None else _("修改人员"), parent)
        self.setObjectName("dialog_staff")
        self.person = person
        self.department = QComboBox()
        self.department.setObjectName("department")
        self.department.addItem(_("— 请选择单位 —"), None)
        for dept in reference_data.active_departments():
            self.department.addItem(dept.name, dept.id)
        chosen = person.department_id if person else department_id
        self.department.setCurrentIndex(max(0, self.department.findData(chosen)) if chosen else 0)
        self.name = _line("name", person.name if person else "")
        self.title = _line("title", person.title if person else "", _("如：科员"))
        self.phone = _line("phone", person.phone if person else "")
        for label, widget in [("所在单位", self.department), ("姓名", self.name), ("职务", self.title),
                              ("联系电话", self.phone)]:
            self.form.addRow(_(label), widget)

    def apply(self) -> None:
        dept_id = self.department.currentData()
        self.person = reference_data.save_staff(
            self.person, department=reference_data.department_by_id(dept_id), name=self.name.text(),
            title=self.title.text(), phone=self.phone.text())
