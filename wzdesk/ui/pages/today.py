"""今日督办: what the ladder produced today, grouped by document, with run, print-all and save-all."""

import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from wzdesk.board.office import office_overdue
from wzdesk.ledger import search
from wzdesk.models import Operator
from wzdesk.notices import register as notice_register
from wzdesk.notices import service as document_service
from wzdesk.supervision import follow_ups
from wzdesk.supervision.ladder import run_ladder
from wzdesk.ui.actions import ActionButton, ActionId, allow, make_actions
from wzdesk.ui.dialogs import file_dialogs
from wzdesk.ui.dialogs.coordination import OwedItemDoneDialog
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, warn
from wzdesk.ui.models.today_tree import CODE_ROLE, OWED_ROLE, TodayTreeModel, TreeRow
from wzdesk.ui.pdf_print import ask_and_print_in_background
from wzdesk.ui.worker import BackgroundTask

COLUMNS = ["文书 / 工单", "承办单位 / 诉求事项", "件数 / 状态"]
OWED_KINDS = {"重大件跟进": "follow_up", "协调事项": "decision"}


def _case_id_at(index) -> int | None:
    """Return the id of the case on a tree row (None on a letter's row)."""
    code = index.siblingAtColumn(0).data(CODE_ROLE) if index.isValid() else None
    case = search.exact_case(code) if code else None
    return case.id if case else None


