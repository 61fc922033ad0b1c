"""问政督办台 (wzdesk): start the window, or run a headless command (see `python main.py --help`)."""

import sys
from pathlib import Path

from wzdesk.cli import main as cli


def main(argv: list[str] | None = None) -> int:
    """Run the command given on the command line, or start the window when there is none."""
    return cli.main(argv, start_window=start_window)


def start_window(db: Path | None) -> int:
    """Start the window on a database (the user's own by default)."""
    from wzdesk.ui.app import run  # Qt loads only when the window is wanted

    return run(db)


if __name__ == "__main__":
    sys.exit(main())
