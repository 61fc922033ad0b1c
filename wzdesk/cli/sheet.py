"""The `sheet` subcommand: write the monthly department performance sheet."""

from pathlib import Path

from wzdesk.cli.common import moment, open_for


def register(sub) -> None:
    """Add `sheet --month YYYY-MM --out FILE.xlsx` to the parser."""
    p = sub.add_parser("sheet", help="生成月度承办单位绩效考核表（Excel）")
    p.add_argument("--month", required=True, help="考核月份，格式 YYYY-MM")
    p.add_argument("--out", type=Path, required=True, help="保存的 .xlsx 文件")
    p.add_argument("--at", help="统计时刻（默认现在）")
    p.set_defaults(handler=_sheet)


def _sheet(args) -> int:
    from wzdesk.months import month_span
    from wzdesk.performance.sheet import write_sheet

    month_span(args.month)  # refuse a bad month before opening anything
    open_for(args)
    data = write_sheet(args.out, args.month, moment(args))
    ranked = sum(1 for s in data.ranked if s.rank is not None)
    print(f"已生成 {args.month} 考核表：{args.out}（{len(data.ranked)} 个单位，{ranked} 个参加排名）")
    return 0
