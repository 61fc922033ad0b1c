"""The ledger's 督办清单 filter: a checkbox in the filter bar that keeps the open listed cases only."""

import pytest

from tests.ui.conftest import NOW, make_window
from wzdesk.models import db
from wzdesk.supervision.ladder import run_ladder


@pytest.fixture
def listed(demo_db):
    """The demo as the ladder leaves it on NOW: its long-late cases are on the supervision list."""
    run_ladder(NOW, demo_db)
    return demo_db


def _listed_open() -> int:
    sql = "SELECT COUNT(*) FROM \"case\" WHERE supervised_at IS NOT NULL AND status <> 'closed'"
    return db.execute_sql(sql).fetchone()[0]


def test_the_supervised_checkbox_narrows_the_ledger_to_the_list(qtbot, database, listed, store):
    window = make_window(qtbot, database, store)
    expected = _listed_open()
    assert expected > 0  # the demo lists some of its late cases
    box = window.ledger.filters.supervised
    assert box.text() == "督办清单"
    box.setChecked(True)
    assert window.ledger_model.total() == expected
    assert window.ledger.filters.count_label.text() == f"共 {expected} 件"
    assert window.ledger.filters.current().supervised_only
    box.setChecked(False)
    assert window.ledger_model.total() == 500


def test_the_supervised_filter_is_remembered(qtbot, database, listed, store):
    first = make_window(qtbot, database, store)
    first.ledger.filters.supervised.setChecked(True)
    first.close()
    second = make_window(qtbot, database, store)
    assert second.ledger.filters.supervised.isChecked()
    assert second.ledger_model.total() == _listed_open()
