"""The import preview lists, for each new row, the similar open cases already in the ledger (issue 23)."""

from datetime import datetime

import openpyxl

from wzdesk.cases import lifecycle
from wzdesk.exchange import preview as import_preview
from wzdesk.exchange.importer import plan_import
from wzdesk.models import Category

AT = datetime(2026, 10, 20, 9, 0)
HEADER = ["工单编号", "标题", "诉求类型", "反映人", "联系电话", "社区", "受理时间"]


def _list(path, rows):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_each_new_row_lists_its_similar_open_cases(database, operator, tmp_path):
    lights = Category.get(Category.name == "路灯不亮")
    known = lifecycle.intake({"title": "小区路灯不亮", "community": "桃花社区", "category": lights,
                              "petitioner_phone": "13812345678"}, datetime(2026, 10, 19, 9, 0), operator)
    path = _list(tmp_path / "平台 导出.xlsx", [
        ["SY-101", "路灯坏了晚上很黑", "路灯不亮", "王芳", "13900001111", "桃花社区", "2026-10-20 08:00"],
        ["SY-102", "工地夜间施工", "噪音扰民", "张三", "13812345678", "李子园社区", "2026-10-20 08:30"],
        ["SY-103", "路灯不亮", "路灯不亮", "赵四", "13700001111", "别的社区", "2026-10-20 08:40"],
    ])
    plan = import_preview.find_similar(plan_import(path), AT)
    shown = import_preview.preview(plan)
    # row 2: same community, category and the pair 路灯; row 3: the same phone; row 4: another community
    assert [(r[0], r[2]) for r in shown.similar] == [(2, known.code), (3, known.code)]
    assert "标题相近" in shown.similar[0][6] and shown.similar[1][6] == "同一号码"
    assert shown.similar[0][4] == "已受理"
    assert any("有 2 行与台账中的在办工单相似" in n for n in shown.notes)


def test_only_the_first_rows_are_looked_up_and_the_note_says_so(database, operator, tmp_path):
    rows = [[f"SY-{n}", "路灯坏了", "路灯不亮", "王芳", "", "桃花社区", "2026-10-20 08:00"] for n in range(3)]
    plan = import_preview.find_similar(plan_import(_list(tmp_path / "表.xlsx", rows)), AT, limit=2)
    notes = import_preview.preview(plan).notes
    assert any("只核对了前 2 行，其余 1 行未核对" in n for n in notes)
    assert any("没有相似的" in n for n in notes)
