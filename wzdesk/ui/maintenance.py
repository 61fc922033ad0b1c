"""文件 → 备份 / 恢复 / 校验台账: the desk's safety net, each job in the background with its outcome said."""

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from wzdesk.errors import UserError
from wzdesk.models import chain as ledger
from wzdesk.office import backup, settings
from wzdesk.office.restore import restore_from
from wzdesk.ui.dialogs import file_dialogs
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, refuse, warn
from wzdesk.ui.worker import BackgroundTask


def daily_backup_on_start(window) -> BackgroundTask:
    """Make today's automatic backup (once a day), keeping the office's number of them."""
    now, keep = window.clock(), settings.get("backup_keep")

    def job(progress):
        return backup.daily_backup(backup.backup_folder(), now, keep)

    task = BackgroundTask(window, _("自动备份"), _("正在备份今天的数据库……"), job)
    task.finished.connect(lambda made, _c, error: _say_backup(window, made, error))
    task.start()
    return task


def _say_backup(window, made: Path | None, error: str) -> None:
    if error:
        warn(window, _("今天的自动备份没有完成：{0}").format(error), _("自动备份"))
    elif made is not None:
        window.statusBar().showMessage(_("已自动备份到 {0}").format(made), 8000)


def backup_now(window, out: Path | None = None) -> BackgroundTask | None:
    """Ask where to save a copy of the database, then make it in the background."""
    if out is None:
        name = f"问政督办台备份-{datetime.now():%Y%m%d-%H%M}.sqlite"
        chosen, _filter = file_dialogs.save_file_name(window, _("备份数据库"), str(Path.home() / name),
                                                      _("数据库备份 (*.sqlite)"))
        if not chosen:
            return None
        out = Path(chosen)
    task = BackgroundTask(window, _("备份数据库"), _("正在备份……"), lambda progress: backup.backup_to(out))
    task.finished.connect(lambda made, _c, error: warn(window, error, _("备份失败")) if error else inform(
        window, _("已备份到：\n{0}").format(made), _("备份完成")))
    task.start()
    return task


def verify_ledger(window) -> BackgroundTask:
    """Check the ledger's hash chain in the background and say whether it holds."""
    task = BackgroundTask(window, _("校验台账"), _("正在逐条校验台账记录……"), lambda progress: ledger.verify_chain())
    task.finished.connect(lambda breach, _c, error: _say_verified(window, breach, error))
    task.start()
    return task


def _say_verified(window, breach, error: str) -> None:
    if error:
        warn(window, error, _("校验台账"))
    elif breach is None:
        inform(window, _("台账完整：每一条记录都与前一条环环相扣，没有被改动或删除。"), _("校验台账"))
    else:
        warn(window, _("台账校验失败：{0}。请从备份恢复，并查明改动来源。").format(breach.message), _("校验台账"))


def restore(window, source: Path | None = None, confirm: bool = True) -> BackgroundTask | None:
    """Restore from a backup the clerk picks: checked first, confirmed, then replacing the current data."""
    if source is None:
        chosen, _filter = file_dialogs.open_file_name(window, _("从备份恢复"), str(backup.backup_folder()),
                                                      _("数据库备份 (*.sqlite)"))
        if not chosen:
            return None
        source = Path(chosen)
    task = BackgroundTask(window, _("从备份恢复"), _("正在校验备份……"), lambda progress: backup.check_backup(source))
    task.finished.connect(lambda summary, _c, error: _confirm_restore(window, source, summary, error, confirm))
    task.start()
    return task


def _confirm_restore(window, source: Path, summary: str, error: str, confirm: bool) -> None:
    if error:
        warn(window, error, _("不能恢复"))
        return
    question = _("备份“{0}”校验通过（{1}）。\n恢复后，当前数据将被替换（替换前会另存一份）。确定恢复吗？").format(
        source.name, summary)
    if confirm and QMessageBox.question(window, _("从备份恢复"), question) != QMessageBox.StandardButton.Yes:
        return
    try:
        aside = restore_from(source, window.clock(), window.operator)
    except UserError as exc:
        refuse(window, exc, _("不能恢复"))
        return
    window.refresh()
    inform(window, _("已从备份恢复。原来的数据另存在：\n{0}").format(aside), _("恢复完成"))
