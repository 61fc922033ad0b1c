"""Chinese line breaking and justified text for official documents.

ReportLab's own CJK wrapping lets a line begin with ，；：！？”》 and cannot justify text without
spaces, so body text is set here: a line never starts with closing punctuation nor ends with
opening punctuation, Latin runs such as case codes stay whole, and justified lines are spread (or
squeezed) with character spacing, the way Chinese typesetting does it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

NO_LINE_START = frozenset("，。、；：！？）》〉」』】〕］｝”’…·%‰℃,.;:!?)]}")
NO_LINE_END = frozenset("（《〈「『【〔［｛“‘([{")
# Where an ideograph's em box sits above the baseline, as a share of the font size.
CJK_ASCENT = 0.86
_FUZZ = 0.05
# Latin words, numbers and codes (WZ-2026-000123, 9:30, 12.5%) stay together; dashes and ellipses
# come in pairs that must not be split; everything else breaks between any two characters.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-_/:%@]*|—+|…+|\s|.", re.S)

Measure = Callable[[str], float]


@dataclass(frozen=True)
class TextStyle:
    """How a block of text is set: font, size, leading, alignment, indents and tracking."""

    font: str
    size: float
    leading: float
    align: str = "justify"  # justify | left | center | right
    first_indent: float = 0.0
    indent: float = 0.0
    right_indent: float = 0.0
    char_space: float = 0.0  # negative to fit the 28-characters-a-line grid
    color: Color = black
    balance: bool = False  # centred titles: lines of even length rather than a lone last word

    def but(self, **changes) -> "TextStyle":
        """Return a copy with some attributes changed."""
        return replace(self, **changes)


@lru_cache(maxsize=65536)
def char_width(ch: str, font: str, size: float) -> float:
    """Return the advance width of one character."""
    return stringWidth(ch, font, size)


def text_width(text: str, font: str, size: float, char_space: float = 0.0) -> float:
    """Return the visible width of a line set with the given tracking."""
    glyphs = sum(char_width(ch, font, size) for ch in text)
    return glyphs + char_space * max(len(text) - 1, 0)


def break_lines(text: str, measure: Measure, first_width: float, width: float, squeeze: float = 0.0
                ) -> list[str]:
    """Break text into lines by Chinese rules; explicit newlines force a break."""
    lines: list[str] = []
    for segment in text.split("\n"):
        start = len(lines)
        tokens = _TOKEN.findall(segment)
        width_of = lambda n, s=start: first_width if s + n == 0 else width  # noqa: E731
        lines += _break_tokens(tokens, measure, width_of, squeeze)
    return lines


def _break_tokens(tokens: list[str], measure: Measure, width_of: Callable[[int], float], squeeze: float
                  ) -> list[str]:
    """Break one paragraph's tokens into lines, greedily, with punctuation rules."""
    lines: list[str] = []
    line: list[str] = []
    pending = list(reversed(_split_overlong(tokens, measure, width_of(0))))
    while pending:
        token = pending.pop()
        if not line and token.isspace():
            continue  # a space never starts a line
        used, avail = sum(map(measure, line)), width_of(len(lines))
        if not line or used + measure(token) <= avail + _FUZZ:
            line.append(token)
        elif token[0] in NO_LINE_START and used + measure(token) <= avail + squeeze:
            line.append(token)  # squeeze the punctuation in rather than start a line with it
        else:
            keep = _keep_count(line, token)
            pending += [token, *reversed(line[keep:])]
            lines.append("".join(line[:keep]).rstrip())
            line = []
    if line:
        lines.append("".join(line).rstrip())
    return lines


def _keep_count(line: list[str], following: str) -> int:
    """Return how many tokens stay on the line so no line starts or ends with forbidden punctuation."""
    keep = len(line)
    while keep > 1 and (following[0] in NO_LINE_START or line[keep - 1][-1] in NO_LINE_END):
        keep -= 1
        following = line[keep]
    return keep


def _split_overlong(tokens: list[str], measure: Measure, width: float) -> list[str]:
    """Split Latin runs wider than a line into characters, the only way they can fit."""
    out: list[str] = []
    for token in tokens:
        out += list(token) if len(token) > 1 and measure(token) > width else [token]
    return out


