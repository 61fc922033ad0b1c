"""The `import`, `export` and `template` commands: case lists in and out as workbooks."""

import re
from pathlib import Path

from wzdesk.cli.common import count, moment, open_for
from wzdesk.errors import UserError
from wzdesk.ledger import queries


def register(sub) -> None:
    """Add this group's commands to the parser."""
    _add_import(sub)
    _add_export(sub)
    _add_template(sub)


def _add_import(sub) -> None:
    p = sub.add_parser("import", help="导入平台导出的诉求清单（全部成功或全部不导入）")
    p.add_argument("file", type=Path, help="诉求清单：.xlsx .xlsm .xls .ods .csv，或网页系统导出的 HTML / XML 表格")
    p.add_argument("--mapping", help="使用保存的某个平台的列对照（名称）")
    p.add_argument("--at", help="导入时刻（默认现在）")
    p.add_argument("--problems-out", type=Path, help="有问题时，把标出问题单元格的副本存到这里")
    p.set_defaults(handler=_import)


def _import(args) -> int:
    from wzdesk.excel.problems import ImportRefused, mark_problems
    from wzdesk.exchange.importer import apply_import, plan_import

    operator = open_for(args, create=True)
    try:
        plan = plan_import(args.file, args.mapping)
    except ImportRefused as refused:
        if args.problems_out:
            mark_problems(args.file, refused.problems, args.problems_out)
        raise UserError(f"“{args.file.name}”未导入，没有写入任何数据。\n{refused}") from None
    result = apply_import(plan, moment(args), operator)
    print(f"已导入“{args.file.name}”：{plan.summary()}；写入台账记录 {result.events} 条。")
    for line in plan.report():
        print(line)
    return 0


def _add_export(sub) -> None:
    p = sub.add_parser("export", help="把台账（可筛选）导出为 Excel")
    p.add_argument("file", type=Path, help="导出的 .xlsx 文件")
    p.add_argument("--status", default="", help="状态")
    p.add_argument("--department", default="", help="承办单位名称")
    p.add_argument("--limit", type=count, help="最多导出多少件")
    p.add_argument("--at", help="按哪个时刻计算颜色（默认现在）")
    p.add_argument("--columns", help="只导出这些列（模板的列名，用逗号或顿号分隔），如 工单编号,标题,承办单位,办理状态"
                   "；列少时打印字号更大")
    p.add_argument("--full", action="store_true",
                   help="内部完整导出：不遮挡姓名和号码（须有查看完整号码的权限，并记入台账）")
    p.set_defaults(handler=_export, outputs=("file",))


def _export(args) -> int:
    from wzdesk.exchange.exporter import export_cases

    operator = open_for(args)
    flt = queries.CaseFilter(status=args.status, department=args.department, limit=args.limit)
    columns = [c.strip() for c in re.split(r"[,，、]", args.columns) if c.strip()] if args.columns else None
    count = export_cases(args.file, flt, moment(args), full_by=operator if args.full else None, columns=columns)
    print(f"已导出 {count} 件到 {args.file}")
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
