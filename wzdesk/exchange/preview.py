"""What the import wizard shows before anything is written: column mapping, sample rows, problems, in plain rows."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from wzdesk.cases.repeats import similar_cases
from wzdesk.excel.columns import FIELD_LABELS
from wzdesk.excel.problems import Problem
from wzdesk.excel.reader import CaseRow
from wzdesk.exchange.importer import ImportPlan, ImportResult
from wzdesk.models import Category
from wzdesk.vocabulary import STATUS_LABELS

SAMPLE_ROWS = 20  # the first rows of each group shown; enough to recognise the file
MAPPING_HEADERS = ("文件中的列名", "导入为")
SAMPLE_HEADERS = ("行号", "工单编号", "标题", "办理状态", "承办单位")
UPDATE_HEADERS = (*SAMPLE_HEADERS, "将更新")
PROBLEM_HEADERS = ("工作表", "行", "列", "值", "问题")
SIMILAR_HEADERS = ("行号", "标题", "疑似重复的在办工单", "现在在", "办理状态", "标题", "相似之处")
SIMILAR_CHECKED = 500  # new rows looked up (about 2-10 ms each); a larger list says how many were not
CHANGE_LABELS = {**FIELD_LABELS, "petitioner": "反映人", "phone": "联系电话"}
IGNORED = "（不导入）"


@dataclass(frozen=True)
class Preview:
    """The plan of an import as tables and lines of text."""

    mapping: list[tuple[str, str]]
    new: list[tuple]
    updated: list[tuple]
    unchanged: list[tuple]
    counts: dict[str, int]
    notes: list[str]
    similar: list[tuple] = ()


def preview(plan: ImportPlan) -> Preview:
    """Turn an import plan into what the wizard shows."""
    case_list = plan.case_list
    mapping = [(header, FIELD_LABELS[name]) for name, header in case_list.mapping.headers.items()]
    mapping += [(header, IGNORED) for header in case_list.mapping.ignored]
    counts = {"new": len(plan.new), "updated": len(plan.updated), "unchanged": len(plan.unchanged)}
    return Preview(
        mapping=mapping,
        new=[_sample(row) for row in plan.new[:SAMPLE_ROWS]],
        updated=[(*_sample(row), "、".join(CHANGE_LABELS.get(c, c) for c in changes))
                 for row, changes in plan.updated[:SAMPLE_ROWS]],
        unchanged=[_sample(row) for row in plan.unchanged[:SAMPLE_ROWS]],
        counts=counts,
        notes=_notes(plan),
        similar=list(plan.similar),
    )


def find_similar(plan: ImportPlan, at: datetime, limit: int = SIMILAR_CHECKED) -> ImportPlan:
    """Fill the plan's list of similar open cases for its new rows (the first `limit`), best match first."""
    categories = {c.name: c.id for c in Category.select(Category.id, Category.name)}
    plan.similar, plan.similar_checked = [], min(limit, len(plan.new))
    for row in plan.new[:limit]:
        title = str(row.get("title") or "")
        phone = "" if "phone" in row.masked else str(row.get("phone") or "")
        found = similar_cases(title, row.get("received_at") or at, str(row.get("community") or ""),
                              categories.get(row.get("category")), phone)
        plan.similar += [(row.row, title, s.code, s.holder, s.status_label, s.title, s.reason) for s in found]
    return plan


def _sample(row: CaseRow) -> tuple:
    status = row.get("status")
    return (row.row, row.get("code"), row.get("title"), STATUS_LABELS.get(status, "") if status else "",
            row.get("lead_department") or "")


def _notes(plan: ImportPlan) -> list[str]:
    """Return the lines that tell the clerk what else the import does."""
    case_list = plan.case_list
    notes = [f"{case_list.kind}，工作表“{case_list.sheet}”，表头在第 {case_list.header_row} 行，"
             f"共 {len(case_list.rows)} 件"]
    notes += case_list.notes
    if case_list.duplicates:
        shown = "、".join(str(n) for n in case_list.duplicates[:10])
        more = " 等" if len(case_list.duplicates) > 10 else ""
        notes.append(f"重复行 {len(case_list.duplicates)} 行（第 {shown}{more} 行），只计一次")
    if plan.new_departments:
        notes.append(f"将新建承办单位 {len(plan.new_departments)} 个：{'、'.join(plan.new_departments)}")
    if plan.new_categories:
        notes.append(f"将新建诉求类型 {len(plan.new_categories)} 个：{'、'.join(plan.new_categories)}")
    if case_list.mapping.ignored:
        notes.append(f"不导入的列：{'、'.join(case_list.mapping.ignored)}")
    notes += _similar_notes(plan)
    return notes


def _similar_notes(plan: ImportPlan) -> list[str]:
    if not plan.similar_checked:
        return []
    rows = len({r[0] for r in plan.similar})
    line = (f"新增工单中有 {rows} 行与台账中的在办工单相似（同社区同类型标题相近，或同一号码），见“疑似重复”；"
            "导入后可在工单上合并" if rows else "新增工单与台账中的在办工单没有相似的")
    if plan.similar_checked < len(plan.new):
        line += f"（只核对了前 {plan.similar_checked} 行，其余 {len(plan.new) - plan.similar_checked} 行未核对）"
    return [line]


def problem_rows(problems: Sequence[Problem]) -> list[tuple]:
    """Return one table row per problem: sheet, row, column, value, message."""
    return [(p.sheet or "", p.row or "", f"{p.column}（{p.letter}列）" if p.column else "", p.shown_value(),
             p.message) for p in problems]


def can_mark(problems: Sequence[Problem]) -> bool:
    """Return whether a marked copy would show anything: some problem sits in a sheet of the workbook."""
    return any(p.sheet is not None for p in problems)


def result_text(result: ImportResult) -> str:
    """Say in Chinese what an import wrote."""
    return (f"新增 {result.created} 件，更新 {result.updated} 件，"
            f"写入台账记录 {result.events} 条。")
