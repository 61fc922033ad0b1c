"""设置 → 责任菜单: the office's categories and, for each, the hard steps a department must take."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wzdesk.models import Category, DutyStep
from wzdesk.office import duty_menus
from wzdesk.ui.actions import ActionButton, ActionId, allow, make_actions
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _
from wzdesk.vocabulary import GRADE_LABELS

ROLE_ID = Qt.ItemDataRole.UserRole


def _fill_list(widget: QListWidget, rows: list[tuple[str, int]]) -> None:
    """Write (text, id) rows into the items already there, making an item only for a row that has none.

    New QListWidgetItems on every reload each kept references to None in PySide6 6.11 (see reference._fill_row).
    """
    while widget.count() > len(rows):
        widget.takeItem(widget.count() - 1)
    for row, (text, key) in enumerate(rows):
        item = widget.item(row)
        if item is None:
            item = QListWidgetItem()
            widget.addItem(item)
        item.setText(text)
        item.setData(ROLE_ID, key)


class DutyMenuEditor(QWidget):
    """Categories on the left, the selected category's steps on the right."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.categories = QListWidget()
        self.categories.setObjectName("categories")
        self.categories.currentRowChanged.connect(self._show_steps)
        self.steps = QListWidget()
        self.steps.setObjectName("duty_menu_steps")
        self.steps.currentRowChanged.connect(lambda _row: self._offer())
        acts = self.page_actions = make_actions(self, {
            ActionId.CATEGORY_ADD: lambda: self.add_category(), ActionId.CATEGORY_EDIT: lambda: self.edit_category(),
            ActionId.DUTY_STEP_ADD: lambda: self.add_step(), ActionId.DUTY_STEP_EDIT: lambda: self.edit_step(),
            ActionId.DUTY_STEP_TOGGLE: lambda: self.toggle_step()})
        self.intro = QLabel(_("责任菜单列出每类诉求承办单位“必须做到的事”及时限，派单时自动生成，"
                              "超时未完成即记为未履职。修改只影响之后派出的工单。"))
        self.intro.setWordWrap(True)
        left = self._column(_("诉求类型"), self.categories, [
            ActionButton(acts[ActionId.CATEGORY_ADD], "add_category"),
            ActionButton(acts[ActionId.CATEGORY_EDIT], "edit_category")])
        right = self._column(_("履职步骤"), self.steps, [
            ActionButton(acts[ActionId.DUTY_STEP_ADD], "add_step"),
            ActionButton(acts[ActionId.DUTY_STEP_EDIT], "edit_step"),
            ActionButton(acts[ActionId.DUTY_STEP_TOGGLE], "toggle_step")])
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        self.reload()

    def _column(self, title: str, widget: QWidget, buttons: list) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(QLabel(f"<b>{title}</b>"))
        column.addWidget(widget)
        bar = QHBoxLayout()
        for button in buttons:
            bar.addWidget(button)
        column.addLayout(bar)
        return column

    def reload(self, select_id: int | None = None) -> None:
        """Refill the categories, keeping (or moving to) a selection."""
        current = select_id or self.category_id()
        rows = []
        for category in duty_menus.categories():
            label = f"{category.name}（{GRADE_LABELS[category.default_grade]}件）"
            rows.append((label if category.active else label + _("　已停用"), category.id))
        self.categories.blockSignals(True)
        _fill_list(self.categories, rows)
        keys = [key for _text, key in rows]
        self.categories.setCurrentRow(keys.index(current) if current in keys else (0 if keys else -1))
        self.categories.blockSignals(False)
        self._show_steps(self.categories.currentRow())

    def category_id(self) -> int | None:
        item = self.categories.currentItem()
        return item.data(ROLE_ID) if item else None

    def _show_steps(self, _row: int) -> None:
        category = duty_menus.category_by_id(self.category_id())
        rows = [(f"{step.seq}. {duty_menus.describe(step)}" + ("" if step.active else _("（已停用）")), step.id)
                for step in (duty_menus.steps(category) if category else [])]
        current = self.steps.currentRow()
        self.steps.blockSignals(True)
        _fill_list(self.steps, rows)
        self.steps.setCurrentRow(min(current, len(rows) - 1) if current >= 0 else -1)
        self.steps.blockSignals(False)
        self._offer()

    def _offer(self) -> None:
        """Grey what needs a selected category or step, saying so."""
        no_category = "" if self.category_id() is not None else _("请先在左侧选中一个诉求类型")
        no_step = no_category or ("" if self.steps.currentItem() is not None else _("请先在右侧选中一个履职步骤"))
        acts = self.page_actions
        allow(acts[ActionId.CATEGORY_EDIT], no_category)
        allow(acts[ActionId.DUTY_STEP_ADD], no_category)
        allow(acts[ActionId.DUTY_STEP_EDIT], no_step)
        allow(acts[ActionId.DUTY_STEP_TOGGLE], no_step)

    def _step(self) -> DutyStep | None:
        item = self.steps.currentItem()
        return duty_menus.step_by_id(item.data(ROLE_ID)) if item else None

    def add_category(self) -> "CategoryDialog":
        return self._open(CategoryDialog(None, self))

    def edit_category(self) -> "CategoryDialog | None":
        cid = self.category_id()
        return self._open(CategoryDialog(duty_menus.category_by_id(cid), self)) if cid else None

    def add_step(self) -> "StepDialog | None":
        cid = self.category_id()
        return self._open(StepDialog(duty_menus.category_by_id(cid), None, self)) if cid else None

    def edit_step(self) -> "StepDialog | None":
        step = self._step()
        return self._open(StepDialog(duty_menus.category_by_id(self.category_id()), step, self)) if step else None

    def toggle_step(self) -> None:
        step = self._step()
        if step is not None:
            duty_menus.set_step_active(step, not step.active)
            self._show_steps(self.categories.currentRow())

    def _open(self, dialog: FormDialog) -> FormDialog:
        dialog.accepted.connect(lambda: self.reload(getattr(dialog, "saved_category_id", None)))
        dialog.open()
        return dialog


