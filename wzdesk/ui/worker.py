"""Long work off the window's thread: a job runs in a QThread while a progress dialog offers to cancel."""

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from wzdesk.errors import SessionEnded, UserError
from wzdesk.office import database
from wzdesk.ui.i18n import _


class Progress:
    """What a job sees: report how far it got, and ask whether the clerk cancelled."""

    def __init__(self, emit: Callable[[int, int], None], stop: threading.Event):
        self._emit = emit
        self._stop = stop

    def report(self, done: int, total: int) -> None:
        self._emit(done, total)

    def cancelled(self) -> bool:
        return self._stop.is_set()


class Runner(QObject):
    """Run a job on the thread it is moved to, with that thread's own database connection."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    ended = Signal(str)  # the account's session ended (SessionEnded): the window asks for a new sign-in

    def __init__(self, job: Callable[[Progress], object], stop: threading.Event):
        super().__init__()
        self._job = job
        self._stop = stop

    def set_job(self, job: Callable[[Progress], object]) -> None:
        """Run this job the next time the thread starts."""
        self._job = job

    @Slot()
    def run(self) -> None:
        with database.thread_connection():
            try:
                result = self._job(Progress(self.progressed.emit, self._stop))
            except SessionEnded as exc:
                self.ended.emit(str(exc))
            except UserError as exc:
                self.failed.emit(str(exc))
            except Exception as exc:  # shown to the clerk instead of dying silently in a thread
                self.failed.emit(_("后台任务出错：{0}").format(exc))
            else:
                self.succeeded.emit(result)


class ThreadTask(QObject):
    """A job on a thread of its own; subclasses say what happens when it ends (`_finish`)."""

    def __init__(self, parent: QObject, job: Callable[[Progress], object]):
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread = QThread(self)
        self._runner = Runner(job, self._stop)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        # Slots of this object (not lambdas) so the calls are queued to the window's thread.
        self._runner.succeeded.connect(self._succeeded)
        self._runner.failed.connect(self._failed)
        self._runner.ended.connect(self._ended)

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

    @Slot(str)
    def _ended(self, message: str) -> None:
        from wzdesk.ui.session import session_events

        self._finish(None, message)
        session_events().ended.emit(message)

    def _finish(self, result: object, message: str) -> None:
        self.wait()


class BackgroundTask(ThreadTask):
    """Run `job(progress)` in a thread with a cancellable progress dialog; emit `finished` at the end."""

    finished = Signal(object, bool, str)  # result, cancelled, error message ("" when none)

    def __init__(self, parent: QWidget, title: str, label: str, job: Callable[[Progress], object]):
        super().__init__(parent, job)
        self.dialog = self._make_dialog(parent, title, label)
        self._runner.progressed.connect(self._on_progress)

    def _make_dialog(self, parent: QWidget, title: str, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, _("取消"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        dialog.canceled.connect(self.cancel)
        return dialog

    def start(self) -> None:
        """Show the progress dialog and start the job."""
        self.dialog.show()
        super().start()

    def rerun(self, label: str, job: Callable[[Progress], object]) -> None:
        """Run another job on this task's thread and dialog, once the last one has finished.

        A page that computes on every showing reuses one task: a new thread, runner and progress dialog each
        time kept references to None in PySide6 6.11 (about 24 a task; see ui/widgets/charts.py).
        """
        self._stop.clear()
        self._runner.set_job(job)
        self.dialog.setLabelText(label)
        self.dialog.setRange(0, 0)
        self.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next checkpoint."""
        self._stop.set()
        self.dialog.setLabelText(_("正在取消，请稍候……"))

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finish(self, result: object, message: str) -> None:
        self.wait()
        self.dialog.reset()
        self.dialog.hide()
        self.finished.emit(result, self._stop.is_set(), message)
