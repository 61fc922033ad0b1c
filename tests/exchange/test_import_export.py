"""Platform case lists into the ledger (all or nothing, idempotent) and the ledger back out to Excel."""

from datetime import datetime

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from wzdesk.board.colours import colour_of
from wzdesk.excel.problems import ImportRefused
from wzdesk.exchange.exporter import export_cases
from wzdesk.exchange.importer import apply_import, plan_import
from wzdesk.ledger.queries import CaseFilter
from wzdesk.models import Case, CaseCoDepartment, CaseEvent, Department, Rating

AT = datetime(2026, 10, 20, 9, 0)
HEADER = ["工单编号", "诉求标题", "问题描述", "问题分类", "来电人", "来电号码", "受理时间", "转办时间",
          "责任单位", "配合单位", "事项等级", "签收时间", "工单状态", "办结时间", "回访结果"]


def platform_list(path, rows):
    """Write a case list the way the platform exports it: a title row, alias headers, mixed cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["12345 热线工单导出（2026年10月）"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


ROWS = [
    ["SY-001", "龙须塘社区路灯不亮", "晚上一片漆黑", "路灯不亮", "刘阿姨", 13812345678, "2026/10/8 8:30",
     datetime(2026, 10, 8, 9, 0), "国网邵阳供电公司", "", "小", None, "已派单", None, None],
    ["SY-002", "工地夜间施工噪音", "十一点后还在施工", "噪音扰民", "王先生", "13900001111", "2026-09-20 10:00",
     "2026-09-21 09:00", "邵阳市生态环境局", "邵阳市城市管理和综合执法局、双清区龙须塘街道办事处", "中",
     "2026-09-21 15:00", "办理中", None, None],
    ["SY-003", "垃圾桶满溢", "两天没清运", "垃圾满溢", "张女士", "139****2222", "2026年10月9日",
     "2026-10-09 10:00", "双清区龙须塘街道办事处", None, "一般", "2026-10-09 11:00", "已办结",
     "2026-10-10 16:30", "满意"],
]


@pytest.fixture
def imported(database, operator, tmp_path):
    path = platform_list(tmp_path / "平台 导出.xlsx", ROWS)
    plan = plan_import(path)
    assert (len(plan.new), len(plan.updated), len(plan.unchanged)) == (3, 0, 0)
    apply_import(plan, AT, operator)
    return path


def test_import_creates_cases_with_their_clock_and_events(imported):
    first = Case.by_code("SY-001")
    assert first.status == "dispatched" and first.petitioner_phone == "13812345678"
    assert first.due_at == datetime(2026, 10, 12, 23, 59, 59)  # Sat 10-10 is a make-up working day
    assert first.source == "import" and first.lead_department.name == "国网邵阳供电公司"
    noise = Case.by_code("SY-002")
    assert noise.status == "in_progress" and noise.responded_at == datetime(2026, 9, 21, 15, 0)
    assert CaseCoDepartment.select().where(CaseCoDepartment.case == noise).count() == 2
    assert [e.action for e in noise.events.order_by(CaseEvent.id)] == ["intake", "dispatch", "accept",
                                                                        "import_update"]
    closed = Case.by_code("SY-003")
    assert closed.status == "closed" and closed.closed_at == datetime(2026, 10, 10, 16, 30)
    assert Rating.get(Rating.case == closed).level == "satisfied"


def test_imported_cases_get_the_board_colours_the_rules_imply(imported):
    at = datetime(2026, 10, 19, 9, 0)
    assert colour_of(Case.by_code("SY-001").id, at, 7) == "orange"  # 6 d 9 h past 24:00 on 10-12
    assert colour_of(Case.by_code("SY-001").id, datetime(2026, 10, 20, 9, 0), 7) == "red"  # 7 d 9 h
    assert colour_of(Case.by_code("SY-002").id, at, 7) == "red"  # moderate, due 10-08 (09-25 is 中秋节)
    assert colour_of(Case.by_code("SY-003").id, at, 7) == "grey"


def test_reimport_is_idempotent(imported, operator):
    events = CaseEvent.select().count()
    plan = plan_import(imported)
    assert (len(plan.new), len(plan.updated), len(plan.unchanged)) == (0, 0, 3)
    apply_import(plan, AT, operator)
    assert CaseEvent.select().count() == events


def test_status_moves_forward_never_back_and_masks_never_overwrite(imported, operator, tmp_path):
    rows = [list(r) for r in ROWS]
    rows[0][12], rows[0][11] = "已答复", "2026-10-08 10:00"  # forward
    rows[1][12] = "已派单"  # backwards: ignored
    rows[0][5] = "138****5678"  # masked: must not replace the real number
    plan = plan_import(platform_list(tmp_path / "第二次.xlsx", rows))
    assert [r.values["code"] for r, _ in plan.updated] == ["SY-001"]
    apply_import(plan, AT, operator)
    case = Case.by_code("SY-001")
    assert case.status == "replied" and case.petitioner_phone == "13812345678"
    assert Case.by_code("SY-002").status == "in_progress"


def test_bad_file_is_refused_whole_and_nothing_is_written(database, operator, tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][7] = "2026/13/45"
    path = platform_list(tmp_path / "有错.xlsx", rows)
    with pytest.raises(ImportRefused) as refused:
        plan_import(path)
    assert "第5行" in str(refused.value) and "转办时间" in str(refused.value)
    assert Case.select().count() == 0 and CaseEvent.select().count() == 0


def test_cancelled_import_writes_nothing(database, operator, tmp_path):
    plan = plan_import(platform_list(tmp_path / "取消.xlsx", ROWS))
    apply_import(plan, AT, operator, step=lambda done, total: done < 2)
    assert Case.select().count() == 0 and Department.select().count() == 0


def test_export_is_styled_masked_and_reimports_with_nothing_lost(imported, tmp_path, operator):
    out = tmp_path / "导出 台账.xlsx"
    assert export_cases(out, CaseFilter(), AT) == 3
    ws = openpyxl.load_workbook(out).active
    # 24 columns: 解决情况 (issue 17), 事发地址 and 答复时间 (issue 20) joined the template's 19, plus 时限 and 颜色.
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == "A3:X6"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$3"
    # New cases are numbered in receipt order: SY-002 (09-20) first, then SY-001 (10-08).
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [v[0] for v in values] == ["SY-002", "SY-001", "SY-003"]
    assert values[1][6] == "138****5678"
    assert ws["A5"].fill.fgColor.rgb.endswith("FFC7CE")  # red row: 7 d 9 h past its limit
    calamine = CalamineWorkbook.from_path(out).get_sheet_by_index(0).to_python()
    assert calamine[4][0] == "SY-001" and calamine[2][0] == "工单编号"
    from wzdesk.office.database import close_database, open_database

    close_database()
    open_database(tmp_path / "空库.sqlite")
    plan = plan_import(out)
    apply_import(plan, AT, operator)
    again = {c.code: (c.title, c.status, c.due_at, c.lead_department.name) for c in Case.select()}
    assert again["SY-002"] == ("工地夜间施工噪音", "in_progress", datetime(2026, 10, 8, 23, 59, 59),
                               "邵阳市生态环境局")
    assert len(again) == 3


def test_new_departments_are_listed_as_a_clerk_counts(database, tmp_path):
    """The preview names new units in natural order: 第2中队 before 第10中队."""
    rows = [[f"N-{n}", "路灯", "", "", "", "", "2026-10-08 08:30", "2026-10-08 09:00", f"城管执法第{n}中队", "",
             "小", None, "已派单", None, None] for n in (10, 2, 1)]
    plan = plan_import(platform_list(tmp_path / "中队.xlsx", rows))
    assert plan.new_departments == ["城管执法第1中队", "城管执法第2中队", "城管执法第10中队"]
