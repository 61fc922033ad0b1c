"""What a case costs on disk: every table and index of a database in bytes per case (SQLite's dbstat).

    python bench/size.py DATABASE [--before OLDER_DATABASE] [--top N]

With --before, each table and index is shown beside its cost in the older database (the same demo built
by an earlier version, say) and the ratio of the two: where a change saved or cost bytes.
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


def per_case(path: Path) -> tuple[int, float, dict[str, float]]:
    """Return the number of cases, the bytes a case costs in all, and each table's and index's share."""
    cases, rows = sizes(path)
    n = max(cases, 1)
    return cases, sum(size for _, size in rows) / n, {name: size / n for name, size in rows}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", type=Path)
    parser.add_argument("--before", type=Path, help="an older database of the same data, shown beside")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    cases, total, each = per_case(args.database)
    if args.before is None:
        print(f"{args.database.name}: {cases:,} cases, {total * cases / 2**20:,.1f} MiB in pages, "
              f"{total:,.0f} bytes a case")
        for name, size in list(each.items())[:args.top]:
            print(f"  {name:<44}{size * cases / 2**20:9.1f} MiB {size:8.0f} B/case")
        return 0
    old_cases, old_total, old_each = per_case(args.before)
    print(f"bytes a case: {args.database.name} ({cases:,} cases) beside {args.before.name} ({old_cases:,} cases)")
    print(f"  {'all tables and indexes':<44}{total:8.0f} B   before {old_total:8.0f} B   {total / old_total:5.2f}x")
    names = sorted(set(each) | set(old_each), key=lambda name: -max(each.get(name, 0), old_each.get(name, 0)))
    for name in names[:args.top]:
        now, then = each.get(name, 0.0), old_each.get(name, 0.0)
        ratio = f"{now / then:5.2f}x" if then else "  new"
        print(f"  {name:<44}{now:8.0f} B   before {then:8.0f} B   {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
