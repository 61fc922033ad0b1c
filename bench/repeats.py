"""Time the similar-cases look-up of intake (wzdesk/cases/repeats.py) on a 100,000-case demo database.

The look-up reads a community's cases of one category in 30 days through (community, received_at) and the
pair index, so it grows with that window, not with the ledger. Prints each figure beside the 50 ms floor.
"""

import os
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.demo_data import best_ms, demo_database  # noqa: E402
from wzdesk.cases import repeats  # noqa: E402
from wzdesk.models import Case, db  # noqa: E402
from wzdesk.office.database import open_database  # noqa: E402

CASES = int(os.environ.get("WZDESK_BENCH_CASES", "100000"))
DB = ROOT / "bench" / "data" / f"repeats-{CASES // 1000}k.sqlite"
NOW = datetime(2026, 11, 20, 10, 0)
FLOOR_MS = 50.0


def samples(n: int = 20) -> list[Case]:
    """Pick open cases received in the last month as the new reports to look up (the busiest windows)."""
    rows = list(Case.open().where(Case.received_at >= NOW - timedelta(days=30), Case.community != "",
                                  Case.category.is_null(False)).limit(5000))
    return random.Random(23).sample(rows, min(n, len(rows)))


def main() -> None:
    demo_database(DB, CASES)
    open_database(DB)
    total = db.execute_sql('SELECT count(*) FROM "case"').fetchone()[0]
    worst, found = 0.0, 0
    for case in samples():
        ms = best_ms(lambda c=case: repeats.similar_cases(c.title, NOW, c.community, c.category_id,
                                                       c.petitioner_phone, exclude_id=c.id))
        worst = max(worst, ms)
        found += len(repeats.similar_to(case, NOW))
    verdict = "ok" if worst < FLOOR_MS else "TOO SLOW"
    print(f"similar cases at intake, {total:,} cases: worst of 20 look-ups {worst:.1f} ms"
          f" (floor {FLOOR_MS:.0f} ms) {verdict}; {found} similar cases found in all")


if __name__ == "__main__":
    main()
