"""Handlers of the headless subcommands; each opens the database, calls the core and prints."""

from datetime import datetime
from pathlib import Path

from wzdesk.board import counts as board
from wzdesk.cli import citizen as citizen_commands
from wzdesk.cli import sheet as sheet_command
from wzdesk.cli.main import parse_at, print_json
from wzdesk.errors import UserError
from wzdesk.ledger import queries, tracking
from wzdesk.models import Operator
from wzdesk.office.database import default_db_path, open_database


def register(sub) -> None:
    """Add every subcommand to the parser."""
    _add_demo(sub)
    _add_cases(sub)
    _add_case(sub)
    _add_board(sub)
    _add_escalate(sub)
    _add_import(sub)
    _add_export(sub)
    _add_template(sub)
    _add_audit(sub)
    _add_backup(sub)
    from wzdesk.cli import notice as document_commands  # imported here: it imports this module

    document_commands.register(sub)
    citizen_commands.register(sub)
    sheet_command.register(sub)


def open_for(args) -> Operator:
    """Open the database named by --db and return the operator named by --operator."""
    open_database(args.db or default_db_path())
    operator = Operator.get_or_none(Operator.username == args.operator)
    if operator is None or not operator.active:
        raise UserError(f"没有名为“{args.operator}”的有效操作员。")
    return operator


def moment(args) -> datetime:
    """Return the --at moment, or now."""
    return parse_at(args.at) if getattr(args, "at", None) else datetime.now().replace(second=0, microsecond=0)


def _add_demo(sub) -> None:
    p = sub.add_parser("demo", help="用逼真的演示数据填充数据库")
    p.add_argument("--cases", type=int, default=2000, help="工单数量（默认 2000）")
    p.add_argument("--seed", type=int, default=1, help="随机种子，相同种子得到相同数据")
    p.add_argument("--at", help="演示数据的“今天”，格式 YYYY-MM-DD HH:MM（默认现在）")
    p.set_defaults(handler=_demo)


def _demo(args) -> int:
    from wzdesk.demo.fill import DemoProgress, fill

    operator = open_for(args)
    if args.cases < 0:
        raise UserError("--cases 不能是负数。")
    result = fill(args.cases, args.seed, moment(args), operator, DemoProgress.to_stderr())
    print(f"已生成演示数据：{result.cases} 件工单、{result.events} 条台账记录、{result.departments} 个单位，"
          f"用时 {result.seconds:.1f} 秒。")
    return 0


def _add_cases(sub) -> None:
    p = sub.add_parser("cases", help="列出工单")
    p.add_argument("--status", default="", help="状态（代码或中文，如 in_progress 或 办理中）")
    p.add_argument("--department", default="", help="承办单位名称")
    p.add_argument("--limit", type=int, help="最多列出多少件")
    p.add_argument("--at", help="按哪个时刻计算颜色（默认现在）")
    p.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    p.set_defaults(handler=_cases)


def _cases(args) -> int:
    open_for(args)
    at = moment(args)
    flt = queries.CaseFilter(status=args.status, department=args.department, limit=args.limit)
    for case in queries.case_rows(flt, at):
        row = tracking.case_summary(case, case.lead_name, case.colour)
        if args.json:
            print_json(row)
        else:
            print(tracking.summary_line(row))
    return 0


def _add_case(sub) -> None:
    p = sub.add_parser("case", help="查看一件工单的全流程轨迹")
    p.add_argument("code", help="工单编号")
    p.add_argument("--at", help="按哪个时刻计算剩余时间（默认现在）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=_case)


def _case(args) -> int:
    open_for(args)
    case = queries.find_case(args.code)
    at = moment(args)
    if args.json:
        print_json(tracking.case_detail(case, at))
    else:
        print(tracking.render_track(case, at))
    return 0


def _add_board(sub) -> None:
    p = sub.add_parser("board", help="督办看板：各单位各颜色的工单数")
    p.add_argument("--at", help="按哪个时刻计算（默认现在）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=_board)


def _board(args) -> int:
    open_for(args)
    data = board.board_json(moment(args))
    if args.json:
        print_json(data)
        return 0
    print(f"督办看板（{data['at']}）       绿    黄    橙    红    灰")
    for name, row in [*data["departments"].items(), ("合计", data["totals"])]:
        print(f"{name:<16}" + "".join(f"{row[c]:>6}" for c in row))
    return 0


def _add_template(sub) -> None:
    p = sub.add_parser("template", help="生成诉求清单导入模板（含下拉列表和填写说明）")
    p.add_argument("--out", type=Path, required=True, help="模板 .xlsx 文件")
    p.set_defaults(handler=_template)


def _template(args) -> int:
    from wzdesk.exchange.exporter import export_template

    open_for(args)
    print(f"已生成导入模板：{export_template(args.out)}")
    return 0


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


def _add_import(sub) -> None:
    p = sub.add_parser("import", help="导入平台导出的诉求清单（全部成功或全部不导入）")
    p.add_argument("file", type=Path, help="诉求清单 .xlsx 文件")
    p.add_argument("--at", help="导入时刻（默认现在）")
    p.add_argument("--problems-out", type=Path, help="有问题时，把标出问题单元格的副本存到这里")
    p.set_defaults(handler=_import)


def _import(args) -> int:
    from wzdesk.excel.problems import ImportRefused, mark_problems
    from wzdesk.exchange.importer import apply_import, plan_import

    operator = open_for(args)
    try:
        plan = plan_import(args.file)
    except ImportRefused as refused:
        if args.problems_out:
            mark_problems(args.file, refused.problems, args.problems_out)
        raise UserError(f"“{args.file.name}”未导入，没有写入任何数据。\n{refused}") from None
    result = apply_import(plan, moment(args), operator)
    print(f"已导入“{args.file.name}”：{plan.summary()}；写入台账记录 {result.events} 条。")
    return 0


def _add_export(sub) -> None:
    p = sub.add_parser("export", help="把台账（可筛选）导出为 Excel")
    p.add_argument("file", type=Path, help="导出的 .xlsx 文件")
    p.add_argument("--status", default="", help="状态")
    p.add_argument("--department", default="", help="承办单位名称")
    p.add_argument("--limit", type=int, help="最多导出多少件")
    p.add_argument("--at", help="按哪个时刻计算颜色（默认现在）")
    p.set_defaults(handler=_export)


def _export(args) -> int:
    from wzdesk.exchange.exporter import export_cases

    open_for(args)
    flt = queries.CaseFilter(status=args.status, department=args.department, limit=args.limit)
    count = export_cases(args.file, flt, moment(args))
    print(f"已导出 {count} 件到 {args.file}")
    return 0


def _add_escalate(sub) -> None:
    p = sub.add_parser("escalate", help="运行催办阶梯：提醒函、领导协调、督办清单、督办函、约谈、通报")
    p.add_argument("--at", help="按哪个时刻评估（默认现在）")
    p.add_argument("--json", action="store_true", help='以 JSON 输出 {"produced": [...]}')
    p.set_defaults(handler=_escalate)


def _escalate(args) -> int:
    from wzdesk.supervision.ladder import run_ladder
    from wzdesk.vocabulary import ACTION_LABELS

    operator = open_for(args)
    produced = run_ladder(moment(args), operator)
    if args.json:
        print_json({"produced": [p.as_json() for p in produced]})
        return 0
    for p in produced:
        print(f"{p.case}  {ACTION_LABELS[p.step]}" + (f"  {p.document}" if p.document else ""))
    print(f"本次催办共产生 {len(produced)} 项。")
    return 0
