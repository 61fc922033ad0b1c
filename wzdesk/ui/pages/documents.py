"""文书: the notice register, a preview of the selected document, print, save, open, the monthly notice."""

import shutil
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wzdesk.errors import UserError
from wzdesk.models import Operator
from wzdesk.notices import register as notice_register
from wzdesk.notices import service as document_service
from wzdesk.notices import status as notice_status
from wzdesk.office.numbering import KIND_LABELS
from wzdesk.ui.actions import ActionButton, ActionId, allow, make_actions
from wzdesk.ui.dialogs import file_dialogs
from wzdesk.ui.i18n import _
from wzdesk.ui.live import KeptPlace
from wzdesk.ui.messages import inform, refuse, warn
from wzdesk.ui.models.rows import AnyIndex, ListModel
from wzdesk.ui.pdf_print import ask_and_print
from wzdesk.ui.quiet_task import QuietTask
from wzdesk.ui.worker import BackgroundTask
from wzdesk.vocabulary import NOTICE_STATUS_LABELS

HEADERS = ["种类", "文号", "印发日期", "主送单位", "件数", "状态", "反馈期限"]
LATE_TONE = QColor("#ffc7ce")  # the board's red: a reply past its due date stands out


NO_PREVIEW = "请先在列表中选中一份文书（预览生成后可用）"


class NoticeModel(ListModel):
    """The registered documents, one row each."""

    def __init__(self, parent=None):
        super().__init__([_(h) for h in HEADERS], parent)
        self.today: date | None = None  # the page's day, for late replies

    def load(self, kind: str = "", month: str = "") -> None:
        """Read the register, narrowed to a kind and a month."""
        self.set_rows(notice_register.notice_rows(kind, month))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        late = self.today is not None and notice_status.is_late(row, self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._text(row, index.column())
            return text + _("（{0}）").format(_(notice_status.LATE_LABEL)) if late and index.column() == 5 else text
        if role == Qt.ItemDataRole.BackgroundRole and late and index.column() in (5, 6):
            return QBrush(LATE_TONE)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 4, 6):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    @staticmethod
    def _text(row: notice_register.NoticeRow, column: int) -> str:
        values = [row.kind_label, row.number_text, f"{row.issued_on:%Y-%m-%d}", row.recipient,
                  str(row.case_count) if row.case_count else "—", row.status_label,
                  f"{row.reply_due_on:%Y-%m-%d}" if row.reply_due_on else "—"]
        return values[column] if 0 <= column < len(values) else ""

    def notice_id(self, row: int) -> int | None:
        """Return the id of the document on a row."""
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, notice_id: int) -> int:
        """Return the row showing a document, or -1."""
        return next((n for n, row in enumerate(self.rows) if row.id == notice_id), -1)


