"""Menus as Windows users expect, built from the registry: every page's export, Ctrl+P, 注销, 使用说明, 关于."""

from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication, QToolBar

from tests.ui.conftest import NOW
from wzdesk.board import counts as board
from wzdesk.models import Case, Observer, Operator
from wzdesk.office.backup import backup_folder
from wzdesk.office.database import data_dir
from wzdesk.supervision.ladder import run_ladder
from wzdesk.ui.actions import MENUS, SPECS, ActionId


def _menu_texts(window) -> dict[str, list[str]]:
    return {a.text().split("(")[0]: [x.text() for x in a.menu().actions() if x.text()]
            for a in window.menuBar().actions()}


def test_every_menu_has_real_items_from_the_registry(window):
    menus = _menu_texts(window)
    assert list(menus) == ["文件", "编辑", "视图", "督办", "文书", "统计", "设置", "帮助"]
    assert all(len(items) >= 3 for items in menus.values())
    for (_title, ids), items in zip(MENUS, menus.values(), strict=True):
        # a submenu (督办 → 所选工单, 问责, 约谈 …) shows as its title; its own items come from the registry too
        assert items == [i[0] if isinstance(i, tuple) else SPECS[i].text for i in ids if i is not None]
    assert "注销 / 切换用户(&U)…" in menus["文件"] and "使用说明(&G)" in menus["帮助"]
    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert toolbar.actions()[0] is window.actions[ActionId.IMPORT_CASES]


def test_ctrl_p_is_active_on_today_and_says_why_elsewhere(window):
    window.show_page("今日督办")
    assert window.actions[ActionId.PRINT].isEnabled()
    window.show_page("观察员")
    assert not window.actions[ActionId.PRINT].isEnabled()
    assert "请先切换" in window.actions[ActionId.PRINT].toolTip()
    window.show_page("设置")
    assert not window.actions[ActionId.EXPORT].isEnabled()
    assert "没有可导出的表格" in window.actions[ActionId.EXPORT].toolTip()


def test_export_on_observers_exports_the_roster_not_the_ledger(window, tmp_path):
    window.show_page("观察员")
    out = tmp_path / "名册.xlsx"
    window.export_current(out)
    sheet = load_workbook(out).active
    assert sheet.title == "观察员名册"
    header = [c.value for c in sheet[3]]
    names = {row[header.index("姓名")] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert names == {o.name for o in Observer.select().where(Observer.retired_on.is_null())}


def test_export_on_the_board_writes_its_counts(window, tmp_path):
    window.show_page("督办看板")
    out = tmp_path / "看板.xlsx"
    window.export_current(out)
    rows = list(load_workbook(out).active.iter_rows(min_row=3, values_only=True))
    assert rows[0][:2] == ("单位", "绿灯")
    counts = board.board_counts(NOW)
    by_name = {r[0]: r for r in rows[1:]}
    for name, cells in counts.items():
        assert by_name[name][1:6] == tuple(str(cells[c]) for c in ("green", "yellow", "orange", "red", "grey"))


def test_export_on_today_lists_the_letters_and_cases(window, operator, tmp_path):
    run_ladder(NOW, operator)
    window.show_page("今日督办")
    out = tmp_path / "今日.xlsx"
    window.export_current(out)
    texts = [r[0] for r in load_workbook(out).active.iter_rows(min_row=4, values_only=True)]
    codes = {t.strip("　") for t in texts if t.strip("　").startswith("WZ-")}
    assert codes and codes <= {c.code for c in Case.select()}


def test_switch_user_signs_in_as_the_supervisor_without_restarting(window):
    dialog = window.switch_user()
    dialog.username.setText("liqiang")
    dialog.password.setText("demo2026")
    dialog.accept()
    assert window.operator.username == "liqiang"
    assert window.operator_label.text() == f"操作员：{Operator.get(Operator.username == 'liqiang').display_name}"


def test_guide_is_shipped_and_shown_inside_the_app(window):
    dialog = window.show_guide()
    text = dialog.text.toPlainText()
    assert "每天早上的工作流程" in text and "导入诉求清单" in text and "今日督办" in text
    dialog.close()


def test_about_names_version_database_backups_and_crash_log(window):
    import wzdesk

    box = window.about()
    text = box.text()
    for part in (wzdesk.__version__, str(window.db_path), str(backup_folder()), str(data_dir() / "crash.log")):
        assert part in text
    box.close()


def test_copy_code_copies_the_case_in_the_pane(window):
    case = Case.select().first()
    window.case_pane.show_case(case.id)
    window.actions[ActionId.COPY_CODE].trigger()
    assert QApplication.clipboard().text() == case.code
