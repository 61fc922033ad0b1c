"""Charts made once and redrawn by replacing their values: a bar chart and a line chart for the 统计 page.

PySide6 6.11 keeps references to None for every Qt object made in Python once Qt calls into it: new series,
bar sets and axes on every redraw made sys.getrefcount(None) climb by about 80 a month chosen (issue 22).
"""

from collections.abc import Callable

from PySide6.QtCharts import (
    QAbstractSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPen

AxisRange = Callable[[float], tuple[float, int]]  # the largest value → the axis's top and its tick count


def _chart(title: str, legend: bool) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.legend().setVisible(legend)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(380, 260)
    return chart, view


class _Chart:
    """A chart, its view and its two axes, the series attached once."""

    def __init__(self, title: str, series: list[QAbstractSeries], axis_range: AxisRange, legend: bool = False,
                 horizontal: bool = False):
        self.chart, self.view = _chart(title, legend)
        self._range = axis_range
        self.categories, self.values = QBarCategoryAxis(), QValueAxis()
        self.values.setLabelFormat("%.0f")
        if horizontal:  # unit names are long: a smaller face keeps every one of them readable
            font = self.categories.labelsFont()
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
            self.categories.setLabelsFont(font)
        for one in series:
            self.chart.addSeries(one)
        self.chart.addAxis(self.categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
        for one in series:
            one.attachAxis(self.categories)
            one.attachAxis(self.values)

    def _axes(self, categories: list[str], value_max: float) -> None:
        self.categories.clear()
        self.categories.append(categories)
        top, ticks = self._range(value_max)
        self.values.setRange(0, top)
        self.values.setTickCount(ticks)


class BarChart(_Chart):
    """Bars in one series of named sets (vertical, or horizontal for long unit names)."""

    def __init__(self, title: str, set_names: list[str], axis_range: AxisRange, horizontal: bool = False,
                 labels: bool = False):
        self.series = QHorizontalBarSeries() if horizontal else QBarSeries()
        self.sets = [QBarSet(name) for name in set_names]
        for bar_set in self.sets:
            self.series.append(bar_set)
        self.series.setLabelsVisible(labels)
        super().__init__(title, [self.series], axis_range, legend=len(set_names) > 1, horizontal=horizontal)

    def show(self, categories: list[str], values: list[list[float]], value_max: float) -> None:
        """Show one list of values per set, over these categories."""
        for bar_set, numbers in zip(self.sets, values, strict=True):
            if bar_set.count():
                bar_set.remove(0, bar_set.count())
            bar_set.append(numbers)
        self._axes(categories, value_max)


class LineChart(_Chart):
    """Named lines; a line may be dashed in the colour of the line before it (a limit beside its mean)."""

    def __init__(self, title: str, names: list[str], axis_range: AxisRange, dashed: frozenset[int] = frozenset(),
                 points: bool = True):
        self.lines = [QLineSeries() for _name in names]
        for line, name in zip(self.lines, names, strict=True):
            line.setName(name)
        super().__init__(title, self.lines, axis_range, legend=len(names) > 1)
        for i, line in enumerate(self.lines):
            line.setPointsVisible(points and i not in dashed)
            if i in dashed:
                pen = QPen(self.lines[i - 1].color())
                pen.setStyle(Qt.PenStyle.DashLine)
                line.setPen(pen)

    def show(self, categories: list[str], points: list[list[tuple[float, float]]], value_max: float) -> None:
        """Show each line's (x, y) points, over these categories."""
        for line, xy in zip(self.lines, points, strict=True):
            line.clear()
            for x, y in xy:
                line.append(x, y)
        self._axes(categories, value_max)
