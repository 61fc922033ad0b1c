"""The one frame: navigation on the left, pages in the centre, the case pane on the right."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from wzdesk.board import counts as board
from wzdesk.demo import fill as demo
from wzdesk.ledger import search
from wzdesk.models import Operator
from wzdesk.office import auth, settings
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.supervision.ladder import run_ladder
from wzdesk.ui import maintenance
from wzdesk.ui.actions import MENUS, TOOLBAR, ActionId, ActionRegistry
from wzdesk.ui.dialogs.first_start import CLEAN, DEMO, CleanStartWizard, FirstStartDialog
from wzdesk.ui.dialogs.intake import IntakeDialog
from wzdesk.ui.excel_exchange import ExcelExchange
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import inform, warn
from wzdesk.ui.models.ledger import LedgerModel
from wzdesk.ui.pages.accountability import AccountabilityPage
from wzdesk.ui.pages.board import BoardPage
from wzdesk.ui.pages.citizen import CitizenPage
from wzdesk.ui.pages.documents import DocumentsPage
from wzdesk.ui.pages.interviews import InterviewsPage
from wzdesk.ui.pages.ledger import LedgerPage
from wzdesk.ui.pages.observers import ObserversPage
from wzdesk.ui.pages.settings import SettingsPage
from wzdesk.ui.pages.stats import StatsPage
from wzdesk.ui.pages.today import TodayPage
from wzdesk.ui.widgets.case_pane import CasePane
from wzdesk.ui.widgets.navigation import Navigation
from wzdesk.ui.worker import BackgroundTask

ORGANIZATION, APPLICATION = "wzdesk", "wzdesk"
NOT_YET = "打印在“台账”页（当前筛选的台账）和“文书”页（所选文书）使用，请先切换到这两页"


def pick_operator(store: QSettings) -> Operator:
    """Return the operator this desk last used, else the first active clerk, else the system."""
    return auth.desk_operator(str(store.value("operator", "")))


class MainWindow(QMainWindow):
    """问政督办台 main window."""

    def __init__(self, db_path: Path, clock: Callable[[], datetime] = datetime.now, store: QSettings | None = None,
                 operator: Operator | None = None):
        super().__init__()
        self.setObjectName("main_window")
        self.db_path = Path(db_path)
        self.clock = clock
        self.store = store or QSettings(ORGANIZATION, APPLICATION)
        self.operator = operator or pick_operator(self.store)
        self.task: BackgroundTask | None = None
        self.wizard: CleanStartWizard | None = None
        self.excel = ExcelExchange(self)
        self.actions = ActionRegistry(self, self._slots())
        self.ledger_model = LedgerModel(clock, self)
        self.ledger = LedgerPage(self.ledger_model)
        self.board = BoardPage(clock)
        self.settings_page = SettingsPage(clock, self.refresh, lambda: self.operator)
        self.today = TodayPage(clock, lambda: self.operator)
        self.documents = DocumentsPage(clock, operator=lambda: self.operator)
        self.stats = StatsPage(clock)
        self.citizen = CitizenPage(clock, lambda: self.operator)
        self.accountability = AccountabilityPage(clock, lambda: self.operator)
        self.interviews = InterviewsPage(clock, lambda: self.operator)
        self.observers = ObserversPage(clock, lambda: self.operator)
        self.case_pane = CasePane(clock, lambda: self.operator)
        self._build()
        self.restore_state()
        # The counts take tens of ms on a large ledger: show the window first, count right after.
        QTimer.singleShot(0, self.refresh_status)

    def _slots(self) -> dict[ActionId, Callable | None]:
        return {
            ActionId.NEW_CASE: self.new_case, ActionId.QUIT: self.close, ActionId.FIND: self.focus_search,
            ActionId.IMPORT_CASES: lambda: self.excel.import_cases(),
            ActionId.DOWNLOAD_TEMPLATE: lambda: self.excel.save_template(),
            ActionId.EXPORT: lambda: self.excel.export_view(),
            ActionId.REFRESH: self.refresh, ActionId.CLEAR_FILTERS: self.clear_filters,
            ActionId.OVERDUE_ONLY: self._overdue_toggled, ActionId.SHOW_LEDGER: lambda: self.show_page("台账"),
            ActionId.SHOW_BOARD: lambda: self.show_page("督办看板"),
            ActionId.SHOW_SETTINGS: lambda: self.show_page("设置"),
            ActionId.SHOW_CALENDAR: self.show_calendar, ActionId.LOAD_DEMO: self.offer_demo,
            ActionId.SHOW_CASE_PANE: lambda on: self.dock.setVisible(on),
            ActionId.PRINT: self.print_current,
            ActionId.BACKUP: lambda: maintenance.backup_now(self),
            ActionId.RESTORE: lambda: maintenance.restore(self),
            ActionId.VERIFY_LEDGER: lambda: maintenance.verify_ledger(self),
            ActionId.ABOUT: self.about, ActionId.ABOUT_QT: QApplication.aboutQt,
        }

    def _build(self) -> None:
        self.setWindowTitle(_("问政督办台 — {0}").format(settings.get("office_name")))
        self.pages = {"台账": self.ledger, "督办看板": self.board, "今日督办": self.today, "核验与回访": self.citizen,
                      "问责": self.accountability, "约谈": self.interviews, "文书": self.documents,
                      "观察员": self.observers, "统计": self.stats,
                      "设置": self.settings_page}
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.nav = Navigation()
        centre = QWidget()
        row = QHBoxLayout(centre)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(centre)
        self._build_dock()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.actions.disable(ActionId.PRINT, _(NOT_YET))
        self.nav.page_chosen.connect(self.show_page)
        self.ledger.case_selected.connect(self.case_pane.show_case)
        self.board.open_cell.connect(self.open_board_cell)
        self.case_pane.case_changed.connect(self.case_changed)
        self.today.ladder_ran.connect(self.refresh)
        self.documents.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.stats.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.citizen.case_selected.connect(self.case_pane.show_case)
        self.citizen.cases_changed.connect(self.refresh)
        for page in (self.accountability, self.interviews):
            page.case_selected.connect(self.case_pane.show_case)
            page.cases_changed.connect(self.refresh)
        self.nav.show_page("台账")

    def _build_dock(self) -> None:
        self.dock = QDockWidget(_("工单详情"), self)
        self.dock.setObjectName("case_dock")
        self.dock.setWidget(self.case_pane)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.setMinimumWidth(360)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        pane_action = self.actions[ActionId.SHOW_CASE_PANE]
        pane_action.setChecked(True)
        self.dock.visibilityChanged.connect(pane_action.setChecked)

    def _build_menus(self) -> None:
        for title, ids in MENUS:
            menu = self.menuBar().addMenu(_(title))
            for action_id in ids:
                if action_id is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions[action_id])

    def _build_toolbar(self) -> None:
        bar = self.addToolBar(_("工具栏"))
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action_id in TOOLBAR:
            if action_id is None:
                bar.addSeparator()
            else:
                bar.addAction(self.actions[action_id])
        spacer = QWidget()
        spacer.setFixedWidth(24)
        bar.addWidget(spacer)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search_box")
        self.search_box.setPlaceholderText(_("输入工单编号，或标题、内容、反映人中的字词，回车查找"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(380)
        self.search_box.returnPressed.connect(lambda: self.search(self.search_box.text()))
        bar.addWidget(self.search_box)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel()
        self.counts_label.setObjectName("status_counts")
        self.operator_label = QLabel()
        self.calendar_label = QLabel()
        self.calendar_label.setObjectName("status_calendar")
        self.calendar_label.setStyleSheet("color:#b00000")
        self.db_label = QLabel()
        for label in (self.counts_label, self.operator_label, self.calendar_label):
            self.statusBar().addWidget(label)
        self.statusBar().addPermanentWidget(self.db_label)

    # -- pages -------------------------------------------------------------------------------------

    def show_page(self, name: str) -> None:
        """Bring a page to the centre (and select its navigation entry)."""
        if name not in self.pages:
            return
        if self.nav.currentRow() < 0 or self.nav.currentItem().data(Qt.ItemDataRole.UserRole) != name:
            self.nav.show_page(name)
            return
        if name == "督办看板":
            self.board.reload()
        if name in ("今日督办", "文书", "核验与回访", "统计", "问责", "约谈", "观察员"):
            self.pages[name].reload()
        self._enable_print(name)
        self.stack.setCurrentWidget(self.pages[name])

    def _enable_print(self, page: str) -> None:
        """Offer 打印 (Ctrl+P) on the 文书 page (the selected document) and the 台账 page (the view)."""
        tips = {"文书": "打印所选文书（A4，100%）", "台账": "打印当前筛选的台账（A4 横向，带预览）"}
        action = self.actions[ActionId.PRINT]
        action.setEnabled(page in tips)
        tip = _(tips.get(page, NOT_YET))
        action.setToolTip(tip)
        action.setStatusTip(tip)

    def print_current(self) -> None:
        if self.stack.currentWidget() is self.documents:
            self.documents.print_selected()
        elif self.stack.currentWidget() is self.ledger:
            self.ledger.print_view(self.clock())

    def show_calendar(self) -> None:
        self.show_page("设置")
        self.settings_page.tabs.setCurrentWidget(self.settings_page.calendar)

    def open_board_cell(self, department_id: int | None, colour: str) -> None:
        """Open the ledger narrowed to a board cell."""
        self.search_box.clear()
        self.ledger.filters.with_department_colour(department_id, colour)
        self.show_page("台账")

    # -- refreshing --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read everything shown (F5)."""
        self.setWindowTitle(_("问政督办台 — {0}").format(settings.get("office_name")))
        self.ledger.reload()
        if self.stack.currentWidget() is self.board:
            self.board.reload()
        self.settings_page.reload()
        self.case_pane.show_case(self.case_pane.case.id if self.case_pane.case else None)
        self.refresh_status()

    def refresh_status(self) -> None:
        """Show the open and overdue counts, the operator, the database and any calendar warning."""
        at = self.clock()
        open_count, overdue = board.open_and_overdue(at)
        self.counts_label.setText(_("在办 {0} 件　超期 {1} 件").format(f"{open_count:,}", f"{overdue:,}"))
        self.operator_label.setText(_("操作员：{0}").format(self.operator.display_name))
        self.db_label.setText(_("数据库：{0}").format(self.db_path))
        self.actions[ActionId.LOAD_DEMO].setVisible(demo.may_load(self.operator))
        cal = WorkCalendar.from_db()
        missing = [str(y) for y in (at.year, at.year + 1) if not cal.is_known(y)]
        self.calendar_label.setText(
            _("⚠ {0} 年节假日安排未录入，时限暂按周一至周五推算").format("、".join(missing)) if missing else "")

    def case_changed(self, case_id: int) -> None:
        # The ladder is evaluated whenever a case changes, for that case alone (DESIGN.md).
        run_ladder(self.clock(), self.operator, case_ids=[case_id])
        self.ledger.reload()
        self.ledger.select_case(case_id)
        if self.stack.currentWidget() is self.citizen:
            self.citizen.reload()
        self.refresh_status()

    # -- search, filters, intake --------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        """Jump to a case by its exact code, or list the cases whose words match."""
        self.show_page("台账")
        case = search.exact_case(text)
        self.ledger.filters.set_text(case.code if case else text)
        if case is not None:
            self.ledger.select_case(case.id)
            self.case_pane.show_case(case.id)
        elif self.ledger_model.rowCount() == 1:
            self.ledger.select_case(self.ledger_model.case_id(0))
        elif text.strip():
            self.statusBar().showMessage(_("找到 {0} 件").format(self.ledger_model.total()), 5000)

    def clear_filters(self) -> None:
        self.search_box.clear()
        self.ledger.filters.reset()

    def _overdue_toggled(self, on: bool) -> None:
        self.ledger.filters.overdue.setChecked(on)
        self.show_page("台账")

    def new_case(self) -> IntakeDialog:
        """Open the intake form (Ctrl+N)."""
        dialog = IntakeDialog(self.operator, self.clock, self)
        dialog.accepted.connect(lambda: self._created(dialog))
        dialog.open()
        return dialog

    def _created(self, dialog: IntakeDialog) -> None:
        case = dialog.created
        self.statusBar().showMessage(_("已受理工单 {0}").format(case.code), 8000)
        self.search_box.setText(case.code)
        self.search(case.code)

    # -- first start and demo data ------------------------------------------------------------------

    def offer_first_start(self) -> FirstStartDialog:
        """Ask what to do with an empty database."""
        dialog = FirstStartDialog(self)
        dialog.finished.connect(lambda code: self._first_start_chosen(code, dialog.cases.value()))
        dialog.open()
        return dialog

    def _first_start_chosen(self, code: int, cases: int) -> None:
        if code == DEMO:
            self.load_demo(cases)
        elif code == CLEAN:
            self.wizard = CleanStartWizard(self.clock, self, operator=lambda: self.operator)
            self.wizard.accepted.connect(self.refresh)
            self.wizard.open()

    def offer_demo(self) -> QMessageBox | None:
        """设置 → 载入演示数据: an administrator's, on an empty database only, and asked first."""
        if not demo.may_load(self.operator):
            return warn(self, _("演示数据只能由管理员载入空的数据库，以免混入真实台账。"), _("载入演示数据"))
        box = QMessageBox(QMessageBox.Icon.Question, _("载入演示数据"),
                          _("将向当前数据库写入 2000 件虚构的演示工单，只供熟悉操作。继续吗？"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("demo_question")
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _code: self.load_demo() if box.clickedButton() is yes else None)
        box.open()
        return box

    def load_demo(self, cases: int = 2000) -> BackgroundTask | None:
        """Fill the database with demo data in a background thread, with a cancellable progress dialog."""
        if self.task is not None and self.task.is_running():
            return None
        at, operator, n = self.clock(), self.operator, int(cases or 2000)

        def job(progress):
            return demo.fill(n, 1, at, operator, demo.DemoProgress(progress.report, progress.cancelled))

        self.task = BackgroundTask(self, _("载入演示数据"), _("正在生成 {0} 件演示工单……").format(n), job)
        self.task.finished.connect(self._demo_done)
        self.task.start()
        return self.task

    def _demo_done(self, result, cancelled: bool, error: str) -> None:
        if self.operator.role == "system":  # nobody signed in (a test or a script): take the demo's clerk
            self.operator = pick_operator(self.store)
        self.refresh()
        if error:
            warn(self, error, _("演示数据未能生成"))
        elif cancelled:
            inform(self, _("已取消。已生成的 {0} 件工单保留在台账中。").format(result.cases if result else 0))
        else:
            self.statusBar().showMessage(_("已生成 {0} 件演示工单").format(result.cases), 8000)

    # -- state ---------------------------------------------------------------------------------------

    def about(self) -> None:
        QMessageBox.about(self, _("关于问政督办台"), _(
            "<h3>问政督办台</h3><p>网络问政督办室的桌面工作台：受理、派单、催办、核验、回访、问责，全流程留痕。</p>"))

    def restore_state(self) -> None:
        geometry = self.store.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 860)
        state = self.store.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.ledger.restore_state(self.store)

    def save_state(self) -> None:
        self.store.setValue("window/geometry", self.saveGeometry())
        self.store.setValue("window/state", self.saveState())
        self.store.setValue("operator", self.operator.username)
        self.ledger.save_state(self.store)
        self.store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None and self.task.is_running():
            self.task.cancel()
            self.task.wait()
        self.today.shutdown()
        self.documents.shutdown()
        self.stats.shutdown()
        self.excel.shutdown()
        self.save_state()
        from wzdesk.ui.trust_warning import keep_on_closing

        keep_on_closing(self.db_path)
        super().closeEvent(event)


def first_start_needed() -> bool:
    """Return whether the open database is empty (no departments, no cases)."""
    from wzdesk.office.first_start import is_empty

    return is_empty()


def schedule_first_start(window: MainWindow) -> None:
    """Offer the first-start choices once the window is on screen."""
    if first_start_needed():
        QTimer.singleShot(0, window.offer_first_start)
