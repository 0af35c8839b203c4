"""A long-lived producer for connectors: send a batch, wait until the broker has it all."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from types import TracebackType

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError, KafkaError

from stream.errors import BrokerError
from stream.kafka_io import MAX_REQUEST_BYTES

__all__ = ["Publisher"]


class Publisher:
    """Sends (key, value) batches to one topic with acks=all; use as an async context manager."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self._producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap,
            acks="all",
            enable_idempotence=False,
            max_request_size=MAX_REQUEST_BYTES,
            linger_ms=5,
        )

    async def __aenter__(self) -> Publisher:
        """Connect to the broker, or raise BrokerError."""
        try:
            async with asyncio.timeout(15):
                await self._producer.start()
        except (KafkaConnectionError, TimeoutError) as error:
            await self._producer.stop()
            raise BrokerError(
                f"cannot reach a Kafka broker at {self.bootstrap}: {error}"
            ) from error
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Flush and disconnect."""
        await self._producer.stop()

    async def send_all(
        self, items: Iterable[tuple[bytes | None, bytes]], headers: Sequence[tuple[str, bytes]] = ()
    ) -> int:
        """Send every item with the same headers; return once all are acknowledged."""
        return await self.send_records((key, value, headers) for key, value in items)

    async def send_records(
        self, records: Iterable[tuple[bytes | None, bytes, Sequence[tuple[str, bytes]]]]
    ) -> int:
        """Send (key, value, headers) records; return once all are acknowledged (or BrokerError)."""
        try:
            futures = [
                await self._producer.send(self.topic, key=key, value=value, headers=list(headers))
                for key, value, headers in records
            ]
            for future in futures:
                await future
        except KafkaError as error:
            raise BrokerError(f"cannot publish to {self.topic}: {error}") from error
        return len(futures)
