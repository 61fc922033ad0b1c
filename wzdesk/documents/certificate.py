"""Render an honour certificate (监督能手证书) on landscape A4 inside a red decorative border."""

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from wzdesk.documents.cjktext import CJK_ASCENT, TextBlock, TextStyle, text_width
from wzdesk.documents.fonts import DocumentFonts
from wzdesk.documents.formatting import format_chinese_date
from wzdesk.documents.gbt9704 import RED
from wzdesk.documents.model import Certificate
from wzdesk.files import write_bytes

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 42 * mm  # from the paper edge to the text
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
TITLE_SIZE, NAME_SIZE, TEXT_SIZE, SMALL_SIZE = 46.0, 26.0, 21.0, 12.0


def render_certificate(cert: Certificate, out_path: Path | str, fonts: DocumentFonts) -> Path:
    """Render the certificate to a PDF file and return its path (folders are created)."""
    out = Path(out_path)
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), initialFontName=fonts.kaiti)
    canv.setTitle(cert.title)
    canv.setAuthor(cert.office_name)
    canv.setCreator("wzdesk 问政督办台")
    _border(canv)
    _heading(canv, cert, fonts)
    _text(canv, cert, fonts)
    _signature(canv, cert, fonts)
    canv.showPage()
    canv.save()
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_bytes(out, buffer.getvalue())


def _border(canv: Canvas) -> None:
    """Draw a heavy and a fine red frame with a fretwork bracket in each corner."""
    canv.setStrokeColor(RED)
    canv.setFillColor(RED)
    for inset, weight in ((10 * mm, 5.0), (14 * mm, 1.2)):
        canv.setLineWidth(weight)
        canv.rect(inset, inset, PAGE_WIDTH - 2 * inset, PAGE_HEIGHT - 2 * inset)
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
        x = 18 * mm if sx > 0 else PAGE_WIDTH - 18 * mm
        y = 18 * mm if sy > 0 else PAGE_HEIGHT - 18 * mm
        _corner(canv, x, y, sx, sy)


def _corner(canv: Canvas, x: float, y: float, sx: int, sy: int) -> None:
    """Draw one corner ornament: two nested brackets and a small diamond, mirrored by (sx, sy)."""
    canv.setLineWidth(2.0)
    for arm, step in ((26 * mm, 0.0), (16 * mm, 3 * mm)):
        path = canv.beginPath()
        path.moveTo(x + sx * step, y + sy * (step + arm))
        path.lineTo(x + sx * step, y + sy * step)
        path.lineTo(x + sx * (step + arm), y + sy * step)
        canv.drawPath(path, stroke=1, fill=0)
    cx, cy, r = x + sx * 8 * mm, y + sy * 8 * mm, 1.8 * mm
    diamond = canv.beginPath()
    diamond.moveTo(cx, cy + r)
    for dx, dy in ((r, 0), (0, -r), (-r, 0)):
        diamond.lineTo(cx + dx, cy + dy)
    diamond.close()
    canv.drawPath(diamond, stroke=0, fill=1)


def _heading(canv: Canvas, cert: Certificate, fonts: DocumentFonts) -> None:
    """Draw the spaced-out red title and, top right, the certificate number."""
    spacing = TITLE_SIZE * 0.4
    width = text_width(cert.title, fonts.xiaobiaosong, TITLE_SIZE, spacing)
    _line(canv, (PAGE_WIDTH - width) / 2, PAGE_HEIGHT - 40 * mm, cert.title,
          TextStyle(fonts.xiaobiaosong, TITLE_SIZE, TITLE_SIZE, char_space=spacing, color=RED))
    if cert.number:
        text = f"编号：{cert.number}"
        width = text_width(text, fonts.fangsong, SMALL_SIZE)
        _line(canv, PAGE_WIDTH - MARGIN - width, PAGE_HEIGHT - 22 * mm, text,
              TextStyle(fonts.fangsong, SMALL_SIZE, SMALL_SIZE))


def _text(canv: Canvas, cert: Certificate, fonts: DocumentFonts) -> None:
    """Draw the salutation, the citation and the closing words."""
    _line(canv, MARGIN, PAGE_HEIGHT - 68 * mm, cert.recipient, TextStyle(fonts.kaiti, NAME_SIZE, NAME_SIZE))
    style = TextStyle(fonts.kaiti, TEXT_SIZE, TEXT_SIZE * 1.8, first_indent=2 * TEXT_SIZE)
    top = PAGE_HEIGHT - 76 * mm
    for text in (cert.citation, cert.closing):
        block = TextBlock(text, style)
        _, height = block.wrap(TEXT_WIDTH, PAGE_HEIGHT)
        block.drawOn(canv, MARGIN, top - height)
        top -= height


def _signature(canv: Canvas, cert: Certificate, fonts: DocumentFonts) -> None:
    """Draw the office and the date, centred on each other, at the lower right."""
    style = TextStyle(fonts.kaiti, TEXT_SIZE + 1, TEXT_SIZE + 1)
    day = format_chinese_date(cert.issued_on)
    widths = [text_width(t, style.font, style.size) for t in (cert.office_name, day)]
    centre = PAGE_WIDTH - MARGIN - max(widths) / 2
    for text, width, y in ((cert.office_name, widths[0], 50 * mm), (day, widths[1], 38 * mm)):
        _line(canv, centre - width / 2, y, text, style)


def _line(canv: Canvas, x: float, y_top: float, text: str, style: TextStyle) -> None:
    """Draw one line whose em box starts at y_top."""
    line = canv.beginText(x, y_top - CJK_ASCENT * style.size)
    line.setFont(style.font, style.size)
    line.setCharSpace(style.char_space)
    line.textOut(text)
    canv.setFillColor(style.color)
    canv.drawText(line)
