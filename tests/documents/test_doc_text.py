"""Chinese line breaking: punctuation rules, whole Latin codes, balanced titles."""

import pytest

from wzdesk.documents.cjktext import NO_LINE_END, NO_LINE_START, TextBlock, TextStyle, break_lines

TEXT = ("经核查，你单位承办的WZ-2026-000157号诉求件（小区物业不作为）已超期19天！群众反映："
        "“回复说修了，可电梯还是坏的。”请于2026年11月12日前办结；逾期的，将约谈你单位主要负责人。")


def _measure(token: str) -> float:
    """Measure as a monospaced CJK font would: ideographs one em, Latin half an em."""
    return sum(1.0 if ord(ch) > 0x2000 else 0.5 for ch in token)


@pytest.mark.parametrize("width", [float(w) for w in range(6, 30)])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width):
    """At every measure, no line begins with ，。、；：！？）》” nor ends with （《“."""
    lines = break_lines(TEXT, _measure, width, width, squeeze=0.5)
    assert "".join(lines) == TEXT
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, (width, line)
    for line in lines:
        assert line[-1] not in NO_LINE_END, (width, line)


@pytest.mark.parametrize("width", [float(w) for w in range(8, 30)])
def test_case_codes_and_numbers_are_never_split(width):
    """WZ-2026-000157 and 2026 stay on one line whenever they fit on a line at all."""
    joined = "\n".join(break_lines(TEXT, _measure, width, width))
    assert "WZ-2026-000157" in joined
    assert "2026年" in joined.replace("\n", "") and "20\n26" not in joined


def test_closing_punctuation_is_squeezed_in_rather_than_carried_over():
    """A comma that overflows by half a character stays on its line."""
    assert break_lines("一二三四，五六", _measure, 4.0, 4.0, squeeze=1.0) == ["一二三四，", "五六"]
    assert break_lines("一二三四，五六", _measure, 4.0, 4.0, squeeze=0.0) == ["一二三", "四，五六"]


def test_newline_forces_a_break():
    """An explicit newline (used in long titles) ends a line."""
    assert break_lines("关于2026年10月网络问政\n督办问责情况的通报", _measure, 40.0, 40.0) == [
        "关于2026年10月网络问政", "督办问责情况的通报"]


def test_balanced_title_has_no_lone_last_word(fonts):
    """A centred title that wraps gets lines of even length instead of one character on its own."""
    style = TextStyle(fonts.xiaobiaosong, 22, 33, align="center", balance=True)
    block = TextBlock("关于2026年10月网络问政督办问责情况的专项通报", style)
    block.wrap(442.2, 800)
    first, second = block._lines
    assert abs(len(first) - len(second)) <= 4


def test_paragraph_split_keeps_two_lines_on_each_page(fonts):
    """A page break never leaves a single line of a paragraph behind or carries one alone."""
    block = TextBlock("问" * 28 * 5, TextStyle(fonts.fangsong, 16, 29))
    block.wrap(442.2, 1000)
    head, tail = block.split(442.2, 29 * 4.5)
    assert (len(head._lines), len(tail._lines)) == (4, 2)
    assert block.split(442.2, 29 * 1.5) == []
