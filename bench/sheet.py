"""Time the monthly performance sheet: `python bench/sheet.py [DB] [--month 2026-10]` prints the figures.

Opening a database migrates it (adds the metrics indexes); point it at a copy if others share the file.
"""

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wzdesk import metrics
from wzdesk.database import open_database
from wzdesk.models import Department
from wzdesk.perf_sheet import write_sheet


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", nargs="?", default="bench/data/demo-1000000.sqlite")
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--at", default="2026-11-20 10:00")
    args = parser.parse_args()
    at = datetime.strptime(args.at, "%Y-%m-%d %H:%M")
    t = time.perf_counter()
    open_database(args.db, now=at)
    print(f"open (and migrate)     {time.perf_counter() - t:6.2f} s")
    print(f"departments            {Department.select().count()}")
    t = time.perf_counter()
    metrics.compute([args.month], at)
    print(f"one month's figures    {time.perf_counter() - t:6.2f} s")
    with TemporaryDirectory() as folder:
        t = time.perf_counter()
        write_sheet(Path(folder) / "sheet.xlsx", args.month, at)
        print(f"whole sheet (12-month trend, details)  {time.perf_counter() - t:6.2f} s")


if __name__ == "__main__":
    main()
