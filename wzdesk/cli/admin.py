"""The `settings`, `operator` and `restore` commands: the office's rules, its accounts, and a restore.

Each needs the right the window asks for (settings and operators: an administrator; restore: a
supervisor or an administrator), checked by the core function itself.
"""

import json
from pathlib import Path

from wzdesk.cli.common import ChineseArgumentParser, moment, open_for, print_json, read_password
from wzdesk.errors import UserError
from wzdesk.models import Operator
from wzdesk.office import auth, settings


def register(sub) -> None:
    """Add `settings get|set`, `operator add|deactivate` and `restore` to the parser."""
    _add_settings(sub)
    _add_operator(sub)
    _add_restore(sub)


def _add_settings(sub) -> None:
    p = sub.add_parser("settings", help="查看或修改督办规则等设置（修改须管理员）")
    jobs = p.add_subparsers(dest="settings_command", metavar="{get,set}", parser_class=ChineseArgumentParser,
                            required=True)
    g = jobs.add_parser("get", help="列出全部设置，或一项设置的值")
    g.add_argument("key", nargs="?", help="设置项，如 response_hours")
    g.add_argument("--json", action="store_true", help="以 JSON 输出")
    g.set_defaults(handler=_get)
    s = jobs.add_parser("set", help="修改一项设置（记入台账）")
    s.add_argument("key", help="设置项")
    s.add_argument("value", help="新的值")
    s.add_argument("--at", help="修改时刻（默认现在）")
    s.set_defaults(handler=_set)


def _get(args) -> int:
    open_for(args)
    values = {args.key: settings.get(args.key)} if args.key else settings.load()
    if args.json:
        print_json(values)
        return 0
    for key, value in values.items():
        print(f"{key} = {json.dumps(value, ensure_ascii=False)}    # {settings.SPEC_BY_KEY[key].title}")
    return 0


def _set(args) -> int:
    operator = open_for(args)
    settings.put(args.key, args.value, moment(args), operator)
    print(f"{settings.SPEC_BY_KEY[args.key].title}（{args.key}）现为 "
          f"{json.dumps(settings.get(args.key), ensure_ascii=False)}。")
    return 0


def _add_operator(sub) -> None:
    p = sub.add_parser("operator", help="添加或停用操作员（须管理员）")
    jobs = p.add_subparsers(dest="operator_command", metavar="{add,deactivate}", parser_class=ChineseArgumentParser,
                            required=True)
    a = jobs.add_parser("add", help="添加操作员；密码取自环境变量 WZDESK_NEW_PASSWORD，否则在终端上询问")
    a.add_argument("name", help="登录名（英文字母或数字）")
    a.add_argument("--role", required=True, choices=("clerk", "supervisor", "admin"),
                   help="角色：clerk 办事员、supervisor 督办科长、admin 管理员")
    a.add_argument("--display-name", default="", help="姓名（默认同登录名）")
    a.add_argument("--at", help="添加时刻（默认现在）")
    a.set_defaults(handler=_add)
    d = jobs.add_parser("deactivate", help="停用操作员（其已办事项保留其姓名）")
    d.add_argument("name", help="登录名")
    d.add_argument("--at", help="停用时刻（默认现在）")
    d.set_defaults(handler=_deactivate)


def _add(args) -> int:
    operator = open_for(args)
    password = read_password("WZDESK_NEW_PASSWORD", f"新操作员“{args.name}”的密码：", "添加操作员")
    created = auth.create_operator(args.name, args.display_name or args.name, args.role, password, moment(args),
                                   by=operator)
    print(f"已添加操作员 {created.username}（{created.display_name}，{args.role}）。")
    return 0


def _deactivate(args) -> int:
    operator = open_for(args)
    target = Operator.get_or_none(Operator.username == args.name.strip(), Operator.role != "system")
    if target is None:
        raise UserError(f"没有登录名为“{args.name.strip()}”的操作员。")
    if not target.active:
        raise UserError(f"操作员“{target.username}”已经停用。")
    auth.set_active(target, False, operator, moment(args))
    print(f"已停用操作员 {target.username}（{target.display_name}）。")
    return 0


def _add_restore(sub) -> None:
    p = sub.add_parser("restore", help="从备份恢复数据库（先校验备份；现有内容另存一份；须督办科长或管理员）")
    p.add_argument("file", type=Path, help="备份文件")
    p.add_argument("--at", help="恢复时刻（默认现在）")
    p.set_defaults(handler=_restore)


def _restore(args) -> int:
    from wzdesk.ledger.audit import problem_messages
    from wzdesk.office.backup import check_backup
    from wzdesk.office.restore import restore_from

    operator = open_for(args, action="restore_backup")
    described = check_backup(args.file)
    # on a shared server the restored content is audited as audit-verify does before it commits
    aside = restore_from(args.file, moment(args), operator, verify=problem_messages)
    print(f"已从 {args.file} 恢复（{described}）；恢复前的内容另存为 {aside}。")
    return 0
