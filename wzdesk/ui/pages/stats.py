"""The 统计 page: the month's ranking table and four charts, computed by the same functions as the sheet."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wzdesk.months import months_back, previous_month
from wzdesk.office import settings
from wzdesk.performance import metrics
from wzdesk.performance import sheet as perf_sheet
from wzdesk.performance.metrics import GRADES
from wzdesk.performance.scoring import DASH
from wzdesk.performance.sheet import PERCENT_INDEXES, MonthReport, summary_row
from wzdesk.ui.actions import ActionButton, ActionId, make_actions
from wzdesk.ui.dialogs import file_dialogs
from wzdesk.ui.i18n import _
from wzdesk.ui.live import KeptPlace
from wzdesk.ui.messages import warn
from wzdesk.ui.models.rows import AnyIndex, ListModel
from wzdesk.ui.quiet_task import QuietTask
from wzdesk.ui.widgets.charts import BarChart, LineChart
from wzdesk.ui.worker import BackgroundTask
from wzdesk.vocabulary import GRADE_LABELS, STATUS_LABELS

HEADERS = [c.header for c in perf_sheet.SUMMARY_COLUMNS]
FORMATION_COLUMN = HEADERS.index("得分构成")  # not the last: 合并重复诉求 came after it
FORMATION_WIDTH = 360  # the full text is in the cell's tooltip
PERCENT_COLUMNS = set(PERCENT_INDEXES)
RANK_BARS = 8  # more bars than this leave no room for the names on a laptop screen
MONTHS_OFFERED = 13  # the current month and the twelve before it


def two_lines(header: str | None) -> str | None:
    """Break a long header over two lines (受理件数 → 受理/件数), so the ranking's columns fit beside the pane."""
    if not header or len(header) <= 3:
        return header
    cut = {4: 2, 5: 3}.get(len(header), 4)
    return header[:cut] + "\n" + header[cut:]


