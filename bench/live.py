"""Time what following other desks costs: the poll every 2 s (PRAGMA data_version), and the re-read when it moved.

    python bench/live.py [CASES]     (default 20,000 demo cases, built once under bench/data/)
"""

import os
import sqlite3
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.demo_data import best_ms, demo_database  # noqa: E402
from wzdesk.board import counts as board  # noqa: E402
from wzdesk.ledger import queries as ledger_queries  # noqa: E402
from wzdesk.ledger import view as ledger_view  # noqa: E402
from wzdesk.ledger.view import LedgerFilter, LedgerSort  # noqa: E402
from wzdesk.models import Case, db  # noqa: E402
from wzdesk.models.changes import ChangeWatch, change_token  # noqa: E402
from wzdesk.office.database import open_database  # noqa: E402

NOW = datetime(2026, 11, 20, 10, 0)
INTERVAL_S = 2.0  # wzdesk.ui.mainwindow.LIVE_INTERVAL_MS


def per_call_us(fn, calls: int) -> float:
    """Return the median time of one call over batches, in microseconds."""
    batches = []
    for _ in range(20):
        start = time.perf_counter()
        for _ in range(calls // 20):
            fn()
        batches.append((time.perf_counter() - start) / (calls // 20) * 1e6)
    return statistics.median(batches)


def refresh_work(case_id: int, rows: int) -> None:
    """What the window re-reads once the token moved: the loaded ledger rows, the counts, the shown case."""
    ledger_view.page(LedgerFilter(), LedgerSort(), NOW, limit=rows)
    board.open_and_overdue(NOW)
    case = ledger_queries.case_by_id(case_id)
    ledger_queries.track(case)


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    path = ROOT / "bench" / "data" / f"live-{cases}.sqlite"
    demo_database(path, cases)
    open_database(path, now=NOW)
    watch = ChangeWatch()
    poll = per_call_us(watch.changed, 20_000)
    print(f"{cases:,} cases")
    print(f"poll (PRAGMA data_version): {poll:.1f} µs — {poll / (INTERVAL_S * 1e6):.6%} of one core every 2 s")
    case_id = Case.select(Case.id).order_by(Case.id.desc()).scalar()
    other = sqlite3.connect(path)
    before = change_token()
    other.execute('UPDATE "case" SET version = version + 1 WHERE id = ?', (case_id,))
    other.commit()
    assert change_token() != before, "another connection's commit must move the token"
    for rows in (200, 600):
        print(f"re-read after a change, {rows} rows loaded: {best_ms(lambda n=rows: refresh_work(case_id, n)):.1f} ms")
    other.close()
    db.close()


if __name__ == "__main__":
    main()
