"""Short work off the window's thread without a progress dialog (a document preview, for instance)."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from wzdesk.ui.worker import ThreadTask


class QuietTask(ThreadTask):
    """Run `job()` in a thread; emit `finished(result, error)` on the window's thread."""

    finished = Signal(object, str)

    def __init__(self, parent: QObject, job: Callable[[], object]):
        super().__init__(parent, lambda _progress: job())

    def _finish(self, result: object, message: str) -> None:
        self.wait()
        self.finished.emit(result, message)
