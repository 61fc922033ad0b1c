"""File dialogs that never open the files they list, so the database keeps its locks.

On Linux (POSIX) closing any descriptor of a file drops every fcntl lock the process holds on it. Qt's
own file dialog, and GTK's in-process one, open each listed file to sniff its type; browsing the folder
of the live .sqlite then silently released the window's SQLite locks, and a second process removed
-wal/-shm under it. Here the dialog is Qt's, with an icon provider that names types from the directory
entry alone. Windows and macOS lock per handle, so their native dialogs are kept there.
"""

import sys

from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QWidget

from wzdesk.ui.i18n import _

_GUARDED = sys.platform.startswith("linux") or sys.platform.startswith("freebsd")


class EntryOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from the directory entry (folder or file), never from the file's content."""

    def icon(self, info) -> QIcon:
        if isinstance(info, QAbstractFileIconProvider.IconType):
            return super().icon(info)
        kind = QAbstractFileIconProvider.IconType.Folder if info.isDir() else QAbstractFileIconProvider.IconType.File
        return super().icon(kind)

    def type(self, info) -> str:
        if info.isDir():
            return _("文件夹")
        suffix = info.suffix().upper()
        return _("{0} 文件").format(suffix) if suffix else _("文件")


def make_dialog(parent: QWidget | None, caption: str, folder: str, filters: str = "") -> QFileDialog:
    """Return a file dialog that lists files without opening them (see the module's docstring)."""
    dialog = QFileDialog(parent, caption, folder, filters)
    dialog.setObjectName("file_dialog")
    if _GUARDED:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.icon_provider = EntryOnlyIconProvider()  # the dialog does not own it: keep it alive with it
        dialog.setIconProvider(dialog.icon_provider)
    return dialog


def save_file_name(parent: QWidget | None, caption: str, path: str, filters: str = "") -> tuple[str, str]:
    """Ask for a file to save; return (path or "", the filter chosen)."""
    dialog = make_dialog(parent, caption, path, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return _run(dialog)


def open_file_name(parent: QWidget | None, caption: str, folder: str, filters: str = "") -> tuple[str, str]:
    """Ask for one existing file; return (path or "", the filter chosen)."""
    dialog = make_dialog(parent, caption, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(dialog)


def open_file_names(parent: QWidget | None, caption: str, folder: str, filters: str = "") -> tuple[list[str], str]:
    """Ask for existing files; return (their paths, the filter chosen)."""
    dialog = make_dialog(parent, caption, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    if not dialog.exec():
        return [], ""
    return dialog.selectedFiles(), dialog.selectedNameFilter()


def existing_directory(parent: QWidget | None, caption: str, folder: str) -> str:
    """Ask for a folder; return its path or ""."""
    dialog = make_dialog(parent, caption, folder)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def _run(dialog: QFileDialog) -> tuple[str, str]:
    if not dialog.exec() or not dialog.selectedFiles():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()
