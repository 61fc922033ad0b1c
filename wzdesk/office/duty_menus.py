"""The office edits its duty menus (责任菜单): categories and the hard steps each one demands."""

from wzdesk.errors import UserError
from wzdesk.models import Category, DutyMenu, DutyStep, db
from wzdesk.vocabulary import GRADE_LABELS

UNITS = {"hours": "小时", "days": "天（自然日）", "workdays": "个工作日"}
LONGEST_LIMIT = {"hours": 24 * 30, "days": 90, "workdays": 60}


def categories() -> list[Category]:
    """Return every category, active first, in the office's order."""
    return list(Category.select().order_by(Category.active.desc(), Category.sort_order, Category.id))


def save_category(category: Category | None, name: str, default_grade: str = "minor") -> Category:
    """Create or rename a category; names are unique."""
    name = (name or "").strip()
    if not name:
        raise UserError("请填写诉求类型名称。")
    if default_grade not in GRADE_LABELS:
        raise UserError(f"默认分级“{default_grade}”无效。")
    clash = Category.get_or_none(Category.name == name)
    if clash is not None and (category is None or clash.id != category.id):
        raise UserError(f"已有名为“{name}”的诉求类型。")
    with db.atomic():
        if category is None:
            order = (Category.select().count() or 0) + 1
            return Category.create(name=name, default_grade=default_grade, sort_order=order)
        category.name, category.default_grade = name, default_grade
        category.save()
        return category


def steps(category: Category) -> list[DutyStep]:
    """Return a category's duty steps in order (inactive ones too, marked by `active`)."""
    return list(DutyStep.select().join(DutyMenu).where(DutyMenu.category == category).order_by(DutyStep.seq))


def save_step(category: Category, step: DutyStep | None, name: str, limit_value: int, limit_unit: str,
              evidence: str = "") -> DutyStep:
    """Add a step to a category's menu (step None) or change one, checking the limit."""
    name = (name or "").strip()
    if not name:
        raise UserError("请填写履职步骤名称，如“上门测量分贝”。")
    if limit_unit not in UNITS:
        raise UserError(f"时限单位“{limit_unit}”无效，可选：{'、'.join(UNITS.values())}。")
    if not 1 <= int(limit_value) <= LONGEST_LIMIT[limit_unit]:
        raise UserError(f"时限应在 1 到 {LONGEST_LIMIT[limit_unit]} {UNITS[limit_unit]}之间。")
    with db.atomic():
        menu, _ = DutyMenu.get_or_create(category=category, defaults={"title": f"{category.name}责任菜单"})
        if step is None:
            seq = (DutyStep.select().where(DutyStep.menu == menu).count()) + 1
            step = DutyStep(menu=menu, seq=seq)
        step.name, step.limit_value, step.limit_unit = name, int(limit_value), limit_unit
        step.evidence = "photo" if evidence == "photo" else ""
        step.save()
    return step


def set_step_active(step: DutyStep, active: bool) -> None:
    """Stop (or resume) asking for a step on newly dispatched cases; cases already owing it keep it."""
    step.active = active
    step.save()


def describe(step: DutyStep) -> str:
    """Say a step in Chinese, e.g. 上门测量分贝：24 小时内."""
    photo = "，需拍照佐证" if step.evidence == "photo" else ""
    return f"{step.name}：{step.limit_value} {UNITS[step.limit_unit]}内{photo}"


def active_categories() -> list[Category]:
    """Return the categories a new case can take, in the office's order."""
    return list(Category.select().where(Category.active).order_by(Category.sort_order, Category.id))


def ordered_categories() -> list[Category]:
    """Return every category in the office's order, for filtering the ledger."""
    return list(Category.select().order_by(Category.sort_order, Category.id))


def category_by_id(category_id: int | None) -> Category | None:
    """Return the category with this id, or None when there is none."""
    return Category.get_or_none(Category.id == category_id) if category_id else None


def step_by_id(step_id: int | None) -> DutyStep | None:
    """Return the duty step with this id, or None when there is none."""
    return DutyStep.get_or_none(DutyStep.id == step_id) if step_id else None


def category_named(name: str) -> Category:
    """Return the category of this name, or refuse naming the office's categories."""
    category = Category.get_or_none(Category.name == name.strip())
    if category is None:
        names = "、".join(c.name for c in active_categories())
        raise UserError(f"没有名为“{name.strip()}”的诉求类别，可选：{names}。")
    return category
