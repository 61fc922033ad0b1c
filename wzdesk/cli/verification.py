"""The `verification book` command: book an on-site check of a replied case (who goes, when, with whom).

The check's result is `act CODE verify-pass|verify-fail`, which completes the booking.
"""

from wzdesk.citizen import observers, verification
from wzdesk.cli.common import ChineseArgumentParser, moment, open_for, parse_at, record_id
from wzdesk.errors import UserError
from wzdesk.ledger import queries


def register(sub) -> None:
    """Add `verification book` to the parser."""
    p = sub.add_parser("verification", help="现场核验：预约核验（时间、人员、反映人和观察员到场）")
    jobs = p.add_subparsers(dest="verification_command", metavar="{book}", parser_class=ChineseArgumentParser,
                            required=True)
    b = jobs.add_parser("book", help="预约一件已答复工单的现场核验（结果用 act CODE verify-pass|verify-fail 登记）")
    b.add_argument("code", help="工单编号")
    b.add_argument("--when", required=True, help="核验时间 YYYY-MM-DD HH:MM")
    b.add_argument("--staff", required=True, help="去现场的督办室人员，如：王芳、李强")
    b.add_argument("--with-petitioner", action="store_true", help="约反映人到场")
    b.add_argument("--observer", type=record_id, action="append", default=[], metavar="序号",
                   help="随同核验的观察员序号（observer list 的第一列，可重复）")
    b.add_argument("--at", help="预约时刻（默认现在）")
    b.set_defaults(handler=_book)


def _book(args) -> int:
    operator = open_for(args, action="case_work")
    case = queries.find_case(args.code)
    chosen = observers.observers_by_ids(args.observer)
    missing = sorted(set(args.observer) - {o.id for o in chosen})
    if missing:
        raise UserError(f"没有序号为 {'、'.join(map(str, missing))} 的观察员。")
    retired = [o.id for o in chosen if o.retired_on is not None]
    if retired:
        raise UserError(f"观察员（序号 {'、'.join(map(str, retired))}）已退出名册，不能安排核验。")
    record = verification.book(case, parse_at(args.when), args.staff, moment(args), operator,
                               with_petitioner=args.with_petitioner, observers=chosen)
    print(f"已预约 {case.code} 的现场核验：{record.planned_at:%Y-%m-%d %H:%M}，{record.staff}"
          + (f"，观察员 {len(chosen)} 名" if chosen else "") + ("，反映人到场" if args.with_petitioner else "") + "。")
    return 0
