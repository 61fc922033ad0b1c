"""Demo data goes only into an empty database (issue 18): the command refuses otherwise."""

import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_demo_refuses_a_database_that_holds_cases_and_writes_nothing(tmp_path):
    db = tmp_path / "live.sqlite"
    assert run(db, "demo", "--cases", "50", "--seed", "1").returncode == 0
    before = db.read_bytes()
    result = run(db, "demo", "--cases", "2000")
    assert result.returncode == 1
    assert "已有 50 件工单" in result.stderr and "空的数据库" in result.stderr
    with sqlite3.connect(db) as con:
        assert con.execute('SELECT count(*) FROM "case"').fetchone()[0] == 50
    assert db.read_bytes() == before


def test_demo_may_not_be_loaded_by_a_clerk(database):
    import pytest

    from tests.conftest import T0
    from wzdesk.demo.fill import DemoProgress, fill, may_load
    from wzdesk.errors import UserError
    from wzdesk.models import Case, Operator

    clerk = Operator.create(username="wangfang", display_name="王芳", role="clerk", created_at=T0)
    admin = Operator.create(username="admin", display_name="管理员", role="admin", created_at=T0)
    assert not may_load(clerk) and may_load(admin)
    with pytest.raises(UserError, match="无权载入演示数据"):
        fill(10, 1, T0, clerk, DemoProgress())
    assert Case.select().count() == 0
