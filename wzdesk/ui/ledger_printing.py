"""Print the ledger view: a titled table on A4 landscape, header row on every page, page numbers."""

from html import escape

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from wzdesk.ledger.printout import HEADERS, PrintedLedger
from wzdesk.ui.i18n import _

STYLE = ("body{font-size:8pt} h2{font-size:13pt;text-align:center;margin:0}"
         " p.sub{text-align:center;margin:2px 0 6px 0} th{background:#e8e8e8;font-weight:bold}"
         " td,th{padding:2px 3px}")


def setup_printer(printer: QPrinter) -> QPrinter:
    """Put `printer` on A4 landscape with 12 mm margins."""
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                         QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    printer.setPageLayout(layout)
    return printer


def ledger_html(printed: PrintedLedger) -> str:
    """Return the view as HTML; the table's header row is marked to repeat on each page."""
    head = "".join(f"<th>{escape(_(h))}</th>" for h in HEADERS)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in printed.rows)
    sub = _("{0}　打印时间：{1}　共 {2} 件").format(escape(printed.description), f"{printed.at:%Y-%m-%d %H:%M}",
                                              len(printed.rows))
    if printed.truncated:
        sub += _("（只打印前 {0} 件，全部请导出 Excel）").format(len(printed.rows))
    return (f"<html><head><style>{STYLE}</style></head><body><h2>{escape(printed.title)}</h2>"
            f"<p class='sub'>{sub}</p><table border='1' cellspacing='0' width='100%'>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>")


def ledger_document(printed: PrintedLedger) -> QTextDocument:
    """Lay the view out as a text document whose table repeats its header row on each page."""
    document = QTextDocument()
    document.setHtml(ledger_html(printed))
    table = document.rootFrame().childFrames()[0]
    table_format = table.format().toTableFormat()
    table_format.setHeaderRowCount(1)
    table.setFormat(table_format)
    return document


def print_ledger(printed: PrintedLedger, printer: QPrinter) -> None:
    """Print onto `printer`; QTextDocument numbers the pages when it paginates for the printer itself."""
    document = ledger_document(printed)
    document.setPageSize(QSizeF())  # invalid size: print() paginates to the printer and adds page numbers
    document.print_(printer)


def preview_ledger(printed: PrintedLedger, parent: QWidget) -> QPrintPreviewDialog:
    """Open the print preview of the view (printing goes from there)."""
    printer = setup_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("ledger_print_preview")
    dialog.setWindowTitle(_("打印预览 — 全流程台账"))
    # The dialog paints with this printer for as long as it is open; a local alone would be freed
    # on return while the preview still draws with it (a segmentation fault within a second).
    dialog.printer = printer
    dialog.paintRequested.connect(lambda p: print_ledger(printed, p))
    dialog.open()
    return dialog
