"""Problems as Chinese sentences, and a copy of the workbook with the bad cells marked."""

from pathlib import Path

import openpyxl
import pytest

from wzdesk.excel.problems import PROBLEM_SHEET, ImportRefused, Problem, mark_problems
from wzdesk.excel.reader import read_case_list

# The refusal of a bad date lists the accepted forms (issue 20).
NOT_A_DATE = ("不是有效的日期时间（可用的写法：2026-10-08 09:05、2026/10/8 9:05、2026/10/8 下午 3:05、"
              "2026年10月8日 9时05分、20261008、20261008090500、2026-10-08T09:05+08:00、Excel 日期或日期序号）")
NO_RATING_WORDS = "未回访、无法联系、拒绝评价、未评价、暂无评价"


HEADER = ["工单编号", "标题", "受理时间", "派单时间", "分级"]
ROWS = [
    ["A1", "好行", "2026-10-08", "2026-10-08 10:00", "小"],
    ["A2", "坏日期", "2026-10-08", "2026/13/45", "小"],
    [None, "缺编号", "2026-10-08", "2026-10-07", "巨大"],
]


def refused_problems(path: Path) -> list[Problem]:
    """Return the problems read_case_list finds in path."""
    with pytest.raises(ImportRefused) as refused:
        read_case_list(path)
    return refused.value.problems


@pytest.fixture
def marked(xlsx, tmp_path) -> tuple[Path, Path, list[Problem]]:
    """A bad case list, its marked copy in a folder with a Chinese name with spaces, and the problems."""
    source = xlsx([HEADER, *ROWS])
    problems = refused_problems(source)
    out = tmp_path / "标注 结果" / "工单 清单（问题）.xlsx"
    out.parent.mkdir()
    return source, mark_problems(source, problems, out), problems


def test_problem_reads_with_and_without_place():
    """A cell problem names sheet, row, column and value; a file problem is its message alone."""
    cell = Problem(
        sheet="Sheet1", row=12, column="派单时间", letter="E", value="2026/13/45",
        message="不是有效的日期时间",
    )
    assert str(cell) == "工作表“Sheet1”第12行，“派单时间”列（E列）：值“2026/13/45”不是有效的日期时间"
    header = Problem(sheet="清单", row=1, message="表头缺少必需的列：“标题”")
    assert str(header) == "工作表“清单”第1行：表头缺少必需的列：“标题”"
    assert str(Problem(message="工作簿是空的：没有任何数据")) == "工作簿是空的：没有任何数据"


def test_problem_shows_numbers_plainly_and_cuts_long_values():
    """A number read as 13812345678.0 shows without .0; a long value is cut with an ellipsis."""
    assert Problem(value=13812345678.0, message="x").shown_value() == "13812345678"
    assert Problem(value="长" * 100, message="x").shown_value() == "长" * 40 + "…"


def test_refusal_lists_every_problem():
    """ImportRefused with several problems reads as a count followed by one line per problem."""
    refused = ImportRefused([Problem(message="甲"), Problem(message="乙")])
    assert str(refused) == "发现2个问题，没有导入任何数据：\n甲\n乙"


def test_bad_cells_are_filled_and_commented(marked):
    """Each bad cell is light red with the problem in its comment; good cells are untouched."""
    _, out, problems = marked
    sheet = openpyxl.load_workbook(out)["清单"]
    for problem in problems:
        cell = sheet[f"{problem.letter}{problem.row}"]
        assert cell.fill.fgColor.rgb == "00FFC7CE"
        assert problem.detail() in cell.comment.text
    assert sheet["D3"].comment.text == "值“2026/13/45”" + NOT_A_DATE
    assert sheet["B3"].comment is None
    assert sheet["B3"].fill.fgColor.rgb != "00FFC7CE"
    assert sheet["D3"].value == "2026/13/45"


def test_problem_sheet_comes_first_and_lists_everything(marked):
    """The copy opens on a first sheet “导入问题” listing sheet, row, column, value and message."""
    _, out, problems = marked
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == [PROBLEM_SHEET, "清单"]
    assert workbook.active.title == PROBLEM_SHEET
    assert not workbook["清单"].sheet_view.tabSelected
    listed = list(workbook[PROBLEM_SHEET].iter_rows(min_row=3, values_only=True))
    assert listed[0] == ("清单", 3, "派单时间（D列）", "2026/13/45", NOT_A_DATE)
    assert len(listed) == len(problems) == 4
    assert workbook[PROBLEM_SHEET]["A1"].value == "导入问题（共4个）"


def test_source_is_left_alone_and_the_copy_reads_the_same(marked):
    """The source keeps its single sheet; re-reading the marked copy finds the same problems."""
    source, out, problems = marked
    assert openpyxl.load_workbook(source).sheetnames == ["清单"]
    assert [str(problem) for problem in refused_problems(out)] == [str(problem) for problem in problems]


def test_marking_twice_keeps_one_problem_sheet(marked, tmp_path):
    """Marking a marked copy replaces its problem sheet instead of adding a second one."""
    _, out, problems = marked
    again = mark_problems(out, problems[:1], tmp_path / "again.xlsx")
    workbook = openpyxl.load_workbook(again)
    assert workbook.sheetnames == [PROBLEM_SHEET, "清单"]
    assert workbook[PROBLEM_SHEET]["A1"].value == "导入问题（共1个）"


def test_two_problems_in_one_cell_share_its_comment(xlsx, tmp_path):
    """Two problems at the same cell both appear in its comment, one per line."""
    source = xlsx([HEADER, *ROWS])
    problems = [
        Problem(sheet="清单", row=2, column="标题", letter="B", value="好行", message=text) for text in "甲乙"
    ]
    out = mark_problems(source, problems, tmp_path / "two.xlsx")
    assert openpyxl.load_workbook(out)["清单"]["B2"].comment.text == "值“好行”甲\n值“好行”乙"


def test_header_problem_marks_the_first_cell_of_its_row(xlsx, tmp_path):
    """A problem with a row but no column (a missing header column) marks column A of that row."""
    source = xlsx([["清单"], ["工单编号", "受理时间"], ["A1", "2026-10-08"]])
    out = mark_problems(source, refused_problems(source), tmp_path / "header.xlsx")
    assert openpyxl.load_workbook(out)["清单"]["A2"].comment.text == "表头缺少必需的列：“标题”"


def test_unreadable_source_is_refused(tmp_path):
    """A source openpyxl cannot open is refused with a Chinese message, not a traceback."""
    source = tmp_path / "文本.xlsx"
    source.write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"无法在“文本\.xlsx”中标注问题"):
        mark_problems(source, [], tmp_path / "out.xlsx")
