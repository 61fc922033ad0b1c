"""What the benchmarks share: a demo database built once under bench/data/, and the best of a few timed runs."""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def demo_database(path: Path, cases: int, at: str = "2026-11-20 10:00") -> Path:
    """Build a demo database of `cases` cases at `path` through the command line, unless it is there already."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), "demo", "--cases", str(cases),
                        "--at", at], check=True)
    return path


def best_ms(fn, rounds: int = 5) -> float:
    """Return the fastest of a few runs of fn(), in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)
