"""Fonts for official documents: find a TrueType font for each role and register it with ReportLab.

Each role (仿宋, 黑体, 楷体, 小标宋, 宋体) is resolved through, in order: an explicit file from the
office's settings, the Windows fonts every Chinese desktop has, the free TrueType CJK fonts of
Linux and macOS, and otherwise a `FontMissing` error that tells the clerk which setting to fill in.
ReportLab can only embed TrueType outlines, so OpenType-CFF fonts (Noto CJK .otf/.ttc) are refused.
"""

import hashlib
import os
import re
import struct
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

ROLES = ("fangsong", "heiti", "kaiti", "xiaobiaosong", "songti")
ROLE_TITLES = {
    "fangsong": "仿宋", "heiti": "黑体", "kaiti": "楷体", "xiaobiaosong": "小标宋", "songti": "宋体",
}
SETTINGS_PAGE = "设置 → 文书字体"
# A font must draw these to be usable: common hanzi and the punctuation our documents print.
REQUIRED_CHARS = "中文督办邵阳号年月日〔〕（）：，。、；“”—0123456789"

_SONG = ("simsun.ttc", "simsun.ttf", "stsong.ttf", "songti.ttc", "gbsn00lp.ttf", "uming.ttc")
_HEI = ("simhei.ttf", "msyh.ttc", "wqy-zenhei.ttc", "wqy-microhei.ttc",
        "stheiti medium.ttc", "stheiti light.ttc")
_KAI = ("simkai.ttf", "楷体_gb2312.ttf", "kaiti_gb2312.ttf", "stkaiti.ttf", "kaiti.ttc", "ukai.ttc")
_FANG = ("simfang.ttf", "仿宋_gb2312.ttf", "fangsong_gb2312.ttf", "stfangso.ttf")
# 方正小标宋 is not part of Windows; offices install it themselves, often per user.
_XBS = ("fzxbsjw.ttf", "方正小标宋简体.ttf", "方正小标宋_gbk.ttf", "fzxbsk.ttf")

# File names tried per role, best first. Every role ends in any CJK font at all, so that a machine
# with only one Chinese font still prints (in the wrong style rather than not at all).
CANDIDATES: dict[str, tuple[str, ...]] = {
    "fangsong": (*_FANG, *_SONG, "ukai.ttc", *_HEI),
    "heiti": (*_HEI, *_SONG),
    "kaiti": (*_KAI, *_FANG, *_SONG, *_HEI),
    "xiaobiaosong": (*_XBS, "simhei.ttf", "simsun.ttc", *_HEI, *_SONG),
    "songti": (*_SONG, *_HEI),
}

_CFF_TAGS = {b"CFF ", b"CFF2"}
# The faces GB/T 9704 prescribes: 仿宋_GB2312 (or 仿宋) for the text, 方正小标宋 for titles and header.
PRESCRIBED = {"fangsong": ("仿宋_GB2312或仿宋", frozenset(_FANG)), "xiaobiaosong": ("方正小标宋", frozenset(_XBS))}


class FontMissing(LookupError):
    """No usable TrueType font for a role; the message tells the clerk which setting to fill in."""

    def __init__(self, role: str, message: str):
        super().__init__(message)
        self.role = role
        self.key = setting_key(role)


@dataclass(frozen=True)
class DocumentFonts:
    """ReportLab font names for each role, and the file each one came from."""

    fangsong: str
    heiti: str
    kaiti: str
    xiaobiaosong: str
    songti: str
    sources: Mapping[str, str]
    substituted: Mapping[str, str] = field(default_factory=dict)  # role → file used instead of a prescribed face


def setting_key(role: str) -> str:
    """Return the settings key holding the font file of a role, e.g. font_fangsong."""
    return f"font_{role}"


def resolve_fonts(settings: Mapping[str, object] | None = None, search_dirs: Iterable[Path] | None = None
                  ) -> DocumentFonts:
    """Find, check and register a font for every role; raise FontMissing naming the first gap."""
    settings = settings or {}
    dirs = tuple(Path(d) for d in (default_font_dirs() if search_dirs is None else search_dirs))
    chosen = {role: _resolve_role(role, settings, dirs) for role in ROLES}
    explicit = {role for role in ROLES if str(settings.get(setting_key(role)) or "").strip()}
    substituted = {role: source for role, (_, source) in chosen.items()
                   if role in PRESCRIBED and role not in explicit and not _is_prescribed(role, source)}
    return DocumentFonts(**{role: name for role, (name, _) in chosen.items()},
                         sources={role: source for role, (_, source) in chosen.items()}, substituted=substituted)


def _is_prescribed(role: str, source: str) -> bool:
    """Say whether the file a role came from is one of the faces the standard prescribes."""
    return Path(source.split("#")[0]).name.lower() in PRESCRIBED[role][1]


def substitution_warnings(fonts: DocumentFonts) -> list[str]:
    """Return one Chinese sentence per prescribed face that is missing, naming the face used instead."""
    return [f"未找到{PRESCRIBED[role][0]}字体，{ROLE_TITLES[role]}改用 {Path(source.split('#')[0]).name}；"
            f"可在“{SETTINGS_PAGE}”中指定 {setting_key(role)} 字体文件。" for role, source in fonts.substituted.items()]


def rescan_fonts() -> None:
    """Forget which font files were found, so fonts installed since are seen (registrations stay)."""
    _font_index.cache_clear()


def default_font_dirs() -> list[Path]:
    """Return the font folders of this machine, Windows first (read from the environment each call)."""
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if local := os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")  # fonts installed without admin rights
    home = Path.home()
    if sys.platform == "darwin":
        dirs += [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
             home / ".local" / "share" / "fonts", home / ".fonts"]
    return dirs


