"""parse_datetime: the dateline forms, time zones, and impossible dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from stream.core.intake_dates import check_date_range, parse_datetime
from stream.errors import IntakeError

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
SEED = datetime(2017, 1, 2, 10, 30, 4, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon Jan 2, 2017 10:30:04", SEED),
        ("2017-01-02T10:30:04Z", SEED),
        ("2017-01-02 10:30:04", SEED),
        ("2017-01-02T13:30:04+03:00", SEED),
        ("2017-01-02T10:30:04.250Z", SEED.replace(microsecond=250_000)),
        ("Mon, 02 Jan 2017 10:30:04 +0000", SEED),
        ("Mon, 2 Jan 2017 10:30:04 GMT", SEED),
        ("2 January 2017", datetime(2017, 1, 2, tzinfo=UTC)),
        ("Monday 2nd January 2017", datetime(2017, 1, 2, tzinfo=UTC)),
        ("January 2, 2017 at 10:30 GMT", SEED.replace(second=0)),
        ("Jan. 2, 2017 10:30 a.m.", SEED.replace(second=0)),
        ("January 2, 2017 12:15 AM", datetime(2017, 1, 2, 0, 15, tzinfo=UTC)),
        ("Published: January 2, 2017", datetime(2017, 1, 2, tzinfo=UTC)),
        ("Updated on 2 Jan 2017 10:30:04 UTC", SEED),
        ("٢ January ٢٠١٧", datetime(2017, 1, 2, tzinfo=UTC)),
    ],
)
def test_dateline_forms_are_read(text: str, expected: datetime) -> None:
    assert parse_datetime(text, now=NOW) == expected


def test_zone_abbreviations_give_their_offset() -> None:
    parsed = parse_datetime("January 2, 2017 5:30 PM EST", now=NOW)
    assert parsed == datetime(2017, 1, 2, 22, 30, tzinfo=UTC)
    assert parsed is not None
    assert parsed.utcoffset() == timedelta(hours=-5)


def test_iran_standard_time_is_half_an_hour_off() -> None:
    parsed = parse_datetime("Mon Jan 2, 2017 14:00:04 IRST", now=NOW)
    assert parsed == SEED


def test_gmt_offset_form_is_read() -> None:
    parsed = parse_datetime("2 January 2017 13:30 GMT+3", now=NOW)
    assert parsed is not None
    assert parsed.tzinfo == timezone(timedelta(hours=3))


def test_naive_times_are_taken_as_utc() -> None:
    parsed = parse_datetime("2017-01-02 10:30", now=NOW)
    assert parsed is not None
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Alalam - Iraq",
        "Monday",
        "January 2017",
        "2 January 2017 was the day the push resumed",
        "Officers said on Sunday (January 1) that the push went on.",
        "12/01/2017",
        "x" * 500,
    ],
)
def test_text_that_is_not_a_whole_date_gives_none(text: str) -> None:
    assert parse_datetime(text, now=NOW) is None


@pytest.mark.parametrize(
    "text",
    [
        "2017-13-02",
        "2017-02-30T10:00:00Z",
        "Jan 32, 2017",
        "31 February 2017",
        "Mon Jan 2, 2017 25:30:04",
        "Mon Jan 2, 2017 10:61",
        "January 2, 2017 13:00 PM",
        "2017-01-02T10:30:00+25:00",
        "1850-01-01",
        "2 January 2999",
    ],
)
def test_impossible_dates_raise_bad_date(text: str) -> None:
    with pytest.raises(IntakeError) as caught:
        parse_datetime(text, now=NOW)
    assert caught.value.reason == "bad_date"


def test_a_date_within_a_day_after_now_is_accepted() -> None:
    assert parse_datetime("2026-11-25T11:00:00Z", now=NOW) == NOW + timedelta(hours=23)


def test_a_date_more_than_a_day_after_now_is_rejected() -> None:
    with pytest.raises(IntakeError):
        parse_datetime("2026-11-25T13:00:00Z", now=NOW)


def test_check_date_range_makes_naive_values_utc() -> None:
    assert check_date_range(datetime(2017, 1, 2), now=NOW) == datetime(2017, 1, 2, tzinfo=UTC)
