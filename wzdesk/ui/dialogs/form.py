"""A dialog with a form whose OK runs a service: a refusal is shown and the dialog stays open.

A refusal because the case changed at another desk closes it instead (`stale`): its form was filled in
on a state that is gone, and the case pane shows the fresh one.
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from wzdesk.errors import UserError
from wzdesk.models.case_versions import StaleCase
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import warn
from wzdesk.ui.session import ended_by


class FormDialog(QDialog):
    """Subclasses add rows to `self.form` and implement `apply()`, which calls the core."""

    refusal_title = ""  # the title of a refusal; by default it names the dialog's step as not done
    stale = Signal()  # refused: the case changed at another desk since the clerk saw it

    def __init__(self, title: str, parent: QWidget | None = None, intro: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.refusal: str = ""
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def apply(self) -> None:
        """Write what the form holds; raise UserError to refuse."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.apply()
        except StaleCase as exc:
            self.refusal = str(exc)
            warn(self, self.refusal, _("工单已被其他办公桌修改"))
            self.stale.emit()
            self.reject()
            return
        except UserError as exc:
            self.refusal = str(exc)
            if ended_by(exc):  # the account may no longer act: the form closes, the window asks for a sign-in
                self.reject()
                return
            warn(self, self.refusal, self.refusal_title or _("{0}：未完成").format(self.windowTitle().split(" — ")[0]))
            return
        self.refusal = ""
        super().accept()
