"""The whole check of the ledger that `audit-verify` and the window's 校验台账 run: the chain and its head,
checkpoints taken outside the file, every row against the replay of its events, the database's own
guards and the photos' hashes."""

from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from wzdesk.ledger.replay import replay_problems
from wzdesk.models import chain as ledger
from wzdesk.models import db
from wzdesk.models.ledger_guard import missing_guards
from wzdesk.models.photo_blobs import photo_holds


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

    def size(self) -> str:
        """Return the ledger's size as the window shows it (thousands separated)."""
        return f"{self.events:,}"


class Cancelled(Exception):
    """The clerk stopped the check before it ended (the window's 取消)."""


class _Watch:
    """Report how far the check got to a progress object (report(done, total), cancelled()), and stop it
    with Cancelled when asked: the two walks over every event count one each, the rest one step."""

    def __init__(self, progress, events: int):
        self.progress, self.done, self.total = progress, 0, 2 * events + 3

    def tick(self, rows: int = 1) -> None:
        self.done += rows
        if self.progress is not None:
            if self.progress.cancelled():
                raise Cancelled
            self.progress.report(min(self.done, self.total), self.total)


def audit(checkpoints: tuple[str, ...] = (), database=None, progress=None) -> Audit:
    """Check the open database's ledger as `audit-verify` does, and the window's 校验台账: the chain and its
    head, the given checkpoints `N:H` and the one this desk kept beside `database`, the guards, every row
    against the replay of its events, and the photos' hashes. Raise Cancelled if `progress` asks."""
    from wzdesk.office.checkpoints import kept_breach

    result = Audit(ledger.CaseEvent.select().count(), ledger.checkpoint())
    watch = _Watch(progress, result.events)
    breach = ledger.verify_chain(tick=watch.tick)
    if breach is not None:
        result.problems.append(Problem("chain", _where(breach), breach.case_code))
    kept = kept_breach(database) if database is not None else None
    if kept is not None:
        result.problems.append(Problem("checkpoint", kept))
    for text in checkpoints:
        held = ledger.checkpoint_breach(text)
        if held is not None:
            result.problems.append(Problem("checkpoint", held.message))
    watch.tick()
    result.problems += [Problem("guard", f"数据库的防改动触发器 {name} 不见了") for name in missing_guards(db)]
    watch.tick()
    result.problems += [_mismatch(m) for m in replay_problems(tick=watch.tick)]
    result.problems += [Problem("photo", text) for text in photo_problems()]
    watch.tick()
    return result


def problem_messages() -> list[str]:
    """Return in Chinese what the whole audit finds wrong with the open database (a restore's last check)."""
    return [problem.message for problem in audit().problems]


def photo_problems() -> list[str]:
    """Say in Chinese which verification photos in the database are missing or no longer have their hash."""
    rows = db.execute_sql('SELECT c.code, p.verification_id, p.path, p.sha256, p.content FROM verification_photo p'
                          ' JOIN verification v ON v.id = p.verification_id JOIN "case" c ON c.id = v.case_id'
                          " ORDER BY p.id")
    return [f"工单 {code} 第 {record} 次核验的照片“{PurePath(path).name}”缺失或内容被改动"
            for code, record, path, sha256, content in rows if not photo_holds(content, path, sha256)]


def _where(breach: ledger.Breach) -> str:
    where = f"（工单 {breach.case_code}，{breach.at[:16]}）" if breach.case_code else ""
    return breach.message + where


def _mismatch(m) -> Problem:
    return Problem(m.kind, m.describe(), m.code, m.field, m.row, m.replayed)
