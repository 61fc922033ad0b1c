"""The 文书 and 今日督办 pages: the register, previews, the monthly notice, the day's batch, printing at 100%."""

from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter

from tests.ui.conftest import NOW
from wzdesk.models import Notice
from wzdesk.notices import service as document_service
from wzdesk.supervision.ladder import run_ladder
from wzdesk.ui.actions import ActionId
from wzdesk.ui.pages.documents import NoticeModel
from wzdesk.ui.pdf_print import a4_printer, print_pdf

A4_MM = (210, 297)


def test_notice_model_passes_the_model_tester(window, qtmodeltester):
    """The register model is a well-behaved table model, filtered by kind and month."""
    run_ladder(NOW, window.operator)
    model = NoticeModel()
    model.load()
    qtmodeltester.check(model)
    assert model.rowCount() == Notice.select().count()
    model.load("supervision_letter", "2026-11")
    qtmodeltester.check(model)
    assert model.rowCount() and all(model.index(r, 0).data() == "督办函" for r in range(model.rowCount()))


def test_documents_page_previews_the_selected_document(window, qtbot, tmp_path):
    """Selecting a row renders its PDF in a worker and shows its pages; 打印 (Ctrl+P) is offered on this page."""
    run_ladder(NOW, window.operator)
    window.show_page("文书")
    page = window.documents
    assert window.actions[ActionId.PRINT].isEnabled()
    with qtbot.waitSignal(page.preview_ready, timeout=30000) as ready:
        page.table.selectRow(0)
    assert ready.args[0] and page.pdf.pageCount() >= 1
    assert page.print_button.isEnabled() and page.save_button.isEnabled()
    target = tmp_path / "另存 为.pdf"
    page.save_to(target)
    assert PdfReader(target).pages
    window.grab().save(str(tmp_path / "documents_page.png"))
    window.show_page("督办看板")
    assert not window.actions[ActionId.PRINT].isEnabled()


def test_generating_the_monthly_notice_registers_it_once(window, qtbot):
    """生成本月通报 registers one public notice for the month; a second generation reuses it."""
    window.show_page("文书")
    page = window.documents
    page.month_edit.setDate(QDate(2026, 10, 1))
    for _ in range(2):
        with qtbot.waitSignal(page.monthly_button.clicked, timeout=1000):
            page.monthly_button.click()
        qtbot.waitUntil(lambda: not page.task.is_running(), timeout=30000)
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    notices = list(Notice.select().where(Notice.kind == "public_notice"))
    assert len(notices) == 1 and "2026年10月" in notices[0].title
    row = page.model.row_of(notices[0].id)
    assert page.model.index(row, 1).data() == notices[0].number_text


def test_today_page_runs_the_ladder_and_lists_documents_with_cases(window, qtbot, tmp_path):
    """运行催办 runs in a worker; the page then lists each document with its department and cases."""
    window.show_page("今日督办")
    page = window.today
    task = page.run()
    qtbot.waitUntil(lambda: not task.is_running(), timeout=60000)
    expected = document_service.day_notices(NOW.date())
    documents = [group for group in page.model.groups if group.texts[0].split(" ")[-1].startswith("邵问督")]
    assert expected and len(documents) == len(expected)
    assert all(len(group.children) >= 1 and group.texts[1] for group in documents)
    folder = tmp_path / "今日 文书"
    folder.mkdir()
    with qtbot.waitSignal(page.batch_ready, timeout=60000) as done:
        page.save_to(folder)
    batch = done.args[0]
    assert len(batch.files) == len(expected) and batch.combined.exists()
    window.grab().save(str(tmp_path / "today_page.png"))


def test_printing_draws_pages_at_their_true_size_on_a4(database, operator, tmp_path, qapp):
    """A PDF printed through QPrinter keeps A4 at 100%: same page count, A4 paper, no fit-to-page."""
    source = tmp_path / "源.pdf"
    from wzdesk.documents import build_document, render, resolve_fonts
    from wzdesk.documents.samples import sample_context

    render(build_document("supervision_letter", sample_context("supervision_letter")), source, resolve_fonts())
    printer = a4_printer(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "打印 结果.pdf"))
    assert print_pdf(printer, source) == len(PdfReader(source).pages)
    printed = PdfReader(tmp_path / "打印 结果.pdf")
    assert len(printed.pages) == len(PdfReader(source).pages)
    width, height = (float(v) * 25.4 / 72 for v in (printed.pages[0].mediabox.width, printed.pages[0].mediabox.height))
    assert abs(width - A4_MM[0]) < 1 and abs(height - A4_MM[1]) < 1
