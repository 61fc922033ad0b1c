"""The one frame: navigation on the left, pages in the centre, the case pane on the right."""

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
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
    QToolBar,
    QWidget,
)

from wzdesk.board import counts as board
from wzdesk.demo import fill as demo
from wzdesk.ledger import search
from wzdesk.models import Operator
from wzdesk.models.changes import ChangeWatch
from wzdesk.models.postgres_db import is_url
from wzdesk.office import auth, settings, workcalendar
from wzdesk.supervision.ladder import run_ladder
from wzdesk.ui import maintenance
from wzdesk.ui.actions import CASE_PANE, MENUS, OWNERS, TOOLBAR, ActionId, ActionRegistry
from wzdesk.ui.dialogs.first_start import CLEAN, DEMO, CleanStartWizard, FirstStartDialog
from wzdesk.ui.dialogs.help import GuideDialog, show_about
from wzdesk.ui.dialogs.intake import IntakeDialog
from wzdesk.ui.dialogs.login import LoginDialog
from wzdesk.ui.excel_exchange import ExcelExchange
from wzdesk.ui.i18n import _
from wzdesk.ui.live import LiveFeed, refresh_page
from wzdesk.ui.messages import inform, warn
from wzdesk.ui.models.ledger import LedgerModel
from wzdesk.ui.models.table_text import shown_table
from wzdesk.ui.pages.accountability import AccountabilityPage
from wzdesk.ui.pages.board import BoardPage
from wzdesk.ui.pages.citizen import CitizenPage
from wzdesk.ui.pages.database_settings import DatabaseSettings
from wzdesk.ui.pages.documents import DocumentsPage
from wzdesk.ui.pages.interviews import InterviewsPage
from wzdesk.ui.pages.ledger import LedgerPage
from wzdesk.ui.pages.observers import ObserversPage
from wzdesk.ui.pages.settings import SettingsPage
from wzdesk.ui.pages.stats import StatsPage
from wzdesk.ui.pages.today import TodayPage
from wzdesk.ui.widgets.case_links import CaseLinks, copy_code
from wzdesk.ui.widgets.case_pane import CasePane
from wzdesk.ui.widgets.navigation import Navigation
from wzdesk.ui.worker import BackgroundTask

ORGANIZATION, APPLICATION = "wzdesk", "wzdesk"
LIVE_INTERVAL_MS = 2000  # how often the window asks whether another desk changed the database
# Another desk's change is shown this long after its message; the messages meanwhile (an import's many
# commits) are shown with it, so a burst re-reads the page at most twice a second.
HEARD_DELAY_MS = 500
# Each page's table for 导出本页表格: its title in the workbook, the view, and the name of its row labels.
EXPORTED_TABLES = {
    "督办看板": lambda w: (_("督办看板"), w.board.view, _("单位")),
    "今日督办": lambda w: (_("今日督办"), w.today.tree, ""),
    "核验与回访": lambda w: (w.citizen.tabs.tabText(w.citizen.tabs.currentIndex()).split("（")[0],
                         w.citizen.tabs.currentWidget().table, ""),
    "问责": lambda w: (_("问责登记"), w.accountability.table, ""),
    "约谈": lambda w: (_("约谈"), w.interviews.table, ""),
    "文书": lambda w: (_("文书登记"), w.documents.table, ""),
    "观察员": lambda w: (_("观察员名册"), w.observers.roster, ""),
    "统计": lambda w: (_("统计"), w.stats.table, ""),
}
NOT_YET = "打印在“台账”页（当前筛选的台账）和“文书”页（所选文书）使用，请先切换到这两页"


def pick_operator(store: QSettings) -> Operator:
    """Return the operator this desk last used, else the first active clerk, else the system."""
    return auth.desk_operator(str(store.value("operator", "")))


