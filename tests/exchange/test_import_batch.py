"""The batched import writes exactly the cases, links, ratings and events the row-by-row path writes."""

from datetime import datetime, timedelta

import pytest

from tests.exchange.test_import_export import AT, ROWS, platform_list
from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.exchange import importer
from wzdesk.exchange.importer import apply_import, plan_import
from wzdesk.ledger import search
from wzdesk.models import Case, db
from wzdesk.models.base import is_postgres
from wzdesk.models.chain import verify_chain
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator

STATUSES = ["已受理", "已派单", "已签收", "办理中", "已答复", "已核验", "已办结", "已退回"]
DEPTS = ["邵阳市生态环境局", "新设 单位甲", "新设单位乙", "国网邵阳供电公司"]
# Columns that legitimately differ between two runs: the wall-clock moment an event was written and
# the hashes that cover it.
VOLATILE = {"recorded_at", "prev_hash", "hash"}


def varied_rows(count: int) -> list[list]:
    """Return platform rows across every status, with co-departments, ratings, masks and new names."""
    rows = []
    for n in range(count):
        status = STATUSES[n % len(STATUSES)]
        received = datetime(2026, 9, 1, 8, 0) + timedelta(hours=7 * n)
        dispatched = received + timedelta(hours=2) if status != "已受理" else None
        responded = received + timedelta(hours=5) if status not in ("已受理", "已派单") else None
        closed = received + timedelta(days=3) if status == "已办结" else None
        rows.append([
            f"BT-{n:04d}", f"批量诉求{n}", "内容" * (n % 4), f"类别{n % 5}", f"来电人{n}",
            "139****0000" if n % 7 == 0 else 13900000000 + n, received, dispatched,
            DEPTS[n % len(DEPTS)] if dispatched else None, "、".join(DEPTS[:2]) if n % 3 == 0 and dispatched else "",
            ["小", "中", "大"][n % 3], responded, status, closed, ["满意", "不满意", None][n % 3] if closed else None,
        ])
    return rows


def table(name: str) -> list[tuple]:
    """Return every row of a table in id order, without the columns that depend on the wall clock."""
    cursor = db.execute_sql(f'SELECT * FROM "{name}" ORDER BY 1, 2')
    keep = [i for i, d in enumerate(cursor.description) if d[0] not in VOLATILE]
    return [tuple(row[i] for i in keep) for row in cursor.fetchall()]


TABLES = ["case", "case_event", "case_co_department", "rating", "department", "category", "case_fts"]


def import_twice(folder, batch: bool) -> dict[str, list[tuple]]:
    """Import ROWS, then a file updating them and adding varied new cases, into a fresh database."""
    open_database(folder / f"{'批量' if batch else '逐行'}.sqlite", now=AT)
    try:
        operator = system_operator()
        first = platform_list(folder / "第一 批.xlsx", ROWS)
        apply_import(plan_import(first), AT, operator, batch=batch)
        changed = [list(r) for r in ROWS]
        changed[0][12], changed[0][11] = "已答复", "2026-10-08 10:00"
        second = platform_list(folder / "第二 批.xlsx", changed + varied_rows(120))
        plan = plan_import(second)
        assert (len(plan.new), len(plan.updated)) == (120, 1)
        result = apply_import(plan, AT + timedelta(hours=1), operator, batch=batch)
        assert (result.created, result.updated) == (120, 1)
        assert verify_chain() is None
        return {name: table(name) for name in TABLES}
    finally:
        close_database()


def test_batched_import_writes_what_row_by_row_import_writes(tmp_path, monkeypatch):
    """Same case rows, events (ids, links, notes), co-departments, ratings, new names and search index,
    over several batches (so both staging slots and the copying thread take turns)."""
    monkeypatch.setattr(importer, "BATCH_ROWS", 16)
    plain = import_twice(tmp_path, batch=False)
    batched = import_twice(tmp_path, batch=True)
    for name in TABLES:
        assert batched[name] == plain[name], name
    assert len(batched["case_event"]) > 300 and len(batched["rating"]) > 5


def test_batched_import_chains_after_existing_events_and_verifies(database, operator, tmp_path):
    """Events written in a batch continue the chain of events already in the ledger."""
    apply_import(plan_import(platform_list(tmp_path / "先.xlsx", ROWS)), AT, operator)
    apply_import(plan_import(platform_list(tmp_path / "后.xlsx", varied_rows(40))), AT, operator)
    assert verify_chain() is None
    ids = [row[0] for row in db.execute_sql("SELECT id FROM case_event ORDER BY id")]
    assert ids == list(range(1, len(ids) + 1))


@pytest.mark.parametrize("stop_at", [1, 15, 39, 40])
def test_cancelling_a_batched_import_at_any_row_writes_nothing(database, operator, tmp_path, stop_at, monkeypatch):
    """Cancel at the first, a middle or the last step, with batches written or being copied: the one
    transaction rolls back whole, the pair index's trigger included."""
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)
    before = {name: len(table(name)) for name in tables()}
    triggers = trigger_names()
    plan = plan_import(platform_list(tmp_path / "取消 批量.xlsx", varied_rows(40)))
    result = apply_import(plan, AT, operator, step=lambda done, total: done < stop_at)
    assert result.created == 0
    assert {name: len(table(name)) for name in tables()} == before and trigger_names() == triggers


def trigger_names() -> set[str]:
    if is_postgres():
        return {row[0] for row in db.execute_sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
    return {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def tables() -> list[str]:
    """The tables an import writes; SQLite's search index is a table of its own (PostgreSQL's is an index)."""
    return [name for name in TABLES if name != "case_fts"] if is_postgres() else TABLES


def test_batched_cases_are_found_by_two_character_words_and_forget_old_ones(database, operator, tmp_path):
    """The batch writes the pair index itself; the trigger is back for what follows, and edits keep it exact."""
    before = trigger_names()
    apply_import(plan_import(platform_list(tmp_path / "检索.xlsx", varied_rows(30))), AT, operator)
    assert trigger_names() == before
    assert {c.code for c in Case.select().where(search.text_condition("批量"))} == {f"BT-{n:04d}" for n in range(30)}
    Case.update(title="电梯故障").where(Case.code == "BT-0007").execute()
    assert [c.code for c in Case.select().where(search.text_condition("电梯"))] == ["BT-0007"]
    assert "BT-0007" not in {c.code for c in Case.select().where(search.text_condition("批量"))}
    later = lifecycle.intake({"title": "窨井盖缺失", "petitioner_name": "欧阳明"}, AT, operator)
    assert [c.id for c in Case.select().where(search.text_condition("欧阳"))] == [later.id]


def test_a_code_stored_by_another_desk_after_the_preview_refuses_the_whole_import(database, operator, tmp_path):
    """The race the preview cannot see: nothing of the batch is written, and the clerk is told why."""
    plan = plan_import(platform_list(tmp_path / "预览后.xlsx", varied_rows(40)))
    other = [list(varied_rows(40)[25])]
    apply_import(plan_import(platform_list(tmp_path / "另一台.xlsx", other)), AT, operator)
    counts = {name: len(table(name)) for name in tables()}
    triggers = trigger_names()
    with pytest.raises(UserError, match="没有写入任何数据"):
        apply_import(plan, AT, operator)
    assert {name: len(table(name)) for name in tables()} == counts and trigger_names() == triggers
    assert verify_chain() is None
