"""One window per database: a second start hands over to the running window and exits.

The first process listens on a local socket (a named pipe on Windows) named after the user and the
database; a later start connects, asks it to come to the front, and quits instead of opening the same
database twice.
"""

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

WAIT_MS = 1000
MESSAGE = b"activate"


def server_name(db_path: Path) -> str:
    """Return the socket's name for this user and database (same file, same name)."""
    key = f"{getpass.getuser()}\n{Path(db_path).resolve()}".encode()
    return "wzdesk-" + hashlib.sha256(key).hexdigest()[:16]


class SingleInstance(QObject):
    """The running window's side (`listen`, `activated`) and a later start's (`hand_over`)."""

    activated = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(db_path)
        self.server: QLocalServer | None = None

    def hand_over(self) -> bool:
        """Ask a running window on this database to come to the front; return whether one answered."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(WAIT_MS):
            return False
        socket.write(MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(WAIT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        """Start answering later starts; a socket left by a crashed process is cleared first."""
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(self.name):
            QLocalServer.removeServer(self.name)
            if not self.server.listen(self.name):
                return False
        self.server.newConnection.connect(self._answer)
        return True

    def _answer(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            asked = socket.bytesAvailable() or socket.waitForReadyRead(WAIT_MS)
            if asked and bytes(socket.readAll()).startswith(MESSAGE):
                self.activated.emit()
            socket.disconnectFromServer()
            socket.deleteLater()


def bring_to_front(window) -> None:
    """Show a window restored and raised, as a second start expects."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
