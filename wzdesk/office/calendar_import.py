"""Import next year's statutory schedule from a simple list: one date per row with 放假 or 上班."""

import csv
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils.exceptions import InvalidFileException

from wzdesk.errors import UserError
from wzdesk.excel.guards import MAX_EXPANDED_BYTES, expanded_size
from wzdesk.models import db
from wzdesk.months import FIRST_YEAR, LAST_YEAR
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
    rows = _rows(path)
    days = [d for number, cells in enumerate(rows, start=1) if (d := _parse(number, cells)) is not None]
    if not days:
        raise UserError(f"文件“{path.name}”里没有找到日期：每行应为“日期, 放假 或 上班”。")
    _check_days(days)
    return days


def _rows(path: Path) -> list[list]:
    """Read the file's rows, refusing in Chinese a missing, foreign or damaged file."""
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".xlsm", ".csv"}:
        raise UserError(f"“{path.name}”不是 .xlsx 或 .csv 文件：节假日安排请用 Excel 工作簿或 CSV 清单。")
    if not path.is_file():
        raise UserError(f"找不到文件：{path}")
    if suffix == ".csv":
        return _csv_rows(path)
    size = expanded_size(path)
    if size is None or size > MAX_EXPANDED_BYTES:
        raise UserError(f"“{path.name}”不是完好的 Excel 工作簿（或解压后过大），无法读取。")
    try:
        return _xlsx_rows(path)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, InvalidFileException) as exc:
        raise UserError(f"“{path.name}”不是完好的 Excel 工作簿，无法读取：{exc}") from exc


def _check_days(days: list[ScheduleDay]) -> None:
    """Refuse a day outside the office's years, or one given twice as both 放假 and 上班."""
    seen: dict[date, bool] = {}
    for d in days:
        if not FIRST_YEAR <= d.day.year <= LAST_YEAR:
            raise UserError(f"日期 {d.day:%Y-%m-%d} 超出范围：年份应在 {FIRST_YEAR} 至 {LAST_YEAR} 之间。")
        if seen.setdefault(d.day, d.is_workday) != d.is_workday:
            raise UserError(f"日期 {d.day:%Y-%m-%d} 既写了放假又写了上班，请核对。")


def _csv_rows(path: Path) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gbk"):
        try:
            with path.open(encoding=encoding, newline="") as fh:
                return [row for row in csv.reader(fh)]
        except UnicodeDecodeError:
            continue
        except (OSError, csv.Error) as exc:
            raise UserError(f"无法读取“{path.name}”：{exc}") from exc
    raise UserError(f"“{path.name}”的编码看不懂：请存为 UTF-8 或 GBK 编码的 CSV。")


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
