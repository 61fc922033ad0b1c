"""Issue 20 on the command line: the office's own words, a saved mapping by name, nothing dropped in silence."""

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from wzdesk.models import Operator
from wzdesk.office import settings
from wzdesk.office.database import close_database, open_database

ROOT = Path(__file__).resolve().parents[2]


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


def test_office_words_and_a_saved_mapping_import_a_gbk_list(tmp_path):
    """已办毕 (the office's word) is closed; 单号 and 事由 map by the saved mapping; 附件 is listed as unused."""
    db = tmp_path / "台账.sqlite"
    mapping = json.dumps({"某区平台": {"单号": "工单编号", "事由": "标题"}}, ensure_ascii=False)
    open_database(db)
    admin = Operator.create(username="admin2", display_name="管理员", role="admin", created_at=datetime(2026, 10, 1))
    settings.put("import_words", "已办毕=已办结\n承办科室=承办单位", datetime(2026, 10, 1), admin)
    settings.put("import_mappings", mapping, datetime(2026, 10, 1), admin)
    close_database()
    path = tmp_path / "某区 导出.csv"
    path.write_bytes(("单号,事由,受理时间,派单时间,承办科室,状态,办结时间,附件\r\n"
                      "Q1,路灯坏了,2026/10/8 9:05,2026/10/8 10:00,邵阳市城管局,已办毕,2026-10-09 16:30,有\r\n"
                      ).encode("gbk"))
    refused = run(db, "import", str(path))
    assert refused.returncode == 1 and "表头缺少必需的列" in refused.stderr
    done = run(db, "import", str(path), "--mapping", "某区平台")
    assert done.returncode == 0, done.stderr
    assert "不导入的列：附件" in done.stdout and "CSV 文本表格（GBK/GB18030）" in done.stdout
    case = json.loads(run(db, "case", "Q1", "--json").stdout)
    assert (case["status"], case["lead_department"]) == ("closed", "邵阳市城管局")
    unknown = run(db, "import", str(path), "--mapping", "没有这个")
    assert unknown.returncode == 1 and "没有名为“没有这个”的列对照" in unknown.stderr
