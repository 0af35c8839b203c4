"""One message through the pure core: events, dead letters and their headers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from schemas import Actor, Article, Casualties, EventType, LabelScore
from stream.core.analysis import Analyzer, Classification, Places, SourcePosition
from stream.core.processing import dead_letter_headers, process_article
from stream.errors import IntakeError

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
POSITION = SourcePosition("articles.raw", 2, 41)


class _KeywordClassifier:
    """Attack when the text says 'bomb'; nothing else."""

    def classify(self, text: str) -> Classification:
        if "bomb" in text:
            return Classification([LabelScore(label=EventType.ATTACK, score=0.9)], EventType.ATTACK)
        return Classification([], EventType.OTHER)


class _NoPlaces:
    def locate(
        self, text: str, classification: Classification, actors: Sequence[Actor] = ()
    ) -> Places:
        return Places([], None)


class _NoActors:
    def find(self, text: str, classification: Classification) -> list[Actor]:
        return []


class _NoCasualties:
    def extract(self, text: str, classification: Classification) -> Casualties:
        return Casualties()


ANALYZER = Analyzer(_KeywordClassifier(), _NoPlaces(), _NoActors(), _NoCasualties())


def _parse(raw: bytes) -> Article:
    if not raw.startswith(b"{"):
        raise IntakeError("invalid_json", "not a JSON object")
    return Article.model_validate_json(raw)


def _related(article: Article) -> list[Article]:
    return [Article(id=f"{article.id}/r", title="Car bomb in the capital", parent_id=article.id)]


def _run(raw: bytes):  # type: ignore[no-untyped-def]
    return process_article(
        raw,
        parse=_parse,
        related=_related,
        analyzer=ANALYZER,
        position=POSITION,
        received_at=NOW,
        clock=lambda: NOW,
    )


def test_an_article_and_its_related_headline_each_become_an_event() -> None:
    """The parent and each related headline yield one event, in that order."""
    outcome = _run(b'{"id": "a1", "title": "Talks resume"}')
    assert outcome.dead_letter is None
    assert [event.article.id for event in outcome.events] == ["a1", "a1/r"]
    assert [event.type for event in outcome.events] == [EventType.OTHER, EventType.ATTACK]
    assert outcome.events[1].article.parent_id == "a1"
    assert outcome.events[0].article.offset == 41


def test_an_intake_error_becomes_a_dead_letter_with_its_reason() -> None:
    """Unparseable bytes produce no events and a dead letter carrying the reason code."""
    outcome = _run(b"garbage")
    assert outcome.events == []
    assert outcome.dead_letter is not None
    assert outcome.dead_letter.reason == "invalid_json"


def test_event_ids_are_deterministic() -> None:
    """Processing the same article twice yields the same event id."""
    first = _run(b'{"id": "a2", "title": "bomb"}').events[0]
    second = _run(b'{"id": "a2", "title": "bomb"}').events[0]
    assert first.id == second.id
    assert first.id != _run(b'{"id": "a3", "title": "bomb"}').events[0].id


def test_dead_letter_headers_name_reason_and_source() -> None:
    """Headers carry reason, message, source topic/partition/offset and first-seen time."""
    outcome = _run(b"garbage")
    assert outcome.dead_letter is not None
    headers = dict(dead_letter_headers(outcome.dead_letter, POSITION, NOW))
    assert headers["dlq-reason"] == b"invalid_json"
    assert headers["dlq-source-topic"] == b"articles.raw"
    assert headers["dlq-source-partition"] == b"2"
    assert headers["dlq-source-offset"] == b"41"
    assert headers["dlq-first-seen"] == NOW.isoformat().encode()
