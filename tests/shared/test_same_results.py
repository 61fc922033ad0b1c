"""One case list on SQLite and on PostgreSQL gives the same board, ladder, ledger list, sheet and audit.

The same demo (seeded, so the same cases, events, ratings, duty steps and repeats) and the same import are
made in a SQLite file and in a PostgreSQL database; every output is then produced on both from the command
line and compared whole. Two moments run the ladder, so the second run sees what the first one wrote.
"""

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.exchange.test_import_export import ROWS, platform_list

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-20 10:00"
LATER = "2026-11-27 10:00"


def run(db, *args: str) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def sheet_values(db, month: str, folder: Path) -> list[list]:
    out = folder / f"绩效-{month}-{abs(hash(str(db)))}.xlsx"
    run(db, "sheet", "--month", month, "--out", str(out))
    book = openpyxl.load_workbook(out, read_only=True)
    return [[[_numbers_only(v) for v in row] for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]


def _numbers_only(value):
    """The sheet's heading names the moment it was made and the ledger's checkpoint: the one hashes each
    event's wall-clock recorded_at, so it differs between two offices filled apart; everything else must not."""
    if isinstance(value, str) and ("统计时刻" in value or "台账校验点" in value):
        return "（制表时刻与校验点）"
    return value


@pytest.fixture(scope="module")
def both(tmp_path_factory, pg_server, pg_template):
    """The same office on SQLite and on PostgreSQL, filled alike."""
    folder = tmp_path_factory.mktemp("两种 数据库")
    sqlite_file, url = folder / "台账.sqlite", pg_server.fresh()
    case_list = platform_list(folder / "平台工单.xlsx", ROWS)
    for db in (sqlite_file, url):
        run(db, "demo", "--cases", "500", "--seed", "11", "--at", AT)
        run(db, "import", str(case_list))
    yield sqlite_file, url, folder
    pg_server.drop(url)


@pytest.mark.parametrize("command", [
    ("board", "--json", "--at", AT),
    ("escalate", "--json", "--at", AT),
    ("board", "--json", "--at", LATER),
    ("escalate", "--json", "--at", LATER),
    ("cases", "--json", "--at", LATER),
    ("cases", "--status", "closed", "--department", "邵阳市生态环境局", "--json"),
], ids=["board", "ladder", "board-later", "ladder-later", "cases", "cases-filtered"])
def test_command_outputs_are_identical(both, command):
    sqlite_file, url, _ = both
    on_sqlite, on_postgres = run(sqlite_file, *command), run(url, *command)
    assert on_sqlite.strip(), "the command printed nothing to compare"
    assert on_postgres == on_sqlite


def test_the_ladder_produced_documents_and_numbered_them_alike(both):
    sqlite_file, url, _ = both
    produced = json.loads(run(sqlite_file, "escalate", "--json", "--at", "2026-12-01 10:00"))["produced"]
    assert produced == json.loads(run(url, "escalate", "--json", "--at", "2026-12-01 10:00"))["produced"]
    assert any(p["document"] for p in produced) or produced == []


@pytest.mark.parametrize("month", ["2026-10", "2026-11"])
def test_the_monthly_sheet_has_the_same_numbers(both, month):
    sqlite_file, url, folder = both
    on_sqlite = sheet_values(sqlite_file, month, folder)
    assert any(isinstance(v, int | float) and v for sheet in on_sqlite for row in sheet for v in row)
    on_postgres = sheet_values(url, month, folder)
    differing = [(a, b) for sa, sb in zip(on_sqlite, on_postgres, strict=True) for a, b in zip(sa, sb, strict=True)
                 if a != b]
    assert not differing, differing[:3]
    assert on_postgres == on_sqlite


def test_the_exported_ledger_is_the_same(both):
    sqlite_file, url, folder = both
    tables = []
    for db, name in ((sqlite_file, "a"), (url, "b")):
        out = folder / f"台账导出-{name}.xlsx"
        run(db, "export", str(out))
        tables.append([list(r) for r in openpyxl.load_workbook(out, read_only=True).active.iter_rows(values_only=True)])
    assert len(tables[0]) > 500
    assert tables[1] == tables[0]


def test_both_ledgers_verify_with_the_same_number_of_events(both):
    sqlite_file, url, _ = both
    on_sqlite = json.loads(run(sqlite_file, "audit-verify", "--json"))
    on_postgres = json.loads(run(url, "audit-verify", "--json"))
    assert on_sqlite["ok"] and on_postgres["ok"], (on_sqlite["problems"], on_postgres["problems"])
    # The hashes differ: each event's recorded_at is the wall clock of the desk that wrote it.
    assert on_postgres["events"] == on_sqlite["events"]
