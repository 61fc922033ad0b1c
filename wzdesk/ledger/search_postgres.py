"""The ledger's word search on PostgreSQL: the same matches as SQLite's trigram and pair indexes give.

A term of two characters or more is looked for in the title, content and petitioner name joined by spaces
(`wz_case_text`), read through its pg_trgm index (wzdesk/models/postgres_schema.py); ILIKE ignores case as
the FTS5 indexes do. A single character is looked for as on SQLite, case and all (instr). A lone term of
three characters or more may also be a case code, or a part of one.
"""

import operator
from functools import reduce

from peewee import fn

from wzdesk.models import Case


def text_condition(words: list[str], text: str, short, code_part) -> object:
    """Return the condition for cases matching every term, or whose code is `text` (see the module's note)."""
    conds = [_contains(w) for w in words if len(w) >= 2] + [short(w) for w in words if len(w) < 2]
    if not conds:
        return Case.code == text.strip()
    if len(words) == 1 and len(words[0]) >= 3:
        conds[0] = conds[0] | _code(words[0], code_part)
    return reduce(operator.and_, conds)


def case_text():
    return fn.wz_case_text(Case.title, Case.content, Case.petitioner_name)


def _contains(word: str):
    return case_text() ** f"%{escaped(word)}%"


def _code(word: str, code_part) -> object:
    return (Case.code ** f"%{escaped(word)}%") if code_part(word) else (Case.code == word)


def escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def many_hits(words: list[str], cap: int) -> bool:
    """Return whether at least `cap` cases match the terms of two characters or more."""
    long_words = [w for w in words if len(w) >= 2]
    if not long_words:
        return False
    return Case.select(Case.id).where(reduce(operator.and_, map(_contains, long_words))).limit(cap).count() >= cap
