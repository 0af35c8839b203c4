"""Tests of the pure evaluation scorer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas import (
    ArticleRef,
    Casualties,
    Event,
    EventType,
    LabelScore,
    Location,
    PlaceKind,
    Precision,
)
from stream.core.evaluation import GoldRow, Scorer, country_code, prf

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def _event(
    primary: str,
    *,
    labels: tuple[str, ...] = (),
    killed: int | None = None,
    focus: tuple[float, float, str] | None = None,
) -> Event:
    """A minimal event with the given prediction."""
    location = None
    if focus is not None:
        lat, lon, code = focus
        location = Location(
            text="X", start=0, end=1, name="X", place_id="1", lat=lat, lon=lon,
            country_code=code, kind=PlaceKind.TOWN, precision=Precision.CITY, confidence=1.0,
        )  # fmt: skip
    return Event(
        id="evt",
        article=ArticleRef(id="a", title="t"),
        type=EventType(primary),
        labels=[LabelScore(label=EventType(label), score=0.9) for label in labels or (primary,)],
        focus=location,
        casualties=Casualties(killed=killed),
        received_at=NOW,
        analyzed_at=NOW,
        pipeline_version="1",
    )


def test_prf_from_counts() -> None:
    assert prf(3, 1, 2) == {"precision": 0.75, "recall": 0.6, "f1": 0.6667}


def test_prf_without_predictions_is_zero() -> None:
    assert prf(0, 0, 4) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_per_label_and_confusion_use_primary_types() -> None:
    scorer = Scorer()
    scorer.add(GoldRow(label="attack"), _event("attack"))
    scorer.add(GoldRow(label="attack"), _event("other"))
    scorer.add(GoldRow(label="other"), _event("other"))
    report = scorer.report(1.0)
    assert report["per_label"]["attack"] == {
        "precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2
    }  # fmt: skip
    assert report["confusion"]["attack"]["other"] == 1


def test_macro_f1_averages_labels_present_in_gold() -> None:
    scorer = Scorer()
    scorer.add(GoldRow(label="attack"), _event("attack"))
    scorer.add(GoldRow(label="other"), _event("attack"))
    report = scorer.report(1.0)
    assert report["macro_f1"] == pytest.approx((0.6667 + 0.0) / 2, abs=1e-4)


def test_multi_label_scores_every_gold_label() -> None:
    scorer = Scorer()
    scorer.add(
        GoldRow(label="advance", labels=("advance", "attack")),
        _event("advance", labels=("advance", "attack")),
    )
    assert scorer.report(1.0)["per_label_multi"]["attack"]["f1"] == 1.0


def test_deaths_exact_reads_missing_count_as_zero() -> None:
    scorer = Scorer()
    scorer.add(GoldRow(label="attack", deaths=0), _event("attack"))
    scorer.add(GoldRow(label="attack", deaths=3), _event("attack", killed=2))
    scorer.add(GoldRow(label="attack"), _event("attack", killed=5))
    assert scorer.report(1.0)["deaths"] == {"n": 2, "exact": 0.5}


def test_geo_counts_missing_focus_as_a_miss() -> None:
    scorer = Scorer()
    scorer.add(GoldRow(label="attack", lat=33.3, lon=44.4, country="Iraq"),
               _event("attack", focus=(33.3, 44.4, "IQ")))  # fmt: skip
    scorer.add(GoldRow(label="attack", lat=33.3, lon=44.4, country="IQ"), _event("attack"))
    geo = scorer.report(1.0)["geo"]
    assert (geo["n"], geo["within_25km"], geo["median_km"], geo["wrong_country"]) == (
        2, 0.5, 0.0, 0.0
    )  # fmt: skip


def test_geo_flags_focus_in_another_country() -> None:
    scorer = Scorer()
    scorer.add(GoldRow(label="attack", lat=33.3, lon=44.4, country="Iraq"),
               _event("attack", focus=(33.5, 36.3, "SY")))  # fmt: skip
    geo = scorer.report(1.0)["geo"]
    assert (geo["within_161km"], geo["wrong_country"]) == (0.0, 1.0)


@pytest.mark.parametrize(
    ("value", "code"),
    [("Iraq", "IQ"), ("iq", "IQ"), ("Democratic Republic of Congo", "CD"), ("Atlantis", None)],
)
def test_country_code_accepts_names_and_codes(value: str, code: str | None) -> None:
    assert country_code(value) == code


def test_gold_row_reads_optional_fields() -> None:
    row = {"label": "attack", "labels": ["attack"], "lat": 1.5, "lon": 2.5, "deaths": 4}
    assert GoldRow.from_json(row) == GoldRow("attack", ("attack",), 1.5, 2.5, None, 4)
