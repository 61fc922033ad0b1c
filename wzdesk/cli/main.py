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
    calendar,
    cases,
    citizen,
    demo,
    exchange,
    maintenance,
    notice,
    repeats,
    schedule,
    sheet,
    supervision,
)
from wzdesk.cli.common import ChineseArgumentParser, check_common_arguments
from wzdesk.errors import UserError
from wzdesk.files import protect, refuse_database
from wzdesk.office.database import close_database, data_dir, default_db_path

# The order `--help` lists them in.
GROUPS = (demo, cases, repeats, supervision, exchange, maintenance, notice, citizen, sheet, schedule, calendar)


def build_parser() -> ChineseArgumentParser:
    """Declare every subcommand and its options."""
    parser = ChineseArgumentParser(prog="main.py", description="问政督办台：不带子命令时启动图形界面。")
    parser.add_argument("--db", type=Path, help="数据库文件（默认：用户数据文件夹中的 wzdesk.sqlite）")
    parser.add_argument("--operator", default="system", help="以哪个操作员的身份记录（默认 system）")
    sub = parser.add_subparsers(dest="command", parser_class=ChineseArgumentParser)
    for group in GROUPS:
        group.register(sub)
    return parser


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
    protect(args.db or default_db_path())
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
