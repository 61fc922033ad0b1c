"""Reading platform case lists: finding the table, cleaning values, refusing with every problem."""

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from wzdesk.excel.reader import ImportRefused, read_case_list
from wzdesk.excel.writer import Column, write_table

# The refusal of a bad date lists the accepted forms (issue 20).
NOT_A_DATE = ("不是有效的日期时间（可用的写法：2026-10-08 09:05、2026/10/8 9:05、2026/10/8 下午 3:05、"
              "2026年10月8日 9时05分、20261008、20261008090500、2026-10-08T09:05+08:00、Excel 日期或日期序号）")
NO_RATING_WORDS = "未回访、无法联系、拒绝评价、未评价、暂无评价"


MOMENT = datetime(2026, 10, 8, 9, 5)
STATUSES = "已受理、已派单、已签收、办理中、已答复、已核验、已办结、已退回"
ALIAS_HEADER = [
    "序号", " 诉求编号 ", "诉求标题", "问题描述", "问题分类", "来源", "来电人", "来电号码", "所属区县",
    "街道(乡镇)", "村（社区）", "来电时间", "转办\u3000时间", "责任单位", "配合单位", "事项等级",
    "签收时间", "工单状态", "完成\n时间", "回访结果", "备注",
]


def alias_row(number, code, received, **overrides):
    """Return one data row under ALIAS_HEADER, with fields overridden by header text."""
    row = {
        "序号": number, " 诉求编号 ": code, "诉求标题": "路灯不亮", "问题描述": "小区门口路灯坏了一个月",
        "问题分类": "市政设施", "来源": "12345热线", "来电人": "张三", "来电号码": 13812345678,
        "所属区县": "大祥区", "街道(乡镇)": "城西街道", "村（社区）": "桂花社区", "来电时间": received,
        "转办\u3000时间": datetime(2026, 10, 8, 16, 0), "责任单位": "市城管局", "配合单位": "住建局、交通局",
        "事项等级": "一般", "签收时间": None, "工单状态": "已派单", "完成\n时间": None, "回访结果": None,
        "备注": "",
    }
    row.update(overrides)
    return [row[header] for header in ALIAS_HEADER]


@pytest.fixture
def export(xlsx) -> Path:
    """A realistic platform export: two title rows, alias headers, every date form, blank rows to 500."""
    received = [
        MOMENT,  # a real date cell
        46303.6458333333,  # a serial number for 2026-10-08 15:30
        "2026/10/8 9:05", "2026-10-08 09:05:00", "2026-10-08 09:05", "2026-10-08",
        "2026年10月8日", "2026年10月8日 9时5分", "2026.10.8",
    ]
    rows = [alias_row(n, f"GD{n:04d}", value) for n, value in enumerate(received, 1)]
    rows.append(alias_row(10, 20261008010, "2026-10-08", 来电号码="0731-84567890", 事项等级="重大",
                          工单状态="已办结", 完成时间=None, 回访结果="基本满意",
                          **{"完成\n时间": "2026年10月9日 17时30分", "签收时间": 46303.5}))
    rows.append(list(rows[0]))  # an exact repeat of the first case
    title = ["邵阳市网络问政工单清单（2026年10月）"]
    return xlsx([title, ["导出时间：2026-10-09 08:00"], ALIAS_HEADER, *rows], formatted_to=500)


def test_finds_header_below_title_rows(export):
    """The header is found on row 3 under two title rows, mapped from aliases; unknown headers ignored."""
    cases = read_case_list(export)
    assert (cases.sheet, cases.header_row) == ("清单", 3)
    assert cases.mapping.headers["code"] == "诉求编号"
    assert cases.mapping.headers["dispatched_at"] == "转办 时间"
    assert cases.mapping.headers["closed_at"] == "完成 时间"
    assert cases.mapping.letter("street") == "J"
    assert cases.mapping.ignored == ["序号", "备注"]
    assert len(cases.mapping.columns) == 19


