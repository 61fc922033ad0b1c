"""Hear at once that another desk changed the office's server database: LISTEN on a connection of its own.

Every ledger append on PostgreSQL sends a NOTIFY on CHANGE_CHANNEL in its transaction (the trigger of
wzdesk/models/postgres_schema.py), delivered when that transaction commits. The listener waits for it in
a thread of its own and calls `on_change(payload)` there (the payload is the writer's backend pid). When
its connection drops it says so (`listening` turns false: the window then polls the change token,
wzdesk/models/changes.py) and connects again after `retry_s`.
"""

import contextlib
import threading
from collections.abc import Callable

CHANGE_CHANNEL = "wzdesk_change"
WAIT_S = 0.5  # how long one wait for a message lasts: the longest a stop() waits for the thread


class ChangeListener:
    """LISTEN for the office's changes on its own connection, in its own thread."""

    def __init__(self, url: str, on_change: Callable[[str], None], retry_s: float = 5.0):
        self._url = url
        self._on_change = on_change
        self._retry_s = retry_s
        self._stopped = threading.Event()
        self._listening = threading.Event()
        self._connection = None
        self._thread = threading.Thread(target=self._run, name="wzdesk-listen", daemon=True)

    @property
    def listening(self) -> bool:
        """Whether the listener is connected and hears every change now."""
        return self._listening.is_set()

    def start(self) -> "ChangeListener":
        self._thread.start()
        return self

    def wait_listening(self, timeout: float) -> bool:
        """Wait until the listener hears changes (or `timeout` seconds); return whether it does."""
        return self._listening.wait(timeout)

    def stop(self) -> None:
        """Stop listening and close the connection (within WAIT_S)."""
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(WAIT_S * 4)

    def drop(self) -> None:
        """Cut the connection as a network failure would (the listener reconnects after retry_s)."""
        connection = self._connection
        if connection is not None:
            connection.pgconn.finish()

    def _run(self) -> None:
        import psycopg

        while not self._stopped.is_set():
            try:
                self._listen(psycopg)
            except (psycopg.Error, OSError):
                pass  # the server went away or refused: fall back to polling, try again in a while
            finally:
                self._listening.clear()
                self._close()
            self._stopped.wait(self._retry_s)

    def _listen(self, psycopg) -> None:
        self._connection = psycopg.connect(self._url, autocommit=True, connect_timeout=10)
        self._connection.execute(f"LISTEN {CHANGE_CHANNEL}")
        self._listening.set()
        while not self._stopped.is_set():
            for message in self._connection.notifies(timeout=WAIT_S):
                self._on_change(message.payload)

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):  # a broken connection may fail to close; it is gone either way
                connection.close()
