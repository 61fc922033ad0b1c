"""Search the ledger by case code or by words in a case's title, content or petitioner's name."""

from peewee import SQL, fn

from wzdesk.models import Case

TRIGRAM = 3  # the trigram index answers substrings of three characters or more


def terms(text: str) -> list[str]:
    """Split what the clerk typed into search terms (spaces, full-width too, separate them)."""
    return [t for t in text.replace("\u3000", " ").split() if t]


def text_condition(text: str):
    """Return the SQL condition for cases matching every term of `text`.

    Terms of three or more characters go to the trigram index. Shorter ones cannot: SQLite 3.40
    returns nothing for a two-character LIKE on a trigram table, so they scan the base table with
    instr(), which on the ledger's newest-first order stops as soon as a page is full.
    """
    words = terms(text)
    long_words = [w for w in words if len(w) >= TRIGRAM]
    short_words = [w for w in words if len(w) < TRIGRAM]
    conds = []
    if long_words:
        match = " AND ".join(_phrase(w) for w in long_words)
        ids = SQL("(SELECT rowid FROM case_fts WHERE case_fts MATCH ?)", (match,))
        conds.append(Case.id.in_(ids))
    for word in short_words:
        conds.append((fn.instr(Case.title, word) > 0) | (fn.instr(Case.content, word) > 0)
                     | (fn.instr(Case.petitioner_name, word) > 0))
    code = Case.code == text.strip()
    if not conds:
        return code
    condition = conds[0]
    for cond in conds[1:]:
        condition &= cond
    return code | condition


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def exact_case(text: str) -> Case | None:
    """Return the case whose code is exactly `text` (case-insensitive), or None."""
    code = text.strip().upper()
    if not code:
        return None
    return Case.get_or_none(Case.code == code) or Case.get_or_none(Case.code == text.strip())
