"""Official documents from the database: a registered notice, the monthly notice, a certificate, a day's batch.

Qt-free. Every function writes a PDF and returns its path; refusals are UserErrors in Chinese.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from pypdf import PdfWriter

from wzdesk.documents import (
    FontMissing,
    TemplateError,
    build_certificate,
    build_document,
    monthly_notice_date,
    render,
    render_certificate,
    resolve_fonts,
)
from wzdesk.documents.fonts import DocumentFonts, substitution_warnings
from wzdesk.errors import UserError
from wzdesk.files import write_with
from wzdesk.models import Notice, write_transaction
from wzdesk.months import month_days, month_label
from wzdesk.notices import contexts as document_context
from wzdesk.office import numbering as notices
from wzdesk.office import settings
from wzdesk.supervision.ladder import produced_on

FONT_KEYS = ("font_fangsong", "font_heiti", "font_kaiti", "font_xiaobiaosong")
LETTER_KINDS = ("reminder_letter", "supervision_letter", "coordination", "interview_notice")
KIND_ORDER = {kind: n for n, kind in enumerate((*LETTER_KINDS, "public_notice"))}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')  # characters Windows refuses in file names


class Progress:
    """What a long job is told: report how far it got, and whether to stop (a worker passes its own)."""

    def report(self, done: int, total: int) -> None:
        """Say how far the job got."""

    def cancelled(self) -> bool:
        """Say whether the clerk asked to stop."""
        return False


@dataclass
class Batch:
    """A day's documents as written: one file per document and the combined one for printing."""

    day: date
    files: list[Path] = field(default_factory=list)
    combined: Path | None = None
    cancelled: bool = False


def document_fonts() -> DocumentFonts:
    """Return the document fonts, honouring the office's font settings."""
    office = settings.load()
    chosen = {key: office[key] for key in FONT_KEYS if str(office.get(key) or "").strip()}
    try:
        return resolve_fonts(chosen)
    except FontMissing as exc:
        raise UserError(str(exc)) from None


def font_warnings(fonts: DocumentFonts | None = None) -> list[str]:
    """Return what the documents print in instead of a prescribed face that is missing (empty when none is)."""
    return substitution_warnings(fonts or document_fonts())


def check_out_file(out: Path) -> Path:
    """Refuse an output file whose folder does not exist or that is a folder."""
    out = Path(out)
    if not out.parent.is_dir():
        raise UserError(f"文件夹“{out.parent}”不存在，请先建立该文件夹或另选保存位置。")
    if out.is_dir():
        raise UserError(f"“{out}”是一个文件夹，请给出要保存的 PDF 文件名。")
    return out


def check_out_dir(out_dir: Path) -> Path:
    """Return the output folder, made if only it is missing; refuse one whose parent does not exist."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"“{out_dir}”是一个文件，不是文件夹。")
    if not out_dir.parent.is_dir():
        raise UserError(f"文件夹“{out_dir.parent}”不存在，请先建立该文件夹或另选保存位置。")
    out_dir.mkdir(exist_ok=True)
    return out_dir


def find_notice(number_text: str, kind: str = "") -> Notice:
    """Return the registered document with this number text; `kind` only tells apart numbers of old releases."""
    query = Notice.select().where(Notice.number_text == number_text.strip())
    if kind:
        query = query.where(Notice.kind == kind)
    found = list(query.order_by(Notice.id))
    if not found:
        raise UserError(f"没有文号为“{number_text}”的文书。")
    if len(found) > 1:  # only numbers given before each kind had its own 机关代字
        kinds = "、".join(f"{notices.KIND_LABELS.get(n.kind, n.kind)}（{n.kind}）" for n in found)
        raise UserError(f"文号“{number_text}”是旧版本编的号，有 {len(found)} 份文书：{kinds}；请用 --kind 指明种类。")
    return found[0]


def render_notice(notice: Notice, out: Path, fonts: DocumentFonts | None = None) -> Path:
    """Render a registered document to a PDF, printing its stored number."""
    out = check_out_file(out)
    if notice.kind in LETTER_KINDS:
        context = document_context.letter_context(notice)
    elif notice.kind == "public_notice":
        context = document_context.monthly_context(_notice_month(notice), notice.number_text, notice.issued_on)
    else:
        label = notices.KIND_LABELS.get(notice.kind, notice.kind)
        raise UserError(f"{notice.number_text}（{label}）不能按文号重新生成。")
    return _write(lambda: render(build_document(notice.kind, context), out, fonts or document_fonts()), out)


def _notice_month(notice: Notice) -> str:
    """Return the YYYY-MM a public notice reports on: the month before the one it was issued in."""
    last_day = notice.issued_on.replace(day=1) - timedelta(days=1)
    return f"{last_day:%Y-%m}"


def check_month_ended(month: str, now: datetime) -> None:
    """Refuse a notice for a month that has not ended yet: its figures are not final."""
    _, end = month_days(month)
    if now.date() < end:
        raise UserError(f"{month_label(month)}尚未结束，不能印发该月的问责通报（最早{end:%Y-%m-%d}起）。")


def monthly_issue_day(month: str) -> date:
    """Return the 成文日期 of a month's notice: the office's day of the next month, or the first working day after."""
    return notices.working_day_on_or_after(monthly_notice_date(month, int(settings.get("notice_day"))))


def month_notice(month: str) -> Notice | None:
    """Return the month's public notice if it has been issued: the one notice dated in the following month."""
    _, end = month_days(month)
    following = month_days(f"{end:%Y-%m}")[1]
    return (Notice.select().where(Notice.kind == "public_notice", Notice.issued_on >= end,
                                  Notice.issued_on < following).order_by(Notice.id).first())


