"""Search the ledger by case code or by words in a case's title, content or petitioner's name."""

import operator
from functools import reduce

from peewee import SQL, fn

from wzdesk.ledger import search_postgres
from wzdesk.models import Case
from wzdesk.models.base import is_postgres, not_indexed

TRIGRAM = 3  # the trigram index answers substrings of three characters or more
BIGRAM = 2  # the pair index (wzdesk/models/bigram_search.py) answers words of exactly two
MANY = 2000  # matches beyond which walking the ledger order beats sorting the matches


def terms(text: str) -> list[str]:
    """Split what the clerk typed into search terms (spaces, full-width too, separate them)."""
    return [t for t in text.replace("\u3000", " ").split() if t]


def text_condition(text: str, walk_order: bool = False):
    """Return the SQL condition for cases matching every term of `text`, or whose code is `text`.

    Terms of three or more characters go to the trigram index. Shorter ones cannot: SQLite 3.40
    returns nothing for a two-character LIKE on a trigram table, so they scan the base table with
    instr(), which on the ledger's newest-first order stops as soon as a page is full.
    With walk_order the index matches are only checked, never used to drive the query, so SQLite
    walks the ledger's order index and stops after a page (see many_hits).
    """
    words = terms(text)
    if is_postgres():
        return search_postgres.text_condition(words, text, _short, is_code_part)
    long_words = [w for w in words if len(w) >= TRIGRAM]
    pairs = [w for w in words if len(w) == BIGRAM]
    conds = [_short(w) for w in words if len(w) < BIGRAM]
    column = not_indexed(Case.id) if walk_order else Case.id
    if pairs:
        conds.insert(0, column.in_(SQL(f"({PAIR_SQL})", (_match(pairs),))))
    if long_words:
        # A code has no spaces, so only a single word may also be a case code, or a part of one.
        code, value = _code_sql(words[0]) if len(words) == 1 else ("", "")
        params = (_match(long_words), value) if code else (_match(long_words),)
        ids = SQL(f"(SELECT rowid FROM case_fts WHERE case_fts MATCH ?{code})", params)
        conds.insert(0, column.in_(ids))
    if not conds:
        return Case.code == text.strip()
    # Short terms alone are never a code; leaving the code out keeps their scan on one index.
    return reduce(operator.and_, conds)


PAIR_SQL = "SELECT rowid FROM case_bigram WHERE case_bigram MATCH ?"
CODE_PART_SQL = " UNION SELECT id FROM \"case\" WHERE code LIKE ? ESCAPE '\\'"


def is_code_part(word: str) -> bool:
    """Return whether a word may be part of a case code: letters, digits and dashes, with a digit."""
    return any(c.isdigit() for c in word) and all(c.isascii() and (c.isalnum() or c in "-_") for c in word)


def _code_sql(word: str) -> tuple[str, str]:
    """Return the SQL and value finding cases by their code: any part of it when the word looks like one.

    LIKE '%…%' scans the covering code index, never the table: 8–33 ms on the 100,000-case demo
    (count and jump, measured); ASCII letters match in either case.
    """
    if is_code_part(word):
        return CODE_PART_SQL, f"%{_like_escaped(word)}%"
    return " UNION ALL SELECT id FROM \"case\" WHERE code = ?", word


def _short(word: str):
    return ((fn.instr(Case.title, word) > 0) | (fn.instr(Case.content, word) > 0)
            | (fn.instr(Case.petitioner_name, word) > 0))


def _match(words: list[str]) -> str:
    return " AND ".join(_phrase(w) for w in words)


def many_hits(text: str, cap: int | None = None) -> bool:
    """Return whether the trigram index matches at least `cap` cases for the long terms of `text`.

    Few matches are fastest read straight from the index and sorted; many are fastest found by
    walking the ledger's order and stopping after a page.
    """
    cap = cap or MANY
    if is_postgres():
        return search_postgres.many_hits(terms(text), cap)
    long_words = [w for w in terms(text) if len(w) >= TRIGRAM]
    pairs = [w for w in terms(text) if len(w) == BIGRAM]
    if long_words:
        sql, words = "SELECT rowid FROM case_fts WHERE case_fts MATCH ?", long_words
    elif pairs:
        sql, words = PAIR_SQL, pairs
    else:
        return False
    count = f"SELECT count(*) FROM ({sql} LIMIT ?)"
    return Case._meta.database.execute_sql(count, (_match(words), cap)).fetchone()[0] >= cap


def only_short_terms(text: str) -> bool:
    """Return whether every term of `text` is a single character, which no index answers."""
    words = terms(text)
    return bool(words) and all(len(w) < BIGRAM for w in words)


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def case_by_code_part(text: str) -> Case | None:
    """Return the case whose code is `text`, else the one case whose code holds it ("000123",
    "2026-000123"); None if no case or several match (the ledger then lists them)."""
    case = exact_case(text)
    word = text.strip()
    if case is not None or not is_code_part(word) or len(word) < TRIGRAM:
        return case
    found = list(Case.select().where(_code_like(word)).limit(2))
    return found[0] if len(found) == 1 else None


def _code_like(word: str):
    """Cases whose code holds `word`, ASCII letters in either case (SQLite's LIKE; ILIKE on PostgreSQL)."""
    if is_postgres():
        return Case.code ** f"%{_like_escaped(word)}%"
    return SQL("code LIKE ? ESCAPE '\\'", (f"%{_like_escaped(word)}%",))


def _like_escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def exact_case(text: str) -> Case | None:
    """Return the case whose code is exactly `text` (case-insensitive), or None."""
    code = text.strip().upper()
    if not code:
        return None
    return Case.get_or_none(Case.code == code) or Case.get_or_none(Case.code == text.strip())
