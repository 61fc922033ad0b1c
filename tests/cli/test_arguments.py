"""Every argument checked before anything is written (issue 18): a Chinese message and exit 1, never 内部错误."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-20 10:00"


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    db = tmp_path_factory.mktemp("参数") / "live.sqlite"
    assert run(db, "demo", "--cases", "300", "--seed", "2", "--at", AT).returncode == 0
    return db


@pytest.mark.parametrize(("args", "words"), [
    (["escalate", "--at", "9999-12-31 23:59"], "超出范围"),
    (["escalate", "--at", "0001-01-01"], "超出范围"),
    (["board", "--json", "--at", "0001-01-01"], "超出范围"),
    (["sheet", "--month", "0001-01", "--out", "表.xlsx"], "超出范围"),
    (["ratings", "monthly", "--month", "9999-12"], "超出范围"),
    (["notice", "monthly", "--month", "0001-01", "--out", "通报.pdf"], "超出范围"),
    (["cases", "--limit", "9" * 20], "不是 0 至"),
    (["export", "导出.xlsx", "--limit", "9" * 20], "不是 0 至"),
    (["cases", "--limit", "-5"], "不是 0 至"),
    (["outbox", "mark-sent", "--ids", "1e20"], "不是消息序号"),
    (["outbox", "mark-sent", "--ids", "9" * 20], "无效"),
    (["notice", "certificate", "--observer", "9" * 20, "--out", "证书.pdf"], "不是 1 至"),
    (["demo", "--cases", "9" * 20], "不是 0 至"),
])
def test_an_out_of_range_argument_is_refused_and_nothing_written(live, tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    before = hashlib.sha256(live.read_bytes()).hexdigest()
    result = run(live, *args)
    assert result.returncode == 1, result.stderr
    assert words in result.stderr and "内部错误" not in result.stderr and "Traceback" not in result.stderr
    assert hashlib.sha256(live.read_bytes()).hexdigest() == before
    assert list(tmp_path.iterdir()) == []
