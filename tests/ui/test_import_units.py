"""The import wizard asks about every new unit before it writes anything (issue 20): each is confirmed as new
or mapped to a unit of the ledger, and the mapping is saved for the platform; the next list of that platform,
in the wizard or on the command line (import --mapping), maps the same names by itself.

The lists are real .xls files written by xlwt, as the platforms' old systems write them.
"""

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import xlwt
from PySide6.QtCore import Qt

from wzdesk.models import Case, CaseCoDepartment, Department, Operator
from wzdesk.office import settings
from wzdesk.ui.app import make_application
from wzdesk.ui.dialogs.import_wizard import UNITS_TAB, ImportDialog

NOW = datetime(2026, 10, 20, 9, 0)
WAIT = 60_000
HEADER = ["工单编号", "工单标题", "来电时间", "派发时间", "责任部门", "配合单位", "处理状态"]
SHORT = "市城管局"  # the platform's short name of 邵阳市城市管理和综合执法局
LEDGER_NAME = "邵阳市城市管理和综合执法局"
BRAND_NEW = "邵阳市新设水务集团"


def write_xls(path, rows):
    workbook = xlwt.Workbook(encoding="utf-8")
    ws = workbook.add_sheet("工单")
    ws.write(0, 0, "12345 热线工单导出")
    for r, row in enumerate([HEADER, *rows], start=1):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    workbook.save(str(path))
    return path


FIRST = [
    ["U-001", "路灯不亮", "2026-10-08 09:00", "2026-10-08 10:00", SHORT, BRAND_NEW, "处理中"],
    ["U-002", "井盖缺失", "2026-10-09 09:00", "2026-10-09 10:00", BRAND_NEW, f"{SHORT}/邵阳市生态环境局", "已派发"],
]
SECOND = [["U-003", "垃圾满溢", "2026-10-12 09:00", "2026-10-12 10:00", SHORT, "", "已派发"]]


@pytest.fixture
def clerk(departments):
    return Operator.create(username="wangfang", display_name="王芳", role="clerk", created_at=NOW)


def _wizard(qtbot, path, clerk) -> ImportDialog:
    make_application()
    dialog = ImportDialog(path, clerk, lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    _finish(qtbot, dialog.start())
    return dialog


def _finish(qtbot, task):
    with qtbot.waitSignal(task.finished, timeout=WAIT) as blocker:
        pass
    return blocker.args


def test_new_units_are_confirmed_or_mapped_before_anything_is_written(qtbot, tmp_path, clerk):
    dialog = _wizard(qtbot, write_xls(tmp_path / "十月.xls", FIRST), clerk)
    assert dialog.tabs.isTabVisible(UNITS_TAB) and dialog.tabs.currentIndex() == UNITS_TAB
    assert dialog.tabs.tabText(UNITS_TAB) == "新单位 2 个"
    assert sorted(dialog.units.names) == sorted([BRAND_NEW, SHORT])
    assert not dialog.import_button.isEnabled() and "2 个本系统没有的单位" in dialog.status.text()

    dialog.units.choose(SHORT, LEDGER_NAME)
    assert not dialog.import_button.isEnabled()  # one still waits
    assert "1 个本系统没有的单位（邵阳市新设水务集团）" in dialog.status.text()
    box = dialog.units.choice_box(BRAND_NEW)
    box.setCurrentIndex(1)  # 新建为新单位, as the clerk picks it
    assert box.currentText() == "新建为新单位" and dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.units.save, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.units.platform, "12345")  # QTest types ASCII only; the rest as an input method would
    dialog.units.platform.insert("热线")
    assert Case.select().count() == 0  # nothing written while choosing

    result, cancelled, error = _finish(qtbot, dialog.start_import())
    assert (result.created, cancelled, error) == (2, False, "")
    first, second = Case.by_code("U-001"), Case.by_code("U-002")
    assert first.lead_department.name == LEDGER_NAME and second.lead_department.name == BRAND_NEW
    co = {c.code: {link.department.name for link in CaseCoDepartment.select().where(CaseCoDepartment.case == c)}
          for c in (first, second)}
    assert co == {"U-001": {BRAND_NEW}, "U-002": {LEDGER_NAME, "邵阳市生态环境局"}}
    assert Department.get_or_none(Department.name == SHORT) is None
    assert json.loads(settings.get("import_unit_mappings")) == {"12345热线": {SHORT: LEDGER_NAME}}


def test_the_saved_mapping_maps_the_next_list_in_the_wizard_and_on_the_command_line(qtbot, tmp_path, clerk,
                                                                                     database):
    settings.put_import_choice("import_unit_mappings", json.dumps({"12345热线": {SHORT: LEDGER_NAME}}), NOW, clerk)
    path = write_xls(tmp_path / "十一月.xls", SECOND)
    dialog = _wizard(qtbot, path, clerk)
    assert dialog.units.names == [SHORT] and not dialog.import_button.isEnabled()  # without the platform
    dialog.platform.setCurrentIndex(dialog.platform.findText("12345热线"))  # reads the file again
    _finish(qtbot, dialog.task)
    assert not dialog.tabs.isTabVisible(UNITS_TAB) and dialog.import_button.isEnabled()
    dialog.close()

    # the command line: without the platform the new unit is listed; with it the name is mapped
    plain = _command(database, "import", str(path), "--at", "2026-10-20 09:00")
    assert plain.returncode == 0 and f"新单位 1 个：{SHORT}" in plain.stdout


def test_the_command_line_maps_units_by_the_platforms_mapping(tmp_path, clerk, database):
    settings.put_import_choice("import_unit_mappings", json.dumps({"12345热线": {SHORT: LEDGER_NAME}}), NOW, clerk)
    path = write_xls(tmp_path / "十一月.xls", SECOND)
    done = _command(database, "import", str(path), "--mapping", "12345热线", "--at", "2026-10-20 09:00")
    assert done.returncode == 0, done.stderr
    assert "新单位" not in done.stdout and f"按平台对照改用已有单位：{SHORT}→{LEDGER_NAME}" in done.stdout
    assert Case.by_code("U-003").lead_department.name == LEDGER_NAME


def _command(database, *args):
    root = Path(__file__).resolve().parents[2]
    return subprocess.run([sys.executable, str(root / "main.py"), "--db", str(database), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
