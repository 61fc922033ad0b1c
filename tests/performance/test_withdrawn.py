"""A case the platform lists as 已撤销 is closed as withdrawn and left out of the rates (DESIGN.md, issue 20).

The same list is imported twice: once with the withdrawn case, once without it. Every rate, overdue count and
handling time must be the same in both; only 受理件数 and 办结件数 count it, as a case that was received and
closed. The figures are also checked against a count made by hand.
"""

from datetime import datetime

import openpyxl
import pytest

from wzdesk.exchange.importer import apply_import, plan_import
from wzdesk.models import Case
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator
from wzdesk.performance import metrics

AT = datetime(2026, 11, 20, 9, 0)
DEPT = "邵阳市城管局"
HEADER = ["工单编号", "标题", "受理时间", "派单时间", "承办单位", "签收时间", "办理状态", "答复时间", "办结时间",
          "解决情况", "满意度"]
ROWS = [
    # answered in time, solved, satisfied
    ["W1", "路灯不亮", "2026-10-08 09:00", "2026-10-08 09:30", DEPT, "2026-10-08 10:00", "已办结",
     "2026-10-09 15:00", "2026-10-09 16:00", "已解决", "满意"],
    # open, signed for in time
    ["W2", "井盖缺失", "2026-10-12 09:00", "2026-10-12 09:30", DEPT, "2026-10-12 11:00", "处理中", "", "", "", ""],
]
# withdrawn: signed for two days late, "answered" and closed long past its 3-working-day limit, rated badly
WITHDRAWN = ["W3", "噪音扰民", "2026-10-08 09:00", "2026-10-08 09:30", DEPT, "2026-10-10 18:00", "已撤销",
             "2026-10-28 10:00", "2026-10-28 11:00", "未解决", "不满意"]


def _import(tmp_path, rows, name):
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    apply_import(plan_import(path), AT, _operator())


def _operator():
    return system_operator()


def _october():
    return next(row for row in metrics.month_of("2026-10", AT) if row.name == DEPT)


def _figures(row):
    return (row.response_due, row.responded_in_time, row.visited, row.solved, row.rated, row.satisfied,
            row.overdue, row.overdue_long, dict(row.days), row.response_rate, row.resolution_rate,
            row.satisfaction_rate)


def test_a_withdrawn_case_counts_in_no_rate(database, tmp_path):
    _import(tmp_path, [*ROWS, WITHDRAWN], "with.xlsx")
    case = Case.by_code("W3")
    assert (case.status, case.withdrawn_at) == ("closed", datetime(2026, 10, 28, 11, 0))
    row = _october()
    # by hand: W1 and W2 were due a response in October, both in time; W1 alone was visited (solved) and rated
    # (satisfied); W2, due 10-15 and open at the month's end, is overdue by more than 7 days (W3, closed 10-28
    # past its 10-13 limit, would make it two); one minor case answered after 1 working day (10-08 → 10-09)
    assert (row.response_due, row.responded_in_time, row.response_rate) == (2, 2, 1.0)
    assert (row.visited, row.solved, row.rated, row.satisfied) == (1, 1, 1, 1)
    assert (row.overdue, row.overdue_long) == (1, 1)
    assert row.days == {"minor": (1, 1, 1)}
    assert (row.received, row.closed) == (3, 2)  # received and closed: the withdrawn case is one of each


def test_the_rates_are_those_of_the_list_without_the_withdrawn_case(database, tmp_path):
    """Imported with or without the withdrawn case, the department's rates, overdue counts and times agree."""
    _import(tmp_path, [*ROWS, WITHDRAWN], "with.xlsx")
    with_it = _figures(_october())
    close_database()
    open_database(tmp_path / "without.sqlite", now=AT)
    _import(tmp_path, ROWS, "without.xlsx")
    assert _figures(_october()) == with_it


def test_the_sheet_lists_no_withdrawn_case_as_overdue_and_says_why(database, tmp_path):
    """超期明细 lists W2 (open, late) and not W3 (withdrawn); 指标说明 says how 已撤销 counts."""
    from wzdesk.performance.sheet import write_sheet

    _import(tmp_path, [*ROWS, WITHDRAWN], "with.xlsx")
    out = tmp_path / "考核表.xlsx"
    write_sheet(out, "2026-10", AT)
    workbook = openpyxl.load_workbook(out, read_only=True)
    codes = [row[0] for row in workbook["超期明细"].iter_rows(min_row=4, values_only=True)]
    assert codes == ["W2"]
    notes = {row[0]: row[1] for row in workbook["指标说明"].iter_rows(min_row=4, values_only=True)}
    assert "不计入响应率、解决率、满意率" in notes["平台已撤销的工单"]


@pytest.mark.sqlite_only  # an older release's SQLite file, made by setting its user_version back
def test_cases_imported_as_withdrawn_before_the_column_are_found_by_their_ledger(database, tmp_path):
    """A database of the release before: its 已撤销 cases gain withdrawn_at from the import's ledger note."""
    from wzdesk.models import db
    from wzdesk.models.schema import MIGRATIONS, add_withdrawal

    _import(tmp_path, [*ROWS, WITHDRAWN], "with.xlsx")
    db.execute_sql('UPDATE "case" SET withdrawn_at = NULL')
    db.execute_sql("DROP TABLE schema_version")  # a file of the release before kept its version here only
    db.execute_sql(f"PRAGMA user_version = {MIGRATIONS.index(add_withdrawal)}")
    close_database()
    open_database(database, now=AT)
    assert {c.code: c.withdrawn_at for c in Case.select()} == {"W1": None, "W2": None,
                                                              "W3": datetime(2026, 10, 28, 11, 0)}
