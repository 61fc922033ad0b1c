"""The font chain: settings first, then Windows fonts, then free CJK fonts; CFF and non-CJK refused."""

import shutil
import struct
from pathlib import Path

import pytest
import reportlab
from reportlab.pdfbase import pdfmetrics

from wzdesk.documents import FontMissing, resolve_fonts
from wzdesk.documents.fonts import ROLES, font_problem, rescan_fonts


def _system_font(fonts) -> Path:
    """Return a TrueType CJK font file of this machine (the one the chain chose for 宋体)."""
    return Path(fonts.sources["songti"].split("#")[0])


def _fake_otf(path: Path) -> Path:
    """Write the table directory of an OpenType-CFF font (OTTO, with a CFF table) to path."""
    tables = [b"CFF ", b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"OS/2", b"post"]
    header = struct.pack(">4sHHHH", b"OTTO", len(tables), 128, 3, 16)
    directory = b"".join(struct.pack(">4sIII", tag, 0, 0, 0) for tag in tables)
    path.write_bytes(header + directory)
    return path


def _windows_dir(tmp_path: Path, monkeypatch, fonts, *names: str) -> Path:
    """Make a fake %WINDIR%\\Fonts holding copies of a real CJK font under Windows file names."""
    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    for name in names:
        shutil.copy(_system_font(fonts), windir / "Fonts" / name)
    monkeypatch.setenv("WINDIR", str(windir))
    return windir / "Fonts"


def test_every_role_resolves_on_this_machine(fonts):
    """仿宋, 黑体, 楷体, 小标宋 and 宋体 each get a registered font and a source file."""
    for role in ROLES:
        assert getattr(fonts, role) in pdfmetrics.getRegisteredFontNames()
        assert Path(fonts.sources[role].split("#")[0]).is_file()


def test_explicit_setting_path_wins_over_system_fonts(fonts, tmp_path):
    """A font file named in the settings (Chinese path with spaces) is used for its role."""
    chosen = tmp_path / "单位 字体" / "仿宋 副本.ttf"
    chosen.parent.mkdir()
    shutil.copy(_system_font(fonts), chosen)
    resolved = resolve_fonts({"font_fangsong": str(chosen)})
    assert resolved.sources["fangsong"] == str(chosen)
    assert resolved.heiti == fonts.heiti  # the other roles are untouched


def test_missing_font_raises_font_missing_naming_role_and_setting_key(tmp_path):
    """With no font anywhere, the error says in Chinese which setting to fill in."""
    with pytest.raises(FontMissing) as caught:
        resolve_fonts({}, search_dirs=[tmp_path])
    assert str(caught.value) == (
        "找不到“仿宋”字体：请在“设置 → 文书字体”中指定 font_fangsong 字体文件（.ttf/.ttc）")
    assert caught.value.key == "font_fangsong"


def test_a_setting_pointing_nowhere_is_reported_not_ignored(tmp_path):
    """A wrong path in the settings is an error naming the key and the file, not a silent fallback."""
    missing = tmp_path / "没有 这个.ttf"
    with pytest.raises(FontMissing) as caught:
        resolve_fonts({"font_heiti": str(missing)})
    message = str(caught.value)
    assert "font_heiti" in message and str(missing) in message and "不存在" in message


def test_cff_font_is_rejected(tmp_path):
    """An OpenType-CFF font (PostScript outlines) is refused: ReportLab cannot embed it."""
    otf = _fake_otf(tmp_path / "NotoSansCJK.otf")
    assert "CFF" in font_problem(otf)
    with pytest.raises(FontMissing, match="CFF"):
        resolve_fonts({"font_kaiti": str(otf)})


def test_real_cff_cjk_fonts_on_this_machine_are_rejected():
    """Noto CJK .otf/.ttc, where installed, are recognised as CFF and never chosen."""
    found = [p for p in Path("/usr/share/fonts/opentype").rglob("*") if p.suffix.lower() in (".otf", ".ttc")]
    if not found:
        pytest.skip("no OpenType-CFF font installed here")
    for path in found[:3]:
        assert "CFF" in font_problem(path)


def test_truetype_font_without_chinese_glyphs_is_rejected():
    """A Latin-only TrueType font (ReportLab's Vera) cannot print Chinese and is refused."""
    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    assert "缺少中文字形" in font_problem(vera)


def test_windows_fonts_folder_is_searched_first(fonts, tmp_path, monkeypatch):
    """simfang/simhei/simkai/simsun in %WINDIR%\\Fonts serve their roles before any Linux font."""
    names = ("simfang.ttf", "simhei.ttf", "simkai.ttf", "SIMSUN.TTC")
    folder = _windows_dir(tmp_path, monkeypatch, fonts, *names)
    resolved = resolve_fonts()
    assert resolved.sources["fangsong"] == str(folder / "simfang.ttf")
    assert resolved.sources["heiti"] == str(folder / "simhei.ttf")
    assert resolved.sources["kaiti"] == str(folder / "simkai.ttf")
    assert resolved.sources["songti"] == str(folder / "SIMSUN.TTC")


def test_title_font_prefers_fzxbsjw_and_falls_back_to_simhei(fonts, tmp_path, monkeypatch):
    """小标宋 uses 方正小标宋 (FZXBSJW.TTF) when installed, else 黑体 (simhei.ttf)."""
    folder = _windows_dir(tmp_path, monkeypatch, fonts, "simhei.ttf")
    assert resolve_fonts().sources["xiaobiaosong"] == str(folder / "simhei.ttf")
    shutil.copy(_system_font(fonts), folder / "FZXBSJW.TTF")
    rescan_fonts()  # installed while the program runs: the settings page asks for a new search
    assert resolve_fonts().sources["xiaobiaosong"] == str(folder / "FZXBSJW.TTF")


def test_ttc_subfont_index_from_the_settings_is_used(fonts):
    """font_<role>_index picks a font inside a .ttc collection."""
    files = [Path(source.split("#")[0]) for source in fonts.sources.values()]
    collections = [path for path in files if path.suffix.lower() == ".ttc"]
    if not collections:
        pytest.skip("no .ttc collection installed here")
    resolved = resolve_fonts({"font_songti": str(collections[0]), "font_songti_index": 0})
    assert resolved.sources["songti"] == str(collections[0])


def test_registration_is_cached(fonts):
    """Resolving again registers nothing new and returns the same font names."""
    before = len(pdfmetrics.getRegisteredFontNames())
    again = resolve_fonts()
    assert again == fonts
    assert len(pdfmetrics.getRegisteredFontNames()) == before