class RankingModel(ListModel):
    """The summary rows of the sheet, shown as text (rates as percentages, dashes without cases)."""

    def __init__(self, parent=None):
        super().__init__([_(h) for h in HEADERS], parent)
        self.definitions: dict[str, str] = {}

    def load(self, data: MonthReport | None) -> None:
        self.definitions = dict(perf_sheet.notes()) if data else {}
        self.set_rows([summary_row(s) for s in data.ranked] if data else [])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        """Each header's tooltip is the figure's definition, word for word as in the sheet's notes."""
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            header = HEADERS[section] if 0 <= section < len(HEADERS) else ""
            return self.definitions.get("超期件数" if header == "其中严重超期" else header)
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and section != 1:
            return two_lines(super().headerData(section, orientation, role))
        return super().headerData(section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(value, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == FORMATION_COLUMN:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() not in (1, FORMATION_COLUMN):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def _cell_text(value, column: int) -> str:
    if value == DASH or value is None:
        return DASH
    if column in PERCENT_COLUMNS:
        return f"{value * 100:.1f}%"
    return f"{value:g}" if isinstance(value, float) else str(value)


def nice_axis(value_max: float, most_intervals: int = 6) -> tuple[float, int]:
    """Return an axis top and tick count whose steps are 1, 2 or 5 times a power of ten (0, 50, 100…)."""
    wanted = max(1.0, float(value_max))
    step = 1.0
    while True:
        for factor in (1, 2, 5):
            if wanted / (step * factor) <= most_intervals:
                intervals = max(1, -(-wanted // (step * factor)))
                return step * factor * intervals, int(intervals) + 1
        step *= 10


class StatsPage(QWidget):
    """统计: a month picker, the ranking, and the charts the office reports to its leaders."""

    message = Signal(str)

    def __init__(self, clock: Callable[[], datetime], parent=None):
        super().__init__(parent)
        self._clock = clock
        self.data: MonthReport | None = None
        self.task: BackgroundTask | None = None
        self.live_task: QuietTask | None = None  # the quiet recomputation for another desk's changes
        self._compute: BackgroundTask | None = None  # made once, run again for each month shown
        self._again = False
        self.model = RankingModel(self)
        self._build()

    def _build(self) -> None:
        self.month = QComboBox()
        self.month.setObjectName("stats_month")
        current = f"{self._clock():%Y-%m}"
        for m in reversed(months_back(current, MONTHS_OFFERED)):
            self.month.addItem(m + (_("（本月，未结束）") if m == current else ""), m)
        # Open on the last complete month: the current one has hardly begun on most days.
        self.month.setCurrentIndex(self.month.findData(previous_month(current)))
        self.month.currentIndexChanged.connect(lambda _i: self.reload())
        self.page_actions = make_actions(self, {ActionId.EXPORT_SHEET: lambda: self.choose_export()})
        self.export_button = ActionButton(self.page_actions[ActionId.EXPORT_SHEET], "export_sheet")
        top = QHBoxLayout()
        top.addWidget(QLabel(_("考核月份：")))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.export_button)
        self.table = QTableView()
        self.table.setObjectName("ranking_view")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.resizeColumnsToContents()
        self.note = QLabel()
        self.note.setObjectName("stats_note")
        self.note.setWordWrap(True)
        self._build_charts()
        grid = QGridLayout()
        for i, chart in enumerate((self.statuses, self.trend, self.ranking, self.days)):
            grid.addWidget(chart.view, i // 2, i % 2)
        grid.addWidget(self.series.view, 2, 0, 1, 2)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.table)
        inner.addWidget(self.note)
        inner.addLayout(grid)
        # The whole page scrolls, so the ranking shows every unit at full height and the charts follow it.
        self.scroll = QScrollArea()
        self.scroll.setObjectName("stats_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)

    def _build_charts(self) -> None:
        """Make the five charts once; each redraw replaces their values."""
        self.statuses = BarChart(_("当前各状态工单数"), [_("件数")], nice_axis, labels=True)
        self.trend = LineChart(_("近12个月超期件数"), [_("超期件数")], nice_axis)
        self.ranking = BarChart(_("本月综合得分前 {0} 名").format(RANK_BARS), [_("综合得分")], nice_axis,
                                horizontal=True)
        self.days = BarChart(_("本月平均办理工作日与时限（按分级）"), [_("实际平均"), _("时限")], nice_axis,
                             labels=True)
        names = [_(GRADE_LABELS[g] + "件" + kind) for g in GRADES for kind in ("平均", "时限")]
        self.series = LineChart(_("办理时长对比：逐月平均工作日（虚线为时限）"), names, nice_axis,
                                dashed=frozenset(range(1, len(names), 2)))
        self.series.view.setMinimumHeight(300)
        self.status_chart, self.trend_chart, self.rank_chart, self.days_chart, self.series_chart = (
            c.chart for c in (self.statuses, self.trend, self.ranking, self.days, self.series))

    def selected_month(self) -> str:
        return self.month.currentData()

    def reload(self) -> BackgroundTask | None:
        """Compute the chosen month in the background and redraw when done (again, if asked while busy)."""
        if self.task is not None and self.task.is_running():
            self._again = True  # e.g. another month chosen while one is being computed
            return None
        self._again = False
        month, at = self.selected_month(), self._clock()

        def job(progress):
            data = perf_sheet.report(month, at, lambda d, t: (progress.report(d, t), not progress.cancelled())[1])
            return data, metrics.status_counts()

        label = _("正在计算 {0} 的考核数据……").format(month)
        if self._compute is None:
            self._compute = BackgroundTask(self, _("统计"), label, job)
            self._compute.finished.connect(self._computed)
            self._compute.start()
        else:
            self._compute.rerun(label, job)
        self.task = self._compute
        return self.task

    def refresh_keeping_selection(self) -> QuietTask | None:
        """Recompute the month for another desk's changes without a progress dialog; the ranking's selection
        and the page's scroll are put back when the figures arrive."""
        if (self.task is not None and self.task.is_running()) or (self.live_task and self.live_task.is_running()):
            return None  # figures being computed now include the change or come right after it
        month, at = self.selected_month(), self._clock()
        kept, scroll = KeptPlace(self, hold=False), self.scroll.verticalScrollBar().value()
        self.live_task = QuietTask(self, lambda: (perf_sheet.report(month, at), metrics.status_counts()))
        self.live_task.finished.connect(lambda result, error: self._recomputed(result, error, month, (kept, scroll)))
        self.live_task.start()
        return self.live_task

    def _recomputed(self, result, error: str, month: str, place: tuple[KeptPlace, int]) -> None:
        kept, scroll = place
        if error or result is None or self.selected_month() != month:
            return  # a failure shows at the clerk's next 刷新; another month chosen meanwhile is computed anew
        kept.hold()
        self.show_data(*result)
        kept.restore()
        self.scroll.verticalScrollBar().setValue(scroll)

    def _computed(self, result, cancelled: bool, error: str) -> None:
        if self._again:
            QTimer.singleShot(0, self.reload)
        if error:
            warn(self, error, _("统计未能完成"))
            return
        if cancelled or result is None:
            return
        self.show_data(*result)

    def show_data(self, data: MonthReport, statuses: dict[str, int]) -> None:
        """Fill the table and the four charts from computed data."""
        self.data = data
        self.model.load(data)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(FORMATION_COLUMN, FORMATION_WIDTH)
        self._fit_table()
        self.note.setText(_("“—”表示当月无可计件数；受理少于 {0} 件的单位标“样本不足”，不参加排名；"
                            "各项口径见导出考核表的“指标说明”。").format(settings.get("ranking_min_cases")))
        self._draw_statuses(statuses)
        self._draw_trend(data)
        self._draw_ranking(data)
        self._draw_days(data)
        self._draw_series(data)

    def _fit_table(self) -> None:
        """Make the ranking as tall as all its rows: the page scrolls, the table does not hide any unit."""
        header = self.table.horizontalHeader().height()
        rows = sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        bar = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(header + rows + bar + 2 * self.table.frameWidth() + 2)

    def _draw_statuses(self, statuses: dict[str, int]) -> None:
        labels = [s for s in STATUS_LABELS if statuses.get(s)]
        self.statuses.show([_(STATUS_LABELS[s]) for s in labels], [[float(statuses[s]) for s in labels]],
                           max((statuses[s] for s in labels), default=0))

    def _draw_trend(self, data: MonthReport) -> None:
        months = list(data.trend)
        totals = [sum(s.row.overdue for s in data.trend[m]) for m in months]
        self.trend.show([f"{int(m[5:])}月" for m in months], [list(enumerate(totals))], max(totals, default=0))

    def _draw_ranking(self, data: MonthReport) -> None:
        # The first dozen fit with readable names; the table above lists every department.
        ranked = [s for s in data.ranked if s.rank is not None][:RANK_BARS][::-1]  # first place on top
        self.ranking.show([_short(s.row.name) for s in ranked], [[max(0.0, s.score) for s in ranked]], 100)

    def _draw_days(self, data: MonthReport) -> None:
        limits = settings.limits()
        targets = [float(limits.resolution_days(g)) for g in GRADES]
        actual = [_office_average(data, g) for g in GRADES]
        self.days.show([_(GRADE_LABELS[g] + "件") for g in GRADES], [actual, targets], max(actual + targets))

    def _draw_series(self, data: MonthReport) -> None:
        limits, points, top = settings.limits(), [], 0.0
        for grade in GRADES:
            averages = [(i, p.grades[grade].average) for i, p in enumerate(data.series)
                        if p.grades[grade].average is not None]  # a month without replies leaves a gap, not 0
            points += [averages, [(i, limits.resolution_days(grade)) for i in range(len(data.series))]]
            top = max([top, limits.resolution_days(grade), *(value for _i, value in averages)])
        self.series.show([_month_tick(p.month) for p in data.series], points, top)

    def series_rows(self) -> list[list]:
        """Return the series as the sheet writes it, for checking that the two agree."""
        return [perf_sheet.series_row(p, settings.limits()) for p in self.data.series] if self.data else []

    def choose_export(self) -> None:
        """Ask where to save the sheet, then write it in the background."""
        default = str(Path.home() / f"月度考核表-{self.selected_month()}.xlsx")
        path, _filter = file_dialogs.save_file_name(self, _("导出月度考核表"), default, _("Excel 工作簿 (*.xlsx)"))
        if path:
            self.export(Path(path))

    def export(self, out: Path) -> BackgroundTask | None:
        """Write the chosen month's sheet to `out` in the background."""
        if self.task is not None and self.task.is_running():
            self.message.emit(_("正在计算考核数据，请稍候再导出。"))
            return None
        month, at = self.selected_month(), self._clock()

        def job(progress):
            perf_sheet.write_sheet(out, month, at, lambda d, t: (progress.report(d, t), not progress.cancelled())[1])
            return out

        self.task = BackgroundTask(self, _("导出月度考核表"), _("正在生成 {0} 考核表……").format(month), job)
        self.task.finished.connect(self._exported)
        self.task.start()
        return self.task

    def _exported(self, result, cancelled: bool, error: str) -> None:
        if error:
            warn(self, error, _("考核表未能导出"))
        elif not cancelled and result is not None:
            self.message.emit(_("已导出考核表：{0}").format(result))

    def shutdown(self) -> None:
        if self.task is not None and self.task.is_running():
            self.task.cancel()
            self.task.wait()
        if self.live_task is not None:
            self.live_task.wait()


def _office_average(data: MonthReport, grade: str) -> float:
    """Return the office-wide mean working days to resolve this grade in the month (0 without cases)."""
    return data.series[-1].grades[grade].average or 0.0


def _month_tick(month: str) -> str:
    """Return 10月 for 2026-10, and 2026年1月 for January so a long series shows where the year turns."""
    number = int(month[5:])
    return f"{month[:4]}年1月" if number == 1 else f"{number}月"


def _short(name: str) -> str:
    """Shorten a unit's name for a chart axis: the city's prefix dropped, at most nine characters."""
    short = name.removeprefix("邵阳市")
    for long, abbreviation in (("街道办事处", "街道"), ("人民政府", "政府"), ("有限公司", "公司")):
        short = short.replace(long, abbreviation)
    return short if len(short) <= 9 else short[:8] + "…"
