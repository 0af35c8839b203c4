"""Duplicate suppression: an intake agent re-keys articles by dedupe key, a table remembers them.

Articles arrive with arbitrary keys (often none), but a Faust table is partitioned like the
stream that reads it. The intake agent therefore validates each input message (bad ones go
to the DLQ), then forwards the parsed Article (JSON) to a repartition topic keyed by its
`dedupe_key`, with headers naming the input position. The analyze agent reads that topic,
so every copy of an article reaches the same partition and the same table shard. A message
a producer already keyed by dedupe key, on the partition Kafka's default partitioner gives
that key, is analysed in place: it is where its re-keyed copy would go.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import faust
import structlog
from pydantic import ValidationError

from schemas import Article
from stream.agents import ArticleStage, Dependencies, Topics, build_analyze_agent, dead_letter
from stream.changelog import DirectTable, TableStore
from stream.core.analysis import SourcePosition
from stream.core.dedupe import (
    FirstSeen,
    expired_keys,
    judge,
    origin_headers,
    source_label,
)
from stream.core.intake import article_key
from stream.core.partitioning import kafka_partition
from stream.core.processing import DeadLetter
from stream.direct_topic import raw_topic
from stream.errors import IntakeError
from stream.metrics import Metrics
from stream.placement import Placement
from stream.settings import Settings

__all__ = [
    "TABLE_NAME",
    "FirstSeenGate",
    "build_deduplicating_agents",
    "decode_forwarded",
    "dedupe_topic_names",
    "repartition_topic_name",
]

TABLE_NAME = "article-first-seen"
SWEEP_INTERVAL_S = 60.0

log = structlog.get_logger(__name__)


def repartition_topic_name(settings: Settings) -> str:
    """The internal topic carrying valid input messages keyed by dedupe key."""
    return f"{settings.app_id}-articles-by-key-repartition"


def dedupe_topic_names(settings: Settings) -> list[str]:
    """Internal topics to create before a worker starts: the repartition topic, the changelog."""
    return [repartition_topic_name(settings), f"{settings.app_id}-{TABLE_NAME}-changelog"]


class FirstSeenGate:
    """Admits an article whose dedupe key is new or expired; remembers it once analysed.

    Expired entries are also deleted, at most every `sweep_interval_s` (capped at half the
    window) per partition, while a message of that partition is processed (so the tombstone
    goes to the right changelog partition).
    """

    def __init__(
        self,
        table: TableStore,
        *,
        window_s: float,
        partitions: int,
        metrics: Metrics,
        clock: Callable[[], float] = time.time,
        sweep_interval_s: float = SWEEP_INTERVAL_S,
    ) -> None:
        self._table = table
        self._window_s = window_s
        self._partitions = partitions
        self._metrics = metrics
        self._clock = clock
        self._sweep_interval_s = min(sweep_interval_s, window_s / 2)
        self._swept_at: dict[int, float] = {}

    def _entry(self, key: str) -> FirstSeen | None:
        """The table's record for `key`, if any."""
        return FirstSeen.from_json(self._table.get(key))

    async def admit(self, message: Any, position: SourcePosition) -> bool:
        """False, counted and logged, for a duplicate seen within the window."""
        key = _key(message)
        now = self._clock()
        await self._sweep(message.tp.partition, now)
        verdict = judge(self._entry(key), position, now=now, window_s=self._window_s)
        if verdict.duplicate:
            self._metrics.articles_duplicate.inc()
            log.info("duplicate_dropped", dedupe_key=key, offset=position.offset)
        return not verdict.duplicate

    async def _sweep(self, partition: int, now: float) -> None:
        """Delete the partition's expired entries if it was not swept recently."""
        if now - self._swept_at.get(partition, float("-inf")) < self._sweep_interval_s:
            return
        self._swept_at[partition] = now
        expired = expired_keys(
            self._table.items(),
            partition=partition,
            partitions=self._partitions,
            now=now,
            window_s=self._window_s,
        )
        for key in expired:
            await self._table.delete(key)
        if expired:
            log.info("dedupe_entries_expired", partition=partition, count=len(expired))

    async def remember(self, message: Any, position: SourcePosition) -> None:
        """Record the key as first seen now from this message (kept as is on a redelivery)."""
        key = _key(message)
        entry = self._entry(key)
        if entry is not None and entry.source == source_label(position):
            return
        await self._table.set(key, FirstSeen(self._clock(), source_label(position)).to_json())


def _key(message: Any) -> str:
    """The dedupe key the intake agent put on the message."""
    return bytes(message.key or b"").decode("utf-8", "surrogateescape")


def decode_forwarded(raw: bytes) -> Article:
    """The Article the intake agent parsed and forwarded as JSON (no second full parse)."""
    try:
        return Article.model_validate_json(raw)
    except ValidationError as error:
        raise IntakeError("invalid_article", str(error.errors()[0]["msg"])) from error


def _already(article: Article) -> Callable[[bytes], Article]:
    """A parser that returns the article intake already parsed."""
    return lambda _raw: article


def _build_intake_agent(
    app: faust.App,
    topics: Topics,
    deps: Dependencies,
    routes: tuple[faust.TopicT, ArticleStage, Placement],
    partitions: int,
) -> None:
    """Register the intake agent: validate, dead-letter the unusable, re-key the rest
    (or analyse in place what a producer already keyed by dedupe key)."""
    by_key, stage, placement = routes

    async def intake(stream: faust.StreamT[bytes]) -> None:
        """Input bytes → analysis in place, or the repartition topic (or a dead letter)."""
        async for delivery in stream.events():
            message = delivery.message
            deps.metrics.articles_consumed.inc()
            try:
                article = deps.parse(message.value or b"")
            except IntakeError as error:
                await dead_letter(topics, deps, message, DeadLetter(error.reason, error.message))
                continue
            except Exception as error:
                log.exception("intake_failed")
                await dead_letter(topics, deps, message, DeadLetter("internal_error", repr(error)))
                continue
            raw_key = article_key(article)
            if placement.holds(message, raw_key):
                await stage.handle(message, _already(article))
                continue
            position = SourcePosition(message.tp.topic, message.tp.partition, message.offset)
            timestamp_ms = int(float(message.timestamp or time.time()) * 1000)
            await by_key.send(
                key=raw_key,
                value=article.model_dump_json().encode(),
                partition=kafka_partition(raw_key, partitions),
                headers=origin_headers(position, timestamp_ms),
            )

    app.agent(topics.articles, name="intake")(intake)


def build_deduplicating_agents(
    app: faust.App, topics: Topics, deps: Dependencies, settings: Settings, placement: Placement
) -> None:
    """Register intake → (repartition topic →) analyze, with the first-seen table."""
    by_key = raw_topic(
        app, repartition_topic_name(settings), partitions=settings.topic_partitions, internal=True
    )
    table = app.Table(
        TABLE_NAME,
        default=None,
        key_type=str,
        partitions=settings.topic_partitions,
        help="When each dedupe key was first analysed, and from which input message.",
    )
    gate = FirstSeenGate(
        DirectTable(table),
        window_s=settings.dedupe_window_s,
        partitions=settings.topic_partitions,
        metrics=deps.metrics,
        clock=lambda: deps.clock().timestamp(),
    )
    stage = build_analyze_agent(
        app, topics, replace(deps, parse=decode_forwarded), source=by_key, gate=gate
    )
    routes = (by_key, stage, placement)
    _build_intake_agent(app, topics, deps, routes, settings.topic_partitions)
