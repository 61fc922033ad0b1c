"""合并重复诉求 / 撤销合并: the case pane's dialogs for a repeat complaint; each calls wzdesk.cases.repeats."""

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from wzdesk.cases import repeats
from wzdesk.errors import UserError
from wzdesk.ledger import queries as ledger_queries
from wzdesk.ui.dialogs.case import CaseActionDialog
from wzdesk.ui.i18n import _


class MergeDialog(CaseActionDialog):
    """Merge the shown case into a main case: the similar open cases offered first, any code accepted."""

    action = "merge"

    def build(self) -> None:
        self.main = QComboBox()
        self.main.setObjectName("merge_main")
        self.main.setEditable(True)
        self.main.lineEdit().setPlaceholderText(_("主件的工单编号"))
        for found in repeats.similar_to(self.case, self.at):
            self.main.addItem(found.line(), found.code)
        self.reopen = QCheckBox(_("主件已办结而问题仍未解决：重新办理主件"))
        self.reopen.setObjectName("merge_reopen")
        self.note = QLineEdit()
        self.note.setObjectName("merge_note")
        self.note.setPlaceholderText(_("（可不填）"))
        self.form.addRow(_("合并到"), self.main)
        self.form.addRow("", self.reopen)
        self.form.addRow(_("说明"), self.note)

    def main_code(self) -> str:
        """Return the main case's code: the chosen similar case, or the code typed."""
        index = self.main.currentIndex()
        if index >= 0 and self.main.currentText() == self.main.itemText(index):
            return self.main.itemData(index)
        return self.main.currentText().strip()

    def apply(self) -> None:
        code = self.main_code()
        if not code:
            raise UserError(_("请选择或填写主件的工单编号。"))
        main = ledger_queries.find_case(code)
        repeats.merge(self.case, main, self.at, self.operator, reopen=self.reopen.isChecked(),
                      note=self.note.text(), expected_version=self.version)


class UnmergeDialog(CaseActionDialog):
    """Undo the merge of the shown case: it gets back the status it had."""

    action = "unmerge"

    def build(self) -> None:
        self.form.addRow(_("主件"), QLineEdit(self.case.merged_into.code if self.case.merged_into_id else ""))

    def apply(self) -> None:
        repeats.unmerge(self.case, self.at, self.operator, expected_version=self.version)


REPEAT_DIALOGS = {cls.action: cls for cls in (MergeDialog, UnmergeDialog)}
