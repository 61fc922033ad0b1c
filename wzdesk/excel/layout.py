"""How real platform lists are laid out: where the header is (one row or a group over its columns), which
lines are totals or footers, rows per handling unit, status flags, and what is reported rather than dropped.
"""

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from wzdesk.excel.columns import (
    FIELD_LABELS,
    FIELDS,
    FROM_TIMES,
    KIND_HEADER,
    REQUIRED_COLUMNS,
    TOPIC_HEADERS,
    WITHDRAWN,
    match_header,
    normalise_header,
)
from wzdesk.excel.problems import ImportRefused, Problem
from wzdesk.excel.values import is_blank, show

TIME_FIELDS = ("received_at", "dispatched_at")  # a case list needs at least one of these columns
TOTAL_WORDS = ("合计", "总计", "小计", "共计", "汇总")
FOOTER_WORDS = ("制表人", "制表", "填报人", "填表人", "审核人", "审核", "负责人", "制表日期", "填报日期",
                "打印时间", "打印日期", "导出时间", "统计时间", "注：", "备注：", "说明：")
_NOTE_NAMES = {"blank": "空行", "total": "合计行", "footer": "表尾（制表人等）行", "hidden": "隐藏行（已照常导入）"}
_SHOWN_ROWS = 10


@dataclass(frozen=True)
class HeaderMapping:
    """Which column holds which field, and which header cells were not used."""

    headers: dict[str, str]  # field → header text as found in the file
    columns: dict[str, int]  # field → 0-based column index
    ignored: list[str] = field(default_factory=list)  # header texts that matched no field, or a taken one
    kind_column: int | None = None  # 诉求类型 beside 问题分类: the case's kind (投诉 咨询…), not its category

    def letter(self, name: str) -> str:
        """Return the Excel column letter of a mapped field."""
        return get_column_letter(self.columns[name] + 1)


@dataclass(frozen=True)
class ImportWords:
    """An office's own words: header → field, and per kind (status, rating, grade) word → code name."""

    headers: Mapping[str, str] = field(default_factory=dict)  # normalised header → field name
    vocabularies: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass
class Notes:
    """What the reading skipped or found that the clerk must be told: never dropped in silence."""

    lines: list[str] = field(default_factory=list)
    rows: dict[str, list[int]] = field(default_factory=dict)

    def add(self, line: str) -> None:
        """Add one line to tell."""
        self.lines.append(line)

    def count(self, what: str, row: int) -> None:
        """Count a row of a kind (blank, total, footer, hidden)."""
        self.rows.setdefault(what, []).append(row)

    def close(self) -> None:
        """Turn the counted rows into lines, e.g. 跳过合计行 1 行（第 62 行）."""
        for what, rows in self.rows.items():
            shown = "、".join(str(row) for row in rows[:_SHOWN_ROWS]) + (" 等" if len(rows) > _SHOWN_ROWS else "")
            verb = "" if what == "hidden" else "跳过"
            self.lines.append(f"{verb}{_NOTE_NAMES[what]} {len(rows)} 行（第 {shown} 行）")
        self.rows = {}


def find_header(top: list[list[object]], extra: Mapping[str, str]) -> tuple[int, HeaderMapping] | None:
    """Return (1-based row after which data starts, mapping) of the best header, one row or two, or None.

    Two rows are read as one header (a group over its columns) only when they match more than either alone.
    """
    singles = [map_header(cells, extra) for cells in top]
    best: tuple[int, HeaderMapping] | None = None
    for index, mapping in enumerate(singles):
        if mapping.columns and (best is None or len(mapping.columns) > len(best[1].columns)):
            best = (index + 1, mapping)
    for index in range(len(top) - 1):
        mapping = map_header(_two_rows(top[index], top[index + 1]), extra)
        alone = max(len(singles[index].columns), len(singles[index + 1].columns))
        if len(mapping.columns) > alone and len(mapping.columns) > len(best[1].columns):
            best = (index + 2, mapping)
    return best


def _two_rows(upper: list[object], lower: list[object]) -> list[object]:
    """Read a header of two rows as one: the lower cell under its group, the upper one where none is below."""
    cells: list[object] = []
    group = None
    for column in range(max(len(upper), len(lower))):
        above = upper[column] if column < len(upper) else None
        below = lower[column] if column < len(lower) else None
        group = above if not is_blank(above) else group
        if is_blank(below):
            cells.append(above)
            group = None if not is_blank(above) else group
        elif is_blank(group) or show(group) == show(below):
            cells.append(below)
        else:
            cells.append(_Grouped(show(group), show(below)))
    return cells


class _Grouped(str):
    """A column of a two-row header: shows as 办理情况/办理状态, matches as the column, else as group+column."""

    def __new__(cls, group: str, column: str):
        text = super().__new__(cls, f"{group}/{column}")
        text.group, text.column = group, column
        return text


def _match(cell: object, extra: Mapping[str, str]) -> tuple[str, int] | None:
    if isinstance(cell, _Grouped):
        return match_header(cell.column, extra) or match_header(cell.group + cell.column, extra)
    return match_header(cell, extra) if isinstance(cell, str) else None


def map_header(cells: list[object], extra: Mapping[str, str] | None = None) -> HeaderMapping:
    """Map the header cells of one row to fields; a template header wins over an alias, then leftmost."""
    extra = extra or {}
    chosen: dict[str, tuple[int, int]] = {}  # field → (rank, column)
    texts: dict[int, str] = {}
    for column, cell in enumerate(cells):
        if is_blank(cell):
            continue
        texts[column] = " ".join(show(cell).split())  # a header broken over lines reads as one line
        match = _match(cell, extra)
        if match is not None:
            name, rank = match
            if name not in chosen or rank < chosen[name][0]:
                chosen[name] = (rank, column)
    kind_column = _kind_column(chosen, texts)
    columns = {name: column for name, (_, column) in sorted(chosen.items(), key=lambda item: item[1][1])}
    used = set(columns.values()) | ({kind_column} if kind_column is not None else set())
    ignored = [text for column, text in texts.items() if column not in used]
    return HeaderMapping({name: texts[column] for name, column in columns.items()}, columns, ignored, kind_column)


