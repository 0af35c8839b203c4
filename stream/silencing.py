"""Silences as a Kafka log: every worker replays the silences topic; CLI and HTTP append to it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition
from pydantic import ValidationError

from stream.core.silences import Silence, active_silences
from stream.kafka_io import publish_values

__all__ = ["SilenceStore", "publish_silence", "read_silences"]

log = structlog.get_logger(__name__)


async def publish_silence(bootstrap: str, topic: str, silence: Silence) -> None:
    """Append a silence (a new one, or a changed end time) to the silences topic."""
    await publish_values(
        bootstrap, topic, [(silence.id.encode(), silence.model_dump_json().encode())]
    )


def _apply(silences: dict[str, Silence], raw: bytes | None) -> None:
    """Fold one record into the map of silences (the latest record for an id wins)."""
    try:
        silence = Silence.model_validate_json(raw or b"")
    except ValidationError:
        log.warning("silence_record_invalid")
        return
    silences[silence.id] = silence


async def _caught_up(consumer: AIOKafkaConsumer, partitions: list[TopicPartition]) -> bool:
    """True when every partition's position has reached the fetch high watermark."""
    for tp in partitions:
        highwater = consumer.highwater(tp)
        if highwater is None or await consumer.position(tp) < highwater:
            return False
    return True


async def read_silences(bootstrap: str, topic: str) -> dict[str, Silence]:
    """Every silence on the topic, read to its end."""
    store = SilenceStore(bootstrap, topic)
    task = asyncio.create_task(store.run())
    try:
        await store.wait_ready(30.0)
        return dict(store.silences)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


class SilenceStore:
    """Replays the silences topic from the start and follows it; `ready` once caught up."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.silences: dict[str, Silence] = {}
        self.ready = asyncio.Event()

    def active(self, now: datetime) -> list[Silence]:
        """Silences in force at `now`."""
        return active_silences(self.silences.values(), now)

    async def wait_ready(self, timeout_s: float) -> None:
        """Wait until the topic has been replayed to its end (at once when it has been)."""
        if self.ready.is_set():
            return
        async with asyncio.timeout(timeout_s):
            await self.ready.wait()

    async def run(self, on_change: Callable[[], None] = lambda: None) -> None:
        """Read the whole topic (no consumer group: every worker sees every silence)."""
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap, enable_auto_commit=False, fetch_max_wait_ms=100
        )
        await consumer.start()
        try:
            await consumer.topics()
            partitions = [
                TopicPartition(self.topic, p)
                for p in sorted(consumer.partitions_for_topic(self.topic) or {0})
            ]
            consumer.assign(partitions)
            await consumer.seek_to_beginning(*partitions)
            while True:
                batches = await consumer.getmany(timeout_ms=200)
                for records in batches.values():
                    for record in records:
                        _apply(self.silences, record.value)
                if batches:
                    on_change()
                if not self.ready.is_set() and await _caught_up(consumer, partitions):
                    log.info("silences_loaded", silences=len(self.silences))
                    self.ready.set()
        finally:
            await consumer.stop()
