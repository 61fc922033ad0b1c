"""Workbook guards (issue 18): error cells, uncalculated formulas, over-long text, control characters, zip bombs."""

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from wzdesk.excel.problems import ImportRefused
from wzdesk.excel.reader import read_case_list
from wzdesk.models import Case
from wzdesk.office.database import close_database, open_database

HEADER = ["工单编号", "标题", "诉求内容", "联系电话", "受理时间", "派单时间", "分级"]


def case_list(path: Path, cells: dict[str, str]) -> Path:
    """Write a two-row case list, then put raw cell XML (`cells`: placeholder → <c> element) in its sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "工单"
    sheet.append(HEADER)
    sheet.append(["WZ-1", "P_TITLE", "P_CONTENT", "P_PHONE", "P_RECEIVED", "2026-11-01 09:00", "P_GRADE"])
    sheet.append(["WZ-2", "路灯不亮", "", "13912345678", "2026-11-01 08:00", "2026-11-01 09:00", "小"])
    workbook.save(path)
    defaults = {"P_TITLE": "噪音扰民", "P_CONTENT": "夜间施工", "P_PHONE": "13812345678",
                "P_RECEIVED": "2026-11-01 08:00", "P_GRADE": "大"}
    defaults.update(cells)
    _rewrite_sheet(path, defaults)
    return path


def _rewrite_sheet(path: Path, cells: dict[str, str]) -> None:
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for placeholder, replacement in cells.items():
                    cell = text[text.rindex("<c ", 0, text.index(placeholder)):]
                    cell = cell[:cell.index("</c>") + 4]
                    ref = cell.split('r="')[1].split('"')[0]
                    if replacement.startswith("<c"):
                        text = text.replace(cell, replacement.replace("REF", ref))
                    else:
                        text = text.replace(placeholder, replacement)
                data = text.encode()
            target.writestr(info, data)


def problems(path: Path) -> list[tuple]:
    with pytest.raises(ImportRefused) as refused:
        read_case_list(path)
    return [(p.sheet, p.row, p.letter, p.message) for p in refused.value.problems]


def test_error_cells_are_refused_with_sheet_row_and_column_not_taken_as_blanks(tmp_path):
    path = case_list(tmp_path / "错误值.xlsx", {
        "P_PHONE": '<c r="REF" t="e"><v>#N/A</v></c>',
        "P_GRADE": '<c r="REF" t="e"><v>#DIV/0!</v></c>',
        "P_RECEIVED": '<c r="REF" t="e"><v>#VALUE!</v></c>'})
    found = problems(path)
    assert [(sheet, row, letter) for sheet, row, letter, _m in found] == [("工单", 2, "D"), ("工单", 2, "E"),
                                                                           ("工单", 2, "G")]
    assert all("错误值" in message for *_rest, message in found)


def test_a_formula_saved_without_its_value_is_refused_not_read_as_an_empty_title(tmp_path):
    path = case_list(tmp_path / "公式.xlsx", {"P_TITLE": '<c r="REF"><f>CONCAT(X1,Y1)</f><v></v></c>'})
    assert problems(path) == [("工单", 2, "B", "是没有计算结果的公式，请在 Excel 中打开、重新计算并保存，或改填数值")]


def test_a_formula_with_its_stored_value_is_read(tmp_path):
    formula = '<c r="REF" t="str"><f>"噪音"&amp;"扰民"</f><v>噪音扰民</v></c>'
    path = case_list(tmp_path / "有值公式.xlsx", {"P_TITLE": formula})
    assert read_case_list(path).rows[0].get("title") == "噪音扰民"


def test_text_over_32767_characters_is_refused_never_cut(tmp_path):
    path = case_list(tmp_path / "超长.xlsx", {"P_CONTENT": "长" * 40_000})
    [(sheet, row, letter, message)] = problems(path)
    assert (sheet, row, letter) == ("工单", 2, "C") and "40,000 个字符" in message and "32,767" in message


def test_control_characters_are_removed_on_import(tmp_path):
    cells = {"P_TITLE": "噪音_x0007_扰民_x001B_[31m", "P_CONTENT": "第一行\n第二行"}
    path = case_list(tmp_path / "控制字符.xlsx", cells)
    row = read_case_list(path).rows[0]
    assert row.get("title") == "噪音扰民[31m"
    assert row.get("content") == "第一行\n第二行"


def test_a_zip_bomb_is_refused_from_its_directory_before_it_is_read(tmp_path):
    path = case_list(tmp_path / "炸弹.xlsx", {})
    # 300 MB of zeros, a few hundred KB packed
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as bomb, bomb.open("xl/media/image1.bin", "w") as member:
        block = b"\0" * (1 << 20)
        for _ in range(300):
            member.write(block)
    assert path.stat().st_size < 3 * 2**20
    started = time.perf_counter()
    [(_sheet, _row, _letter, message)] = problems(path)
    assert "超过 256 MB 的上限" in message and "未读取" in message
    assert time.perf_counter() - started < 1.0


def test_case_never_prints_control_characters_stored_before(tmp_path):
    """A title stored raw by an older release is printed without its escape sequence."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    db = tmp_path / "旧库.sqlite"
    main = [sys.executable, str(root / "main.py"), "--db", str(db)]
    assert subprocess.run([*main, "demo", "--cases", "5", "--seed", "1"], capture_output=True).returncode == 0
    open_database(db)
    case = Case.select().order_by(Case.id).first()
    code = case.code
    Case.update(title="噪音\x1b[2J扰民\x07").where(Case.id == case.id).execute()
    close_database()
    result = subprocess.run([*main, "case", code], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0 and "噪音[2J扰民" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
