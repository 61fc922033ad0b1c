"""The window's Excel commands: the import wizard, exporting the current view, saving the template."""

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox
from python_calamine import CalamineWorkbook

from tests.exchange.test_import_export import ROWS, platform_list
from wzdesk.ledger import view as ledger_view
from wzdesk.models import Case, CaseEvent, Department, db
from wzdesk.ui.actions import ActionId

WAIT = 60_000


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "平台 导出 文件"
    path.mkdir()
    return path


def finish(qtbot, task):
    """Wait for a background task to end; return (result, cancelled, error)."""
    with qtbot.waitSignal(task.finished, timeout=WAIT) as blocker:
        pass
    return blocker.args


def close_box(widget, name: str) -> str:
    """Return the text of the message box called `name` over `widget`, closing it."""
    box = widget.findChild(QMessageBox, name)
    assert box is not None, f"no {name} box was shown"
    text = box.text()
    box.setObjectName("seen")
    box.close()
    return text


def test_excel_actions_are_in_the_menus_and_enabled(window):
    """导入诉求清单 and 下载导入模板 sit in 文件; 导出本页表格 (Ctrl+E) is enabled and in 文件 (issue 22's menus)."""
    menus = {menu.title(): [a.text() for a in menu.actions()] for menu in window.menuBar().findChildren(type(
        window.menuBar().actions()[0].menu()))}
    assert "导入诉求清单(&I)…" in menus["文件(&F)"] and "下载导入模板(&T)…" in menus["文件(&F)"]
    assert "导出本页表格(&E)…" in menus["文件(&F)"]
    assert window.actions[ActionId.EXPORT].isEnabled()


def test_a_good_file_goes_through_the_wizard_into_the_ledger(qtbot, qtmodeltester, window, folder, tmp_path):
    """Preview: column mapping, new rows, the department to create; 导入 writes them; the ledger shows them."""
    before = window.ledger_model.total()
    rows = [list(r) for r in ROWS]
    rows[0][8] = "邵阳市 新设 水务集团"
    dialog = window.excel.import_cases(platform_list(folder / "12345 工单 十月.xlsx", rows))
    result, cancelled, error = finish(qtbot, dialog.task)
    assert not error and not cancelled
    for model in (dialog.mapping_model, dialog.new_model, dialog.updated_model, dialog.unchanged_model):
        qtmodeltester.check(model)
    mapping = dict(dialog.mapping_model.rows)
    assert mapping["转办时间"] == "派单时间" and mapping["来电号码"] == "联系电话"
    assert dialog.tabs.tabText(1) == "新增 3 件" and dialog.new_model.rowCount() == 3
    assert "将新建承办单位 1 个：邵阳市 新设 水务集团" in dialog.notes.text()
    # issue 20: a new unit is confirmed (or mapped to an existing one) before 导入 is offered
    assert not dialog.import_button.isEnabled()
    dialog.units.choose("邵阳市 新设 水务集团", None)
    assert dialog.import_button.isEnabled()
    dialog.grab().save(str(tmp_path / "import-preview.png"))
    qtbot.mouseClick(dialog.import_button, qtbot_left())
    result, cancelled, error = finish(qtbot, dialog.task)
    assert (result.created, error) == (3, "")
    assert "新增 3 件" in dialog.status.text()
    assert Case.by_code("SY-002").status == "in_progress"
    assert window.ledger_model.total() == before + 3


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_bad_file_lists_every_problem_and_saves_a_marked_copy(qtbot, qtmodeltester, window, folder, tmp_path):
    """A refused file shows sheet, row, column, value and message per problem; the marked copy is written."""
    rows = [list(r) for r in ROWS]
    rows[2][7], rows[0][1] = "2026/13/45", None
    source = platform_list(folder / "有 错误.xlsx", rows)
    dialog = window.excel.import_cases(source)
    finish(qtbot, dialog.task)
    qtmodeltester.check(dialog.problem_model)
    problems = dialog.problem_model.rows
    assert len(problems) == 2 and problems[0][:3] == ("Sheet", 3, "诉求标题（B列）")
    assert problems[1][3] == "2026/13/45" and "2 个问题" in dialog.status.text()
    assert not dialog.mark_button.isHidden() and not dialog.import_button.isEnabled()
    dialog.grab().save(str(tmp_path / "import-problems.png"))
    out = dialog.save_marked_copy(folder / "有 错误（标注问题）.xlsx")
    assert "已保存" in close_box(dialog, "information")
    marked = openpyxl.load_workbook(out)
    assert marked.sheetnames[0] == "导入问题" and marked["Sheet"]["H5"].comment is not None
    assert Case.by_code("SY-001") is None


