"""The `demo` command: fill a database with realistic demo data."""

from wzdesk.cli.common import count, moment, open_for


def register(sub) -> None:
    """Add this group's commands to the parser."""
    _add_demo(sub)


def _add_demo(sub) -> None:
    p = sub.add_parser("demo", help="用逼真的演示数据填充数据库")
    p.add_argument("--cases", type=count, default=2000, help="工单数量（默认 2000）")
    p.add_argument("--seed", type=int, default=1, help="随机种子，相同种子得到相同数据")
    p.add_argument("--at", help="演示数据的“今天”，格式 YYYY-MM-DD HH:MM（默认现在）")
    p.set_defaults(handler=_demo)


def _demo(args) -> int:
    from wzdesk.demo.fill import DemoProgress, fill

    operator = open_for(args, create=True)
    result = fill(args.cases, args.seed, moment(args), operator, DemoProgress.to_stderr())
    print(f"已生成演示数据：{result.cases} 件工单、{result.events} 条台账记录、{result.departments} 个单位，"
          f"用时 {result.seconds:.1f} 秒。")
    return 0
