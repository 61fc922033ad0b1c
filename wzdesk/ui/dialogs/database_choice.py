"""The first start of a desk: which database it works on — its own file, or the office's shared server."""

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from wzdesk.ui.i18n import _
from wzdesk.ui.messages import warn
from wzdesk.ui.widgets.database_choice import DatabaseChoice


class DatabaseChoiceDialog(QDialog):
    """Ask which database to open; `target` holds the choice once accepted. `problem` says why the last one
    could not be opened (shown above the form)."""

    def __init__(self, current: Path | str | None = None, problem: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("database_choice_dialog")
        self.setWindowTitle(_("选择数据库"))
        self.setMinimumWidth(640)
        self.target: Path | str | None = None
        intro = QLabel(_("<h3>这台电脑使用哪个数据库？</h3>一个人办理，选<b>本机数据库</b>；"
                         "办公室几台电脑共用一本台账，选<b>办公室共享数据库</b>，按信息科给的地址、用户名和密码填写。"
                         "以后可在“设置 → 数据库”中更改。"))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if problem:
            said = QLabel(problem)
            said.setObjectName("open_problem")
            said.setWordWrap(True)
            said.setStyleSheet("color:#b00000")
            layout.addWidget(said)
        self.choice = DatabaseChoice(current, self)
        layout.addWidget(self.choice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("使用这个数据库"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("退出"))
        buttons.accepted.connect(self.choice.confirm_choice)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choice.confirmed.connect(self._use)
        self.choice.refused.connect(lambda why: warn(self, why, _("还不能使用这个数据库")))

    def _use(self, target: Path | str) -> None:
        self.target = target
        self.accept()
