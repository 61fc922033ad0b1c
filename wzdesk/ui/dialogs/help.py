"""帮助: the clerk's guide shipped with the app, and 关于 with the version, database, backups and crash log."""

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

import wzdesk
from wzdesk.office.backup import backup_folder
from wzdesk.office.database import data_dir
from wzdesk.resources import read_text
from wzdesk.ui.i18n import _

GUIDE = "使用说明.md"


class GuideDialog(QDialog):
    """使用说明: the morning routine, read from the package's resources."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guide")
        self.setWindowTitle(_("使用说明"))
        self.resize(640, 560)
        self.text = QTextBrowser()
        self.text.setObjectName("guide_text")
        self.text.setMarkdown(read_text("guide", GUIDE))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def about_text(db_path: Path) -> str:
    """Return 关于's text: what the app is, its version, the database in use, the backup folder and crash log."""
    rows = [(_("版本"), wzdesk.__version__), (_("数据库"), str(db_path)), (_("自动备份文件夹"), str(backup_folder())),
            (_("错误日志"), str(data_dir() / "crash.log"))]
    table = "".join(f"<tr><td style='padding-right:8px'>{k}</td><td>{v}</td></tr>" for k, v in rows)
    return _("<h3>问政督办台</h3><p>网络问政督办室的桌面工作台：受理、派单、催办、核验、回访、问责，全流程留痕。</p>"
             ) + f"<table>{table}</table>"


def show_about(parent: QWidget, db_path: Path) -> QMessageBox:
    """Show 关于 without blocking; return the box."""
    box = QMessageBox(QMessageBox.Icon.Information, _("关于问政督办台"), about_text(db_path),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("about")
    box.open()
    return box
