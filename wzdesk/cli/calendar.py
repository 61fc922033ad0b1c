"""The `calendar` commands: show a year's working days, set a day, import next year's schedule.

A change re-reckons at once every open deadline it touches (see wzdesk/cases/calendar_changes.py).
"""

import re
from datetime import date
from pathlib import Path

from wzdesk.cases import calendar_changes
from wzdesk.cli.common import ChineseArgumentParser, moment, open_for, print_json
from wzdesk.errors import UserError
from wzdesk.months import FIRST_YEAR, LAST_YEAR
from wzdesk.office import workcalendar
from wzdesk.office.statutory import fixed_holidays
from wzdesk.office.workcalendar import WorkCalendar

KINDS = {"workday": True, "holiday": False}


def register(sub) -> None:
    """Add `calendar show|set|import` to the parser."""
    p = sub.add_parser("calendar", help="工作日历：查看某年的放假和调休上班，设置某天，导入明年的节假日安排")
    jobs = p.add_subparsers(dest="calendar_command", metavar="{show,set,import}",
                            parser_class=ChineseArgumentParser, required=True)
    s = jobs.add_parser("show", help="某年与普通周一至周五不同的日子：工作日放假、周末调休上班")
    s.add_argument("--year", required=True, type=_year, help=f"年份（{FIRST_YEAR}–{LAST_YEAR}）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(handler=_show)
    d = jobs.add_parser("set", help="把某天设为上班（workday）或放假（holiday），并重算受影响的时限（需管理员）")
    d.add_argument("date", type=_day, help="日期，格式 YYYY-MM-DD")
    d.add_argument("kind", choices=tuple(KINDS), help="workday（上班）或 holiday（放假）")
    d.add_argument("--note", default="", help="说明，如“春节”“调休上班”")
    d.add_argument("--at", help="记录时刻（默认现在）")
    d.set_defaults(handler=_set)
    i = jobs.add_parser("import", help="导入节假日安排（.xlsx 或 .csv，每行“日期, 放假 或 上班, 名称”），"
                                       "确认其年份并重算受影响的时限（需管理员）")
    i.add_argument("file", type=Path, help="节假日安排文件")
    i.add_argument("--at", help="记录时刻（默认现在）")
    i.set_defaults(handler=_import)


def _year(text: str) -> int:
    if not re.fullmatch(r"\s*\d{4}\s*", text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise UserError(f"年份“{text}”不对：应为 {FIRST_YEAR} 至 {LAST_YEAR} 之间的四位数字。")
    return int(text)


def _day(text: str) -> date:
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text)
    try:
        day = date(*(int(g) for g in match.groups())) if match else None
    except ValueError:
        day = None
    if day is None:
        raise UserError(f"日期“{text}”不对：应为存在的日期，格式 YYYY-MM-DD。")
    _year(str(day.year))
    return day


def _show(args) -> int:
    open_for(args)
    cal = WorkCalendar.from_db()
    holidays, workdays = cal.differences(args.year)
    if args.json:
        print_json({"year": args.year, "known": cal.is_known(args.year),
                    "holidays": [f"{d:%Y-%m-%d}" for d in holidays], "workdays": [f"{d:%Y-%m-%d}" for d in workdays]})
        return 0
    state = "已录入" if cal.is_known(args.year) else "未录入，暂按周一至周五减法定节日推算"
    print(f"{args.year} 年工作日历（{state}）")
    print(f"工作日放假 {len(holidays)} 天：" + "　".join(f"{d:%m-%d}{_name(d)}" for d in holidays))
    print(f"周末调休上班 {len(workdays)} 天：" + "　".join(f"{d:%m-%d}{_name(d)}" for d in workdays))
    return 0


def _name(day: date) -> str:
    row = workcalendar.calendar_day(day)
    name = row.name if row else fixed_holidays(day.year).get(day, "")
    return f"（{name}）" if name else ""


def _set(args) -> int:
    operator = open_for(args)
    is_workday = KINDS[args.kind]
    moved = calendar_changes.set_day(args.date, is_workday, args.note.strip(), operator, moment(args))
    kind = "上班" if is_workday else "放假"
    print(f"已将 {args.date:%Y-%m-%d} 设为{kind}" + (f"（{args.note.strip()}）" if args.note.strip() else "") + "。")
    _print_moved(moved)
    return 0


def _import(args) -> int:
    operator = open_for(args)
    years, moved = calendar_changes.import_schedule(args.file, moment(args), operator)
    print(f"已导入并确认 {'、'.join(map(str, years))} 年的节假日安排。")
    _print_moved(moved)
    return 0


def _print_moved(moved: list[calendar_changes.Moved]) -> None:
    print(f"重算时限：{len({m.code for m in moved})} 件工单的时限有变化。")
    for m in moved:
        mark = "（暂算）" if m.new_provisional else ""
        what = "" if m.what == "办理时限" else f"{m.what} "  # a case's own limit is the line without a name
        print(f"  {m.code}：{what}{m.old_due:%Y-%m-%d} 24:00 → {m.new_due:%Y-%m-%d} 24:00{mark}")