@pytest.mark.parametrize(("content", "says"), [
    # Issue 20: files are judged by content, so text is read as CSV and an OLE file as an old .xls.
    (b"code,title\nSY-1,x\n", "找不到表头"),
    (b"", "是空的"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "Excel 97–2003 工作簿（.xls），但不是有效的 Excel 工作簿"),
    (b"%PDF-1.7\n", "是PDF 文档，不是工作簿"),
])
def test_a_file_that_cannot_be_read_says_why(qtbot, window, folder, content, says):
    """No header, empty, a damaged .xls, a PDF: one clear message saying what the file is, nothing to mark."""
    path = folder / "诉求 清单.xlsx"
    path.write_bytes(content)
    dialog = window.excel.import_cases(path)
    finish(qtbot, dialog.task)
    assert says in dialog.status.text() and dialog.mark_button.isHidden()


def test_cancelling_the_import_writes_nothing(qtbot, window, folder):
    """Cancel while the import waits for the database: the transaction rolls back, nothing is written."""
    dialog = window.excel.import_cases(platform_list(folder / "取消 导入.xlsx", ROWS))
    finish(qtbot, dialog.task)
    cases, events, departments = Case.select().count(), CaseEvent.select().count(), Department.select().count()
    db.execute_sql("BEGIN IMMEDIATE")  # hold the write lock so the worker is still waiting when we cancel
    task = dialog.start_import()
    task.cancel()
    db.execute_sql("ROLLBACK")
    result, cancelled, error = finish(qtbot, task)
    assert cancelled and not error and result.created == 0
    assert "已取消导入" in dialog.status.text() and dialog.import_button.isEnabled()
    assert (Case.select().count(), CaseEvent.select().count(), Department.select().count()) == (
        cases, events, departments)


def test_export_writes_the_current_view_and_offers_to_open_it(qtbot, window, folder):
    """Ctrl+E exports what the ledger shows (here 办理中 only), read back by openpyxl and calamine."""
    combo = window.ledger.filters.status
    combo.setCurrentIndex(combo.findData("in_progress"))
    flt = window.ledger_model.ledger_filter
    assert flt.status == "in_progress"
    out = folder / "办理中 台账.xlsx"
    count, _cancelled, error = finish(qtbot, window.excel.export_view(out))
    assert not error and count == ledger_view.count(flt, window.clock()) > 0
    assert "现在打开吗" in close_box(window, "file_written")
    ws = openpyxl.load_workbook(out).active
    assert {row[16].value for row in ws.iter_rows(min_row=4)} == {"办理中"}
    with CalamineWorkbook.from_path(out) as workbook:
        assert len(workbook.get_sheet_by_index(0).to_python()) == 3 + count


def test_template_is_saved_from_the_file_menu(qtbot, window, folder):
    out = window.excel.save_template(folder / "导入 模板.xlsx")
    assert "导入模板" in close_box(window, "file_written")
    assert openpyxl.load_workbook(out).sheetnames == ["诉求清单", "填写说明", "选项"]


def test_the_preview_shows_whole_platform_codes(qtbot, window, folder):
    """A platform code of 22 characters is shown whole in the preview, not cut to "SY12345-20261130-00…"."""
    rows = [list(r) for r in ROWS]
    rows[0][0] = "SY12345-20261130-000017"
    dialog = window.excel.import_cases(platform_list(folder / "长编号.xlsx", rows))
    finish(qtbot, dialog.task)
    view = dialog.tabs.widget(1)
    index = next(dialog.new_model.index(r, 1) for r in range(dialog.new_model.rowCount())
                 if dialog.new_model.index(r, 1).data() == rows[0][0])
    needed = view.fontMetrics().horizontalAdvance(index.data())
    assert view.columnWidth(1) > needed
    dialog.reject()


def test_the_clerk_chooses_the_export_columns_and_the_choice_holds(qtbot, window, folder):
    """导出哪些列: unticking all but five columns exports those five (they fit one A4 page across), and the next
    export keeps the choice."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QDialogButtonBox

    from wzdesk.ui.dialogs.export_columns import ExportColumnsDialog

    keep = ["工单编号", "标题", "受理时间", "承办单位", "办理状态"]

    def choose():
        dialog = window.findChild(ExportColumnsDialog, "export_columns")
        for i in range(dialog.list.count()):
            item = dialog.list.item(i)
            if item.text() not in keep:
                item.setCheckState(Qt.CheckState.Unchecked)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose)
    assert window.excel.ask_columns()
    out = folder / "五列.xlsx"
    count, _cancelled, error = finish(qtbot, window.excel.export_view(out))
    close_box(window, "file_written")
    ws = openpyxl.load_workbook(out).active
    assert not error and [c.value for c in ws[3]] == keep and ws.max_row == 3 + count
    assert (str(ws.page_setup.paperSize), int(ws.page_setup.scale) >= 70) == ("9", True)
    assert window.excel.export_columns() == keep
