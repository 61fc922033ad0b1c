"""Our own files print well (issue 20): widths that hold the values, row heights for wrapped text, a scale of
at least 70%, the template's page, the sheet's charts each on a page of their own.

Each file is read back with openpyxl and python-calamine; where LibreOffice is installed it is also turned
into a PDF, whose text must show every date (never ###) at 7 pt or more (pdftohtml's font sizes).
"""

import math
import re
import shutil
import subprocess
from datetime import datetime

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.excel import print_layout
from wzdesk.exchange.exporter import export_cases, export_template
from wzdesk.ledger import queries
from wzdesk.performance.sheet import write_sheet

AT = datetime(2026, 10, 20, 9, 0)
PAPER_WIDTH_MM = {"9": 297, "8": 420}  # landscape A4, A3
MARGINS_MM = 2 * 0.4 * 25.4
LIBREOFFICE = shutil.which("soffice")


@pytest.fixture
def demo(operator):
    fill(60, 3, AT, operator, DemoProgress())


def _widths(ws) -> list[float]:
    return [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]


def _printed_mm(widths) -> float:
    """Excel draws a column w characters wide as trunc(7w + 5) pixels at 96 dpi (Calibri 11)."""
    return sum(math.trunc(7 * w + 5) for w in widths) * 25.4 / 96


def _check_page(ws):
    """The scale is at least 70%; when the row fits on one page across at it, it really fits."""
    scale = int(ws.page_setup.scale)
    assert ws.page_setup.orientation == "landscape" and scale >= 70
    room = PAPER_WIDTH_MM[str(ws.page_setup.paperSize)] - MARGINS_MM
    if ws.print_title_cols is None:  # one page across
        assert _printed_mm(_widths(ws)) * scale / 100 <= room
    else:  # too wide even for A3 at 70%: A3 at 70%, the code and title repeated on each page across
        assert (str(ws.page_setup.paperSize), scale, ws.print_title_cols) == ("8", 70, "$A:$B")
        assert _printed_mm(_widths(ws)) * 0.7 > 420 - MARGINS_MM


def test_text_width_counts_chinese_characters_twice():
    assert print_layout.text_width("邵阳市城管局") == 12
    assert print_layout.text_width("WZ-2026-000001") == 14
    assert print_layout.text_width("１２") == 4  # full-width digits are as wide as Chinese characters


def test_the_export_holds_its_values_and_prints_at_70_percent_or_more(demo, tmp_path):
    out = tmp_path / "台账.xlsx"
    export_cases(out, queries.CaseFilter(), AT)
    ws = openpyxl.load_workbook(out)["诉求台账"]
    headers = [c.value for c in ws[3]]
    for index, header in enumerate(headers, 1):
        width = ws.column_dimensions[get_column_letter(index)].width
        values = [ws.cell(row, index).value for row in range(4, ws.max_row + 1)]
        if any(isinstance(v, datetime) for v in values):
            assert width >= 15, header  # LibreOffice shows ### below 15 with a wide fallback font
        elif header in ("工单编号", "联系电话", "分级", "办理状态", "看板颜色"):  # one line: every value fits
            longest = max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(v or "")) for v in values)
            assert width >= longest, header
    _check_page(ws)
    assert ws.print_title_rows == "$1:$3"


def test_wrapped_titles_and_contents_get_the_height_of_their_lines(demo, tmp_path):
    out = tmp_path / "台账.xlsx"
    export_cases(out, queries.CaseFilter(), AT)
    ws = openpyxl.load_workbook(out)["诉求台账"]
    content_column = [c.value for c in ws[3]].index("诉求内容") + 1
    width = ws.column_dimensions[get_column_letter(content_column)].width
    checked = 0
    for row in range(4, ws.max_row + 1):
        text = ws.cell(row, content_column).value or ""
        # by hand: two digit widths a Chinese character, the column less its margin per line
        lines = math.ceil(sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) / (width - 1.5))
        if lines > 1:
            assert ws.row_dimensions[row].height >= 15 * lines, row
            checked += 1
    assert checked > 10


def test_calamine_reads_the_export_back(demo, tmp_path):
    out = tmp_path / "台账.xlsx"
    assert export_cases(out, queries.CaseFilter(), AT) == 60
    with CalamineWorkbook.from_path(out) as workbook:
        grid = workbook.get_sheet_by_name("诉求台账").to_python()
    received = grid[2].index("受理时间")
    assert all(isinstance(row[received], datetime) for row in grid[3:63])


def test_fewer_columns_print_larger(demo, tmp_path):
    """The clerk's choice of columns: seven of them fit one A4 page across, at a larger scale."""
    out = tmp_path / "几列.xlsx"
    chosen = ["工单编号", "标题", "诉求内容", "受理时间", "承办单位", "办理状态", "办理时限"]
    export_cases(out, queries.CaseFilter(), AT, columns=chosen)
    ws = openpyxl.load_workbook(out)["诉求台账"]
    assert [c.value for c in ws[3]] == chosen
    assert (str(ws.page_setup.paperSize), ws.print_title_cols) == ("9", None)
    _check_page(ws)


