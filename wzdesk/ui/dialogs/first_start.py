"""First start on an empty database: offer demo data, or set the office up clean in a small wizard."""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wzdesk.errors import UserError
from wzdesk.office import first_start, settings
from wzdesk.office.numbering import KIND_LABELS
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import refuse

DEMO, CLEAN = 1, 2


class FirstStartDialog(QDialog):
    """Ask what to do with a new, empty database; `done()` code is DEMO or CLEAN (0 when closed)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dialog_first_start")
        self.setWindowTitle(_("欢迎使用问政督办台"))
        intro = QLabel(_("<h3>这是一个新的数据库</h3>还没有承办单位，也没有工单。您可以：<ul>"
                         "<li><b>载入演示数据</b>：生成一批逼真的工单、单位和督办记录，先熟悉操作；</li>"
                         "<li><b>从空白开始</b>：填写督办室名称和承办单位，正式使用。</li></ul>"))
        intro.setWordWrap(True)
        self.cases = QSpinBox()
        self.cases.setObjectName("demo_cases")
        self.cases.setRange(100, 1_000_000)
        self.cases.setSingleStep(1000)
        self.cases.setValue(2000)
        self.cases.setSuffix(_(" 件"))
        demo = QPushButton(_("载入演示数据"))
        demo.setObjectName("choose_demo")
        clean = QPushButton(_("从空白开始…"))
        clean.setObjectName("choose_clean")
        demo.clicked.connect(lambda: self.done(DEMO))
        clean.clicked.connect(lambda: self.done(CLEAN))
        form = QFormLayout()
        form.addRow(_("演示工单数量"), self.cases)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(demo)
        layout.addWidget(clean)


class _OfficePage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(_("督办室"))
        self.setSubTitle(_("名称印在各类文书的红头上；机关代字用于文号，如 邵问督函〔2026〕1号。"))
        self.name = QLineEdit(settings.get("office_name"))
        self.name.setObjectName("office_name")
        form = QFormLayout(self)
        form.addRow(_("督办室名称"), self.name)
        self.measures = QLineEdit(settings.get("office_measures"))
        self.measures.setObjectName("office_measures")
        form.addRow(_("本地督办问责办法"), self.measures)
        self.codes: dict[str, QLineEdit] = {}
        for kind, code in first_start.document_codes().items():
            edit = QLineEdit(code)
            edit.setObjectName(f"doc_code_{kind}")
            form.addRow(_("{0}机关代字").format(KIND_LABELS[kind]), edit)
            self.codes[kind] = edit

    def chosen_codes(self) -> dict[str, str]:
        return {kind: edit.text() for kind, edit in self.codes.items()}


class _DepartmentsPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(_("承办单位"))
        self.setSubTitle(_("每行一个单位和它的分管领导；以后可在“设置 → 单位与人员”中增改。"))
        self.table = QTableWidget(8, 2)
        self.table.setObjectName("wizard_departments")
        self.table.setHorizontalHeaderLabels([_("单位名称"), _("分管领导")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def rows(self) -> list[tuple[str, str]]:
        def cell(r: int, c: int) -> str:
            item = self.table.item(r, c)
            return item.text().strip() if item else ""
        return [(cell(r, 0), cell(r, 1)) for r in range(self.table.rowCount()) if cell(r, 0)]

    def set_row(self, row: int, name: str, leader: str) -> None:
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(leader))


class CleanStartWizard(QWizard):
    """Enter the office's name and departments; Finish writes them, a refusal keeps the wizard open."""

    def __init__(self, clock: Callable[[], datetime], parent: QWidget | None = None, *, operator: Callable):
        super().__init__(parent)
        self.setObjectName("wizard_clean_start")
        self._operator = operator
        self.setWindowTitle(_("从空白开始"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self._clock = clock
        self.office = _OfficePage()
        self.departments = _DepartmentsPage()
        self.addPage(self.office)
        self.addPage(self.departments)
        for button, text in [(QWizard.WizardButton.NextButton, "下一步"), (QWizard.WizardButton.BackButton, "上一步"),
                             (QWizard.WizardButton.FinishButton, "完成"), (QWizard.WizardButton.CancelButton, "取消")]:
            self.setButtonText(button, _(text))

    def accept(self) -> None:
        try:
            first_start.start_clean(self.office.name.text(), self.departments.rows(), self._clock(), self._operator(),
                                    self.office.chosen_codes(), self.office.measures.text())
        except UserError as exc:
            refuse(self, exc, _("未能建立台账"))
            return
        super().accept()
