"""The toolbar's search lands on a case from part of its code, with or without the prefix."""

from PySide6.QtCore import Qt

from wzdesk.models import Case


def test_part_of_a_code_lands_on_the_case(window, qtbot):
    case = Case.get(Case.code == "WZ-2026-000123")
    for text in ("000123", "2026-000123"):
        window.search_box.setText(text)
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
        assert window.ledger_model.total() == 1
        assert window.ledger.current_case_id() == case.id
        assert case.code in window.case_pane.header.text()


def test_a_part_held_by_several_codes_lists_them(window, qtbot):
    window.case_pane.show_case(None)
    window.search_box.setText("00012")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    codes = {window.ledger_model.index(r, 0).data() for r in range(window.ledger_model.rowCount())}
    assert codes == {c.code for c in Case.select() if "00012" in c.code}
    assert len(codes) == 11
