"""Export a page's table (the board, a queue, a register, a roster) as a styled workbook, as the page shows it."""

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from wzdesk.excel.writer import Column, save_workbook, write_table, xlsx_path
from wzdesk.office import settings

SHEET_NAME_LIMIT = 31  # Excel's limit on a sheet's name


def export_table(out: Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
                 at: datetime) -> int:
    """Write one titled table to `out` (.xlsx), its columns as wide as their longest text; return the row count."""
    out = xlsx_path(out, "导出文件")
    widths = [min(max([_width(h), *(_width(r[i]) for r in rows)]) + 2, 60) for i, h in enumerate(headers)]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:SHEET_NAME_LIMIT]
    subtitle = f"{settings.get('office_name')}　导出时间 {at:%Y-%m-%d %H:%M}　共 {len(rows)} 行"
    write_table(sheet, title, [Column(h, w) for h, w in zip(headers, widths, strict=True)], rows, subtitle=subtitle)
    save_workbook(workbook, out)
    return len(rows)


def _width(value: object) -> float:
    """Return a text's width in Excel character units: a Chinese character is two."""
    text = "" if value is None else str(value)
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)
