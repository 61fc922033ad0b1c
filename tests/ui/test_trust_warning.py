"""The window warns loudly when the ledger no longer holds the checkpoint kept at the last opening."""

from PySide6.QtWidgets import QLabel

from wzdesk.office.checkpoints import beside
from wzdesk.ui.trust_warning import keep_on_closing, warn_on_opening


def test_a_clean_opening_keeps_the_checkpoint_and_shows_nothing(window):
    assert warn_on_opening(window, window.db_path) == []
    assert window.statusBar().findChild(QLabel, "status_trust") is None
    kept = beside(window.db_path).read_text().strip()
    count = int(kept.split(":")[0])
    assert count > 500  # the demo's events, each counted


def test_a_kept_checkpoint_the_ledger_broke_is_shown_in_red(window):
    keep_on_closing(window.db_path)
    count = beside(window.db_path).read_text().split(":")[0]
    beside(window.db_path).write_text(f"{count}:0123456789abcdef\n")  # the file was re-chained since
    warnings = warn_on_opening(window, window.db_path)
    label = window.statusBar().findChild(QLabel, "status_trust")
    assert len(warnings) == 1 and "台账可能被篡改" in warnings[0] and f"{count}:0123456789abcdef" in warnings[0]
    assert label is not None and label.isVisible() and "篡改" in label.text()
    assert beside(window.db_path).read_text().startswith(f"{count}:0123456789abcdef")  # left for the next look


def test_an_event_forged_after_the_last_write_is_shown_in_the_warning_dialog(qtbot, window):
    """The demo's writes kept the checkpoint; one event appended behind the app's back is named loudly."""

    from tests.ledger.test_kept_checkpoint import forge_appended
    from wzdesk.ui.trust_warning import show_warnings

    kept = beside(window.db_path).read_text().strip()
    forged = forge_appended(window.db_path)
    warnings = warn_on_opening(window, window.db_path)
    assert len(warnings) == 1 and "不是本程序写入" in warnings[0] and f"第 {forged} 号" in warnings[0]
    assert kept in warnings[0] and window.statusBar().findChild(QLabel, "status_trust").isVisible()
    box = show_warnings(window, warnings)
    qtbot.waitUntil(box.isVisible, timeout=3000)
    assert box.objectName() == "trust_warning" and "不是本程序写入" in box.text()
    box.close()
    assert beside(window.db_path).read_text().strip() == kept  # left for the next look

