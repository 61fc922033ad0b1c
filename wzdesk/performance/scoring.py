"""The composite score, the deductions and the ranking of departments, with every definition in Chinese."""

from dataclasses import dataclass

from wzdesk.office import settings
from wzdesk.performance.metrics import DeptMonth

DASH = "—"
THIN_SAMPLE = "样本不足"
RATE_NAMES = ("响应率", "解决率", "满意率")


@dataclass(frozen=True)
class Weights:
    """The weights of the three rates and the deductions, as the office set them (group 考核)."""

    response: float = settings.default("weight_response")
    resolution: float = settings.default("weight_resolution")
    satisfaction: float = settings.default("weight_satisfaction")
    per_breach: float = settings.default("deduction_per_breach")
    per_sanction: float = settings.default("deduction_per_sanction")
    per_overdue: float = settings.default("deduction_per_overdue")
    per_overdue_long: float = settings.default("deduction_per_overdue_long")
    per_false_closure: float = settings.default("deduction_per_false_closure")
    min_cases: int = settings.default("ranking_min_cases")

    @classmethod
    def from_settings(cls) -> "Weights":
        """Return the office's current weights."""
        s = settings.load()
        return cls(s["weight_response"], s["weight_resolution"], s["weight_satisfaction"],
                   s["deduction_per_breach"], s["deduction_per_sanction"], s["deduction_per_overdue"],
                   s["deduction_per_overdue_long"], s["deduction_per_false_closure"], s["ranking_min_cases"])

    def rate_weights(self) -> tuple[float, float, float]:
        return self.response, self.resolution, self.satisfaction


_DEFAULT = Weights()


@dataclass(frozen=True)
class Scored:
    """One department's month with its score and rank.

    score is None when it had no cases (dashes); rank is None then, and for a unit with fewer cases than the
    minimum (thin: listed with its score, marked 样本不足). formation says in words how the score was formed.
    """

    row: DeptMonth
    deductions: float
    score: float | None
    rank: int | None
    thin: bool = False
    formation: str = ""

    @property
    def rank_text(self) -> str | int:
        """Return the rank, 样本不足, or a dash."""
        if self.score is None:
            return DASH
        return THIN_SAMPLE if self.thin else self.rank


def rates(row: DeptMonth) -> tuple[float | None, float | None, float | None]:
    return row.response_rate, row.resolution_rate, row.satisfaction_rate


def deductions(row: DeptMonth, weights: Weights) -> float:
    """Return the points taken off: overdue cases by how late, duty breaches, false closures, sanctions."""
    return round(row.overdue_short * weights.per_overdue + row.overdue_long * weights.per_overdue_long
                 + row.breaches * weights.per_breach + row.false_closures * weights.per_false_closure
                 + row.sanctions * weights.per_sanction, 2)


def base_score(row: DeptMonth, weights: Weights) -> float | None:
    """Return 100 × the weighted mean of the rates that have something to count; None if none has."""
    pairs = [(rate, w) for rate, w in zip(rates(row), weights.rate_weights(), strict=True) if rate is not None]
    total = sum(w for _, w in pairs)
    return 100 * sum(rate * w for rate, w in pairs) / total if total else None


def score(row: DeptMonth, weights: Weights) -> float | None:
    """Return the base score minus deductions; None without cases or without any rate to count."""
    if not row.has_cases:
        return None
    base = base_score(row, weights)
    return None if base is None else round(base - deductions(row, weights), 2)


def formation(row: DeptMonth, weights: Weights) -> str:
    """Say how the score was formed: which rates with which weights, which had nothing to count, the deductions."""
    if not row.has_cases:
        return "当月无工单"
    present = [(name, w) for name, rate, w in zip(RATE_NAMES, rates(row), weights.rate_weights(), strict=True)
               if rate is not None]
    missing = [name for name, rate in zip(RATE_NAMES, rates(row), strict=True) if rate is None]
    if not present:
        return "三项率均无可计件数，不计算得分"
    used = sum(w for _, w in present)
    text = "、".join(f"{name}×{w:g}" for name, w in present)
    if missing:
        text += f"（{'、'.join(missing)}无可计件数，未计入；按已计权重 {used:g} 折算为百分制）"
    parts = [(row.overdue_short, "超期", weights.per_overdue), (row.overdue_long, "严重超期", weights.per_overdue_long),
             (row.breaches, "未履职", weights.per_breach), (row.false_closures, "假办结", weights.per_false_closure),
             (row.sanctions, "问责", weights.per_sanction)]
    taken = [f"{label}{n}×{w:g}" for n, label, w in parts if n]
    return text + ("；扣分：" + "＋".join(taken) if taken else "；无扣分")


