"""Import problems: what is wrong where, in Chinese, and a copy of the workbook with the bad cells marked."""

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from wzdesk.excel.values import is_blank, show
from wzdesk.excel.writer import BOARD_FILLS, Column, write_table
from wzdesk.files import write_with

PROBLEM_SHEET = "导入问题"
PROBLEM_COLUMNS = (
    Column("工作表", 16),
    Column("行", 8, "integer"),
    Column("列", 20),
    Column("值", 28),
    Column("问题", 60),
)
_SHOWN_VALUE_LENGTH = 40
_AUTHOR = "问政督办台"


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with an import file; row is 1-based as Excel shows it, None for the whole file."""

    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # the header text as found in the file
    letter: str | None = None  # the column letter, e.g. "E"
    value: object = None  # the value as read (or as understood, for rules between columns)
    message: str

    def __str__(self) -> str:
        location = self.location()
        return f"{location}：{self.detail()}" if location else self.detail()

    def detail(self) -> str:
        """Return what is wrong without where, e.g. 值“2026/13/45”不是有效的日期时间."""
        shown = self.shown_value()
        return f"值“{shown}”{self.message}" if shown else self.message

    def location(self) -> str:
        """Return where the problem is, e.g. 工作表“Sheet1”第12行，“派单时间”列（E列）."""
        place = f"工作表“{self.sheet}”" if self.sheet is not None else ""
        place += f"第{self.row}行" if self.row is not None else ""
        if self.column is not None:
            letter = f"（{self.letter}列）" if self.letter else ""
            place += ("，" if place else "") + f"“{self.column}”列{letter}"
        return place

    def shown_value(self) -> str:
        """Return the value as a person would read it, cut short if long."""
        if is_blank(self.value):
            return ""
        text = show(self.value)
        return text if len(text) <= _SHOWN_VALUE_LENGTH else text[:_SHOWN_VALUE_LENGTH] + "…"


class ImportRefused(Exception):
    """The file was not imported; problems lists every reason found, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"发现{len(self.problems)}个问题，没有导入任何数据："]
        return "\n".join(lines + [str(problem) for problem in self.problems])


def refuse(message: str) -> ImportRefused:
    """Return an ImportRefused for one problem with the whole file."""
    return ImportRefused([Problem(message=message)])


def mark_problems(src_path: str | Path, problems: Sequence[Problem], out_path: str | Path) -> Path:
    """Write a copy of the workbook with bad cells filled red and commented, and a first sheet listing all.

    Images and charts of the source do not survive the copy (openpyxl drops them); values, formulas
    and formatting do.
    """
    src, out = Path(src_path), Path(out_path)
    workbook = _load(src)
    for problem in problems:
        _mark_cell(workbook, problem)
    _add_problem_sheet(workbook, problems)
    return write_with(out, workbook.save)


def _load(src: Path) -> Workbook:
    """Open the source workbook with openpyxl, refusing politely if it cannot."""
    try:
        # A file object, because openpyxl judges a path by its extension alone.
        with src.open("rb") as stream:
            return openpyxl.load_workbook(stream, rich_text=True)
    except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError):
        raise refuse(f"无法在“{src.name}”中标注问题：它不是可以打开的 .xlsx 工作簿") from None


def _mark_cell(workbook: Workbook, problem: Problem) -> None:
    """Fill the problem's cell light red and add the message to its comment."""
    if problem.sheet not in workbook.sheetnames or problem.row is None:
        return
    sheet = workbook[problem.sheet]
    cell = _writable_cell(sheet, f"{problem.letter or 'A'}{problem.row}")
    cell.fill = PatternFill("solid", fgColor=BOARD_FILLS["red"])
    text = problem.detail()  # the cell itself says where
    if cell.comment is not None and cell.comment.author == _AUTHOR:
        text = f"{cell.comment.text}\n{text}"
    cell.comment = Comment(text, _AUTHOR, height=120, width=320)


def _writable_cell(sheet: Worksheet, coordinate: str) -> Cell:
    """Return the cell at coordinate, or the top-left cell of the merged range covering it."""
    cell = sheet[coordinate]
    if isinstance(cell, MergedCell):
        for merged in sheet.merged_cells.ranges:
            if coordinate in merged:
                return sheet.cell(merged.min_row, merged.min_col)
    return cell


def _add_problem_sheet(workbook: Workbook, problems: Sequence[Problem]) -> None:
    """Put a fresh “导入问题” sheet first, listing every problem, and show it on opening."""
    if PROBLEM_SHEET in workbook.sheetnames:  # marking a file marked before
        del workbook[PROBLEM_SHEET]
    sheet = workbook.create_sheet(PROBLEM_SHEET, 0)
    rows = [
        (p.sheet, p.row, p.column and f"{p.column}（{p.letter}列）", p.shown_value() or None, p.message)
        for p in problems
    ]
    write_table(sheet, f"导入问题（共{len(problems)}个）", PROBLEM_COLUMNS, rows)
    for other in workbook.worksheets:
        other.sheet_view.tabSelected = False  # two selected tabs would open as a grouped selection
    workbook.active = 0
    sheet.sheet_view.tabSelected = True
