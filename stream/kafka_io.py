"""Plain aiokafka helpers for the command line and tests: publish bytes, read topics."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError

from stream.errors import BrokerError

__all__ = ["Record", "publish_values", "read_topic"]

MAX_REQUEST_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Record:
    """One record read from a topic."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, bytes]
    timestamp_ms: int


async def _started(client: AIOKafkaProducer | AIOKafkaConsumer, bootstrap: str) -> None:
    """Start a client, turning connection failures into a clear BrokerError."""
    try:
        async with asyncio.timeout(15):
            await client.start()
    except (KafkaConnectionError, TimeoutError) as error:
        await client.stop()
        raise BrokerError(f"cannot reach a Kafka broker at {bootstrap}: {error}") from error


async def publish_values(
    bootstrap: str, topic: str, items: Iterable[tuple[bytes | None, bytes]]
) -> int:
    """Send (key, value) pairs to `topic` with acks=all; return how many were sent."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        enable_idempotence=False,
        max_request_size=MAX_REQUEST_BYTES,
        linger_ms=5,
    )
    await _started(producer, bootstrap)
    sent = 0
    try:
        futures = []
        for key, value in items:
            futures.append(await producer.send(topic, key=key, value=value))
            sent += 1
        await producer.flush()
        for future in futures:
            await future
    finally:
        await producer.stop()
    return sent


async def read_topic(
    bootstrap: str,
    topics: list[str],
    *,
    idle_timeout_s: float | None = None,
    done: Callable[[], bool] = lambda: True,
    group_id: str | None = None,
) -> AsyncIterator[Record]:
    """Yield records from the beginning of `topics`; stop after `idle_timeout_s` of silence
    once `done()` holds."""
    consumer = AIOKafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap,
        group_id=group_id,
        enable_auto_commit=group_id is not None,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=100,
        max_partition_fetch_bytes=MAX_REQUEST_BYTES,
    )
    await _started(consumer, bootstrap)
    loop = asyncio.get_running_loop()
    last_seen = loop.time()
    try:
        while True:
            batches = await consumer.getmany(timeout_ms=200)
            for records in batches.values():
                for item in records:
                    last_seen = loop.time()
                    yield Record(
                        topic=item.topic,
                        partition=item.partition,
                        offset=item.offset,
                        key=item.key,
                        value=item.value or b"",
                        headers={name: value for name, value in item.headers},
                        timestamp_ms=item.timestamp,
                    )
            idle = loop.time() - last_seen
            if idle_timeout_s is not None and idle > idle_timeout_s and done():
                return
    finally:
        await consumer.stop()
