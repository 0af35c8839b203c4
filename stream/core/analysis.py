"""Compose the analysis steps: classify, find actors, casualties and places into an Event."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from schemas import (
    Actor,
    Article,
    ArticleRef,
    Casualties,
    Event,
    EventType,
    LabelScore,
    Location,
)
from stream.core.text import Sentence

__all__ = [
    "ActorFinder",
    "Analyzer",
    "CasualtyExtractor",
    "Classification",
    "Classifier",
    "LiteralHits",
    "PlaceFinder",
    "Places",
    "SourcePosition",
    "event_id_for",
]

PIPELINE_VERSION = "1"


LiteralHits = Sequence[tuple[int, str]]
"""Where a step's literals end in a lower-cased text, each with the literal found there."""


@dataclass(frozen=True, slots=True)
class Classification:
    """Labels with scores and evidence, the primary type, and the classified text's sentences.

    `text` and `sentences` let later steps reuse the sentence split of the same text, and
    `literals` the hits of their literals that the classifier's scan of it found (by step).
    """

    labels: list[LabelScore]
    primary: EventType
    text: str = ""
    sentences: tuple[Sentence, ...] = ()
    literals: Mapping[str, LiteralHits] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Places:
    """Every place found in a text and the event's focus place."""

    locations: list[Location]
    focus: Location | None


@dataclass(frozen=True, slots=True)
class SourcePosition:
    """Where a message sat on its topic."""

    topic: str
    partition: int
    offset: int


class Classifier(Protocol):
    """Assigns event types to a text."""

    def classify(self, text: str) -> Classification:
        """Return the labels that apply to `text` and its primary type."""
        ...


class PlaceFinder(Protocol):
    """Finds and geocodes places in a text."""

    def locate(
        self, text: str, classification: Classification, actors: Sequence[Actor] = ()
    ) -> Places:
        """Return every place in `text` and the focus place of the classified event; the
        `actors` found in the text may hint at its country."""
        ...


class ActorFinder(Protocol):
    """Finds named armed groups and forces in a text."""

    def find(self, text: str, classification: Classification) -> list[Actor]:
        """Return the actors named in `text`, normalised, with roles where clear."""
        ...


class CasualtyExtractor(Protocol):
    """Finds killed and injured counts in a text."""

    def extract(self, text: str, classification: Classification) -> Casualties:
        """Return the casualties reported for the main event of `text`."""
        ...


def event_id_for(article_id: str) -> str:
    """Deterministic event id: the same article always yields the same id."""
    digest = hashlib.sha256(f"event:{article_id}".encode()).hexdigest()
    return f"evt_{digest[:24]}"


@dataclass(frozen=True, slots=True)
class Analyzer:
    """Turns an Article into an Event with the injected analysis steps."""

    classifier: Classifier
    places: PlaceFinder
    actors: ActorFinder
    casualties: CasualtyExtractor

    def analyze(
        self,
        article: Article,
        *,
        received_at: datetime,
        now: datetime,
        position: SourcePosition | None = None,
    ) -> Event:
        """Run every step on the article's text and assemble the Event."""
        text = article.text
        classification = self.classifier.classify(text)
        actors = self.actors.find(text, classification)
        places = self.places.locate(text, classification, actors)
        return Event(
            id=event_id_for(article.id),
            article=ArticleRef(
                id=article.id,
                title=article.title,
                url=article.url,
                source=article.source,
                published_at=article.published_at,
                parent_id=article.parent_id,
                topic=position.topic if position else None,
                partition=position.partition if position else None,
                offset=position.offset if position else None,
            ),
            type=classification.primary,
            labels=classification.labels,
            locations=places.locations,
            focus=places.focus,
            actors=actors,
            casualties=self.casualties.extract(text, classification),
            received_at=received_at,
            analyzed_at=now,
            pipeline_version=PIPELINE_VERSION,
        )
