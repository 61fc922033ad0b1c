"""Measure the demo generator and the board on a large database: `python bench/demo.py [N]`."""

import os
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wzdesk.board.counts import board_counts
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.models import Case
from wzdesk.office.database import open_database
from wzdesk.office.defaults import system_operator

NOW = datetime(2026, 11, 20, 10, 0)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    path = Path(__file__).parent / "data" / f"demo-{n}.sqlite"
    path.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_database(path, now=NOW)
    result = fill(n, 1, NOW, system_operator(), DemoProgress.to_stderr())
    print(f"demo: {result.cases} cases, {result.events} events in {result.seconds:.1f} s "
          f"({result.cases / result.seconds:,.0f} cases/s)")
    print(f"database size: {os.path.getsize(path) / 2**20:,.0f} MiB; open cases: {Case.open().count():,}")
    for _ in range(3):
        started = time.perf_counter()
        board_counts(NOW)
        print(f"board over {n:,} cases: {(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
