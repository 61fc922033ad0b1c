"""What a case costs on disk: every table and index of a database in bytes per case (SQLite's dbstat).

    python bench/size.py DATABASE [--top N]
"""

import argparse
import sqlite3
import sys
from pathlib import Path


def sizes(path: Path) -> tuple[int, list[tuple[str, int]]]:
    """Return the number of cases and each table's and index's pages in bytes, largest first."""
    con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        cases = con.execute('SELECT count(*) FROM "case"').fetchone()[0]
        rows = con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    finally:
        con.close()
    return cases, rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", type=Path)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    cases, rows = sizes(args.database)
    total = sum(size for _, size in rows)
    print(f"{args.database.name}: {cases:,} cases, {total / 2**20:,.1f} MiB in pages, "
          f"{total / max(cases, 1):,.0f} bytes a case")
    for name, size in rows[:args.top]:
        print(f"  {name:<40}{size / 2**20:9.1f} MiB {size / max(cases, 1):8.0f} B/case")
    return 0


if __name__ == "__main__":
    sys.exit(main())
