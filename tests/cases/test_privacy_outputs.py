"""No full phone or ID number of a petitioner, observer or staff member appears in any output of a demo."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-20 10:00"


def run(db: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args], capture_output=True,
                            text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def xlsx_text(path: Path) -> str:
    return " ".join(str(c.value) for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows()
                    for c in row if c.value is not None)


def pdf_text(folder: Path) -> str:
    return " ".join(page.extract_text() or "" for pdf in folder.glob("*.pdf") for page in PdfReader(pdf).pages)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("隐私 检查")
    db = folder / "demo.sqlite"
    texts = [run(db, "demo", "--cases", "300", "--at", AT), run(db, "escalate", "--at", AT, "--json")]
    texts.append(run(db, "cases", "--json", "--at", AT))
    codes = [json.loads(line)["code"] for line in texts[-1].splitlines()[:40]]
    texts += [run(db, "case", code, "--at", AT) for code in codes]
    texts += [run(db, "case", code, "--json", "--at", AT) for code in codes[:10]]
    texts.append(run(db, "board", "--json", "--at", AT))
    run(db, "export", str(folder / "台账.xlsx"), "--at", AT)
    run(db, "sheet", "--month", "2026-10", "--out", str(folder / "考核.xlsx"), "--at", AT)
    texts += [xlsx_text(folder / "台账.xlsx"), xlsx_text(folder / "考核.xlsx")]
    run(db, "notice", "batch", "--at", AT, "--out", str(folder / "文书"))
    run(db, "notice", "monthly", "--month", "2026-10", "--out", str(folder / "文书" / "通报.pdf"))
    texts.append(pdf_text(folder / "文书"))
    con = sqlite3.connect(db)
    secrets = {row[0] for sql in ('SELECT petitioner_phone FROM "case"', "SELECT phone FROM observer",
                                  "SELECT id_no FROM observer", "SELECT phone FROM staff")
               for row in con.execute(sql) if row[0]}
    con.close()
    return " ".join(texts), secrets


def test_no_full_number_in_any_output(outputs):
    text, secrets = outputs
    assert len(secrets) > 300
    leaked = sorted(s for s in secrets if s in text)
    assert leaked == []


def test_masked_numbers_are_shown_instead(outputs):
    text, _secrets = outputs
    assert "****" in text  # the export shows 138****5678-style numbers
