"""The return visit's two questions, and the department's first contact with the citizen (issue 17)."""

from datetime import datetime

import openpyxl
import pytest

from tests.citizen.citizen_helpers import replied_case
from wzdesk.cases import lifecycle
from wzdesk.exchange.importer import apply_import, plan_import
from wzdesk.models import Case, CaseEvent, Rating, db
from wzdesk.models.return_visit import add_return_visit_answers
from wzdesk.models.schema import MIGRATIONS
from wzdesk.office.database import close_database, open_database

AT = datetime(2026, 10, 12, 9, 0)


def test_rate_stores_whether_the_problem_was_solved(departments, operator):
    case = replied_case(departments[0], AT, operator)
    record = lifecycle.rate(case, "basically_satisfied", datetime(2026, 10, 13, 9, 0), operator, solved=False)
    assert Rating.get_by_id(record.id).solved is False
    event = CaseEvent.select().where(CaseEvent.case == case, CaseEvent.action == "rate").get()
    assert event.note == "基本满意（未解决）"
    unasked = lifecycle.rate(Case.get_by_id(case.id), "satisfied", datetime(2026, 10, 14, 9, 0), operator)
    assert Rating.get_by_id(unasked.id).solved is None


def test_first_contact_is_the_first_progress_or_reply_not_the_signing(departments, operator):
    case = lifecycle.intake({"title": "噪音扰民"}, AT, operator)
    lifecycle.dispatch(case, departments[0], datetime(2026, 10, 12, 10, 0), operator,
                       co_departments=[departments[1]])
    lifecycle.accept(case, datetime(2026, 10, 12, 11, 0), operator)
    assert Case.get_by_id(case.id).contacted_at is None  # 签收 is not contact with the citizen
    lifecycle.progress(case, "协办单位到场", datetime(2026, 10, 12, 12, 0), operator, department=departments[1])
    assert Case.get_by_id(case.id).contacted_at is None  # a co-department's note is not the lead's contact
    lifecycle.progress(case, "已电话联系反映人", datetime(2026, 10, 12, 13, 0), operator)
    lifecycle.reply(case, "已处理", datetime(2026, 10, 13, 9, 0), operator)
    assert Case.get_by_id(case.id).contacted_at == datetime(2026, 10, 12, 13, 0)


def test_import_reads_the_solved_column_and_basically_solved_counts(database, operator, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工单编号", "标题", "受理时间", "派单时间", "承办单位", "分级", "办理状态", "办结时间",
               "是否解决", "满意度"])
    for code, solved, level in (("SY-1", "基本解决", "满意"), ("SY-2", "未解决", "满意"), ("SY-3", "已解决", "满意"),
                                ("SY-4", "已解决", "")):
        ws.append([code, "路灯不亮", "2026-10-08 08:30", "2026-10-08 09:00", "国网邵阳供电公司", "小", "已办结",
                   "2026-10-10 16:30", solved, level])
    wb.save(tmp_path / "回访.xlsx")
    plan = plan_import(tmp_path / "回访.xlsx")
    assert "有解决情况而无满意度 1 行（SY-4）" in plan.summary()  # said, not dropped in silence
    apply_import(plan, AT, operator)
    answers = {r.case.code: r.solved for r in Rating.select()}
    assert answers == {"SY-1": True, "SY-2": False, "SY-3": True}


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_an_older_database_gains_the_columns_and_its_contacts_from_the_ledger(database, departments, operator):
    case = lifecycle.intake({"title": "路灯不亮"}, AT, operator)
    lifecycle.dispatch(case, departments[0], datetime(2026, 10, 12, 10, 0), operator)
    lifecycle.accept(case, datetime(2026, 10, 12, 11, 0), operator)
    lifecycle.progress(case, "已联系反映人", datetime(2026, 10, 12, 15, 0), operator)
    db.execute_sql("DROP INDEX case_dept_contact")
    for table, column in (("case", "contacted_at"), ("rating", "solved"), ("verification_observer", "problem_found")):
        db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN {column}')
    # The version just before the return-visit migration (later migrations may follow it).
    db.execute_sql("DROP TABLE schema_version")  # a file of a release that kept its version in user_version only
    db.execute_sql(f"PRAGMA user_version = {MIGRATIONS.index(add_return_visit_answers)}")
    close_database()
    open_database(database)
    assert Case.get_by_id(case.id).contacted_at == datetime(2026, 10, 12, 15, 0)
    assert "problem_found" in {c.name for c in db.get_columns("verification_observer")}
