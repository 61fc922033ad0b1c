"""Fixtures for the document tests: this machine's fonts and the shipped templates."""

import pytest

from wzdesk.documents import FontMissing, resolve_fonts
from wzdesk.documents.fonts import DocumentFonts


@pytest.fixture(scope="session")
def fonts() -> DocumentFonts:
    """Return the fonts the chain finds here; CI must provide a TrueType CJK font, so fail without."""
    try:
        return resolve_fonts()
    except FontMissing as exc:
        pytest.fail(f"no TrueType CJK font on this machine (install fonts-wqy-zenhei): {exc}")
