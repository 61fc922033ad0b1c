"""The `escalate` command: run the escalation ladder for a moment."""

from wzdesk.cli.common import moment, open_for, print_json


def register(sub) -> None:
    """Add this group's commands to the parser."""
    _add_escalate(sub)


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
