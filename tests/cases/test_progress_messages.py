"""Progress messages (进度小喇叭): one per step that matters, from editable templates, never leaking."""

from datetime import datetime, timedelta

import pytest

from tests.citizen.citizen_helpers import replied_case
from wzdesk.cases import lifecycle, messages
from wzdesk.models import Case, ProgressMessage
from wzdesk.office import settings

T = datetime(2026, 11, 2, 9, 0)


def _triggers(case) -> list[str]:
    query = ProgressMessage.select().where(ProgressMessage.case == case).order_by(ProgressMessage.id)
    return [m.trigger for m in query]


def test_each_step_that_matters_queues_one_message_in_the_same_transaction(operator, departments):
    case = replied_case(departments[0], T, operator)
    lifecycle.rate(case, "satisfied", T + timedelta(hours=4), operator)
    lifecycle.close(Case.get_by_id(case.id), T + timedelta(hours=5), operator)
    lifecycle.reopen(Case.get_by_id(case.id), "回访发现问题依旧", T + timedelta(hours=6), operator)
    assert _triggers(case) == ["received", "dispatched", "accepted", "replied", "closed", "reopened"]
    assert all(m.status == "pending" for m in ProgressMessage.select())


def test_a_refused_step_queues_no_message(operator, departments):
    case = replied_case(departments[0], T, operator)
    before = ProgressMessage.select().count()
    with pytest.raises(Exception, match="还不能办结"):
        lifecycle.close(case, T + timedelta(hours=4), operator)
    assert ProgressMessage.select().count() == before


def test_text_names_department_and_dates_but_never_notes_or_phone_numbers(operator, departments):
    case = replied_case(departments[0], T, operator, title="13812345678 家门口路灯不亮")
    texts = [m.text for m in ProgressMessage.select().where(ProgressMessage.case == case)]
    accepted = texts[2]
    assert departments[0].name in accepted and "11月5日" in accepted and case.code in accepted
    for text in texts:
        assert "13812345678" not in text and "13900001111" not in text and "内部" not in text
    assert "138****5678" in texts[0]


def test_office_edits_a_template_and_unknown_placeholders_stay_visible(operator, departments, admin):
    settings.put("sms_received", "{code}已受理，联系{phone}", T, admin)
    case = lifecycle.intake({"title": "噪音扰民", "petitioner_phone": "13812345678"}, T, operator)
    assert ProgressMessage.get(ProgressMessage.case == case).text == f"{case.code}已受理，联系{{phone}}"


def test_a_case_without_a_phone_gets_a_failed_message_with_the_reason(operator, departments):
    case = lifecycle.intake({"title": "噪音扰民"}, T, operator)
    message = ProgressMessage.get(ProgressMessage.case == case)
    assert message.status == "failed" and message.error == messages.NO_PHONE


def test_scrub_keeps_long_platform_codes_but_masks_landlines():
    case = Case(code="2026112000123", title="", petitioner_phone="")
    # Issue 19: landlines as DESIGN.md "Privacy" gives them, the area code kept (0739-****234).
    assert messages.scrub("编号2026112000123，电话0739-5212345", case) == "编号2026112000123，电话0739-****345"
