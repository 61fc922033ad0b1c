"""Document templates: TOML files in reports/ that an office edits, filled from a context.

Each kind has its wording in `reports/<kind>.toml` with `{placeholders}`; `reports/letterhead.toml`
holds the office's name, short name, issuer, default copy-to list and number pattern. Only the
fields listed here ever reach a template: petitioner and observer details given by mistake are
dropped, and phone and ID numbers in free text are masked, so no document leaks them.
"""

import string
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wzdesk.documents.formatting import (
    format_chinese_date,
    format_chinese_datetime,
    format_dotted_date,
    format_number,
    format_short_date,
    mask_private,
    strip_pictographs,
)
from wzdesk.documents.model import Block, Certificate, Heading, ItemList, OfficialDocument, Paragraph, Table
from wzdesk.months import month_label
from wzdesk.resources import report

KINDS = {
    "reminder_letter": "提醒函",
    "supervision_letter": "督办函",
    "coordination": "协调通知",
    "interview_notice": "约谈通知",
    "public_notice": "问责通报",
}
TEMPLATE_FILES = {"coordination": "coordination_notice"}  # kinds whose template file is named otherwise
CASE_FIELDS = ("code", "title", "category", "matter", "dispatched_at", "due_at", "days_overdue", "status_label")
ENTRY_FIELDS = ("unit", "problem_type", "outcome", "sanction_label")
ROW_FIELDS = {"cases": CASE_FIELDS, "entries": ENTRY_FIELDS}
CONTEXT_FIELDS = (
    "office_name", "short_name", "issuer", "signature", "number", "serial", "year", "issued_on",
    "department", "leader", "cases", "deadline_days", "reply_due",
    "interview_time", "interview_place", "interview_conductor", "interview_attendees",
    "month", "entries", "observer_name", "observer_community", "citation", "copy_to",
    "measures", "co_departments", "interview_reason", "figures_received", "figures_sanctions", "checkpoint",
)
# Identifiers, not personal data: a case code or document number is never masked.
_UNMASKED = {"code", "number"}
_FORMATTER = string.Formatter()


class TemplateError(ValueError):
    """A template cannot be filled; the Chinese message names the file and what is wrong."""


@dataclass(frozen=True)
class Letterhead:
    """The office's letterhead: names for the header and 版记, copy-to list and number pattern."""

    office_name: str
    short_name: str
    issuer: str
    signature: str
    number_pattern: str
    copy_to: tuple[str, ...]
    measures: str = "《邵阳市网络问政督办问责办法》"


def default_reports_dir() -> Path:
    """Return the shipped reports/ folder (installed with the package as wzdesk.reports)."""
    return Path(str(report("")))


def load_letterhead(reports_dir: Path | None = None) -> Letterhead:
    """Read letterhead.toml."""
    path = (reports_dir or default_reports_dir()) / "letterhead.toml"
    raw = _read_toml(path)
    try:
        name = raw["name"]
        return Letterhead(office_name=name, short_name=raw["short_name"], issuer=raw.get("issuer", name),
                          signature=raw.get("signature", name),
                          number_pattern=raw.get("number_pattern", "{short}〔{year}〕{n}号"),
                          copy_to=tuple(raw.get("copy_to", ())),
                          measures=raw.get("measures", Letterhead.measures))
    except KeyError as exc:
        raise TemplateError(f"版头文件 {path} 缺少“{exc.args[0]}”一项") from exc


def template_path(kind: str, reports_dir: Path | None = None) -> Path:
    """Return the template file of a kind, refusing a kind that has none."""
    if kind not in KINDS:
        raise TemplateError(f"未知的文书种类“{kind}”：可选 {'、'.join(KINDS)}")
    return (reports_dir or default_reports_dir()) / f"{TEMPLATE_FILES.get(kind, kind)}.toml"


def document_title(kind: str, context: Mapping[str, Any], reports_dir: Path | None = None) -> str:
    """Return the title a kind's template prints for a context, on one line: the register shows the same."""
    reports_dir = reports_dir or default_reports_dir()
    path = template_path(kind, reports_dir)
    raw = _read_toml(path)
    fill = _Filler(path, _prepare(context, load_letterhead(reports_dir), raw.get("number_pattern")),
                   raw.get("defaults", {}))
    return fill.text(_required(raw, "title", path), "标题").replace("\n", "")


def build_document(kind: str, context: Mapping[str, Any], reports_dir: Path | None = None
                   ) -> OfficialDocument:
    """Fill the template of a kind (reminder_letter, supervision_letter, …) into a document."""
    reports_dir = reports_dir or default_reports_dir()
    path = template_path(kind, reports_dir)
    letterhead = load_letterhead(reports_dir)
    raw = _read_toml(path)
    fill = _Filler(path, _prepare(context, letterhead, raw.get("number_pattern")), raw.get("defaults", {}))
    issued_on = fill.value("issued_on", "印发日期")
    copy_to = context.get("copy_to") or raw.get("copy_to") or letterhead.copy_to
    return OfficialDocument(
        office_name=fill.text("{office_name}", "版头"),
        number=fill.text("{number}", "发文字号"),
        title=fill.text(_required(raw, "title", path), "标题"),
        addressee=fill.text(_required(raw, "addressee", path), "主送机关"),
        body=_blocks(raw.get("body", []), fill),
        signature=fill.text(raw.get("signature", "{signature}"), "署名"),
        date=issued_on, issuer=fill.text("{issuer}", "印发机关"), issued_on=issued_on,
        copy_to=[fill.text(name, "抄送") for name in copy_to],
        attachments=[fill.text(name, "附件") for name in raw.get("attachments", [])],
        footnote=fill.text(raw.get("footnote", ""), "版记附注"),
    )


