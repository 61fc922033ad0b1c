"""Read a platform case list (.xlsx) into clean, validated rows, or refuse it with every problem found.

The import is all-or-nothing: read_case_list either returns every row or raises ImportRefused listing
every problem in the file. The rules, beyond each value having to parse:

- 工单编号 and 标题 are required; so is 受理时间, which takes 派单时间 when blank.
- A blank 分级 (grade) becomes "minor". Both defaults are listed in CaseRow.defaulted, so an update of a
  stored case can leave its values be.
- A status from 已派单 on (已退回 included) needs 承办单位 and 派单时间; 已办结 also needs 办结时间.
- 派单时间, 首次响应时间 and 办结时间 may not lie before 受理时间.
- The same 工单编号 twice with other values is a problem; a row repeating another exactly counts once.
"""

import functools
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import column_index_from_string

from wzdesk.excel.columns import (
    DISPATCHED_STATUSES,
    FIELD_BY_NAME,
    FIELD_LABELS,
    REQUIRED_COLUMNS,
    STATUS_LABELS,
)
from wzdesk.excel.guards import MAX_EXPANDED_BYTES, CellFlaw, cell_flaws, expanded_size
from wzdesk.excel.layout import (
    HeaderMapping,
    ImportWords,
    Notes,
    apply_status_words,
    find_header,
    merge_unit_rows,
    missing_columns,
    missing_columns_refusal,
    skipped_line,
)
from wzdesk.excel.problems import ImportRefused, Problem, mark_problems, refuse
from wzdesk.excel.sources import Sheet, open_book
from wzdesk.excel.values import BadValue, is_blank, is_masked, other_phones, parsers, show

__all__ = [
    "CaseList", "CaseRow", "HeaderMapping", "ImportRefused", "ImportWords", "Problem", "mark_problems",
    "read_case_list",
]

HEADER_SCAN_ROWS = 20  # title rows above the header are one or two in practice; 20 is generous
_LATER_TIMES = ("dispatched_at", "responded_at", "replied_at", "closed_at")
_MASKABLE = ("phone", "petitioner")
WORD_KINDS = ("grade", "status", "rating", "solved", "role")  # parsed once per distinct value


@dataclass(frozen=True)
class CaseRow:
    """One case read from the file: its Excel row number and field → value (None for a blank cell).

    Values are str for text, code and phone; naive datetime for the *_at fields; list[str] for
    co_departments; code names (see columns.py) for grade, status and rating. Only fields whose column
    is in the file appear (grade and received_at may be added by default). A field in masked holds a
    masked value such as 138****5678: never store it over real data.
    """

    row: int
    values: dict[str, object]
    masked: frozenset[str] = frozenset()
    defaulted: frozenset[str] = frozenset()

    def get(self, name: str, default: object = None) -> object:
        """Return a field's value, or default when the file has no such column."""
        return self.values.get(name, default)


@dataclass(frozen=True)
class CaseList:
    """A case list read in full: where the table was found and its rows."""

    sheet: str
    header_row: int  # 1-based, as Excel shows it
    mapping: HeaderMapping
    rows: list[CaseRow]
    duplicates: list[int]  # row numbers that exactly repeat an earlier row and were counted once
    kind: str = "Excel 工作簿（.xlsx）"  # what the file really is, in Chinese
    notes: list[str] = field(default_factory=list)  # what else the reading found: skipped lines, hidden rows…


def read_case_list(path: str | Path, words: ImportWords | None = None) -> CaseList:
    """Read every case of a platform case list, or raise ImportRefused naming every problem found.

    words are the office's own (设置 → 导入对照) and a saved column mapping: headers and status words.
    """
    path = Path(path)
    words = words or ImportWords()
    _check_file(path)
    with open_book(path) as book:
        sheet, header_row, mapping, notes = _find_table(book.sheets, words)
        grid = sheet.load(None)
    reader = _RowReader(sheet.name, mapping, words, notes)
    reader.report_flaws(cell_flaws(path, sheet.name), header_row)
    rows, duplicates = reader.read(grid, header_row, sheet.hidden_rows)
    notes.close()
    if reader.problems:
        raise ImportRefused(sorted(reader.problems, key=_reading_order))
    if not rows:
        raise refuse(f"工作表“{sheet.name}”的表头（第{header_row}行）下面没有数据行")
    return CaseList(sheet.name, header_row, mapping, rows, duplicates, book.kind, notes.lines)


