"""Official documents as PDF in the GB/T 9704-2012 format, filled from templates in reports/.

Qt-free: plain data in, a PDF file out.
"""

from wzdesk.documents.certificate import render_certificate
from wzdesk.documents.fonts import DocumentFonts, FontMissing, resolve_fonts
from wzdesk.documents.formatting import format_chinese_date, format_number, monthly_notice_date
from wzdesk.documents.gbt9704 import render
from wzdesk.documents.model import Certificate, Heading, ItemList, OfficialDocument, Paragraph, Table
from wzdesk.documents.templates import (
    KINDS,
    TemplateError,
    build_certificate,
    build_document,
    load_letterhead,
)

__all__ = [
    "KINDS",
    "Certificate",
    "DocumentFonts",
    "FontMissing",
    "Heading",
    "ItemList",
    "OfficialDocument",
    "Paragraph",
    "Table",
    "TemplateError",
    "build_certificate",
    "build_document",
    "format_chinese_date",
    "format_number",
    "load_letterhead",
    "monthly_notice_date",
    "render",
    "render_certificate",
    "resolve_fonts",
]