class TextBlock(Flowable):
    """A paragraph set by Chinese rules; splits across pages between lines."""

    # A page break leaves at least two lines of a paragraph on each side.
    orphans = widows = 2

    def __init__(self, text: str, style: TextStyle, *, space_before: float = 0.0, space_after: float = 0.0,
                 keep_with_next: bool = False):
        super().__init__()
        self.text = text
        self.style = style
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.keepWithNext = keep_with_next
        self._lines: list[str] | None = None
        self._starts_paragraph = True
        self._ends_paragraph = True

    def wrap(self, availWidth, availHeight):
        """Break the text for this width and report the height of all its lines."""
        if self._lines is None or availWidth != self.width:
            self._lines = self._break(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        """Split between lines: the first part fills the space left on this page."""
        self.wrap(availWidth, availHeight)
        fit = min(int((availHeight + _FUZZ) // self.style.leading), len(self._lines) - self.widows)
        if fit < max(self.orphans, 1):
            return []
        return [self._part(self._lines[:fit], first=True), self._part(self._lines[fit:], first=False)]

    def draw(self):
        """Draw each line on its baseline, justified or aligned."""
        style, canv = self.style, self.canv
        baseline = self.height - (style.leading - style.size) / 2 - CJK_ASCENT * style.size
        canv.setFillColor(style.color)
        for number, line in enumerate(self._lines):
            x, tracking = self._placement(number, line)
            text = canv.beginText(x, baseline - number * style.leading)
            text.setFont(style.font, style.size)
            text.setCharSpace(tracking)
            text.textOut(line)
            canv.drawText(text)

    def _break(self, width: float) -> list[str]:
        """Return the lines of this block for a given width; balanced ones for centred titles."""
        lines = self._break_at(width)
        if not self.style.balance or len(lines) < 2:
            return lines
        narrow, wide = 0.0, width  # the narrowest measure that still needs no extra line
        while wide - narrow > 1.0:
            middle = (narrow + wide) / 2
            narrow, wide = (narrow, middle) if len(self._break_at(middle)) <= len(lines) else (middle, wide)
        return self._break_at(wide)

    def _break_at(self, width: float) -> list[str]:
        """Return the lines of this block broken at a given measure."""
        style = self.style
        measure = _measurer(style.font, style.size, style.char_space)
        # The measure counts tracking after every character; after the last one it is not seen.
        slack = style.char_space - style.right_indent
        return break_lines(self.text, measure, width - self._indent(0) + slack, width - style.indent + slack,
                           squeeze=style.size * 0.5)

    def _indent(self, number: int) -> float:
        """Return the left indent of a line: the first line of a paragraph has its own."""
        return self.style.first_indent if number == 0 and self._starts_paragraph else self.style.indent

    def _placement(self, number: int, line: str) -> tuple[float, float]:
        """Return the x position and character spacing of one line."""
        style = self.style
        left = self._indent(number)
        avail = self.width - left - style.right_indent
        natural = text_width(line, style.font, style.size, style.char_space)
        last = number == len(self._lines) - 1 and self._ends_paragraph
        if style.align == "justify" and not last and len(line) > 1:
            glyphs = text_width(line, style.font, style.size)
            spread = (avail - glyphs) / (len(line) - 1)
            if spread <= style.size * 0.5:  # beyond that, letter-spaced lines look worse than ragged ones
                return left, spread
        shift = {"center": (avail - natural) / 2, "right": avail - natural}.get(style.align, 0.0)
        return left + shift, style.char_space

    def _part(self, lines: list[str], first: bool) -> "TextBlock":
        """Return a block holding some of this block's lines."""
        part = TextBlock(self.text, self.style, space_before=self.spaceBefore if first else 0.0,
                         space_after=0.0 if first else self.spaceAfter,
                         keep_with_next=False if first else self.keepWithNext)
        part._lines = lines
        part.width = self.width
        part._starts_paragraph = self._starts_paragraph and first
        part._ends_paragraph = self._ends_paragraph and not first
        return part


def _measurer(font: str, size: float, char_space: float) -> Measure:
    """Return a function giving a token's width including the tracking after each character."""
    def measure(token: str) -> float:
        return sum(char_width(ch, font, size) for ch in token) + char_space * len(token)
    return measure
