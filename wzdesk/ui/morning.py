"""The morning's escalation run: when the app starts, the ladder runs once in the background."""

from PySide6.QtCore import QTimer

from wzdesk.supervision.ladder import run_ladder
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import warn
from wzdesk.ui.worker import BackgroundTask


def run_morning_ladder(window) -> BackgroundTask:
    """Run the ladder for now in a worker; tell the clerk what it produced and refresh the window."""
    at, operator = window.clock(), window.operator

    def job(progress):
        return run_ladder(at, operator)

    task = BackgroundTask(window, _("每日催办"), _("正在按时限检查在办工单，生成提醒函、督办函……"), job)

    def done(produced, cancelled: bool, error: str) -> None:
        if error:
            warn(window, error, _("每日催办未能完成"))
            return
        window.refresh()
        count = len(produced or [])
        window.statusBar().showMessage(
            _("今日催办产生 {0} 项，详见“今日督办”").format(count) if count else _("今日催办：没有新的催办事项"), 15000)

    task.finished.connect(done)
    task.start()
    return task


def schedule_morning_ladder(window) -> None:
    """Start the morning run once the window is on screen."""
    QTimer.singleShot(300, window, lambda: setattr(window, "morning_task", run_morning_ladder(window)))
