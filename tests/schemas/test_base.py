"""Tests for the wire models' shared base."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from schemas import Location, PlaceKind, Precision


def _location() -> Location:
    return Location(
        text="Mosul",
        start=10,
        end=15,
        name="Mosul",
        place_id="99072",
        lat=36.335,
        lon=43.119,
        country_code="IQ",
        admin1="Nineveh",
        kind=PlaceKind.TOWN,
        precision=Precision.CITY,
        confidence=0.8,
        feature_code="PPLA",
    )


def test_with_fields_gives_what_model_copy_gives() -> None:
    changes: dict[str, object] = {"text": "Mosul city", "start": 3, "end": 13, "confidence": 0.5}
    made = _location().with_fields(changes)
    expected = _location().model_copy(update=changes)
    assert made == expected
    assert made.model_dump_json() == expected.model_dump_json()
    assert made.model_fields_set == expected.model_fields_set


def test_with_fields_leaves_the_original_and_stays_frozen() -> None:
    original = _location()
    made = original.with_fields({"start": 0})
    assert (original.start, made.start) == (10, 0)
    with pytest.raises(ValidationError):
        made.start = 1  # type: ignore[misc]
