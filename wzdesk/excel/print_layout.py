"""How a table prints: column widths that hold their values, row heights for wrapped text, and the page.

Widths are in Excel's unit, the width of a digit of the workbook's font (Calibri 11): a Chinese character
takes two (in 等线/宋体, and in the fonts LibreOffice falls back on), a Latin character or digit one. A date
"2026-10-28 23:59" needs 14.2 in Calibri; LibreOffice with a wider fallback font (DejaVu Sans) shows ###
below 15 (measured with soffice --convert-to pdf), so date columns get 16.5.

The page: landscape, scaled to one page wide when that prints at 70% or more, on A4, else on A3; a table too
wide for A3 at 70% prints at 70% across several pages, its first columns (工单编号, 标题) repeated on each,
rather than at an unreadable scale. The clerk can also export fewer columns (export --columns).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

MIN_SCALE = 70  # percent: at 70% an 11 pt font prints at 7.7 pt
DATE_WIDTHS = {"datetime": 16.5, "date": 11.5}
PADDING = 1.5  # a cell's margins and the filter button's room
NARROWEST = 6.0
LINE_POINTS = 15.0  # one line of 11 pt text, CJK fallback fonts included
TALLEST_ROW = 409.0  # Excel's limit, in points
SAMPLE_ROWS = 5000  # rows whose values set the widths: enough to see the longest, cheap on 100,000 rows
_MARGIN_INCHES = 0.4
_TOP_INCHES = 0.6  # top and bottom; the header and footer lines sit inside them
_PAPER_MM = {Worksheet.PAPERSIZE_A4: (297.0, 210.0), Worksheet.PAPERSIZE_A3: (420.0, 297.0)}  # landscape


def text_width(text: str) -> float:
    """Return the width of a line of text in digit widths: two for a Chinese character, one for the rest."""
    # GB18030 spends two bytes on a Chinese (or full-width) character and one on ASCII: the measure, in C.
    return float(len(text.encode("gb18030", errors="replace")))


def value_text(value: object, kind: str = "text") -> str:
    """Return how a cell's value reads in a column of this kind (wzdesk.excel.writer.NUMBER_FORMATS), to measure."""
    if isinstance(value, datetime):
        return "2026-10-28 23:59"
    if isinstance(value, date):
        return "2026-10-28"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:.1%}" if kind == "percent" else f"{value:.2f}" if kind == "number" else str(value)
    return "" if value is None else str(value)


def fitted_widths(columns: Sequence, rows: Sequence[Sequence[object]]) -> list[float]:
    """Return each column's width: its values' and its header's (over two lines), at most its declared width."""
    widths = []
    for index, column in enumerate(columns):
        if column.kind in DATE_WIDTHS:
            widths.append(DATE_WIDTHS[column.kind])
            continue
        longest = max((_longest_line(value_text(row[index], column.kind)) for row in rows), default=0.0)
        header = math.ceil(text_width(column.header) / 2)  # headers wrap: two lines are fine
        widths.append(round(max(NARROWEST, min(column.width, max(longest, header) + PADDING)), 1))
    return widths


def _longest_line(text: str) -> float:
    return max((text_width(line) for line in text.split("\n")), default=0.0)


def row_height(values: Sequence[object], wrapped: Sequence[bool], widths: Sequence[float]) -> float | None:
    """Return the height (points) a row needs for its wrapped cells' lines, None when one line does."""
    return RowHeights(wrapped, widths)(values)


class RowHeights:
    """The height of each row of a table, its wrapped columns and their widths worked out once."""

    def __init__(self, wrapped: Sequence[bool], widths: Sequence[float]):
        # A cell of at most (width - margin) / 2 characters fits one line even if all are Chinese: only longer
        # cells are measured, so a 100,000-row export measures few.
        self._columns = [(index, (width - PADDING) / 2, width)
                         for index, (wraps, width) in enumerate(zip(wrapped, widths, strict=True)) if wraps]

    def __call__(self, values: Sequence[object]) -> float | None:
        lines = 1
        for index, one_line, width in self._columns:
            value = values[index]
            if isinstance(value, str) and (len(value) > one_line or "\n" in value):
                lines = max(lines, wrapped_lines(value, width))
        return min(TALLEST_ROW, lines * LINE_POINTS + 2) if lines > 1 else None


