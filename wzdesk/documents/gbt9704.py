"""Render an official document to PDF in the format of GB/T 9704-2012 (党政机关公文格式).

A4, type area 156 × 225 mm at 37 mm from the top and 28 mm from the left, 22 lines of 28
characters in 3号 仿宋. The red header (版头) opens the first page; the 版记 sits at the foot of the
last page, an even one in a document of several pages; page numbers alternate sides below the type area.
"""

import io
from functools import partial
from pathlib import Path

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageBreak, PageTemplate, TableStyle
from reportlab.platypus import Table as RLTable

from wzdesk.documents.cjktext import CJK_ASCENT, TextBlock, TextStyle, text_width
from wzdesk.documents.fonts import DocumentFonts
from wzdesk.documents.formatting import chinese_numeral, format_chinese_date
from wzdesk.documents.model import Block, Heading, ItemList, OfficialDocument, Paragraph, Table
from wzdesk.files import write_bytes

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN, LEFT_MARGIN = 37 * mm, 28 * mm
TYPE_WIDTH, TYPE_HEIGHT = 156 * mm, 225 * mm
BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - TYPE_HEIGHT
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE = TYPE_HEIGHT / LINES_PER_PAGE
SIZE_2, SIZE_3, SIZE_4 = 22.0, 16.0, 14.0  # 2号, 3号, 4号
# 28 characters of 3号 are 158 mm: a slight negative tracking fits them into the 156 mm line.
GRID_SPACE = (TYPE_WIDTH - CHARS_PER_LINE * SIZE_3) / (CHARS_PER_LINE - 1)
CHAR = SIZE_3 + GRID_SPACE  # one character of the body grid, the unit of indents
RED = Color(0.9, 0.0, 0.07)
HEADER_SIZE = 50.0
HEADER_RULE = 1.5  # pt; the standard leaves the weight of the red rule open
THICK_RULE, THIN_RULE = 0.35 * mm, 0.25 * mm
SIZE_SMALL_4 = 12.0  # 小四, for tables: six columns of 4号 leave codes and dates broken
TABLE_LEADING = 18.0


def render(doc: OfficialDocument, out_path: Path | str, fonts: DocumentFonts) -> Path:
    """Render the document to a PDF file and return its path (folders are created).

    A first pass finds the page the 版记 falls on; when a multi-page document would end on an odd
    page, the second pass moves the 版记 to the next even page, after a blank page where needed,
    and leaves both without a page number (GB/T 9704-2012, 7.5).
    """
    out = Path(out_path)
    first = _Layout()
    _build(doc, fonts, first, io.BytesIO())
    layout = first.settled()
    buffer = io.BytesIO()
    _build(doc, fonts, layout, buffer)
    # Written in one go beside the target and moved into place: a failure never leaves half a file.
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_bytes(out, buffer.getvalue())


class _Layout:
    """Where the signature and the 版记 fell, and what the next pass does about it."""

    def __init__(self, breaks: int = 0, unnumbered: frozenset[int] = frozenset()):
        self.breaks, self.unnumbered = breaks, unnumbered  # page breaks before the 版记: 0, 1 or 2
        self.signature_page = self.banji_page = 0
        self.banji_alone = False

    def settled(self) -> "_Layout":
        """Return the layout of the final pass: the 版记 on an even page, lone and blank pages unnumbered."""
        last_text = self.signature_page
        if self.banji_page == 1 or self.banji_page % 2 == 0:
            alone = {self.banji_page} if self.banji_alone else set()
            return _Layout(0, frozenset(alone))
        if not self.banji_alone:  # sharing an odd page with the text: alone on the even page after it
            return _Layout(1, frozenset({last_text + 1}))
        return _Layout(2, frozenset({last_text + 1, last_text + 2}))  # a blank odd page, then the 版记


def _build(doc: OfficialDocument, fonts: DocumentFonts, layout: _Layout, buffer: io.BytesIO) -> None:
    template = BaseDocTemplate(
        buffer, pagesize=A4, title=doc.title.replace("\n", ""), author=doc.office_name,
        subject=doc.number, creator="wzdesk 问政督办台", initialFontName=fonts.fangsong,
        pageTemplates=[PageTemplate("gbt9704", [_type_area()], onPage=partial(_page_number, fonts, layout))])
    template.build(_story(doc, fonts, layout))


