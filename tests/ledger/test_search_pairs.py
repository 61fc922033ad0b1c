"""Two-character words are answered by the pair index, with exactly the cases a full scan finds."""

from datetime import datetime

import pytest

from wzdesk.cases import lifecycle
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.ledger import search
from wzdesk.models import Case, db
from wzdesk.models.bigram_search import bigrams

NOW = datetime(2026, 11, 20, 10, 0)


def test_pairs_of_each_word():
    assert bigrams("路灯不亮", None, "欧阳 明") == "路灯 灯不 不亮 欧阳"


@pytest.mark.parametrize("word", ["电梯", "欧阳", "路灯", "噪音", "小区", "垃圾", "满溢", "王芳"])
def test_pair_search_finds_what_a_full_scan_finds(operator, word):
    fill(400, 9, NOW, operator, DemoProgress())
    found = {c.id for c in Case.select(Case.id).where(search.text_condition(word))}
    scanned = {row[0] for row in db.execute_sql(
        'SELECT id FROM "case" WHERE instr(title, ?) > 0 OR instr(content, ?) > 0 OR instr(petitioner_name, ?) > 0',
        (word, word, word))}
    assert found == scanned


def test_an_edited_title_is_found_by_its_new_words_only(operator):
    case = lifecycle.intake({"title": "电梯故障", "petitioner_name": "欧阳明"}, NOW, operator)
    assert Case.select().where(search.text_condition("电梯")).count() == 1
    Case.update(title="水压太低").where(Case.id == case.id).execute()
    assert Case.select().where(search.text_condition("电梯")).count() == 0
    assert Case.select().where(search.text_condition("水压")).count() == 1
    assert Case.select().where(search.text_condition("欧阳")).count() == 1
