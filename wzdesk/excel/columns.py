"""The case-list columns of the office template, their accepted aliases, and the value vocabularies."""

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from wzdesk import vocabulary


@dataclass(frozen=True)
class Field:
    """One importable case field: its code name, template header, aliases and value kind."""

    name: str
    header: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"  # text, code, phone, datetime, names, grade, status, rating


FIELDS: tuple[Field, ...] = (
    Field("code", "工单编号", ("编号", "诉求编号", "工单号", "受理编号"), "code"),
    Field("title", "标题", ("诉求标题", "主题", "工单标题", "投诉标题")),
    Field("content", "诉求内容", ("内容", "主要内容", "问题描述", "来电内容", "工单内容")),
    Field("category", "诉求类型", ("问题分类", "诉求分类", "类别", "事项分类")),
    Field("channel", "来源渠道", ("受理渠道", "来源", "诉求渠道")),
    Field("petitioner", "反映人", ("来电人", "诉求人", "姓名")),
    Field("phone", "联系电话", ("来电号码", "电话", "手机号码", "手机号", "联系方式"), "phone"),
    Field("district", "区县", ("所属区县",)),
    Field("street", "街道", ("街道（乡镇）", "乡镇（街道）")),
    Field("community", "社区", ("社区（村）", "村（社区）")),
    Field("received_at", "受理时间", ("来电时间", "登记时间", "投诉时间", "受理日期", "登记日期"), "datetime"),
    Field("dispatched_at", "派单时间", ("转办时间", "交办时间", "分派时间", "派发时间"), "datetime"),
    Field("lead_department", "承办单位", ("责任单位", "主办单位", "责任部门", "处置单位", "办理单位")),
    Field("co_departments", "协办单位", ("配合单位",), "names"),
    Field("grade", "分级", ("事项等级",), "grade"),
    Field("responded_at", "首次响应时间", ("签收时间", "响应时间"), "datetime"),
    Field("status", "办理状态", ("工单状态", "状态", "处理状态", "当前状态", "当前环节"), "status"),
    Field("closed_at", "办结时间", ("完成时间",), "datetime"),
    Field("solved", "解决情况", ("是否解决",), "solved"),
    Field("rating", "满意度", ("回访结果", "评价", "满意度评价", "最终满意度"), "rating"),
    # Added after the first nineteen, so the template's column letters stay as offices know them.
    Field("address", "事发地址", ("事发地", "详细地址")),
    Field("replied_at", "答复时间", ("回复时间",), "datetime"),
    Field("unit_role", "主协办", ("主办/协办", "承办类型", "办理类型", "单位类型", "主协办类型"), "role"),
)
# Where a list has both 诉求类型 and one of these, the latter is the category and 诉求类型 the case's kind.
TOPIC_HEADERS = ("问题分类", "事项分类", "诉求分类", "类别")
KIND_HEADER = "诉求类型"

FIELD_BY_NAME = MappingProxyType({field.name: field for field in FIELDS})
# The template header of each field, e.g. FIELD_LABELS["dispatched_at"] == "派单时间".
FIELD_LABELS = MappingProxyType({field.name: field.header for field in FIELDS})
REQUIRED_COLUMNS = ("code", "title")

# The Chinese labels are the glossary's, kept once in wzdesk.vocabulary.
GRADE_LABELS = MappingProxyType(vocabulary.GRADE_LABELS)
STATUS_LABELS = MappingProxyType(vocabulary.STATUS_LABELS)
RATING_LABELS = MappingProxyType(vocabulary.RATING_LABELS)
# Statuses that only exist once a department holds the case.
DISPATCHED_STATUSES = frozenset(STATUS_LABELS) - {"received"}

_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]"})
_SPACE = re.compile(r"\s+")
_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")  # (必填), （yyyy-mm-dd）, 【选填】


def normalise_header(text: str) -> str:
    """Return a header reduced to what matching compares: no spaces, one bracket width, lower case."""
    # NFKC folds full-width latin, digits, brackets and U+3000; 【】 have no NFKC form, hence the table.
    text = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    # Templates often star their required columns: "*工单编号".
    return _SPACE.sub("", text).strip("*").casefold()


def _header_table() -> dict[str, tuple[str, int]]:
    """Map every normalised header and alias to (field name, rank); rank 0 is the template header."""
    table: dict[str, tuple[str, int]] = {}
    for field in FIELDS:
        for rank, header in enumerate((field.header, *field.aliases)):
            table[normalise_header(header)] = (field.name, rank)
    return table


_HEADERS = MappingProxyType(_header_table())


def match_header(text: str, extra: Mapping[str, str] | None = None) -> tuple[str, int] | None:
    """Return (field name, rank) for a header cell, or None when it is not a known column.

    A header matches as written, else with its bracketed notes taken off: 工单编号（必填） is 工单编号.
    extra maps an office's own normalised headers to fields (设置 → 导入对照, a saved mapping).
    """
    key = normalise_header(text)
    for candidate in (key, _NOTE.sub("", key).strip("*")):
        if extra and candidate in extra:
            return extra[candidate], 0
        if candidate in _HEADERS:
            return _HEADERS[candidate]
    return None


def _vocabulary(labels: MappingProxyType, extra: dict[str, str] | None = None) -> MappingProxyType:
    """Build word → code from labels, the code names themselves and extra synonyms."""
    words = {label: code for code, label in labels.items()}
    words.update({code.casefold(): code for code in labels})
    words.update(extra or {})
    return MappingProxyType(words)


GRADE_WORDS = _vocabulary(GRADE_LABELS, {"一般": "minor", "较大": "moderate", "重大": "major"})
# Flags in a status column: the status then comes from the time columns.
FROM_TIMES = "from_times"
WITHDRAWN = "withdrawn"  # 已撤销: closed as withdrawn
_STATUS_SYNONYMS = {
    "received": "已受理 受理中 待受理 待派单 待派遣 待分派",
    "dispatched": "已派单 已派遣 已转办 已派发 派单中 待签收",
    "accepted": "已签收",
    "in_progress": "办理中 处理中 延期中",
    "returned": "已退回 退回 退单 已回退",
    "replied": "已答复 已反馈 待审核 待回访",
    "verified": "已核验 已回访",
    "closed": "已办结 办结 已结案 超期办结 已归档",
    WITHDRAWN: "已撤销",
    FROM_TIMES: "超期 超时 未处理",
}
# 已合并 is this ledger's own link of a repeat to its main case (wzdesk/cases/repeats.py), never read from a file.
FILE_STATUSES = {code: label for code, label in STATUS_LABELS.items() if code != "merged"}
STATUS_WORDS = _vocabulary(FILE_STATUSES, {word: code for code, words in _STATUS_SYNONYMS.items()
                                            for word in words.split()})
NO_RATING = "none"  # 未回访 and the like: no rating yet
NO_RATING_WORDS = ("未回访", "无法联系", "拒绝评价", "未评价", "暂无评价")
RATING_WORDS = _vocabulary(RATING_LABELS, dict.fromkeys(NO_RATING_WORDS, NO_RATING))
ROLE_WORDS = MappingProxyType({"主办": "lead", "牵头": "lead", "主办单位": "lead", "牵头单位": "lead",
                               "协办": "co", "配合": "co", "协办单位": "co", "配合单位": "co"})
# 基本解决 counts as solved; 是 / 否 is how a yes-no column is often filled.
SOLVED_WORDS = {"已解决": True, "解决": True, "基本解决": True, "是": True,
                "未解决": False, "没有解决": False, "否": False}
