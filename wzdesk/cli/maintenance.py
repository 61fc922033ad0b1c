"""The `audit-verify` and `backup` commands: the ledger's check and a consistent copy."""

import sys
from pathlib import Path

from wzdesk.cli.common import open_for, print_json


def register(sub) -> None:
    """Add this group's commands to the parser."""
    _add_audit(sub)
    _add_backup(sub)
    _add_migrate(sub)


def _add_audit(sub) -> None:
    p = sub.add_parser("audit-verify", help="校验台账：防篡改链、校验点、按台账记录重算的工单")
    p.add_argument("--json", action="store_true", help='输出 {"ok", "events", "head", "problems"}')
    p.add_argument("--checkpoint", action="append", default=[], metavar="N:HASH",
                   help="此前记下的校验点（通报、绩效表或备份旁的 .checkpoint 文件上的），可写多次")
    p.set_defaults(handler=_audit)


def _audit(args) -> int:
    from wzdesk.models import db
    from wzdesk.models.base import is_postgres
    from wzdesk.office import checkpoints

    open_for(args)
    for text in args.checkpoint:
        ledger_checkpoint_format(text)
    result = audit_all(tuple(args.checkpoint), db.database if is_postgres() else Path(db.database))
    if args.json:
        print_json({"ok": result.ok, "events": result.events, "head": result.head,
                    "problems": [p.as_json() for p in result.problems]})
    elif result.ok:
        print(f"台账完整：共 {result.events} 条记录，校验链无断点，工单与台账记录一致。校验点 {result.head}")
    else:
        _print_problems(result)
    if result.ok:
        checkpoints.keep(db.database)
    return 0 if result.ok else 1


def ledger_checkpoint_format(text: str) -> None:
    """Refuse a --checkpoint that is not `N:H` before anything is checked."""
    from wzdesk.models.chain import parse_checkpoint

    parse_checkpoint(text)


def audit_all(given: tuple[str, ...], database: Path):
    """Run the whole check (ledger/audit.py): the same one the window's 校验台账 runs."""
    from wzdesk.ledger.audit import audit

    return audit(given, database)


def _print_problems(result) -> None:
    print(f"台账校验失败：发现 {len(result.problems)} 处问题（共 {result.events} 条记录，校验点 {result.head}）。",
          file=sys.stderr)
    for problem in result.problems:
        print(f"  - {problem.message}", file=sys.stderr)
    print("请从备份恢复，并查明改动来源。", file=sys.stderr)


def _add_backup(sub) -> None:
    p = sub.add_parser("backup", help="备份数据库（一致的完整副本）")
    p.add_argument("--out", type=Path, required=True, help="备份文件路径")
    p.set_defaults(handler=_backup)


def _backup(args) -> int:
    from wzdesk.office.backup import backup_to
    from wzdesk.office.checkpoints import beside, read_beside

    open_for(args)
    out = backup_to(args.out)
    print(f"已备份到 {out}（校验点 {read_beside(out)}，记在 {beside(out).name}）")
    return 0


def _add_migrate(sub) -> None:
    p = sub.add_parser("migrate-db",
                       help="把本机数据库整个复制到办公室共享数据库（PostgreSQL），逐表核对行数并校验台账")
    p.add_argument("--to", required=True, metavar="URL", help="新建的空数据库 postgresql://用户@服务器/库名")
    p.set_defaults(handler=_migrate)


def _migrate(args) -> int:
    from wzdesk.errors import UserError
    from wzdesk.models.base import is_postgres
    from wzdesk.models.postgres_db import is_url
    from wzdesk.office.database import close_database, open_database
    from wzdesk.office.server import move_to, shown

    if not is_url(args.to):
        raise UserError(f"--to 应为办公室共享数据库的地址 postgresql://用户@服务器/库名，而不是“{args.to}”。")
    open_for(args)
    if is_postgres():
        raise UserError("当前数据库已是办公室共享数据库；migrate-db 把本机的 SQLite 数据库迁移过去。")
    counts = move_to(args.to)
    close_database()
    open_database(args.to, create=False)
    result = audit_all((), args.to)
    if not result.ok:
        _print_problems(result)
        return 1
    print(f"已迁移到 {shown(args.to)}：{counts['case']} 件工单、{counts['case_event']} 条台账记录，"
          f"共 {len(counts)} 张表逐表行数一致；台账校验通过（校验点 {result.head}）。"
          f"各台电脑今后用 --db {shown(args.to)} 打开。")
    return 0