def test_every_date_form_reads_as_datetime(export):
    """Real date cells, serial numbers (15:30 exactly) and every text form give naive datetimes."""
    received = [row.values["received_at"] for row in read_case_list(export).rows]
    assert received[:9] == [
        MOMENT, datetime(2026, 10, 8, 15, 30), MOMENT, MOMENT, MOMENT,
        datetime(2026, 10, 8), datetime(2026, 10, 8), MOMENT, datetime(2026, 10, 8),
    ]


def test_values_are_normalised(export):
    """Numeric codes and phones become digit strings; words become code names; lists split."""
    first, last = read_case_list(export).rows[0], read_case_list(export).rows[-1]
    assert first.values["phone"] == "13812345678"
    assert first.values["co_departments"] == ["住建局", "交通局"]
    assert [first.values[name] for name in ("grade", "status", "rating")] == ["minor", "dispatched", None]
    assert [last.values[name] for name in ("code", "grade", "status")] == ["20261008010", "major", "closed"]
    assert last.values["closed_at"] == datetime(2026, 10, 9, 17, 30)
    assert last.values["responded_at"] == datetime(2026, 10, 8, 12, 0)
    assert last.values["rating"] == "basically_satisfied"
    assert last.values["phone"] == "0731-84567890"


def test_blank_formatted_rows_and_exact_repeats_are_not_data(export):
    """Formatted blank rows to row 500 are skipped; the repeated row counts once and is named."""
    cases = read_case_list(export)
    assert [row.row for row in cases.rows] == list(range(4, 14))
    assert cases.duplicates == [14]


def test_same_case_written_differently_counts_once(xlsx):
    """A repeat whose date is a serial instead of a date cell is still the same case."""
    header = ["工单编号", "标题", "受理时间"]
    cases = read_case_list(xlsx([header, ["A1", "噪音", datetime(2026, 10, 8)], ["A1", "噪音", 46303]]))
    assert len(cases.rows) == 1
    assert cases.duplicates == [3]


def test_defaults_and_masks_are_flagged(xlsx):
    """A blank grade becomes minor, a blank received_at takes dispatched_at; masked values are flagged."""
    header = ["工单编号", "标题", "受理时间", "派单时间", "反映人", "联系电话", "分级"]
    path = xlsx([header, ["A1", "噪音", None, "2026-10-08 09:05", "张**", "138****5678", None]])
    row = read_case_list(path).rows[0]
    assert row.values["grade"] == "minor"
    assert row.values["received_at"] == MOMENT
    assert row.defaulted == {"grade", "received_at"}
    assert row.masked == {"petitioner", "phone"}
    assert row.values["phone"] == "138****5678"
    assert row.get("content") is None


def test_template_header_wins_over_alias(xlsx):
    """With both 工单编号 and its alias 编号, the template header is used and the alias ignored."""
    rows = [["编号", "标题", "工单编号", "受理时间"], [1, "噪音", "WZ-1", "2026-10-08"]]
    cases = read_case_list(xlsx(rows))
    assert cases.rows[0].values["code"] == "WZ-1"
    assert cases.mapping.ignored == ["编号"]


