"""文件 → 备份 / 恢复 / 校验台账: the desk's safety net, each job in the background with its outcome said."""

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from wzdesk.errors import UserError
from wzdesk.ledger import audit
from wzdesk.office import backup, checkpoints, settings
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
    """Run the whole check of `audit-verify` in the background (the chain and its head, the kept checkpoint,
    every case replayed from its events, the guards, the photos' hashes), with a progress dialog that can
    cancel it; then show what it found."""

    def job(progress):
        try:
            return audit.audit((), window.db_path, progress)
        except audit.Cancelled:
            return None

    task = BackgroundTask(window, _("校验台账"), _("正在逐条校验台账记录，并按台账记录重算每件工单……"), job)
    task.finished.connect(lambda result, cancelled, error: _say_verified(window, result, cancelled, error))
    task.start()
    return task


def _say_verified(window, result, cancelled: bool, error: str) -> QMessageBox:
    if error:
        return warn(window, error, _("校验台账"))
    if cancelled or result is None:
        return inform(window, _("已取消校验，没有得出结论。"), _("校验台账"))
    if result.ok:
        checkpoints.keep(window.db_path)
        return inform(window, _("台账完整：共 {0} 条记录，校验链无断点，工单与台账记录一致，照片未被改动。\n校验点 {1}"
                                "（可记在纸上，日后用 audit-verify --checkpoint 核对）").format(
            result.size(), result.head), _("校验台账"))
    return _show_findings(window, result)


def _show_findings(window, result) -> QMessageBox:
    """List every problem found: the first ones in the box, all of them under 显示详细信息."""
    lines = [f"{i}. {p.message}" for i, p in enumerate(result.problems, 1)]
    box = QMessageBox(QMessageBox.Icon.Warning, _("台账校验失败"), _(
        "发现 {0} 处问题（共 {1} 条记录，校验点 {2}）：\n\n{3}{4}\n\n请从备份恢复，并查明改动来源。").format(
        len(lines), result.size(), result.head, "\n".join(lines[:12]),
        _("\n……（其余见“显示详细信息”）") if len(lines) > 12 else ""), QMessageBox.StandardButton.Ok, window)
    box.setObjectName("audit_findings")
    box.setDetailedText("\n".join(lines))
    box.open()
    return box


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
        # on a shared server the restored content is audited as the restore command does before it commits
        aside = restore_from(source, window.clock(), window.operator, verify=audit.problem_messages)
    except UserError as exc:
        refuse(window, exc, _("不能恢复"))
        return
    window.refresh()
    inform(window, _("已从备份恢复。原来的数据另存在：\n{0}").format(aside), _("恢复完成"))
