"""The window's Excel commands: import a case list, export the current ledger view, save the import template."""

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from wzdesk.errors import UserError
from wzdesk.exchange.exporter import export_headers, export_template, export_view
from wzdesk.exchange.tables import export_table
from wzdesk.ui.dialogs import file_dialogs
from wzdesk.ui.dialogs.export_columns import COLUMNS_KEY, ExportColumnsDialog
from wzdesk.ui.dialogs.import_wizard import ImportDialog, ask_for_file
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, refuse, warn
from wzdesk.ui.worker import BackgroundTask, Progress

FOLDER_KEY = "excel/folder"
XLSX = "Excel 工作簿 (*.xlsx)"


class ExcelExchange(QObject):
    """Run the Excel commands of a main window (which has clock, operator, store, ledger_model, refresh)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.task: BackgroundTask | None = None
        self.dialog: ImportDialog | None = None

    def _folder(self) -> str:
        return str(self.window.store.value(FOLDER_KEY, str(Path.home())))

    def _remember(self, path: Path) -> None:
        self.window.store.setValue(FOLDER_KEY, str(path.parent))

    def _ask_save(self, title: str, name: str) -> Path | None:
        chosen, _filter = file_dialogs.save_file_name(self.window, title, str(Path(self._folder()) / name), _(XLSX))
        return Path(chosen) if chosen else None

    def shutdown(self) -> None:
        """Cancel a running import or export and wait for it (the window is closing)."""
        tasks = [self.task, self.dialog.task if self.dialog is not None else None]
        for task in tasks:
            if task is not None and task.is_running():
                task.cancel()
                task.wait()

    # -- import --------------------------------------------------------------------------------------

    def import_cases(self, path: Path | None = None) -> ImportDialog | None:
        """Open the import wizard on a case list (asking which when `path` is not given)."""
        path = path or ask_for_file(self.window, self._folder())
        if path is None:
            return None
        self._remember(path)
        self.dialog = ImportDialog(path, self.window.operator, self.window.clock, self.window)
        self.dialog.imported.connect(lambda _result: self.window.refresh())
        self.dialog.open()
        self.dialog.start()
        return self.dialog

    # -- export --------------------------------------------------------------------------------------

    def export_view(self, path: Path | None = None) -> BackgroundTask | None:
        """Export the ledger as the window shows it (filter and order) in the background (Ctrl+E).

        Asked, the clerk also picks the columns (ExportColumnsDialog); with `path` given, the last choice holds.
        """
        if self.task is not None and self.task.is_running():
            return None
        at = self.window.clock()
        asked = path is None
        path = path or self._ask_save(_("导出当前视图"), f"诉求台账_{at:%Y%m%d_%H%M}.xlsx")
        if path is None or (asked and not self.ask_columns()):
            return None
        self._remember(path)
        columns = self.export_columns()
        model = self.window.ledger_model
        flt, sort = model.ledger_filter, model.ledger_sort

        def job(progress: Progress) -> int | None:
            def step(done: int, total: int) -> bool:
                progress.report(done, total)
                return not progress.cancelled()
            return export_view(path, flt, sort, at, step, columns)

        self.task = BackgroundTask(self.window, _("导出当前视图"), _("正在导出到“{0}”……").format(path.name), job)
        self.task.finished.connect(lambda count, cancelled, error: self._exported(path, count, cancelled, error))
        self.task.start()
        return self.task

    def export_columns(self) -> list[str] | None:
        """Return the export's columns as last chosen (None for all of them)."""
        saved = self.window.store.value(COLUMNS_KEY, [])
        saved = [saved] if isinstance(saved, str) else list(saved or [])
        return [h for h in saved if h in export_headers()] or None

    def ask_columns(self) -> bool:
        """Ask which columns to export and remember the choice; return False when the clerk cancels."""
        dialog = ExportColumnsDialog(export_headers(), self.export_columns(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.window.store.setValue(COLUMNS_KEY, dialog.chosen())
        return True

    def export_page(self, title: str, headers: list[str], rows: list[list[str]],
                    path: Path | None = None) -> Path | None:
        """Export a page's table as it is shown (the board, a queue, a register) to a workbook."""
        at = self.window.clock()
        path = path or self._ask_save(_("导出{0}").format(title), f"{title}_{at:%Y%m%d_%H%M}.xlsx")
        if path is None:
            return None
        self._remember(path)
        try:
            count = export_table(path, title, headers, rows, at)
        except UserError as exc:
            refuse(self.window, exc, _("未能导出"))
            return None
        self.offer_to_open(path, _("已导出 {0} 行到“{1}”。").format(f"{count:,}", path))
        return path

    def _exported(self, path: Path, count: int | None, cancelled: bool, error: str) -> None:
        if error:
            warn(self.window, error, _("未能导出"))
        elif count is None:
            inform(self.window, _("已取消导出，没有生成文件。"))
        else:
            self.offer_to_open(path, _("已导出 {0} 件到“{1}”。").format(f"{count:,}", path))

    # -- template ------------------------------------------------------------------------------------

    def save_template(self, path: Path | None = None) -> Path | None:
        """Save the office's import template, with this database's departments and categories."""
        path = path or self._ask_save(_("下载导入模板"), "诉求清单导入模板.xlsx")
        if path is None:
            return None
        self._remember(path)
        try:
            export_template(path)
        except UserError as exc:
            refuse(self.window, exc, _("未能保存模板"))
            return None
        self.offer_to_open(path, _("已保存导入模板“{0}”。").format(path))
        return path

    def offer_to_open(self, path: Path, text: str) -> QMessageBox:
        """Say a file was written and offer to open it in the program Windows associates with it."""
        box = QMessageBox(QMessageBox.Icon.Information, _("完成"), text + _("现在打开吗？"),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("file_written")
        open_button = box.addButton(_("打开"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("关闭"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(
            lambda button: button is open_button and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        box.open()
        return box
