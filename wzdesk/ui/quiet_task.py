"""Short work off the window's thread without a progress dialog (a document preview, for instance)."""

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from wzdesk.errors import UserError
from wzdesk.models import db
from wzdesk.ui.i18n import _


class _Runner(QObject):
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Callable[[], object]):
        super().__init__()
        self._job = job

    @Slot()
    def run(self) -> None:
        db.connect(reuse_if_open=True)  # Peewee keeps one connection per thread
        try:
            result = self._job()
        except UserError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # shown in the page rather than lost in a thread
            self.failed.emit(_("后台任务出错：{0}").format(exc))
        else:
            self.succeeded.emit(result)
        finally:
            db.close()


class QuietTask(QObject):
    """Run `job()` in a thread; emit `finished(result, error)` on the window's thread."""

    finished = Signal(object, str)

    def __init__(self, parent: QObject, job: Callable[[], object]):
        super().__init__(parent)
        self._thread = QThread(self)
        self._runner = _Runner(job)
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
