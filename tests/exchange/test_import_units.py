"""New units of a case list mapped to the ledger's units (issue 20): the rows renamed, the co-departments kept
apart from the lead, a mapping to a unit the ledger lacks refused, and the file's own names restorable."""

import openpyxl
import pytest

from wzdesk.errors import UserError
from wzdesk.exchange.import_units import rename_units, restore_units, units_as_read
from wzdesk.exchange.importer import plan_import

HEADER = ["工单编号", "标题", "受理时间", "派单时间", "承办单位", "协办单位", "办理状态"]
TIMES = ["2026-10-08 09:00", "2026-10-08 10:00"]
ROWS = [["M1", "路灯", *TIMES, "市城管局", "邵阳市城市管理和综合执法局、新单位甲", "已派单"],
        ["M2", "井盖", *TIMES, "新单位甲", "市城管局", "已派单"]]


@pytest.fixture
def plan(departments, tmp_path):
    workbook = openpyxl.Workbook()
    for row in [HEADER, *ROWS]:
        workbook.active.append(row)
    workbook.save(tmp_path / "单位.xlsx")
    return plan_import(tmp_path / "单位.xlsx")


def _units(plan):
    return [(r.values["lead_department"], r.values["co_departments"]) for r in plan.case_list.rows]


def test_a_mapped_unit_replaces_its_name_everywhere_and_is_no_longer_new(plan):
    assert sorted(plan.new_departments) == sorted(["市城管局", "新单位甲"])
    rename_units(plan, {"市城管局": "邵阳市城市管理和综合执法局", "新单位甲": ""})
    # M1: the lead becomes the ledger's unit, which was also a co-department: it is the lead only
    assert _units(plan) == [("邵阳市城市管理和综合执法局", ["新单位甲"]), ("新单位甲", ["邵阳市城市管理和综合执法局"])]
    assert plan.new_departments == ["新单位甲"]
    assert plan.renamed_units == {"市城管局": "邵阳市城市管理和综合执法局"}


def test_a_mapping_to_a_unit_the_ledger_lacks_is_refused(plan):
    with pytest.raises(UserError, match="不是本系统已有的单位"):
        rename_units(plan, {"市城管局": "邵阳市城管局"})


def test_the_files_own_names_come_back_for_another_choice(plan):
    read = units_as_read(plan)
    rename_units(plan, {"市城管局": "邵阳市城市管理和综合执法局"})
    restore_units(plan, read)
    assert _units(plan) == [("市城管局", ["邵阳市城市管理和综合执法局", "新单位甲"]), ("新单位甲", ["市城管局"])]
    assert sorted(plan.new_departments) == sorted(["市城管局", "新单位甲"]) and plan.renamed_units == {}
