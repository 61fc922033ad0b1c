"""The composite score, the deductions and the ranking of departments, with every definition in Chinese."""

from dataclasses import dataclass

from wzdesk.office import settings
from wzdesk.performance.metrics import DeptMonth

DASH = "—"


@dataclass(frozen=True)
class Weights:
    """The weights of the three rates and the deductions, as the office set them (group 考核)."""

    response: float = 0.30
    resolution: float = 0.35
    satisfaction: float = 0.35
    per_breach: float = 0.5
    per_sanction: float = 2.0

    @classmethod
    def from_settings(cls) -> "Weights":
        """Return the office's current weights."""
        s = settings.load()
        return cls(s["weight_response"], s["weight_resolution"], s["weight_satisfaction"],
                   s["deduction_per_breach"], s["deduction_per_sanction"])


@dataclass(frozen=True)
class Scored:
    """One department's month with its score and rank (None when it had no cases: shown as dashes)."""

    row: DeptMonth
    deductions: float
    score: float | None
    rank: int | None


def deductions(row: DeptMonth, weights: Weights) -> float:
    """Return the points taken off for duty breaches and confirmed sanctions."""
    return row.breaches * weights.per_breach + row.sanctions * weights.per_sanction


def score(row: DeptMonth, weights: Weights) -> float | None:
    """Return 100 × the weighted mean of the rates the month has, minus deductions; None without cases."""
    if not row.has_cases:
        return None
    pairs = [(rate, w) for rate, w in ((row.response_rate, weights.response),
                                       (row.resolution_rate, weights.resolution),
                                       (row.satisfaction_rate, weights.satisfaction)) if rate is not None]
    total_weight = sum(w for _, w in pairs)
    # A rate with nothing to measure (no rating yet, say) neither helps nor hurts: its weight is shared out.
    base = 100 * sum(rate * w for rate, w in pairs) / total_weight if total_weight else 0.0
    return round(base - deductions(row, weights), 2)


def rank(rows: list[DeptMonth], weights: Weights | None = None) -> list[Scored]:
    """Score every department and rank them, best first; equal scores share a rank (1, 1, 3)."""
    weights = weights or Weights.from_settings()
    scores = {row.department_id: score(row, weights) for row in rows}
    ordered = sorted((s for s in scores.values() if s is not None), reverse=True)
    first_place = {}
    for place, value in enumerate(ordered, 1):
        first_place.setdefault(value, place)
    scored = [Scored(row, deductions(row, weights), scores[row.department_id],
                     first_place.get(scores[row.department_id])) for row in rows]
    return sorted(scored, key=lambda s: (s.rank is None, s.rank or 0))


def percent(rate: float | None) -> str:
    """Return a rate as 87.5%, or a dash when there was nothing to measure."""
    return DASH if rate is None else f"{rate * 100:.1f}%"


def definitions(weights: Weights, neutral_satisfied: bool, limits: settings.Limits) -> list[tuple[str, str]]:
    """Return (name, definition) of every figure, for the notes sheet and the dashboard's tooltips."""
    neutral = "计入满意" if neutral_satisfied else "不计入满意（计入分母）"
    return [
        ("受理件数", "本月派单到该单位的工单件数（以最近一次派单时间和承办单位为准，改派后计入新单位）。"),
        ("响应率", f"首次响应时限（派单后 {limits.response_hours} 小时）落在本月的工单中，在时限内签收的件数 ÷ "
                 "响应时限落在本月的件数。"),
        ("解决率", "本月有办结记录的工单中，目前仍为办结状态、且最近一次答复后经现场核验通过或反映人回访评价"
                 "不是“不满意/非常不满意”的件数 ÷ 本月办结件数。办结后被重办（假办结）的不计为解决。"),
        ("满意率", f"本月回访评价中，“非常满意”“满意”“基本满意”的条数 ÷ 本月评价条数；“一般”{neutral}。"),
        ("超期件数", "月末（当月为统计时刻）仍未办结且已过办理时限的件数，加上本月办结但办结晚于时限的件数。"),
        ("平均办理工作日", f"本月答复的工单从派单日到答复日的工作日数（按法定节假日与调休日历）的平均值，"
                      f"按分级对照时限：小件 {limits.minor_days}、中件 {limits.moderate_days}、"
                      f"大件 {limits.major_days} 个工作日。"),
        ("未履职次数", "本月记录的责任清单步骤超时未履职次数，计入该步骤的责任单位。"),
        ("催办次数", "本月该单位工单触发的催办阶梯步骤数：提醒函、领导协调、列入督办、督办函、约谈、通报。"),
        ("问责次数", "本月决定并已确认的问责记录数（单位、个人或分管领导，计入所属单位）。"),
        ("扣分", f"每次未履职扣 {weights.per_breach:g} 分，每条已确认问责扣 {weights.per_sanction:g} 分。"),
        ("综合得分", f"100 ×（响应率 × {weights.response:g} + 解决率 × {weights.resolution:g} + "
                 f"满意率 × {weights.satisfaction:g}）− 扣分；某项率当月无可计件数时，其权重按比例分给其余各项。"),
        ("排名", "按综合得分从高到低排名，得分相同名次并列；当月没有任何工单的单位不参加排名，各项显示“—”。"),
    ]
