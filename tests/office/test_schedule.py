"""The morning job as the scheduler starts it: the command line, the cron line, the Windows task."""

import subprocess
from pathlib import Path

import pytest

from wzdesk.errors import UserError
from wzdesk.office import schedule


def test_the_job_runs_morning_on_the_named_database_and_cron_quotes_spaces():
    job = schedule.MorningJob(["/opt/py/bin/python", "/opt/wz desk/main.py"], Path("/数据/督办 台账.sqlite"), "8:05")
    assert job.argv() == ["/opt/py/bin/python", "/opt/wz desk/main.py", "--db", "/数据/督办 台账.sqlite", "morning"]
    assert schedule.cron_line(job) == (
        "5 8 * * * /opt/py/bin/python '/opt/wz desk/main.py' --db '/数据/督办 台账.sqlite' morning")


def test_a_frozen_copy_is_started_through_wzdesk_cli_beside_it(tmp_path):
    gui, cli = tmp_path / "wzdesk.exe", tmp_path / "wzdesk-cli.exe"
    gui.write_bytes(b"MZ")
    cli.write_bytes(b"MZ")
    assert schedule.program_of_this_copy(str(gui), frozen=True) == [str(cli)]
    assert schedule.program_of_this_copy("/usr/bin/python3", frozen=False, script=Path("/app/main.py")) == [
        "/usr/bin/python3", "/app/main.py"]


def test_the_windows_task_is_daily_at_its_time_for_the_signed_in_user():
    """The exact schtasks call (schtasks itself exists only on Windows)."""
    calls = []

    def run(argv, **_):
        calls.append(list(argv))
        return subprocess.CompletedProcess(argv, 0, "成功", "")

    job = schedule.MorningJob([r"C:\Users\王芳\AppData\Local\Programs\wzdesk\wzdesk-cli.exe"],
                              Path(r"C:\Users\王芳\AppData\Roaming\wzdesk\wzdesk.sqlite"))
    schedule.install_windows(job, run)
    schedule.remove_windows(run)
    assert calls[0][:8] == ["schtasks", "/Create", "/F", "/SC", "DAILY", "/ST", "08:00", "/TN"]
    assert calls[0][8] == schedule.TASK_NAME
    assert "/RU" not in calls[0]  # the user's own task: no administrator rights needed
    assert calls[0][10] == subprocess.list2cmdline(job.argv())
    assert calls[1] == ["schtasks", "/Delete", "/F", "/TN", schedule.TASK_NAME]


def test_a_refusal_of_the_task_scheduler_is_said_in_chinese():
    def run(argv, **_):
        return subprocess.CompletedProcess(argv, 1, "", "ERROR: Access is denied.")

    with pytest.raises(UserError, match=r"任务计划程序拒绝了操作：ERROR: Access is denied\."):
        schedule.remove_windows(run)


@pytest.mark.parametrize("text", ["25:00", "8", "08:60", "早上八点", ""])
def test_a_time_that_is_not_hh_mm_is_refused(text):
    with pytest.raises(UserError, match="HH:MM"):
        schedule.check_time(text)
