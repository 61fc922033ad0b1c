"""Count the ledger view off the window's thread, so a slow count never holds up a page."""

from datetime import datetime

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.view import LedgerFilter
from wzdesk.office import database


class _Signals(QObject):
    counted = Signal(int, int)  # generation, count


class _CountJob(QRunnable):
    def __init__(self, signals: _Signals, generation: int, flt: LedgerFilter, at: datetime):
        super().__init__()
        self._signals, self._generation, self._filter, self._at = signals, generation, flt, at

    def run(self) -> None:
        with database.thread_connection():
            n = ledger_view.count(self._filter, self._at)
        self._signals.counted.emit(self._generation, n)


class BackgroundCounter(QObject):
    """Count filters one at a time in a worker; emit `counted` only for the latest request."""

    counted = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.counted.connect(self._done)
        self._generation = 0

    def request(self, flt: LedgerFilter, at: datetime) -> None:
        """Count `flt` at `at`; an earlier request still running is answered but ignored."""
        self._generation += 1
        self._pool.clear()  # drop queued, not yet started counts
        self._pool.start(_CountJob(self._signals, self._generation, flt, at))

    def cancel(self) -> None:
        """Ignore whatever is being counted now."""
        self._generation += 1

    def wait(self) -> None:
        """Block until the worker is idle (for shutdown and tests)."""
        self._pool.waitForDone()

    def _done(self, generation: int, n: int) -> None:
        if generation == self._generation:
            self.counted.emit(n)
