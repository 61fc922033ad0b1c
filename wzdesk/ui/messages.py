"""Refusals and confirmations shown to the clerk, window-modal so a dialog stays open underneath."""

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from wzdesk.errors import UserError
from wzdesk.ui.i18n import _


def warn(parent: QWidget, text: str, title: str = "") -> QMessageBox:
    """Show a warning over `parent` without blocking; return the box (tests read and close it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or _("未能完成"), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("refusal")
    box.open()
    return box


def inform(parent: QWidget, text: str, title: str = "") -> QMessageBox:
    """Show a piece of news over `parent` without blocking."""
    box = QMessageBox(QMessageBox.Icon.Information, title or _("提示"), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("information")
    box.open()
    return box


def confirm(parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], object]) -> QMessageBox:
    """Ask before a step that changes records; `on_yes` runs only when the clerk presses `yes_text`."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("confirmation")
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(_("取消"), QMessageBox.ButtonRole.RejectRole))
    box.finished.connect(lambda _code: on_yes() if box.clickedButton() is yes else None)
    box.open()
    return box


def refuse(parent: QWidget, exc: UserError, title: str = "") -> QMessageBox | None:
    """Show the core's refusal; when the account's session has ended, let the main window end it instead."""
    from wzdesk.ui.session import ended_by

    if ended_by(exc):
        return None
    return warn(parent, str(exc), title)