class TodayPage(QWidget):
    """The day's documents with their departments and cases."""

    ladder_ran = Signal()  # cases changed: the window refreshes the other pages
    batch_ready = Signal(object)  # the Batch written by 打印全部 or 保存全部

    def __init__(self, clock: Callable[[], datetime], operator: Callable[[], Operator], parent=None):
        super().__init__(parent)
        self.setObjectName("today_page")
        self.clock = clock
        self.operator = operator
        self.task: BackgroundTask | None = None
        self.print_task: BackgroundTask | None = None
        self._print_after = False
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size:13pt;font-weight:bold;")
        top.addWidget(self.heading, 1)
        self.page_actions = make_actions(self, {ActionId.RUN_LADDER: lambda: self.run(),
                                                ActionId.PRINT_TODAY: lambda: self.print_all(),
                                                ActionId.SAVE_TODAY: lambda: self.save_all()})
        self.run_button = ActionButton(self.page_actions[ActionId.RUN_LADDER], "run_ladder")
        self.print_button = ActionButton(self.page_actions[ActionId.PRINT_TODAY], "print_today")
        self.save_button = ActionButton(self.page_actions[ActionId.SAVE_TODAY], "save_today")
        for button in (self.run_button, self.print_button, self.save_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.model = TodayTreeModel([_(c) for c in COLUMNS], self)
        self.tree = QTreeView()
        self.tree.setObjectName("today_tree")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setToolTip(_("双击一项跟进或协调事项，登记它已完成"))
        self.tree.doubleClicked.connect(self.open_owed)
        layout.addWidget(self.tree, 1)

    def reload(self) -> None:
        """Show what the ladder produced today."""
        day = self.clock().date()
        groups = notice_register.day_groups(day)
        documents = sum(1 for g in groups if g.notice_id)
        self.heading.setText(_("{0} 催办结果：{1} 份文书，{2} 项督办").format(
            f"{day.year}年{day.month}月{day.day}日", documents, sum(len(g.cases) for g in groups)))
        rows = [*self._office_overdue(), *self._follow_ups(day)]
        for group in groups:
            rows.append(TreeRow((group.title, group.department, _("{0} 件").format(len(group.cases))),
                                notice_id=group.notice_id,
                                children=[TreeRow((code, title, status), code) for code, title, status in group.cases]))
        if not groups:
            rows.append(TreeRow((_("今天还没有催办结果"), _("点“运行催办”检查全部在办工单"), "")))
        self.model.set_groups(rows)
        for button in (self.print_button, self.save_button):
            allow(button.action, "" if documents else _("今天的催办还没有产生文书"))

    def _office_overdue(self) -> list[TreeRow]:
        """List the office's own work past its limit first: cases waiting for dispatch or a check."""
        tasks = office_overdue(self.clock())
        if not tasks:
            return []
        children = [TreeRow((task.code, task.title, _("{0}，应于 {1} 前").format(_(task.task), f"{task.due_at:%m-%d}")),
                            task.code) for task in tasks]
        return [TreeRow((_("督办室自身超期工作"), _("待派单、待核验、待回访"), _("{0} 件").format(len(tasks))),
                        children=children)]

    def _follow_ups(self, day) -> list[TreeRow]:
        """List the follow-ups of major cases and the meeting decisions due today or overdue."""
        items = follow_ups.due_by(day)
        if not items:
            return []
        children = []
        for item in items:
            late = _("已超期") if item.due_at.date() < day else _("今日到期")
            texts = (item.code, f"{_(item.kind)}：{item.what}（{item.department}）",
                     _("{0}，应于 {1} 前").format(late, f"{item.due_at:%m-%d}"))
            children.append(TreeRow(texts, item.code, owed=(OWED_KINDS[item.kind], item.item_id)))
        title = (_("今日到期的跟进和协调事项"), _("重大件跟进、协调会议议定事项"), _("{0} 项").format(len(items)))
        return [TreeRow(title, children=children)]

    def group_index(self, title: str) -> QModelIndex:
        """Return the index of the group whose first cell reads `title` (invalid when there is none)."""
        rows = [g.texts[0] for g in self.model.groups]
        return self.model.index(rows.index(title), 0) if title in rows else QModelIndex()

    def open_owed(self, index: QModelIndex) -> OwedItemDoneDialog | None:
        """Open the dialog that marks a follow-up or decision row done; return it (None on another row)."""
        owed = index.siblingAtColumn(0).data(OWED_ROLE) if index.isValid() else None
        case = search.exact_case(index.siblingAtColumn(0).data(CODE_ROLE)) if owed else None
        if case is None:
            return None
        dialog = OwedItemDoneDialog(case, self.operator(), self.clock(), self)
        dialog.choose(*owed)
        dialog.accepted.connect(self._owed_done)
        dialog.open()
        return dialog

    def _owed_done(self) -> None:
        self.reload()
        self.ladder_ran.emit()  # a case changed: the other pages refresh

    def case_lists(self) -> list:
        """Return the tree, whose case rows (under each letter) drive the case pane."""
        return [(self.tree, _case_id_at)]

    def _busy(self) -> bool:
        return self.task is not None and self.task.is_running()

    def run(self) -> BackgroundTask | None:
        """Run the ladder for the current moment in a worker."""
        if self._busy():
            return None
        at, operator = self.clock(), self.operator()
        self.task = BackgroundTask(self, _("运行催办"), _("正在检查全部在办工单……"),
                                   lambda _progress: len(run_ladder(at, operator)))
        self.task.finished.connect(self._ran)
        self.task.start()
        return self.task

    def _ran(self, count: int | None, cancelled: bool, error: str) -> None:
        self.reload()
        self.ladder_ran.emit()
        if error:
            warn(self, error, _("催办未能完成"))
        else:
            inform(self, _("本次催办共产生 {0} 项。").format(count or 0), _("运行催办"))

    def print_all(self) -> BackgroundTask | None:
        """Write the day's batch to a temporary folder, then print the combined PDF at 100% on A4."""
        return self._write_batch(Path(tempfile.mkdtemp(prefix="wzdesk-batch-")), print_after=True)

    def save_all(self) -> None:
        """Ask for a folder and write the day's documents into it."""
        folder = file_dialogs.existing_directory(self, _("保存今日文书到文件夹"), str(Path.home()))
        if folder:
            self.save_to(Path(folder))

    def save_to(self, folder: Path) -> BackgroundTask | None:
        """Write the day's documents and the combined PDF into a folder, in a worker."""
        return self._write_batch(folder, print_after=False)

    def _write_batch(self, folder: Path, print_after: bool) -> BackgroundTask | None:
        if self._busy():
            return None
        day = self.clock().date()
        self._print_after = print_after
        self.task = BackgroundTask(self, _("今日督办文书"), _("正在生成今日督办文书……"),
                                   lambda progress: document_service.render_batch(day, folder, progress))
        self.task.finished.connect(self._batch_done)
        self.task.start()
        return self.task

    def _batch_done(self, batch, cancelled: bool, error: str) -> None:
        if error:
            warn(self, error, _("未能生成文书"))
            return
        if cancelled or batch is None or batch.combined is None:
            return
        self.batch_ready.emit(batch)
        if self._print_after:
            self.print_task = ask_and_print_in_background(self, batch.combined)
            if self.print_task is not None:
                self.print_task.finished.connect(self._printed)
        else:
            inform(self, _("已保存 {0} 份文书及合并打印文件到：\n{1}").format(len(batch.files), batch.combined.parent))

    def _printed(self, pages: int | None, cancelled: bool, error: str) -> None:
        if error:
            warn(self, error, _("无法打印"))
        elif cancelled:
            inform(self, _("已取消打印：打印任务已撤销，这批文书没有送往打印机。"))

    def shutdown(self) -> None:
        """Stop and wait for running work (the window is closing)."""
        if self._busy():
            self.task.cancel()
            self.task.wait()
        if self.print_task is not None and self.print_task.is_running():
            self.print_task.cancel()
            self.print_task.wait()
