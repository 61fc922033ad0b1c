"""Checks on a workbook's own XML that the cell values alone cannot show: its expanded size, error cells
and formulas that were never calculated.

calamine reads an error cell (#N/A, #DIV/0!) and a formula saved without its value as an empty string,
so a case would silently lose its phone or take a default; these cells are found here and refused.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from openpyxl.utils import column_index_from_string

# Far above the largest case list an office exports (100,000 rows expand to about 80 MB of XML), far
# below what would exhaust a desk's memory: a 3 MB zip bomb expanding to gigabytes is refused unread.
MAX_EXPANDED_BYTES = 256 * 1024 * 1024

_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class CellFlaw:
    """An error cell or an uncalculated formula: where it is (1-based row, 0-based column) and what."""

    row: int
    column: int
    message: str
    value: str = ""


def expanded_size(path: Path) -> int | None:
    """Return the total uncompressed size the zip directory declares, or None if the file is no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def cell_flaws(path: Path, sheet: str) -> list[CellFlaw]:
    """Return the error cells and the formulas without a stored value of one worksheet (of a zipped workbook)."""
    if not zipfile.is_zipfile(path):
        return []  # .xls, .csv and web tables: calamine or our own parser reports what they hold
    with zipfile.ZipFile(path) as archive:
        member = _sheet_member(archive, sheet)
        if member is None:
            return []
        data = archive.read(member)
    if b't="e"' not in data and b"<f" not in data:
        return []  # the usual case list: no formulas, no errors; not one cell parsed
    return [flaw for match in _CELL.finditer(data) if (flaw := _flaw(match)) is not None]


def _flaw(match: re.Match) -> CellFlaw | None:
    attributes, body = match.group(1), match.group(2) or b""
    ref = _REF.search(attributes)
    if ref is None:
        return None
    row, column = int(ref.group(2)), column_index_from_string(ref.group(1).decode()) - 1
    value = _VALUE.search(body)
    if _ERROR_TYPE.search(attributes):
        shown = value.group(1).decode() if value else "#错误"
        return CellFlaw(row, column, "是 Excel 的错误值，请改正公式或填入实际内容", shown)
    if b"<f" in body and (value is None or not value.group(1)):
        return CellFlaw(row, column, "是没有计算结果的公式，请在 Excel 中打开、重新计算并保存，或改填数值")
    return None


def _sheet_member(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """Return the zip member holding the worksheet named `sheet`, via workbook.xml and its relationships."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    for element in workbook.iter(f"{_MAIN}sheet"):
        if element.get("name") == sheet:
            target = targets.get(element.get(f"{_REL}id"), "")
            return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    return None
