"""prepare_fields and tidy_body: JSON objects normalised before Article validation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stream.core.intake_json import prepare_fields, tidy_body
from stream.errors import IntakeError

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def test_aliases_fill_missing_fields() -> None:
    fields, _ = prepare_fields({"headline": "H", "content": "C"}, now=NOW)
    assert (fields["title"], fields["body"]) == ("H", "C")


def test_aliases_do_not_override_given_fields() -> None:
    fields, warnings = prepare_fields({"body": "B", "text": "T"}, now=NOW)
    assert fields["body"] == "B"
    assert warnings == ["ignored unknown fields: text"]


def test_unknown_fields_are_listed_in_a_warning() -> None:
    fields, warnings = prepare_fields({"id": "1", "lang": "en", "feed": "x"}, now=NOW)
    assert fields == {"id": "1"}
    assert warnings == ["ignored unknown fields: feed, lang"]


def test_null_text_and_list_fields_become_empty() -> None:
    fields, _ = prepare_fields({"title": None, "body": None, "related": None}, now=NOW)
    assert fields == {"title": "", "body": "", "related": []}


def test_integer_ids_become_strings() -> None:
    assert prepare_fields({"id": 42}, now=NOW)[0]["id"] == "42"


def test_title_whitespace_and_controls_are_cleaned() -> None:
    fields, _ = prepare_fields({"title": " Raid\u200f in\n\x07Gao "}, now=NOW)
    assert fields["title"] == "Raid in Gao"


def test_blank_optional_strings_become_none() -> None:
    fields, _ = prepare_fields({"url": " ", "source": ""}, now=NOW)
    assert (fields["url"], fields["source"]) == (None, None)


def test_epoch_milliseconds_are_read() -> None:
    fields, _ = prepare_fields({"published_at": 1_483_353_004_000}, now=NOW)
    assert fields["published_at"] == datetime(2017, 1, 2, 10, 30, 4, tzinfo=UTC)


def test_booleans_are_left_for_validation_to_reject() -> None:
    assert prepare_fields({"published_at": True}, now=NOW)[0]["published_at"] is True


@pytest.mark.parametrize("value", ["next week", "2017-02-30", -(10**15), float("inf")])
def test_bad_published_values_raise_bad_date(value: object) -> None:
    with pytest.raises(IntakeError) as caught:
        prepare_fields({"published_at": value}, now=NOW)
    assert caught.value.reason == "bad_date"


def test_tidy_body_collapses_spaces_and_blank_line_runs() -> None:
    assert tidy_body("  First  line \n\n\n\n Second\t\tline  \n") == "First line\n\nSecond line"
