"""The `audit-verify` and `backup` commands: the ledger's check and a consistent copy."""

from pathlib import Path

from wzdesk.cli.common import open_for
from wzdesk.errors import UserError


def register(sub) -> None:
    """Add this group's commands to the parser."""
    _add_audit(sub)
    _add_backup(sub)


def _add_audit(sub) -> None:
    p = sub.add_parser("audit-verify", help="校验台账的防篡改链")
    p.set_defaults(handler=_audit)


def _audit(args) -> int:
    from wzdesk.models import CaseEvent
    from wzdesk.models.chain import verify_chain

    open_for(args)
    broken = verify_chain()
    if broken is None:
        print(f"台账完整：共 {CaseEvent.select().count()} 条记录，校验链无断点。")
        return 0
    where = f"（工单 {broken.case_code}，{broken.at[:16]}）" if broken.case_code else ""
    raise UserError(f"台账校验失败：{broken.message}{where}。请从备份恢复，并查明改动来源。")


def _add_backup(sub) -> None:
    p = sub.add_parser("backup", help="备份数据库（一致的完整副本）")
    p.add_argument("--out", type=Path, required=True, help="备份文件路径")
    p.set_defaults(handler=_backup)


def _backup(args) -> int:
    from wzdesk.office.backup import backup_to

    open_for(args)
    out = backup_to(args.out)
    print(f"已备份到 {out}")
    return 0
