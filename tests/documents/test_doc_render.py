"""Rendered official documents: A4, extractable Chinese, embedded fonts, GB/T 9704 page furniture."""

import re
from datetime import date

import pytest
from pdfprobe import (
    A4_PORTRAIT,
    fonts_without_file,
    page_sizes,
    page_texts,
    pdffonts_embedded,
    runs,
    truetype_fonts,
)

from wzdesk.documents import (
    KINDS,
    Heading,
    ItemList,
    OfficialDocument,
    Paragraph,
    Table,
    build_document,
    render,
)
from wzdesk.documents.gbt9704 import (
    BOTTOM_MARGIN,
    HEADER_SIZE,
    LEFT_MARGIN,
    LINE,
    PAGE_WIDTH,
    RED,
    TYPE_WIDTH,
    _header_fit,
)
from wzdesk.documents.samples import sample_context, sample_entries

NUMBER = "邵问督〔2026〕12号"


def _doc(body, **changes) -> OfficialDocument:
    """Return a document with the office's usual header and 版记 around the given body."""
    fields = dict(office_name="邵阳市网络问政督办室", number=NUMBER, title="关于限期办结超期诉求件的督办函",
                  addressee="邵阳市城市管理和综合执法局", body=body, signature="邵阳市网络问政督办室",
                  date=date(2026, 11, 5), issuer="邵阳市网络问政督办室", issued_on=date(2026, 11, 5),
                  copy_to=["市委办公室", "市纪委监委"])
    return OfficialDocument(**{**fields, **changes})


@pytest.fixture(scope="module")
def rendered(fonts, tmp_path_factory) -> dict[str, object]:
    """Render every kind once from the sample contexts into a folder with Chinese and spaces."""
    folder = tmp_path_factory.mktemp("docs") / "督办 文书"
    return {kind: render(build_document(kind, sample_context(kind)), folder / f"{name} 第12号.pdf", fonts)
            for kind, name in KINDS.items()}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_page_is_portrait_a4(rendered, kind):
    """Each kind prints on A4 portrait, 595.28 × 841.89 pt."""
    for width, height in page_sizes(rendered[kind]):
        assert (width, height) == pytest.approx(A4_PORTRAIT, abs=0.01)


@pytest.mark.parametrize("kind", list(KINDS))
def test_header_number_title_addressee_and_date_are_extractable(rendered, kind):
    """The office name, number with 〔〕, title, addressee with a full-width colon and date read back."""
    doc = build_document(kind, sample_context(kind))
    text = "".join(page_texts(rendered[kind])).replace("\n", "")
    assert "邵阳市网络问政督办室" in text
    assert sample_context(kind)["number"] in text
    assert doc.title.replace("\n", "") in text
    assert f"{doc.addressee}：" in text
    assert "2026年11月5日" in text


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_font_is_embedded_as_truetype(rendered, kind):
    """No font is left to the reader's machine: every one carries a FontFile2, none is Helvetica."""
    path = rendered[kind]
    assert fonts_without_file(path) == []
    assert truetype_fonts(path)
    embedded = pdffonts_embedded(path)
    if embedded is not None:  # poppler-utils confirms it where installed
        assert embedded and all(embedded)


def test_office_name_is_red_and_centred_on_the_first_page(rendered):
    """The 版头 is drawn in red, centred on the type area."""
    first_page = runs(rendered["supervision_letter"], 0)
    header = next(run for run in first_page if run.text == "邵阳市网络问政督办室")
    assert header.colour == pytest.approx((RED.red, RED.green, RED.blue), abs=0.01)
    assert LEFT_MARGIN - 1 <= header.x < PAGE_WIDTH / 2


@pytest.mark.parametrize("chars", [6, 10, 18, 30])
def test_office_name_of_any_length_fits_the_type_area(chars):
    """Long names are condensed (to 60% at most), then set smaller; the header never overflows."""
    natural = chars * HEADER_SIZE
    size, scale = _header_fit(natural, TYPE_WIDTH)
    assert natural * size / HEADER_SIZE * scale / 100 <= TYPE_WIDTH + 0.01
    assert scale >= 60 and (size == HEADER_SIZE or scale == 60)


def test_multi_page_notice_numbers_pages_and_puts_the_banji_on_the_last_only(fonts, tmp_path):
    """A 40-entry notice runs over pages: — n — on each, 抄送 and 印发 on the last page alone."""
    context = {**sample_context("public_notice"), "entries": sample_entries(40)}
    path = render(build_document("public_notice", context), tmp_path / "问责通报.pdf", fonts)
    texts = page_texts(path)
    assert len(texts) >= 3
    assert len(texts) % 2 == 0  # the 版记 stands on an even page (issue 16)
    for number, text in enumerate(texts, 1):
        if "抄送" not in text and text.strip():
            assert f"— {number} —" in text
    assert all("抄送" not in text and "印发" not in text for text in texts[:-1])
    assert "抄送：" in texts[-1] and "2026年11月5日印发" in texts[-1]


