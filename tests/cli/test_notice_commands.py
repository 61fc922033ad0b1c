"""The `notice` commands: PDFs where asked, exit 1 with a Chinese message for refused input, never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-20 10:00"


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=180)


@pytest.fixture(scope="module")
def escalated(tmp_path_factory):
    """A 300-case demo database after an escalate run, in a folder with Chinese and spaces."""
    db = tmp_path_factory.mktemp("督办 数据") / "demo.sqlite"
    assert run(db, "demo", "--cases", "300", "--seed", "5", "--at", AT).returncode == 0
    assert run(db, "escalate", "--at", AT).returncode == 0
    return db


def refused(result: subprocess.CompletedProcess, words: str) -> bool:
    return result.returncode == 1 and words in result.stderr and "Traceback" not in result.stderr


def test_batch_after_escalate_writes_each_document_and_the_combined_one(escalated, tmp_path):
    """notice batch writes one PDF per document produced that day plus one combined PDF."""
    out = tmp_path / "今日 文书"
    out.mkdir()
    result = run(escalated, "notice", "batch", "--at", AT, "--out", str(out))
    assert result.returncode == 0, result.stderr
    combined = out / "2026-11-20 督办文书（合并打印）.pdf"
    singles = [p for p in out.glob("*.pdf") if p != combined]
    assert singles and combined.exists()
    assert f"共 {len(singles)} 份文书" in result.stdout
    # Issue 15: leader coordination issues a numbered coordination notice (邵问督协) too.
    assert all(p.name.startswith(("邵问督提〔2026〕", "邵问督协〔2026〕", "邵问督函〔2026〕", "邵问督约〔2026〕"))
               for p in singles)
    assert len(PdfReader(combined).pages) == sum(len(PdfReader(p).pages) for p in singles)


def test_monthly_writes_the_notice_and_reuses_its_number(escalated, tmp_path):
    """notice monthly prints the registered number; a second run prints the same one."""
    first = run(escalated, "notice", "monthly", "--month", "2026-10", "--out", str(tmp_path / "十月 通报.pdf"))
    second = run(escalated, "notice", "monthly", "--month", "2026-10", "--out", str(tmp_path / "again.pdf"))
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    assert first.stdout.split("：")[0] == second.stdout.split("：")[0]
    assert (tmp_path / "十月 通报.pdf").stat().st_size > 10_000


def test_one_and_certificate_write_their_pdfs(escalated, tmp_path):
    """notice one re-renders a registered document; notice certificate renders an observer's certificate."""
    one = run(escalated, "notice", "one", "邵问督函〔2026〕1号",
              "--out", str(tmp_path / "督办 函.pdf"))
    cert = run(escalated, "notice", "certificate", "--observer", "1", "--out", str(tmp_path / "证书.pdf"))
    assert one.returncode == 0 and cert.returncode == 0, one.stderr + cert.stderr
    assert "督办函" in "".join(p.extract_text() for p in PdfReader(tmp_path / "督办 函.pdf").pages)


@pytest.mark.parametrize(("args", "words"), [
    (("monthly", "--month", "2026-13", "--out", "x.pdf"), "月份格式应为 YYYY-MM"),
    (("monthly", "--month", "十月", "--out", "x.pdf"), "月份格式应为 YYYY-MM"),
    (("one", "邵问督〔2026〕999号", "--out", "x.pdf"), "没有文号为“邵问督〔2026〕999号”的文书"),
    (("batch", "--at", AT, "--out", "没有 这个 文件夹/当天"), "不存在"),
    (("monthly", "--month", "2026-10", "--out", "没有 这个 文件夹/x.pdf"), "不存在"),
    (("certificate", "--observer", "99999", "--out", "x.pdf"), "没有编号为 99999 的观察员"),
    ((), "缺少必需的参数"),
])
def test_refusals_exit_1_in_chinese(escalated, tmp_path, args, words):
    """Bad month, unknown number, missing folder, unknown observer: exit 1, a Chinese message, no traceback."""
    args = tuple(str(tmp_path / a) if a.endswith((".pdf", "文件夹")) else a for a in args)
    assert refused(run(escalated, "notice", *args), words)
