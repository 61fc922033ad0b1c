"""The headless commands of main.py: every job the window can do, scriptable (see DESIGN.md)."""

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from wzdesk.errors import UserError

AT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


def parse_at(text: str) -> datetime:
    """Parse a moment given as "YYYY-MM-DD HH:MM" (a bare date is 00:00 of that day)."""
    for fmt in AT_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    raise UserError(f"时间“{text}”格式不对，应为“YYYY-MM-DD HH:MM”或“YYYY-MM-DD”。")


class _ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


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
    "expected one argument": "需要一个值",
    "invalid int value": "不是整数",
    "argument": "参数",
}


def _translate(message: str) -> str:
    for english, chinese in _ARGPARSE_PHRASES.items():
        message = message.replace(english, chinese)
    return message


def build_parser() -> argparse.ArgumentParser:
    """Declare every subcommand and its options."""
    from wzdesk.cli import commands

    parser = ChineseArgumentParser(prog="main.py", description="问政督办台：不带子命令时启动图形界面。")
    parser.add_argument("--db", type=Path, help="数据库文件（默认：用户数据文件夹中的 wzdesk.sqlite）")
    parser.add_argument("--operator", default="system", help="以哪个操作员的身份记录（默认 system）")
    sub = parser.add_subparsers(dest="command", parser_class=ChineseArgumentParser)
    commands.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a headless command, or start the window when none is given; return the exit status."""
    _utf8_streams()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from wzdesk.ui.app import run

            return run(args.db)
        return args.handler(args) or 0
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中止。", file=sys.stderr)
        return 130
    except Exception as exc:
        log = _log_crash(exc)
        print(f"内部错误：{exc}。详细信息已写入 {log}，请联系维护人员。", file=sys.stderr)
        return 2
    finally:
        from wzdesk.office.database import close_database

        close_database()


def _utf8_streams() -> None:
    # A Chinese Windows console defaults to GBK; JSON lines must stay UTF-8 for scripts.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _log_crash(exc: Exception) -> Path:
    import traceback

    from wzdesk.office.database import data_dir

    log = data_dir() / "crash.log"
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S}\n")
        fh.write("".join(traceback.format_exception(exc)))
    return log


def print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))
