"""Import a platform case list into the ledger: plan first (new / updated / unchanged), then all or nothing."""

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from peewee import IntegrityError

from wzdesk.errors import UserError
from wzdesk.excel.reader import CaseList, CaseRow, read_case_list
from wzdesk.exchange.import_units import rename_units, saved_unit_names
from wzdesk.exchange.import_words import office_words
from wzdesk.exchange.writers import PLAIN, RANK, BatchWriter, ImportResult, RowWriter
from wzdesk.models import Case, Category, Department, Operator, bulk_load, db, write_transaction

__all__ = ["ImportPlan", "ImportResult", "apply_import", "plan_import"]
BATCH_ROWS = 5_000  # new cases held in memory between writes
# A first import (a year's list into a database that holds fewer cases than it brings) of at least this many
# new cases writes its rows bare and builds the indexes once after them (models/bulk_load.py).
BULK_MIN_ROWS = 10_000


@dataclass
class ImportPlan:
    """What an import would do, shown to the clerk before anything is written."""

    source: Path
    case_list: CaseList
    new: list[CaseRow] = field(default_factory=list)
    updated: list[tuple[CaseRow, list[str]]] = field(default_factory=list)
    unchanged: list[CaseRow] = field(default_factory=list)
    new_departments: list[str] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)
    # 解决情况 is kept on the return visit's rating: a row with it but without 满意度 cannot store it
    solved_without_rating: list[CaseRow] = field(default_factory=list)
    # For new rows, the similar open cases in the ledger (wzdesk.exchange.preview.find_similar fills it)
    similar: list[tuple] = field(default_factory=list)
    similar_checked: int = 0
    renamed_units: dict[str, str] = field(default_factory=dict)  # name in the file → unit of the ledger

    def summary(self) -> str:
        """Say in Chinese what the import will do."""
        parts = [f"新增 {len(self.new)} 件", f"更新 {len(self.updated)} 件", f"未变 {len(self.unchanged)} 件"]
        if self.case_list.duplicates:
            parts.append(f"重复行 {len(self.case_list.duplicates)} 行（只计一次）")
        if self.new_departments:
            parts.append(f"新单位 {len(self.new_departments)} 个：{'、'.join(self.new_departments)}")
        if self.solved_without_rating:
            codes = "、".join(r.values["code"] for r in self.solved_without_rating[:5])
            more = " 等" if len(self.solved_without_rating) > 5 else ""
            parts.append(f"有解决情况而无满意度 {len(self.solved_without_rating)} 行（{codes}{more}），"
                         "解决情况随回访评价记录，这些行的解决情况不导入")
        return "，".join(parts)

    def report(self) -> list[str]:
        """Return what else the command line must say: unused columns, skipped lines, hidden rows and sheets."""
        lines = [f"文件类型：{self.case_list.kind}"]
        if self.case_list.mapping.ignored:
            lines.append(f"不导入的列：{'、'.join(self.case_list.mapping.ignored)}")
        if self.renamed_units:
            pairs = "、".join(f"{found}→{ours}" for found, ours in self.renamed_units.items())
            lines.append(f"按平台对照改用已有单位：{pairs}")
        return lines + self.case_list.notes


def plan_import(path: Path, mapping: str | None = None) -> ImportPlan:
    """Read a case list and sort its rows into new, updated and unchanged; write nothing.

    The office's own words (设置 → 导入对照) always apply; mapping names a platform: its saved column mapping
    and the units its lists name that were mapped to units of the ledger.
    """
    case_list = read_case_list(path, office_words(mapping))
    plan = ImportPlan(Path(path), case_list)
    existing = _stored_cases([row.values["code"] for row in case_list.rows])
    for row in case_list.rows:
        case = existing.get(row.values["code"])
        changes = _changes(case, row) if case else None
        if case is None:
            plan.new.append(row)
        elif changes:
            plan.updated.append((row, changes))
        else:
            plan.unchanged.append(row)
    plan.solved_without_rating = [r for r in case_list.rows if r.get("solved") is not None and not r.get("rating")]
    plan.new_departments = _missing_names(Department, _department_names(case_list.rows))
    plan.new_categories = _missing_names(Category, {r.get("category") for r in case_list.rows} - {None})
    rename_units(plan, saved_unit_names(mapping))  # the platform's units mapped to the ledger's before
    return plan


