"""Time a 100,000-row import end to end against a bare calamine read and against SQLite alone writing the
same rows (the floor under any import on this schema) and against pandas.read_excel of the same file
(pip install -e ".[bench]"); then a daily import into the loaded database, and a 100,000-row export
against a bare openpyxl write-only write of the same cells. Prints figures; asserts nothing about speed.

    python bench/excel.py [--rows N] [--daily-rows N] [--daily-path] [--no-export] [--profile]
"""

import argparse
import cProfile
import os
import pstats
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from bench.figures import figure  # noqa: E402
from wzdesk.excel.columns import FIELDS  # noqa: E402
from wzdesk.exchange.exporter import export_view  # noqa: E402
from wzdesk.exchange.importer import apply_import, plan_import  # noqa: E402
from wzdesk.ledger.view import LedgerFilter, LedgerSort  # noqa: E402
from wzdesk.models import Case, CaseEvent, db  # noqa: E402
from wzdesk.models.chain import verify_chain  # noqa: E402
from wzdesk.office.database import close_database, open_database  # noqa: E402
from wzdesk.office.defaults import system_operator  # noqa: E402

AT = datetime(2026, 11, 20, 10, 0)
DEPARTMENTS = [f"邵阳市第{n}局" for n in range(1, 41)] + [f"双清区第{n}街道办事处" for n in range(1, 21)]
CATEGORIES = ["路灯不亮", "噪音扰民", "垃圾满溢", "道路破损", "物业管理", "社保转移", "供水停水", "违章停车"]
STATUSES = ["已受理", "已派单", "已签收", "办理中", "已答复", "已办结"]


def case_list_row(rng: random.Random, n: int) -> list:
    """Return one platform row in template column order, with the statuses and ratings a real list has."""
    received = datetime(2026, 6, 1, 8, 0) + timedelta(minutes=rng.randrange(0, 240 * 24 * 60))
    status = rng.choice(STATUSES)
    dispatched = received + timedelta(hours=rng.randrange(1, 20)) if status != "已受理" else None
    responded = dispatched + timedelta(hours=rng.randrange(1, 30)) if status not in ("已受理", "已派单") else None
    closed = responded + timedelta(days=rng.randrange(1, 9)) if status == "已办结" else None
    co = "、".join(rng.sample(DEPARTMENTS, 2)) if rng.random() < 0.1 and dispatched else ""
    return [
        f"SY-{n:07d}", f"{rng.choice(CATEGORIES)}问题反映（{n}）", "群众反映的具体情况，请尽快处理。" * 2,
        rng.choice(CATEGORIES), rng.choice(["12345热线", "网络问政", "信件"]), rng.choice(["刘阿姨", "王先生"]),
        13800000000 + rng.randrange(99_999_999), "双清区", "龙须塘街道", "龙须塘社区", received, dispatched,
        rng.choice(DEPARTMENTS) if dispatched else None, co, rng.choice(["小", "中", "大"]), responded, status,
        closed, rng.choice(["已解决", "未解决"]) if closed else None,
        rng.choice(["满意", "基本满意", "不满意"]) if closed else None,
    ]


def make_case_list(path: Path, rows: int, seed: int = 7, first: int = 0) -> Path:
    """Write a case list of `rows` new cases (codes from `first`) with the template headers under a title row."""
    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("工单")
    sheet.append(["12345 热线工单导出"])
    sheet.append([f.header for f in FIELDS][:20])  # up to 满意度: the columns case_list_row fills
    for n in range(first, first + rows):
        sheet.append(case_list_row(rng, n))
    workbook.save(path)
    return path


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def bare_read(path: Path) -> int:
    with CalamineWorkbook.from_path(path) as workbook:
        return len(workbook.get_sheet_by_index(0).to_python(skip_empty_area=False))


