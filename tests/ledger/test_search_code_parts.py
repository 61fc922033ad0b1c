"""Search finds a case by any part of its code, with or without the prefix, beside words and names."""

from datetime import datetime

from wzdesk.cases import lifecycle
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.ledger import search
from wzdesk.ledger.view import LedgerFilter, count
from wzdesk.models import Case

NOW = datetime(2026, 11, 20, 10, 0)


def _found(text: str) -> set[str]:
    return {c.code for c in Case.select(Case.code).where(search.text_condition(text))}


def test_the_number_alone_or_with_its_year_finds_the_case(operator):
    fill(150, 3, NOW, operator, DemoProgress())
    case = Case.select().where(Case.code == "WZ-2026-000123").get()
    for text in ("000123", "2026-000123", "wz-2026-000123", "WZ-2026-000123"):
        assert _found(text) == {case.code}, text
        assert search.case_by_code_part(text).id == case.id, text


def test_a_shorter_part_lists_every_code_holding_it(operator):
    fill(150, 3, NOW, operator, DemoProgress())
    expected = {c.code for c in Case.select() if "00012" in c.code}
    assert len(expected) == 11  # WZ-2026-000012 and 000120 … 000129
    assert _found("00012") == expected
    assert search.case_by_code_part("00012") is None  # several: the ledger lists them
    assert count(LedgerFilter(text="00012"), NOW) == 11


def test_a_platform_code_is_found_by_its_tail(operator):
    case = lifecycle.intake({"title": "噪音扰民"}, NOW, operator)
    Case.update(code="SY12345-20261130-00017").where(Case.id == case.id).execute()
    assert _found("20261130-00017") == {"SY12345-20261130-00017"}
    assert search.case_by_code_part("00017").id == case.id


def test_words_still_search_titles_and_not_codes(operator):
    case = lifecycle.intake({"title": "红旗路路灯不亮", "petitioner_name": "欧阳明"}, NOW, operator)
    assert _found("路灯不亮") == {case.code}
    assert _found("欧阳明") == {case.code}
    assert not search.is_code_part("路灯不亮") and not search.is_code_part("WZ-")
    assert _found("100%") == set()  # a LIKE wildcard typed by the clerk is a plain character
