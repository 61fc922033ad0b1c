"""Which steps a case offers and why not: each greyed step's reason is the refusal its service gives."""

from datetime import datetime, timedelta

import pytest

from wzdesk.cases import lifecycle, repeats
from wzdesk.cases.offers import case_offers, refusal
from wzdesk.citizen import verification
from wzdesk.citizen.queues import citizen_offers
from wzdesk.errors import UserError

AT = datetime(2026, 11, 19, 9, 0)


def _offers(case) -> dict[str, str]:
    return {offer.action: offer.reason for offer in case_offers(case)}


def _dispatched(departments, operator, title="红旗路路灯不亮"):
    case = lifecycle.intake({"title": title}, AT, operator)
    return lifecycle.dispatch(case, departments[0], AT, operator)


def test_a_received_case_offers_dispatch_and_merge_only(departments, operator):
    case = lifecycle.intake({"title": "红旗路路灯不亮"}, AT, operator)
    assert _offers(case) == {"dispatch": "", "merge": ""}


def test_the_first_receiver_may_not_return_and_the_reason_is_the_services(departments, operator):
    case = _dispatched(departments, operator)
    offers = _offers(case)
    assert offers["accept"] == "" and offers["reassign"] == ""
    assert "首接负责制" in offers["return"]
    with pytest.raises(UserError) as refused:
        lifecycle.return_case(case, "不属于本单位职责", AT, operator)
    assert str(refused.value) == offers["return"]


def test_reassign_needs_another_active_department(departments, operator):
    case = _dispatched(departments, operator)
    for dept in departments[1:]:
        dept.active = False
        dept.save()
    assert "没有其他在用的承办单位" in refusal(case, "reassign")


def test_close_waits_for_a_check_or_a_rating_and_a_booked_check_takes_its_result(departments, operator):
    case = _dispatched(departments, operator)
    lifecycle.accept(case, AT, operator)
    lifecycle.reply(case, "已更换灯泡", AT + timedelta(hours=2), operator)
    offers = _offers(case)
    assert set(offers) == {"verify_pass", "verify_fail", "rate", "close", "reopen", "merge"}
    assert "还不能办结" in offers["close"] and offers["verify_pass"] == "" and offers["rate"] == ""
    verification.book(case, AT + timedelta(days=1), "王芳", AT + timedelta(hours=3), operator)
    offers = _offers(case)
    assert "登记核验结果" in offers["verify_pass"] and "登记核验结果" in offers["verify_fail"]
    by_citizen = {o.action: o.reason for o in citizen_offers(case)}
    assert "已预约" in by_citizen["book_verification"] and by_citizen["verification_result"] == ""
    lifecycle.rate(case, "satisfied", AT + timedelta(hours=4), operator, solved=True)
    assert _offers(case)["close"] == ""


def test_a_main_case_with_repeats_may_not_itself_be_merged(departments, operator):
    main = _dispatched(departments, operator)
    repeat = lifecycle.intake({"title": "红旗路路灯还是不亮"}, AT, operator)
    repeats.merge(repeat, main, AT + timedelta(hours=1), operator)
    assert "已并有重复诉求" in _offers(main)["merge"]
    assert _offers(repeat) == {"unmerge": ""}
    other = _dispatched(departments, operator, "别处的路灯")
    with pytest.raises(UserError) as refused:
        repeats.merge(main, other, AT + timedelta(hours=2), operator)
    assert str(refused.value) == _offers(main)["merge"]
