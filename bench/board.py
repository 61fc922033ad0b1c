"""Time the overdue board over the 1,000,000-case demo: `python bench/board.py [--cases N] [--db PATH] [--postgresql]`.

Builds bench/data/demo-<N>.sqlite first if it is missing (bench/demo.py builds the same). With --postgresql the
board is timed on the same demo in PostgreSQL too (the bench's own server, bench/postgres.py), beside the
SQLite figure and the target of issue 24 (300 ms at a million cases); the bare count of open cases per
department is timed on each backend as its floor.
"""

import argparse
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.demo_data import best_ms, demo_database, postgres_demo
from bench.figures import figure
from wzdesk.board.counts import board_counts, totals
from wzdesk.models import Case, db
from wzdesk.office.database import close_database, open_database

NOW = datetime(2026, 11, 20, 10, 0)
TARGET_MS = 300
BARE = "SELECT lead_department_id, count(*) FROM \"case\" WHERE status != 'closed' GROUP BY 1"


def timed_board(database) -> tuple[float, float, dict]:
    """Open `database` and return the board's best time, the bare count's, and the board's totals."""
    open_database(database, now=NOW)
    try:
        board = totals(board_counts(NOW))
        print(f"{database}: cases {Case.select().count():,}; open {Case.open().count():,}; totals {board}")
        ms = best_ms(lambda: board_counts(NOW))
        bare = best_ms(lambda: db.execute_sql(BARE).fetchall())
    finally:
        close_database()
    return ms, bare, board


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="the SQLite demo to time (default: bench/data/demo-<N>.sqlite)")
    parser.add_argument("--postgresql", action="store_true", help="time the same demo on PostgreSQL too")
    args = parser.parse_args()
    path = demo_database(args.db or Path(__file__).parent / "data" / f"demo-{args.cases}.sqlite", args.cases)
    ms, bare, on_sqlite = timed_board(path)
    print(figure("board_counts, SQLite", ms, bare, unit="ms", floor_name="bare count", most=TARGET_MS))
    if args.postgresql:
        pg_ms, pg_bare, on_server = timed_board(postgres_demo(args.cases))
        print(figure("board_counts, PostgreSQL", pg_ms, pg_bare, unit="ms", floor_name="bare count", most=TARGET_MS))
        print(figure("board_counts, PostgreSQL beside SQLite", pg_ms, ms, unit="ms", floor_name="SQLite"))
        if on_server != on_sqlite:
            print(f"不一致：两种数据库的看板合计不同（SQLite {on_sqlite}，PostgreSQL {on_server}）")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
