"""Operators, their roles and passwords: who may sign in, and what each role may do."""

import hashlib
import hmac
import secrets
from datetime import datetime

from wzdesk.errors import UserError
from wzdesk.models import Operator, db
from wzdesk.vocabulary import ROLE_LABELS

# scrypt's work factors: about 50 ms and 16 MiB a hash on a desktop, slow enough to blunt guessing.
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
MIN_PASSWORD = 6

# What each role may do beyond the daily work every clerk does (intake, dispatch, track, print).
PERMISSIONS = {
    "clerk": set(),
    "supervisor": {"confirm_sanction", "reveal_contact", "restore_backup"},
    "admin": {"confirm_sanction", "reveal_contact", "edit_settings", "edit_calendar", "manage_operators",
              "restore_backup", "load_demo"},
    "system": {"edit_settings", "edit_calendar", "confirm_sanction", "manage_operators", "restore_backup",
               "load_demo"},
}
ACTION_LABELS = {
    "confirm_sanction": "确认或撤销问责", "reveal_contact": "查看完整的电话和证件号码",
    "edit_settings": "修改督办规则等设置", "edit_calendar": "修改工作日历", "manage_operators": "管理操作员账号",
    "restore_backup": "从备份恢复数据", "load_demo": "载入演示数据",
}


def hash_password(password: str) -> str:
    """Return a salted scrypt hash of a password, with its parameters, as one text."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${salt.hex()}${key.hex()}"


def check_password(password: str, stored: str) -> bool:
    """Return whether a password matches a stored hash (in constant time)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(key) // 2)
    return hmac.compare_digest(candidate.hex(), key)


def may(operator: Operator, action: str) -> bool:
    """Return whether the operator's role allows an action."""
    return action in PERMISSIONS.get(operator.role, set())


def require(operator: Operator, action: str) -> None:
    """Refuse, in Chinese, an action the operator's role does not allow."""
    if not may(operator, action):
        allowed = "或".join(ROLE_LABELS[role] for role in ("supervisor", "admin") if action in PERMISSIONS[role])
        raise UserError(f"“{operator.display_name}”（{ROLE_LABELS.get(operator.role, operator.role)}）"
                        f"无权{ACTION_LABELS[action]}，请由{allowed or '有权限的人员'}操作。")


def needs_first_admin() -> bool:
    """Return whether no one can sign in yet: the first start must create the administrator."""
    return not Operator.select().where(Operator.role == "admin", Operator.active, Operator.password_hash != "").exists()


def create_operator(username: str, display_name: str, role: str, password: str, now: datetime,
                    by: Operator | None = None) -> Operator:
    """Add an operator; only an administrator may, except the very first administrator."""
    if not needs_first_admin() or role != "admin":
        if by is None:
            raise UserError("请由管理员添加操作员。")
        require(by, "manage_operators")
    username, display_name = username.strip(), display_name.strip()
    _check_account(username, display_name, role, password)
    from wzdesk.office.name_events import operator_named

    with db.atomic():
        operator = Operator.create(username=username, display_name=display_name, role=role,
                                   password_hash=hash_password(password), created_at=now)
        operator_named(operator, None, by, now)
        return operator


def _check_account(username: str, display_name: str, role: str, password: str) -> None:
    if not username or not username.isascii() or " " in username:
        raise UserError("登录名请用英文字母或数字，不要有空格。")
    if Operator.select().where(Operator.username == username).exists():
        raise UserError(f"登录名“{username}”已被使用。")
    if not display_name:
        raise UserError("请填写姓名。")
    if role not in ("clerk", "supervisor", "admin"):
        raise UserError(f"角色“{role}”无效，可选：办事员、督办科长、管理员。")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码至少 {MIN_PASSWORD} 位。")


def set_password(operator: Operator, password: str) -> None:
    """Give an operator a new password."""
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码至少 {MIN_PASSWORD} 位。")
    operator.password_hash = hash_password(password)
    operator.save()


def sign_in(username: str, password: str) -> Operator:
    """Return the operator whose name and password match, or refuse without saying which was wrong."""
    operator = Operator.get_or_none(Operator.username == username.strip())
    if operator is None or not operator.active or operator.role == "system" \
            or not check_password(password, operator.password_hash):
        raise UserError("登录名或密码不对，请重试。")
    return operator


def operators() -> list[Operator]:
    """Return the people who can sign in (not the system operator), active first."""
    return list(Operator.select().where(Operator.role != "system")
                .order_by(Operator.active.desc(), Operator.role, Operator.username))


def set_active(operator: Operator, active: bool, by: Operator) -> None:
    """Let an operator sign in again, or stop them (their past events keep their name)."""
    require(by, "manage_operators")
    if operator.id == by.id and not active:
        raise UserError("不能停用自己正在使用的账号。")
    operator.active = active
    operator.save()


def reset_password(operator: Operator, password: str, by: Operator) -> None:
    """Give an operator a new password (administrators only, or the operator themself)."""
    if operator.id != by.id:
        require(by, "manage_operators")
    set_password(operator, password)


def operator_by_id(operator_id: int | None) -> Operator | None:
    """Return the operator with this id, or None when there is none."""
    return Operator.get_or_none(Operator.id == operator_id) if operator_id else None


def desk_operator(username: str) -> Operator:
    """Return the active operator of this name, else the first active clerk, else the system operator."""
    chosen = Operator.get_or_none(Operator.username == username, Operator.active) if username else None
    clerk = Operator.select().where(Operator.active, Operator.role != "system").order_by(Operator.id).first()
    return chosen or clerk or Operator.get(Operator.username == "system")
