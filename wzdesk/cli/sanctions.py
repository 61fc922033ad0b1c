"""The `sanction` commands: the accountability register, and a supervisor's decision on a proposal."""

from dataclasses import asdict

from wzdesk.cli.common import ChineseArgumentParser, found, moment, open_for, print_json, record_id
from wzdesk.supervision import accountability


def register(sub) -> None:
    """Add `sanction list|confirm|dismiss` to the parser."""
    p = sub.add_parser("sanction", help="问责台账：列出问责建议和记录，确认或不予问责（须督办科长或管理员）")
    jobs = p.add_subparsers(dest="sanction_command", metavar="{list,confirm,dismiss}",
                            parser_class=ChineseArgumentParser, required=True)
    li = jobs.add_parser("list", help="列出问责台账")
    li.add_argument("--status", choices=("proposed", "confirmed", "dismissed", "revoked"),
                    help="只列出某一状态：proposed 待确认、confirmed 已确认")
    li.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    li.set_defaults(handler=_list)
    c = jobs.add_parser("confirm", help="确认一条问责建议")
    c.add_argument("id", type=record_id, help="问责记录的序号（sanction list 的第一列）")
    c.add_argument("--note", default="", help="确认意见")
    c.add_argument("--at", help="确认时刻（默认现在）")
    c.set_defaults(handler=_confirm)
    d = jobs.add_parser("dismiss", help="不予问责（须写明理由）")
    d.add_argument("id", type=record_id, help="问责记录的序号")
    d.add_argument("--reason", required=True, help="不予问责的理由")
    d.add_argument("--at", help="时刻（默认现在）")
    d.set_defaults(handler=_dismiss)


def _list(args) -> int:
    open_for(args)
    for row in accountability.register_rows(status=args.status or ""):
        if args.json:
            data = asdict(row)
            data["decided_on"] = row.decided_on.isoformat() if row.decided_on else None
            print_json(data)
        else:
            print(f"{row.id:>5}  {row.status}  {row.department}  {row.target}  {row.sanction}  {row.reason}")
    return 0


def _record(args):
    record = found(accountability.record_by_id(args.id), args.id, "问责记录")
    return record


def _confirm(args) -> int:
    operator = open_for(args, action="confirm_sanction")
    record = _record(args)
    accountability.confirm(record, moment(args), operator, args.note)
    print(f"已确认问责（序号 {record.id}）：{accountability.describe(record)}")
    return 0


def _dismiss(args) -> int:
    operator = open_for(args, action="confirm_sanction")
    record = _record(args)
    accountability.dismiss(record, args.reason, moment(args), operator)
    print(f"已不予问责（序号 {record.id}）：{args.reason.strip()}")
    return 0
