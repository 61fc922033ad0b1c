"""The one translation entry point of the window: every visible string goes through `_`."""

from PySide6.QtCore import QCoreApplication


def _(text: str) -> str:
    """Return `text` translated for the user's language (Chinese is the source language)."""
    return QCoreApplication.translate("wzdesk", text)
