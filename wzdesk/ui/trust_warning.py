"""The window's loud warning when the ledger no longer holds the checkpoint kept at the last opening,
or when its guards had to be put back (the checks are core: wzdesk/office/checkpoints.py)."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from wzdesk.office import checkpoints
from wzdesk.ui.i18n import _


def warn_on_opening(window: QMainWindow, database) -> list[str]:
    """Show what the opening found in red in the status bar, keep the checkpoint when all holds, and return
    the warnings (the caller shows them in a message box: see show_warnings)."""
    warnings = checkpoints.opening_warnings(database)
    if not warnings:
        checkpoints.keep(database)
        return warnings
    label = QLabel(_("台账可能被篡改，请运行台账校验"))
    label.setObjectName("status_trust")
    label.setStyleSheet("color:#ffffff;background:#b00000;font-weight:bold;padding:0 6px")
    label.setToolTip("\n".join(warnings))
    window.statusBar().addPermanentWidget(label)
    return warnings


def show_warnings(window: QMainWindow, warnings: list[str]) -> QMessageBox | None:
    """Put the warnings in a message box over the window once it is on screen; return the box."""
    if not warnings:
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, _("台账校验警告"), "\n\n".join(warnings),
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("trust_warning")
    QTimer.singleShot(0, box.open)
    return box


def keep_on_closing(database) -> None:
    """Keep the ledger's checkpoint beside the database as the window closes (unless it broke the kept one)."""
    checkpoints.keep(database)
