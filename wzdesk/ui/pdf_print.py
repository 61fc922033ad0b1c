"""Print a PDF at its true size on A4: each page drawn at 100%, never scaled to fit the printable area."""

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from wzdesk.ui.i18n import _
from wzdesk.ui.worker import BackgroundTask, Progress

MAX_RENDER_DPI = 300  # enough for laser printers; a 1200-dpi page image would take half a gigabyte


def a4_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    """Return a printer set to A4 portrait, full page, so page coordinates are paper coordinates."""
    printer = QPrinter(mode)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    return printer


def print_pdf(printer: QPrinter, path: Path, progress: Progress | None = None) -> int:
    """Draw every page of a PDF onto the printer at 100%; return the number of pages printed.

    With `progress`, report each page and stop at the next page once cancelled (the print job is then
    aborted, so no half batch reaches the printer).
    """
    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready:
        raise OSError(_("无法读取 PDF 文件：{0}").format(path))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("打印机无法开始打印"))
    pages, printed = document.pageCount(), 0
    try:
        for page in range(pages):
            if progress is not None and progress.cancelled():
                printer.abort()
                break
            if page:
                printer.newPage()
            _draw_page(painter, printer, document, page)
            printed += 1
            if progress is not None:
                progress.report(printed, pages)
    finally:
        painter.end()
        document.close()
    return printed


def _draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """Render one page as an image and place it at its physical size from the paper's corner."""
    points = document.pagePointSize(page)
    device_dpi = printer.resolution()
    dpi = min(device_dpi, MAX_RENDER_DPI)
    image = document.render(page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
    # The target rectangle is the page's size in device units: 1 point on paper stays 1 point.
    target = QRectF(0, 0, points.width() * device_dpi / 72, points.height() * device_dpi / 72)
    painter.drawImage(target, image)


def print_in_background(parent: QWidget, printer: QPrinter, path: Path) -> BackgroundTask:
    """Print a PDF from a worker thread with a progress dialog that can cancel; the window stays responsive.

    QPainter may paint on a QPrinter outside the window's thread; 170 pages drawn in the window's thread
    froze it for 14 s.
    """
    task = BackgroundTask(parent, _("打印文书"), _("正在打印……"), lambda progress: print_pdf(printer, path, progress))
    task.printer = printer  # painted on from the worker: it must outlive the call that made it
    task.start()
    return task


def ask_and_print_in_background(parent: QWidget, path: Path) -> BackgroundTask | None:
    """Show the print dialog for a PDF, then print it at 100% on A4 in the background; None if not printed."""
    printer = a4_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("打印文书"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return print_in_background(parent, printer, path)


def ask_and_print(parent: QWidget, path: Path) -> bool:
    """Show the print dialog for a PDF and print it at 100% on A4; return whether it was printed."""
    printer = a4_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("打印文书"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_pdf(printer, path)
    return True
