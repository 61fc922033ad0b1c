"""Three desks working one PostgreSQL database at once: an importer, the ladder, and a clerk who also runs
the ladder on the same days (two ladders racing for the same rungs).

Each desk is a process of its own running its commands back to back, so their writes interleave. After
them every import's cases are there, every clerk's step is in the ledger, every document number is unique
and each kind's numbers run 1, 2, 3… without a gap, and `audit-verify` finds the chain whole.
"""

import json
import subprocess
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from tests.exchange.test_import_export import platform_list
from wzdesk.models import Case, CaseEvent, LadderStep, Notice, Operator
from wzdesk.office.auth import hash_password
from wzdesk.office.database import close_database, open_database

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-20 10:00"
LISTS, ROWS_EACH = 4, 25
LADDER_DAYS = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]
CLERK_AT = "2026-11-30 10:00"


def cli(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", url, *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=600)


def case_rows(list_no: int) -> list[list]:
    return [[f"SY-{list_no}-{n:03d}", f"第{list_no}批第{n}件 小区路灯不亮", "晚上一片漆黑", "路灯不亮", "刘阿姨",
             13812345678, f"2026-11-{10 + list_no} 08:{n:02d}", f"2026-11-{10 + list_no} 09:{n:02d}",
             "国网邵阳供电公司", "", "小", None, "已派单", None, None] for n in range(ROWS_EACH)]


def prepare(url: str, folder: Path) -> dict[str, list]:
    """Fill the office, add the clerk, and write each desk's list of commands."""
    assert cli(url, "demo", "--cases", "300", "--seed", "5", "--at", AT).returncode == 0
    open_database(url, create=False)
    try:
        Operator.create(username="desk3", display_name="李强", role="clerk", password_hash=hash_password("desk3-2026"),
                        created_at=datetime(2026, 11, 1))
        dispatched = [c.code for c in Case.select().where(Case.status == "dispatched").order_by(Case.id).limit(10)]
        working = [c.code for c in Case.select().where(Case.status.in_(("accepted", "in_progress")))
                   .order_by(Case.id).limit(10)]
    finally:
        close_database()
    base = ["--db", url]
    imports = [[*base, "import", str(platform_list(folder / f"第{k}批.xlsx", case_rows(k)))] for k in range(LISTS)]
    ladder = [[*base, "escalate", "--json", "--at", f"{day} 10:00"] for day in LADDER_DAYS]
    clerk = [[*base, "escalate", "--json", "--at", f"{day} 10:00"] for day in LADDER_DAYS]
    clerk += [[*base, "--operator", "desk3", "act", code, "accept", "--at", CLERK_AT] for code in dispatched]
    clerk += [[*base, "--operator", "desk3", "act", code, "progress", "--note", "已联系反映人", "--at", CLERK_AT]
              for code in working]
    clerk += [[*base, "--operator", "desk3", "act", code, "reply", "--note", "已修复", "--at", "2026-11-30 16:00"]
              for code in working]
    return {"imports": imports, "ladder": ladder, "clerk": clerk}


def run_desks(desks: dict[str, list], folder: Path) -> dict[str, list[dict]]:
    """Start the three desks at once and wait for all of them."""
    running = {}
    for name, commands in desks.items():
        commands_file, results_file = folder / f"{name}.json", folder / f"{name}-results.json"
        commands_file.write_text(json.dumps(commands, ensure_ascii=False), encoding="utf-8")
        running[name] = (subprocess.Popen([sys.executable, str(ROOT / "tests" / "shared" / "desk.py"),
                                           str(commands_file), str(results_file)],
                                          env={**_env(), "WZDESK_PASSWORD": "desk3-2026"}), results_file)
    results = {}
    for name, (process, results_file) in running.items():
        assert process.wait(timeout=900) == 0, f"desk {name} died"
        results[name] = json.loads(results_file.read_text(encoding="utf-8"))
    return results


def _count(url: str, model) -> int:
    open_database(url, create=False)
    try:
        return model.select().count()
    finally:
        close_database()


def _env() -> dict:
    import os

    return dict(os.environ)


def test_three_desks_lose_nothing_and_keep_the_chain_whole(pg_server, tmp_path):
    url = pg_server.fresh()
    desks = prepare(url, tmp_path)
    rungs_before = _count(url, LadderStep)
    results = run_desks(desks, tmp_path)
    for name, done in results.items():
        for result in done:
            assert result["status"] == 0, (name, result["argv"], result["err"])
    produced = [p for result in results["ladder"] + results["clerk"] if "escalate" in result["argv"]
                for p in json.loads(result["out"])["produced"]]
    assert produced, "the ladder reached no rung: nothing was tested"
    # Each rung reached once, by one of the two ladders: none twice, none reported and not recorded.
    assert len({(p["case"], p["step"]) for p in produced}) == len(produced)

    audit = json.loads(cli(url, "audit-verify", "--json").stdout)
    assert audit["ok"], audit["problems"]

    open_database(url, create=False)
    try:
        # Every import's cases, and each one's intake event.
        imported = Case.select().where(Case.code.startswith("SY-")).count()
        assert imported == LISTS * ROWS_EACH
        # Every step of the clerk is in the ledger, by the clerk.
        clerk = Operator.get(Operator.username == "desk3")
        steps = defaultdict(int)
        for event in CaseEvent.select().where(CaseEvent.operator == clerk):
            steps[event.action] += 1
        accepts = sum(1 for argv in desks["clerk"] if "accept" in argv)
        assert accepts >= 3
        assert (steps["accept"], steps["progress"], steps["reply"]) == (accepts, 10, 10)
        # Every rung the ladder reported is recorded once, and the documents are numbered without a gap.
        assert LadderStep.select().count() - rungs_before == len(produced)
        numbers = [n.number_text for n in Notice.select()]
        assert len(numbers) == len(set(numbers))
        by_kind = defaultdict(list)
        for notice in Notice.select():
            by_kind[(notice.kind, notice.year)].append(notice.number)
        for kind, seen in by_kind.items():
            assert sorted(seen) == list(range(1, len(seen) + 1)), kind
        assert {p["document"] for p in produced if p["document"]} <= set(numbers)
    finally:
        close_database()
        pg_server.drop(url)
