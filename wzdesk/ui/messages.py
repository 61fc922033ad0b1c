"""Refusals and confirmations shown to the clerk, window-modal so a dialog stays open underneath."""

from PySide6.QtWidgets import QMessageBox, QWidget

from wzdesk.ui.i18n import _


def warn(parent: QWidget, text: str, title: str = "") -> QMessageBox:
    """Show a warning over `parent` without blocking; return the box (tests read and close it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or _("无法保存"), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("refusal")
    box.open()
    return box


def inform(parent: QWidget, text: str, title: str = "") -> QMessageBox:
    """Show a piece of news over `parent` without blocking."""
    box = QMessageBox(QMessageBox.Icon.Information, title or _("提示"), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("information")
    box.open()
    return box
