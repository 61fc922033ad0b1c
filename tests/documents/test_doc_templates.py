"""Templates in reports/: filled from a context, editable by an office, clear errors, nothing private."""

import re
import shutil
from datetime import date

import pytest
from pdfprobe import PHONE, page_texts

from wzdesk.documents import (
    KINDS,
    ItemList,
    Paragraph,
    Table,
    TemplateError,
    build_certificate,
    build_document,
    format_chinese_date,
    format_number,
    load_letterhead,
    monthly_notice_date,
    render,
)
from wzdesk.documents.formatting import chinese_numeral, mask_private
from wzdesk.documents.samples import sample_cases, sample_context, sample_entries
from wzdesk.documents.templates import default_reports_dir


@pytest.fixture
def reports(tmp_path):
    """Return a copy of the shipped reports/ folder, in a path with Chinese and spaces, to edit."""
    return shutil.copytree(default_reports_dir(), tmp_path / "本室 模板")


def _edit(path, old: str, new: str) -> None:
    """Replace text in a template file, as a clerk would in Notepad."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_format_number_follows_gbt9704():
    """邵问督〔2026〕12号: hexagonal brackets, full year, no leading zeros, no 第."""
    assert format_number("{short}〔{year}〕{n}号", "邵问督", 2026, 12) == "邵问督〔2026〕12号"
    assert format_number("{short}〔{year}〕{n}号", "邵问督", 2026, 1) == "邵问督〔2026〕1号"
    with pytest.raises(ValueError, match="序号从1开始"):
        format_number("{short}〔{year}〕{n}号", "邵问督", 2026, 0)
    with pytest.raises(ValueError, match="只能包含"):
        format_number("{short}〔{yr}〕{n}号", "邵问督", 2026, 3)


def test_dates_are_written_in_arabic_numerals_without_leading_zeros():
    """2026年11月5日, and the monthly notice of October is issued on 5 November (December → January)."""
    assert format_chinese_date(date(2026, 11, 5)) == "2026年11月5日"
    assert monthly_notice_date("2026-10") == date(2026, 11, 5)
    assert monthly_notice_date("2026-12") == date(2027, 1, 5)
    with pytest.raises(ValueError, match="YYYY-MM"):
        monthly_notice_date("2026年10月")


def test_heading_numerals_and_privacy_mask():
    """Chinese numerals for headings; phone and ID numbers masked, case codes left alone."""
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    assert mask_private("电话13812345678") == "电话138****5678"
    assert mask_private("身份证430502199001011234") == "身份证430***********1234"
    codes = "工单WZ-2026-000123，平台编号202610080001234"
    assert mask_private(codes) == codes


def test_emoji_in_case_titles_are_dropped_not_printed_as_boxes():
    """A citizen's 😡 in a case title is removed; the Chinese around it stays."""
    cases = sample_cases(1)
    cases[0]["title"] = "路灯不亮😡😡，晚上漆黑🌃"
    doc = build_document("reminder_letter", {**sample_context("reminder_letter"), "cases": cases})
    items = next(block for block in doc.body if isinstance(block, ItemList)).items
    assert "路灯不亮，晚上漆黑" in items[0] and "😡" not in items[0]


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_fills_from_the_sample_context(kind):
    """Every template fills completely from a context of the fields the integrator supplies."""
    doc = build_document(kind, sample_context(kind))
    codes = {"reminder_letter": "邵问督提", "supervision_letter": "邵问督函", "coordination": "邵问督协",
             "interview_notice": "邵问督约", "public_notice": "邵问督通"}
    assert doc.number == f"{codes[kind]}〔2026〕12号"
    assert doc.office_name == doc.signature == doc.issuer == "邵阳市网络问政督办室"
    assert doc.issued_on == doc.date == date(2026, 11, 5)
    assert doc.body and doc.copy_to
    assert "{" not in repr(doc.body)


def test_number_is_made_from_the_letterhead_pattern_when_only_a_serial_is_given():
    """Without a full number, serial + year + the letterhead's pattern give it."""
    context = {**sample_context("reminder_letter"), "serial": 7}
    del context["number"]
    assert build_document("reminder_letter", context).number == "邵问督〔2026〕7号"


def test_supervision_letter_lists_cases_in_a_table():
    """The 督办函 table carries code, title, due date, days overdue and status for each case."""
    doc = build_document("supervision_letter", sample_context("supervision_letter"))
    table = next(block for block in doc.body if isinstance(block, Table))
    assert table.header[:3] == ["序号", "工单编号", "诉求事项"]
    assert table.rows[0][:3] == ["1", "WZ-2026-000123", "双清区龙须塘街道建设路路灯不亮（市政设施）"]
    assert "2026.10.11" in table.rows[0]


