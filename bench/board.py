"""Time the overdue board and the ladder over the 1,000,000-case demo: `python bench/board.py`.

Builds bench/data/demo-1000000.sqlite first if it is missing (bench/demo.py does the same).
"""

import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wzdesk.board.counts import board_counts, totals
from wzdesk.models import Case
from wzdesk.office.database import open_database

NOW = datetime(2026, 11, 20, 10, 0)
DB = Path(__file__).parent / "data" / "demo-1000000.sqlite"


def best_of(runs: int, job) -> float:
    """Return the fastest of `runs` timings of job(), in milliseconds."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    if not DB.exists():
        sys.exit("先运行 python bench/demo.py 1000000 生成百万件演示库。")
    open_database(DB, now=NOW)
    board = board_counts(NOW)
    print(f"cases: {Case.select().count():,}; open: {Case.open().count():,}; totals at {NOW}: {totals(board)}")
    ms = best_of(5, lambda: board_counts(NOW))
    floor = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    raw = best_of(5, lambda: floor.execute(
        "SELECT lead_department_id, count(*) FROM \"case\" WHERE status != 'closed' GROUP BY 1").fetchall())
    print(f"board_counts: {ms:.0f} ms (a bare count of open cases per department: {raw:.0f} ms)")


if __name__ == "__main__":
    main()
