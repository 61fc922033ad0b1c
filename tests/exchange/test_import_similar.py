"""The import preview lists, for each new row, the similar open cases already in the ledger (issue 23)."""

from datetime import datetime

import openpyxl
import pytest

from wzdesk.cases import lifecycle, repeats
from wzdesk.excel.problems import ImportRefused
from wzdesk.exchange import preview as import_preview
from wzdesk.exchange.importer import apply_import, plan_import
from wzdesk.models import Case, Category

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


def test_a_merged_repeat_in_a_later_platform_list_stays_merged(database, operator, tmp_path, departments):
    lights = Category.get(Category.name == "路灯不亮")
    main = lifecycle.intake({"title": "小区路灯不亮", "community": "桃花社区", "category": lights}, AT, operator)
    first = _list(tmp_path / "第一批.xlsx", [["SY-201", "路灯坏了", "路灯不亮", "王芳", "", "桃花社区",
                                              "2026-10-20 08:00"]])
    apply_import(plan_import(first), AT, operator)
    repeats.merge(Case.by_code("SY-201"), main, AT, operator)
    wb = openpyxl.Workbook()
    wb.active.append([*HEADER, "办理状态", "派单时间", "承办单位"])
    wb.active.append(["SY-201", "路灯坏了", "路灯不亮", "王芳", "", "桃花社区", "2026-10-20 08:00", "办理中",
                      "2026-10-20 10:00", departments[0].name])
    later = tmp_path / "第二批.xlsx"
    wb.save(later)
    plan = plan_import(later)
    assert (len(plan.updated), len(plan.unchanged)) == (0, 1)
    apply_import(plan, AT, operator)
    assert Case.by_code("SY-201").status == "merged" and Case.by_code("SY-201").merged_into_id == main.id


def test_a_file_cannot_say_merged(database, tmp_path):
    """已合并 is this ledger's own link of a repeat to its main case, never a platform's status."""
    wb = openpyxl.Workbook()
    wb.active.append([*HEADER, "办理状态"])
    wb.active.append(["SY-301", "路灯坏了", "路灯不亮", "王芳", "", "桃花社区", "2026-10-20 08:00", "已合并"])
    wb.save(tmp_path / "表.xlsx")
    with pytest.raises(ImportRefused) as refused:
        plan_import(tmp_path / "表.xlsx")
    problem = refused.value.problems[0]
    assert problem.shown_value() == "已合并" and "不是可识别的办理状态" in problem.message
    assert "已受理" in problem.message and "已合并" not in problem.message
