"""What every command shares: Chinese argument parsing, moments, JSON lines, and opening the database."""

import argparse
import getpass
import json
import os
import re
import sys
from datetime import datetime

from wzdesk.errors import UserError
from wzdesk.models import Operator
from wzdesk.months import FIRST_YEAR, LAST_YEAR, parse_month
from wzdesk.office import auth
from wzdesk.office.database import open_database
from wzdesk.office.defaults import SYSTEM_OPERATOR
from wzdesk.office.paths import default_database

AT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


# The largest count or record number a command takes: far above any office's numbers, far below
# what SQLite's 64-bit integers hold, so a 20-digit value is refused here and not deep in a query.
MAX_NUMBER = 10**12


def parse_at(text: str) -> datetime:
    """Parse a moment given as "YYYY-MM-DD HH:MM" (a bare date is 00:00 of that day), within the office's years."""
    for fmt in AT_FORMATS:
        try:
            at = datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        if not FIRST_YEAR <= at.year <= LAST_YEAR:
            raise UserError(f"时间“{text}”超出范围：年份应在 {FIRST_YEAR} 至 {LAST_YEAR} 之间。")
        return at
    raise UserError(f"时间“{text}”格式不对，应为“YYYY-MM-DD HH:MM”或“YYYY-MM-DD”。")


def count(text: str) -> int:
    """An argparse type: a whole number from 0 to MAX_NUMBER (a --limit, a --cases)."""
    return _number(text, 0)


def record_id(text: str) -> int:
    """An argparse type: a record's number, from 1 to MAX_NUMBER."""
    return _number(text, 1)


def found(row, number: int, what: str):
    """Return the record looked up by its number (序号), or refuse in Chinese when there is none."""
    if row is None:
        raise UserError(f"没有序号为 {number} 的{what}。")
    return row


def _number(text: str, low: int) -> int:
    if not re.fullmatch(r"\s*\d{1,13}\s*", text):
        raise argparse.ArgumentTypeError(f"“{text}”不是 {low} 至 {MAX_NUMBER:,} 之间的整数")
    value = int(text)
    if not low <= value <= MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"“{text}”不是 {low} 至 {MAX_NUMBER:,} 之间的整数")
    return value


def check_common_arguments(args) -> None:
    """Refuse a bad --at or --month before a command opens the database or writes anything."""
    if getattr(args, "at", None):
        parse_at(args.at)
    if getattr(args, "month", None):
        parse_month(args.month)


class _ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseRawHelpFormatter(_ChineseHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of a description and an epilog (the grouped command list)."""


class ChineseArgumentParser(argparse.ArgumentParser):
    """An argument parser whose help and refusals are Chinese; a refusal exits with status 1."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助后退出")

    def error(self, message: str):
        raise UserError(f"命令参数有误：{_translate(message)}\n{self.format_usage().strip()}")


_ARGPARSE_PHRASES = {
    "the following arguments are required": "缺少必需的参数",
    "unrecognized arguments": "无法识别的参数",
    "invalid choice": "无效的选项",
    "choose from": "可选",
    "expected one argument": "需要一个值",
    "invalid int value": "不是整数",
    "argument": "参数",
}


def _translate(message: str) -> str:
    for english, chinese in _ARGPARSE_PHRASES.items():
        message = message.replace(english, chinese)
    return message


def print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def warn_opening(path) -> None:
    """Print on stderr what the opening found: guards put back, or a kept checkpoint the ledger broke."""
    from wzdesk.office.checkpoints import opening_warnings

    for warning in opening_warnings(path):
        print(f"警告：{warning}", file=sys.stderr)


def open_for(args, create: bool = False, action: str = "") -> Operator:
    """Open the database named by --db and return who the command runs as, allowed to do `action`.

    With --operator NAME that operator signs in with the password from WZDESK_PASSWORD or the
    terminal; without it the command runs as the `system` account of scheduled jobs, which holds no
    right beyond reading, importing, exporting, the ladder, documents, sheets and backups (and the
    demo). Only a command that fills a database (`demo`, `import`) may create it.
    """
    warn_opening(open_database(args.db or default_database(), create=create))
    operator = _signed_in(args.operator) if getattr(args, "operator", None) else _system()
    if action:
        auth.require(operator, action)
    return operator


def _system() -> Operator:
    operator = Operator.get_or_none(Operator.username == SYSTEM_OPERATOR)
    if operator is None:
        raise UserError("数据库里没有系统账号，请用 --operator 指定操作员。")
    return operator


def _signed_in(username: str) -> Operator:
    if username.strip() == SYSTEM_OPERATOR:
        raise UserError("system 是计划任务的内置账号，不能用密码登录；不带 --operator 即以它的身份运行。")
    return auth.sign_in(username, read_password("WZDESK_PASSWORD", f"操作员“{username}”的密码：",
                                                f"以操作员“{username}”的身份运行"))


def read_password(variable: str, prompt: str, purpose: str) -> str:
    """Return a password from the environment variable, else asked on the terminal, else refuse."""
    if variable in os.environ:
        return os.environ[variable]
    if not sys.stdin.isatty():
        raise UserError(f"{purpose}需要密码：请设置环境变量 {variable}，或在终端上运行以便输入密码。")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise UserError("没有输入密码，已取消。") from None


def moment(args) -> datetime:
    """Return the --at moment, or now."""
    return parse_at(args.at) if getattr(args, "at", None) else datetime.now().replace(second=0, microsecond=0)
