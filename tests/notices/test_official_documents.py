"""Issue 16: numbers unique across kinds, working-day dates, a truthful notice, 版记 on an even page."""

import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from tests.documents.pdfprobe import page_texts, runs
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.documents.gbt9704 import CHAR, LEFT_MARGIN, TYPE_WIDTH
from wzdesk.errors import UserError
from wzdesk.models import Accountability, Case, CaseEvent, Notice
from wzdesk.notices import service as document_service
from wzdesk.office import settings
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.supervision.ladder import run_ladder

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture
def escalated(operator):
    """A 400-case demo after ladder runs on three working days."""
    fill(400, 3, NOW, operator, DemoProgress())
    for day in (NOW, datetime(2026, 11, 30, 9), datetime(2026, 12, 8, 9)):
        run_ladder(day, operator)
    return operator


def flat(path) -> str:
    return re.sub(r"\s", "", "".join(page_texts(path)))


def test_no_number_repeats_and_every_date_is_a_working_day(escalated):
    """Over a demo and several ladder runs every number text is unique and every document dated on a working day."""
    notices = list(Notice.select())
    texts = [n.number_text for n in notices]
    assert len(texts) == len(set(texts)) and len({n.kind for n in notices}) >= 3
    cal = WorkCalendar.from_db()
    assert all(cal.is_workday(n.issued_on) for n in notices)
    assert all(n.number_text.startswith(settings.get(f"doc_code_{n.kind}")) for n in notices)


def test_a_number_alone_finds_its_document(escalated, tmp_path):
    """notice one needs no kind: each text names one document, and its PDF prints the register title."""
    for kind in ("reminder_letter", "supervision_letter", "interview_notice"):
        notice = Notice.select().where(Notice.kind == kind).first()
        assert document_service.find_notice(notice.number_text).id == notice.id
        out = document_service.render_notice(notice, tmp_path / f"{kind}.pdf")
        assert notice.title in flat(out) and notice.number_text in flat(out)


def test_interview_notice_is_a_tongzhi_with_its_reason(escalated, tmp_path):
    """The interview document is titled 关于约谈……的通知 and gives its 事由."""
    notice = Notice.select().where(Notice.kind == "interview_notice").first()
    text = flat(document_service.render_notice(notice, tmp_path / "约谈.pdf"))
    assert re.search(r"关于约谈.+的通知", text) and "约谈事由" in text and "约谈通知书" not in text


def test_every_multi_page_document_has_its_banji_on_an_even_unnumbered_page(escalated, tmp_path):
    """Each kind that runs over a page ends on an even page holding the 版记 and no page number."""
    for kind in ("reminder_letter", "supervision_letter", "interview_notice"):
        notice = Notice.select().where(Notice.kind == kind).first()
        path = document_service.render_notice(notice, tmp_path / f"{kind}.pdf")
        texts = page_texts(path)
        if len(texts) > 1:
            assert len(texts) % 2 == 0 and "抄送" in texts[-1]
            if not any(ch in texts[-1] for ch in "特此"):
                assert "—" not in texts[-1]


def test_sealed_signature_date_four_characters_in_and_name_centred_over_it(escalated, tmp_path):
    """GB/T 9704 7.3.5.1: the date ends 4 characters from the right, the name is centred above it."""
    notice = Notice.select().where(Notice.kind == "supervision_letter").first()
    path = document_service.render_notice(notice, tmp_path / "督办函.pdf")
    for index in range(len(PdfReader(path).pages)):
        found = [r for r in runs(path, index) if r.text == f"{notice.issued_on.year}年{notice.issued_on.month}月"
                 f"{notice.issued_on.day}日"]
        names = [r for r in runs(path, index) if r.text == settings.get("office_name") and r.colour == (0, 0, 0)]
        if found and names:
            day, name = found[0], next(n for n in names if n.y > found[0].y)
            day_width = 16 * len(day.text.replace("年", "").replace("月", "").replace("日", "")) * 0.5 + 16 * 3
            assert day.x + day_width == pytest.approx(LEFT_MARGIN + TYPE_WIDTH - 4 * CHAR, abs=12)
            assert name.y - day.y == pytest.approx(225 / 22 * 72 / 25.4, abs=1)
            return
    pytest.fail("no signature found")


def test_a_month_with_overdue_cases_but_no_sanction_says_exactly_that(escalated, tmp_path):
    """No sanction in December: the notice says so with December's overdue and supervised counts."""
    Accountability.update(status="dismissed").where(Accountability.decided_on >= date(2026, 12, 1)).execute()
    start, end = datetime(2026, 12, 1), datetime(2027, 1, 1)
    overdue = sum(1 for c in Case.select().where(Case.due_at >= start, Case.due_at < end)
                  if c.replied_at is None or c.replied_at > c.due_at)
    notice, out = document_service.generate_monthly("2026-12", tmp_path / "十二月.pdf", datetime(2027, 1, 6, 9))
    text = flat(out)
    assert "本月未作出问责决定" in text and f"超期诉求{overdue}件" in text
    assert "均按时办理" not in text and "依规进行了问责" not in text
    count = CaseEvent.select().count()
    last = CaseEvent.select().order_by(CaseEvent.id.desc()).get()
    assert f"{count}:{last.hash[:16]}" in text
    assert notice.issued_on == date(2027, 1, 5) and notice.number_text.startswith("邵问督通〔2027〕")


def test_monthly_notice_is_dated_after_a_holiday_and_never_for_a_month_not_ended(escalated, tmp_path):
    """September's notice: 10-05 is 国庆, so the first working day after; November's is refused on 11-20."""
    notice = document_service.monthly_notice("2026-09", NOW)
    cal = WorkCalendar.from_db()
    assert notice.issued_on >= date(2026, 10, 5) and cal.is_workday(notice.issued_on)
    assert all(not cal.is_workday(date(2026, 10, d)) for d in range(5, notice.issued_on.day))
    with pytest.raises(UserError, match="尚未结束"):
        document_service.monthly_notice("2026-11", NOW)
    assert Notice.select().where(Notice.kind == "public_notice").count() == 1


def test_two_kinds_may_not_share_a_code(escalated, admin):
    """The 机关代字 of each kind is its own."""
    with pytest.raises(UserError, match="互不相同"):
        settings.put("doc_code_reminder_letter", "邵问督函", NOW, admin)
