"""The item models pass Qt's model tester and fetch the ledger lazily, sorted and filtered in SQL."""

from PySide6.QtCore import QModelIndex, Qt

from tests.ui.conftest import NOW
from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.view import LedgerFilter
from wzdesk.ui.models.ledger import COLUMNS, LedgerModel
from wzdesk.ui.pages.board import BoardModel
from wzdesk.ui.widgets.palette import ROW_TINTS


def test_ledger_model_passes_the_model_tester(qtmodeltester, demo_db):
    model = LedgerModel(lambda: NOW)
    model.reload()
    qtmodeltester.check(model)


def test_board_model_passes_the_model_tester(qtmodeltester, demo_db):
    model = BoardModel()
    model.load(NOW)
    qtmodeltester.check(model)


def test_ledger_fetches_a_page_at_a_time(demo_db):
    model = LedgerModel(lambda: NOW)
    model.reload()
    assert model.rowCount() == ledger_view.PAGE_SIZE and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * ledger_view.PAGE_SIZE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 500 and not model.canFetchMore(QModelIndex())
    assert model.total() == 500


def test_sort_requeries_and_rows_are_coloured(demo_db):
    model = LedgerModel(lambda: NOW)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    codes = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert codes == sorted(codes) and model.rowCount() == 200
    model.set_filter(LedgerFilter(colour="red"))
    colour_column = [key for key, _title in COLUMNS].index("colour")
    assert model.rowCount() > 0
    assert all(model.index(r, colour_column).data().startswith("红") for r in range(model.rowCount()))
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) == ROW_TINTS["red"]
