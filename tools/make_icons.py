"""Draw resources/icons/wzdesk.png and wzdesk.ico from wzdesk.svg: python tools/make_icons.py.

The frozen build and the installer need a raster icon (Windows wants .ico); the SVG stays the source.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QIcon

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    icon = QIcon(str(ICONS / "wzdesk.svg"))
    icon.pixmap(256, 256).toImage().save(str(ICONS / "wzdesk.png"))
    icon.pixmap(256, 256).toImage().save(str(ICONS / "wzdesk.ico"))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