def test_table_header_row_repeats_on_each_page(fonts, tmp_path):
    """A table split over pages repeats its 黑体 header row."""
    context = {**sample_context("public_notice"), "entries": sample_entries(40)}
    path = render(build_document("public_notice", context), tmp_path / "notice.pdf", fonts)
    pages_with_rows = [text for text in page_texts(path) if "超期未办结" in text]
    assert len(pages_with_rows) >= 2
    assert all("责任单位" in text and "处理结果" in text for text in pages_with_rows)


def test_page_numbers_sit_right_on_odd_and_left_on_even_pages(fonts, tmp_path):
    """Odd page numbers are at the right, even ones at the left, below the type area."""
    context = {**sample_context("public_notice"), "entries": sample_entries(30)}
    path = render(build_document("public_notice", context), tmp_path / "notice.pdf", fonts)
    for index in range(len(page_texts(path))):
        dashes = [run for run in runs(path, index) if run.text.startswith("—")]
        if not dashes:  # a blank page or the 版记 page alone carries no number (issue 16)
            continue
        dash = min(dashes, key=lambda run: run.y)
        assert dash.y < BOTTOM_MARGIN - 5
        assert (dash.x > PAGE_WIDTH / 2) == (index % 2 == 0)


def test_banji_sits_at_the_foot_of_a_short_document(fonts, tmp_path):
    """On a one-page letter the issuing line lies on the last line of the type area, not after the text."""
    path = render(_doc([Paragraph("请于5个工作日内办结。")]), tmp_path / "short.pdf", fonts)
    assert len(page_texts(path)) == 1
    issuing = next(run for run in runs(path, 0) if run.text.endswith("印发"))
    assert BOTTOM_MARGIN < issuing.y < BOTTOM_MARGIN + LINE


def test_banji_moves_to_a_new_page_when_the_last_page_is_full(fonts, tmp_path):
    """When the text leaves no room at the foot of the last page, the 版记 gets a page of its own."""
    for count in range(20, 50):
        path = render(_doc([Paragraph("现场核验。")] * count), tmp_path / f"full{count}.pdf", fonts)
        texts = page_texts(path)
        if "核验" not in texts[-1]:
            break
    else:
        pytest.fail("no body length pushed the 版记 onto a page of its own")
    assert "抄送：" in texts[-1] and "印发" in texts[-1] and len(texts) % 2 == 0
    assert "抄送" not in "".join(texts[:-1])
    assert any("2026年11月5日" in text for text in texts[:-1])  # the signature and date stayed with the text


def test_body_lines_hold_28_characters_with_a_two_character_indent(fonts, tmp_path):
    """A paragraph of plain hanzi sets 26 characters on its indented first line, then 28 a line."""
    path = render(_doc([Paragraph("问" * 100)]), tmp_path / "grid.pdf", fonts)
    lines = [line for line in page_texts(path)[0].splitlines() if set(line) == {"问"}]
    assert [len(line) for line in lines] == [26, 28, 28, 18]


def test_no_body_line_starts_with_closing_punctuation(fonts, tmp_path):
    """Chinese line breaking: ，。、；：！？）》” never begin a line of the rendered body."""
    text = "经核查，你单位承办的诉求件已超期。请于“5个工作日”内办结；逾期的，约谈！" * 6
    path = render(_doc([Paragraph(text)] * 3), tmp_path / "punct.pdf", fonts)
    for line in "".join(page_texts(path)).splitlines():
        assert not re.match(r"^[，。、；：！？）》”]", line.strip()), line


def test_headings_lists_tables_and_attachments_render(fonts, tmp_path):
    """Every block kind appears: numbered headings 一、（一）1.（1）, list items, table, 附件 note."""
    body = [Heading(1, "督办事项"), Heading(2, "限期办结"), Heading(3, "逐件核验"), Heading(4, "路灯"),
            ItemList(["路灯不亮", "下水道堵塞"]),
            Table(["单位", "问题类型"], [["双清区龙须塘街道办事处", "推诿扯皮"]], widths=[0.6, 0.4])]
    doc = _doc(body, attachments=["超期诉求件清单", "现场核验记录"])
    text = "".join(page_texts(render(doc, tmp_path / "blocks.pdf", fonts)))
    expected_parts = ("一、督办事项", "（一）限期办结", "1.逐件核验", "（1）路灯", "1.路灯不亮",
                      "2.下水道堵塞", "双清区龙须塘街道办事处", "附件：1.超期诉求件清单", "2.现场核验记录")
    for expected in expected_parts:
        assert expected in text


def test_addressee_gets_its_full_width_colon_once(fonts, tmp_path):
    """An addressee given with or without a colon prints with exactly one full-width colon."""
    doc = _doc([Paragraph("特此函告。")], addressee="双清区龙须塘街道办事处：")
    path = render(doc, tmp_path / "a.pdf", fonts)
    text = page_texts(path)[0]
    assert "双清区龙须塘街道办事处：" in text and "：：" not in text


def test_render_creates_missing_folders_and_returns_the_path(fonts, tmp_path):
    """render() makes the output folder (Chinese, with spaces) and returns the written file."""
    out = tmp_path / "文书 输出" / "十一月" / "督办函 12.pdf"
    assert render(_doc([Paragraph("特此函告。")]), out, fonts) == out
    assert out.read_bytes().startswith(b"%PDF")
