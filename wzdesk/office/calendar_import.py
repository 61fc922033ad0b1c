"""Import next year's statutory schedule from a simple list: one date per row with 放假 or 上班."""

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from wzdesk.errors import UserError
from wzdesk.models import db
from wzdesk.office.workcalendar import confirm_year, set_day

OFF_WORDS = ("放假", "休息", "休", "假")
ON_WORDS = ("上班", "调休上班", "班", "补班")
DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@dataclass(frozen=True)
class ScheduleDay:
    day: date
    is_workday: bool
    name: str


def read_schedule(path: Path | str) -> list[ScheduleDay]:
    """Read (date, 放假/上班, optional name) rows from a .csv or .xlsx file; refuse bad rows by number."""
    path = Path(path)
    rows = _xlsx_rows(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else _csv_rows(path)
    days = [d for number, cells in enumerate(rows, start=1) if (d := _parse(number, cells)) is not None]
    if not days:
        raise UserError(f"文件“{path.name}”里没有找到日期：每行应为“日期, 放假 或 上班”。")
    return days


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [row for row in csv.reader(fh)]
    except UnicodeDecodeError:
        with path.open(encoding="gbk", newline="") as fh:
            return [row for row in csv.reader(fh)]


def _xlsx_rows(path: Path) -> list[list]:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _parse(number: int, cells: list) -> ScheduleDay | None:
    cells = [c for c in cells if c not in (None, "")]
    if len(cells) < 2:
        return None
    day = _date(cells[0])
    if day is None:
        if number == 1:
            return None  # a header row
        raise UserError(f"第 {number} 行的日期“{cells[0]}”看不懂，请写成 2027-01-01。")
    kind = str(cells[1]).strip()
    name = str(cells[2]).strip() if len(cells) > 2 else ""
    if kind in ON_WORDS:
        return ScheduleDay(day, True, name or "调休上班")
    if kind in OFF_WORDS:
        return ScheduleDay(day, False, name or "放假")
    raise UserError(f"第 {number} 行的“{kind}”应为“放假”或“上班”。")


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = DATE.search(str(value))
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def apply_schedule(days: list[ScheduleDay], now: datetime, operator) -> list[int]:
    """Write the days into the calendar and confirm their years; return the years confirmed."""
    years = sorted({d.day.year for d in days})
    with db.atomic():
        for d in days:
            set_day(d.day, d.is_workday, d.name, operator, now)
        for year in years:
            confirm_year(year, now, operator)
    return years
