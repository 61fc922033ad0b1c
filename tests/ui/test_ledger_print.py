"""Printing the ledger view (Ctrl+P on 台账) and counting it in the background."""

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import NOW
from wzdesk.ledger.printout import printed_ledger
from wzdesk.ledger.view import LedgerFilter, LedgerSort
from wzdesk.models import Case, Department
from wzdesk.ui.actions import ActionId
from wzdesk.ui.ledger_printing import print_ledger, setup_printer


def _pdf_text(tmp_path, printed) -> list[str]:
    path = tmp_path / "台账 打印.pdf"
    printer = setup_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_ledger(printed, printer)
    return [page.extract_text() for page in PdfReader(path).pages]


def test_printed_pdf_has_title_filter_rows_header_on_each_page_and_page_numbers(window, tmp_path):
    """A4 landscape pages: the title and filter on page 1, the header row and a page number on every page."""
    dept = Department.select().join(Case, on=(Case.lead_department == Department.id)).first()
    printed = printed_ledger(LedgerFilter(department_id=dept.id), LedgerSort(), NOW)
    pages = _pdf_text(tmp_path, printed)
    assert len(pages) >= 2
    first = pages[0]
    assert "邵阳市网络问政督办室" in first and f"承办单位：{dept.name}" in first and "2026-11-20 10:00" in first
    text = "".join(pages)
    assert all(row[1] in text for row in printed.rows)
    for number, page in enumerate(pages, start=1):
        assert "工单编号" in page and "承办单位" in page and page.rstrip().endswith(str(number))
    size = PdfReader(tmp_path / "台账 打印.pdf").pages[0].mediabox
    assert size.width > size.height  # landscape


def test_ctrl_p_on_the_ledger_opens_a_preview_and_warns_over_the_cap(window, qtbot):
    """Print is enabled on 台账 and opens the preview; more than the cap brings a message first."""
    action = window.actions[ActionId.PRINT]
    assert action.isEnabled()
    window.ledger.print_view(NOW, cap=100)
    preview = window.ledger.findChild(QPrintPreviewDialog, "ledger_print_preview")
    assert preview is not None and preview.isVisible()
    preview.close()
    box = window.ledger.findChild(QMessageBox, "information")
    assert box is not None and "只打印前 100 件" in box.text()
    box.close()


def test_count_arrives_from_the_background(window, qtbot):
    """A view longer than one page shows "≥" at once, then the exact count from the worker."""
    window.ledger.filters.reset()
    label = window.ledger.filters.count_label
    qtbot.waitUntil(lambda: label.text() == "共 500 件", timeout=5000)
    window.ledger.counter.wait()
