"""The import template: headers in order, drop-down lists with the right ranges and sources, and it imports."""

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from wzdesk.excel.columns import FIELDS
from wzdesk.excel.template import DATA_ROWS, LISTS_SHEET, NOTES_SHEET, column_letter
from wzdesk.exchange.exporter import export_template
from wzdesk.exchange.importer import apply_import, plan_import
from wzdesk.models import Case, Category, Department
from wzdesk.office.database import close_database, open_database

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2026, 10, 20, 9, 0)


def validations(ws) -> dict[str, str]:
    """Return sqref → formula1 of every data validation on a sheet."""
    return {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}


def test_template_has_the_headers_in_order_frozen_and_widened(departments, tmp_path):
    out = export_template(tmp_path / "导入 模板.xlsx")
    workbook = openpyxl.load_workbook(out)
    ws = workbook["诉求清单"]
    assert [c.value for c in ws[1]] == [f.header for f in FIELDS]
    # issue 20: columns narrowed so the blank template prints at 70% or more; 18 still holds a 16-digit code
    assert ws.freeze_panes == "A2" and ws.column_dimensions["A"].width == 18
    assert workbook.sheetnames == ["诉求清单", NOTES_SHEET, LISTS_SHEET]
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    with CalamineWorkbook.from_path(out) as book:
        assert book.get_sheet_by_name("诉求清单").to_python()[0][:3] == ["工单编号", "标题", "诉求内容"]


def test_template_drop_downs_cover_grade_status_category_and_department(departments, tmp_path):
    """分级 and 办理状态 are inline lists; 诉求类型 and 承办单位 point at the hidden sheet, sized to the names."""
    out = export_template(tmp_path / "导入 模板.xlsx")
    workbook = openpyxl.load_workbook(out)
    found = validations(workbook["诉求清单"])
    last = DATA_ROWS + 1
    assert found[f"{column_letter('grade')}2:{column_letter('grade')}{last}"] == '"小,中,大"'
    assert found[f"O2:O{last}"] == '"小,中,大"'  # 分级 is column O of the template
    status = found[f"Q2:Q{last}"]
    assert status.startswith('"已受理,已派单') and "已办结" in status and "已退回" in status
    departments_source = found[f"M2:M{last}"]
    categories_source = found[f"D2:D{last}"]
    names = [d.name for d in Department.select().where(Department.active).order_by(Department.sort_order,
                                                                                     Department.id)]
    lists = workbook[LISTS_SHEET]
    assert departments_source == f"'{LISTS_SHEET}'!$B$2:$B${len(names) + 1}"
    assert [lists.cell(row, 2).value for row in range(2, len(names) + 2)] == names
    categories = Category.select().where(Category.active).count()
    assert categories_source == f"'{LISTS_SHEET}'!$A$2:$A${categories + 1}" and categories > 0


def test_notes_sheet_explains_every_column_and_the_date_forms(departments, tmp_path):
    out = export_template(tmp_path / "导入 模板.xlsx")
    with CalamineWorkbook.from_path(out) as book:
        notes = book.get_sheet_by_name(NOTES_SHEET).to_python()
    explained = {row[0] for row in notes}
    assert {f.header for f in FIELDS} <= explained
    assert any("2026年10月8日" in str(row[2]) for row in notes)


def test_a_filled_in_template_imports(departments, operator, tmp_path):
    """Rows typed under the template's header (values from its lists) import as cases."""
    path = export_template(tmp_path / "填好的 模板.xlsx")
    workbook = openpyxl.load_workbook(path)
    ws = workbook["诉求清单"]
    letter = {f.name: column_letter(f.name) for f in FIELDS}
    values = [
        {"code": "MB-001", "title": "路灯不亮", "received_at": "2026/10/8 9:05", "grade": "小", "status": "已受理"},
        {"code": "MB-002", "title": "噪音扰民", "received_at": datetime(2026, 10, 8, 10, 0),
         "dispatched_at": "2026-10-08 11:00", "lead_department": departments[1].name, "grade": "中",
         "status": "已派单", "phone": 13912345678, "category": "噪音"},
    ]
    for row, case in enumerate(values, 2):
        for name, value in case.items():
            ws[f"{letter[name]}{row}"] = value
    workbook.save(path)
    plan = plan_import(path)
    assert len(plan.new) == 2
    apply_import(plan, AT, operator)
    noise = Case.by_code("MB-002")
    assert noise.status == "dispatched" and noise.lead_department.name == departments[1].name
    assert noise.grade == "moderate" and noise.petitioner_phone == "13912345678"


def test_template_command_writes_the_template(tmp_path):
    db, out = tmp_path / "库 文件.sqlite", tmp_path / "命令 模板.xlsx"
    open_database(db)  # the office's database; a command that only reads no longer creates one (issue 18)
    close_database()
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "template", "--out", str(out)],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "已生成导入模板" in result.stdout and openpyxl.load_workbook(out).sheetnames[0] == "诉求清单"
