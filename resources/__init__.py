"""What the package ships beside its code, read through importlib.resources: icons, styles, fonts, the
document templates (reports/) and the clerk's guide. Installed as `wzdesk.resources` (see pyproject.toml),
so an installed copy finds them wherever it runs from; nothing walks up from `__file__`."""

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable

PACKAGE = __name__  # wzdesk.resources
REPORTS = "wzdesk.reports"


def resource(*parts: str) -> Traversable:
    """Return a shipped file or folder, e.g. resource("icons", "wzdesk.svg")."""
    return files(PACKAGE).joinpath(*parts)


def report(name: str) -> Traversable:
    """Return a document template of reports/, e.g. report("letterhead.toml")."""
    return files(REPORTS).joinpath(name)


def read_text(*parts: str) -> str:
    """Return a shipped text file (UTF-8)."""
    return resource(*parts).read_text(encoding="utf-8")


__all__ = ["as_file", "read_text", "report", "resource"]
