"""Thin Faust agents: decode, call the core, send; dead letters and metrics at the edge."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import faust
import structlog

from schemas import Article, Event
from stream.core.alert_flow import partition_key
from stream.core.analysis import Analyzer, SourcePosition
from stream.core.dedupe import origin_of
from stream.core.processing import DeadLetter, dead_letter_headers, process_article
from stream.core.replay import first_seen_of
from stream.core.rules import Rule
from stream.logging import LogContext
from stream.metrics import Metrics

__all__ = [
    "ArticleGate",
    "ArticleStage",
    "Dependencies",
    "Topics",
    "build_analyze_agent",
    "dead_letter",
]

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Topics:
    """The Faust topics a worker reads and writes."""

    articles: faust.TopicT
    dlq: faust.TopicT
    events: faust.TopicT
    alerts: faust.TopicT


@dataclass(frozen=True)
class Dependencies:
    """Everything the agents need, passed in by the composition root."""

    analyzer: Analyzer
    parse: Callable[[bytes], Article]
    related: Callable[[Article], list[Article]]
    rules: Sequence[Rule]
    metrics: Metrics
    clock: Callable[[], datetime]


class ArticleGate(Protocol):
    """Decides whether an input message is analysed (duplicate suppression)."""

    async def admit(self, message: Any, position: SourcePosition) -> bool:
        """False when the message must be dropped (counted by the gate)."""

    async def remember(self, message: Any, position: SourcePosition) -> None:
        """Record that the message's events were published."""


def _position(message: Any) -> SourcePosition:
    """Where a Faust message sat on its input topic (origin headers win over a repartition)."""
    origin = origin_of(message.headers)
    if origin is not None:
        return origin[0]
    return SourcePosition(message.tp.topic, message.tp.partition, message.offset)


def _arrival(message: Any) -> datetime:
    """The record's broker/producer timestamp as an aware datetime."""
    origin = origin_of(message.headers)
    timestamp = origin[1] / 1000 if origin is not None else message.timestamp
    if timestamp:
        return datetime.fromtimestamp(float(timestamp), UTC)
    return datetime.now(UTC)


async def dead_letter(topics: Topics, deps: Dependencies, message: Any, letter: DeadLetter) -> None:
    """Send the original bytes to the DLQ with headers naming the reason and the source."""
    position = _position(message)
    first_seen = first_seen_of(message.headers) or deps.clock()
    await topics.dlq.send(
        key=message.key,
        value=message.value if message.value is not None else b"",
        headers=dead_letter_headers(letter, position, first_seen),
    )
    deps.metrics.articles_dead_lettered.labels(reason=letter.reason).inc()
    log.warning(
        "dead_lettered",
        reason=letter.reason,
        detail=letter.message,
        topic=position.topic,
        partition=position.partition,
        offset=position.offset,
    )


@dataclass(frozen=True)
class ArticleStage:
    """Analyses one article message and publishes its events (or dead-letters it)."""

    topics: Topics
    deps: Dependencies
    gate: ArticleGate | None = None

    async def handle(self, message: Any, parse: Callable[[bytes], Article]) -> None:
        """Gate, parse and analyse `message`; events go out keyed by their focus country."""
        deps = self.deps
        position = _position(message)
        if self.gate is not None and not await self.gate.admit(message, position):
            return
        with LogContext(topic=position.topic, partition=position.partition, offset=position.offset):
            started = time.perf_counter()
            try:
                outcome = process_article(
                    message.value or b"",
                    parse=parse,
                    related=deps.related,
                    analyzer=deps.analyzer,
                    position=position,
                    received_at=_arrival(message),
                    clock=deps.clock,
                )
            except Exception as error:
                log.exception("analysis_failed")
                letter = DeadLetter("internal_error", repr(error))
                await dead_letter(self.topics, deps, message, letter)
                return
            deps.metrics.analysis_seconds.observe(time.perf_counter() - started)
            if outcome.dead_letter is not None:
                await dead_letter(self.topics, deps, message, outcome.dead_letter)
                return
            deps.metrics.articles_parsed.inc(len(outcome.events))
            for event in outcome.events:
                await self._publish(event)
            if self.gate is not None:
                await self.gate.remember(message, position)

    async def _publish(self, event: Event) -> None:
        """Send one event, keyed by its focus country so alerting can read it in place."""
        await self.topics.events.send(
            key=partition_key(event).encode(), value=event.model_dump_json().encode()
        )
        self.deps.metrics.record_event(
            event.type.value, event.focus.country_code if event.focus else None
        )
        log.debug("event_published", type=event.type, article_id=event.article.id)


def build_analyze_agent(
    app: faust.App,
    topics: Topics,
    deps: Dependencies,
    *,
    source: faust.TopicT | None = None,
    gate: ArticleGate | None = None,
) -> ArticleStage:
    """Register the analyze agent: raw articles (from `source`, default the input topic) in,
    events (or dead letters) out; a `gate` may drop duplicates first."""
    stage = ArticleStage(topics, deps, gate)

    async def analyze(stream: faust.StreamT[bytes]) -> None:
        """Article messages → Events on the events topic (or a dead letter)."""
        async for delivery in stream.events():
            if source is None:
                deps.metrics.articles_consumed.inc()
            await stage.handle(delivery.message, deps.parse)

    app.agent(source or topics.articles, name="analyze")(analyze)
    return stage