class CategoryDialog(FormDialog):
    """Add or rename a category and set its default grade."""

    def __init__(self, category: Category | None, parent=None):
        super().__init__(_("新增诉求类型") if category is None else _("修改诉求类型"), parent)
        self.setObjectName("dialog_category")
        self.category = category
        self.name = QLineEdit(category.name if category else "")
        self.name.setObjectName("name")
        self.grade = QComboBox()
        for code, label in GRADE_LABELS.items():
            self.grade.addItem(f"{label}件", code)
        if category:
            self.grade.setCurrentIndex(list(GRADE_LABELS).index(category.default_grade))
        self.form.addRow(_("名称"), self.name)
        self.form.addRow(_("默认分级"), self.grade)

    def apply(self) -> None:
        saved = duty_menus.save_category(self.category, self.name.text(), self.grade.currentData())
        self.saved_category_id = saved.id


class StepDialog(FormDialog):
    """Add or change one step of a category's duty menu."""

    def __init__(self, category: Category, step: DutyStep | None, parent=None):
        super().__init__(_("{0}：{1}").format(category.name, _("新增履职步骤") if step is None else _("修改履职步骤")),
                         parent)
        self.setObjectName("dialog_step")
        self.category, self.step, self.saved_category_id = category, step, category.id
        self.name = QLineEdit(step.name if step else "")
        self.name.setObjectName("name")
        self.name.setPlaceholderText(_("如：上门测量分贝"))
        self.limit = QSpinBox()
        self.limit.setObjectName("limit")
        self.limit.setRange(0, 999)
        self.limit.setValue(step.limit_value if step else 24)
        self.unit = QComboBox()
        self.unit.setObjectName("unit")
        for code, label in duty_menus.UNITS.items():
            self.unit.addItem(label, code)
        if step:
            self.unit.setCurrentIndex(list(duty_menus.UNITS).index(step.limit_unit))
        self.photo = QCheckBox(_("需拍照佐证"))
        self.photo.setChecked(bool(step and step.evidence == "photo"))
        self.form.addRow(_("步骤"), self.name)
        self.form.addRow(_("时限（自派单起）"), self.limit)
        self.form.addRow(_("单位"), self.unit)
        self.form.addRow("", self.photo)

    def apply(self) -> None:
        duty_menus.save_step(self.category, self.step, self.name.text(), self.limit.value(), self.unit.currentData(),
                             "photo" if self.photo.isChecked() else "")
