"""A first import written bare with its indexes built after gives the database the daily path gives."""

from datetime import timedelta

import pytest

from tests.exchange.test_import_batch import varied_rows
from tests.exchange.test_import_export import AT, ROWS, platform_list
from wzdesk.board.counts import board_counts
from wzdesk.errors import UserError
from wzdesk.exchange import importer
from wzdesk.exchange.importer import apply_import, plan_import
from wzdesk.ledger import search
from wzdesk.models import Case, bulk_load, db
from wzdesk.models import chain as ledger
from wzdesk.models.chain import verify_chain
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator

WORDS = ["批量", "诉求", "内容内容", "来电人1", "类", "BT-00", "来电人"]


SEARCH_TABLES = ("case_fts", "case_bigram")


# The bulk path is SQLite's (its schema table, FTS5 commands); a server loads through COPY on one path.
pytestmark = pytest.mark.sqlite_only


def every_table() -> dict[str, list[tuple]]:
    """Return every table's rows and each search index's every term instance.

    The search indexes' own shadow tables lay their segments out as they were written, so the indexes
    are compared by what they hold: each term with its case, column and offset (fts5vocab).
    """
    names = [n for (n,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'"
                                          " AND name NOT LIKE 'sqlite_%' ORDER BY name")
             if not n.startswith(SEARCH_TABLES)]
    tables = {}
    for name in SEARCH_TABLES:
        db.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{name}_terms USING fts5vocab(main, {name}, instance)")
        tables[name] = db.execute_sql(f"SELECT * FROM temp.{name}_terms ORDER BY 1, 2, 3, 4").fetchall()
    for name in names:
        tables[name] = sorted(db.execute_sql(f'SELECT * FROM "{name}"').fetchall(), key=repr)
    return tables


def schema() -> list[tuple]:
    return db.execute_sql("SELECT type, name, tbl_name, sql FROM main.sqlite_master ORDER BY type, name").fetchall()


def found(word: str) -> list[int]:
    return sorted(c.id for c in Case.select(Case.id).where(search.text_condition(word)))


def load(folder, name: str, bulk: bool) -> dict:
    """Import ROWS, then varied new cases and an update, into a fresh database; return what it holds."""
    open_database(folder / f"{name}.sqlite", now=AT)
    try:
        operator = system_operator()
        apply_import(plan_import(platform_list(folder / "先 一批.xlsx", ROWS)), AT, operator, bulk=False)
        changed = [list(r) for r in ROWS]
        changed[0][12], changed[0][13] = "已办结", "2026-10-09 10:00"
        plan = plan_import(platform_list(folder / "第二 批.xlsx", changed + varied_rows(150)))
        result = apply_import(plan, AT + timedelta(hours=1), operator, bulk=bulk)
        assert (result.created, result.updated) == (150, 1)
        assert verify_chain() is None and not bulk_load.is_pending(db)
        return {"tables": every_table(), "schema": schema(), "board": board_counts(AT + timedelta(days=3)),
                "search": {w: found(w) for w in WORDS}}
    finally:
        close_database()


def test_bulk_load_gives_the_same_database_as_the_daily_path(tmp_path, monkeypatch):
    """Every table's rows (the hashes too: the desk's clock stands still), the schema (every index and
    trigger back), the board and the search results."""
    monkeypatch.setattr(importer, "BATCH_ROWS", 16)  # several batches, both staging slots in turn
    monkeypatch.setattr(ledger, "wall_clock", lambda: AT + timedelta(hours=2))
    daily = load(tmp_path, "逐批", bulk=False)
    bulk = load(tmp_path, "批量 载入", bulk=True)
    assert bulk["schema"] == daily["schema"]
    for name, rows in daily["tables"].items():
        assert bulk["tables"][name] == rows, name
    assert bulk["board"] == daily["board"] and bulk["search"] == daily["search"]
    assert all(daily["search"][w] for w in ("批量", "来电人1", "BT-00"))
    assert len(daily["tables"]["case_event"]) > 400 and daily["tables"]["closed_count"]


def test_a_first_import_of_many_new_cases_takes_the_bulk_path_and_a_daily_one_does_not(database, tmp_path,
                                                                                        monkeypatch):
    monkeypatch.setattr(importer, "BULK_MIN_ROWS", 30)
    assert importer.first_load(plan_import(platform_list(tmp_path / "首次.xlsx", varied_rows(40))))
    assert not importer.first_load(plan_import(platform_list(tmp_path / "少.xlsx", varied_rows(20))))
    apply_import(plan_import(platform_list(tmp_path / "先.xlsx", varied_rows(40))), AT, system_operator())
    more = [[f"NX-{n}", *row[1:]] for n, row in enumerate(varied_rows(35))]
    assert not importer.first_load(plan_import(platform_list(tmp_path / "日常.xlsx", more)))


@pytest.mark.parametrize("stop_at", [1, 100])
def test_a_cancelled_or_refused_bulk_load_leaves_the_schema_and_rows_as_they_were(database, tmp_path, stop_at):
    """The drop, the rows and the rebuild are one transaction: a cancel rolls all of it back."""
    before, shape = every_table(), schema()
    plan = plan_import(platform_list(tmp_path / "取消.xlsx", varied_rows(150)))
    assert apply_import(plan, AT, system_operator(), lambda done, total: done < stop_at, bulk=True).created == 0
    assert every_table() == before and schema() == shape and not bulk_load.is_pending(db)
    apply_import(plan_import(platform_list(tmp_path / "另一台.xlsx", [varied_rows(150)[70]])), AT,
                 system_operator())
    shape = schema()
    with pytest.raises(UserError, match="没有写入任何数据"):
        apply_import(plan, AT, system_operator(), bulk=True)
    assert schema() == shape and not bulk_load.is_pending(db)
