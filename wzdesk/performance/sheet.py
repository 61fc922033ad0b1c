"""The monthly department performance sheet (月度考核表): summary with chart, trend, details and notes."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import ColorScaleRule

from wzdesk.excel import print_layout
from wzdesk.excel.writer import Column, save_workbook, write_table, xlsx_path
from wzdesk.models import chain as ledger
from wzdesk.months import month_label, months_back
from wzdesk.office import settings
from wzdesk.performance import detail as metrics_detail
from wzdesk.performance import metrics, scoring, series
from wzdesk.performance.metrics import GRADES
from wzdesk.performance.scoring import DASH, Scored, Weights
from wzdesk.performance.series import SeriesMonth
from wzdesk.vocabulary import GRADE_LABELS, STATUS_LABELS

TREND_MONTHS = 12
# The detail sheets list at most this many cases per department (the earliest), then a row with the rest's
# count: on a 1,000,000-case ledger one month had 279,427 overdue cases and 30,693 reopenings, which no
# leader reads and which took openpyxl minutes to write. The overdue board and the ledger list them all.
DETAIL_LISTED_PER_DEPARTMENT = 20
SUMMARY_COLUMNS = [
    Column("排名", 9, "integer"), Column("承办单位", 30), Column("受理件数", 10, "integer"),
    Column("响应率", 10, "percent"), Column("解决率", 10, "percent"), Column("满意率", 10, "percent"),
    Column("超期件数", 10, "integer"), Column("其中严重超期", 12, "integer"), Column("未履职次数", 11, "integer"),
    Column("假办结次数", 11, "integer"), Column("催办次数", 10, "integer"), Column("问责次数", 10, "integer"),
    Column("扣分", 8, "number"), Column("综合得分", 10, "number"), Column("得分构成", 48),
    Column("合并重复诉求", 13, "integer"),
]
PERCENT_INDEXES = (3, 4, 5)
SCORE_INDEX = 13
SCORE_COLUMN = "N"
SERIES_SHEET = "办理时长对比"
DETAIL_COLUMNS = [
    Column("工单编号", 20), Column("标题", 36), Column("承办单位", 28), Column("分级", 6),
    Column("当前状态", 10), Column("派单时间", 17, "datetime"), Column("办理时限", 17, "datetime"),
]


@dataclass(frozen=True)
class MonthReport:
    """Everything the sheet and the dashboard show for one month."""

    month: str
    at: datetime
    ranked: list[Scored]
    trend: dict[str, list[Scored]]
    series: list[SeriesMonth]
    checkpoint: str = ""  # the ledger's checkpoint N:H when the figures were counted, printed on the sheet


def report(month: str, at: datetime, step: Callable[[int, int], bool] | None = None) -> MonthReport:
    """Compute the month's ranking, the 12 months of scores ending with it, and the before-and-after series."""
    months = months_back(month, TREND_MONTHS)
    month = months[-1]  # written the one way the figures are keyed: 2026-1 becomes 2026-01
    series_months = series.series_months(month)
    table = metrics.compute(sorted(set(months) | set(series_months)), at, step)
    weights = Weights.from_settings()
    trend = {m: scoring.rank(table[m], weights) for m in months}
    return MonthReport(month, at, trend[month], trend, series.build(table, series_months), ledger.checkpoint())


def write_sheet(out: Path, month: str, at: datetime,
                step: Callable[[int, int], bool] | None = None) -> MonthReport | None:
    """Write the month's performance workbook to `out`; return what it shows, None if `step` cancelled."""
    out = _checked(out)
    stopped = []

    def watch(done: int, total: int) -> bool:
        go = step is None or step(done, total) is not False
        stopped.extend([] if go else [True])
        return go

    data = report(month, at, watch)
    if stopped:
        return None
    workbook = Workbook(write_only=True)
    footer = f"{month_label(month)}　台账校验点 {data.checkpoint}　第 &P 页 / 共 &N 页"
    for writer in (_summary, _trend, _series, _overdue, _false_closures, _notes):
        sheet = writer(workbook, data)
        sheet.oddFooter.center.text = footer
    save_workbook(workbook, out)
    return data


def _checked(out: Path) -> Path:
    return xlsx_path(out, "考核表")


def _subtitle(data: MonthReport) -> str:
    return (f"{settings.get('office_name')}　统计时刻 {data.at:%Y-%m-%d %H:%M}　“—”表示当月无可计件数"
            f"　台账校验点 {data.checkpoint}")


