"""Styled sheets for every export: a title, a header, data rows, frozen panes, a filter and print setup.

Works on an ordinary worksheet and on a write-only one (``Workbook(write_only=True)``), which is what
a 100,000-row export should use.
"""

from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice, repeat

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from wzdesk.excel import print_layout

# Light fills for the board colours (DESIGN.md, "The overdue board"); any other value is taken as RRGGBB.
BOARD_FILLS = {
    "green": "E2EFDA",
    "yellow": "FFF2CC",
    "orange": "FCE4D6",
    "red": "FFC7CE",
    "grey": "EDEDED",
}
NUMBER_FORMATS = {
    "text": "@",
    "datetime": "yyyy-mm-dd hh:mm",
    "date": "yyyy-mm-dd",
    "integer": "0",
    "number": "0.00",
    "percent": "0.0%",
}
FOOTER = "第 &P 页 / 共 &N 页"
MAX_CELL_TEXT = 32_767  # Excel's limit; longer text makes Excel "repair" the file
_FORMULA_STARTS = ("=", "+", "-", "@")
_HEADER_FILL = "D9E1F2"
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

Sheet = Worksheet | WriteOnlyWorksheet  # an ordinary sheet, or one of Workbook(write_only=True)


@dataclass(frozen=True)
class Column:
    """One column of an exported table: header text, width in characters, and kind of value."""

    header: str
    width: float = 14
    kind: str = "text"  # one of NUMBER_FORMATS


def safe_text(value: object) -> str:
    """Return value as text a cell can hold: control characters dropped, cut to Excel's length limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL_TEXT]


def set_text(cell: Cell, value: object) -> Cell:
    """Put value into cell as plain text that Excel shows as-is and never evaluates as a formula."""
    text = safe_text(value)
    cell.value = text
    # openpyxl turns "=…" into a formula and "#N/A" into an error; a string cell keeps the text.
    cell.data_type = "s"
    if text.lstrip(" \t\r\n").startswith(_FORMULA_STARTS):
        # quotePrefix is what Excel sets for a typed leading ': editing the cell keeps it text.
        cell.quotePrefix = True
    return cell


def text_cell(ws: Sheet, value: object) -> Cell:
    """Return a cell for ws.append() holding value as formula-proof text."""
    return set_text(WriteOnlyCell(ws), value)


def write_table(
    ws: Sheet,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    *,
    fills: Iterable[str | None] | None = None,
    subtitle: str | None = None,
) -> int:
    """Write a titled, styled, filtered, print-ready table on an empty sheet; return its last row number.

    fills, when given, runs alongside rows: a BOARD_FILLS key, an RRGGBB colour or None per row.
    subtitle is an optional line under the title (e.g. the filter or the month the table covers).
    """
    header_row = 3 if subtitle else 2
    rows = iter(rows)
    sample = list(islice(rows, print_layout.SAMPLE_ROWS))  # the first rows' values set the column widths
    widths = print_layout.fitted_widths(columns, sample)
    # A write-only sheet streams rows, so everything above the data must be set before the first append.
    _set_layout(ws, widths, header_row)
    _write_titles(ws, title, subtitle, len(columns))
    if height := print_layout.header_height([column.header for column in columns], widths):
        ws.row_dimensions[header_row].height = height
    ws.append([_header_cell(ws, column.header) for column in columns])
    styles = _DataStyles(ws)
    height_of = print_layout.RowHeights([column.kind == "text" for column in columns], widths)
    last_row = header_row
    data = chain(sample, rows)
    pairs = zip(data, repeat(None)) if fills is None else zip(data, fills, strict=True)
    for values, fill in pairs:
        last_row += 1
        if height := height_of(values):
            ws.row_dimensions[last_row].height = height  # set before the append: a streamed row is written at once
        ws.append([_data_cell(ws, column, value, styles.get(column.kind, fill))
                   for column, value in zip(columns, values, strict=True)])
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last_row}"
    return last_row


def _set_layout(ws: Sheet, widths: Sequence[float], header_row: int) -> None:
    """Set column widths, frozen panes and the page (wzdesk.excel.print_layout): readable, titles on every page."""
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    print_layout.set_page(ws, print_layout.choose_page(widths), f"1:{header_row}", "A:B" if len(widths) > 2 else None)
    ws.oddFooter.center.text = FOOTER
    ws.row_dimensions[1].height = 30


def _write_titles(ws: Sheet, title: str, subtitle: str | None, width: int) -> None:
    """Write the title row (and the subtitle row), each merged across the table."""
    lines = [(title, Font(bold=True, size=16), "center")]
    if subtitle:
        lines.append((subtitle, Font(size=10), "left"))
    for row, (text, font, horizontal) in enumerate(lines, 1):
        cell = text_cell(ws, text)
        cell.font = font
        cell.alignment = Alignment(horizontal=horizontal, vertical="center")
        ws.append([cell])
        if width > 1:
            _merge(ws, f"A{row}:{get_column_letter(width)}{row}")


def _merge(ws: Sheet, ref: str) -> None:
    """Merge a range on either kind of worksheet."""
    if isinstance(ws, Worksheet):
        ws.merge_cells(ref)
    else:
        ws.merged_cells.add(ref)  # a streamed sheet has no cells to turn into MergedCells


def _header_cell(ws: Sheet, header: str) -> Cell:
    """Return a bold, filled, bordered, centred, wrapping header cell."""
    cell = text_cell(ws, header)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
    cell.border = _BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


class _DataStyles:
    """Styled template cells, one per (kind, fill), whose style data cells copy."""

    def __init__(self, ws: Sheet) -> None:
        self._ws = ws
        self._templates: dict[tuple[str, str | None], Cell] = {}

    def get(self, kind: str, fill: str | None) -> Cell:
        """Return the template cell for a column kind and row fill."""
        key = (kind, fill)
        if key not in self._templates:
            self._templates[key] = self._make(kind, fill)
        return self._templates[key]

    def _make(self, kind: str, fill: str | None) -> Cell:
        """Style a template cell once, through openpyxl's public setters."""
        cell = WriteOnlyCell(self._ws)
        cell.number_format = NUMBER_FORMATS[kind]
        cell.border = _BORDER
        cell.alignment = Alignment(vertical="top", wrap_text=kind == "text")
        if fill:
            cell.fill = PatternFill("solid", fgColor=BOARD_FILLS.get(fill, fill))
        return cell


