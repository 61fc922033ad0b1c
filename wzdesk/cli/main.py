"""The headless commands of main.py: every job the window can do, scriptable (see DESIGN.md)."""

import os
import sqlite3
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import peewee

from wzdesk.cli import (
    admin,
    calendar,
    cases,
    citizen,
    coordination,
    demo,
    duties,
    exchange,
    interviews,
    lifecycle,
    maintenance,
    notice,
    observers,
    repeats,
    sanctions,
    schedule,
    sheet,
    supervision,
    verification,
)
from wzdesk.cli.common import ChineseArgumentParser, ChineseRawHelpFormatter, check_common_arguments
from wzdesk.errors import UserError
from wzdesk.files import protect, refuse_database
from wzdesk.models.postgres_db import is_url
from wzdesk.office.database import close_database, data_dir
from wzdesk.office.paths import database_argument, default_database

# Every module of commands, registered in this order.
GROUPS = (demo, cases, lifecycle, repeats, duties, verification, citizen, supervision, coordination, sanctions,
          interviews, observers, exchange, maintenance, admin, notice, sheet, schedule, calendar)
# How `python main.py --help` lists the commands: by the office's kinds of work.
HELP_GROUPS = {
    "工单": ("intake", "act", "merge", "unmerge", "case", "cases", "board", "duty", "verification", "outbox",
           "ratings"),
    "督办": ("escalate", "coordination", "follow-up", "sanction", "interview", "observer", "morning", "schedule"),
    "文书": ("notice", "sheet"),
    "台账与备份": ("import", "export", "template", "audit-verify", "backup", "restore", "migrate-db", "demo"),
    "设置": ("settings", "operator", "calendar"),
}


def build_parser() -> ChineseArgumentParser:
    """Declare every subcommand and its options; `--help` lists them grouped, in Chinese."""
    parser = ChineseArgumentParser(prog="main.py", description="问政督办台：不带子命令时启动图形界面。",
                                   formatter_class=ChineseRawHelpFormatter)
    parser.add_argument("--db", type=database_argument, metavar="文件或URL",
                        help="数据库文件，或办公室共享数据库 postgresql://用户@服务器/库名"
                             "（默认：环境变量 WZDESK_DB，否则用户数据文件夹中的 wzdesk.sqlite）")
    parser.add_argument("--operator", metavar="登录名",
                        help="以哪个操作员的身份办理（密码取自环境变量 WZDESK_PASSWORD，否则在终端上询问）；"
                             "不指定时以计划任务的 system 账号运行，只能查询、导入导出、催办、生成文书报表和备份")
    sub = parser.add_subparsers(dest="command", parser_class=ChineseArgumentParser, metavar="命令",
                                help="见下方的分组列表",
                                title="命令（python main.py 命令 --help 查看每个命令的用法）")
    for group in GROUPS:
        group.register(sub)
    parser.epilog = _grouped_commands(sub)
    sub._choices_actions.clear()  # listed once, grouped, in the epilog instead of argparse's flat list
    return parser


def _grouped_commands(sub) -> str:
    """Return the commands' one-line helps under the headings of HELP_GROUPS (any left over last)."""
    helps = {action.dest: action.help for action in sub._choices_actions}
    placed = {name for names in HELP_GROUPS.values() for name in names}
    groups = {**HELP_GROUPS, "其他": tuple(name for name in helps if name not in placed)}
    lines = []
    for title, names in groups.items():
        present = [name for name in names if name in helps]
        if present:
            lines.append(f"{title}：")
            lines += [f"  {name:<14}{helps[name]}" for name in present]
    return "\n".join(lines)


def main(argv: list[str] | None = None, start_window: Callable[[Path | None], int] | None = None) -> int:
    """Run a headless command, or the window (`start_window`) when none is given; return the exit status."""
    _utf8_streams()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            if start_window is None:
                raise UserError("请指定子命令（python main.py --help 列出全部命令）。")
            return start_window(args.db)
        check_common_arguments(args)
        _refuse_database_outputs(args)
        return args.handler(args) or 0
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中止。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`… | head`): nothing is wrong with the command itself.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 — so that the interpreter's final flush stays quiet
        return 141
    except Exception as exc:
        refusal = _environment_refusal(exc)
        if refusal:
            print(refusal, file=sys.stderr)
            return 1
        log = _log_crash(exc)
        print(f"内部错误：{exc}。详细信息已写入 {log}，请联系维护人员。", file=sys.stderr)
        return 2
    finally:
        close_database()


def _refuse_database_outputs(args) -> None:
    """Refuse, before anything is written, an output that is the database, its companions or a link to them."""
    target = args.db or default_database()
    if not is_url(target):
        protect(target)
    for name in getattr(args, "outputs", ("out", "problems_out")):
        value = getattr(args, name, None)
        if value is None:
            continue
        target = refuse_database(value)
        if not target.is_dir() and not target.parent.is_dir():
            raise UserError(f"保存的文件夹不存在：{target.parent}")


# What SQLite says when the disk fills up under a write; it has rolled the transaction back itself,
# so peewee's own rollback then finds none ("cannot rollback"). Either way nothing was written.
_DISK_FULL = ("database or disk is full", "cannot rollback", "disk i/o error")


def _environment_refusal(exc: Exception) -> str:
    """Return the Chinese refusal for a full disk or a read-only database met mid-command, or ""."""
    text = str(exc).lower()
    if isinstance(exc, (sqlite3.Error, peewee.DatabaseError)) and any(words in text for words in _DISK_FULL):
        return "磁盘空间不足（或磁盘出错），数据库写入未完成并已整体撤销，数据库保持原样。请腾出空间后重试。"
    if isinstance(exc, (sqlite3.Error, peewee.DatabaseError)) and ("database is locked" in text
                                                                     or "lock timeout" in text):
        return "数据库正被其他台电脑或程序写入，等待超时，本次操作已整体撤销：请稍后重试。"
    if isinstance(exc, peewee.OperationalError) and ("server closed the connection" in text
                                                     or ("connection" in text and "lost" in text)):
        return "与办公室共享数据库的连接断开了，本次操作已整体撤销：请检查网络后重试。"
    if isinstance(exc, (sqlite3.Error, peewee.DatabaseError)) and "readonly" in text:
        return "数据库文件是只读的，不能写入：请检查文件和所在文件夹的权限。"
    return ""


def _utf8_streams() -> None:
    # A Chinese Windows console defaults to GBK; JSON lines must stay UTF-8 for scripts.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _log_crash(exc: Exception) -> Path:
    log = data_dir() / "crash.log"
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S}\n")
        fh.write("".join(traceback.format_exception(exc)))
    return log