def summary_row(s: Scored) -> list:
    """Return one department's row of the summary sheet (rates as fractions, dashes without cases)."""
    r = s.row
    if s.score is None and not r.has_cases:
        return [DASH, r.name, *[DASH] * 12, s.formation, DASH]
    rates = [DASH if v is None else v for v in (r.response_rate, r.resolution_rate, r.satisfaction_rate)]
    return [s.rank_text, r.name, r.received, *rates, r.overdue, r.overdue_long, r.breaches, r.false_closures,
            r.ladder_total, r.sanctions, s.deductions, DASH if s.score is None else s.score, s.formation, r.repeats]


def _summary(workbook: Workbook, data: MonthReport):
    ws = workbook.create_sheet("月度考核")
    title = f"{month_label(data.month)}各承办单位办理绩效考核表"
    last = write_table(ws, title, SUMMARY_COLUMNS, [summary_row(s) for s in data.ranked], subtitle=_subtitle(data))
    scored = sum(1 for s in data.ranked if s.rank is not None)
    if scored:
        ws.conditional_formatting.add(f"{SCORE_COLUMN}4:{SCORE_COLUMN}{last}", ColorScaleRule(
            start_type="min", start_color="F8696B", mid_type="percentile", mid_value=50, mid_color="FFEB84",
            end_type="max", end_color="63BE7B"))
        print_layout.add_chart_on_its_own_page(ws, _score_chart(ws, scored), last + 3, len(SUMMARY_COLUMNS))
    return ws


def _score_chart(ws, count: int) -> BarChart:
    """Return a bar chart of the ranked departments' scores (rows 4 onwards of the summary)."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = "各单位综合得分"
    chart.y_axis.title = "综合得分"
    chart.legend = None
    chart.add_data(Reference(ws, min_col=SCORE_INDEX + 1, min_row=3, max_row=3 + count), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=4, max_row=3 + count))
    chart.height, chart.width = max(8, 0.6 * count + 3), 24
    chart.x_axis.scaling.orientation = "maxMin"  # first place on top, as in the table
    return chart


def _trend(workbook: Workbook, data: MonthReport):
    ws = workbook.create_sheet("近12个月趋势")
    months = list(data.trend)
    columns = [Column("承办单位", 30)] + [Column(m, 10, "number") for m in months]
    by_dept: dict[int, list] = {}
    for m in months:
        for s in data.trend[m]:
            by_dept.setdefault(s.row.department_id, [s.row.name])
            by_dept[s.row.department_id].append(DASH if s.score is None else s.score)
    order = [s.row.department_id for s in data.ranked]
    write_table(ws, "各单位近12个月综合得分", columns, [by_dept[d] for d in order],
                subtitle=_subtitle(data) + "　按本月排名排列")
    return ws


def series_row(point: SeriesMonth, limits: settings.Limits) -> list:
    """Return one month of the before-and-after sheet: per grade the mean days, its limit, the share in time."""
    row: list = [point.month]
    for grade in GRADES:
        g = point.grades[grade]
        row += [g.replied, DASH if g.average is None else g.average, limits.resolution_days(grade),
                DASH if g.in_time_share is None else g.in_time_share]
    return [*row, DASH if point.in_time_share is None else point.in_time_share]


def _series(workbook: Workbook, data: MonthReport):
    ws = workbook.create_sheet(SERIES_SHEET)
    columns = [Column("月份", 10)]
    for grade in GRADES:
        label = GRADE_LABELS[grade] + "件"
        columns += [Column(f"{label}答复件数", 11, "integer"), Column(f"{label}平均工作日", 12, "number"),
                    Column(f"{label}时限", 9, "integer"), Column(f"{label}按时率", 10, "percent")]
    columns.append(Column("全部按时率", 11, "percent"))
    limits = settings.limits()
    first = data.series[0].month
    last = write_table(ws, f"派单到答复的平均工作日（{month_label(first)}起）", columns,
                       [series_row(p, limits) for p in data.series],
                       subtitle=_subtitle(data) + "　各分级对照时限 "
                       f"{limits.minor_days}/{limits.moderate_days}/{limits.major_days} 个工作日")
    print_layout.add_chart_on_its_own_page(ws, _series_chart(ws, last), last + 3, len(columns))
    return ws


def _series_chart(ws, last: int) -> LineChart:
    """Return a line chart of each grade's mean working days with its limit, month by month."""
    chart = LineChart()
    chart.title = "平均办理工作日与时限（按分级）"
    chart.y_axis.title = "工作日"
    chart.x_axis.title = "月份"
    for index in range(len(GRADES)):
        average, limit = 3 + 4 * index, 4 + 4 * index  # columns C, D; G, H; K, L
        for column in (average, limit):
            chart.add_data(Reference(ws, min_col=column, min_row=3, max_row=last), titles_from_data=True)
    for line in chart.series[1::2]:
        line.graphicalProperties.line.dashStyle = "dash"  # the limits dashed, the averages solid
    chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=last))
    chart.height, chart.width = 10, 26
    return chart


