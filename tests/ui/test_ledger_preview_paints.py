"""The ledger's print preview paints its pages with a printer that outlives the call that opened it."""

import gc

from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

from tests.ui.conftest import NOW


def test_the_preview_paints_every_page_after_the_opening_call_returned(window, qtbot):
    """Ctrl+P on 台账: the preview lays out pages and draws them (the printer was once freed here)."""
    window.ledger.print_view(NOW, cap=100)
    gc.collect()
    preview = window.ledger.findChild(QPrintPreviewDialog, "ledger_print_preview")
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() >= 2, timeout=10000)
    widget.setAllPagesViewMode()
    widget.updatePreview()
    image = widget.grab().toImage()
    assert image.width() > 100 and image.height() > 100
    preview.close()