def _resolve_role(role: str, settings: Mapping[str, object], dirs: tuple[Path, ...]) -> tuple[str, str]:
    """Return (font name, source) for one role, from the setting or else the search chain."""
    key = setting_key(role)
    if explicit := str(settings.get(key) or "").strip():
        raw_index = settings.get(f"{key}_index")
        index = "" if raw_index is None else str(raw_index).strip()
        if index and not index.isdigit():
            raise FontMissing(role, f"{key}_index 应为 .ttc 中的字体序号（0、1、2……），收到“{index}”")
        return _use_explicit(role, Path(explicit), int(index) if index else None)
    index = _font_index(dirs)
    for file_name in CANDIDATES[role]:
        if (path := index.get(file_name)) and (found := _first_usable(path)):
            return found
    raise FontMissing(role, f"找不到“{ROLE_TITLES[role]}”字体：请在“{SETTINGS_PAGE}”中指定 {key} "
                            "字体文件（.ttf/.ttc）")


def _use_explicit(role: str, path: Path, index: int | None) -> tuple[str, str]:
    """Register the font file the office chose, or say exactly why it cannot be used."""
    # A wrong setting is reported rather than silently replaced, or the clerk never learns of it.
    indices = [index] if index is not None else range(max(1, _subfont_count(path)))
    reasons = []
    for i in indices:
        problem = font_problem(path, i)
        if problem is None:
            return _register(path, i), _describe(path, i)
        reasons.append(problem)
    key = setting_key(role)
    raise FontMissing(role, f"“{ROLE_TITLES[role]}”字体文件不能使用（{key} = {path}）：{reasons[0]}；"
                            f"请在“{SETTINGS_PAGE}”中改选 TrueType 字体文件（.ttf/.ttc）")


def _first_usable(path: Path) -> tuple[str, str] | None:
    """Return the first usable subfont of a candidate file, or None."""
    for i in range(max(1, _subfont_count(path))):
        if font_problem(path, i) is None:
            return _register(path, i), _describe(path, i)
    return None


def _describe(path: Path, index: int) -> str:
    """Return the file (and subfont) a role came from, for the settings page and reports."""
    return f"{path}#{index}" if index else str(path)


@cache
def _font_index(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Map lower-case file names to the first file of that name under the font folders."""
    index: dict[str, Path] = {}
    for root in dirs:
        if not root.is_dir():
            continue
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                index.setdefault(name.lower(), Path(folder) / name)
    return index


def font_problem(path: Path, index: int = 0) -> str | None:
    """Return why a font file cannot be embedded (in Chinese), or None when it is usable TrueType CJK."""
    if not path.is_file():
        return "文件不存在"
    tables = _table_tags(path, index)
    if tables is None:
        return "不是 TrueType 字体文件（或 .ttc 中没有该序号的字体）"
    if tables & _CFF_TAGS:
        return "是 OpenType-CFF（PostScript 轮廓）字体，ReportLab 无法嵌入"
    if b"glyf" not in tables:
        return "没有 TrueType 轮廓（glyf 表）"
    return _glyph_problem(path, index)


def _glyph_problem(path: Path, index: int) -> str | None:
    """Return why the font's glyphs do not serve Chinese documents, or None."""
    try:
        font = _load(path, index)
    except (TTFError, OSError, ValueError, struct.error) as exc:
        if "embedding" in str(exc):
            return "字体授权不允许嵌入到文档中"
        return f"ReportLab 无法读取该字体（{exc}）"
    missing = [ch for ch in REQUIRED_CHARS if ord(ch) not in font.face.charToGlyph]
    return f"缺少中文字形（如“{''.join(missing[:5])}”）" if missing else None


def _subfont_count(path: Path) -> int:
    """Return how many fonts a .ttc collection holds (1 for a plain font file, 0 if unreadable)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
    except OSError:
        return 0
    if head[:4] == b"ttcf" and len(head) == 12:
        return struct.unpack(">I", head[8:12])[0]
    return 1 if len(head) >= 4 else 0


def _table_tags(path: Path, index: int) -> set[bytes] | None:
    """Return the sfnt table tags of a font (subfont `index` of a .ttc), or None if it is no sfnt."""
    try:
        with path.open("rb") as fh:
            offset = 0
            head = fh.read(12)
            if head[:4] == b"ttcf":
                if index >= struct.unpack(">I", head[8:12])[0]:
                    return None
                fh.seek(12 + 4 * index)
                offset = struct.unpack(">I", fh.read(4))[0]
            fh.seek(offset)
            version, count = struct.unpack(">4sH", fh.read(6))
            if version not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
                return None
            fh.seek(offset + 12)
            return {fh.read(16)[:4] for _ in range(count)}
    except (OSError, struct.error):
        return None


def _font_name(path: Path, index: int) -> str:
    """Return a stable ASCII ReportLab name for a font file (its path may be Chinese)."""
    stem = re.sub(r"[^A-Za-z0-9]+", "", path.stem)[:24]
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:8]
    return f"wz-{stem or 'font'}-{index}-{digest}"


@cache
def _load(path: Path, index: int) -> TTFont:
    """Parse a font once; the parsed font is what gets registered."""
    return TTFont(_font_name(path, index), str(path), subfontIndex=index)


@cache
def _register(path: Path, index: int) -> str:
    """Register a font with ReportLab once per process and return its name.

    ReportLab always embeds TrueType fonts as subsets of the glyphs used, so nothing is left to the
    reader's machine.
    """
    font = _load(path, index)
    pdfmetrics.registerFont(font)
    return font.fontName
