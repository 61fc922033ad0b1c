"""Measure the demo generator and the board on a large database: `python bench/demo.py [N] [--floor]`.

The target is issue 26's: a million cases within 2x of 120 s, so N cases within 240 s x N / 1,000,000.
With --floor, SQLite alone writing the same rows (INSERT ... SELECT from the filled file into an empty
one, bare, then building every index and search table once) is timed beside it: the part of the demo no
Python work can remove.
"""

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.figures import figure
from wzdesk.board.counts import board_counts
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.models import Case, bulk_load, db
from wzdesk.models.bulk_load import LOADED_TABLES
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator

NOW = datetime(2026, 11, 20, 10, 0)
TARGET_S_PER_CASE = 2 * 120 / 1_000_000


def fresh(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def sql_floor(source: Path, target: Path) -> float:
    """Time SQLite copying the demo's case rows into an empty database bare and building its indexes."""
    close_database()
    open_database(fresh(target), now=NOW)
    db.execute_sql("PRAGMA foreign_keys = 0")
    db.execute_sql("ATTACH DATABASE ? AS source", (str(source),))
    started = time.perf_counter()
    with db.atomic():
        bulk_load.begin(db)
        for table in LOADED_TABLES:
            columns = ", ".join(f'"{row[1]}"' for row in db.execute_sql(f'PRAGMA table_xinfo("{table}")')
                                if row[6] == 0)  # generated columns are not written
            db.execute_sql(f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM source."{table}"'
                           " ORDER BY id")
        bulk_load.finish(db)
    elapsed = time.perf_counter() - started
    db.execute_sql("DETACH DATABASE source")
    close_database()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--floor", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database (deleted by default: GBs at 1M)")
    parser.add_argument("--db", type=Path, help="where to build it (default bench/data/demo-N.sqlite)")
    args = parser.parse_args()
    n = args.cases
    path = fresh(args.db or Path(__file__).parent / "data" / f"demo-{n}.sqlite")
    open_database(path, now=NOW)
    result = fill(n, 1, NOW, system_operator(), DemoProgress.to_stderr())
    print(f"demo: {result.cases:,} cases, {result.events:,} events in {result.seconds:.1f} s "
          f"({result.cases / result.seconds:,.0f} cases/s)")
    print(figure(f"demo --cases {n:,} (target 240 s at 1M, pro rata)", result.seconds,
                 most=TARGET_S_PER_CASE * n))
    for name, seconds in result.steps.items():  # the step that grows faster than the cases shows here
        print(f"  {name:<24}{seconds:8.1f} s  {seconds / n * 1e6:7.1f} us a case")
    size = os.path.getsize(path)
    print(f"database size: {size / 2**20:,.0f} MiB ({size / n:,.0f} bytes a case); open cases: {Case.open().count():,}")
    for _ in range(3):
        started = time.perf_counter()
        board_counts(NOW)
        print(f"board over {n:,} cases: {(time.perf_counter() - started) * 1000:.0f} ms")
    if args.floor:
        floor_s = sql_floor(path, path.with_name(f"floor-{n}.sqlite"))
        print(figure("demo vs SQLite alone (bare rows + one build)", result.seconds, floor_s, floor_name="SQLite"))
    close_database()
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
