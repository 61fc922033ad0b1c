"""On-site verification with bookings and photos, and handling complaints that turn a case red."""

from datetime import datetime, timedelta

import pytest

from tests.citizen.citizen_helpers import replied_case
from wzdesk.board.colours import colour_of
from wzdesk.cases import lifecycle
from wzdesk.citizen import complaints, verification
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseEvent, Observer, ProgressMessage, Verification, VerificationPhoto

T = datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def observer(database):
    return Observer.create(name="周建国", community="龙须塘社区", phone="13700001234", joined_on=T.date())


def test_booking_is_an_event_and_a_message_with_the_time(operator, departments, observer):
    case = replied_case(departments[0], T, operator)
    booking = verification.book(case, datetime(2026, 11, 4, 15, 30), "王芳", T + timedelta(hours=4), operator,
                                with_petitioner=True, observers=[observer])
    event = CaseEvent.select().where(CaseEvent.case == case).order_by(CaseEvent.id.desc()).first()
    # Issue 19: events name observers by id, never by name.
    assert event.action == "verification_booked" and f"观察员（编号 {observer.id}）" in event.note
    assert "周建国" not in event.note
    message = ProgressMessage.select().order_by(ProgressMessage.id.desc()).first()
    assert message.trigger == "verification_booked" and "11月4日 15:30" in message.text
    assert verification.pending_booking(case) == booking
    with pytest.raises(UserError, match="已预约现场核验"):
        verification.book(case, datetime(2026, 11, 5, 9, 0), "王芳", T + timedelta(hours=5), operator)


def test_booking_needs_a_replied_case_and_a_person(operator, departments):
    case = lifecycle.intake({"title": "噪音"}, T, operator)
    with pytest.raises(UserError, match="不能预约"):
        verification.book(case, T + timedelta(days=1), "王芳", T, operator)
    case = replied_case(departments[0], T, operator)
    with pytest.raises(UserError, match="核验人员"):
        verification.book(case, T + timedelta(days=1), " ", T + timedelta(hours=4), operator)
    assert Verification.select().count() == 0


def test_failed_booked_check_reopens_for_rework_with_photos_hashed(operator, departments, observer, tmp_path):
    case = replied_case(departments[0], T, operator)
    booking = verification.book(case, T + timedelta(days=1), "王芳", T + timedelta(hours=4), operator,
                                observers=[observer])
    photo = tmp_path / "现场 照片.jpg"
    photo.write_bytes(b"\xff\xd8 photo bytes")
    root = tmp_path / "照片库"
    record = verification.record_result(case, False, "仍有两盏不亮", T + timedelta(days=1), operator,
                                        booking=booking, photos=[photo], photos_root=root,
                                        observer_findings={observer.id: "确实不亮"})
    assert record.id == booking.id and record.result == "failed"
    case = Case.get_by_id(case.id)
    assert case.status == "in_progress" and case.flag_false_closure and case.reopen_count == 1
    stored = VerificationPhoto.get(VerificationPhoto.verification == record)
    assert stored.path.startswith(str(root / case.code)) and stored.sha256 == verification.sha256_of(photo)
    assert verification.photos_intact(record) == [] and record.observer_links[0].finding == "确实不亮"
    actions = [e.action for e in CaseEvent.select().where(CaseEvent.case == case).order_by(CaseEvent.id)][-2:]
    assert actions == ["verify_fail", "verification_photos"]
    assert ProgressMessage.select().order_by(ProgressMessage.id.desc()).first().trigger == "reopened"


def test_a_missing_photo_refuses_the_result_and_writes_nothing(operator, departments, tmp_path):
    case = replied_case(departments[0], T, operator)
    with pytest.raises(UserError, match="找不到照片"):
        verification.record_result(case, True, "已修好", T + timedelta(days=1), operator,
                                   photos=[tmp_path / "没有.jpg"], photos_root=tmp_path / "库")
    assert Case.get_by_id(case.id).status == "replied" and Verification.select().count() == 0


def test_close_needs_a_passed_check_or_a_rating_not_dissatisfied(operator, departments, tmp_path):
    case = replied_case(departments[0], T, operator)
    with pytest.raises(UserError, match="还不能办结"):
        lifecycle.close(case, T + timedelta(hours=4), operator)
    verification.record_result(case, True, "已修好", T + timedelta(hours=5), operator, photos_root=tmp_path)
    assert lifecycle.close(Case.get_by_id(case.id), T + timedelta(hours=6), operator).status == "closed"


def test_three_level_scale_refuses_five_level_verdicts(operator, departments, admin):
    from wzdesk.office import settings

    settings.put("rating_scale", 3, T, admin)
    case = replied_case(departments[0], T, operator)
    with pytest.raises(UserError, match="三档"):
        lifecycle.rate(case, "very_satisfied", T + timedelta(hours=4), operator)
    # Issue 15: the three levels are the seed's 满意 基本满意 不满意, not 一般.
    with pytest.raises(UserError, match="三档"):
        lifecycle.rate(case, "neutral", T + timedelta(hours=4), operator)
    assert lifecycle.rate(case, "basically_satisfied", T + timedelta(hours=4), operator).scale == 3


def test_complaint_turns_the_case_red_until_every_complaint_is_cleared(operator, departments):
    case = replied_case(departments[0], T, operator)
    at = T + timedelta(hours=4)
    assert colour_of(case.id, at, 7) != "red"
    first = complaints.record_complaint(case, "回复说已处理，可路灯还是不亮", at, operator, channel="电话")
    second = complaints.record_complaint(case, "没人联系我", at + timedelta(hours=1), operator)
    assert Case.get_by_id(case.id).flag_complaint and colour_of(case.id, at, 7) == "red"
    with pytest.raises(UserError, match="处理说明"):
        complaints.clear_complaint(first, "  ", at + timedelta(hours=2), operator)
    complaints.clear_complaint(first, "已联系反映人，路灯已修复", at + timedelta(hours=2), operator)
    assert Case.get_by_id(case.id).flag_complaint
    complaints.clear_complaint(second, "已回电说明", at + timedelta(hours=3), operator)
    assert not Case.get_by_id(case.id).flag_complaint
    with pytest.raises(UserError, match="处理过"):
        complaints.clear_complaint(Case.get_by_id(case.id).complaints[0], "再处理", at + timedelta(hours=4), operator)
    actions = [e.action for e in CaseEvent.select().where(CaseEvent.case == case).order_by(CaseEvent.id)][-4:]
    assert actions == ["complaint", "complaint", "complaint_cleared", "complaint_cleared"]


def test_an_empty_complaint_is_refused(operator, departments):
    case = replied_case(departments[0], T, operator)
    with pytest.raises(UserError, match="吐槽的内容"):
        complaints.record_complaint(case, "", T + timedelta(hours=4), operator)
    assert not Case.get_by_id(case.id).flag_complaint
