"""Time a 100,000-row import end to end against a bare calamine read and against SQLite alone writing the
same rows (the floor under any import on this schema), and a 100,000-row export against a bare openpyxl
write-only write of the same cells. Prints figures; asserts nothing about speed.

    python bench/excel.py [--rows N] [--profile]
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
        closed, rng.choice(["满意", "基本满意", "不满意"]) if closed else None,
    ]


def make_case_list(path: Path, rows: int, seed: int = 7) -> Path:
    """Write a case list of `rows` new cases with the template headers under a title row."""
    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("工单")
    sheet.append(["12345 热线工单导出"])
    sheet.append([f.header for f in FIELDS])
    for n in range(rows):
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


def bench_import(folder: Path, rows: int, profile: bool) -> None:
    source = make_case_list(folder / "诉求 清单.xlsx", rows)
    _, read_s = timed(lambda: bare_read(source))
    open_database(folder / "导入.sqlite", now=AT)
    operator = system_operator()
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    plan, plan_s = timed(lambda: plan_import(source))
    result, apply_s = timed(lambda: apply_import(plan, AT, operator))
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    total = plan_s + apply_s
    print(f"import {rows:,} rows: plan {plan_s:.2f} s + apply {apply_s:.2f} s = {total:.2f} s "
          f"({rows / total:,.0f} rows/s); {result.events:,} events")
    print(f"  bare calamine read: {read_s:.2f} s ({rows / read_s:,.0f} rows/s); import / read = {total / read_s:.1f}x")
    _, verify_s = timed(verify_chain)
    assert Case.select().count() == rows and verify_chain() is None
    print(f"  chain verified over {CaseEvent.select().count():,} events in {verify_s:.2f} s")
    floor_s = sql_floor(folder / "导入.sqlite", folder / "下限.sqlite")
    print(f"  SQLite alone writing the same rows (INSERT … SELECT, no Python): {floor_s:.2f} s; "
          f"import / that = {total / floor_s:.1f}x")


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
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wzdesk 表格 ") as tmp:
        bench_import(Path(tmp), args.rows, args.profile)
        bench_export(Path(tmp), args.rows)
        close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
