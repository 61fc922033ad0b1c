"""The `observer` commands: the roster of civilian observers (numbers masked) and its coverage."""

from dataclasses import asdict

from wzdesk.citizen import observers
from wzdesk.cli.common import ChineseArgumentParser, found, moment, open_for, print_json, record_id

FIELD_OPTIONS = (("name", "姓名"), ("kind", "类别：" + "、".join(observers.KINDS)), ("district", "区县"),
                 ("street", "街道"), ("community", "社区"), ("phone", "电话"), ("id_no", "身份证号"), ("note", "备注"))


def register(sub) -> None:
    """Add `observer list|add|edit|retire|reinstate|coverage` to the parser."""
    p = sub.add_parser("observer", help="民间观察员名册：列出、新增、修改、退出、恢复、各社区配备情况")
    jobs = p.add_subparsers(dest="observer_command", metavar="{list,add,edit,retire,reinstate,coverage}",
                            parser_class=ChineseArgumentParser, required=True)
    li = jobs.add_parser("list", help="列出观察员（电话和证件号码隐去中间几位）")
    li.add_argument("--all", action="store_true", help="包括已退出的")
    li.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    li.set_defaults(handler=_list)
    a = jobs.add_parser("add", help="新增观察员")
    _fields(a, required=("name", "community"))
    a.set_defaults(handler=_add)
    e = jobs.add_parser("edit", help="修改观察员信息（只改给出的项）")
    e.add_argument("id", type=record_id, help="观察员序号")
    _fields(e, required=())
    e.set_defaults(handler=_edit)
    for name, text, handler in (("retire", "观察员退出名册", _retire),
                                ("reinstate", "已退出的观察员恢复在册", _reinstate)):
        r = jobs.add_parser(name, help=text)
        r.add_argument("id", type=record_id, help="观察员序号")
        r.add_argument("--at", help="时刻（默认现在）")
        r.set_defaults(handler=handler)
    c = jobs.add_parser("coverage", help="各社区在册观察员人数（目标 3 至 5 名）和工单数")
    c.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    c.set_defaults(handler=_coverage)


def _fields(p, required) -> None:
    for key, text in FIELD_OPTIONS:
        p.add_argument("--" + key.replace("_", "-"), dest=key, required=key in required, help=text)
    p.add_argument("--at", help="时刻（默认现在）")


def _observer(args):
    observer = found(observers.observer_by_id(args.id), args.id, "观察员")
    return observer


def _list(args) -> int:
    open_for(args)
    for row in observers.observer_rows(include_retired=args.all):
        data = asdict(row) | {"joined_on": row.joined_on.isoformat(),
                              "retired_on": row.retired_on.isoformat() if row.retired_on else None}
        if args.json:
            print_json(data)
        else:
            print(f"{row.id:>5}  {row.name}  {row.kind}  {row.community}  {row.phone}"
                  + ("  已退出" if row.retired_on else ""))
    return 0


def _add(args) -> int:
    operator = open_for(args, action="case_work")
    values = {key: getattr(args, key) or "" for key, _text in FIELD_OPTIONS}
    observer = observers.add_observer(values, moment(args), operator)
    print(f"已新增观察员（序号 {observer.id}）：{observer.name}，{observer.community}。")
    return 0


def _edit(args) -> int:
    operator = open_for(args, action="case_work")
    observer = _observer(args)
    values = {key: getattr(observer, key) for key, _text in FIELD_OPTIONS}
    values |= {key: getattr(args, key) for key, _text in FIELD_OPTIONS if getattr(args, key) is not None}
    observers.edit_observer(observer, values, moment(args), operator)
    print(f"已保存观察员（序号 {observer.id}）的信息。")
    return 0


def _retire(args) -> int:
    operator = open_for(args, action="case_work")
    observer = observers.retire(_observer(args), moment(args), operator)
    print(f"观察员{observer.name}已退出名册。")
    return 0


def _reinstate(args) -> int:
    operator = open_for(args, action="case_work")
    observer = observers.reinstate(_observer(args), moment(args), operator)
    print(f"观察员{observer.name}已恢复在册。")
    return 0


def _coverage(args) -> int:
    open_for(args)
    for row in observers.coverage():
        if args.json:
            print_json(asdict(row) | {"short": row.short, "state": row.state})
        else:
            print(f"{row.district}{row.street}{row.community}  观察员 {row.observers} 名  "
                  f"工单 {row.cases} 件  {row.state}")
    return 0
