"""Build real .xlsx files for the Excel tests with openpyxl."""

from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    sheet: str = "清单",
    formatted_to: int | None = None,
) -> Path:
    """Write rows (None for an empty cell) to a one-sheet workbook; fill empty rows up to formatted_to."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    # Platform exports end in rows that carry formatting but no value.
    for number in range(ws.max_row + 1, (formatted_to or 0) + 1):
        for column in range(1, len(rows[-1]) + 1):
            ws.cell(number, column).fill = PatternFill("solid", fgColor="FFFF00")
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