def _story(doc: OfficialDocument, fonts: DocumentFonts, layout: _Layout) -> list[Flowable]:
    """Return the flowables of a document, header to 版记."""
    styles = _styles(fonts)
    flowables: list[Flowable] = [_RedHeader(doc.office_name, doc.number, fonts), *_title(doc, styles)]
    flowables += _body(doc.body, styles)
    flowables += _attachments(doc.attachments, styles)
    _append_closing(flowables, _Signature(doc.signature, format_chinese_date(doc.date), styles["body"], layout))
    if layout.breaks:
        flowables.append(PageBreak())
    if layout.breaks == 2:
        flowables += [_Blank(), PageBreak()]
    flowables.append(_Banji(doc.copy_to, doc.issuer, format_chinese_date(doc.issued_on), styles["note"], layout,
                            doc.footnote))
    return flowables


def _type_area() -> Frame:
    """Return the frame of the type area (版心), without the padding ReportLab adds by default."""
    return Frame(LEFT_MARGIN, BOTTOM_MARGIN, TYPE_WIDTH, TYPE_HEIGHT, leftPadding=0, rightPadding=0,
                 topPadding=0, bottomPadding=0, id="type-area")


def _styles(fonts: DocumentFonts) -> dict[str, TextStyle]:
    """Return the text styles of the format, by role."""
    body = TextStyle(fonts.fangsong, SIZE_3, LINE, first_indent=2 * CHAR, char_space=GRID_SPACE)
    cell = TextStyle(fonts.fangsong, SIZE_SMALL_4, TABLE_LEADING, align="left")
    return {
        "body": body,
        "title": TextStyle(fonts.xiaobiaosong, SIZE_2, 1.5 * SIZE_2, align="center", balance=True),
        "addressee": body.but(first_indent=0.0),
        "h1": body.but(font=fonts.heiti), "h2": body.but(font=fonts.kaiti), "h3": body, "h4": body,
        "cell": cell,
        "head": cell.but(font=fonts.heiti, align="center"),
        # 版记: 4号 仿宋, one character in from either side.
        "note": TextStyle(fonts.fangsong, SIZE_4, LINE, first_indent=SIZE_4, indent=SIZE_4,
                          right_indent=SIZE_4),
    }


def _title(doc: OfficialDocument, styles: dict[str, TextStyle]) -> list[Flowable]:
    """Return the title (two lines below the red rule) and the addressee (one line below the title)."""
    addressee = doc.addressee.strip().rstrip(":：")
    return [
        TextBlock(doc.title, styles["title"], space_before=2 * LINE, keep_with_next=True),
        TextBlock(f"{addressee}：", styles["addressee"], space_before=LINE),
    ]


def _body(blocks: list[Block], styles: dict[str, TextStyle]) -> list[Flowable]:
    """Return the flowables of the body, with page-break guards before headings and tables."""
    groups = _block_flowables(blocks, styles)
    flowables: list[Flowable] = []
    for number, (block, group) in enumerate(zip(blocks, groups, strict=True)):
        if isinstance(block, Heading):
            # A heading moves on unless the headings after it and the start of the text fit below it.
            flowables.append(CondPageBreak(_room_after(blocks[number:], groups[number:])))
        elif isinstance(block, Table) and not (number and isinstance(blocks[number - 1], Heading)):
            flowables.append(CondPageBreak(_TABLE_START))
        flowables += group
    return flowables


def _block_flowables(blocks: list[Block], styles: dict[str, TextStyle]) -> list[list[Flowable]]:
    """Return the flowables of each block, numbering headings by level."""
    counters = [0, 0, 0, 0]
    groups: list[list[Flowable]] = []
    for block in blocks:
        if isinstance(block, Heading):
            counters[block.level - 1] += 1
            counters[block.level:] = [0] * (4 - block.level)
            label = _heading_label(block.level, counters[block.level - 1])
            groups.append([TextBlock(label + block.text, styles[f"h{block.level}"])])
        elif isinstance(block, Paragraph):
            groups.append([TextBlock(block.text, styles["body"])])
        elif isinstance(block, ItemList):
            groups.append([TextBlock(f"{n}.{item}" if block.numbered else item, styles["body"])
                           for n, item in enumerate(block.items, 1)])
        elif isinstance(block, Table):
            groups.append([_table(block, styles)])
        else:
            raise TypeError(f"不支持的正文块：{block!r}")
    return groups