def _data_cell(ws: Sheet, column: Column, value: object, template: Cell) -> Cell:
    """Return a data cell styled like template, holding value in the column's kind."""
    cell = WriteOnlyCell(ws)
    # Copying the template's style array is how openpyxl copies styles; setting font, border, fill and
    # format per cell would look each up again and triple the time of a 100,000-row export.
    cell._style = copy(template._style)
    if value is None:
        return cell
    if column.kind == "text" or not _fits(column.kind, value):
        return set_text(cell, _as_text(value))
    cell.value = value.replace(tzinfo=None) if isinstance(value, datetime) else value
    return cell


def _fits(kind: str, value: object) -> bool:
    """Return whether a value belongs in a column of this kind as a date or a number."""
    if kind in ("datetime", "date"):
        return isinstance(value, date)
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_text(value: object) -> object:
    """Return how a value reads in a text cell: moments to the minute, booleans as 是/否."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def xlsx_path(out, what: str = "文件"):
    """Return `out` as a Path after checking it names an .xlsx file in a folder that exists."""
    from pathlib import Path

    from wzdesk.errors import UserError

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"{what}应以 .xlsx 结尾：{out.name}")
    if not out.parent.is_dir():
        raise UserError(f"保存{what}的文件夹不存在：{out.parent}")
    return out


def save_workbook(workbook, out) -> None:
    """Save a workbook, saying in Chinese when Windows holds the file open in Excel."""
    from wzdesk.files import write_with

    write_with(out, workbook.save)
