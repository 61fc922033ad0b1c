"""The `morning` and `schedule` commands: the scheduled morning job, and registering it with the system."""

import sys
from pathlib import Path

from wzdesk.cli.common import ChineseArgumentParser, moment, open_for
from wzdesk.models.postgres_db import is_url
from wzdesk.office import backup, schedule, settings
from wzdesk.office.paths import default_database
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.supervision.ladder import run_ladder


def register(sub) -> None:
    """Add `morning` and `schedule install|remove` to the parser."""
    m = sub.add_parser("morning", help="早间督办：在工作日运行催办阶梯并备份数据库（由计划任务调用）")
    m.add_argument("--at", help="按哪个时刻运行（默认现在）")
    m.set_defaults(handler=_morning)
    p = sub.add_parser("schedule", help="在系统计划任务中登记或删除早间督办（每天 08:00，休息日自动跳过）")
    jobs = p.add_subparsers(dest="schedule_command", metavar="{install,remove}",
                            parser_class=ChineseArgumentParser, required=True)
    i = jobs.add_parser("install", help="登记早间督办（Windows 任务计划程序；其他系统打印 cron 行）")
    i.add_argument("--time", default="08:00", help="每天几点运行，格式 HH:MM（默认 08:00）")
    i.set_defaults(handler=_install)
    r = jobs.add_parser("remove", help="删除早间督办")
    r.set_defaults(handler=_remove)


def _morning(args) -> int:
    operator = open_for(args)
    at = moment(args)
    if not WorkCalendar.from_db().is_workday(at.date()):
        print(f"{at:%Y-%m-%d} 是休息日：早间督办不运行。")
        return 0
    produced = run_ladder(at, operator)
    made = backup.daily_backup(backup.backup_folder(), at.date(), settings.get("backup_keep"))
    print(f"早间督办完成：催办阶梯产生 {len(produced)} 项；" + (f"已备份到 {made}。" if made else "今天已有备份。"))
    return 0


def _job(args, at: str = "08:00") -> schedule.MorningJob:
    target = args.db or default_database()
    db = target if is_url(target) else Path(target).resolve()
    return schedule.MorningJob(schedule.program_of_this_copy(), db, schedule.check_time(at))


def _install(args) -> int:
    job = _job(args, args.time)
    if sys.platform == "win32":
        schedule.install_windows(job)
        print(f"已登记计划任务“{schedule.TASK_NAME}”：每天 {job.at} 运行（休息日自动跳过）。")
    else:
        print("本系统没有 Windows 任务计划程序。请用 crontab -e 加入下面这一行（每天运行，休息日自动跳过）：")
        print(schedule.cron_line(job))
    return 0


def _remove(args) -> int:
    if sys.platform == "win32":
        schedule.remove_windows()
        print(f"已删除计划任务“{schedule.TASK_NAME}”。")
    else:
        print("请用 crontab -e 删除含有“morning”的那一行。")
    return 0
