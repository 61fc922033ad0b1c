"""Excel without Qt: read platform case lists into validated rows, write styled export sheets."""

from wzdesk.excel.problems import ImportRefused, Problem, mark_problems
from wzdesk.excel.reader import CaseList, CaseRow, HeaderMapping, read_case_list
from wzdesk.excel.writer import BOARD_FILLS, Column, safe_text, set_text, text_cell, write_table

__all__ = [
    "BOARD_FILLS",
    "CaseList",
    "CaseRow",
    "Column",
    "HeaderMapping",
    "ImportRefused",
    "Problem",
    "mark_problems",
    "read_case_list",
    "safe_text",
    "set_text",
    "text_cell",
    "write_table",
]
