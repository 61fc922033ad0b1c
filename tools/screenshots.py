"""Save PNGs of the main views into docs/screenshots/: python tools/screenshots.py (runs offscreen)."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wzdesk.ui.screenshots import main

if __name__ == "__main__":
    sys.exit(main())
