"""Cell values as python-calamine returns them, turned into clean Python values."""

from datetime import date, datetime, time, timedelta

import pytest

from wzdesk.excel.values import (
    BadValue,
    is_masked,
    to_code,
    to_datetime,
    to_grade,
    to_names,
    to_phone,
    to_rating,
    to_status,
    to_text,
)

MOMENT = datetime(2026, 10, 8, 9, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026/10/8 9:05", MOMENT),
        ("2026-10-08 09:05:00", MOMENT),
        ("2026-10-08 09:05", MOMENT),
        ("2026-10-08", datetime(2026, 10, 8)),
        ("2026年10月8日", datetime(2026, 10, 8)),
        ("2026年10月8日 9时5分", MOMENT),
        ("2026年10月8日9:05", MOMENT),
        ("2026.10.8", datetime(2026, 10, 8)),
        ("2026-10-08T09:05:00", MOMENT),
        (" ２０２６/10/8\u30009:05 ", MOMENT),
    ],
)
def test_text_dates(text, expected):
    """Every text date form of the platform exports parses to a naive datetime."""
    assert to_datetime(text) == expected


@pytest.mark.parametrize("text", ["2026/13/45", "2026-02-30", "2026/10-8", "明天", "10/8/2026", "2026年10月"])
def test_bad_text_dates_are_refused(text):
    """Impossible or unknown text dates raise BadValue with a Chinese message."""
    with pytest.raises(BadValue, match="不是有效的日期时间"):
        to_datetime(text)


def test_serial_numbers_round_to_the_second():
    """An Excel serial for 15:30 comes back as 15:30:00 exactly, not 15:29:59.999."""
    assert to_datetime(46303.6458333333) == datetime(2026, 10, 8, 15, 30)
    assert to_datetime(46303) == datetime(2026, 10, 8)


def test_date_cells_round_to_the_second_and_dates_become_midnight():
    """Date cells lose float noise; a bare date becomes 00:00 of that day."""
    assert to_datetime(datetime(2026, 10, 8, 15, 29, 59, 971000)) == datetime(2026, 10, 8, 15, 30)
    assert to_datetime(date(2026, 10, 8)) == datetime(2026, 10, 8)


@pytest.mark.parametrize("raw", [5, 1e9, -3.0, time(9, 5), timedelta(hours=3), True, "1899-12-31"])
def test_implausible_moments_are_refused(raw):
    """Small or huge serials, times without a date, booleans and far-off years are refused."""
    with pytest.raises(BadValue):
        to_datetime(raw)


def test_blank_cells_are_none():
    """Empty strings, spaces and None are blank for every kind."""
    for parse in (to_text, to_code, to_datetime, to_phone, to_names, to_grade, to_status, to_rating):
        assert parse("") is None
        assert parse(" \u3000") is None
        assert parse(None) is None


def test_numbers_come_back_as_digit_strings():
    """Codes and phones stored as numbers come back as their integer digits."""
    assert to_code(20261008001.0) == "20261008001"
    assert to_code(123) == "123"
    assert to_phone(13812345678.0) == "13812345678"
    assert to_phone(13812345678) == "13812345678"
    assert to_text(3.0) == "3"


def test_numeric_landline_gets_its_zero_back():
    """A landline typed into a number cell lost its leading zero; it is restored."""
    assert to_phone(73184567890.0) == "073184567890"
    assert to_phone(1012345678) == "01012345678"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0731-84567890", "0731-84567890"),
        ("(0731)84567890", "0731-84567890"),
        ("+86 138-1234-5678", "13812345678"),
        ("138****5678", "138****5678"),
        ("138＊＊＊＊5678", "138****5678"),
    ],
)
def test_phone_forms(raw, expected):
    """Landlines with area codes, dressed-up mobiles and masked numbers are accepted."""
    assert to_phone(raw) == expected


# Issue 20: two numbers in one cell are the phone and a second number, no longer a refusal.
@pytest.mark.parametrize("raw", ["12", "84567890", "2381234567", "电话", 1.5])
def test_bad_phones_are_refused(raw):
    """Too short, no area code, words and fractions are not phone numbers."""
    with pytest.raises(BadValue, match="电话号码"):
        to_phone(raw)


def test_masked_values_are_recognised():
    """A star marks a masked phone or name; real values are not masked."""
    assert is_masked("138****5678")
    assert is_masked("张**")
    assert not is_masked("13812345678")
    assert not is_masked(None)


def test_co_departments_split_on_every_separator():
    """Names split on 、 , ， ; ； and line breaks, trimmed, empties dropped."""
    names = ["住建局", "交通局", "水务局", "城管局", "环保局"]
    assert to_names("住建局、 交通局,水务局，;城管局；\n 环保局 ,") == names
    assert to_names("、,") is None


def test_vocabulary_words():
    """Grade, status and rating words read as code names; spaces and latin case do not matter."""
    assert to_grade(" 较大 ") == "moderate"
    assert to_status("已 办结") == "closed"
    assert to_status("IN_PROGRESS") == "in_progress"
    assert to_rating("非常不满意") == "very_dissatisfied"


def test_unknown_words_name_the_allowed_ones():
    """An unknown word is refused with the list of words that would do."""
    with pytest.raises(BadValue, match="可填：小、中、大"):
        to_grade("巨大")
    with pytest.raises(BadValue, match="已受理、已派单"):
        to_status("处理完毕")


def test_fractional_code_is_refused():
    """A code read as a fraction cannot be an integer code."""
    with pytest.raises(BadValue):
        to_code(12.5)