def test_the_template_has_a_page_setup(database, tmp_path):
    out = export_template(tmp_path / "模板.xlsx")
    ws = openpyxl.load_workbook(out)["诉求清单"]
    assert ws.print_title_rows == "$1:$1"
    _check_page(ws)
    assert ws.oddFooter.center.text
    with CalamineWorkbook.from_path(out) as workbook:  # a second reader sees the header the page repeats
        assert workbook.get_sheet_by_name("诉求清单").to_python()[0][:2] == ["工单编号", "标题"]


def test_the_sheets_charts_start_a_page_and_fit_on_it(demo, tmp_path):
    out = tmp_path / "考核表.xlsx"
    write_sheet(out, "2026-10", AT)
    workbook = openpyxl.load_workbook(out)
    for name in ("月度考核", "办理时长对比"):
        ws = workbook[name]
        _check_page(ws)
        (chart,) = ws._charts
        anchor = chart.anchor._from.row + 1  # 1-based
        assert [brk.id for brk in ws.row_breaks.brk] == [anchor - 1]
        paper = str(ws.page_setup.paperSize)
        room_w, room_h = PAPER_WIDTH_MM[paper] - MARGINS_MM, {"9": 210, "8": 297}[paper] - 2 * 0.6 * 25.4
        scale = int(ws.page_setup.scale) / 100
        assert chart.width * 10 * scale <= room_w and chart.height * 10 * scale <= room_h
    with CalamineWorkbook.from_path(out) as book:  # the rows above the chart read back with a second reader
        summary = book.get_sheet_by_name("月度考核").to_python()
    assert summary[2][:3] == ["排名", "承办单位", "受理件数"] and len(summary) > 3


def _pdf(tmp_path, source):
    subprocess.run([LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    pdf = source.with_suffix(".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", str(pdf)], check=True,
                         capture_output=True, text=True).stdout
    return text, [int(size) for size in re.findall(r'<fontspec[^>]*size="(\d+)"', xml)]


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_every_date_readably(demo, tmp_path):
    """In LibreOffice's PDF every exported moment is there as text (no ###) and no text is under 7 pt."""
    out = tmp_path / "台账.xlsx"
    export_cases(out, queries.CaseFilter(), AT)
    ws = openpyxl.load_workbook(out)["诉求台账"]
    moments = {f"{c.value:%Y-%m-%d %H:%M}" for row in ws.iter_rows(min_row=4) for c in row
               if isinstance(c.value, datetime)}
    text, sizes = _pdf(tmp_path, out)
    assert "###" not in text
    missing = [m for m in moments if m not in text]
    assert not missing and len(moments) > 100
    assert min(sizes) >= 7


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("which", ["template", "sheet"])
def test_libreoffice_prints_the_template_and_the_sheet_readably(demo, tmp_path, which):
    out = tmp_path / f"{which}.xlsx"
    if which == "template":
        export_template(out)
    else:
        write_sheet(out, "2026-10", AT)
    text, sizes = _pdf(tmp_path, out)
    assert "###" not in text and min(sizes) >= 7
    if which == "sheet":
        assert _pages_showing_the_score_chart(out.with_suffix(".pdf")) == 1


def _pages_showing_the_score_chart(pdf) -> int:
    """Count the pages on which the score chart is drawn whole: its title, and below it its axis title, with ink
    between them (the bars). LibreOffice also writes a chart's text on the page above a break, clipped out of
    sight: there the area between is blank."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    shown = 0
    for number, page in enumerate(bbox.split("<page ")[1:], start=1):
        words = {m[5]: (float(m[1]), float(m[2]), float(m[3]), float(m[4])) for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)}
        if "各单位综合得分" in words and "综合得分" in words:
            top, bottom = words["各单位综合得分"][3], words["综合得分"][1]
            shown += top < bottom and _ink(pdf, number, top, bottom) > 0.01
    return shown


def _ink(pdf, page: int, top: float, bottom: float) -> float:
    """Return the share of dark pixels of a page between two heights (points), rendered at 72 dpi in grey."""
    raw = subprocess.run(["pdftoppm", "-gray", "-r", "72", "-f", str(page), "-l", str(page), str(pdf)],
                         check=True, capture_output=True).stdout
    _magic, width, _height, _depth, pixels = raw.split(maxsplit=4)  # a PGM: the corner pixel is white
    width = int(width)
    band = pixels[int(top) * width:int(bottom) * width]
    return sum(1 for value in band if value < 160) / max(1, len(band))
