"""The `merge` and `unmerge` commands: a repeat complaint merged into its main case, and the merge undone."""

from wzdesk.cli.common import moment, open_for
from wzdesk.errors import UserError
from wzdesk.office.defaults import SYSTEM_OPERATOR


def register(sub) -> None:
    """Add this group's commands to the parser."""
    p = sub.add_parser("merge", help="把重复诉求合并到主件")
    p.add_argument("code", help="重复诉求的工单编号")
    p.add_argument("--into", required=True, metavar="MAIN", help="主件的工单编号")
    p.add_argument("--at", help="合并时刻（默认现在）")
    p.add_argument("--reopen", action="store_true", help="主件已办结时重新办理主件（同一问题仍未解决）")
    p.add_argument("--note", default="", help="合并说明")
    p.set_defaults(handler=_merge)
    u = sub.add_parser("unmerge", help="撤销合并，恢复重复诉求原状")
    u.add_argument("code", help="被合并的工单编号")
    u.add_argument("--at", help="撤销时刻（默认现在）")
    u.set_defaults(handler=_unmerge)


def _clerk(args):
    """Open the database for a clerk's change: the scheduled jobs' system account may not merge."""
    operator = open_for(args)
    if operator.username == SYSTEM_OPERATOR:
        raise UserError("合并和撤销合并须由操作员办理：请用 --operator 指定操作员"
                        "（密码取自环境变量 WZDESK_PASSWORD）。")
    return operator


def _merge(args) -> int:
    from wzdesk.cases import repeats
    from wzdesk.ledger import queries

    operator = _clerk(args)
    repeat, main = queries.find_case(args.code), queries.find_case(args.into)
    repeats.merge(repeat, main, moment(args), operator, reopen=args.reopen, note=args.note,
                  expected_version=repeat.version)  # acts on the case as it read it
    print(f"已将 {repeat.code} 合并到 {main.code}。")
    return 0


def _unmerge(args) -> int:
    from wzdesk.cases import repeats
    from wzdesk.ledger import queries
    from wzdesk.vocabulary import STATUS_LABELS

    operator = _clerk(args)
    repeat = queries.find_case(args.code)
    main_code = repeat.merged_into.code if repeat.merged_into_id else ""
    restored = repeats.unmerge(repeat, moment(args), operator, expected_version=repeat.version)
    print(f"已撤销 {restored.code} 与 {main_code} 的合并，恢复为“{STATUS_LABELS[restored.status]}”。")
    return 0
