"""Reference data every new database starts with: the system operator and the default duty menus."""

from datetime import datetime

from wzdesk.models import Category, DutyMenu, DutyStep, Operator, db

SYSTEM_OPERATOR = "system"

# category -> (default grade, [(step, limit, unit, evidence)]); units: hours, days (natural), workdays.
DUTY_MENUS = {
    "噪音扰民": ("minor", [
        ("联系反映人", 1, "hours", ""),
        ("上门测量分贝", 24, "hours", ""),
        ("出具书面处理决定", 3, "days", ""),
    ]),
    "社保转移": ("minor", [
        ("当场核对材料", 1, "hours", ""),
        ("寄出转移函件", 5, "workdays", ""),
    ]),
    "垃圾满溢": ("minor", [("清运完毕并拍照反馈", 24, "hours", "photo")]),
    "路灯不亮": ("minor", [
        ("联系反映人", 24, "hours", ""),
        ("现场查看", 2, "workdays", ""),
        ("修复亮灯并拍照", 3, "workdays", "photo"),
    ]),
    "下水道堵塞": ("minor", [
        ("现场查看", 24, "hours", ""),
        ("疏通完毕并拍照", 2, "days", "photo"),
    ]),
    "物业管理": ("moderate", [
        ("联系物业公司和反映人", 24, "hours", ""),
        ("约谈物业公司", 5, "workdays", ""),
        ("书面答复反映人", 7, "workdays", ""),
    ]),
    "道路坑洼": ("moderate", [("现场勘查", 3, "workdays", ""), ("出具修补方案", 5, "workdays", "")]),
    "电梯故障": ("moderate", [("通知维保单位", 24, "hours", ""), ("检修完毕", 3, "workdays", "photo")]),
    "油烟扰民": ("minor", [("现场检查", 2, "workdays", "")]),
    "消防通道占用": ("minor", [("现场清理", 24, "hours", "photo")]),
    "供水问题": ("moderate", [("现场排查", 24, "hours", ""), ("恢复正常供水", 3, "workdays", "")]),
    "医保报销": ("minor", [("当场讲清流程", 1, "hours", "")]),
    "教育入学": ("moderate", []),
    "房产证办理": ("moderate", []),
    "棚户区改造": ("major", []),
    "其他": ("minor", []),
}


def seed_reference(now: datetime) -> None:
    """Create the system operator and the default categories with their duty menus, if missing."""
    with db.atomic():
        Operator.insert(
            username=SYSTEM_OPERATOR, display_name="系统", role="system", created_at=now,
        ).on_conflict_ignore().execute()
        if Category.select().exists():
            return
        for order, (name, (grade, steps)) in enumerate(DUTY_MENUS.items()):
            category = Category.create(name=name, default_grade=grade, sort_order=order)
            if steps:
                menu = DutyMenu.create(category=category, title=f"{name}责任菜单")
                for seq, (step, value, unit, evidence) in enumerate(steps, start=1):
                    DutyStep.create(menu=menu, seq=seq, name=step, limit_value=value, limit_unit=unit,
                                    evidence=evidence)


def system_operator() -> Operator:
    """Return the operator headless commands act as unless told otherwise."""
    return Operator.get(Operator.username == SYSTEM_OPERATOR)
