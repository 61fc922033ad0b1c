"""Make sure Chinese renders even where the system has no CJK font.

We do not ship a font: a CJK TrueType face is 10-20 MB (even a GB2312 subset is ~4 MB), and every
Chinese Windows has 微软雅黑 (msyh) and 宋体 (simsun). When Qt finds no family that writes
Simplified Chinese, we register one from the usual places and make it the application font.
"""

import os
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

WINDOWS_FONTS = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
CANDIDATES = [
    WINDOWS_FONTS / "msyh.ttc",
    WINDOWS_FONTS / "simsun.ttc",
    WINDOWS_FONTS / "simhei.ttf",
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
    Path("/usr/share/fonts/truetype/arphic/ukai.ttc"),
    Path("/System/Library/Fonts/PingFang.ttc"),
]
PREFERRED = ["Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimSun", "宋体", "AR PL UMing CN"]


def chinese_families() -> list[str]:
    """Return the installed families that write Simplified Chinese."""
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def _register_fallback() -> list[str]:
    for path in (p for p in CANDIDATES if p.exists()):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            return QFontDatabase.applicationFontFamilies(font_id)
    return []


def ensure_chinese_font(app: QApplication) -> str | None:
    """Pick a family that renders Chinese, registering one if needed; make it the app font."""
    families = chinese_families() or _register_fallback()
    if not families:
        return None
    family = next((f for f in PREFERRED if f in families), families[0])
    font = QFont(app.font())
    font.setFamilies([family, *[f for f in families if f != family][:2]])
    if font.pointSize() < 9:
        font.setPointSize(9)
    app.setFont(font)
    return family
