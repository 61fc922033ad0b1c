"""Before and after: the office-wide working days from dispatch to reply, month by month, by grade."""

from dataclasses import dataclass

from wzdesk.months import months_back, parse_month
from wzdesk.office import settings
from wzdesk.performance.metrics import GRADES, DeptMonth

DEFAULT_MONTHS = 12
MAX_MONTHS = 60  # five years from a baseline: older months are left out, and the sheet says from when


@dataclass(frozen=True)
class GradeMonth:
    """One grade in one month, all departments together."""

    replied: int
    working_days: int
    in_time: int

    @property
    def average(self) -> float | None:
        return round(self.working_days / self.replied, 1) if self.replied else None

    @property
    def in_time_share(self) -> float | None:
        return self.in_time / self.replied if self.replied else None


@dataclass(frozen=True)
class SeriesMonth:
    """The office's month: each grade's mean working days and share in time, and the share over all grades."""

    month: str
    grades: dict[str, GradeMonth]

    @property
    def in_time_share(self) -> float | None:
        replied = sum(g.replied for g in self.grades.values())
        return sum(g.in_time for g in self.grades.values()) / replied if replied else None


def series_months(month: str) -> list[str]:
    """Return the months of the series ending with `month`: from the office's baseline month, else the last 12."""
    baseline = str(settings.get("baseline_month") or "").strip()
    if not baseline:
        return months_back(month, DEFAULT_MONTHS)
    (y0, m0), (y1, m1) = parse_month(baseline), parse_month(month)
    count = (y1 - y0) * 12 + (m1 - m0) + 1
    return months_back(month, min(max(count, 1), MAX_MONTHS)) if count >= 2 else months_back(month, DEFAULT_MONTHS)


def office_month(month: str, rows: list[DeptMonth]) -> SeriesMonth:
    """Add up every department's replies of the month by grade."""
    grades = {}
    for grade in GRADES:
        triples = [row.days.get(grade, (0, 0, 0)) for row in rows]
        grades[grade] = GradeMonth(*(sum(t[i] for t in triples) for i in range(3)))
    return SeriesMonth(month, grades)


def build(table: dict[str, list[DeptMonth]], months: list[str]) -> list[SeriesMonth]:
    """Return the series over `months` from the computed table of department months."""
    return [office_month(m, table[m]) for m in months]