def monthly_notice(month: str, now: datetime) -> Notice:
    """Return the month's public notice, issuing (numbering) it the first time, once the month has ended."""
    check_month_ended(month, now)
    with write_transaction():
        existing = month_notice(month)
        if existing is not None:
            return existing
        issued_on = monthly_issue_day(month)
        notice = notices.issue("public_notice", None, [], issued_on, now, title_values={"month": month})
        notice.recipient = document_context.PUBLIC_NOTICE_RECIPIENT
        notice.save()
        return notice


def generate_monthly(month: str, out: Path, now: datetime) -> tuple[Notice, Path]:
    """Issue (or reuse) the month's public accountability notice and render it."""
    month_days(month)
    out = check_out_file(out)
    fonts = document_fonts()  # before numbering: a missing font must not use up a number
    notice = monthly_notice(month, now)
    return notice, render_notice(notice, out, fonts)


def render_observer_certificate(observer_id: int, out: Path, on: date, number: str = "") -> Path:
    """Render the 监督能手 certificate of an observer, with its register number when it has one."""
    out = check_out_file(out)
    context = {**document_context.certificate_context(observer_id, on), "number": number}
    return _write(lambda: render_certificate(build_certificate(context), out, document_fonts()), out)


def day_notices(day: date) -> list[Notice]:
    """Return the documents the ladder produced on a day, by kind and number."""
    ids = {step.notice_id for step in produced_on(day) if step.notice_id}
    found = Notice.select().where(Notice.id.in_(list(ids)))
    return sorted(found, key=lambda n: (KIND_ORDER.get(n.kind, 9), n.number))


def file_name(notice: Notice) -> str:
    """Return the file name of a document: its number, then its kind."""
    label = notices.KIND_LABELS.get(notice.kind, notice.kind)
    return _UNSAFE.sub("_", f"{notice.number_text} {label}.pdf")


def combined_name(day: date) -> str:
    """Return the file name of a day's combined PDF."""
    return f"{day:%Y-%m-%d} 督办文书（合并打印）.pdf"


def render_batch(day: date, out_dir: Path, progress: Progress | None = None) -> Batch:
    """Write every document of a day into a folder, one PDF each, plus one combined PDF to print in one go."""
    out_dir = check_out_dir(out_dir)
    progress = progress or Progress()
    batch = Batch(day)
    todo = day_notices(day)
    if not todo:
        return batch
    fonts = document_fonts()
    for done, notice in enumerate(todo):
        if progress.cancelled():
            batch.cancelled = True
            return batch
        progress.report(done, len(todo) + 1)
        batch.files.append(render_notice(notice, out_dir / file_name(notice), fonts))
    batch.combined = combine(batch.files, out_dir / combined_name(day))
    progress.report(len(todo) + 1, len(todo) + 1)
    return batch


def combine(files: list[Path], out: Path) -> Path:
    """Concatenate PDFs into one file, in order."""
    writer = PdfWriter()
    for path in files:
        writer.append(str(path))

    def write() -> Path:
        return write_with(out, lambda partial: writer.write(str(partial)))

    return _write(write, out)


def _write(job: Callable[[], Path], out: Path) -> Path:
    """Run a file-writing job, turning template and file errors into Chinese refusals."""
    try:
        return job()
    except TemplateError as exc:
        raise UserError(str(exc)) from None
    except PermissionError:
        raise UserError(f"无法写入“{out}”：文件可能正在被其他程序打开，请关闭后重试。") from None
    except OSError as exc:
        raise UserError(f"无法写入“{out}”：{exc.strerror or exc}") from None
