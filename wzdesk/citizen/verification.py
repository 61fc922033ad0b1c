"""On-site verification (现场核验): book a check, then record its finding, pass or fail, with photos."""

import hashlib
import shutil
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from wzdesk.cases import lifecycle, messages
from wzdesk.errors import UserError
from wzdesk.models import (
    Case,
    Observer,
    Operator,
    Verification,
    VerificationObserver,
    VerificationPhoto,
    write_transaction,
)
from wzdesk.models import chain as ledger
from wzdesk.models.photo_blobs import photo_holds

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".heic", ".webp"}


def pending_booking(case: Case) -> Verification | None:
    """Return the case's booked check that has no result yet, or None."""
    return (Verification.select().where(Verification.case == case, Verification.result == "pending")
            .order_by(Verification.planned_at).first())


def book(case: Case, planned_at: datetime, staff: str, at: datetime, operator: Operator,
         with_petitioner: bool = False, observers: Sequence[Observer] = ()) -> Verification:
    """Book an on-site check of a replied case: who goes, when, with the petitioner and which observers."""
    if case.status != "replied":
        raise UserError(f"工单 {case.code} 还没有答复（或已核验），不能预约现场核验。")
    staff = (staff or "").strip()
    if not staff:
        raise UserError("请填写核验人员。")
    if planned_at < at.replace(second=0, microsecond=0):
        raise UserError("核验时间不能早于现在。")
    if pending_booking(case) is not None:
        raise UserError(f"工单 {case.code} 已预约现场核验，请先登记那次核验的结果。")
    with write_transaction():
        record = Verification.create(case=case, planned_at=planned_at.replace(microsecond=0), staff=staff,
                                     with_petitioner=with_petitioner, operator=operator, created_at=at)
        for observer in observers:
            VerificationObserver.create(verification=record, observer=observer)
        # Observers are named by id: the ledger can never be redacted, and their identity is protected.
        who = "、".join([staff, *(f"观察员（编号 {o.id}）" for o in observers)])
        ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action="verification_booked",
                      from_status=case.status, to_status=case.status, operator_id=operator.id,
                      department_id=case.lead_department_id,
                      note=f"{planned_at:%Y-%m-%d %H:%M} 现场核验，{who}" + ("，反映人到场" if with_petitioner else ""),
                      data={"verification": record.id, "observers": [o.id for o in observers]})
        messages.queue_booking(record, at)
    return record


def record_result(case: Case, passed: bool, finding: str, at: datetime, operator: Operator, *,
                  booking: Verification | None = None, staff: str = "", with_petitioner: bool = False,
                  photos: Iterable[Path] = (), observer_findings: dict[int, str] | None = None,
                  photos_root: Path | None = None, problems_found: Iterable[int] = (),
                  expected_version: int | None = None) -> Verification:
    """Record a check's finding and photos; a failed check reopens the case for rework (lifecycle.verify).

    `problems_found` names the observers whose finding the clerk marks as a problem the reply did not admit.
    """
    sources = [Path(p) for p in photos]
    _check_photos(sources)
    copied: list[Path] = []
    try:
        with write_transaction():
            record = lifecycle.verify(case, passed, finding, at, operator, staff=staff,
                                      with_petitioner=with_petitioner, booking=booking,
                                      expected_version=expected_version)
            _observer_findings(record, observer_findings or {}, set(problems_found))
            if sources:
                copied = _store_photos(record, sources, at, photos_root or _photos_root())
                _photo_event(record, copied, at, operator)
    except Exception:
        for path in copied:  # the database said no: leave no orphan copies behind
            path.unlink(missing_ok=True)
        raise
    return record


def _photos_root() -> Path:
    from wzdesk.office.database import data_dir

    return data_dir() / "photos"


def _check_photos(sources: list[Path]) -> None:
    for path in sources:
        if not path.is_file():
            raise UserError(f"找不到照片文件“{path}”。")
        if path.suffix.lower() not in PHOTO_SUFFIXES:
            raise UserError(f"“{path.name}”不是照片（可用 jpg、png 等图片文件）。")


def _observer_findings(record: Verification, findings: dict[int, str], problems: set[int]) -> None:
    unknown = problems - {link.observer_id for link in record.observer_links}
    if unknown:
        raise UserError("标为“发现问题”的观察员没有参加这次核验。")
    for link in record.observer_links:
        text = findings.get(link.observer_id, "").strip()
        if text or link.observer_id in problems:
            link.finding = text or link.finding
            link.problem_found = link.observer_id in problems
            link.save()


def _store_photos(record: Verification, sources: list[Path], at: datetime, root: Path) -> list[Path]:
    folder = root / record.case.code
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for n, source in enumerate(sources, 1):
        target = folder / f"核验{record.id}-{n}-{source.name}"
        shutil.copy2(source, target)
        copied.append(target)
        content = target.read_bytes()
        VerificationPhoto.create(verification=record, path=str(target), sha256=hashlib.sha256(content).hexdigest(),
                                 added_at=at, content=content)
    return copied


def sha256_of(path: Path) -> str:
    """Return the SHA-256 of a file, read in blocks so a large photo costs little memory."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 16):
            digest.update(block)
    return digest.hexdigest()


def _photo_event(record: Verification, copied: list[Path], at: datetime, operator: Operator) -> None:
    case = record.case
    photos = [{"file": p.name, "sha256": sha256_of(p)} for p in copied]
    ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action="verification_photos",
                  from_status=case.status, to_status=case.status, operator_id=operator.id,
                  department_id=case.lead_department_id, note=f"存档现场照片 {len(copied)} 张",
                  data={"verification": record.id, "photos": photos})


def photos_intact(record: Verification) -> list[str]:
    """Return the names of the record's photos whose stored content is missing or no longer has its hash.

    A photo that moved into the database is checked there; one whose file was already gone when it moved
    in (content null) is checked on disk, and is missing."""
    return [Path(p.path).name for p in record.photos if not photo_holds(p.content, p.path, p.sha256)]


def booked_observers(booking: Verification) -> list[Observer]:
    """Return the observers booked for a check, in the order they were booked."""
    links = booking.observer_links.order_by(VerificationObserver.id)
    return [link.observer for link in links]
