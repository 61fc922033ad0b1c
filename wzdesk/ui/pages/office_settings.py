"""Every office rule of wzdesk.office.settings.SPECS, grouped, each with an editor of its type."""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wzdesk.errors import UserError
from wzdesk.office import settings
from wzdesk.ui.actions import ActionButton, ActionId, make_actions
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, refuse


def _editor(spec: settings.SettingSpec, value) -> QWidget:
    if isinstance(spec.default, bool):
        editor = QCheckBox()
        editor.setChecked(bool(value))
    elif isinstance(spec.default, int):
        editor = QSpinBox()
        editor.setRange(0, 10000)
        editor.setValue(int(value))
    elif isinstance(spec.default, float):
        editor = QDoubleSpinBox()
        editor.setRange(0.0, 1.0)
        editor.setSingleStep(0.05)
        editor.setDecimals(2)
        editor.setValue(float(value))
    else:
        editor = QLineEdit(str(value))
    editor.setObjectName(f"setting_{spec.key}")
    return editor


def _value(editor: QWidget):
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox | QDoubleSpinBox):
        return editor.value()
    return editor.text().strip()


class OfficeSettings(QWidget):
    """The office's rules, stored in the database for every desk."""

    def __init__(self, clock: Callable[[], datetime], on_saved: Callable[[], None], operator: Callable,
                 parent=None):
        super().__init__(parent)
        self._clock, self._on_saved, self._operator = clock, on_saved, operator
        self.editors: dict[str, QWidget] = {}
        inner = QWidget()
        columns = QHBoxLayout(inner)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left)
        columns.addLayout(right)
        values = settings.load()
        groups: dict[str, QFormLayout] = {}
        for spec in settings.SPECS:
            if spec.group not in groups:
                box = QGroupBox(_(spec.group))
                groups[spec.group] = QFormLayout(box)
                (left if len(groups) % 2 else right).addWidget(box)
            self.editors[spec.key] = _editor(spec, values[spec.key])
            groups[spec.group].addRow(_(spec.title), self.editors[spec.key])
        left.addStretch(1)
        right.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        # The bound method, not a lambda calling it: the no-queries check reads a `.save()` call as a model's.
        self.page_actions = make_actions(self, {ActionId.SETTINGS_SAVE: self.save})
        self.save_button = ActionButton(self.page_actions[ActionId.SETTINGS_SAVE], "save_settings")
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)

    def save(self) -> bool:
        """Store every changed value; refuse the lot if one is wrong."""
        now = self._clock()
        try:
            if not str(_value(self.editors["office_name"])):
                raise UserError(_("督办室名称不能为空。"))
            settings.put_many({key: _value(editor) for key, editor in self.editors.items()}, now, self._operator())
        except UserError as exc:
            refuse(self, exc, _("设置未保存"))
            return False
        inform(self, _("设置已保存，对所有工位生效。"))
        self._on_saved()
        return True
