"""Time the ledger's service calls on a 1,000,000-case database against the same SQL run through sqlite3.

    python bench/ledger.py [--cases N] [--db PATH] [--no-window] [--only TEXT]
    python bench/ledger.py --postgresql [--cases N]

With --postgresql the same calls are timed on the same demo in PostgreSQL (the bench's own server,
bench/postgres.py, built once through the demo's COPY path) and each figure is printed beside the SQLite
one and its target.
"""

import argparse
import os
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peewee import SQL, fn  # noqa: E402

from bench.demo_data import best_ms, demo_database  # noqa: E402
from wzdesk.board import counts as board  # noqa: E402
from wzdesk.ledger import plan as ledger_plan  # noqa: E402
from wzdesk.ledger import view as ledger_view  # noqa: E402
from wzdesk.ledger.view import LedgerFilter, LedgerSort  # noqa: E402
from wzdesk.models import Case, Department, db  # noqa: E402
from wzdesk.models.base import actual  # noqa: E402
from wzdesk.office.database import open_database  # noqa: E402

NOW = datetime(2026, 11, 20, 10, 0)
CASES = 1_000_000
DB = ROOT / "bench" / "data" / "ledger-1m.sqlite"


def floor(query) -> float:
    """Time the SQL Peewee generates for `query`, run straight through sqlite3."""
    sql, params = query.sql()
    raw = sqlite3.connect(DB)
    try:
        return best_ms(lambda: raw.execute(sql, params).fetchall())
    finally:
        raw.close()


def statements_of(call) -> list[tuple[str, tuple]]:
    """Return the SQL statements (and their values) `call` runs through the database handle."""
    handle = actual(db)  # the proxy itself takes no attributes
    seen, execute = [], handle.execute_sql

    def spy(sql, params=None, *args, **kwargs):
        seen.append((sql, tuple(params or ())))
        return execute(sql, params, *args, **kwargs)

    handle.execute_sql = spy
    try:
        call()
    finally:
        del handle.execute_sql  # the class's method again
    return seen


def page_floor(flt, sort) -> float:
    """Time the SQL ledger_view.page runs for the first page, straight through sqlite3."""
    if sort.key == "colour" and ledger_view._walk_index(flt, sort) is None:
        # colour by colour: the statements the page ran, each run straight
        statements = [s for s in statements_of(lambda: ledger_view.page(flt, sort, NOW)) if "SELECT" in s[0]]
        raw = sqlite3.connect(DB)
        try:
            return best_ms(lambda: [raw.execute(sql, params).fetchall() for sql, params in statements])
        finally:
            raw.close()
    order = ledger_view._order(sort, NOW)
    index = ledger_view._walk_index(flt, sort)
    rows = ledger_view._rows_query(NOW)
    if index is None:
        return floor(ledger_view._filtered(rows.order_by(*order).limit(ledger_view.PAGE_SIZE), flt, NOW))
    ids = ledger_plan.indexed(Case.select(Case.id), index).order_by(*order).limit(ledger_view.PAGE_SIZE)
    ids_sql, ids_params = ledger_view._filtered(ids, flt, NOW, walk=True).sql()
    raw = sqlite3.connect(DB)
    try:
        def run():
            found = [r[0] for r in raw.execute(ids_sql, ids_params)]
            sql, params = rows.where(Case.id.in_(found)).sql()
            raw.execute(sql, params).fetchall()
        return best_ms(run)
    finally:
        raw.close()


def sorted_cases(dept_id: int) -> list:
    """Colour filters alone, and every sort column under a selective and a broad filter."""
    cases = [(f"filter: {c}", LedgerFilter(colour=c), LedgerSort(), 50) for c in ("red", "orange", "yellow", "green")]
    cases.append(("filter: department + orange", LedgerFilter(department_id=dept_id, colour="orange"), LedgerSort(),
                  50))
    for key in ledger_view.SORT_KEYS:
        cases.append((f"dept+red sort {key}", LedgerFilter(department_id=dept_id, colour="red"),
                      LedgerSort(key, True), 50))
        cases.append((f"status sort {key}", LedgerFilter(status="in_progress"), LedgerSort(key, False), 50))
    return cases


def report(name: str, ms: float, floor_ms: float | None, target: float | None, floor_name: str = "floor") -> None:
    ratio = f"{ms / floor_ms:5.2f}x" if floor_ms else "   -  "
    mark = "" if target is None else ("  OK" if ms <= target else f"  SLOW (target {target:.0f} ms)")
    floor_text = f"{floor_ms:8.1f} ms" if floor_ms else "       -   "
    print(f"{name:<34}{ms:9.1f} ms   {floor_name} {floor_text}   {ratio}{mark}")


