"""The field table and the value vocabularies of the import."""

import pytest

from wzdesk.excel.columns import (
    FIELD_LABELS,
    FIELDS,
    FILE_STATUSES,
    GRADE_LABELS,
    GRADE_WORDS,
    RATING_LABELS,
    RATING_WORDS,
    STATUS_LABELS,
    STATUS_WORDS,
    match_header,
    normalise_header,
)


def test_every_design_field_is_declared_once():
    """The table has the fields of DESIGN.md (issue 20 added 事发地址 and 答复时间), and 主协办 for rows per unit."""
    names = [field.name for field in FIELDS]
    assert names == [
        "code", "title", "content", "category", "channel", "petitioner", "phone", "district", "street",
        "community", "received_at", "dispatched_at", "lead_department", "co_departments", "grade",
        "responded_at", "status", "closed_at", "solved", "rating", "address", "replied_at", "unit_role",
    ]
    assert FIELD_LABELS["dispatched_at"] == "派单时间"


def test_every_header_and_alias_matches_its_field():
    """Each template header and alias maps back to its field, the template header ranking first."""
    for field in FIELDS:
        assert match_header(field.header) == (field.name, 0)
        for alias in field.aliases:
            assert match_header(alias)[0] == field.name


@pytest.mark.parametrize(
    ("written", "field"),
    [
        (" 工单编号 ", "code"),
        ("工单\u3000编号", "code"),
        ("派单\n时间", "dispatched_at"),
        ("受理时间\r\n", "received_at"),
        ("街道(乡镇)", "street"),
        ("街道（乡镇）", "street"),
        ("村(社区)", "community"),
        ("*工单编号", "code"),
    ],
)
def test_header_matching_forgives_spaces_breaks_and_bracket_width(written, field):
    """Stray spaces, U+3000, line breaks, bracket width and a required-star do not stop a match."""
    assert match_header(written)[0] == field


def test_normalise_header_folds_brackets_and_latin_case():
    """Full-width brackets and latin letters fold to half-width lower case."""
    assert normalise_header("【ＡＢ】（Ｘ）") == "[ab](x)"
    assert normalise_header("【ab】") == normalise_header("[AB]")


def test_unknown_header_matches_nothing():
    """A header the table does not know is not matched."""
    assert match_header("序号") is None
    assert match_header("备注") is None


def test_grade_words():
    """小/一般 are minor, 中/较大 moderate, 大/重大 major, and code names stand for themselves."""
    assert {word: GRADE_WORDS[word] for word in ("小", "一般", "中", "较大", "大", "重大")} == {
        "小": "minor", "一般": "minor", "中": "moderate", "较大": "moderate", "大": "major", "重大": "major",
    }
    assert all(GRADE_WORDS[code] == code for code in GRADE_LABELS)


def test_status_and_rating_words_round_trip_through_labels():
    """Every status a file may carry and every rating label reads back as its code, and so does the code name.

    已合并 (issue 23) is the ledger's own link of a repeat to its main case: no file sets it.
    """
    assert set(STATUS_LABELS) - set(FILE_STATUSES) == {"merged"} and "已合并" not in STATUS_WORDS
    for labels, words in ((FILE_STATUSES, STATUS_WORDS), (RATING_LABELS, RATING_WORDS)):
        for code, label in labels.items():
            assert words[label] == code
            assert words[code] == code
    assert STATUS_WORDS["已退回"] == "returned"
    assert RATING_WORDS["基本满意"] == "basically_satisfied"
