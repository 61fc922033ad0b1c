"""Which index a ledger query should walk, for the cases where SQLite's own choice is slow.

Without statistics SQLite prefers a due-date range or the plain receipt-time index and then reads
every matching row from the table and sorts them (0.1–0.3 s at 1,000,000 cases). Walking a covering
index in the ledger's own order stops as soon as a page is full (a few ms), so for the ledger's
default order (receipt time) the page query names its index with INDEXED BY.
"""

from peewee import Entity, Node

from wzdesk.models import Case

# Open cases in receipt order, with every column the open-case filters test (migration 3).
OPEN_BY_RECEIPT = "case_open_received"
# Every case in receipt order with its searchable text, for two-character searches.
TEXT_BY_RECEIPT = "case_received_text"
BY_RECEIPT = "case_received"


class IndexedBy(Node):
    """A FROM source: a model's table read through a named index."""

    def __init__(self, model, index: str):
        super().__init__()
        self._model = model
        self._index = index

    def __sql__(self, ctx):
        ctx.sql(self._model)
        return ctx.literal(" INDEXED BY ").sql(Entity(self._index))


def indexed(query, index: str | None):
    """Return `query` (a single-table select over Case) reading Case through `index`, if one is given."""
    return query.from_(IndexedBy(Case, index)) if index else query
