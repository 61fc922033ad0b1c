"""问政督办台 (wzdesk): start the window, or run a headless command (see `python main.py --help`)."""

import sys

from wzdesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
