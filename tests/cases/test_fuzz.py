"""Random input thrown at the importer and the lifecycle services: success or a clean refusal, never half."""

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.excel.problems import ImportRefused
from wzdesk.exchange.importer import apply_import, plan_import
from wzdesk.models import Case, CaseEvent, Department
from wzdesk.models.chain import verify_chain
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator

HEADER = ["工单编号", "标题", "受理时间", "派单时间", "承办单位", "协办单位", "分级", "签收时间", "办理状态",
          "办结时间", "满意度", "联系电话"]
WORDS = ["已派单", "办理中", "已办结", "已退回", "已答复", "小", "大", "满意", "不满意", "2026/10/8 9:05",
         "2026年10月9日", "138****5678", "城管局、住建局", "城管局", "=1+1", " ", "P-1"]
cells = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.integers(min_value=-10, max_value=10**11),
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)),
)
tables = st.lists(st.lists(cells, min_size=len(HEADER), max_size=len(HEADER)), min_size=1, max_size=5)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])


def counts() -> tuple[int, int, int]:
    return Case.select().count(), CaseEvent.select().count(), Department.select().count()


@SETTINGS
@given(tables)
def test_random_workbooks_import_whole_or_not_at_all(rows):
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "随机.sqlite", now=datetime(2026, 11, 20))
        try:
            wb = openpyxl.Workbook()
            wb.active.append(HEADER)
            for row in rows:
                wb.active.append(row)
            path = Path(folder) / "随机 清单.xlsx"
            wb.save(path)
            before = counts()
            try:
                plan = plan_import(path)
            except ImportRefused as refused:
                assert refused.problems and all(str(p) for p in refused.problems)
                assert counts() == before
                return
            result = apply_import(plan, datetime(2026, 11, 20, 10), system_operator())
            assert Case.select().count() == result.created == len(plan.new)
            assert verify_chain() is None
            again = plan_import(path)
            assert not again.new and not again.updated  # re-import is idempotent
        finally:
            close_database()


actions = st.lists(st.tuples(
    st.sampled_from(["dispatch", "accept", "return", "reassign", "progress", "reply", "verify_pass",
                     "verify_fail", "rate", "close", "reopen"]),
    st.one_of(st.none(), st.text(max_size=8)),
    st.integers(min_value=-48, max_value=400),
), max_size=12)
LEVELS = ["very_satisfied", "satisfied", "neutral", "dissatisfied", "bogus"]


def apply(case, action, text, hours, operator, depts):
    at = datetime(2026, 11, 2, 9) + timedelta(hours=hours)
    calls = {
        "dispatch": lambda: lifecycle.dispatch(case, depts[hours % 2], at, operator),
        "accept": lambda: lifecycle.accept(case, at, operator),
        "return": lambda: lifecycle.return_case(case, text, at, operator),
        "reassign": lambda: lifecycle.reassign(case, depts[hours % 2], text, at, operator),
        "progress": lambda: lifecycle.progress(case, text, at, operator),
        "reply": lambda: lifecycle.reply(case, text, at, operator),
        "verify_pass": lambda: lifecycle.verify(case, True, text, at, operator),
        "verify_fail": lambda: lifecycle.verify(case, False, text, at, operator),
        "rate": lambda: lifecycle.rate(case, LEVELS[hours % len(LEVELS)], at, operator),
        "close": lambda: lifecycle.close(case, at, operator),
        "reopen": lambda: lifecycle.reopen(case, text, at, operator),
    }
    calls[action]()


@SETTINGS
@given(actions)
def test_random_actions_are_applied_or_refused_with_nothing_written(steps):
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "动作.sqlite", now=datetime(2026, 11, 20))
        try:
            operator = system_operator()
            depts = [Department.create(name="城管局"), Department.create(name="住建局")]
            case = lifecycle.intake({"title": "随机"}, datetime(2026, 11, 2, 8), operator)
            for action, text, hours in steps:
                before = (Case.get_by_id(case.id).status, CaseEvent.select().count())
                try:
                    apply(case, action, text or "", hours, operator, depts)
                except UserError as refusal:
                    assert str(refusal)
                    case = Case.get_by_id(case.id)  # the refused call may have touched the object only
                    assert (case.status, CaseEvent.select().count()) == before
                else:
                    assert CaseEvent.select().count() > before[1]
            assert verify_chain() is None
            last = CaseEvent.select().where(CaseEvent.case == case).order_by(CaseEvent.id.desc()).get()
            assert last.to_status == Case.get_by_id(case.id).status
        finally:
            close_database()


@pytest.fixture(autouse=True)
def _no_shared_database():
    """These tests open their own databases; make sure none is left open for the next test."""
    yield
    close_database()
