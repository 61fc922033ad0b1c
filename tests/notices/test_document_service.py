"""Documents composed from the database: letters, interview notices, the monthly notice, certificates, batches."""

import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from tests.documents.pdfprobe import A4_PORTRAIT, PHONE, page_sizes, page_texts
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.errors import UserError
from wzdesk.models import Accountability, AccountabilityCase, Case, LadderStep, Notice, NoticeCase, Observer
from wzdesk.notices import service as document_service
from wzdesk.office import settings
from wzdesk.supervision.ladder import run_ladder

NOW = datetime(2026, 11, 20, 10, 0)
NUMBER = re.compile(r"邵问督函〔2026〕\d+号")


@pytest.fixture
def ladder_db(operator):
    """A 400-case demo database after the ladder ran on NOW."""
    fill(400, 3, NOW, operator, DemoProgress())
    run_ladder(NOW, operator)
    return operator


def text_of(path) -> str:
    """Return the text of every page with line breaks and the spaces of wrapped table cells removed."""
    return re.sub(r"\s", "", "".join(page_texts(path)))


def font_descriptors(path) -> list[dict]:
    """Return the font descriptor of every font on every page."""
    found = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            found.append(font["/FontDescriptor"].get_object())
    return found


def assert_printable(path) -> None:
    """A4 portrait pages and every font embedded as a TrueType program."""
    assert all(size == pytest.approx(A4_PORTRAIT, abs=0.5) for size in page_sizes(path))
    descriptors = font_descriptors(path)
    assert descriptors and all("/FontFile2" in d for d in descriptors)


def first(kind: str) -> Notice:
    return Notice.select().where(Notice.kind == kind).order_by(Notice.id).first()


def test_supervision_letter_prints_number_department_and_cases(ladder_db, tmp_path):
    """A supervision letter carries its stored number, its department and the codes of its cases."""
    notice = first("supervision_letter")
    out = document_service.render_notice(notice, tmp_path / "督办 函.pdf")
    text = text_of(out)
    assert "关于限期办结超期诉求件的督办函" in text
    assert notice.number_text in text and NUMBER.search(text)
    assert notice.recipient in text
    codes = [link.case.code for link in NoticeCase.select().where(NoticeCase.notice == notice)]
    assert codes and all(code in text for code in codes)
    assert_printable(out)


def test_interview_notice_gives_time_place_and_post(ladder_db, tmp_path):
    """An interview notice takes time, place and conductor from its Interview and names the post, not the person."""
    notice = first("interview_notice")
    interview = notice.interviews.get()
    text = text_of(document_service.render_notice(notice, tmp_path / "约谈.pdf"))
    assert notice.title in text and notice.title.startswith("关于约谈") and notice.title.endswith("的通知")
    assert "约谈事由" in text and notice.number_text in text
    assert interview.place in text and f"{interview.scheduled_at.month}月{interview.scheduled_at.day}日" in text
    if interview.interviewee:
        assert interview.interviewee not in text


def test_monthly_notice_names_units_never_private_people(ladder_db, tmp_path):
    """The monthly notice lists units and posts; no phone number, petitioner or person held to account appears."""
    record = Accountability.select().where(Accountability.status == "confirmed").first()
    case = Case.select().where(Case.petitioner_name != "").first()
    record.reason = f"反映人{case.petitioner_name}（13812345678）多次来电，经办人{record.person_name or '张伟'}推诿"
    record.person_name = record.person_name or "张伟"
    record.decided_on = date(2026, 10, 15)
    record.save()
    AccountabilityCase.get_or_create(record=record, case=case)
    notice, out = document_service.generate_monthly("2026-10", tmp_path / "十月 通报.pdf", NOW)
    text = text_of(out)
    assert "2026年10月" in text and notice.number_text in text and record.department.name in text
    assert not PHONE.search(text)
    assert case.petitioner_name not in text and record.person_name not in text
    assert notice.issued_on == date(2026, 11, settings.get("notice_day"))  # Thursday 2026-11-05, a working day
    assert_printable(out)


