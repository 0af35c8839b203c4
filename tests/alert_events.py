"""Made-up events for alerting tests: a valid Event with the fields that matter."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from schemas import (
    Actor,
    ArticleRef,
    Casualties,
    Event,
    EventType,
    Evidence,
    LabelScore,
    Location,
    PlaceKind,
    Precision,
)

__all__ = ["BASE_TIME", "MOSUL", "make_event"]

BASE_TIME = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
MOSUL = ("Mosul", "99072", 36.335, 43.119, "IQ", "Nineveh")


def make_event(
    article_id: str,
    title: str,
    *,
    type_: EventType = EventType.ATTACK,
    score: float = 0.9,
    place: tuple[str, str, float, float, str, str] | None = MOSUL,
    precision: Precision = Precision.CITY,
    killed: int | None = None,
    injured: int | None = None,
    source: str | None = None,
    actors: tuple[str, ...] = (),
    minutes: float = 0.0,
) -> Event:
    """An event as the analyze stage would publish it, `minutes` after BASE_TIME."""
    at = BASE_TIME + timedelta(minutes=minutes)
    focus = None
    if place is not None:
        name, place_id, lat, lon, country, admin1 = place
        focus = Location(
            text=name,
            start=0,
            end=len(name),
            name=name,
            place_id=place_id,
            lat=lat,
            lon=lon,
            country_code=country,
            admin1=admin1,
            kind=PlaceKind.COUNTRY if precision is Precision.COUNTRY else PlaceKind.TOWN,
            precision=precision,
            confidence=0.9,
        )
    return Event(
        id=f"evt_{hashlib.sha256(article_id.encode()).hexdigest()[:16]}",
        article=ArticleRef(id=article_id, title=title, source=source or article_id),
        type=type_,
        labels=[
            LabelScore(
                label=type_,
                score=score,
                evidence=[Evidence(sentence=title, start=0, end=len(title))],
            )
        ],
        locations=[focus] if focus else [],
        focus=focus,
        actors=[
            Actor(name=name, text=name, start=0, end=len(name), kind="armed_group")
            for name in actors
        ],
        casualties=Casualties(killed=killed, injured=injured),
        received_at=at,
        analyzed_at=at,
        pipeline_version="test",
    )
