"""Plain data for official documents and certificates: what the renderers take in."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: indented two characters, justified."""

    text: str


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 一、 (黑体), 2 （一） (楷体), 3 1. and 4 （1） (仿宋)."""

    level: int
    text: str

    def __post_init__(self):
        if self.level not in (1, 2, 3, 4):
            raise ValueError(f"标题层级只能是1至4（收到 {self.level}）")


@dataclass(frozen=True)
class Table:
    """A ruled table; the header row repeats on every page. Widths are fractions of the type area."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None
    align: list[str] | None = None  # per column: left | center | justify

    def __post_init__(self):
        if self.widths is not None and len(self.widths) != len(self.header):
            raise ValueError(f"表格有 {len(self.header)} 列，却给了 {len(self.widths)} 个列宽")
        if any(len(row) != len(self.header) for row in self.rows):
            raise ValueError(f"表格每行应有 {len(self.header)} 格")


@dataclass(frozen=True)
class ItemList:
    """A simple list: each item a paragraph, numbered 1. 2. 3. unless numbered is False."""

    items: list[str]
    numbered: bool = True


Block = Paragraph | Heading | Table | ItemList


@dataclass
class OfficialDocument:
    """A document in the GB/T 9704-2012 format, from the red header down to the 版记."""

    office_name: str  # 发文机关标志, the red header
    number: str  # 发文字号, e.g. 邵问督〔2026〕12号
    title: str  # a newline forces a break in the title
    addressee: str  # 主送机关; the full-width colon is added if missing
    body: list[Block]
    signature: str  # 发文机关署名
    date: date  # 成文日期
    issuer: str  # 印发机关
    issued_on: date  # 印发日期
    copy_to: list[str] = field(default_factory=list)  # 抄送机关
    attachments: list[str] = field(default_factory=list)  # 附件说明
    footnote: str = ""  # a line above the 版记, e.g. the ledger checkpoint of a monthly notice


@dataclass
class Certificate:
    """An honour certificate such as 监督能手证书, printed on landscape A4."""

    title: str
    recipient: str  # the salutation line, e.g. 王秀英同志：
    citation: str
    office_name: str
    issued_on: date
    closing: str = "特发此证，以资鼓励。"
    number: str = ""  # 证书编号, printed top right when given
