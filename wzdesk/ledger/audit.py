"""The whole check of the ledger that `audit-verify` runs: the chain and its head, checkpoints taken
outside the file, every row against the replay of its events, and the database's own guards."""

from dataclasses import asdict, dataclass, field

from wzdesk.ledger.replay import replay_problems
from wzdesk.models import chain as ledger
from wzdesk.models import db
from wzdesk.models.ledger_guard import missing_guards


@dataclass(frozen=True)
class Problem:
    """One thing that does not hold: its kind (chain, checkpoint, case, name, setting, calendar, guard,
    photo), a Chinese message, and for a row the code, field, row value and replayed value."""

    kind: str
    message: str
    code: str | None = None
    field: str | None = None
    row: str | None = None
    replayed: str | None = None

    def as_json(self) -> dict:
        """Return the problem as the --json output lists it (empty parts left out)."""
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Audit:
    """The verdict: the ledger's size and checkpoint, and every problem found."""

    events: int
    head: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def audit(checkpoints: tuple[str, ...] = ()) -> Audit:
    """Check the open database's ledger against itself and the given checkpoints `N:H`."""
    result = Audit(ledger.CaseEvent.select().count(), ledger.checkpoint())
    breach = ledger.verify_chain()
    if breach is not None:
        result.problems.append(Problem("chain", _where(breach), breach.case_code))
    for text in checkpoints:
        held = ledger.checkpoint_breach(text)
        if held is not None:
            result.problems.append(Problem("checkpoint", held.message))
    result.problems += [Problem("guard", f"数据库的防改动触发器 {name} 不见了") for name in missing_guards(db)]
    result.problems += [_mismatch(m) for m in replay_problems()]
    return result


def _where(breach: ledger.Breach) -> str:
    where = f"（工单 {breach.case_code}，{breach.at[:16]}）" if breach.case_code else ""
    return breach.message + where


def _mismatch(m) -> Problem:
    return Problem(m.kind, m.describe(), m.code, m.field, m.row, m.replayed)
