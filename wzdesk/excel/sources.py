"""Recognise a case-list file by its content, not its name, and hand back its sheets as grids of values.

Platforms write .xlsx, .xlsm, .xls (Excel 97–2003) and .ods, which python-calamine reads; .csv in UTF-8
(with or without a byte-order mark), GBK or GB18030, comma or tab; and, under a ".xls" name, the HTML
table or the XML Spreadsheet 2003 that web systems write. Each is judged by its first bytes.
"""

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lxml import etree, html
from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from wzdesk.excel.hidden_rows import hidden_rows_by_sheet
from wzdesk.excel.ods_rows import ods_hidden_rows
from wzdesk.excel.problems import ImportRefused, refuse
from wzdesk.excel.xls_rows import xls_hidden_rows

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, encrypted .xlsx and old .doc are OLE files
ZIP_MAGIC = b"PK\x03\x04"
SNIFF_BYTES = 64 * 1024
TEXT_ENCODINGS = ("utf-8", "gb18030")  # GB18030 decodes every GBK text the same way, and more
_XML_2003 = re.compile(rb"<(?:\w+:)?Workbook[^>]*urn:schemas-microsoft-com:office:spreadsheet", re.S)
_HTML_TABLE = re.compile(rb"<table", re.I)
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table|style)", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.I)
_SS = "urn:schemas-microsoft-com:office:spreadsheet"
_OTHER_MAGIC = (
    (b"%PDF", "PDF 文档"), (b"\x89PNG", "PNG 图片"), (b"\xff\xd8\xff", "JPEG 图片"), (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"), (b"{\\rtf", "RTF 文档"),
)
SUPPORTED = "可导入的格式：.xlsx、.xlsm、.xls、.ods、.csv，以及网页系统导出的 HTML 表格或 XML 2003 表格"


@dataclass
class Sheet:
    """One sheet of a file: its name, whether it is visible, its rows on demand, its hidden rows (1-based)."""

    name: str
    visible: bool
    load: Callable[[int | None], list[list[object]]]  # load(n) returns the first n rows, load(None) all
    hidden_rows: frozenset[int] = frozenset()


@dataclass
class Book:
    """A case-list file as sheets, with what kind of file it really is, in Chinese."""

    kind: str
    sheets: list[Sheet] = field(default_factory=list)


@contextmanager
def open_book(path: Path) -> Iterator[Book]:
    """Open a file of any supported format, judged by its content; refuse it naming what it really is."""
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
    if head.startswith(ZIP_MAGIC):
        with _zip_book(path) as book:
            yield book
    elif head.startswith(OLE_MAGIC):
        with _ole_book(path, head) as book:
            yield book
    else:
        yield _text_book(path, head)


def _zip_book(path: Path):
    """Return the workbook inside a zip file (.xlsx, .xlsm, .ods), or refuse another zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            ods = "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")
            hidden = (hidden_rows_by_sheet(archive) if "xl/workbook.xml" in names else
                      ods_hidden_rows(archive) if ods and "content.xml" in names else {})
    except (zipfile.BadZipFile, OSError, KeyError):
        raise refuse(f"“{path.name}”不是有效的 Excel 工作簿：文件已损坏（可能没有完整复制）。{SUPPORTED}") from None
    if "xl/workbook.xml" in names:
        kind = "Excel 启用宏的工作簿（.xlsm）" if "xl/vbaProject.bin" in names else "Excel 工作簿（.xlsx）"
    elif ods:
        kind = "OpenDocument 表格（.ods）"
    else:
        raise refuse(f"“{path.name}”是{_zip_kind(names)}，不是工作簿。{SUPPORTED}")
    return _calamine_book(path, kind, hidden)


def _zip_kind(names: set[str]) -> str:
    """Name the kind of a zip file that holds no workbook."""
    if "word/document.xml" in names:
        return "Word 文档（.docx）"
    if "ppt/presentation.xml" in names:
        return "PowerPoint 演示文稿（.pptx）"
    if "xl/workbook.bin" in names:
        return "Excel 二进制工作簿（.xlsb），请另存为 .xlsx"
    return "ZIP 压缩包"


def _ole_book(path: Path, head: bytes):
    """Return the old .xls workbook of an OLE file, or refuse an encrypted workbook or a Word file."""
    whole = head + _rest(path)
    if "EncryptionInfo".encode("utf-16-le") in whole:
        raise _encrypted(path)
    if "WordDocument".encode("utf-16-le") in whole:
        raise refuse(f"“{path.name}”是 Word 文档（.doc），不是工作簿。{SUPPORTED}")
    return _calamine_book(path, "Excel 97–2003 工作簿（.xls）", xls_hidden_rows(path.read_bytes()))


def _rest(path: Path) -> bytes:
    """Return the directory area of an OLE file: its names are near the start, or at most a few MB in."""
    with path.open("rb") as stream:
        stream.seek(SNIFF_BYTES)
        return stream.read(8 * 1024 * 1024)


def _encrypted(path: Path) -> ImportRefused:
    """Return the refusal for a password-protected workbook."""
    return refuse(f"无法读取“{path.name}”：工作簿设置了打开密码。请在 Excel 中打开，另存为不设密码的工作簿后再导入")


@contextmanager
def _calamine_book(path: Path, kind: str, hidden: dict[str, frozenset[int]]):
    """Yield the worksheets of a workbook python-calamine reads, judged by content (not the name)."""
    try:
        with path.open("rb") as stream, CalamineWorkbook.from_filelike(stream) as workbook:
            yield Book(kind, [_calamine_sheet(workbook, meta, hidden) for meta in workbook.sheets_metadata
                              if meta.typ == SheetTypeEnum.WorkSheet])
    except PasswordError:
        raise _encrypted(path) from None
    except CalamineError:
        raise refuse(f"“{path.name}”是{kind}，但不是有效的 Excel 工作簿：文件已损坏，无法读取") from None


def _calamine_sheet(workbook: CalamineWorkbook, meta, hidden: dict[str, frozenset[int]]) -> Sheet:
    """Return a sheet whose rows calamine loads once, when first asked for."""
    loaded = []

    def load(nrows: int | None) -> list[list[object]]:
        if not loaded:
            loaded.append(workbook.get_sheet_by_name(meta.name))  # the whole sheet: load it once
        if nrows is None:
            return loaded[0].to_python(skip_empty_area=False)
        return loaded[0].to_python(skip_empty_area=False, nrows=nrows)

    return Sheet(meta.name, meta.visible == SheetVisibleEnum.Visible, load, hidden.get(meta.name, frozenset()))


def _fixed(rows: list[list[object]]) -> Callable[[int | None], list[list[object]]]:
    return lambda nrows: rows if nrows is None else rows[:nrows]


def _text_book(path: Path, head: bytes) -> Book:
    """Return the single table of a text file: XML 2003, HTML or CSV."""
    for magic, kind in _OTHER_MAGIC:
        if head.startswith(magic):
            raise refuse(f"“{path.name}”是{kind}，不是工作簿。{SUPPORTED}")
    data = path.read_bytes()
    if _XML_2003.search(head):
        return Book("XML 2003 表格（网页系统导出的 .xls）", _xml_sheets(path, data))
    if _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")) or _HTML_TABLE.search(head):
        return Book("HTML 网页表格（网页系统导出的 .xls）", _html_sheets(path, data))
    if b"\x00" in head:
        raise refuse(f"“{path.name}”是二进制文件，不是工作簿，也不是文本表格。{SUPPORTED}")
    text, encoding = decode_text(data, path)
    return Book(f"CSV 文本表格（{encoding}）", [Sheet(path.stem, True, _fixed(_csv_rows(text)))])


def decode_text(data: bytes, path: Path, declared: str | None = None) -> tuple[str, str]:
    """Decode text by its byte-order mark, a declared charset, then strictly UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 带 BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    tried = ((declared,) if declared else ()) + TEXT_ENCODINGS
    for encoding in tried:
        try:
            return data.decode(encoding), encoding.upper().replace("GB18030", "GBK/GB18030")
        except (UnicodeDecodeError, LookupError):
            continue
    raise refuse(f"“{path.name}”的文字编码无法识别（不是 UTF-8、GBK 或 GB18030）。请在 Excel 中另存为 .xlsx 后再导入")


def _csv_rows(text: str) -> list[list[object]]:
    """Read CSV text with its delimiter sniffed: a tab or a comma, whichever the first lines use more."""
    sample = text[:SNIFF_BYTES].splitlines()[:20]
    delimiter = "\t" if sum(line.count("\t") for line in sample) > sum(line.count(",") for line in sample) else ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _html_sheets(path: Path, data: bytes) -> list[Sheet]:
    """Return each table of an HTML file as a sheet, its merged cells (rowspan, colspan) filled in."""
    declared = _META_CHARSET.search(data[:SNIFF_BYTES])
    text, _ = decode_text(data, path, declared[1].decode("ascii") if declared else None)
    try:
        document = html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    except (etree.ParserError, ValueError):
        raise refuse(f"“{path.name}”看起来是网页表格，但无法解析") from None
    tables = [table for table in document.iter("table") if not table.xpath(".//table")]  # innermost tables
    if not tables:
        raise refuse(f"“{path.name}”是网页文件，但其中没有表格。{SUPPORTED}")
    return [Sheet(f"表格{number}" if len(tables) > 1 else path.stem, True, _fixed(_html_rows(table)),
                  _html_hidden(table)) for number, table in enumerate(tables, start=1)]


def _html_rows(table) -> list[list[object]]:
    """Return the text of each cell of an HTML table, a merged cell's value repeated over its span."""
    rows: list[list[object]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) → text a rowspan above carries down
    for index, tr in enumerate(table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")):
        row: list[object] = []
        for td in tr.xpath("./td | ./th"):
            while (index, len(row)) in pending:
                row.append(pending.pop((index, len(row))))
            text = " ".join(td.text_content().split()) or None
            span, down = _span(td.get("colspan")), _span(td.get("rowspan"))
            for offset in range(span):
                for below in range(1, down):
                    pending[(index + below, len(row) + offset)] = text
            row.extend([text] * span)
        while (index, len(row)) in pending:
            row.append(pending.pop((index, len(row))))
        rows.append(row)
    return rows


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _html_hidden(table) -> frozenset[int]:
    """Return the 1-based numbers of the rows styled display:none."""
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    return frozenset(number for number, tr in enumerate(rows, start=1)
                     if re.search(r"display\s*:\s*none", tr.get("style") or "", re.I))


def _xml_sheets(path: Path, data: bytes) -> list[Sheet]:
    """Return the worksheets of an XML Spreadsheet 2003 file."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError:
        raise refuse(f"“{path.name}”看起来是 XML 2003 表格，但 XML 不完整或已损坏，无法读取") from None
    sheets = []
    for worksheet in root.iter(f"{{{_SS}}}Worksheet"):
        rows, hidden = _xml_rows(worksheet)
        visible = worksheet.find(".//{urn:schemas-microsoft-com:office:excel}Visible")
        shown = visible is None or visible.text not in ("SheetHidden", "SheetVeryHidden")
        sheets.append(Sheet(worksheet.get(f"{{{_SS}}}Name") or "Sheet1", shown, _fixed(rows), hidden))
    return sheets


def _xml_rows(worksheet) -> tuple[list[list[object]], frozenset[int]]:
    """Return the cell values of an XML 2003 worksheet (ss:Index gaps kept) and its hidden rows."""
    rows: list[list[object]] = []
    hidden = set()
    for row in worksheet.iter(f"{{{_SS}}}Row"):
        if row.get(f"{{{_SS}}}Index"):
            rows.extend([] for _ in range(int(row.get(f"{{{_SS}}}Index")) - 1 - len(rows)))
        cells: list[object] = []
        for cell in row.iter(f"{{{_SS}}}Cell"):
            if cell.get(f"{{{_SS}}}Index"):
                cells.extend([None] * (int(cell.get(f"{{{_SS}}}Index")) - 1 - len(cells)))
            item = cell.find(f"{{{_SS}}}Data")
            cells.append(None if item is None else _xml_value(item))
        if row.get(f"{{{_SS}}}Hidden") == "1":
            hidden.add(len(rows) + 1)
        rows.append(cells)
    return rows, frozenset(hidden)


def _xml_value(item) -> object:
    """Return a typed XML 2003 value: a number, a moment, or the text."""
    text = "".join(item.itertext())
    kind = item.get(f"{{{_SS}}}Type")
    try:
        if kind == "Number":
            return float(text)
        if kind == "DateTime":
            return datetime.fromisoformat(text[:19])
    except ValueError:
        return text
    return text or None
