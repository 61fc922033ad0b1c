"""The office's own import words (设置 → 导入对照) and the column mappings saved per platform."""

import json
from datetime import datetime

from wzdesk.errors import UserError
from wzdesk.excel.columns import (
    FIELDS,
    GRADE_WORDS,
    RATING_WORDS,
    STATUS_WORDS,
    match_header,
    normalise_header,
)
from wzdesk.excel.layout import ImportWords
from wzdesk.exchange.import_units import unit_platforms
from wzdesk.office import settings

_VOCABULARIES = (("status", STATUS_WORDS), ("rating", RATING_WORDS), ("grade", GRADE_WORDS))


def office_words(mapping: str | None = None) -> ImportWords:
    """Return the office's own words, with the columns of the saved mapping `mapping` when one is named."""
    headers: dict[str, str] = {}
    vocabularies: dict[str, dict[str, str]] = {kind: {} for kind, _ in _VOCABULARIES}
    for number, line in enumerate(settings.get("import_words").splitlines(), start=1):
        if line.strip():
            _add_word(line, number, headers, vocabularies)
    if mapping:
        headers.update(_mapping_headers(mapping))
    return ImportWords(headers, vocabularies)


def _add_word(line: str, number: int, headers: dict, vocabularies: dict) -> None:
    """Add one “平台用词=本系统用词” line: a status, rating or grade word, or a column header."""
    word, sep, ours = (part.strip() for part in line.replace("＝", "=").partition("="))
    if not sep or not word or not ours:
        raise UserError(f"导入对照第{number}行“{line.strip()}”应写成“平台用词=本系统用词”，如 已办毕=已办结")
    key = normalise_header(word)
    for kind, words in _VOCABULARIES:
        if ours in words:
            vocabularies[kind][key] = words[ours]
            return
    field = match_header(ours)
    if field is None:
        raise UserError(f"导入对照第{number}行：“{ours}”不是本系统的办理状态、满意度、分级或列名")
    headers[key] = field[0]


def mappings() -> dict[str, dict[str, str]]:
    """Return the saved column mappings: platform name → {header in the file: template header}."""
    try:
        stored = json.loads(settings.get("import_mappings") or "{}")
    except json.JSONDecodeError:
        raise UserError("设置“各平台保存的列对照”不是有效的 JSON，请在设置中改正") from None
    return stored if isinstance(stored, dict) else {}


def platforms() -> list[str]:
    """Return the platforms with a saved column mapping or unit mapping, in the order saved."""
    return list(dict.fromkeys([*mappings(), *unit_platforms()]))


def _mapping_headers(name: str) -> dict[str, str]:
    saved = mappings()
    if name not in saved:
        if name in unit_platforms():
            return {}  # a platform whose units were saved, its columns read as usual
        known = "、".join(platforms()) or "（还没有保存任何列对照）"
        raise UserError(f"没有名为“{name}”的列对照。已保存的有：{known}")
    headers = {}
    for header, ours in saved[name].items():
        field = match_header(ours)
        if field is None:
            raise UserError(f"列对照“{name}”中的“{ours}”不是模板的列名")
        headers[normalise_header(header)] = field[0]
    return headers


def save_mapping(name: str, columns: dict[str, str], now: datetime, operator) -> None:
    """Save a platform's column mapping (file header → template header) into the database's settings."""
    templates = {field.header for field in FIELDS}
    unknown = [ours for ours in columns.values() if ours not in templates]
    if not name.strip() or unknown:
        raise UserError(f"列对照需要名称，且只能对到模板的列名：{'、'.join(unknown)}")
    saved = mappings()
    saved[name.strip()] = dict(columns)
    settings.put_import_choice("import_mappings", json.dumps(saved, ensure_ascii=False), now, operator)
