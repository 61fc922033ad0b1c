"""The import wizard: read and plan a case list in the background, preview it, import it all or nothing."""

from collections.abc import Callable
from datetime import datetime
from operator import itemgetter
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wzdesk.excel.problems import ImportRefused, mark_problems
from wzdesk.exchange import preview as import_preview
from wzdesk.exchange.import_units import (
    known_unit_names,
    rename_units,
    restore_units,
    save_unit_names,
    unconfirmed,
    units_as_read,
)
from wzdesk.exchange.import_words import platforms
from wzdesk.exchange.importer import ImportPlan, ImportResult, apply_import, plan_import
from wzdesk.models import Operator
from wzdesk.office.roles import may
from wzdesk.ui.dialogs import file_dialogs
from wzdesk.ui.dialogs.import_units import NewUnitsPanel
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, warn
from wzdesk.ui.models.rows import RowsModel
from wzdesk.ui.worker import BackgroundTask, Progress

MAPPING_WIDTHS = (220,)
SAMPLE_WIDTHS = (56, 150, 300, 80, 220)
CODE_COLUMN = 1  # 工单编号 in SAMPLE_HEADERS
SAMPLE_TABS = range(1, 5)  # 新增, 更新, 未变, 疑似重复: tables of rows with a 工单编号 column
UNITS_TAB = 5
NO_PLATFORM = 0  # the platform choice's first item: no saved mapping
REPORT_EVERY = 200  # rows between progress signals: a signal per row would flood the window's thread


def _model(headers: tuple[str, ...], parent: QWidget) -> RowsModel:
    """Return a table model over plain tuples, one column per header."""
    return RowsModel([(_(header), itemgetter(i)) for i, header in enumerate(headers)], parent=parent)


