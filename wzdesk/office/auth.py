"""Operators, their roles and passwords: who may sign in, and what each role may do."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from wzdesk.errors import UserError
from wzdesk.models import Operator, db, write_transaction
from wzdesk.office import settings
from wzdesk.office.roles import ACTION_LABELS, PERMISSIONS, may, require, require_active  # noqa: F401 — auth's API
from wzdesk.vocabulary import ROLE_LABELS

# scrypt's work factors: about 50 ms and 16 MiB a hash on a desktop, slow enough to blunt guessing.
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
MIN_PASSWORD = 8

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
        created = Operator.create(username=username, display_name=display_name, role=role,
                                  password_hash=hash_password(password), created_at=now)
        _account_event("operator_added", created, by or created, now,
                       f"新增操作员 {username}（{display_name}，{ROLE_LABELS[role]}）")
        operator_named(created, None, by, now)  # the name the ledger's replay checks renames against
    return created


def _account_event(action: str, operator: Operator, by: Operator, now: datetime, note: str) -> None:
    from wzdesk.models import chain as ledger

    ledger.append(at=now, recorded_at=ledger.wall_clock(), action=action, operator_id=by.id, note=note,
                  data={"operator": operator.id})


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


def sign_in(username: str, password: str, now: datetime | None = None) -> Operator:
    """Return the operator whose name and password match, or refuse without saying which was wrong.

    Each failure is a ledger event; `lockout_failures` of them within `lockout_minutes` (settings) lock
    the name, even against the right password, until the window has passed.
    """
    now = (now or datetime.now()).replace(microsecond=0)
    operator = Operator.get_or_none(Operator.username == username.strip())
    minutes = settings.get("lockout_minutes")
    if operator is not None and _recent_failures(operator, now, minutes) >= settings.get("lockout_failures"):
        raise UserError(f"登录失败次数过多，账号“{operator.username}”已锁定，请 {minutes} 分钟后再试。")
    if operator is None or not operator.active or operator.role == "system" \
            or not check_password(password, operator.password_hash):
        _record_failure(username.strip(), operator, now)
        raise UserError("登录名或密码不对，请重试。")
    from wzdesk.models.chain import SIGNED_IN

    SIGNED_IN[operator.id] = operator.role  # a later change of role ends this session (chain.check_writer)
    return operator


def _recent_failures(operator: Operator, now: datetime, minutes: int) -> int:
    from peewee import SQL

    from wzdesk.models import CaseEvent

    since = now - timedelta(minutes=minutes)
    return (CaseEvent.select().where(CaseEvent.action == SQL("'sign_in_failed'"), CaseEvent.operator == operator.id,
                                     CaseEvent.at > since, CaseEvent.at <= now).count())


def _record_failure(username: str, operator: Operator | None, now: datetime) -> None:
    """Write the failed attempt to the ledger (under the name tried, or the system account for an unknown one)."""
    from wzdesk.models import chain as ledger

    who = operator or Operator.get_or_none(Operator.role == "system")
    if who is None:
        return
    with db.atomic():
        ledger.append(at=now, recorded_at=ledger.wall_clock(), action="sign_in_failed", operator_id=who.id,
                      note=f"登录失败：登录名“{username[:40]}”")


def operators() -> list[Operator]:
    """Return the people who can sign in (not the system operator), by role and name.

    Stopped accounts keep their place: stopping or starting one leaves every row where it was.
    """
    return list(Operator.select().where(Operator.role != "system").order_by(Operator.role, Operator.username))


def set_active(operator: Operator, active: bool, by: Operator, now: datetime | None = None) -> None:
    """Let an operator sign in again, or stop them (their past events keep their name); an event either way."""
    require(by, "manage_operators")
    if operator.id == by.id and not active:
        raise UserError("不能停用自己正在使用的账号。")
    if bool(operator.active) == active:
        state, verb = ("在用", "启用") if active else ("已停用", "停用")
        raise UserError(f"操作员 {operator.username} {state}，无需再{verb}。")
    with write_transaction():  # the change and its event together, in the chain's order
        operator.active = active
        operator.save()
        _account_event("operator_activated" if active else "operator_deactivated", operator, by,
                       (now or datetime.now()).replace(microsecond=0),
                       ("恢复" if active else "停用") + f"操作员 {operator.username}（{operator.display_name}）")


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
