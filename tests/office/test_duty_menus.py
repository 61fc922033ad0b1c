"""The office edits its duty menus; the next dispatch owes the new steps."""

from datetime import datetime

import pytest

from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.models import Category
from wzdesk.office import duty_menus

T0 = datetime(2026, 11, 20, 9, 0)


def test_add_a_category_and_its_steps_then_a_dispatch_owes_them(operator, departments):
    stairs = duty_menus.save_category(None, "楼道照明", "minor")
    duty_menus.save_step(stairs, None, "联系物业", 4, "hours")
    duty_menus.save_step(stairs, None, "修复并拍照", 2, "workdays", "photo")
    assert [duty_menus.describe(s) for s in duty_menus.steps(stairs)] == [
        "联系物业：4 小时内", "修复并拍照：2 个工作日内，需拍照佐证"]
    case = lifecycle.intake({"title": "楼道灯坏了", "category": stairs}, T0, operator)
    lifecycle.dispatch(case, departments[0], T0, operator)
    assert sorted(s.step.name for s in case.duty_steps) == ["修复并拍照", "联系物业"]


def test_a_stopped_step_is_not_asked_of_new_cases(operator, departments):
    noise = Category.get(Category.name == "噪音扰民")
    first = duty_menus.steps(noise)[0]
    duty_menus.set_step_active(first, False)
    case = lifecycle.intake({"title": "噪音", "category": noise}, T0, operator)
    lifecycle.dispatch(case, departments[1], T0, operator)
    assert "联系反映人" not in {s.step.name for s in case.duty_steps}


@pytest.mark.parametrize(("name", "value", "unit", "message"), [
    ("", 3, "hours", "请填写履职步骤名称"),
    ("现场查看", 0, "hours", "时限应在"),
    ("现场查看", 91, "days", "时限应在"),
    ("现场查看", 3, "weeks", "时限单位"),
])
def test_bad_steps_are_refused(database, name, value, unit, message):
    with pytest.raises(UserError, match=message):
        duty_menus.save_step(Category.get(Category.name == "其他"), None, name, value, unit)


def test_category_names_are_unique(database):
    with pytest.raises(UserError, match="已有名为"):
        duty_menus.save_category(None, "噪音扰民")
