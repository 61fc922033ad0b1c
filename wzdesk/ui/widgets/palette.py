"""The board's colours as the window paints them: pale tints for ledger rows, full tones for the board."""

from PySide6.QtGui import QColor

ROW_TINTS = {
    "green": QColor("#e6f4e4"),
    "yellow": QColor("#fff5c2"),
    "orange": QColor("#ffdcb0"),
    "red": QColor("#ffcfcf"),
    "grey": QColor("#eeeeee"),
}
CELL_TONES = {
    "green": QColor("#8fd18a"),
    "yellow": QColor("#f7e26b"),
    "orange": QColor("#f5a85a"),
    "red": QColor("#e8685f"),
    "grey": QColor("#c9c9c9"),
}
TEXT_DARK = QColor("#202020")
