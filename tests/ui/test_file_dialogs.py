"""Browsing the database's folder in a file dialog keeps the window's SQLite locks (issue 18)."""

import subprocess
import sys

from wzdesk.models import Case
from wzdesk.ui.app import make_application
from wzdesk.ui.dialogs.file_dialogs import make_dialog

TRY_TAKE_OVER = ("import sqlite3, sys; con = sqlite3.connect(sys.argv[1], timeout=0.3);"
                 " print(con.execute('PRAGMA journal_mode=DELETE').fetchone()[0])")


def another_process_takes_over(database) -> bool:
    """Return whether a second process could switch the database out of WAL (only if no one else has it open)."""
    result = subprocess.run([sys.executable, "-c", TRY_TAKE_OVER, str(database)], capture_output=True, text=True,
                            timeout=30)
    return result.returncode == 0 and "delete" in result.stdout


def test_the_dialog_lists_the_database_folder_without_dropping_the_locks(qtbot, database):
    make_application()
    Case.select().count()  # the window's connection is open and has read the database
    assert not another_process_takes_over(database)
    dialog = make_dialog(None, "导出", str(database.parent), "Excel 工作簿 (*.xlsx);;全部文件 (*)")
    qtbot.addWidget(dialog)
    dialog.selectNameFilter("全部文件 (*)")
    dialog.show()
    qtbot.wait(1500)  # the dialog's model gathers every entry's details in a thread of its own
    dialog.close()
    assert not another_process_takes_over(database)
    assert Case.select().count() == 0