def _check_file(path: Path) -> None:
    """Refuse a path that is not a readable, non-empty file."""
    if not path.exists():
        raise refuse(f"找不到文件“{path}”")
    if not path.is_file():
        raise refuse(f"“{path}”不是文件")
    try:
        with path.open("rb") as stream:
            head = stream.read(1)
    except OSError:
        raise refuse(f"无法读取文件“{path.name}”：可能正被其他程序占用，或没有读取权限") from None
    if not head:
        raise refuse(f"文件“{path.name}”是空的（0 字节）")
    size = expanded_size(path)
    if size is not None and size > MAX_EXPANDED_BYTES:
        raise refuse(f"“{path.name}”解压后有 {size / 2**20:,.0f} MB，超过 {MAX_EXPANDED_BYTES // 2**20} MB 的上限，"
                     "不像是诉求清单（可能是损坏或恶意构造的文件），未读取")


def _find_table(sheets: list[Sheet], words: ImportWords) -> tuple[Sheet, int, HeaderMapping, Notes]:
    """Return the first sheet whose header has the required columns (visible sheets first), with its header."""
    best: tuple[int, Sheet, int, HeaderMapping] | None = None
    has_data = False
    for sheet in sorted(sheets, key=lambda sheet: not sheet.visible):
        top = sheet.load(HEADER_SCAN_ROWS)
        has_data = has_data or any(any(not is_blank(cell) for cell in row) for row in top)
        found = find_header(top, words.headers)
        if found is None:
            continue
        row, mapping = found
        if not missing_columns(mapping):
            notes = Notes()
            if not sheet.visible:
                notes.add(f"表格在隐藏的工作表“{sheet.name}”中找到")
            return sheet, row, mapping, notes
        if best is None or len(mapping.columns) > best[0]:
            best = (len(mapping.columns), sheet, row, mapping)
    if best is not None:
        raise missing_columns_refusal(best[1].name, best[2], best[3])
    if not has_data:
        raise refuse("工作簿是空的：没有任何数据")
    raise refuse(f"在各工作表的前{HEADER_SCAN_ROWS}行中找不到表头：需要“工单编号”“标题”等列名")


def _missing(values: dict[str, object], bad: set[str], name: str) -> bool:
    """Return whether a field is blank or its column absent (a field with a bad value is not missing)."""
    return name not in bad and values.get(name) is None