def wrapped_lines(text: str, width: float) -> int:
    """Return how many lines text takes in a column of this width (words may wrap a little early)."""
    room = max(1.0, (width - PADDING) * 0.95)
    return sum(max(1, math.ceil(text_width(line) / room)) for line in text.split("\n"))


def width_mm(widths: Sequence[float]) -> float:
    """Return the printed width of columns at 100%: Excel draws a column of width w as 7w + 5 pixels at 96 dpi."""
    return sum(math.trunc(7 * w + 5) for w in widths) * 25.4 / 96


@dataclass(frozen=True)
class Page:
    """The page a table prints on: paper, scale (percent), and whether a row needs several pages across."""

    paper: str  # openpyxl's paper code: "9" A4, "8" A3
    scale: int
    across: bool = False

    @property
    def printable_mm(self) -> tuple[float, float]:
        """Return the width and height a page holds at 100%, inside the margins."""
        width, height = _PAPER_MM[self.paper]
        return width - 2 * _MARGIN_INCHES * 25.4, height - 2 * _TOP_INCHES * 25.4


def choose_page(widths: Sequence[float]) -> Page:
    """Return A4 or A3 landscape at the scale that prints the columns one page wide, if that is 70% or more;
    else A3 at 70%, a row over several pages across.

    A fixed scale, not Excel's "fit to one page wide": a program that draws the columns wider (LibreOffice
    without Calibri's metrics draws them a quarter wider) then adds a page across instead of shrinking the
    text below 70%. The 10% spare covers LibreOffice drawing Carlito a little wider than Excel draws Calibri.
    """
    needed = width_mm(widths)
    for paper in (Worksheet.PAPERSIZE_A4, Worksheet.PAPERSIZE_A3):
        room = Page(paper, 100).printable_mm[0]
        scale = min(100, math.floor(90 * room / needed)) if needed else 100
        if scale >= MIN_SCALE:
            return Page(paper, scale)
    return Page(Worksheet.PAPERSIZE_A3, MIN_SCALE, across=True)


def set_page(ws, page: Page, title_rows: str, title_columns: str | None = None) -> None:
    """Set the sheet's page: landscape, paper, margins, scale, titles on every page (the first columns too
    when a row runs over several pages across)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = page.paper
    ws.page_setup.scale = page.scale
    ws.page_margins = PageMargins(left=_MARGIN_INCHES, right=_MARGIN_INCHES, top=_TOP_INCHES, bottom=_TOP_INCHES,
                                  header=0.3, footer=0.3)
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
    if page.across:
        ws.page_setup.pageOrder = "overThenDown"  # a row's pages side by side, then the next rows
        if title_columns:
            ws.print_title_cols = title_columns
    ws.print_options.horizontalCentered = not page.across
    ws.print_title_rows = title_rows


def header_height(headers: Sequence[str], widths: Sequence[float]) -> float | None:
    """Return the height (points) the header row needs for its headers wrapped in their columns."""
    return row_height(list(headers), [True] * len(headers), widths)


def add_chart_on_its_own_page(ws, chart, anchor_row: int, columns: int, title_points: float = 80.0) -> None:
    """Anchor a chart at `anchor_row` with a page break above it, sized to fit one printed page.

    The page is the one the table's columns chose (choose_page) at its scale; the repeated title rows
    (about `title_points` high) are on that page too.
    """
    widths = [ws.column_dimensions[get_column_letter(i)].width or 13 for i in range(1, columns + 1)]
    page = choose_page(widths)
    room_width, room_height = (mm * 100 / page.scale for mm in page.printable_mm)
    if not page.across:
        room_width = min(room_width, width_mm(widths))
    chart.width = min(chart.width, room_width / 10 - 0.5)  # centimetres
    chart.height = min(chart.height, (room_height - title_points * 25.4 / 72) / 10 - 1.0)
    ws.row_breaks.append(Break(id=anchor_row - 1))
    ws.add_chart(chart, f"A{anchor_row}")
