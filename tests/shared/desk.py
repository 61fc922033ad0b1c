"""One desk of the three-desk test: run a list of commands in this process, one after the other, as fast
as it can, and write each one's exit status and output to a JSON file.

    python tests/shared/desk.py COMMANDS.json RESULTS.json
"""

import io
import json
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from wzdesk.cli.main import main


def run_all(commands: list[list[str]]) -> list[dict]:
    results = []
    for argv in commands:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = main(argv)
        results.append({"argv": argv, "status": status, "out": out.getvalue(), "err": err.getvalue()})
    return results


if __name__ == "__main__":
    commands = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    Path(sys.argv[2]).write_text(json.dumps(run_all(commands), ensure_ascii=False), encoding="utf-8")