class _RowReader:
    """Parse and check the data rows of one sheet, collecting every problem."""

    def __init__(self, sheet: str, mapping: HeaderMapping, words: ImportWords, notes: Notes) -> None:
        self.sheet = sheet
        self.mapping = mapping
        self.notes = notes
        self.problems: list[Problem] = []
        self._codes: dict[object, tuple[int, dict]] = {}  # code → (first row, its values)
        # Looked up once, not per cell: a large list has millions of cells.
        self._names = tuple(mapping.columns)
        self._columns = tuple(mapping.columns.values())
        kinds = parsers(words.vocabularies)
        self._parsers = tuple(_remembered(kinds[FIELD_BY_NAME[name].kind], FIELD_BY_NAME[name].kind)
                              for name in self._names)
        self._extra = tuple(column for column in (mapping.columns.get("phone"), mapping.kind_column)
                            if column is not None)
        self._flawed: set[tuple[int, str]] = set()  # (row, field) of error cells: reported once, as such

    def report_flaws(self, flaws: list[CellFlaw], header_row: int) -> None:
        """Report the error cells and uncalculated formulas of mapped columns below the header."""
        names = {column: name for name, column in self.mapping.columns.items()}
        for flaw in flaws:
            name = names.get(flaw.column)
            if name is not None and flaw.row > header_row:
                self.report(flaw.row, name, flaw.value or None, flaw.message)
                self._flawed.add((flaw.row, name))

    def report(self, row: int, name: str, value: object, message: str) -> None:
        """Record a problem with a field of a row (a cell already reported as an error cell only once)."""
        if (row, name) in self._flawed:
            return
        self.problems.append(Problem(
            sheet=self.sheet, row=row, column=self.mapping.headers[name], letter=self.mapping.letter(name),
            value=value, message=message,
        ))

    def read(self, grid: list[list[object]], header_row: int,
             hidden: frozenset[int] = frozenset()) -> tuple[list[CaseRow], list[int]]:
        """Return the rows below the header and the row numbers of exact repeats."""
        rows: list[CaseRow] = []
        duplicates: list[int] = []
        seen: set[tuple] = set()
        for index in range(header_row, len(grid)):
            key = self._raw(grid[index])
            if not any(value is not None and (type(value) is not str or value.strip()) for value in key):
                self.notes.count("blank", index + 1)
                continue  # blank, or only spaces: formatted rows below the data are not data
            if (line := skipped_line(grid[index], key[0] if self._names[0] == "code" else None)) is not None:
                self.notes.count(line, index + 1)
                continue
            if index + 1 in hidden:
                self.notes.count("hidden", index + 1)
            if key in seen:
                duplicates.append(index + 1)
                continue
            seen.add(key)
            row = self.parse(index + 1, key, self._extras(grid[index]))
            if self._repeats(row):  # the same case written differently, e.g. a serial and a text date
                duplicates.append(row.row)
            else:
                rows.append(row)
        return merge_unit_rows(rows, self.notes), duplicates

    def _extras(self, cells: list[object]) -> dict[int, object]:
        """Return the raw phone and kind cells, read beyond their field's single value."""
        return {column: cells[column] for column in self._extra if column < len(cells)}

    def _raw(self, cells: list[object]) -> tuple:
        """Return the cells of the mapped fields, in mapping order, None beyond the row's last cell."""
        width = len(cells)
        return tuple([cells[column] if column < width else None for column in self._columns])

    def _repeats(self, row: CaseRow) -> bool:
        """Return whether row has the code and values of an earlier row; report a code with other values."""
        code, values = row.values.get("code"), row.values
        if code is None:
            return False
        if code not in self._codes:
            self._codes[code] = (row.row, values)
            return False
        first, first_values = self._codes[code]
        if _another_unit(values, first_values):
            return False  # one row per handling unit (主办, 协办): merged into one case afterwards
        if values != first_values:
            self.report(row.row, "code", code, f"与第{first}行的工单编号相同，但其他内容不同")
        return values == first_values

    def parse(self, number: int, raw: tuple, extras: dict[int, object] | None = None) -> CaseRow:
        """Return a row's clean values, reporting every problem; a field with a bad value is left out."""
        values, bad = self._convert(number, raw)
        self._add_extras(values, bad, extras or {})
        defaulted = _apply_defaults(values)
        self._check(number, values, bad, defaulted)
        masked = frozenset(name for name in _MASKABLE if is_masked(values.get(name)))
        return CaseRow(number, values, masked, defaulted)

    def _add_extras(self, values: dict[str, object], bad: set[str], extras: dict[int, object]) -> None:
        """Keep a phone cell's other numbers and the case's kind (诉求类型) for the note of the case."""
        phone = extras.get(self.mapping.columns.get("phone", -1))
        if "phone" not in bad and phone is not None:
            try:
                values["other_phones"] = other_phones(phone)
            except BadValue:
                values["other_phones"] = [show(phone)]
        kind = extras.get(self.mapping.kind_column) if self.mapping.kind_column is not None else None
        if not is_blank(kind):
            values["kind"] = show(kind)

    def _convert(self, number: int, raw: tuple) -> tuple[dict[str, object], set[str]]:
        """Convert each cell by its field's kind; report and leave out the ones that do not convert."""
        try:
            return {name: parse(cell) for name, parse, cell in zip(self._names, self._parsers, raw, strict=True)}, set()
        except BadValue:
            pass  # rare: go again cell by cell to report each bad one
        values: dict[str, object] = {}
        bad: set[str] = set()
        for name, parse, cell in zip(self._names, self._parsers, raw, strict=True):
            try:
                values[name] = parse(cell)
            except BadValue as error:
                self.report(number, name, cell, str(error))
                bad.add(name)
        return values, bad

    def _check(
        self, number: int, values: dict[str, object], bad: set[str], defaulted: frozenset[str]
    ) -> None:
        """Check the rules between fields: required values, what a status needs, order of times."""
        for name in REQUIRED_COLUMNS:
            if _missing(values, bad, name):
                self.report(number, name, None, "不能为空")
        if _missing(values, bad, "received_at") and "dispatched_at" not in bad:
            self._report_at(number, ("received_at", "dispatched_at"), "受理时间和派单时间不能都为空")
        status = values.get("status")
        needs = ("lead_department", "dispatched_at") if status in DISPATCHED_STATUSES else ()
        for name in needs + (("closed_at",) if status == "closed" else ()):
            if _missing(values, bad, name):
                self._report_needed(number, name, status)
        if "received_at" not in defaulted:
            self._check_order(number, values)

    def _report_at(self, number: int, names: tuple[str, ...], message: str) -> None:
        """Report a blank-value problem at the first of names whose column is in the file."""
        name = next(name for name in names if name in self.mapping.columns)
        self.report(number, name, None, message)

    def _report_needed(self, number: int, name: str, status: object) -> None:
        """Report a field the status requires: at its cell, or at the status cell if the column is absent."""
        label, needed = STATUS_LABELS[status], FIELD_LABELS[name]
        if name in self.mapping.columns:
            self.report(number, name, None, f"办理状态为“{label}”时不能为空")
            return
        # Without the column, the problem stands at the status cell, or at the time that set the status.
        where = next(n for n in ("status", "closed_at", "replied_at", "responded_at", "dispatched_at")
                     if n in self.mapping.columns)
        if where == "status":
            self.report(number, where, label, f"要求填写{needed}，但表中没有“{needed}”列")
        else:
            self.report(number, where, None, f"办理状态按时间为“{label}”，要求填写{needed}，但表中没有“{needed}”列")

    def _check_order(self, number: int, values: dict[str, object]) -> None:
        """Report any later moment that lies before the case was received."""
        received = values.get("received_at")
        if received is None:
            return
        for name in _LATER_TIMES:
            moment = values.get(name)
            if moment is not None and moment < received:
                self.report(number, name, moment, f"早于受理时间（{show(received)}）")