def test_missing_placeholder_names_the_template_file_and_placeholder():
    """A context without reply_due fails with the file name and {reply_due} in Chinese."""
    context = sample_context("supervision_letter")
    del context["reply_due"]
    with pytest.raises(TemplateError) as caught:
        build_document("supervision_letter", context)
    message = str(caught.value)
    assert "supervision_letter.toml" in message and "{reply_due}" in message and "没有提供" in message


def test_template_cannot_print_petitioner_fields_even_when_given(reports):
    """A template edited to print {petitioner} fails: case rows only carry the whitelisted fields."""
    _edit(reports / "reminder_letter.toml", "当前状态为“{status_label}”", "反映人{petitioner}")
    with pytest.raises(TemplateError, match=r"\{petitioner\}.*每行可用"):
        build_document("reminder_letter", sample_context("reminder_letter"), reports)


def test_public_notice_names_units_never_people_or_phone_numbers(fonts, tmp_path):
    """Petitioner names and phones given by mistake never reach the monthly notice PDF."""
    entries = sample_entries(8)
    entries[0]["outcome"] = "经回访（反映人电话13812345678）已整改"
    context = {**sample_context("public_notice"), "entries": entries, "cases": sample_cases(4),
               "petitioner": "王秀英", "phone": "13812345678"}
    path = render(build_document("public_notice", context), tmp_path / "通报.pdf", fonts)
    text = "".join(page_texts(path)).replace("\n", "")
    assert "邵阳市城市管理和综合执法局" in text.replace(" ", "")
    assert not PHONE.search(text)
    assert "138****5678" in text
    for private in ("王秀英", "李建国", "WZ-2026-000123"):
        assert private not in text


def test_letters_never_print_the_petitioner(fonts, tmp_path):
    """Reminder and supervision letters list cases but no petitioner name or phone."""
    for kind in ("reminder_letter", "supervision_letter", "interview_notice"):
        path = render(build_document(kind, sample_context(kind)), tmp_path / f"{kind}.pdf", fonts)
        text = "".join(page_texts(path)).replace("\n", "")
        assert "WZ-2026-000123" in text
        assert "王秀英" not in text and not PHONE.search(text)


def test_public_notice_without_entries_says_so_instead_of_an_empty_table():
    """A month with no sanctions prints a sentence, not a table with only its header."""
    none = "本月未作出问责决定。本月到期未答复的超期诉求140件，列入督办清单37件。"
    doc = build_document("public_notice", {**sample_context("public_notice"), "entries": [],
                                           "figures_sanctions": none})
    assert not any(isinstance(block, Table) for block in doc.body)
    texts = [block.text for block in doc.body if isinstance(block, Paragraph)]
    assert none in texts and not any("均按时办理" in text for text in texts)


def test_office_edits_to_wording_and_letterhead_take_effect(reports):
    """Changing reports/*.toml changes the documents: no code involved."""
    _edit(reports / "letterhead.toml", 'name = "邵阳市网络问政督办室"', 'name = "邵阳市网络问政工作办公室"')
    _edit(reports / "reminder_letter.toml", "特此函告。", "特此提醒。")
    assert load_letterhead(reports).office_name == "邵阳市网络问政工作办公室"
    doc = build_document("reminder_letter", sample_context("reminder_letter"), reports)
    assert doc.office_name == "邵阳市网络问政工作办公室"
    assert doc.body[-1] == Paragraph("特此提醒。")


def test_broken_toml_is_reported_with_its_file(reports):
    """A syntax error in a template names the file."""
    _edit(reports / "interview_notice.toml", 'title = "关于约谈', 'title = "关于约谈"')
    with pytest.raises(TemplateError, match=re.escape(str(reports / "interview_notice.toml"))):
        build_document("interview_notice", sample_context("interview_notice"), reports)


def test_unknown_kind_and_missing_file_are_clear_errors(reports):
    """An unknown kind or a deleted template gives a Chinese message."""
    with pytest.raises(TemplateError, match="未知的文书种类"):
        build_document("thank_you_letter", {})
    (reports / "public_notice.toml").unlink()
    with pytest.raises(TemplateError, match="找不到模板文件"):
        build_document("public_notice", sample_context("public_notice"), reports)


def test_certificate_uses_the_default_citation_when_none_is_given():
    """Without a citation the template's default, naming the community and the year, is used."""
    cert = build_certificate(sample_context("certificate"))
    assert cert.recipient == "刘桂兰同志："
    assert "双清区龙须塘街道建设路社区" in cert.citation and "2026年度" in cert.citation
    custom = build_certificate({**sample_context("certificate"), "citation": "发现工地夜间施工噪音超标。"})
    assert custom.citation == "发现工地夜间施工噪音超标。"