_TABLE_START = 3 * LINE  # about a header row and a first row


def _room_after(blocks: list[Block], groups: list[list[Flowable]]) -> float:
    """Return the height a heading needs: itself, the headings right after it, the start of the text."""
    room = 0.0
    for block, group in zip(blocks, groups, strict=True):
        room += _start_height(group[0])
        if not isinstance(block, Heading):
            break
    return room


def _start_height(flowable: Flowable) -> float:
    """Return the least of a flowable that a page must hold: a paragraph too short to split is whole."""
    if not isinstance(flowable, TextBlock):
        return _TABLE_START
    _, height = flowable.wrap(TYPE_WIDTH, PAGE_HEIGHT)
    lines = round(height / flowable.style.leading)
    return height if lines < flowable.orphans + flowable.widows else flowable.orphans * flowable.style.leading


def _heading_label(level: int, n: int) -> str:
    """Return the sequence mark of a heading: 一、 （一） 1. （1）."""
    return {1: f"{chinese_numeral(n)}、", 2: f"（{chinese_numeral(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def _table(block: Table, styles: dict[str, TextStyle]) -> RLTable:
    """Return a ruled table in 仿宋 with a 黑体 header row repeated on every page."""
    widths = block.widths or [1.0] * len(block.header)
    columns = [TYPE_WIDTH * w / sum(widths) for w in widths]
    aligns = block.align or ["left"] * len(block.header)
    rows = [[TextBlock(text, styles["head"]) for text in block.header]]
    rows += [[TextBlock(text, styles["cell"].but(align=a)) for text, a in zip(row, aligns, strict=True)]
             for row in block.rows]
    table = RLTable(rows, colWidths=columns, repeatRows=1, style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, black),
        ("FONTNAME", (0, 0), (-1, -1), styles["cell"].font),  # else ReportLab names Helvetica, unembedded
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    table.spaceBefore, table.spaceAfter = LINE / 4, LINE / 2
    return table


def _attachments(names: list[str], styles: dict[str, TextStyle]) -> list[Flowable]:
    """Return the attachment note: one line below the body, 附件： then numbered names."""
    if not names:
        return []
    body = styles["body"]
    lead = text_width("附件：", body.font, body.size, body.char_space) + body.char_space
    flowables: list[Flowable] = []
    for n, name in enumerate(names, 1):
        mark = f"{n}." if len(names) > 1 else ""
        # Wrapped lines align with the first character of the name, as the standard asks.
        hang = body.first_indent + lead + text_width(mark, body.font, body.size, body.char_space)
        style = body.but(first_indent=body.first_indent + (0 if n == 1 else lead), indent=hang, align="left")
        text = f"{'附件：' if n == 1 else ''}{mark}{name}"
        flowables.append(TextBlock(text, style, space_before=LINE if n == 1 else 0.0))
    return flowables


def _append_closing(flowables: list[Flowable], signature: Flowable) -> None:
    """Append the signature so it never stands alone: it takes the last lines of text along."""
    if flowables and isinstance(flowables[-1], TextBlock):
        flowables.append(_WithTail(flowables.pop(), signature))
    else:
        flowables.append(signature)


def _draw_text(canv, x: float, baseline: float, text: str, style: TextStyle, scale: float = 100.0) -> None:
    """Draw one line of text with the style's font, tracking and colour."""
    line = canv.beginText(x, baseline)
    line.setFont(style.font, style.size)
    line.setCharSpace(style.char_space)
    line.setHorizScale(scale)
    line.textOut(text)
    canv.setFillColor(style.color)
    canv.drawText(line)


class _RedHeader(Flowable):
    """The 版头: office name in large red 小标宋, the number centred below it, then the red rule."""

    def __init__(self, office_name: str, number: str, fonts: DocumentFonts):
        super().__init__()
        self.office_name, self.number, self.fonts = office_name, number, fonts
        self.number_style = TextStyle(fonts.fangsong, SIZE_3, LINE)
        self.size, self.scale = HEADER_SIZE, 100.0

    def wrap(self, availWidth, availHeight):
        """Reserve 35 mm above the name, the name, two blank lines, the number, 4 mm and the rule."""
        self.width = availWidth
        natural = text_width(self.office_name, self.fonts.xiaobiaosong, HEADER_SIZE)
        self.size, self.scale = _header_fit(natural, availWidth)
        self.height = self._number_top() + (LINE + SIZE_3) / 2 + 4 * mm + HEADER_RULE / 2
        return self.width, self.height

    def _number_top(self) -> float:
        """Return how far below the top of the type area the number's line starts."""
        return 35 * mm + self.size + 2 * LINE

    def draw(self):
        """Draw name, number and rule from the top of the type area down."""
        top, canv = self.height, self.canv
        name = TextStyle(self.fonts.xiaobiaosong, self.size, self.size, color=RED)
        name_width = text_width(self.office_name, name.font, name.size) * self.scale / 100
        _draw_text(canv, (self.width - name_width) / 2, top - 35 * mm - CJK_ASCENT * self.size,
                   self.office_name, name, self.scale)
        number_width = text_width(self.number, self.fonts.fangsong, SIZE_3)
        baseline = top - self._number_top() - (LINE - SIZE_3) / 2 - CJK_ASCENT * SIZE_3
        _draw_text(canv, (self.width - number_width) / 2, baseline, self.number, self.number_style)
        canv.setStrokeColor(RED)
        canv.setLineWidth(HEADER_RULE)
        canv.line(0, HEADER_RULE / 2, self.width, HEADER_RULE / 2)  # 4 mm below the number


def _header_fit(natural: float, width: float, least_scale: float = 60.0) -> tuple[float, float]:
    """Return font size and horizontal scale (%) that fit the office name into the type area.

    Long names are first condensed, as printers do, so the header keeps its height and weight;
    only names too long even at 60% width are set smaller.
    """
    scale = min(100.0, 100.0 * width / natural)
    if scale >= least_scale:
        return HEADER_SIZE, scale
    return HEADER_SIZE * scale / least_scale, least_scale


class _Signature(Flowable):
    """发文机关署名 and 成文日期 of a sealed document (GB/T 9704-2012, 7.3.5.1).

    The date ends four characters from the right; the office name is centred over the date. Two
    blank lines below the text leave room for the seal, which presses down on name and date with
    its top within a line of the text.
    """

    SEAL_LINES = 2

    def __init__(self, signature: str, day: str, style: TextStyle, layout: "_Layout | None" = None):
        super().__init__()
        self.signature, self.day, self.style = signature, day, style.but(first_indent=0.0)
        self.layout = layout
        self.spaceBefore = self.SEAL_LINES * LINE

    def wrap(self, availWidth, availHeight):
        """Take two lines: the name and the date."""
        self.width, self.height = availWidth, 2 * LINE
        return self.width, self.height

    def draw(self):
        """Draw the date four characters in from the right and the name centred over it."""
        style = self.style
        name_w = text_width(self.signature, style.font, style.size, style.char_space)
        day_w = text_width(self.day, style.font, style.size, style.char_space)
        day_x = self.width - 4 * CHAR - day_w
        name_x = max(day_x + (day_w - name_w) / 2, 0.0)
        baseline = LINE - (LINE - style.size) / 2 - CJK_ASCENT * style.size
        _draw_text(self.canv, name_x, LINE + baseline, self.signature, style)
        _draw_text(self.canv, day_x, baseline, self.day, style)
        if self.layout is not None:
            self.layout.signature_page = self.canv.getPageNumber()


class _Blank(Flowable):
    """Nothing at all: holds the blank page before a 版记 that must stand on an even page."""

    def wrap(self, availWidth, availHeight):
        return availWidth, 0.1

    def draw(self):
        """Draw nothing."""


class _WithTail(Flowable):
    """A text block and the flowable after it; a page break leaves at least two lines with the tail."""

    def __init__(self, block: TextBlock, tail: Flowable, min_lines: int = 2):
        super().__init__()
        self.block, self.tail, self.min_lines = block, tail, min_lines
        self.spaceBefore = block.spaceBefore

    def wrap(self, availWidth, availHeight):
        """Stack the block and the tail with the tail's space between."""
        _, block_h = self.block.wrap(availWidth, availHeight)
        _, tail_h = self.tail.wrap(availWidth, availHeight)
        self.width, self.height = availWidth, block_h + self.tail.getSpaceBefore() + tail_h
        return self.width, self.height

    def split(self, availWidth, availHeight):
        """Leave as many lines as fit here, except the last few, which go on with the tail."""
        self.wrap(availWidth, availHeight)
        lines = round(self.block.height / self.block.style.leading)
        take = min(int(availHeight // self.block.style.leading), lines - self.min_lines)
        parts = self.block.split(availWidth, take * self.block.style.leading + 0.01) if take > 0 else []
        return [parts[0], _WithTail(parts[1], self.tail, self.min_lines)] if parts else []

    def draw(self):
        """Draw the block above the tail."""
        self.block.drawOn(self.canv, 0, self.height - self.block.height)
        self.tail.drawOn(self.canv, 0, 0)


class _Banji(Flowable):
    """The 版记 at the foot of the last page: 抄送 and 印发 between a thick, thin and thick rule.

    It claims all the space left on the page and draws at its bottom, so its last rule lies on the
    lower edge of the type area; when it does not fit, it moves to a page of its own.
    """

    def __init__(self, copy_to: list[str], issuer: str, day: str, style: TextStyle, layout: "_Layout | None" = None,
                 footnote: str = ""):
        super().__init__()
        self.issuer, self.day, self.style, self.layout = issuer, f"{day}印发", style, layout
        lead = text_width("抄送：", style.font, style.size)
        # Wrapped copy-to lines align with the first name after the colon.
        hanging = style.but(indent=style.indent + lead)
        self.copy = TextBlock(f"抄送：{'，'.join(copy_to)}。", hanging) if copy_to else None
        self.note = TextBlock(footnote, style.but(first_indent=0.0)) if footnote else None

    def wrap(self, availWidth, availHeight):
        """Take the rest of the page if the 版记 and a blank line fit, else ask for a new page."""
        self.width = availWidth
        needed = self._content_height(availWidth) + LINE
        self.height = availHeight if availHeight >= needed else needed
        return self.width, self.height

    def _content_height(self, width: float) -> float:
        """Return the height of the rows: the note, the copy-to lines (if any) and the issuing line."""
        rows = [block.wrap(width, PAGE_HEIGHT)[1] for block in (self.note, self.copy) if block]
        return sum(rows) + LINE

    def draw(self):
        """Draw from the bottom up: rule, issuing line, rule, copy-to lines, rule, and the note above."""
        canv, style = self.canv, self.style
        self._rule(THICK_RULE / 2, THICK_RULE)
        baseline = (LINE - style.size) / 2 + (1 - CJK_ASCENT) * style.size
        _draw_text(canv, style.indent, baseline, self.issuer, style)
        day_w = text_width(self.day, style.font, style.size)
        _draw_text(canv, self.width - style.right_indent - day_w, baseline, self.day, style)
        top = LINE
        if self.copy:
            self._rule(top, THIN_RULE)
            self.copy.drawOn(canv, 0, top)
            top += self.copy.height
        self._rule(top, THICK_RULE)
        if self.note:
            self.note.drawOn(canv, 0, top)
        if self.layout is not None:
            self.layout.banji_page = canv.getPageNumber()
            self.layout.banji_alone = self.height >= TYPE_HEIGHT - 1

    def _rule(self, y: float, weight: float) -> None:
        """Draw a black rule the width of the type area."""
        self.canv.setStrokeColor(black)
        self.canv.setLineWidth(weight)
        self.canv.line(0, y, self.width, y)


def _page_number(fonts: DocumentFonts, layout: _Layout, canv, _doc) -> None:
    """Draw — n — in 4号 宋体 7 mm below the type area: odd pages right, even pages left, one space in.

    A blank page before the 版记, and a page holding the 版记 alone, carry no number.
    """
    number = canv.getPageNumber()
    if number in layout.unnumbered:
        return
    text = f"— {number} —"
    style = TextStyle(fonts.songti, SIZE_4, SIZE_4)
    width = text_width(text, style.font, style.size)
    x = LEFT_MARGIN + SIZE_4 if number % 2 == 0 else LEFT_MARGIN + TYPE_WIDTH - SIZE_4 - width
    # The dash sits mid-height of the em box, about 0.36 em above the baseline.
    _draw_text(canv, x, BOTTOM_MARGIN - 7 * mm - 0.36 * SIZE_4, text, style)