def _remembered(parse, kind: str):
    """Return the parser of a vocabulary column remembering each value it read: a large list holds a few
    words (已派单, 满意…) a hundred thousand times, and each costs a normalisation and a look-up. A value
    that does not parse is not remembered: it raises again every time. Types are told apart (1 is not True)."""
    return functools.lru_cache(maxsize=4096, typed=True)(parse) if kind in WORD_KINDS else parse


def _reading_order(problem: Problem) -> tuple[int, int]:
    """Order problems as a person reads the sheet: by row, then left to right."""
    return problem.row or 0, column_index_from_string(problem.letter) if problem.letter else 0


def _another_unit(values: dict[str, object], first: dict[str, object]) -> bool:
    """Return whether two rows of one code are the same case told for another handling unit."""
    return (values.get("title") == first.get("title") and values.get("lead_department") is not None
            and values.get("lead_department") != first.get("lead_department"))


def _apply_defaults(values: dict[str, object]) -> frozenset[str]:
    """Fill a blank grade with minor and a blank received_at with dispatched_at; return what was filled.

    A status flag (超期) takes the status from the time columns; 已撤销 is closed, marked withdrawn.
    """
    filled = set(apply_status_words(values))
    if values.get("grade") is None:
        values["grade"] = "minor"
        filled.add("grade")
    if values.get("received_at") is None and values.get("dispatched_at") is not None:
        values["received_at"] = values["dispatched_at"]
        filled.add("received_at")
    return frozenset(filled)
