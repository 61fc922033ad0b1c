"""The figures of a month, as the public accountability notice states them: each one counted from the data."""

from collections import Counter
from dataclasses import dataclass, field

from peewee import fn

from wzdesk.models import MERGED, Accountability, Case, Interview, LadderStep, Notice
from wzdesk.months import month_days, month_span
from wzdesk.vocabulary import SANCTION_LABELS, TARGET_LABELS


@dataclass(frozen=True)
class MonthFigures:
    """What happened in a month: cases received and overdue, supervision, letters, interviews, sanctions."""

    received: int
    overdue: int
    supervised: int
    reminder_letters: int
    supervision_letters: int
    coordination_notices: int
    interviews: int
    sanctions: int
    by_form: dict[str, int] = field(default_factory=dict)  # 通报批评 → 2
    by_target: dict[str, int] = field(default_factory=dict)  # 单位 → 3


def month_figures(month: str) -> MonthFigures:
    """Count a month's cases, supervision steps, documents and confirmed sanctions."""
    start, end = month_span(month)
    records = list(_sanctions(month))
    return MonthFigures(
        received=_received(start, end),
        overdue=_overdue(start, end),
        supervised=(LadderStep.select(fn.COUNT(LadderStep.case.distinct())).where(
            LadderStep.step == "supervision_list", LadderStep.at >= start, LadderStep.at < end).scalar() or 0),
        reminder_letters=_documents("reminder_letter", month),
        supervision_letters=_documents("supervision_letter", month),
        coordination_notices=_documents("coordination", month),
        interviews=Interview.select().where(Interview.scheduled_at >= start, Interview.scheduled_at < end).count(),
        sanctions=len(records),
        by_form=dict(Counter(SANCTION_LABELS.get(r.sanction, r.sanction) for r in records).most_common()),
        by_target=dict(Counter(TARGET_LABELS.get(r.target_kind, r.target_kind) for r in records).most_common()),
    )


def _received(start, end) -> int:
    """Count the month's cases, a merged repeat counted through its main case only."""
    every = Case.select().where(Case.received_at >= start, Case.received_at < end).count()
    return every - _merged().where(Case.received_at >= start, Case.received_at < end).count()


def _overdue(start, end) -> int:
    """Count the cases whose limit ran out in the month without a reply by then (merged repeats left out)."""
    late = (Case.due_at >= start, Case.due_at < end, Case.replied_at.is_null() | (Case.replied_at > Case.due_at))
    return Case.select().where(*late).count() - _merged().where(*late).count()


def _merged():
    # Merged repeats are few and found on (status, received_at): subtracting them keeps the counts on their indexes.
    return Case.select().where(Case.status == MERGED)


def _documents(kind: str, month: str) -> int:
    start, end = month_days(month)
    return Notice.select().where(Notice.kind == kind, Notice.issued_on >= start, Notice.issued_on < end).count()


def _sanctions(month: str):
    start, end = month_days(month)
    return (Accountability.select().where(Accountability.status == "confirmed", Accountability.decided_on >= start,
                                          Accountability.decided_on < end).order_by(Accountability.decided_on,
                                                                                     Accountability.id))


def figures_text(figures: MonthFigures) -> dict[str, str]:
    """Return the sentences of the notice's figures: what was received, chased and sanctioned."""
    letters = (f"发出提醒函{figures.reminder_letters}份、督办函{figures.supervision_letters}份、"
               f"协调通知{figures.coordination_notices}份，组织约谈{figures.interviews}次")
    if figures.sanctions:
        forms = "、".join(f"{label}{n}项" for label, n in figures.by_form.items())
        targets = "、".join(f"{label}{n}项" for label, n in figures.by_target.items())
        sanctions = f"经研究，共作出问责决定{figures.sanctions}项，其中{forms}；按对象分，{targets}。"
    else:
        sanctions = (f"本月未作出问责决定。本月到期未答复的超期诉求{figures.overdue}件，"
                     f"列入督办清单{figures.supervised}件。")
    return {"figures_received": f"共受理群众诉求{figures.received}件，到期未答复的超期诉求{figures.overdue}件，"
                                f"新列入督办清单{figures.supervised}件；{letters}。",
            "figures_sanctions": sanctions}