def test_first_sheet_with_a_header_is_used(tmp_path):
    """A leading notes sheet without a recognisable header is passed over."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["本表由平台导出"])
    table = workbook.create_sheet("工单")
    table.append(["工单编号", "标题", "派单时间"])
    table.append(["A1", "噪音", "2026-10-08 09:05"])
    workbook.save(tmp_path / "book.xlsx")
    assert read_case_list(tmp_path / "book.xlsx").sheet == "工单"


def test_chinese_path_with_spaces(xlsx):
    """A file in a folder and with a name holding Chinese characters and spaces reads fine."""
    rows = [["工单编号", "标题", "受理时间"], ["A1", "噪音", MOMENT]]
    path = xlsx(rows, name="十月 工单/问政 工单（10月）.xlsx")
    assert read_case_list(str(path)).rows[0].values["code"] == "A1"


def bad_workbook(xlsx) -> Path:
    """A workbook with many problems across rows, each in a known cell."""
    header = [
        "工单编号", "标题", "受理时间", "派单时间", "承办单位",
        "办理状态", "联系电话", "分级", "满意度", "办结时间",
    ]
    rows = [
        ["A1", "好行", "2026-10-08", "2026-10-08 10:00", "城管局", "已派单", None, "小", None, None],
        ["A2", "坏日期", "2026-10-08", "2026/13/45", "城管局", "已派单", None, None, None, None],
        [None, "缺编号", "2026-10-08", None, None, "已受理", None, "巨大", "还行", None],
        ["A4", None, "2026-10-08", "2026-10-07 09:00", "城管局", "办理中", "12", None, None, None],
        ["A5", "缺单位", "2026-10-08", "2026-10-08 10:00", None, "已派单", None, None, None, None],
        ["A6", "办结无时间", "2026-10-08", "2026-10-08 10:00", "城管局", "已办结", None, None, None, None],
        ["A1", "同号异容", "2026-10-08", "2026-10-08 10:00", "城管局", "已派单", None, "小", None, None],
        ["A8", "状态不明", None, None, None, "处理完毕", None, None, None, None],
    ]
    return xlsx([header, *rows], formatted_to=300)


def test_every_problem_is_reported_with_row_and_column(xlsx):
    """All problems of the file are reported, each at its Excel row and column letter; nothing is read."""
    with pytest.raises(ImportRefused) as refused:
        read_case_list(bad_workbook(xlsx))
    found = [(p.row, p.letter, p.message) for p in refused.value.problems]
    assert found == [
        (3, "D", NOT_A_DATE),
        (4, "A", "不能为空"),
        (4, "H", "不是可识别的分级（可填：小、中、大，或 一般、较大、重大）"),
        (4, "I", f"不是可识别的满意度（可填：非常满意、满意、基本满意、一般、不满意、非常不满意，或 {NO_RATING_WORDS}）"
         ),
        (5, "B", "不能为空"),
        (5, "D", "早于受理时间（2026-10-08 00:00）"),
        (5, "G", "不是有效的电话号码（应为11位手机号或带区号的固定电话）"),
        (6, "E", "办理状态为“已派单”时不能为空"),
        (7, "J", "办理状态为“已办结”时不能为空"),
        (8, "A", "与第2行的工单编号相同，但其他内容不同"),
        (9, "C", "受理时间和派单时间不能都为空"),
        (9, "F", f"不是可识别的办理状态（可填：{STATUSES}）"),
    ]


def test_problem_reads_as_a_located_chinese_sentence(xlsx):
    """A problem prints as 工作表“…”第n行，“列”列（X列）：值“…”message."""
    with pytest.raises(ImportRefused) as refused:
        read_case_list(bad_workbook(xlsx))
    first = "工作表“清单”第3行，“派单时间”列（D列）：值“2026/13/45”" + NOT_A_DATE
    assert str(refused.value.problems[0]) == first
    assert str(refused.value).startswith("发现12个问题，没有导入任何数据：\n工作表“清单”第3行")


def test_status_needing_an_absent_column_is_reported_at_the_status(xlsx):
    """A dispatched status without any 承办单位 column is reported at the status cell."""
    path = xlsx([["工单编号", "标题", "派单时间", "办理状态"], ["A1", "噪音", MOMENT, "已签收"]])
    with pytest.raises(ImportRefused) as refused:
        read_case_list(path)
    assert str(refused.value) == (
        "工作表“清单”第2行，“办理状态”列（D列）：值“已签收”要求填写承办单位，但表中没有“承办单位”列"
    )


def refusal(path) -> str:
    """Return the message of the one file-level problem read_case_list raises for path."""
    with pytest.raises(ImportRefused) as refused:
        read_case_list(path)
    assert len(refused.value.problems) == 1
    return str(refused.value)


def test_missing_file_is_refused(tmp_path):
    """A path that does not exist is refused in Chinese."""
    assert refusal(tmp_path / "没有 这个.xlsx").startswith("找不到文件")


def test_csv_under_an_xlsx_name_is_read_as_csv(tmp_path):
    """Issue 20: a file is judged by its content, so a CSV saved under an .xlsx name is read as CSV."""
    path = tmp_path / "清单.xlsx"
    path.write_text("工单编号,标题,受理时间\nA1,噪音,2026-10-08 09:05\n", encoding="utf-8-sig")
    case_list = read_case_list(path)
    assert case_list.kind == "CSV 文本表格（UTF-8 带 BOM）"
    assert [(row.values["code"], row.values["received_at"]) for row in case_list.rows] == [
        ("A1", datetime(2026, 10, 8, 9, 5))]


def test_damaged_ole_file_is_refused_as_a_damaged_xls(tmp_path):
    """Issue 20: an OLE file is read as Excel 97–2003; one that is only a header is refused as damaged."""
    path = tmp_path / "加密 清单.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    message = refusal(path)
    assert "Excel 97–2003 工作簿（.xls）" in message
    assert "已损坏" in message


def test_truncated_workbook_is_refused(xlsx):
    """A workbook cut short in copying is refused as not a valid workbook."""
    path = xlsx([["工单编号", "标题", "受理时间"], ["A1", "噪音", MOMENT]])
    path.write_bytes(path.read_bytes()[:2000])
    assert "不是有效的 Excel 工作簿" in refusal(path)


def test_zero_byte_file_is_refused(tmp_path):
    """An empty file is refused as empty."""
    (tmp_path / "空.xlsx").write_bytes(b"")
    assert "是空的" in refusal(tmp_path / "空.xlsx")


def test_empty_workbook_is_refused(tmp_path):
    """A workbook whose only sheet holds nothing is refused as empty."""
    openpyxl.Workbook().save(tmp_path / "空表.xlsx")
    assert refusal(tmp_path / "空表.xlsx") == "工作簿是空的：没有任何数据"


def test_header_without_rows_is_refused(xlsx):
    """A header followed only by formatted blank rows has no data rows."""
    path = xlsx([["工单编号", "标题", "受理时间"]], formatted_to=200)
    assert refusal(path) == "工作表“清单”的表头（第1行）下面没有数据行"


def test_missing_required_column_is_named(xlsx):
    """A header without 标题 is refused, naming the missing column and where the header was."""
    path = xlsx([["清单"], ["工单编号", "诉求内容", "受理时间"], ["A1", "噪音", MOMENT]])
    assert refusal(path) == "工作表“清单”第2行：表头缺少必需的列：“标题”"


def test_missing_both_time_columns_is_named(xlsx):
    """A header with neither 受理时间 nor 派单时间 is refused, naming them."""
    path = xlsx([["工单编号", "标题"], ["A1", "噪音"]])
    assert refusal(path) == "工作表“清单”第1行：表头缺少必需的列：“受理时间”（或“派单时间”）"


def test_no_header_at_all_is_refused(xlsx):
    """A sheet of data without any known header is refused."""
    assert "找不到表头" in refusal(xlsx([["甲", "乙"], [1, 2]]))


def test_directory_is_refused(tmp_path):
    """A folder is not a file."""
    assert refusal(tmp_path).endswith("不是文件")


def test_export_written_by_write_table_imports_back(tmp_path):
    """A table written by writer.write_table, formula-like titles included, reads back as the same cases."""
    columns = [Column("工单编号"), Column("标题"), Column("受理时间", 17, "datetime"), Column("分级", 6)]
    rows = [["WZ-2026-000001", "=1+1 路灯不亮", MOMENT, "大"], ["WZ-2026-000002", "@城管 噪音", MOMENT, "小"]]
    workbook = openpyxl.Workbook()
    write_table(workbook.active, "工单台账", columns, rows, subtitle="导出条件：全部")
    workbook.save(tmp_path / "台账 导出.xlsx")
    cases = read_case_list(tmp_path / "台账 导出.xlsx")
    assert cases.header_row == 3
    assert [(row.values["title"], row.values["received_at"], row.values["grade"]) for row in cases.rows] == [
        ("=1+1 路灯不亮", MOMENT, "major"), ("@城管 噪音", MOMENT, "minor"),
    ]
