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


def postgres_demo(cases: int, at: str = "2026-11-20 10:00") -> str:
    """Return the URL of a demo database of `cases` cases on the bench's own server (bench/postgres.py),
    building it once through the command line (the demo's COPY path) unless it is there already.

    It is built under a name of its own and renamed when whole, so a build cut short is never measured."""
    from bench import postgres

    postgres.start()
    name = f"demo_{cases}"
    if not postgres.has_database(name):
        building = f"{name}_building"
        postgres.drop_database(building)
        url = postgres.create_database(building)
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", url, "demo", "--cases", str(cases),
                        "--at", at], check=True)
        postgres.settle(building)
        postgres.rename_database(building, name)
    return postgres.url(name)


def best_ms(fn, rounds: int = 5) -> float:
    """Return the fastest of a few runs of fn(), in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)
