"""A case list that hides phone and ID numbers and a petitioner's name inside titles and contents: nothing
of them leaves the office in full, in any command output, export, letter, sheet or ledger note (issue 19)."""

import contextlib
import io
import json
import sqlite3

import openpyxl
import pytest
from pypdf import PdfReader

from wzdesk.cli.main import main
from wzdesk.office.database import close_database

HEADER = ["工单编号", "标题", "诉求内容", "反映人", "联系电话", "受理时间", "派单时间", "承办单位", "办理状态"]
ROWS = [
    ["GD-01", "反映人钱九来电：路灯不亮，回电13812345678", "家里座机0739-5123456，身份证430502199001011234",
     "钱九", "13812345678", "2026-10-08 08:30", "2026-10-08 09:00", "邵阳市城市管理和综合执法局", "已派单"],
    ["GD-02", "噪音扰民 联系 139 8765 4321", "孙小红说工地夜里施工，身份证 43050219850505567X",
     "孙小红", "0739-5211234", "2026-10-09 08:30", "2026-10-09 09:00", "邵阳市生态环境局", "已派单"],
]
# Every secret, in every form it was typed, and the names: none may appear in full anywhere.
SECRETS = ["13812345678", "5123456", "199001011234", "139 8765 4321", "13987654321", "19850505567X",
           "5211234", "钱九", "孙小红"]
AT = "2026-11-20 10:00"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    close_database()
    return code, out.getvalue(), err.getvalue()


def leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


@pytest.fixture
def office(tmp_path):
    """The list imported into a new database by the command line."""
    source = tmp_path / "平台 导出.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    for row in ROWS:
        wb.active.append(row)
    wb.save(source)
    db = tmp_path / "台账.sqlite"
    code, _, err = run("--db", str(db), "import", str(source), "--at", "2026-10-10 09:00")
    assert code == 0, err
    return db


def test_command_outputs_mask_numbers_and_names_inside_titles_and_notes(office):
    code, listed, _ = run("--db", str(office), "cases", "--json", "--at", AT)
    titles = [json.loads(line)["title"] for line in listed.splitlines()]
    assert code == 0 and titles[0] == "反映人钱*来电：路灯不亮，回电138****5678"
    assert titles[1] == "噪音扰民 联系 139****4321"
    for args in (["case", "GD-01", "--at", AT], ["case", "GD-02", "--json", "--at", AT], ["cases", "--at", AT]):
        code, out, _ = run("--db", str(office), *args)
        assert code == 0 and out and leaks(out) == [], (args, leaks(out))


def test_ledger_notes_are_stored_masked(office):
    with sqlite3.connect(office) as con:
        notes = "\n".join(n for (n,) in con.execute("SELECT note FROM case_event"))
    assert "回电138****5678" in notes and "联系 139****4321" in notes and "反映人钱*来电" in notes
    assert leaks(notes) == []


def test_the_export_masks_names_and_free_text_and_a_full_export_needs_the_permission(office, tmp_path):
    out = tmp_path / "导出.xlsx"
    assert run("--db", str(office), "export", str(out), "--at", AT)[0] == 0
    cells = [str(c.value) for row in openpyxl.load_workbook(out).active.iter_rows() for c in row if c.value]
    assert leaks("\n".join(cells)) == []
    assert "钱*" in cells and "孙*红" in cells and "0739-****234" in cells
    code, _, err = run("--db", str(office), "export", str(tmp_path / "全.xlsx"), "--full", "--at", AT)
    assert code == 1 and "无权" in err and not (tmp_path / "全.xlsx").exists()


def test_letters_and_the_sheet_print_no_number_and_no_petitioner(office, tmp_path):
    code, _, err = run("--db", str(office), "escalate", "--at", AT)
    assert code == 0, err
    letters = tmp_path / "文书"
    letters.mkdir()
    code, _, err = run("--db", str(office), "notice", "batch", "--at", AT, "--out", str(letters))
    pdfs = sorted(letters.glob("*.pdf"))
    assert code == 0 and pdfs, err
    text = "\n".join(page.extract_text() for pdf in pdfs for page in PdfReader(pdf).pages)
    assert "GD-01" in text and leaks(text) == []
    sheet = tmp_path / "绩效.xlsx"
    assert run("--db", str(office), "sheet", "--month", "2026-10", "--out", str(sheet), "--at", AT)[0] == 0
    book = openpyxl.load_workbook(sheet)
    cells = "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value)
    assert leaks(cells) == []
    code, verdict, _ = run("--db", str(office), "audit-verify", "--json")
    head = json.loads(verdict)["head"]
    assert f"台账校验点 {head}" in book.worksheets[0].oddFooter.center.text and f"台账校验点 {head}" in cells