def _stored_cases(codes: list[str]) -> dict[str, Case]:
    """Return the stored cases of these codes by code. Which codes are stored is asked in plain SQL (a
    500-code IN list built by Peewee cost a tenth of planning a first import that finds none); only the
    cases found are read as models."""
    found, param = [], db.param
    for start in range(0, len(codes), 500):
        chunk = codes[start:start + 500]
        sql = f'SELECT code FROM "case" WHERE code IN ({", ".join([param] * len(chunk))})'
        found.extend(code for (code,) in db.execute_sql(sql, chunk).fetchall())
    existing = {}
    for start in range(0, len(found), 500):
        existing.update({c.code: c for c in Case.select().where(Case.code.in_(found[start:start + 500]))})
    return existing


def _department_names(rows: list[CaseRow]) -> set[str]:
    names = {r.get("lead_department") for r in rows} | {n for r in rows for n in (r.get("co_departments") or [])}
    return names - {None}


def _missing_names(model, names: set[str]) -> list[str]:
    known = {m.name for m in model.select(model.name)}
    return sorted(names - known, key=_natural)


def _natural(name: str) -> list:
    """Sort key putting 第2局 before 第10局, as a clerk reads them."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", name)]


def _changes(case: Case, row: CaseRow) -> list[str]:
    """Return the Chinese names of what the row would change on an existing case."""
    changed = [f for f, col in PLAIN.items() if _new_value(row, f) not in (None, getattr(case, col))]
    if case.status == "merged":  # merged here into its main case: only the plain values are corrected
        return changed
    if RANK.get(row.get("status"), -1) > RANK[case.status]:
        changed.append("status")
    for name, column in (("responded_at", "responded_at"), ("closed_at", "closed_at")):
        if row.get(name) and getattr(case, column) is None:
            changed.append(name)
    if row.get("rating") and row.get("rating") != case.rating:
        changed.append("rating")
    return changed


def _new_value(row: CaseRow, name: str):
    """Return the row's value for a plain field, or None when absent, blank or masked."""
    return None if name in row.masked else row.get(name)


def _received(row: CaseRow) -> datetime:
    return row.values["received_at"]


def apply_import(plan: ImportPlan, at: datetime, operator: Operator,
                 step: Callable[[int, int], bool] | None = None, *, batch: bool = True,
                 bulk: bool | None = None) -> ImportResult:
    """Write the plan in one transaction; if `step(done, total)` returns False, roll back and write nothing.

    batch=False creates new cases row by row: the plain path the batched one is checked against.
    bulk=True drops the indexes and search tables for the writing and builds them once after it, in the
    same transaction; None decides by size (first_load).
    """
    with write_transaction() as txn:
        bulk = batch and (first_load(plan) if bulk is None else bulk)
        if bulk:
            bulk_load.begin(db, pairs_written=True)  # the batch writer indexes the pairs as it goes
        # Inside the lock: the batch numbers its cases and events from what is stored now.
        writer = BatchWriter(at, operator) if batch else RowWriter(at, operator)
        try:
            writer.add_names(plan.new_departments, plan.new_categories)
            completed = _write_rows(plan, writer, step, batch)
            if completed and bulk:
                writer.close()
                bulk_load.finish(db)
        except (IntegrityError, sqlite3.IntegrityError) as exc:
            # Another desk stored one of these codes after the preview was made.
            raise UserError("导入前台账已被其他操作改动（例如另一台电脑导入了相同的工单），本次导入没有写入任何数据。"
                            "请重新打开文件预览后再导入。") from exc
        finally:
            writer.close()
        if not completed:
            txn.rollback()
            return ImportResult()
    return writer.result


def first_load(plan: ImportPlan) -> bool:
    """Return whether the plan is a first load: many new cases, more than the database holds."""
    return len(plan.new) >= BULK_MIN_ROWS and Case.select().count() < len(plan.new)


def _write_rows(plan: ImportPlan, writer: RowWriter, step, batch: bool) -> bool:
    """Create the new cases, then update the changed ones; return False if `step` cancelled."""
    total = len(plan.new) + len(plan.updated)
    # In receipt order the new cases' ids follow time, as elsewhere in the ledger, and the indexes that
    # begin with received_at grow at their end: 40% less index work than a list in random order.
    for done, row in enumerate(sorted(plan.new, key=_received), start=1):
        writer.create(row)
        if batch and done % BATCH_ROWS == 0:
            writer.flush()
        if step and not step(done, total):
            return False
    if batch:
        writer.stop_batching()
    for done, (row, changes) in enumerate(plan.updated, start=len(plan.new) + 1):
        writer.update(Case.get(Case.code == row.values["code"]), row, changes)
        if step and not step(done, total):
            return False
    return True
