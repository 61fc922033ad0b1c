"""Short work off the window's thread without a progress dialog (a document preview, for instance)."""

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from wzdesk.ui.worker import Runner


class QuietTask(QObject):
    """Run `job()` in a thread; emit `finished(result, error)` on the window's thread."""

    finished = Signal(object, str)

    def __init__(self, parent: QObject, job: Callable[[], object]):
        super().__init__(parent)
        self._thread = QThread(self)
        self._runner = Runner(lambda _progress: job(), threading.Event())
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.succeeded.connect(self._succeeded)
        self._runner.failed.connect(self._failed)

    def start(self) -> None:
        """Start the job."""
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self) -> None:
        """Block until the thread has ended (for shutdown and tests)."""
        self._thread.quit()
        self._thread.wait()

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._finish(result, "")

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._finish(None, message)

    def _finish(self, result: object, message: str) -> None:
        self._thread.quit()
        self._thread.wait()
        self.finished.emit(result, message)