def _kind_column(chosen: dict[str, tuple[int, int]], texts: dict[int, str]) -> int | None:
    """Where 诉求类型 stands beside 问题分类 or 事项分类, make the latter the category; return 诉求类型's column."""
    if "category" not in chosen or normalise_header(texts[chosen["category"][1]]) != normalise_header(KIND_HEADER):
        return None
    topics = {normalise_header(header) for header in TOPIC_HEADERS}
    for column, text in texts.items():
        if normalise_header(text) in topics:
            kind = chosen["category"][1]
            chosen["category"] = (1, column)
            return kind
    return None


def missing_columns(mapping: HeaderMapping) -> list[str]:
    """Return the Chinese names of required columns the mapping lacks."""
    missing = [f"“{FIELD_LABELS[name]}”" for name in REQUIRED_COLUMNS if name not in mapping.columns]
    if not any(name in mapping.columns for name in TIME_FIELDS):
        missing.append("“受理时间”（或“派单时间”）")
    return missing


def missing_columns_refusal(sheet: str, row: int, mapping: HeaderMapping) -> ImportRefused:
    """Return the refusal naming the required columns missing, with the near headers the file has."""
    missing = "、".join(missing_columns(mapping))
    names = [name for name in REQUIRED_COLUMNS if name not in mapping.columns]
    if not any(name in mapping.columns for name in TIME_FIELDS):
        names.append("received_at")
    guesses = [guess for name in names if (guess := _near_header(name, mapping.ignored))]
    hint = "".join(f"；“{FIELD_LABELS[name]}”是不是“{header}”？" for name, header in guesses)
    if guesses:
        hint += "可在 设置 → 导入对照 中写明（如 工单编码=工单编号），或用保存的列对照（--mapping）"
    return ImportRefused([Problem(sheet=sheet, row=row, message=f"表头缺少必需的列：{missing}{hint}")])


def _near_header(name: str, ignored: list[str]) -> tuple[str, str] | None:
    """Return (field, header) for the unused header nearest a field's names, if one is near enough."""
    field_ = next(f for f in FIELDS if f.name == name)
    names = [normalise_header(text) for text in (field_.header, *field_.aliases)]
    scored = [(max(difflib.SequenceMatcher(None, normalise_header(text), known).ratio() for known in names), text)
              for text in ignored]
    scored = [item for item in scored if item[0] >= 0.5]
    return (name, max(scored)[1]) if scored else None


def skipped_line(cells: list[object], code: object) -> str | None:
    """Return "total" or "footer" for a totals or footer line below the data (its code cell is no code)."""
    shown = next((show(cell) for cell in cells if not is_blank(cell)), None)  # the first filled cell
    if shown is None:
        return None
    first = shown.replace(" ", "").replace("\u3000", "")
    if not is_blank(code) and show(code) != shown:
        return None  # a real code: a case whose first cell says 合计 is still a case
    if first.startswith(TOTAL_WORDS):
        return "total"
    if first.startswith(FOOTER_WORDS):
        return "footer"
    return None


def apply_status_words(values: dict[str, object]) -> set[str]:
    """Resolve 超期-like flags from the time columns and 已撤销 into closed; return the fields filled."""
    status = values.get("status")
    later = any(values.get(name) is not None for name in ("closed_at", "replied_at", "responded_at"))
    if status == FROM_TIMES or (status is None and later):  # a list without a status says it by its times
        values["status"] = _status_from_times(values)
        return {"status"}
    if status == WITHDRAWN:
        values["status"], values["withdrawn"] = "closed", True
        if values.get("closed_at") is None:
            moments = [values.get(name) for name in ("replied_at", "responded_at", "dispatched_at", "received_at")]
            values["closed_at"] = next((moment for moment in moments if moment is not None), None)
            return {"closed_at"}
    return set()


def _status_from_times(values: dict[str, object]) -> str:
    """Return the furthest status the filled time columns show."""
    for name, status in (("closed_at", "closed"), ("replied_at", "replied"), ("responded_at", "accepted"),
                         ("dispatched_at", "dispatched")):
        if values.get(name) is not None:
            return status
    return "received"


def merge_unit_rows(rows: list, notes: Notes) -> list:
    """Merge the rows of one code that each name a handling unit (主办, 协办) into one case, the rest co-units."""
    by_code: dict[object, list] = {}
    for row in rows:
        by_code.setdefault(row.values.get("code"), []).append(row)
    merged = []
    for code, group in by_code.items():
        if code is None or len(group) == 1:
            merged.extend(group)
            continue
        merged.append(_merged(group))
        notes.add(f"工单 {code} 有 {len(group)} 行（第 {'、'.join(str(r.row) for r in group)} 行，每行一个承办单位），"
                  "合并为一件，其余单位列为协办单位")
    return sorted(merged, key=lambda row: row.row)


def _merged(group: list):
    """Return the lead row of a code's unit rows, the other rows' units added as co-departments."""
    lead = next((row for row in group if row.values.get("unit_role") == "lead"), group[0])
    names = list(lead.values.get("co_departments") or [])
    for row in group:
        for name in [row.values.get("lead_department"), *(row.values.get("co_departments") or [])]:
            if name and name != lead.values.get("lead_department") and name not in names:
                names.append(name)
    lead.values["co_departments"] = names or None
    return lead
