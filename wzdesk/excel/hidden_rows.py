"""Find the hidden rows of an .xlsx workbook's sheets (python-calamine does not report them)."""

import posixpath
import re
import zipfile

from lxml import etree

_CHUNK = 1 << 20
_HIDDEN_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\bhidden=\"(?:1|true)\"[^>]*>")
_ROW_NUMBER = re.compile(rb"\br=\"(\d+)\"")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def hidden_rows_by_sheet(archive: zipfile.ZipFile) -> dict[str, frozenset[int]]:
    """Return sheet name → the 1-based numbers of its hidden rows, for the sheets that have any."""
    found = {}
    for name, member in _sheet_members(archive).items():
        rows = _hidden_rows(archive, member)
        if rows:
            found[name] = rows
    return found


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Return sheet name → its part in the archive, as workbook.xml and its relationships say."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    workbook = etree.fromstring(archive.read("xl/workbook.xml"), parser)
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser)
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{{{_PACKAGE_REL}}}Relationship")}
    members = {}
    for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if path in archive.NameToInfo:
            members[sheet.get("name")] = path
    return members


def _hidden_rows(archive: zipfile.ZipFile, member: str) -> frozenset[int]:
    """Scan a sheet's XML in chunks for row tags marked hidden: no tree is built for a large sheet."""
    rows = set()
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            cut = text.rfind(b"<")  # a tag cut by the chunk's end is searched with the next chunk
            for match in _HIDDEN_ROW.finditer(text, 0, cut if cut > 0 else len(text)):
                number = _ROW_NUMBER.search(match[0])
                if number:
                    rows.add(int(number[1]))
            tail = text[cut:] if cut > 0 else b""
    rows.update(int(number[1]) for match in _HIDDEN_ROW.finditer(tail) if (number := _ROW_NUMBER.search(match[0])))
    return frozenset(rows)
