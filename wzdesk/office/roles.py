"""What each role may do, and the check every service makes before it acts: the role as stored now, and an
account still active (a deactivated account's session ends at its next action)."""

from wzdesk.errors import UserError
from wzdesk.models import Operator
from wzdesk.vocabulary import ROLE_LABELS

# What each role may do. Every person does the daily work of a case (case_work: intake, dispatch,
# each lifecycle step, interviews, notices, observers). The built-in `system` account of scheduled
# jobs reads, imports, exports, runs the ladder, makes documents and sheets and backs up (none of
# which needs a right here) and fills an empty database with the demo; nothing else.
PERMISSIONS = {
    "clerk": {"case_work"},
    "supervisor": {"case_work", "confirm_sanction", "reveal_contact", "restore_backup"},
    "admin": {"case_work", "confirm_sanction", "reveal_contact", "edit_settings", "edit_calendar",
              "manage_operators", "restore_backup", "load_demo"},
    "system": {"load_demo"},
}
ACTION_LABELS = {
    "case_work": "办理工单（受理、派单、办理各步、约谈、文书状态、观察员）",
    "confirm_sanction": "确认或撤销问责", "reveal_contact": "查看完整的电话和证件号码",
    "edit_settings": "修改督办规则等设置", "edit_calendar": "修改工作日历", "manage_operators": "管理操作员账号",
    "restore_backup": "从备份恢复数据", "load_demo": "载入演示数据",
}


def may(operator: Operator, action: str) -> bool:
    """Return whether the operator's role allows an action."""
    return action in PERMISSIONS.get(operator.role, set())


def require_active(operator: Operator) -> Operator:
    """Re-read the operator and refuse one deactivated (or given another role) since signing in: their
    session has ended (SessionEnded, which the window answers by asking for a new sign-in)."""
    from wzdesk.models.chain import check_writer

    check_writer(operator.id)
    return Operator.get_by_id(operator.id)


def require(operator: Operator, action: str) -> None:
    """Refuse, in Chinese, an action the operator's role (as stored now) does not allow, or a stopped account."""
    operator = require_active(operator)
    if not may(operator, action):
        allowed = "或".join(ROLE_LABELS[role] for role in ("clerk", "supervisor", "admin")
                           if action in PERMISSIONS[role])
        raise UserError(f"“{operator.display_name}”（{ROLE_LABELS.get(operator.role, operator.role)}）"
                        f"无权{ACTION_LABELS[action]}，请由{allowed or '有权限的人员'}操作。")


def role_refusal(operator: Operator, action: str) -> str:
    """Return why the operator's role may not take an action, in Chinese ("需督办科长或管理员办理…"), or ""."""
    if may(operator, action):
        return ""
    allowed = "或".join(ROLE_LABELS[role] for role in ("clerk", "supervisor", "admin") if action in PERMISSIONS[role])
    who = f"{operator.display_name}，{ROLE_LABELS.get(operator.role, operator.role)}"
    return f"需{allowed or '有权限的人员'}办理：{ACTION_LABELS[action]}（当前登录：{who}）"
