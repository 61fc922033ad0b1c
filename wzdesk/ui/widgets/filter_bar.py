"""The ledger's filter bar: status, department, grade, category, colour, received dates, overdue only, 督办清单."""

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel, QToolButton, QWidget

from wzdesk.ledger.view import LedgerFilter
from wzdesk.office import duty_menus, units
from wzdesk.ui.i18n import _
from wzdesk.vocabulary import COLOUR_LABELS, GRADE_LABELS, STATUS_LABELS

ALL = None  # the data of each combo's first entry, "全部"
# Characters a drop-down shows before eliding: a long unit name is cut with "…" and told in full in the tooltip.
SHOWN_CHARS = {"filter_department": 12, "filter_category": 6}


def _combo(name: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(_("全部"), ALL)
    for text, value in items:
        combo.addItem(text, value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(SHOWN_CHARS.get(name, 4))
    combo.currentTextChanged.connect(combo.setToolTip)
    _tell_items_in_full(combo)
    return combo


def _tell_items_in_full(combo: QComboBox) -> None:
    """Let the opened list show whole names, and each item say its name in its tooltip."""
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
    for row in range(combo.count()):
        combo.setItemData(row, combo.itemText(row), Qt.ItemDataRole.ToolTipRole)


def _select(combo: QComboBox, value) -> None:
    index = 0 if value in (None, "") else combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class FilterBar(QWidget):
    """Widgets that build a LedgerFilter; emits `changed` whenever the clerk alters one."""

    changed = Signal()

    def __init__(self, parent=None, today: date | None = None):
        super().__init__(parent)
        self._today = today or date.today()  # the window's clock: the date range starts on its day
        self._text = ""
        self._board_cell: tuple[int | None, str] | None = None
        self.status = _combo("filter_status", [(label, code) for code, label in STATUS_LABELS.items()])
        self.department = _combo("filter_department", [])
        self.grade = _combo("filter_grade", [(label + "件", code) for code, label in GRADE_LABELS.items()])
        self.category = _combo("filter_category", [])
        self.colour = _combo("filter_colour", [(label, code) for code, label in COLOUR_LABELS.items()])
        self.use_dates = QCheckBox(_("受理日期"))
        self.date_from = self._date_edit("filter_from")
        self.date_to = self._date_edit("filter_to")
        self.overdue = QCheckBox(_("只看超期"))
        self.overdue.setObjectName("filter_overdue")
        self.supervised = QCheckBox(_("督办清单"))
        self.supervised.setObjectName("filter_supervised")
        self.supervised.setToolTip(_("只看列入督办清单、尚未办结的工单"))
        self.clear = QToolButton()
        self.clear.setText(_("清除筛选"))
        self.count_label = QLabel()
        self.count_label.setObjectName("ledger_count")
        self._lay_out()
        self.reload_choices()
        self._connect()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(self._today))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        return edit

    def _lay_out(self) -> None:
        """Two rows, so the bar fits a 1366-pixel screen beside the navigation and the case pane."""
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        choices = QHBoxLayout()
        for label, widget in [("状态", self.status), ("承办单位", self.department), ("分级", self.grade),
                              ("类型", self.category), ("颜色", self.colour)]:
            choices.addWidget(QLabel(_(label)))
            choices.addWidget(widget, 2 if widget is self.department else 1)
        grid.addLayout(choices, 0, 0)
        row = QHBoxLayout()
        grid.addLayout(row, 1, 0)
        row.addWidget(self.use_dates)
        row.addWidget(self.date_from)
        row.addWidget(QLabel("—"))
        row.addWidget(self.date_to)
        row.addWidget(self.overdue)
        row.addWidget(self.supervised)
        row.addWidget(self.clear)
        row.addStretch(1)
        row.addWidget(self.count_label)

    def _connect(self) -> None:
        for combo in (self.status, self.department, self.grade, self.category, self.colour):
            combo.currentIndexChanged.connect(self.changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._dates_changed)
        self.use_dates.toggled.connect(self._toggle_dates)
        self.overdue.toggled.connect(self.changed)
        self.supervised.toggled.connect(self.changed)
        self.clear.clicked.connect(self.reset)

    def _toggle_dates(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.changed.emit()

    def _dates_changed(self) -> None:
        if self.use_dates.isChecked():
            self.changed.emit()

    def reload_choices(self) -> None:
        """Fill the department and category lists from the database, keeping the current choices."""
        for combo, rows in ((self.department, units.all_departments()),
                            (self.category, duty_menus.ordered_categories())):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for row in rows:
                combo.addItem(row.name, row.id)
            _tell_items_in_full(combo)
            _select(combo, current)
            combo.setToolTip(combo.currentText())
            combo.blockSignals(False)

    def current(self) -> LedgerFilter:
        """Return the filter the widgets describe, with the search text."""
        dates = self.use_dates.isChecked()
        return LedgerFilter(
            status=self.status.currentData() or "",
            department_id=self.department.currentData(),
            grade=self.grade.currentData() or "",
            category_id=self.category.currentData(),
            colour=self.colour.currentData() or "",
            received_from=self.date_from.date().toPython() if dates else None,
            received_to=self.date_to.date().toPython() if dates else None,
            overdue_only=self.overdue.isChecked(),
            supervised_only=self.supervised.isChecked(),
            text=self._text,
            held_by="department" if self._board_cell == (self.department.currentData(),
                                                         self.colour.currentData() or "") else "",
        )

    def set_text(self, text: str) -> None:
        """Search for words (or a code) within the other filters."""
        self._text = text.strip()
        self.changed.emit()

    def show_filter(self, flt: LedgerFilter) -> None:
        """Set every widget to `flt` and emit `changed` once."""
        self.blockSignals(True)
        _select(self.status, flt.status or ALL)
        _select(self.department, flt.department_id)
        _select(self.grade, flt.grade or ALL)
        _select(self.category, flt.category_id)
        _select(self.colour, flt.colour or ALL)
        self.use_dates.setChecked(flt.received_from is not None or flt.received_to is not None)
        if flt.received_from:
            self.date_from.setDate(QDate(flt.received_from))
        if flt.received_to:
            self.date_to.setDate(QDate(flt.received_to))
        self.overdue.setChecked(flt.overdue_only)
        self.supervised.setChecked(flt.supervised_only)
        self._text = flt.text
        # A board cell counts the department's own cases; kept while its department and colour stay chosen.
        self._board_cell = (flt.department_id, flt.colour) if flt.held_by == "department" else None
        self.blockSignals(False)
        self.changed.emit()

    def reset(self) -> None:
        """Clear every filter and the search."""
        self.show_filter(LedgerFilter())

    def save(self, store: QSettings) -> None:
        """Remember the filters for the next start."""
        flt = self.current()
        store.beginGroup("ledger_filter")
        for key, value in (("status", flt.status), ("department", flt.department_id), ("grade", flt.grade),
                           ("category", flt.category_id), ("colour", flt.colour), ("overdue", flt.overdue_only),
                           ("supervised", flt.supervised_only)):
            store.setValue(key, "" if value is None else value)
        store.endGroup()

    def restore(self, store: QSettings) -> None:
        """Bring back the filters of the last session (not the search text, nor dates)."""
        store.beginGroup("ledger_filter")
        flt = LedgerFilter(
            status=str(store.value("status", "")),
            department_id=_int_or_none(store.value("department", "")),
            grade=str(store.value("grade", "")),
            category_id=_int_or_none(store.value("category", "")),
            colour=str(store.value("colour", "")),
            overdue_only=str(store.value("overdue", "false")).lower() == "true",
            supervised_only=str(store.value("supervised", "false")).lower() == "true",
        )
        store.endGroup()
        self.show_filter(flt)

    def with_department_colour(self, department_id: int | None, colour: str) -> None:
        """Narrow to one department's own cases of a colour (from the board), clearing the rest."""
        held_by = "department" if department_id is not None else ""
        self.show_filter(replace(LedgerFilter(), department_id=department_id, colour=colour, held_by=held_by))


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
