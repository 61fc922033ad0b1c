"""The one exception the core raises for input it refuses; its message is Chinese and shown as is."""


class UserError(Exception):
    """Refused input or an action not allowed now; nothing was written."""


class SessionEnded(UserError):
    """The account was stopped (or its role changed) since it signed in: its session is over, nothing was written."""
