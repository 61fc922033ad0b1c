"""The end of a session: when the core refuses a step because the account was stopped (or given another
role) since it signed in, every part of the window says so here and the main window asks for a new sign-in."""

from PySide6.QtCore import QObject, Signal

from wzdesk.errors import SessionEnded, UserError


class SessionEvents(QObject):
    """The window's one place to hear that the signed-in account may no longer act."""

    ended = Signal(str)  # the Chinese refusal


_EVENTS: SessionEvents | None = None


def session_events() -> SessionEvents:
    """Return the process's one SessionEvents (made on first use, on the window's thread)."""
    global _EVENTS
    if _EVENTS is None:
        _EVENTS = SessionEvents()
    return _EVENTS


def ended_by(exc: UserError) -> bool:
    """Say the session ended when `exc` is the core's SessionEnded; return whether it was."""
    if isinstance(exc, SessionEnded):
        session_events().ended.emit(str(exc))
        return True
    return False