def main() -> int:
    global DB, CASES
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--db", type=Path, help="a demo database to time (default: bench/data/ledger-<N>.sqlite)")
    parser.add_argument("--no-window", action="store_true")
    parser.add_argument("--only", default="", help="time only the figures whose name holds this text")
    parser.add_argument("--postgresql", action="store_true", help="time the same on PostgreSQL, beside SQLite")
    args = parser.parse_args()
    CASES = args.cases
    DB = args.db or (ROOT / "bench" / "data" / ("ledger-1m.sqlite" if CASES == 1_000_000 else f"ledger-{CASES}.sqlite"))
    demo_database(DB, CASES)
    if args.postgresql:
        return compare_backends(args.only)
    started = time.perf_counter()
    open_database(DB)  # the first open after the build adds the search index (migration 2)
    print(f"open + migrate: {time.perf_counter() - started:.1f} s; cases: {Case.select().count():,}")
    dept = Department.select().order_by(Department.id).first()
    cases = window_cases(dept.id)
    for name, flt, sort, target in cases + sorted_cases(dept.id):
        if args.only not in name:
            continue
        ms = best_ms(lambda f=flt, s=sort: ledger_view.page(f, s, NOW))
        report(name, ms, page_floor(flt, sort), target)
    for name, flt in [] if args.only else count_cases(dept.id):
        ms = best_ms(lambda f=flt: ledger_view.count(f, NOW), 3)
        counted = ledger_plan.indexed(Case.select(Case.id), ledger_view._count_index(flt))
        count_sql = ledger_view._filtered(counted, flt, NOW).select_from(fn.COUNT(SQL("*")))
        report(name, ms, floor(count_sql), None)
    if args.only:
        return 0
    for name, call, target in BOARD_READS:
        report(name, best_ms(lambda c=call: c(NOW), 3), None, target)
    if not args.no_window:
        report("main window shown with ledger", show_window(), None, 1500)
    db.close()
    return 0


def window_cases(dept_id: int) -> list:
    """The first page, the filter changes and searches of the window, each with its target in ms."""
    return [
        ("first page", LedgerFilter(), LedgerSort(), 50),
        ("filter: status 办理中", LedgerFilter(status="in_progress"), LedgerSort(), 50),
        ("filter: department + red", LedgerFilter(department_id=dept_id, colour="red"), LedgerSort(), 50),
        ("filter: overdue only", LedgerFilter(overdue_only=True), LedgerSort(), 50),
        ("sort: due date ascending", LedgerFilter(), LedgerSort("due_at", False), 50),
        ("sort: code", LedgerFilter(), LedgerSort("code", True), 50),
        ("search 3 chars 路灯不", LedgerFilter(text="路灯不"), LedgerSort(), 50),
        ("search 2 chars 电梯", LedgerFilter(text="电梯"), LedgerSort(), 400),
        ("search 2 chars rare 欧阳", LedgerFilter(text="欧阳"), LedgerSort(), 400),
        ("search 1 char 灯", LedgerFilter(text="灯"), LedgerSort(), 400),
    ]


def count_cases(dept_id: int) -> list:
    return [("count: all", LedgerFilter()), ("count: status", LedgerFilter(status="in_progress")),
            ("count: department + red", LedgerFilter(department_id=dept_id, colour="red")),
            ("count: orange", LedgerFilter(colour="orange")),
            ("count: search 3 chars", LedgerFilter(text="路灯不")),
            ("count: search 2 chars", LedgerFilter(text="电梯")),
            ("count: search 1 char", LedgerFilter(text="灯"))]


# The window's status bar and the overdue board (issue 24: the board under 300 ms at a million cases).
BOARD_READS = [("status bar counts", board.open_and_overdue, None), ("board counts", board.board_counts, 300)]


def timed_reads(only: str) -> dict[str, tuple[float, float | None]]:
    """Time every read of the window on the open database: {name: (best ms, target ms or None)}."""
    dept = Department.select().order_by(Department.id).first()
    figures = {}
    for name, flt, sort, target in window_cases(dept.id) + sorted_cases(dept.id):
        if only in name:
            figures[name] = (best_ms(lambda f=flt, s=sort: ledger_view.page(f, s, NOW)), target)
    for name, flt in count_cases(dept.id):
        if only in name:
            figures[name] = (best_ms(lambda f=flt: ledger_view.count(f, NOW), 3), None)
    for name, call, target in BOARD_READS:
        if only in name:
            figures[name] = (best_ms(lambda c=call: c(NOW), 3), target)
    return figures


def compare_backends(only: str) -> int:
    """Time the window's reads on the SQLite demo, then on the same demo in PostgreSQL, and print them side by side."""
    from bench.demo_data import postgres_demo
    from wzdesk.office.database import close_database

    url = postgres_demo(CASES)
    open_database(DB)
    on_sqlite = timed_reads(only)
    close_database()
    open_database(url)
    print(f"PostgreSQL {db.execute_sql('SHOW server_version').fetchone()[0]}, {Case.select().count():,} cases;"
          " each figure beside the same on SQLite")
    for name, (ms, target) in timed_reads(only).items():
        report(name, ms, on_sqlite[name][0], target, floor_name="SQLite")
    close_database()
    return 0


def show_window() -> float:
    from PySide6.QtCore import QSettings

    from wzdesk.ui.app import make_application
    from wzdesk.ui.mainwindow import MainWindow

    started = time.perf_counter()
    app = make_application()
    store = QSettings(str(DB.parent / "bench-ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(DB, clock=lambda: NOW, store=store)
    window.show()
    app.processEvents()
    ms = (time.perf_counter() - started) * 1000
    window.close()
    return ms


if __name__ == "__main__":
    sys.exit(main())