def test_monthly_notice_lists_units_whose_cases_reached_the_public_notice_rung(ladder_db, tmp_path):
    """Cases still open three rounds on are named by their unit in the next notice, petitioners never."""
    for day in (datetime(2026, 11, 30, 9), datetime(2026, 12, 8, 9)):
        run_ladder(day, ladder_db)
    steps = list(LadderStep.select().where(LadderStep.step == "public_notice"))
    assert steps, "the demo should leave some cases open for three rounds"
    # A month's notice is issued once the month has ended (issue 16): December's in January.
    _notice, out = document_service.generate_monthly("2026-12", tmp_path / "通报.pdf", datetime(2027, 1, 6, 9))
    text = text_of(out)
    assert all(step.department.name in text for step in steps)
    assert not any(step.case.petitioner_name in text for step in steps if step.case.petitioner_name)


def test_regenerating_the_monthly_notice_reuses_its_number(ladder_db, tmp_path):
    """A month has one public notice: generating it again prints the same registered number."""
    first_notice, _ = document_service.generate_monthly("2026-10", tmp_path / "a.pdf", NOW)
    again, out = document_service.generate_monthly("2026-10", tmp_path / "b.pdf", NOW)
    assert again.id == first_notice.id
    assert Notice.select().where(Notice.kind == "public_notice").count() == 1
    assert first_notice.number_text in text_of(out)


def test_bad_month_and_missing_folder_are_refused_in_chinese(ladder_db, tmp_path):
    """Refusals name what is wrong and register nothing."""
    with pytest.raises(UserError, match="YYYY-MM"):
        document_service.generate_monthly("2026-13", tmp_path / "x.pdf", NOW)
    with pytest.raises(UserError, match="不存在"):
        document_service.generate_monthly("2026-10", tmp_path / "没有 这个" / "x.pdf", NOW)
    assert not Notice.select().where(Notice.kind == "public_notice").exists()


def test_batch_writes_one_pdf_per_document_and_a_combined_one(ladder_db, tmp_path):
    """Every document of the day gets its own file named by number, and one combined PDF holds them all."""
    folder = tmp_path / "今日 文书"
    folder.mkdir()
    batch = document_service.render_batch(NOW.date(), folder)
    expected = document_service.day_notices(NOW.date())
    assert expected and len(batch.files) == len(expected)
    assert {p.name for p in batch.files} == {document_service.file_name(n) for n in expected}
    assert all(n.number_text in p.name for n, p in zip(expected, batch.files, strict=True))
    pages = sum(len(PdfReader(p).pages) for p in batch.files)
    assert len(PdfReader(batch.combined).pages) == pages


def test_certificate_names_the_observer_alone(ladder_db, tmp_path):
    """The 监督能手 certificate goes to the observer by name, with no phone or ID number."""
    observer = Observer.select().first()
    text = text_of(document_service.render_observer_certificate(observer.id, tmp_path / "证书.pdf", NOW.date()))
    assert "监督能手证书" in text and observer.name in text
    assert observer.phone not in text if observer.phone else True
    with pytest.raises(UserError, match="没有编号为"):
        document_service.render_observer_certificate(99999, tmp_path / "x.pdf", NOW.date())


def test_ambiguous_and_unknown_numbers_are_refused(ladder_db):
    """Numbers repeat across kinds: a bare number that matches several asks for the kind."""
    with pytest.raises(UserError, match="没有文号"):
        document_service.find_notice("邵问督〔2026〕999号")
    notice = first("supervision_letter")
    assert document_service.find_notice(notice.number_text, "supervision_letter").id == notice.id


def test_font_setting_pointing_nowhere_becomes_a_chinese_refusal(ladder_db, tmp_path, admin):
    """A wrong font file in the settings is reported, not silently replaced."""
    settings.put("font_fangsong", str(tmp_path / "没有.ttf"), NOW, admin)
    with pytest.raises(UserError):
        document_service.render_notice(first("supervision_letter"), tmp_path / "x.pdf")