class MainWindow(QMainWindow):
    """问政督办台 main window; `switch_database(target)` asks the application to reopen on another database."""

    switch_database = Signal(object)

    def __init__(self, db_path: Path, clock: Callable[[], datetime] = datetime.now, store: QSettings | None = None,
                 operator: Operator | None = None):
        super().__init__()
        self.setObjectName("main_window")
        self.db_path = db_path if is_url(db_path) else Path(db_path)
        self.clock = clock
        self.store = store or QSettings(ORGANIZATION, APPLICATION)
        self.operator = operator or pick_operator(self.store)
        self.task: BackgroundTask | None = None
        self.wizard: CleanStartWizard | None = None
        self.session_ending: LoginDialog | None = None  # the sign-in asked for when the session ended
        self.closed = False
        self.excel = ExcelExchange(self)
        self.actions = ActionRegistry(self, self._slots())
        self.ledger_model = LedgerModel(clock, self)
        self.ledger = LedgerPage(self.ledger_model)
        self.board = BoardPage(clock)
        self.settings_page = SettingsPage(clock, self.refresh, lambda: self.operator)
        self.database_settings = DatabaseSettings(self.db_path)
        self.settings_page.tabs.addTab(self.database_settings, _("数据库"))
        self.database_settings.switch_requested.connect(self.switch_database)
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
        self.watch = ChangeWatch()
        self.live_timer = QTimer(self)
        self.live_timer.setObjectName("live_timer")
        self.live_timer.timeout.connect(self._poll_other_desks)
        self.live_timer.start(LIVE_INTERVAL_MS)
        self.live = LiveFeed(self.db_path, self)  # on the office's server: told at once instead of polling
        self.heard = QTimer(self, singleShot=True, interval=HEARD_DELAY_MS)
        self.heard.timeout.connect(lambda: self.follow_other_desks(heard=True))
        self.live.changed.connect(lambda: self.heard.isActive() or self.heard.start())
        # The counts take tens of ms on a large ledger: show the window first, count right after.
        QTimer.singleShot(0, self.refresh_status)

    def _slots(self) -> dict[ActionId, Callable | None]:
        return {
            ActionId.NEW_CASE: self.new_case, ActionId.QUIT: self.close, ActionId.FIND: self.focus_search,
            ActionId.IMPORT_CASES: lambda: self.excel.import_cases(),
            ActionId.DOWNLOAD_TEMPLATE: lambda: self.excel.save_template(),
            ActionId.EXPORT: self.export_current,
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
            ActionId.COPY_CODE: self.copy_code, ActionId.SWITCH_USER: self.switch_user,
            ActionId.SHOW_TODAY: lambda: self.show_page("今日督办"),
            ActionId.SHOW_CITIZEN: lambda: self.show_page("核验与回访"),
            ActionId.SHOW_ACCOUNTABILITY: lambda: self.show_page("问责"),
            ActionId.SHOW_INTERVIEWS: lambda: self.show_page("约谈"),
            ActionId.SHOW_DOCUMENTS: lambda: self.show_page("文书"),
            ActionId.SHOW_OBSERVERS: lambda: self.show_page("观察员"),
            ActionId.SHOW_STATS: lambda: self.show_page("统计"),
            ActionId.GUIDE: self.show_guide,
        }

    def _build(self) -> None:
        self.setWindowTitle(settings.get("office_name"))  # Qt adds " — 问政督办台", the display name
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
        self._adopt_actions()
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
        self._link_case_lists()
        self.nav.show_page("台账")
        from wzdesk.ui.session import session_events

        session_events().ended.connect(self.end_session)

    def _link_case_lists(self) -> None:
        """Every list whose rows are cases drives the case pane (select, double-click, right-click)."""
        self.case_links = CaseLinks(self.case_pane, self.open_case, self)
        for page in self.pages.values():
            for view, case_id_at in getattr(page, "case_lists", list)():
                self.case_links.attach(view, case_id_at)

    def open_case(self, case_id: int) -> None:
        """Show a case in the pane, bringing the pane back if the clerk had closed it."""
        self.case_pane.show_case(case_id)
        self.dock.show()
        self.dock.raise_()

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

    def _adopt_actions(self) -> None:
        """Take in the actions the pages and the case pane own; one from a menu first brings its owner forward."""
        self.actions.adopt(self.case_pane.step_actions)
        for page in self.pages.values():
            self.actions.adopt(getattr(page, "page_actions", {}))
        if missing := self.actions.missing():
            raise RuntimeError(f"actions without an owner: {missing}")
        self.actions.apply_role(self.operator)
        for action_id, owner in OWNERS.items():
            self.actions[action_id].triggered.connect(
                lambda _checked=False, name=owner, aid=action_id: self.bring_forward(name, aid))

    def bring_forward(self, owner: str, action_id: ActionId | None = None) -> None:
        """Show the page (or the case pane) an action belongs to, unless it is already in front."""
        if owner == CASE_PANE:
            self.dock.show()
        elif owner == "设置":
            self.show_page("设置")
            tab = self.settings_page.tab_of(action_id)
            if tab is not None:
                self.settings_page.tabs.setCurrentWidget(tab)
        elif self.current_page() != owner:
            self.show_page(owner)

    def _build_menus(self) -> None:
        for title, entries in MENUS:
            self._fill_menu(self.menuBar().addMenu(_(title)), entries)

    def _fill_menu(self, menu, entries) -> None:
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            elif isinstance(entry, tuple):
                self._fill_menu(menu.addMenu(_(entry[0])), entry[1])
            else:
                menu.addAction(self.actions[entry])

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
        self.search_box.setPlaceholderText(_("工单编号（可只输后几位）或标题、内容、反映人中的字词，回车查找"))
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
        if name == "设置":  # its lists may have changed at another desk meanwhile; its forms are left alone
            refresh_page(self.settings_page)
        self._enable_print(name)
        self.stack.setCurrentWidget(self.pages[name])

    def _enable_print(self, page: str) -> None:
        """Offer 打印 (Ctrl+P) where printing makes sense, and 导出 where the page has a table; else say why not."""
        tips = {"文书": "打印所选文书（A4，100%）", "台账": "打印当前筛选的台账（A4 横向，带预览）",
                "今日督办": "合并打印今天催办产生的全部文书"}
        action = self.actions[ActionId.PRINT]
        action.setEnabled(page in tips)
        tip = _(tips.get(page, NOT_YET))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        export = self.actions[ActionId.EXPORT]
        export.setEnabled(page == "台账" or page in EXPORTED_TABLES)
        tip = _("把本页的表格导出为 Excel") if export.isEnabled() else _("“{0}”页没有可导出的表格").format(page)
        export.setToolTip(tip)
        export.setStatusTip(tip)

    def print_current(self) -> None:
        if self.stack.currentWidget() is self.documents:
            self.documents.print_selected()
        elif self.stack.currentWidget() is self.ledger:
            self.ledger.print_view(self.clock())
        elif self.stack.currentWidget() is self.today:
            self.today.print_all()

    def current_page(self) -> str:
        """Return the name of the page in the centre."""
        return next(name for name, page in self.pages.items() if page is self.stack.currentWidget())

    def export_current(self, path: Path | None = None):
        """Export the current page's table: the ledger as filtered and sorted, any other page as shown."""
        name = self.current_page()
        if name == "台账":
            return self.excel.export_view(path)
        if name not in EXPORTED_TABLES:
            return None
        title, view, row_header = EXPORTED_TABLES[name](self)
        headers, rows = shown_table(view, row_header)
        return self.excel.export_page(title, headers, rows, path)

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
        self.setWindowTitle(settings.get("office_name"))  # Qt adds " — 问政督办台", the display name
        self.ledger.reload()
        if self.stack.currentWidget() is self.board:
            self.board.reload()
        self.settings_page.reload()
        self.case_pane.show_case(self.case_pane.case.id if self.case_pane.case else None)
        self.refresh_status()

    def _poll_other_desks(self) -> None:
        if not self.live.listening():  # the server's messages stopped (or this is a SQLite file): ask instead
            self.follow_other_desks()

    def follow_other_desks(self, heard: bool = False) -> bool:
        """Show what other desks changed since the last look (or were `heard` to change: the server's message
        comes with every write, the token moves with the ledger), keeping the clerk's place; say whether any."""
        if not self.watch.changed() and not heard:
            return False
        self.ledger.refresh_live()
        if self.stack.currentWidget() is self.board:
            self.board.reload()
        if self.stack.currentWidget() is self.citizen:
            self.citizen.reload()
        if self.stack.currentWidget() not in (self.ledger, self.board, self.citizen):
            refresh_page(self.stack.currentWidget())  # the other pages re-read when shown (show_page)
        if self.case_pane.case is not None:
            self.case_pane.show_case(self.case_pane.case.id)
        self.refresh_status()
        return True

    def refresh_status(self) -> None:
        """Show the open and overdue counts, the operator, the database and any calendar warning."""
        at = self.clock()
        open_count, overdue = board.open_and_overdue(at)
        self.counts_label.setText(_("在办 {0} 件　超期 {1} 件").format(f"{open_count:,}", f"{overdue:,}"))
        self.operator_label.setText(_("操作员：{0}").format(self.operator.display_name))
        # The bar shows the database's name; its folder (often a long data path) is in the tooltip and 关于.
        self.db_label.setText(_("数据库：{0}").format(self.db_path.name if "://" not in str(self.db_path)
                                                    else self.db_path))
        self.db_label.setToolTip(str(self.db_path))
        self.actions[ActionId.LOAD_DEMO].setVisible(demo.may_load(self.operator))
        self.actions.apply_role(self.operator)  # a new sign-in greys what the new role may not do
        self._show_calendar_warning(workcalendar.calendar_warning(at.date()))

    def _show_calendar_warning(self, warning: str) -> None:
        """Show the warning's first clause, the whole of it in the tooltip: at 1366 px the bar is full."""
        head = warning.split("：")[0].split("，")[0]
        self.calendar_label.setText(head + (_("（详情见提示）") if head != warning else ""))
        self.calendar_label.setToolTip(warning)

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
        """Jump to a case by its code or a part of it ("000123"), or list the cases whose words match."""
        self.show_page("台账")
        case = search.case_by_code_part(text)
        if case is not None:  # a code lands on its case whatever the ledger was narrowed to (a board cell…)
            self.ledger.filters.reset()
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

    def about(self) -> QMessageBox:
        """关于: the version, the database in use, the backup folder and the crash log."""
        return show_about(self, self.db_path)

    def show_guide(self) -> GuideDialog:
        """帮助 → 使用说明, shown inside the app."""
        dialog = GuideDialog(self)
        dialog.open()
        return dialog

    def copy_code(self) -> None:
        """Copy the code of the case in the pane."""
        if self.case_pane.case is None:
            self.statusBar().showMessage(_("请先选中一件工单"), 5000)
            return
        copy_code(self.case_pane.case.code)
        self.statusBar().showMessage(_("已复制工单编号 {0}").format(self.case_pane.case.code), 5000)

    def switch_user(self) -> LoginDialog:
        """注销 / 切换用户: sign in as another operator without quitting."""
        dialog = LoginDialog(self.store, self)
        dialog.setWindowTitle(_("注销 / 切换用户"))
        dialog.accepted.connect(lambda: self._signed_in(dialog.operator))
        dialog.open()
        return dialog

    def end_session(self, reason: str) -> LoginDialog:
        """The core refused a step because this account was stopped or given another role: take no more
        steps, say why and ask for a sign-in; cancelling it closes the window."""
        if self.session_ending is not None:
            return self.session_ending
        for part in (self.centralWidget(), self.dock, self.menuBar(), self.findChild(QToolBar, "main_toolbar")):
            part.setEnabled(False)
        dialog = self.session_ending = LoginDialog(self.store, self, reason=reason)
        dialog.setObjectName("session_ended")
        dialog.setWindowTitle(_("本次登录已结束"))
        dialog.accepted.connect(lambda: self._session_resumed(dialog.operator))
        dialog.rejected.connect(self.close)
        dialog.open()
        return dialog

    def _session_resumed(self, operator: Operator) -> None:
        self.session_ending = None
        for part in (self.centralWidget(), self.dock, self.menuBar(), self.findChild(QToolBar, "main_toolbar")):
            part.setEnabled(True)
        self._signed_in(operator)

    def _signed_in(self, operator: Operator) -> None:
        self.operator = operator
        self.refresh()
        self.statusBar().showMessage(_("已切换为 {0}").format(operator.display_name), 8000)

    def restore_state(self) -> None:
        """Bring back the window's size (this desk's), and this database's layout and filters."""
        geometry = self.store.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        self.store.beginGroup(database_key(self.db_path))
        state = self.store.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.ledger.restore_state(self.store)
        self.store.endGroup()

    def save_state(self) -> None:
        self.store.setValue("window/geometry", self.saveGeometry())
        self.store.setValue("operator", self.operator.username)
        # Department and category ids belong to one database: its filters and layout are kept apart.
        self.store.beginGroup(database_key(self.db_path))
        self.store.setValue("database", str(self.db_path))
        self.store.setValue("window/state", self.saveState())
        self.ledger.save_state(self.store)
        self.store.endGroup()
        self.store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.closed:  # closed already (the desk switched database): its database is no longer open
            super().closeEvent(event)
            return
        self.closed = True
        self.live_timer.stop()
        self.live.stop()
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


def database_key(db_path: Path) -> str:
    """Return the settings group of one database: a hash of its resolved path."""
    resolved = str(Path(db_path).resolve()) if "://" not in str(db_path) else str(db_path)
    return "databases/" + hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:16]


def first_start_needed() -> bool:
    """Return whether the open database is empty (no departments, no cases)."""
    from wzdesk.office.first_start import is_empty

    return is_empty()


def schedule_first_start(window: MainWindow) -> None:
    """Offer the first-start choices once the window is on screen."""
    if first_start_needed():
        QTimer.singleShot(0, window.offer_first_start)
