"""Hidden rows are imported as usual and reported, in .xlsx, .xls and .ods alike (issue 20).

python-calamine reads the values but not the rows' visibility, so each format's own record of it is read:
the .xlsx row tag, the .xls BIFF ROW record, the .ods content.xml row. The files are written by openpyxl,
xlwt and by hand (the ODS XML), and by LibreOffice from the .xlsx when it is installed.
"""

import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
import xlwt

from wzdesk.excel.reader import read_case_list

HEADER = ["工单编号", "标题", "受理时间", "派单时间", "承办单位", "办理状态"]
TIMES = ["2026-10-08 09:05", "2026-10-08 10:00"]
ROWS = [[f"HR{n:03d}", f"第{n}件", *TIMES, "邵阳市城管局", "已派单"] for n in range(1, 9)]
HIDDEN = {4, 7}  # 1-based sheet rows: the header is row 2 (a title row above), data from row 3
NOTE = "隐藏行（已照常导入） 2 行（第 4、7 行）"


def _grid():
    return [["12345 工单导出"], HEADER, *ROWS]


def write_xlsx(path):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "工单"
    for row in _grid():
        ws.append(row)
    for number in HIDDEN:
        ws.row_dimensions[number].hidden = True
    workbook.save(path)
    return path


def write_xls(path, rows=None):
    workbook = xlwt.Workbook(encoding="utf-8")
    workbook.add_sheet("说明").write(0, 0, "第二张表是工单")
    ws = workbook.add_sheet("工单")
    for r, row in enumerate(rows or _grid()):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    for number in HIDDEN:
        ws.row(number - 1).hidden = True
    workbook.save(str(path))
    return path


def _ods_row(cells, attributes=""):
    body = "".join(f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p>'
                   "</table:table-cell>" for v in cells)
    return f"<table:table-row{attributes}>{body}</table:table-row>"


def write_ods(path):
    """Hand-built ODS: row 4 collapsed, row 7 filtered out, a blank repeated row and a header-rows group."""
    rows = _grid()
    parts = [_ods_row(rows[0]), f"<table:table-header-rows>{_ods_row(rows[1])}</table:table-header-rows>"]
    for number, row in enumerate(rows[2:], start=3):
        visibility = {4: ' table:visibility="collapse"', 7: ' table:visibility="filter"'}.get(number, "")
        parts.append(_ods_row(row, visibility))
    parts.append('<table:table-row table:number-rows-repeated="1048560" table:visibility="collapse">'
                 "<table:table-cell/></table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet>'
        f'<table:table table:name="说明">{_ods_row(["见下一张表"], "")}</table:table>'
        f'<table:table table:name="工单">{"".join(parts)}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def _imported(path):
    case_list = read_case_list(path)
    return [row.values["code"] for row in case_list.rows], case_list.notes


@pytest.mark.parametrize("writer, name", [(write_xlsx, "list.xlsx"), (write_xls, "list.xls"),
                                          (write_ods, "list.ods")])
def test_hidden_rows_are_imported_and_reported(tmp_path, writer, name):
    """Every row imports, hidden or not, and the hidden ones are named by their sheet row numbers."""
    codes, notes = _imported(writer(tmp_path / name))
    assert codes == [row[0] for row in ROWS]
    assert NOTE in notes


def test_an_xls_without_hidden_rows_reports_none(tmp_path):
    path = tmp_path / "plain.xls"
    workbook = xlwt.Workbook(encoding="utf-8")
    ws = workbook.add_sheet("工单")
    for r, row in enumerate(_grid()):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    workbook.save(str(path))
    codes, notes = _imported(path)
    assert len(codes) == len(ROWS) and not [n for n in notes if "隐藏行" in n]


def test_a_large_xls_outside_the_mini_stream_reports_its_hidden_rows(tmp_path):
    """A Workbook stream past 4,096 bytes lies in ordinary sectors, a long one over many FAT entries."""
    rows = [["12345 工单导出"], HEADER] + [[f"HR{n:05d}", f"第{n}件" * 5, *TIMES, "邵阳市城管局", "已派单"]
                                        for n in range(1, 3001)]
    codes, notes = _imported(write_xls(tmp_path / "large.xls", rows))
    assert len(codes) == 3000 and NOTE in notes


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("target", ["xls", "ods"])
def test_files_libreoffice_writes_report_their_hidden_rows(tmp_path, target):
    """LibreOffice converts the .xlsx (rows 4 and 7 hidden) to .xls and .ods: the same rows are reported."""
    source = write_xlsx(tmp_path / "source.xlsx")
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", target, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    codes, notes = _imported(out / f"source.{target}")
    assert codes == [row[0] for row in ROWS]
    assert NOTE in notes


FILES = Path(__file__).parent / "files"


@pytest.mark.parametrize("name", ["hidden-rows-libreoffice.xls", "hidden-rows-libreoffice.ods"])
def test_files_libreoffice_wrote_report_their_hidden_rows(name):
    """Files LibreOffice 7.4 wrote (kept in tests/excel/files, so the check runs without it): an .xlsx with a
    title in B3, the header in row 4, six cases in rows 5–10 and rows 6 and 9 hidden, saved as .xls and .ods.
    Its .xls holds a Workbook stream under 4,096 bytes, read from the compound file's mini stream."""
    codes, notes = _imported(FILES / name)
    assert codes == [f"E{n}" for n in range(5, 11)]
    assert "隐藏行（已照常导入） 2 行（第 6、9 行）" in notes
