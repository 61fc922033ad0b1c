"""Progress messages for 办理进展 (with its note), a cleared complaint and a completed duty step."""

from datetime import datetime, timedelta

import pytest

from wzdesk.cases import lifecycle
from wzdesk.cases.duties import complete
from wzdesk.citizen.complaints import clear_complaint, record_complaint
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseDutyStep, Category, DutyStep, ProgressMessage
from wzdesk.office import settings

T = datetime(2026, 11, 2, 9, 0)
SEED_NOTE = "勘查完成，维保单位已采购配件，5个工作日内安装"

@pytest.fixture
def operator(admin):
    """These steps change the calendar or the settings: an administrator's right, not the system account's."""
    return admin



def _accepted(operator, dept, category=None) -> Case:
    case = lifecycle.intake({"title": "小区电梯停运", "petitioner_phone": "13812345678", "category": category},
                            T, operator)
    lifecycle.dispatch(case, dept, T + timedelta(hours=1), operator)
    lifecycle.accept(case, T + timedelta(hours=2), operator, expected_at=T + timedelta(days=3))
    return Case.get_by_id(case.id)


def _last(case: Case) -> ProgressMessage:
    return ProgressMessage.select().where(ProgressMessage.case == case).order_by(ProgressMessage.id.desc()).get()


def test_a_progress_note_reaches_the_petitioner_in_its_own_words(operator, departments):
    case = _accepted(operator, departments[0])
    lifecycle.progress(case, SEED_NOTE, T + timedelta(hours=5), operator)
    message = _last(case)
    assert message.trigger == "progress" and message.status == "pending"
    office = settings.get("office_name")
    assert message.text == f"【{office}】您反映的“小区电梯停运”（{case.code}）办理进展：{SEED_NOTE}"
    assert message.created_at == T + timedelta(hours=5)


def test_a_phone_number_typed_into_a_progress_note_is_masked(operator, departments):
    case = _accepted(operator, departments[0])
    lifecycle.progress(case, "已联系维保单位，电话13900001111", T + timedelta(hours=5), operator)
    assert "13900001111" not in _last(case).text and "139****1111" in _last(case).text


def test_a_cleared_complaint_tells_the_petitioner_and_the_office_edits_the_words(operator, departments):
    case = _accepted(operator, departments[0])
    settings.put("sms_complaint_cleared", "{code}：您的意见已处理（{department}）", T, operator)
    complaint = record_complaint(case, "办事人员态度差", T + timedelta(hours=3), operator)
    before = ProgressMessage.select().count()
    clear_complaint(complaint, "已约谈经办人并向反映人致歉（内部）", T + timedelta(hours=6), operator)
    assert ProgressMessage.select().count() == before + 1
    message = _last(case)
    assert message.trigger == "complaint_cleared"
    assert message.text == f"{case.code}：您的意见已处理（{departments[0].name}）"
    assert "内部" not in message.text


def test_a_completed_duty_step_is_announced_by_name(operator, departments):
    case = _accepted(operator, departments[1], Category.get(Category.name == "噪音扰民"))
    first = case.duty_steps.join(DutyStep).where(DutyStep.seq == 1).get()
    complete(CaseDutyStep.get_by_id(first.id), T + timedelta(hours=1, minutes=30), operator)
    message = _last(case)
    assert message.trigger == "duty_step_done"
    assert message.text == (f"【{settings.get('office_name')}】{departments[1].name}已完成您反映的“小区电梯停运”"
                            f"（{case.code}）的“联系反映人”环节。")


def test_a_refused_progress_note_queues_nothing(operator, departments):
    case = _accepted(operator, departments[0])
    before = ProgressMessage.select().count()
    with pytest.raises(UserError, match="办理进展"):
        lifecycle.progress(case, "   ", T + timedelta(hours=5), operator)
    assert ProgressMessage.select().count() == before
