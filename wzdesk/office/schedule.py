"""The morning job: escalate and back up at 08:00, registered with the system's scheduler.

On Windows the job is a Task Scheduler task of the signed-in user (no administrator rights needed),
run every day at 08:00; the job itself does nothing on a rest day, so make-up working weekends (调休)
are covered without teaching the scheduler the Chinese calendar. Elsewhere we print the cron line.
The job runs as wzdesk's built-in `system` account (no --operator): it may run the ladder and back up.
"""

import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wzdesk.errors import UserError

TASK_NAME = "wzdesk 早间督办"
Runner = Callable[[Sequence[str]], subprocess.CompletedProcess]


@dataclass(frozen=True)
class MorningJob:
    """What the scheduler starts: the program and its arguments, and when."""

    program: list[str]
    db: Path
    at: str = "08:00"

    def argv(self) -> list[str]:
        """Return the whole command line of one run."""
        return [*self.program, "--db", str(self.db), "morning"]


def program_of_this_copy(executable: str = sys.executable, frozen: bool = bool(getattr(sys, "frozen", False)),
                         script: Path | None = None) -> list[str]:
    """Return how to start this copy's headless commands: wzdesk-cli beside a frozen build, else python main.py."""
    if frozen:
        exe = Path(executable)
        cli = exe.with_name("wzdesk-cli.exe" if exe.suffix.lower() == ".exe" else "wzdesk-cli")
        return [str(cli if cli.exists() else exe)]
    main = script or Path(sys.argv[0]).resolve()
    return [executable, str(main)]


def check_time(at: str) -> str:
    """Return HH:MM, refusing anything else in Chinese."""
    parts = at.strip().split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or not (0 <= int(parts[0]) < 24 and
                                                                        0 <= int(parts[1]) < 60):
        raise UserError(f"时间“{at}”格式不对，应为 HH:MM，例如 08:00。")
    return f"{int(parts[0]):02d}:{int(parts[1]):02d}"


def windows_command(job: MorningJob) -> str:
    """Return the job's command line quoted as Task Scheduler wants it in /TR."""
    return subprocess.list2cmdline(job.argv())


def install_windows(job: MorningJob, run: Runner = subprocess.run) -> None:
    """Register (or replace) the daily task of the signed-in user."""
    _schtasks(run, ["/Create", "/F", "/SC", "DAILY", "/ST", check_time(job.at), "/TN", TASK_NAME,
                    "/TR", windows_command(job)])


def remove_windows(run: Runner = subprocess.run) -> None:
    """Delete the task."""
    _schtasks(run, ["/Delete", "/F", "/TN", TASK_NAME])


def _schtasks(run: Runner, args: list[str]) -> None:
    done = run(["schtasks", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise UserError(f"任务计划程序拒绝了操作：{(done.stderr or done.stdout).strip()}")


def cron_line(job: MorningJob) -> str:
    """Return the crontab line that runs the job at its time every day."""
    hour, minute = check_time(job.at).split(":")
    command = " ".join(_shell_quote(part) for part in job.argv())
    return f"{int(minute)} {int(hour)} * * * {command}"


def _shell_quote(text: str) -> str:
    return text if text and all(c.isalnum() or c in "/._-:=" for c in text) else "'" + text.replace("'", "'\\''") + "'"