def bare_write(path: Path, grid: list[list]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("诉求台账")
    for row in grid:
        sheet.append(row)
    workbook.save(path)


def pandas_read(path: Path) -> float | None:
    """Time pandas.read_excel of the file (pandas is in the `bench` extra only), or None without pandas."""
    try:
        import pandas
    except ImportError:
        return None
    _, seconds = timed(lambda: pandas.read_excel(path, header=1, engine="openpyxl"))
    return seconds


def import_file(path: Path, source: Path, bulk: bool | None, profile: bool = False):
    """Plan and apply an import of `source` into the database at `path`; return (result, plan s, apply s)."""
    open_database(path, now=AT)
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    plan, plan_s = timed(lambda: plan_import(source))
    result, apply_s = timed(lambda: apply_import(plan, AT, system_operator(), bulk=bulk))
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return result, plan_s, apply_s


def bench_import(folder: Path, rows: int, profile: bool, daily_path: bool, daily_rows: int) -> None:
    source = make_case_list(folder / "诉求 清单.xlsx", rows)
    _, read_s = timed(lambda: bare_read(source))
    pandas_s = pandas_read(source)
    first = folder / "导入.sqlite"
    result, plan_s, apply_s = import_file(first, source, None, profile)
    total = plan_s + apply_s
    print(f"import {rows:,} rows into an empty database: plan {plan_s:.2f} s + apply {apply_s:.2f} s "
          f"({rows / total:,.0f} rows/s, {result.events:,} events)")
    if pandas_s is not None:
        print(figure("  first import vs pandas.read_excel", total, pandas_s, floor_name="pandas", most_ratio=0.25))
    else:
        print("  pandas is not installed (pip install -e \".[bench]\"): no pandas.read_excel figure")
    print(figure("  first import vs bare calamine read", total, read_s, floor_name="calamine"))
    _, verify_s = timed(verify_chain)
    assert Case.select().count() == rows and verify_chain() is None
    print(f"  chain verified over {CaseEvent.select().count():,} events in {verify_s:.2f} s")
    floor_s = sql_floor(first, folder / "下限.sqlite")
    print(figure("  apply vs SQLite alone (INSERT … SELECT)", apply_s, floor_s, floor_name="SQLite"))
    if daily_path:
        close_database()
        _, plan2_s, apply2_s = import_file(folder / "逐批.sqlite", source, False)
        print(figure("  the same file by the daily path", plan2_s + apply2_s, total, floor_name="bulk"))
    bench_daily(folder, first, rows, daily_rows)


def bench_daily(folder: Path, db_path: Path, offset: int, rows: int) -> None:
    """Time a daily import (the plain path) of `rows` new cases into the database just loaded."""
    source = make_case_list(folder / "每日 清单.xlsx", rows, seed=11, first=offset)
    close_database()
    result, plan_s, apply_s = import_file(db_path, source, None)
    assert result.created == rows
    print(f"daily import of {rows:,} new rows into {offset:,} cases: plan {plan_s:.2f} s + apply {apply_s:.2f} s"
          f" = {plan_s + apply_s:.2f} s")


COPIED = ["case", "case_co_department", "rating", "case_event"]


def sql_floor(source: Path, target: Path) -> float:
    """Time SQLite copying the imported rows into an empty database of the same schema, with its indexes and
    triggers: the part of an import no Python work can remove. Foreign keys are off (the reference rows
    are not copied)."""
    close_database()
    open_database(target, now=AT)
    db.execute_sql("PRAGMA foreign_keys = 0")
    db.execute_sql("ATTACH DATABASE ? AS source", (str(source),))
    started = time.perf_counter()
    with db.atomic():
        for table in COPIED:
            columns = ", ".join(f'"{row[1]}"' for row in db.execute_sql(f'PRAGMA table_xinfo("{table}")')
                                if row[6] == 0)  # generated columns are not written
            db.execute_sql(f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM source."{table}"'
                           " ORDER BY id")
    elapsed = time.perf_counter() - started
    db.execute_sql("DETACH DATABASE source")
    close_database()
    open_database(source, now=AT)
    return elapsed


def bench_export(folder: Path, rows: int) -> None:
    out = folder / "导出 台账.xlsx"
    count, export_s = timed(lambda: export_view(out, LedgerFilter(), LedgerSort(), AT))
    with CalamineWorkbook.from_path(out) as workbook:
        grid = workbook.get_sheet_by_index(0).to_python()[3:]
    _, write_s = timed(lambda: bare_write(folder / "裸写.xlsx", grid))
    print(f"export {count:,} rows: {export_s:.2f} s ({count / export_s:,.0f} rows/s)")
    print(f"  bare openpyxl write-only of the same cells: {write_s:.2f} s; export / write = {export_s / write_s:.1f}x")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--daily-rows", type=int, default=2_000, help="rows of the daily import after the first")
    parser.add_argument("--daily-path", action="store_true", help="also import the file by the daily path")
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wzdesk 表格 ") as tmp:
        bench_import(Path(tmp), args.rows, args.profile, args.daily_path, args.daily_rows)
        if not args.no_export:
            bench_export(Path(tmp), args.rows)
        close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