def rank(rows: list[DeptMonth], weights: Weights | None = None) -> list[Scored]:
    """Score every department and rank those with enough cases, best first; equal scores share a rank (1, 1, 3).

    Units with fewer cases in the month than weights.min_cases follow, by score, marked 样本不足; then the units
    without a score.
    """
    weights = weights or Weights.from_settings()
    scores = {row.department_id: score(row, weights) for row in rows}
    thin = {row.department_id: row.received < weights.min_cases for row in rows}
    ordered = sorted((scores[r.department_id] for r in rows
                      if scores[r.department_id] is not None and not thin[r.department_id]), reverse=True)
    first_place: dict[float, int] = {}
    for place, value in enumerate(ordered, 1):
        first_place.setdefault(value, place)
    scored = []
    for row in rows:
        value, is_thin = scores[row.department_id], thin[row.department_id]
        place = None if value is None or is_thin else first_place[value]
        scored.append(Scored(row, deductions(row, weights), value, place, is_thin and value is not None,
                             formation(row, weights)))
    return sorted(scored, key=_order)


def _order(s: Scored) -> tuple:
    if s.rank is not None:
        return (0, s.rank)
    return (1, -s.score) if s.score is not None else (2, 0)


def percent(rate: float | None) -> str:
    """Return a rate as 87.5%, or a dash when there was nothing to measure."""
    return DASH if rate is None else f"{rate * 100:.1f}%"


def definitions(weights: Weights, neutral_satisfied: bool, limits: settings.Limits) -> list[tuple[str, str]]:
    """Return (name, definition) of every figure, for the notes sheet and the dashboard's tooltips."""
    neutral = "计入满意" if neutral_satisfied else "不计入满意（计入分母）"
    return [
        ("受理件数", "本月派单到该单位的工单件数（以最近一次派单时间和承办单位为准，改派后计入新单位）。"),
        ("响应率", f"首次响应时限（派单后 {limits.response_hours} 小时）落在本月的工单中，承办单位在时限内首次联系"
                 "反映人的件数 ÷ 响应时限落在本月的件数。首次联系指承办单位派单后的第一条办理进展或答复（平台导入的"
                 "“首次响应时间”视为联系时间）；系统签收不算联系。"),
        ("解决率", "本月答复的工单（以本月最后一次答复为准）中，该次答复之后、下一次答复之前，反映人回访说“已解决”"
                 "（含基本解决）或现场核验通过的件数 ÷ 其中有回访回答了是否解决、或做过现场核验的件数。回访说"
                 "“未解决”或核验不通过的计入分母、不计为解决，案件之后重办也仍算在答复的月份。"),
        ("满意率", f"本月回访评价中，“非常满意”“满意”“基本满意”的条数 ÷ 本月评价条数；“一般”{neutral}。"),
        ("超期件数", "月末（当月为统计时刻）仍未办结且已过办理时限的件数，加上本月办结但办结晚于时限的件数；"
                   f"其中超过时限 {limits.red_overdue_days} 天以上（自然日）的另列。"),
        ("假办结次数", "本月的重办次数：办结后重办、现场核验不通过、回访不满意，计入当时的承办单位。"),
        ("平均办理工作日", f"本月答复的工单从派单日到答复日的工作日数（按法定节假日与调休日历）的平均值，"
                      f"按分级对照时限：小件 {limits.minor_days}、中件 {limits.moderate_days}、"
                      f"大件 {limits.major_days} 个工作日；按时率为其中在办理时限内答复的比例。"),
        ("未履职次数", "本月记录的责任清单步骤超时未履职次数，计入该步骤的责任单位。"),
        ("催办次数", "本月该单位工单触发的催办阶梯步骤数：提醒函、领导协调、列入督办、督办函、约谈、通报。"),
        ("问责次数", "本月决定并已确认的问责记录数（单位、个人或分管领导，计入所属单位）。"),
        ("扣分", f"每件超期 {weights.per_overdue:g} 分（超期 {limits.red_overdue_days} 天以上每件 "
               f"{weights.per_overdue_long:g} 分），每次未履职 {weights.per_breach:g} 分，每次假办结 "
               f"{weights.per_false_closure:g} 分，每条已确认问责 {weights.per_sanction:g} 分（默认值依次为 "
               f"{_DEFAULT.per_overdue:g}、{_DEFAULT.per_overdue_long:g}、{_DEFAULT.per_breach:g}、"
               f"{_DEFAULT.per_false_closure:g}、{_DEFAULT.per_sanction:g} 分，均可在设置“考核”中修改）。"
               f"“严重超期”指超期 {limits.red_overdue_days} 天以上。"),
        ("综合得分", f"100 ×（响应率 × {weights.response:g} + 解决率 × {weights.resolution:g} + "
                 f"满意率 × {weights.satisfaction:g}）÷ 所计权重之和 − 扣分（权重默认 {_DEFAULT.response:g}、"
                 f"{_DEFAULT.resolution:g}、{_DEFAULT.satisfaction:g}）。某项率当月无可计件数时显示“—”，"
                 "不计入得分，“得分构成”一栏写明按哪几项、多少权重折算；三项都无可计件数的不计算得分。"),
        ("排名", f"按综合得分从高到低排名，得分相同名次并列。当月受理少于 {weights.min_cases} 件的单位列出得分但"
               f"不参加排名，标“样本不足”（默认 {_DEFAULT.min_cases} 件）；当月没有任何工单的单位各项显示“—”。"),
    ]