def _overdue(workbook: Workbook, data: MonthReport):
    ws = workbook.create_sheet("超期明细")
    columns = [*DETAIL_COLUMNS, Column("办结时间", 17, "datetime"), Column("超期天数", 10, "number")]
    details = metrics_detail.overdue_cases(data.month, data.at, DETAIL_LISTED_PER_DEPARTMENT)
    rows = [[r.code, r.title, r.department, GRADE_LABELS.get(r.grade, r.grade), STATUS_LABELS.get(r.status, r.status),
             r.dispatched_at, r.due_at, r.moment, r.days] for r in details]
    listed = sum(1 for r in details if r.due_at is not None)
    write_table(ws, f"{month_label(data.month)}超期工单明细", columns, rows,
                subtitle=_subtitle(data) + f"　列出 {listed} 件（每个单位最多 {DETAIL_LISTED_PER_DEPARTMENT} 件，"
                "超出的在该单位末行注明）")
    return ws


def _false_closures(workbook: Workbook, data: MonthReport):
    ws = workbook.create_sheet("假办结明细")
    columns = [*DETAIL_COLUMNS, Column("重办时间", 17, "datetime"), Column("重办原因", 40)]
    details = metrics_detail.false_closures(data.month, DETAIL_LISTED_PER_DEPARTMENT)
    rows = [[r.code, r.title, r.department, GRADE_LABELS.get(r.grade, r.grade), STATUS_LABELS.get(r.status, r.status),
             r.dispatched_at, r.due_at, r.moment, r.reason] for r in details]
    listed = sum(1 for r in details if r.moment is not None)
    write_table(ws, f"{month_label(data.month)}假办结（重办）明细", columns, rows,
                subtitle=_subtitle(data) + f"　列出 {listed} 次（每个单位最多 {DETAIL_LISTED_PER_DEPARTMENT} 次，"
                "超出的在该单位末行注明）")
    return ws


def notes() -> list[tuple[str, str]]:
    """Return the definitions of the figures as the office's settings make them today."""
    return scoring.definitions(Weights.from_settings(), settings.get("neutral_counts_satisfied"), settings.limits())


def _notes(workbook: Workbook, data: MonthReport):
    ws = workbook.create_sheet("指标说明")
    rows = notes()
    rows.append(("超期明细", f"列出计入本月超期件数的工单，每个单位最多 {DETAIL_LISTED_PER_DEPARTMENT} 件"
                         "（办理时限最早、超期最久的在前）；超出的单位在其明细之后另起一行写明共多少件、"
                         "未列出多少件。全部超期工单可在超期看板或台账导出中查看。"))
    rows.append(("合并重复诉求", "本月并入该单位所办工单的重复诉求件数（多人反映同一问题，合并为一件办理）；"
                           "被合并的重复诉求不计入受理件数、响应率和超期件数，只按主件计一次。"))
    rows.append(("平台已撤销的工单", "平台列为“已撤销”的工单按撤销办结，计入受理件数，但不计入响应率、解决率、"
                              "满意率、超期件数、超期明细和办理时长（办结后撤销的也是如此）。"))
    rows.append(("假办结明细", f"本月的重办（办结后重办、核验不通过、回访不满意），按单位排列，每个单位最多列出最早的 "
                          f"{DETAIL_LISTED_PER_DEPARTMENT} 次，超出的在其末行写明共多少次。"))
    write_table(ws, "考核指标口径说明", [Column("指标", 16), Column("口径", 100)], rows, subtitle=_subtitle(data))
    return ws