class DocumentsPage(QWidget):
    """The register on the left, the selected document's pages on the right."""

    preview_ready = Signal(str)  # the rendered file, or "" when rendering failed
    message = Signal(str)  # news for the status bar

    def __init__(self, clock: Callable[[], datetime], parent=None,
                 operator: Callable[[], Operator] | None = None):
        super().__init__(parent)
        self.setObjectName("documents_page")
        self.clock = clock
        self.operator = operator or _system_operator
        self.model = NoticeModel(self)
        self.pdf = QPdfDocument(self)
        self.preview_path: Path | None = None
        self.preview_task: QuietTask | None = None
        self.task: BackgroundTask | None = None
        self._temp = Path(tempfile.mkdtemp(prefix="wzdesk-preview-"))
        self.page_actions = make_actions(self, {
            ActionId.MONTHLY_NOTICE: lambda: self.generate_monthly(),
            ActionId.DOCUMENT_STATUS: lambda: self.move_status(self.status_box.currentData()),
            ActionId.DOCUMENT_PRINT: lambda: self.print_selected(),
            ActionId.DOCUMENT_SAVE: lambda: self.save_selected(),
            ActionId.DOCUMENT_OPEN: lambda: self.open_selected()})
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_row())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._table())
        splitter.addWidget(self._preview())
        splitter.setSizes([560, 520])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._button_row())

    def _filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.kind_box = QComboBox()
        self.kind_box.addItem(_("全部种类"), "")
        for kind, label in KIND_LABELS.items():
            self.kind_box.addItem(_(label), kind)
        self.month_box = QComboBox()
        self.kind_box.currentIndexChanged.connect(self.reload)
        self.month_box.currentIndexChanged.connect(self.reload)
        self.month_edit = QDateEdit()
        self.month_edit.setDisplayFormat("yyyy年M月")
        self.month_edit.setObjectName("month_edit")
        self.monthly_button = ActionButton(self.page_actions[ActionId.MONTHLY_NOTICE], "monthly_notice")
        for widget in (QLabel(_("种类")), self.kind_box, QLabel(_("印发月份")), self.month_box):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (QLabel(_("通报月份")), self.month_edit, self.monthly_button):
            row.addWidget(widget)
        return row

    def _table(self) -> QTableView:
        self.table = QTableView()
        self.table.setObjectName("notice_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._preview_row(current.row()))
        return self.table

    def case_lists(self) -> list:
        """Return the register, whose rows show their document's first case in the case pane."""
        return [(self.table, lambda index: notice_register.first_case_id(self.model.notice_id(index.row()))
                 if index.isValid() else None)]

    def _preview(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel(_("选择左侧的文书即可预览"))
        self.view = QPdfView()
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        column.addWidget(self.preview_label)
        column.addWidget(self.view, 1)
        return box

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status_box = QComboBox()
        self.status_box.setObjectName("status_box")
        self.status_button = ActionButton(self.page_actions[ActionId.DOCUMENT_STATUS], "status_button")
        for widget in (QLabel(_("文书状态改为")), self.status_box, self.status_button):
            row.addWidget(widget)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._offer_statuses())
        self._offer_statuses()
        row.addStretch(1)
        self.print_button = ActionButton(self.page_actions[ActionId.DOCUMENT_PRINT], "print_document")
        self.save_button = ActionButton(self.page_actions[ActionId.DOCUMENT_SAVE], "save_document")
        self.open_button = ActionButton(self.page_actions[ActionId.DOCUMENT_OPEN], "open_document")
        for button in (self.print_button, self.save_button, self.open_button):
            allow(button.action, _(NO_PREVIEW))
            row.addWidget(button)
        return row

    # -- register ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the register with the chosen filters, keeping the month list current."""
        chosen = self.month_box.currentData() or ""
        self.month_box.blockSignals(True)
        self.month_box.clear()
        self.month_box.addItem(_("全部月份"), "")
        for month in notice_register.notice_months():
            self.month_box.addItem(month, month)
        self.month_box.setCurrentIndex(max(self.month_box.findData(chosen), 0))
        self.month_box.blockSignals(False)
        self.model.today = self.clock().date()
        self.model.load(self.kind_box.currentData() or "", self.month_box.currentData() or "")
        self._offer_statuses()
        if not self.month_edit.property("chosen"):
            today = self.clock().date()
            last = QDate(today.year, today.month, 1).addMonths(-1)
            self.month_edit.setDate(last)
            self.month_edit.setProperty("chosen", True)
        self._clear_preview()

    def refresh_keeping_selection(self) -> None:
        """Re-read the register for another desk's changes, the selected document and its preview kept."""
        kept = KeptPlace(self)
        try:
            self.model.today = self.clock().date()
            self.model.load(self.kind_box.currentData() or "", self.month_box.currentData() or "")
        finally:
            kept.restore()
        self._offer_statuses()

    def select_notice(self, notice_id: int) -> None:
        """Select a document's row (and preview it)."""
        row = self.model.row_of(notice_id)
        if row >= 0:
            self.table.selectRow(row)

    def chosen_month(self) -> str:
        """Return the month picked for the monthly notice, as YYYY-MM."""
        day = self.month_edit.date()
        return f"{day.year():04d}-{day.month():02d}"

    # -- status --------------------------------------------------------------------------------------------

    def _offer_statuses(self) -> None:
        """List the statuses the selected notice may move to."""
        notice_id = self.model.notice_id(self._current_row())
        notice = notice_register.notice_by_id(notice_id)
        self.status_box.clear()
        for status in notice_status.next_statuses(notice) if notice else []:
            self.status_box.addItem(_(NOTICE_STATUS_LABELS[status]), status)
        allow(self.status_button.action, "" if self.status_box.count() else (
            _("所选文书已是最后一个状态") if notice else _("请先在列表中选中一份文书")))

    def move_status(self, status: str | None) -> bool:
        """Move the selected notice forward to `status`, keeping it selected."""
        notice_id = self.model.notice_id(self._current_row())
        if notice_id is None or not status:
            return False
        try:
            notice_status.move(notice_register.notice_by_id(notice_id), status, self.clock(), self.operator())
        except UserError as exc:
            refuse(self, exc, _("文书状态未更新"))
            return False
        self.reload()
        self.select_notice(notice_id)
        return True

    # -- preview -------------------------------------------------------------------------------------

    def _clear_preview(self) -> None:
        self.pdf.close()
        self.preview_path = None
        self.preview_label.setText(_("选择左侧的文书即可预览"))
        for button in (self.print_button, self.save_button, self.open_button):
            allow(button.action, _(NO_PREVIEW))

    def _preview_row(self, row: int) -> None:
        notice_id = self.model.notice_id(row)
        if notice_id is None:
            return
        self._clear_preview()
        self.preview_label.setText(_("正在生成预览……"))
        out = self._temp / f"{notice_id}-{datetime.now():%H%M%S%f}.pdf"

        def job() -> str:
            return str(document_service.render_notice(notice_register.notice_by_id(notice_id), out))

        if self.preview_task is not None:
            self.preview_task.wait()
        self.preview_task = QuietTask(self, job)
        self.preview_task.finished.connect(lambda path, error: self._previewed(notice_id, path, error))
        self.preview_task.start()

    def _previewed(self, notice_id: int, path: str | None, error: str) -> None:
        if self.model.notice_id(self._current_row()) != notice_id:
            return  # the clerk moved on; a newer preview is on its way
        if error or not path:
            self.preview_label.setText(error)
            self.preview_ready.emit("")
            return
        self.preview_path = Path(path)
        self.pdf.load(path)
        status = _("{0}，共 {1} 页").format(self.model.index(self._current_row(), 1).data(), self.pdf.pageCount())
        self.preview_label.setText("；".join([status, *document_service.font_warnings()]))
        for button in (self.print_button, self.save_button, self.open_button):
            allow(button.action, "")
        self.preview_ready.emit(path)

    def _current_row(self) -> int:
        return self.table.selectionModel().currentIndex().row()

    # -- print, save, open ---------------------------------------------------------------------------

    def print_selected(self) -> None:
        """Print the selected document at 100% on A4 (Ctrl+P on this page)."""
        if self.preview_path is None:
            inform(self, _("请先在左侧选择一份文书。"))
            return
        try:
            ask_and_print(self, self.preview_path)
        except OSError as exc:
            refuse(self, exc, _("无法打印"))

    def save_selected(self) -> None:
        """Save a copy of the selected document, named by its number."""
        if self.preview_path is None:
            return
        notice = notice_register.notice_by_id(self.model.notice_id(self._current_row()))
        suggested = str(Path.home() / document_service.file_name(notice))
        target, _filter = file_dialogs.save_file_name(self, _("另存为"), suggested, _("PDF 文件 (*.pdf)"))
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> None:
        """Copy the previewed PDF to a file."""
        try:
            shutil.copyfile(self.preview_path, target)
        except OSError as exc:
            warn(self, _("无法保存到“{0}”：{1}").format(target, exc.strerror or exc), _("无法保存"))
        else:
            self.message.emit(_("已保存：{0}").format(target))

    def open_selected(self) -> None:
        """Show the selected document in the PDF reader Windows associates with PDFs."""
        if self.preview_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.preview_path)))

    # -- the monthly notice --------------------------------------------------------------------------

    def generate_monthly(self) -> BackgroundTask | None:
        """Register (or reuse) the chosen month's public notice in a worker, then show it."""
        if self.task is not None and self.task.is_running():
            return None
        month, now, out = self.chosen_month(), self.clock(), self._temp / f"通报-{self.chosen_month()}.pdf"

        def job(_progress):
            notice, _path = document_service.generate_monthly(month, out, now)
            return notice.id

        self.task = BackgroundTask(self, _("问责通报"), _("正在生成 {0} 问责通报……").format(month), job)
        self.task.finished.connect(self._monthly_done)
        self.task.start()
        return self.task

    def _monthly_done(self, notice_id: int | None, cancelled: bool, error: str) -> None:
        if error:
            warn(self, error, _("未能生成问责通报"))
            return
        self.kind_box.setCurrentIndex(0)
        self.month_box.setCurrentIndex(0)
        self.reload()
        if notice_id is not None:
            self.select_notice(notice_id)

    def shutdown(self) -> None:
        """Wait for running work and remove the preview files."""
        for task in (self.preview_task, self.task):
            if task is not None and task.is_running():
                task.wait()
        self.pdf.close()
        shutil.rmtree(self._temp, ignore_errors=True)


def _system_operator() -> Operator:
    from wzdesk.office.defaults import system_operator

    return system_operator()