def build_certificate(context: Mapping[str, Any], reports_dir: Path | None = None) -> Certificate:
    """Fill certificate.toml (监督能手证书) into a certificate."""
    reports_dir = reports_dir or default_reports_dir()
    path = reports_dir / "certificate.toml"
    raw = _read_toml(path)
    fill = _Filler(path, _prepare(context, load_letterhead(reports_dir), None), raw.get("defaults", {}))
    return Certificate(
        title=fill.text(_required(raw, "title", path), "标题"),
        recipient=fill.text(_required(raw, "recipient", path), "受奖人"),
        citation=fill.text(_required(raw, "citation", path), "事迹"),
        office_name=fill.text(raw.get("signature", "{signature}"), "署名"),
        issued_on=fill.value("issued_on", "日期"),
        closing=fill.text(raw.get("closing", "特发此证，以资鼓励。"), "结束语"),
        number=fill.text(raw.get("number", ""), "证书编号"),
    )


def _read_toml(path: Path) -> dict[str, Any]:
    """Read a template file, turning every failure into a Chinese message naming it."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise TemplateError(f"找不到模板文件 {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"模板文件 {path} 格式有误：{exc}") from exc


def _required(raw: Mapping[str, Any], key: str, path: Path) -> Any:
    """Return a top-level entry of a template or say which one is missing."""
    if key not in raw:
        raise TemplateError(f"模板文件 {path} 缺少“{key}”一项")
    return raw[key]


def _prepare(context: Mapping[str, Any], letterhead: Letterhead, pattern: str | None) -> dict[str, Any]:
    """Keep the supported fields of the context, add the letterhead and the derived values."""
    values = {key: context[key] for key in CONTEXT_FIELDS if context.get(key) is not None}
    for key, default in (("office_name", letterhead.office_name), ("short_name", letterhead.short_name),
                         ("issuer", letterhead.issuer), ("signature", letterhead.signature),
                         ("measures", letterhead.measures)):
        values.setdefault(key, default)
    for key, fields in ROW_FIELDS.items():
        if key in values:
            values[key] = [_row(item, fields, n) for n, item in enumerate(values[key], 1)]
    _derive(values, pattern or letterhead.number_pattern)
    return values


def _row(item: Any, fields: Sequence[str], index: int) -> dict[str, Any]:
    """Keep only the listed fields of a case or notice entry: nothing private gets through."""
    get = item.get if isinstance(item, Mapping) else lambda key: getattr(item, key, None)
    row = {"index": index, **{key: get(key) for key in fields}}
    if "matter" in fields and row["matter"] is None and row["title"] is not None:
        title, category = str(row["title"]), str(row["category"] or "")
        row["matter"] = title if not category or category in title else f"{title}（{category}）"
    return row


def _derive(values: dict[str, Any], pattern: str) -> None:
    """Add values computed from others: counts, month label, year, number."""
    if "issued_on" in values:
        values.setdefault("year", values["issued_on"].year)
    if "serial" in values and "year" in values:
        number = format_number(pattern, values["short_name"], values["year"], values["serial"])
        values.setdefault("number", number)
    if "month" in values:
        values["month_label"] = month_label(values["month"])
    values["case_count"] = len(values.get("cases", []))
    values["entry_count"] = len(values.get("entries", []))
    values["unit_count"] = len({entry["unit"] for entry in values.get("entries", [])})


def _blocks(raw_blocks: list[Mapping[str, Any]], fill: "_Filler") -> list[Block]:
    """Turn the body entries of a template into blocks."""
    blocks: list[Block] = []
    for number, raw in enumerate(raw_blocks, 1):
        where = f"正文第{number}项"
        if not fill.wanted(raw, where):
            continue
        kind = raw.get("type", "paragraph")
        builder = _BUILDERS.get(kind)
        if builder is None:
            known = "、".join(_BUILDERS)
            raise TemplateError(f"模板文件 {fill.path} 的{where}类型“{kind}”无法识别：可用 {known}")
        blocks.append(builder(raw, fill, where))
    return blocks


def _paragraph(raw: Mapping[str, Any], fill: "_Filler", where: str) -> Block:
    """Build a paragraph."""
    return Paragraph(fill.text(fill.entry(raw, "text", where), where))


def _heading(raw: Mapping[str, Any], fill: "_Filler", where: str) -> Block:
    """Build a heading; its number (一、（一）1.（1）) is added when rendering."""
    return Heading(int(raw.get("level", 1)), fill.text(fill.entry(raw, "text", where), where))


def _list(raw: Mapping[str, Any], fill: "_Filler", where: str) -> Block:
    """Build a list, one item per row of a context list, or from fixed items."""
    if "rows" in raw:
        item = fill.entry(raw, "item", where)
        items = [fill.text(item, where, row) for row in fill.rows(raw["rows"], where)]
    else:
        items = [fill.text(text, where) for text in fill.entry(raw, "items", where)]
    if not items and "empty" in raw:
        return Paragraph(fill.text(raw["empty"], where))
    return ItemList(items, numbered=raw.get("numbered", True))


def _table(raw: Mapping[str, Any], fill: "_Filler", where: str) -> Block:
    """Build a table: one row per entry of a context list, one cell template per column."""
    columns = fill.entry(raw, "columns", where)
    rows = fill.rows(fill.entry(raw, "rows", where), where)
    if not rows and "empty" in raw:
        return Paragraph(fill.text(raw["empty"], where))
    cells = [[fill.text(column["cell"], f"{where}“{column['header']}”列", row) for column in columns]
             for row in rows]
    return Table(header=[column["header"] for column in columns], rows=cells,
                 widths=[float(column.get("width", 1.0)) for column in columns],
                 align=[column.get("align", "left") for column in columns])


_BUILDERS = {"paragraph": _paragraph, "heading": _heading, "list": _list, "table": _table}


class _Filler:
    """Fill the strings of one template from the prepared values, naming the file in every error."""

    def __init__(self, path: Path, values: dict[str, Any], defaults: Mapping[str, Any]):
        self.path = path
        self.values = values
        # Template defaults (e.g. a standard citation) may themselves use placeholders.
        for key, default in defaults.items():
            if key not in values:
                values[key] = self.text(default, f"默认值“{key}”") if isinstance(default, str) else default

    def text(self, template: str, where: str, row: Mapping[str, Any] | None = None) -> str:
        """Return the template with every placeholder filled."""
        try:
            parts = list(_FORMATTER.parse(template))
        except ValueError as exc:
            raise TemplateError(f"模板文件 {self.path} 的{where}中花括号不成对：{template}") from exc
        out = []
        for literal, field, spec, _ in parts:
            out.append(literal)
            if field is not None:
                out.append(self._field(field, spec or "", where, row))
        return "".join(out)

    def value(self, key: str, where: str) -> Any:
        """Return a required context value."""
        if key not in self.values:
            raise self._missing(key, where, None)
        return self.values[key]

    def rows(self, key: str, where: str) -> list[dict[str, Any]]:
        """Return a context list (cases or entries) that a table or list runs over."""
        if key not in ROW_FIELDS:
            known = "、".join(ROW_FIELDS)
            raise TemplateError(f"模板文件 {self.path} 的{where}只能列出 {known}，不能列出“{key}”")
        return list(self.value(key, where))

    def entry(self, raw: Mapping[str, Any], key: str, where: str) -> Any:
        """Return a required key of a body entry."""
        if key not in raw:
            raise TemplateError(f"模板文件 {self.path} 的{where}缺少“{key}”一项")
        return raw[key]

    def wanted(self, raw: Mapping[str, Any], where: str) -> bool:
        """Say whether an entry is printed: `when`/`unless` name a value that must be (non-)empty."""
        when, unless = raw.get("when"), raw.get("unless")
        shown = when is None or bool(self.values.get(when))
        return shown and (unless is None or not self.values.get(unless))

    def _field(self, field: str, spec: str, where: str, row: Mapping[str, Any] | None) -> str:
        """Return the display text of one placeholder."""
        if not field.isidentifier():
            raise TemplateError(f"模板文件 {self.path} 的{where}中占位符 {{{field}}} 无效：只能写 {{名称}}")
        if row is not None and field in row:
            value = row[field]
            if value is None:
                return "—"  # an empty table cell shows a dash
        elif field in self.values:
            value = self.values[field]
        else:
            raise self._missing(field, where, row)
        text = strip_pictographs(_display(value, spec))
        return text if field in _UNMASKED else mask_private(text)

    def _missing(self, field: str, where: str, row: Mapping[str, Any] | None) -> TemplateError:
        """Return the error for a placeholder with no value."""
        available = f"；每行可用：{'、'.join(row)}" if row is not None else ""
        return TemplateError(
            f"模板文件 {self.path} 的{where}用到占位符 {{{field}}}，但没有提供这项数据{available}")


def _display(value: Any, spec: str) -> str:
    """Return a value as printed: dates in Chinese, lists joined with 、."""
    if isinstance(value, datetime):
        formats = {"date": format_chinese_date, "short": format_short_date, "dotted": format_dotted_date,
                   "time": lambda v: f"{v.hour}时{v.minute:02d}分"}
        return formats.get(spec, format_chinese_datetime)(value)
    if isinstance(value, date):
        formats = {"short": format_short_date, "dotted": format_dotted_date}
        return formats.get(spec, format_chinese_date)(value)
    if isinstance(value, list | tuple):
        return "、".join(str(item) for item in value)
    return format(value, spec) if spec else str(value)
