"""What happens to one message: raw bytes in, events or a dead letter out (pure)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from schemas import Article, Event
from stream.core.analysis import Analyzer, SourcePosition
from stream.errors import IntakeError

__all__ = [
    "AnalyzeOutcome",
    "DeadLetter",
    "dead_letter_headers",
    "process_article",
]

ArticleParser = Callable[[bytes], Article]
RelatedSplitter = Callable[[Article], list[Article]]


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A message that cannot be processed, with the reason why."""

    reason: str
    message: str


@dataclass(frozen=True, slots=True)
class AnalyzeOutcome:
    """Events produced from one input message, or the dead letter explaining why none."""

    events: list[Event] = field(default_factory=list)
    dead_letter: DeadLetter | None = None


def process_article(
    raw: bytes,
    *,
    parse: ArticleParser,
    related: RelatedSplitter,
    analyzer: Analyzer,
    position: SourcePosition,
    received_at: datetime,
    clock: Callable[[], datetime],
) -> AnalyzeOutcome:
    """Parse a raw message and analyse the article and each related headline."""
    try:
        article = parse(raw)
    except IntakeError as error:
        return AnalyzeOutcome(dead_letter=DeadLetter(error.reason, error.message))
    articles = [article, *related(article)]
    events = [
        analyzer.analyze(item, received_at=received_at, now=clock(), position=position)
        for item in articles
    ]
    return AnalyzeOutcome(events=events)


def dead_letter_headers(
    letter: DeadLetter, position: SourcePosition, first_seen: datetime | None = None
) -> list[tuple[str, bytes]]:
    """Kafka headers naming the reason and where the original message came from."""
    seen = (first_seen or datetime.now(UTC)).isoformat()
    return [
        ("dlq-reason", letter.reason.encode()),
        ("dlq-message", letter.message.encode("utf-8", errors="replace")[:2000]),
        ("dlq-source-topic", position.topic.encode()),
        ("dlq-source-partition", str(position.partition).encode()),
        ("dlq-source-offset", str(position.offset).encode()),
        ("dlq-first-seen", seen.encode()),
    ]
