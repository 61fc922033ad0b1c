"""Print a PDF at its true size on A4: each page drawn at 100%, never scaled to fit the printable area."""

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from wzdesk.ui.i18n import _

MAX_RENDER_DPI = 300  # enough for laser printers; a 1200-dpi page image would take half a gigabyte


def a4_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    """Return a printer set to A4 portrait, full page, so page coordinates are paper coordinates."""
    printer = QPrinter(mode)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    return printer


def print_pdf(printer: QPrinter, path: Path) -> int:
    """Draw every page of a PDF onto the printer at 100%; return the number of pages printed."""
    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready:
        raise OSError(_("无法读取 PDF 文件：{0}").format(path))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("打印机无法开始打印"))
    pages = document.pageCount()
    try:
        for page in range(pages):
            if page:
                printer.newPage()
            _draw_page(painter, printer, document, page)
    finally:
        painter.end()
        document.close()
    return pages


def _draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """Render one page as an image and place it at its physical size from the paper's corner."""
    points = document.pagePointSize(page)
    device_dpi = printer.resolution()
    dpi = min(device_dpi, MAX_RENDER_DPI)
    image = document.render(page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
    # The target rectangle is the page's size in device units: 1 point on paper stays 1 point.
    target = QRectF(0, 0, points.width() * device_dpi / 72, points.height() * device_dpi / 72)
    painter.drawImage(target, image)


def ask_and_print(parent: QWidget, path: Path) -> bool:
    """Show the print dialog for a PDF and print it at 100% on A4; return whether it was printed."""
    printer = a4_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("打印文书"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_pdf(printer, path)
    return True
