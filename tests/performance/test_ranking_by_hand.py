"""The issue's done-when on a real ledger: every rate and score reckoned by hand, the sheet read back twice.

Four units in October 2026, every case minor, dispatched Thu 10-08 09:00 (due end of Mon 10-12, since
Sat 10-10 is a make-up working day), signed at 11:00, the citizen called at 12:00 (within 24 h):
  一件单位 P: 1 case, never contacted, never answered: open and 19 days late at 1 Nov 00:00.
  二十件单位 Q: 20 cases replied Sat 10-10, the citizen says 已解决 and 满意, closed.
  全超期单位 R: 6 cases, contacted in time, never answered: all open and 19 days late.
  半数未解决单位 S: 6 cases replied Sat 10-10 and closed; 3 said 已解决 (满意), 3 未解决 (基本满意).
"""

from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from wzdesk.cases import lifecycle
from wzdesk.models import Department
from wzdesk.performance import sheet as perf_sheet

OCT = datetime(2026, 10, 8, 9, 0)
AT = datetime(2026, 11, 20, 10, 0)
NAMES = {"P": "一件单位", "Q": "二十件单位", "R": "全超期单位", "S": "半数未解决单位"}


def _case(op, dept, n, contact=True):
    case = lifecycle.intake({"title": f"{dept.name}诉求{n}"}, OCT, op)
    lifecycle.dispatch(case, dept, OCT, op)
    lifecycle.accept(case, OCT + timedelta(hours=2), op)
    if contact:
        lifecycle.progress(case, "已电话联系反映人", OCT + timedelta(hours=3), op)
    return case


def _closed(op, dept, n, solved, level):
    case = _case(op, dept, n)
    lifecycle.reply(case, "已处理", datetime(2026, 10, 10, 9, 0), op)
    lifecycle.rate(case, level, datetime(2026, 10, 11, 9, 0), op, solved=solved)
    lifecycle.close(case, datetime(2026, 10, 11, 10, 0), op)


@pytest.fixture
def units(operator, database):
    depts = {key: Department.create(name=name, sort_order=i) for i, (key, name) in enumerate(NAMES.items())}
    _case(operator, depts["P"], 1, contact=False)
    for n in range(20):
        _closed(operator, depts["Q"], n, True, "satisfied")
    for n in range(6):
        _case(operator, depts["R"], n)
    for n in range(6):
        _closed(operator, depts["S"], n, n < 3, "satisfied" if n < 3 else "basically_satisfied")
    return depts


# The reckoning, with the default weights 0.30 / 0.35 / 0.35, 3 points per case over 7 days late, minimum 5:
EXPECTED = {
    # name: (rank, 受理, 响应率, 解决率, 满意率, 超期, 严重超期, 扣分, 得分)
    "二十件单位": (1, 20, 1.0, 1.0, 1.0, 0, 0, 0, 100.0),  # 100 × (0.30 + 0.35 + 0.35)
    "半数未解决单位": (2, 6, 1.0, 0.5, 1.0, 0, 0, 0, 82.5),  # 100 × (0.30 + 0.35 × 3/6 + 0.35)
    # only 响应率 can be counted: 100 × 0.30 × 1 / 0.30 = 100, less 6 cases × 3 = 18
    "全超期单位": (3, 6, 1.0, "—", "—", 6, 6, 18, 82.0),
    # 1 case < 5: listed, not ranked; 响应率 0/1 → 0, less 3
    "一件单位": ("样本不足", 1, 0.0, "—", "—", 1, 1, 3, -3.0),
}


def _picked(row) -> tuple:
    rank, _name, received, *rest = row
    return (rank, received, *rest[:3], rest[3], rest[4], rest[9], rest[10])


def test_the_sheet_ranks_and_rates_as_reckoned_by_hand(units, tmp_path):
    out = tmp_path / "考核.xlsx"
    perf_sheet.write_sheet(out, "2026-10", AT)
    grid = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("月度考核").to_python()
    assert grid[2][:16] == [c.header for c in perf_sheet.SUMMARY_COLUMNS]
    rows = {r[1]: r for r in grid[3:] if r[1] in EXPECTED}
    assert [r[1] for r in grid[3:7]] == list(EXPECTED)  # ranked first, 样本不足 after
    for name, expected in EXPECTED.items():
        got = _picked(rows[name])
        assert got[0] == expected[0] if isinstance(expected[0], str) else got[0] == float(expected[0])
        for value, want in zip(got[1:], expected[1:], strict=True):
            assert value == (want if isinstance(want, str) else pytest.approx(float(want)))
    assert "解决率、满意率无可计件数" in rows["全超期单位"][14] and "严重超期6×3" in rows["全超期单位"][14]


def test_the_done_when_20_solved_cases_rank_above_one_overdue_and_half_unsolved_is_50_percent(units):
    data = perf_sheet.report("2026-10", AT)
    by_name = {s.row.name: s for s in data.ranked}
    one, twenty = by_name["一件单位"], by_name["二十件单位"]
    assert one.rank is None and one.rank_text == "样本不足"
    assert twenty.rank == 1
    assert by_name["半数未解决单位"].row.resolution_rate == pytest.approx(0.5)


def test_the_before_and_after_series_is_on_its_own_sheet_with_a_line_chart(units, tmp_path):
    """October: 26 minor replies (Q 20, S 6), each Thu 10-08 → Sat 10-10 = 2 working days, all within 3."""
    out = tmp_path / "考核.xlsx"
    perf_sheet.write_sheet(out, "2026-10", AT)
    ws = load_workbook(out)[perf_sheet.SERIES_SHEET]
    assert len(ws._charts) == 1 and ws._charts[0].tagname == "lineChart"
    grid = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(perf_sheet.SERIES_SHEET).to_python()
    months = [r[0] for r in grid[3:]]
    assert months[0] == "2025-11" and months[-1] == "2026-10" and len(months) == 12
    october = grid[3:][-1]
    assert october[1:5] == [26.0, 2.0, 3.0, 1.0] and october[6:9] == ["—", 7.0, "—"] and october[13] == 1.0


def test_a_baseline_month_sets_where_the_series_starts(units, operator, admin):
    from wzdesk.errors import UserError
    from wzdesk.office import settings

    settings.put("baseline_month", "2026-07", AT, admin)
    assert [p.month for p in perf_sheet.report("2026-10", AT).series] == ["2026-07", "2026-08", "2026-09", "2026-10"]
    with pytest.raises(UserError, match="YYYY-MM"):
        settings.put("baseline_month", "七月", AT, admin)
