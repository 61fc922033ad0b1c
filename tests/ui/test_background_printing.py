"""The day's batch prints from a worker with progress and cancel, the window responsive (issue 18)."""

from pypdf import PdfReader, PdfWriter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from wzdesk.documents import build_document, render, resolve_fonts
from wzdesk.documents.samples import sample_context
from wzdesk.ui.pdf_print import a4_printer, print_in_background


def batch_pdf(tmp_path, copies: int):
    """A combined PDF of `copies` supervision letters, like the day's 合并打印 file."""
    letter = render(build_document("supervision_letter", sample_context("supervision_letter")),
                    tmp_path / "督办函.pdf", resolve_fonts())
    writer = PdfWriter()
    for _ in range(copies):
        writer.append(str(letter))
    combined = tmp_path / "今日 合并打印.pdf"
    with combined.open("wb") as fh:
        writer.write(fh)
    return combined, len(PdfReader(combined).pages)


def pdf_printer(out) -> QPrinter:
    printer = a4_printer(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def test_the_batch_prints_every_page_from_a_worker_with_progress(database, qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    source, pages = batch_pdf(tmp_path, 8)
    out = tmp_path / "打印 结果.pdf"
    task = print_in_background(parent, pdf_printer(out), source)
    assert task.is_running() or task.dialog.isVisible()  # the call returned while the pages still print
    with qtbot.waitSignal(task.finished, timeout=60000) as finished:
        pass
    printed, cancelled, error = finished.args
    assert (printed, cancelled, error) == (pages, False, "")
    assert task.dialog.maximum() == pages
    assert len(PdfReader(out).pages) == pages


def test_cancelling_stops_at_the_next_page_and_aborts_the_job(database, qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    source, pages = batch_pdf(tmp_path, 30)
    task = print_in_background(parent, pdf_printer(tmp_path / "取消.pdf"), source)
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=60000) as finished:
        pass
    printed, cancelled, error = finished.args
    assert cancelled and error == "" and printed < pages
