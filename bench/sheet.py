"""Time the monthly performance sheet: `python bench/sheet.py [DB] [--month 2026-10] [--repeat 3]`.

Opening a database migrates it (adds the metrics indexes); point it at a copy if others share the file.
Each figure is the best of `--repeat` runs; the load average is printed because the box is shared.
"""

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wzdesk.models import Department
from wzdesk.months import months_back
from wzdesk.office.database import open_database
from wzdesk.performance import metrics
from wzdesk.performance.sheet import TREND_MONTHS, write_sheet


def _best(repeat: int, run) -> float:
    """Return the shortest of `repeat` timings of run()."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", nargs="?", default="bench/data/demo-1000000.sqlite")
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--at", default="2026-11-20 10:00")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    at = datetime.strptime(args.at, "%Y-%m-%d %H:%M")
    print(f"load average           {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    t = time.perf_counter()
    open_database(args.db, now=at)
    print(f"open (and migrate)     {time.perf_counter() - t:6.2f} s")
    print(f"departments            {Department.select().count()}")
    one = _best(args.repeat, lambda: metrics.compute([args.month], at))
    print(f"one month's figures    {one:6.2f} s")
    months = months_back(args.month, TREND_MONTHS)
    trend = _best(args.repeat, lambda: metrics.compute(months, at))
    print(f"{TREND_MONTHS} months' figures     {trend:6.2f} s")
    with TemporaryDirectory() as folder:
        whole = _best(args.repeat, lambda: write_sheet(Path(folder) / "sheet.xlsx", args.month, at))
        print(f"whole sheet (12-month trend, details)  {whole:6.2f} s")


if __name__ == "__main__":
    main()