def _table(model: RowsModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def _plan_or_refusal(path: Path, progress: Progress, at: datetime | None = None,
                     mapping: str | None = None) -> ImportPlan | ImportRefused:
    """Read and plan the file, with the similar open cases of its new rows; a refusal is a result to show."""
    try:
        plan = plan_import(path, mapping)
    except ImportRefused as refused:
        return refused
    return import_preview.find_similar(plan, at) if at is not None else plan


class ImportDialog(QDialog):
    """导入诉求清单: preview what a file would do, then import it in one transaction."""

    imported = Signal(object)  # ImportResult, once the import has been written

    def __init__(self, path: Path, operator: Operator, clock: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.path, self.operator, self.clock = Path(path), operator, clock
        self.plan: ImportPlan | None = None
        self.work = 0
        self.refused: ImportRefused | None = None
        self.result: ImportResult | None = None
        self.task: BackgroundTask | None = None
        self.setWindowTitle(_("导入诉求清单 — {0}").format(self.path.name))
        self.resize(960, 600)
        self.pages = QStackedWidget()
        self.status = QLabel(_("正在读取“{0}”……").format(self.path.name))
        self.status.setWordWrap(True)
        self.status.setObjectName("import_status")
        self._build_platform()
        self._build_preview()
        self._build_problems()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(self.platform_row)
        layout.addWidget(self.status)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

    def _build_platform(self) -> None:
        """The platform whose saved column and unit mappings apply; choosing one reads the file again."""
        self.platform = QComboBox()
        self.platform.setObjectName("import_platform")
        self.platform.addItem(_("（不使用）"))
        self.platform.addItems(platforms())
        self.platform.currentIndexChanged.connect(lambda _index: self.start())
        self.platform_row = QHBoxLayout()
        self.platform_row.addWidget(QLabel(_("按平台对照导入：")))
        self.platform_row.addWidget(self.platform)
        self.platform_row.addStretch(1)

    def mapping(self) -> str | None:
        """Return the chosen platform's name, None for none."""
        return None if self.platform.currentIndex() == NO_PLATFORM else self.platform.currentText()

    def _build_preview(self) -> None:
        self.mapping_model = _model(import_preview.MAPPING_HEADERS, self)
        self.new_model = _model(import_preview.SAMPLE_HEADERS, self)
        self.updated_model = _model(import_preview.UPDATE_HEADERS, self)
        self.unchanged_model = _model(import_preview.SAMPLE_HEADERS, self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("import_tabs")
        self.similar_model = _model(import_preview.SIMILAR_HEADERS, self)
        for model, name in [(self.mapping_model, "mapping"), (self.new_model, "new"),
                            (self.updated_model, "updated"), (self.unchanged_model, "unchanged"),
                            (self.similar_model, "similar")]:
            view = _table(model, f"import_{name}")
            for column, width in enumerate(MAPPING_WIDTHS if name == "mapping" else SAMPLE_WIDTHS):
                view.setColumnWidth(column, width)
            self.tabs.addTab(view, "")
        self.units = NewUnitsPanel()
        self.units.changed.connect(self._update_ready)
        self.tabs.addTab(self.units, "")
        self.notes = QLabel()
        self.notes.setObjectName("import_notes")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.notes)
        self.pages.addWidget(QWidget())  # shown while reading
        self.preview_page = page
        self.pages.addWidget(page)

    def _build_problems(self) -> None:
        self.problem_model = _model(import_preview.PROBLEM_HEADERS, self)
        self.problem_view = _table(self.problem_model, "import_problems")
        for column, width in enumerate((110, 50, 150, 160)):
            self.problem_view.setColumnWidth(column, width)
        self.problems_page = self.problem_view
        self.pages.addWidget(self.problem_view)

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(_("导入"))
        self.import_button.setObjectName("import_button")
        self.import_button.setEnabled(False)
        self.mark_button = QPushButton(_("保存标注问题的副本…"))
        self.mark_button.setObjectName("mark_button")
        self.close_button = self.buttons.addButton(_("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.mark_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.mark_button.hide()  # after addButton, which shows it; only a refused file can be marked
        self.import_button.clicked.connect(self.start_import)
        self.mark_button.clicked.connect(lambda: self.save_marked_copy())
        self.close_button.clicked.connect(self.reject)

    # -- reading -------------------------------------------------------------------------------------

    def start(self) -> BackgroundTask:
        """Read and plan the file in the background."""
        path, at, mapping = self.path, self.clock(), self.mapping()
        self.import_button.setEnabled(False)
        self.task = BackgroundTask(self, _("读取诉求清单"), _("正在读取并核对“{0}”……").format(path.name),
                                   lambda progress: _plan_or_refusal(path, progress, at, mapping))
        self.task.finished.connect(self._planned)
        self.task.start()
        return self.task

    def _planned(self, result, cancelled: bool, error: str) -> None:
        if cancelled:
            self.reject()
        elif error:
            self.show_refusal(ImportRefused([]), error)
        elif isinstance(result, ImportRefused):
            self.show_refusal(result)
        else:
            self.show_plan(result)

    def _show_whole_codes(self) -> None:
        """Widen each sample's 工单编号 column to its longest code: platform codes run past 20 characters."""
        for index in SAMPLE_TABS:
            view = self.tabs.widget(index)
            view.resizeColumnToContents(CODE_COLUMN)
            view.setColumnWidth(CODE_COLUMN, max(view.columnWidth(CODE_COLUMN), SAMPLE_WIDTHS[CODE_COLUMN]))

    def show_plan(self, plan: ImportPlan) -> None:
        """Show what the import would do, and offer to do it."""
        self.plan = plan
        self.refused = None
        self.import_button.show()  # a refusal hid it; another platform's mapping may read the file well
        self.mark_button.hide()
        self.status.setStyleSheet("")
        shown = import_preview.preview(plan)
        self.mapping_model.set_rows(shown.mapping)
        self.new_model.set_rows(shown.new)
        self.updated_model.set_rows(shown.updated)
        self.unchanged_model.set_rows(shown.unchanged)
        self.similar_model.set_rows(shown.similar)
        self._show_whole_codes()
        titles = [_("列的对应"), _("新增 {0} 件"), _("更新 {0} 件"), _("未变 {0} 件"), _("疑似重复 {0} 条")]
        counts = [None, shown.counts["new"], shown.counts["updated"], shown.counts["unchanged"], len(shown.similar)]
        for index, (title, count) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(index, title.format(f"{count:,}") if count is not None else title)
        self.tabs.setCurrentIndex(1 if shown.counts["new"] else 2 if shown.counts["updated"] else 0)
        self.notes.setText("\n".join(shown.notes))  # composed in Chinese by the core
        self.read_units = units_as_read(plan)  # each import attempt renames from the file's own names
        self.units.set_units(plan.new_departments, known_unit_names(), self.mapping() or "")
        self.units.save.setEnabled(may(self.operator, "case_work"))  # the system account saves no mappings
        self.tabs.setTabText(UNITS_TAB, _("新单位 {0} 个").format(len(plan.new_departments)))
        self.tabs.setTabVisible(UNITS_TAB, bool(plan.new_departments))
        if plan.new_departments:
            self.tabs.setCurrentIndex(UNITS_TAB)
        self.work = shown.counts["new"] + shown.counts["updated"]
        self._update_ready()
        self.pages.setCurrentWidget(self.preview_page)

    def _update_ready(self) -> None:
        """Say what the import will do, or which new units still wait for a choice; enable 导入 when ready."""
        if self.plan is None:
            return
        waiting = unconfirmed(self.plan, self.units.choices())
        if not self.work:
            text = _("“{0}”中的工单与台账一致，没有需要导入的内容。").format(self.path.name)
        elif waiting:
            text = _("“{0}”中有 {1} 个本系统没有的单位（{2}）：请在“新单位”中逐个确认新建或对应到已有单位，"
                     "然后再导入。").format(self.path.name, len(waiting), "、".join(waiting))
        else:
            text = _("“{0}”可以导入：{1}。核对无误后点“导入”；导入要么全部成功，要么什么也不写。").format(
                self.path.name, self.plan.summary())
        self.status.setText(text)
        self.import_button.setEnabled(bool(self.work) and not waiting)

    def show_refusal(self, refused: ImportRefused, message: str = "") -> None:
        """Show why the file cannot be imported, every problem in a table."""
        self.refused = refused
        problems = refused.problems
        self.problem_model.set_rows(import_preview.problem_rows(problems))
        if message or (len(problems) == 1 and problems[0].sheet is None):
            headline = message or problems[0].message
        else:
            headline = _("发现 {0} 个问题，没有导入任何数据。请改正后重新导入。").format(len(problems))
        self.status.setText(headline)
        self.status.setStyleSheet("color:#b00000")
        self.mark_button.setVisible(import_preview.can_mark(problems))
        self.import_button.hide()
        self.pages.setCurrentWidget(self.problems_page)

    # -- marking -------------------------------------------------------------------------------------

    def save_marked_copy(self, out: Path | None = None) -> Path | None:
        """Save a copy of the file with the bad cells marked; ask where when `out` is not given."""
        if out is None:
            suggested = self.path.with_name(f"{self.path.stem}（标注问题）.xlsx")
            chosen, _filter = file_dialogs.save_file_name(self, _("保存标注问题的副本"), str(suggested),
                                                          _("Excel 工作簿 (*.xlsx)"))
            if not chosen:
                return None
            out = Path(chosen)
        try:
            mark_problems(self.path, self.refused.problems, out)
        except ImportRefused as refused:
            warn(self, str(refused), _("未能保存"))
            return None
        inform(self, _("已保存标注问题的副本：{0}").format(out))
        return out

    # -- importing -----------------------------------------------------------------------------------

    def start_import(self) -> BackgroundTask | None:
        """Write the plan in the background; cancelling rolls everything back."""
        plan, at, operator = self.plan, self.clock(), self.operator
        total = len(plan.new) + len(plan.updated)
        choices, platform, read = self.units.choices(), self.units.saving_as(), self.read_units
        if platform == "":
            warn(self, _("请填写平台名称（如 12345热线），单位对照按平台保存；不保存就取消勾选。"), _("未导入"))
            return None

        def job(progress: Progress) -> ImportResult:
            def step(done: int, _total: int) -> bool:
                if done % REPORT_EVERY == 0 or done == total:
                    progress.report(done, total)
                return not progress.cancelled()
            restore_units(plan, read)  # a cancelled attempt may have renamed with other choices
            rename_units(plan, choices)  # the units mapped to the ledger's: no unit is created for them
            result = apply_import(plan, at, operator, step)
            if platform and (result.created or result.updated):
                save_unit_names(platform, choices, at, operator)
            return result

        self.import_button.setEnabled(False)
        self.task = BackgroundTask(self, _("导入诉求清单"), _("正在导入 {0} 件……").format(f"{total:,}"), job)
        self.task.finished.connect(self._imported)
        self.task.start()
        return self.task

    def _imported(self, result: ImportResult | None, cancelled: bool, error: str) -> None:
        written = result is not None and (result.created or result.updated)
        if error:
            self.status.setText(_("导入失败，没有写入任何数据：{0}").format(error))
            self.status.setStyleSheet("color:#b00000")
        elif cancelled and not written:
            self.status.setText(_("已取消导入，没有写入任何数据。"))
            self.import_button.setEnabled(True)
        else:
            self.result = result
            self.status.setText(_("已导入“{0}”：{1}").format(self.path.name, import_preview.result_text(result)))
            self.status.setStyleSheet("color:#006100")
            self.close_button.setText(_("完成"))
            self.imported.emit(result)


def ask_for_file(parent: QWidget, folder: str) -> Path | None:
    """Ask which case list to import."""
    chosen, _filter = file_dialogs.open_file_name(
        parent, _("导入诉求清单"), folder,
        _("诉求清单 (*.xlsx *.xlsm *.xls *.ods *.csv *.html *.htm *.xml);;所有文件 (*)"))
    return Path(chosen) if chosen else None

