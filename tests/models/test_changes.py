"""The change token the window polls: another connection's commit moves it, this connection's own does not."""

import sqlite3

import pytest
from peewee import Database

from wzdesk.models import changes
from wzdesk.models.changes import ChangeWatch, change_token


@pytest.mark.sqlite_only  # a second connection by plain sqlite3 (a server's token is the ledger head)
def test_another_connections_commit_moves_the_token_and_the_watch_sees_it_once(database, operator):
    watch = ChangeWatch()
    assert not watch.changed()
    with sqlite3.connect(database) as other:
        other.execute("UPDATE setting SET value = value WHERE 0")  # a commit that writes nothing: no move
    assert not watch.changed()
    with sqlite3.connect(database) as other:
        other.execute("UPDATE operator SET display_name = '另一办公桌' WHERE id = ?", (operator.id,))
    assert watch.changed()
    assert not watch.changed()  # seen once


@pytest.mark.sqlite_only  # a server's token is the ledger head, which this desk's own commit moves too
def test_this_connections_own_commit_does_not_move_it(database, operator):
    from wzdesk.cases import lifecycle

    before = change_token()
    lifecycle.intake({"title": "本机受理的工单"}, operator.created_at, operator)
    assert change_token() == before


def test_another_kind_of_database_registers_its_own_token(monkeypatch):
    class Notified(Database):
        def __init__(self):
            super().__init__(None)
            self.received = 0  # notifications received (on PostgreSQL: on a LISTEN)
            self.listening = True

        def is_closed(self) -> bool:
            return not getattr(self, "listening", False)

    monkeypatch.setattr(changes, "_TOKENS", dict(changes._TOKENS))
    other = Notified()
    assert change_token(other) is None  # no way to tell yet: the watch never fires
    changes.register(Notified, lambda database: database.received)
    watch = ChangeWatch(other)
    other.received += 1
    assert watch.changed() and not watch.changed()
