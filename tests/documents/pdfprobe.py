"""Read rendered PDFs back: text per page, text positions and colours, embedded fonts."""

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

A4_PORTRAIT = (595.28, 841.89)
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: where, and in which fill colour."""

    text: str
    x: float
    y: float
    colour: tuple[float, ...]


def page_texts(path: Path) -> list[str]:
    """Return the extracted text of every page."""
    return [page.extract_text() for page in PdfReader(path).pages]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Return (width, height) in points of every page."""
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(path).pages]


def runs(path: Path, page_number: int) -> list[Run]:
    """Return the text runs of one page (0-based) with position and fill colour."""
    page = PdfReader(path).pages[page_number]
    found: list[Run] = []
    colour: list[tuple[float, ...]] = [(0.0, 0.0, 0.0)]

    def before(operator, operands, cm, tm):
        if operator == b"rg":
            colour[0] = tuple(float(v) for v in operands)

    def text(chunk, cm, tm, font, size):
        if chunk.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Run(chunk.strip(), x, y, colour[0]))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def fonts_without_file(path: Path) -> list[str]:
    """Return the names of fonts that carry no embedded font program (FontFile, FontFile2 or 3)."""
    missing = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font.get("/BaseFont")))
    return missing


def truetype_fonts(path: Path) -> set[str]:
    """Return the names of fonts embedded as TrueType programs (FontFile2)."""
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font.get_object()["/BaseFont"]))
    return names


def pdffonts_embedded(path: Path) -> list[bool] | None:
    """Return poppler's emb column for every font, or None without poppler-utils."""
    if shutil.which("pdffonts") is None:
        return None
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    # Columns: name, type (may contain spaces), encoding, emb, sub, uni, object, ID.
    return [row.split()[-5] == "yes" for row in rows if row.strip()]
