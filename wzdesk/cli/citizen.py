"""The `outbox` and `ratings` subcommands: the SMS outbox for the gateway, and the monthly rating rules."""

from pathlib import Path

from wzdesk.cli.common import ChineseArgumentParser, moment, open_for, print_json


def register(sub) -> None:
    """Add `outbox export|mark-sent` and `ratings monthly` to the parser."""
    p = sub.add_parser("outbox", help="短信发件箱：导出待发短信给短信网关，登记发送结果")
    jobs = p.add_subparsers(dest="outbox_command", metavar="{export,mark-sent}",
                            parser_class=ChineseArgumentParser, required=True)
    e = jobs.add_parser("export", help="把待发短信导出为短信网关使用的 Excel（注意：这是唯一含反映人完整手机号码的"
                                       "导出，仅供短信网关使用，严禁外传）")
    e.add_argument("--out", type=Path, required=True, help="保存的 .xlsx 文件")
    e.add_argument("--at", help="导出时刻（默认现在）")
    e.set_defaults(handler=_export)
    m = jobs.add_parser("mark-sent", help="把短信登记为已发送（或加 --failed 登记为发送失败）")
    m.add_argument("--ids", nargs="+", required=True, help="消息序号（导出表的“序号”列），如 3 5,7-9")
    m.add_argument("--failed", metavar="原因", help="登记为发送失败，并写明原因")
    m.add_argument("--at", help="登记时刻（默认现在）")
    m.set_defaults(handler=_mark)
    r = sub.add_parser("ratings", help="回访评价的月度规则")
    rules = r.add_subparsers(dest="ratings_command", metavar="{monthly}", parser_class=ChineseArgumentParser,
                             required=True)
    mo = rules.add_parser("monthly", help="运行某月的评价规则：不满意率超标的单位本月办结件重办，连续不满意、"
                                          "连续两月居后提出问责建议（重复运行不会重复提出）")
    mo.add_argument("--month", required=True, help="月份，格式 YYYY-MM")
    mo.add_argument("--at", help="运行时刻（默认现在）")
    mo.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    mo.set_defaults(handler=_monthly)


def _export(args) -> int:
    from wzdesk.citizen.outbox import export_for_gateway

    operator = open_for(args)
    ids = export_for_gateway(args.out, moment(args), operator)
    print(f"已导出待发短信 {len(ids)} 条到 {args.out}（含完整手机号码，仅供短信网关使用）。")
    return 0


def _mark(args) -> int:
    from wzdesk.citizen.outbox import mark, parse_ids

    operator = open_for(args)
    count = mark(parse_ids(args.ids), moment(args), operator, failed_reason=args.failed)
    print(f"已将 {count} 条短信登记为" + ("发送失败。" if args.failed is not None else "已发送。"))
    return 0


def _monthly(args) -> int:
    from wzdesk.citizen.rating_rules import apply_monthly_rating_rules

    operator = open_for(args)
    result = apply_monthly_rating_rules(args.month, moment(args), operator)
    if args.json:
        print_json({"month": result.month, "false_closures": result.false_closures,
                    "proposals": [{"id": p.id, "rule": p.rule, "sanction": p.sanction,
                                   "department": p.department.name, "person": p.person_name}
                                  for p in result.proposals]})
        return 0
    print(f"{result.month} 评价规则：重办假办结 {len(result.false_closures)} 件，"
          f"提出问责建议 {len(result.proposals)} 条。")
    for record in result.proposals:
        print(f"  {record.department.name} {record.person_name}  {record.reason}")
    return 0
