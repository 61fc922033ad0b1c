"""Find the hidden rows of an OpenDocument spreadsheet's (.ods) tables (python-calamine does not report them).

content.xml lists each table's rows in order; a row element may stand for several (number-rows-repeated),
and one hidden by the clerk (table:visibility="collapse") or by a filter ("filter") is not shown. Row
groups and header rows hold rows too; a table nested in a cell is another table and is not counted.
"""

import zipfile

from lxml import etree

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_SHEET, _ROW = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row"
_NAME, _REPEATED, _VISIBILITY = f"{{{_TABLE}}}name", f"{{{_TABLE}}}number-rows-repeated", f"{{{_TABLE}}}visibility"
MAX_ROWS = 1_048_576  # a spreadsheet's last row; repeated blank rows run to it


def ods_hidden_rows(archive: zipfile.ZipFile) -> dict[str, frozenset[int]]:
    """Return table name → the 1-based numbers of its hidden rows, for the tables that have any."""
    found: dict[str, frozenset[int]] = {}
    with archive.open("content.xml") as stream:
        try:
            for name, rows in _tables(stream):
                if rows:
                    found[name] = frozenset(rows)
        except (etree.XMLSyntaxError, ValueError):
            return {}  # calamine refuses a damaged file itself
    return found


def _tables(stream):
    """Yield (name, hidden row numbers) of each top-level table, streaming the XML."""
    depth, name, number, hidden = 0, "", 0, set()
    for event, element in etree.iterparse(stream, events=("start", "end"), tag=(_SHEET, _ROW),
                                          resolve_entities=False, no_network=True, huge_tree=True):
        if element.tag == _SHEET:
            depth += 1 if event == "start" else -1
            if event == "start" and depth == 1:
                name, number, hidden = element.get(_NAME), 0, set()
            elif event == "end" and depth == 0:
                yield name, hidden
                element.clear()
        elif event == "start" and depth == 1:
            number = _row(element, number, hidden)
        elif event == "end" and depth == 1:
            element.clear(keep_tail=True)


def _row(element, number: int, hidden: set[int]) -> int:
    """Count one row element (repeated as it says); note its rows if hidden; return the last row number."""
    repeated = max(1, int(element.get(_REPEATED) or 1))
    if element.get(_VISIBILITY) in ("collapse", "filter"):
        hidden.update(range(number + 1, min(number + repeated, MAX_ROWS) + 1))
    return number + repeated
