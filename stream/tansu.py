"""Compatibility layer for the Tansu broker, active only when the broker is Tansu.

Measured against Tansu 0.6 (DESIGN.md): ListOffsets(LATEST) returns the base offset of the
newest record batch + 1, so Faust's table recovery sees a wrong highwater; the broker does not
wake a waiting Fetch, so a short fetch wait bounds latency; rebalances cost about half the
session timeout. This module fixes the first two inside a Faust transport registered as
`tansu://`; `faust_overrides` returns the settings for the third.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP

__all__ = [
    "FETCH_MAX_WAIT_MS",
    "TansuTransport",
    "faust_overrides",
    "fetch_high_watermarks",
    "is_tansu",
]

FETCH_MAX_WAIT_MS = 100
_HIGHWATER_TIMEOUT_S = 10.0


async def is_tansu(bootstrap_servers: str) -> bool:
    """True when the cluster at `bootstrap_servers` identifies itself as Tansu."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=5000)
    await admin.start()
    try:
        description = await admin.describe_cluster()
    finally:
        await admin.close()
    return str(description.get("cluster_id") or "").startswith("tansu")


def faust_overrides() -> dict[str, Any]:
    """Faust settings that keep rebalances short against Tansu."""
    return {"broker_session_timeout": 10.0, "broker_heartbeat_interval": 1.0}


async def fetch_high_watermarks(
    bootstrap_servers: str, partitions: Iterable[TopicPartition]
) -> dict[TopicPartition, int]:
    """End offsets taken from Fetch responses' high watermark (ListOffsets is wrong on Tansu)."""
    tps = list(partitions)
    if not tps:
        return {}
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        enable_auto_commit=False,
        fetch_max_wait_ms=FETCH_MAX_WAIT_MS,
        max_partition_fetch_bytes=1,
    )
    await consumer.start()
    try:
        consumer.assign(tps)
        lower_bounds = await consumer.end_offsets(tps)
        for tp in tps:
            consumer.seek(tp, max(lower_bounds[tp] - 1, 0))
        async with asyncio.timeout(_HIGHWATER_TIMEOUT_S):
            while any(consumer.highwater(tp) is None for tp in tps):
                await consumer.getmany(*tps, timeout_ms=FETCH_MAX_WAIT_MS)
        return {tp: int(consumer.highwater(tp)) for tp in tps}
    finally:
        await consumer.stop()


class _TansuConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    """Faust's aiokafka consumer thread with a short fetch wait and correct highwaters."""

    def _create_worker_consumer(self, transport: Any) -> AIOKafkaConsumer:
        """Create Faust's consumer, then shorten its fetch wait (Faust hard-codes 1,500 ms)."""
        consumer: AIOKafkaConsumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS
        return consumer

    async def _highwaters(self, partitions: list[TP]) -> Mapping[TP, int]:
        """Highwaters from a fetch instead of ListOffsets(LATEST)."""
        bootstrap = ",".join(f"{url.host}:{url.port or 9092}" for url in self.transport.url)
        tps = [TopicPartition(tp.topic, tp.partition) for tp in partitions]
        marks = await fetch_high_watermarks(bootstrap, tps)
        return {TP(tp.topic, tp.partition): offset for tp, offset in marks.items()}


class _TansuConsumer(faust_aiokafka.Consumer):
    """Faust consumer that runs the Tansu consumer thread."""

    def _new_consumer_thread(self) -> _TansuConsumerThread:
        """Use the Tansu-aware consumer thread."""
        return _TansuConsumerThread(self, loop=self.loop, beacon=self.beacon)


class TansuTransport(faust_aiokafka.Transport):
    """Faust transport for `tansu://` URLs: the aiokafka driver plus the fixes above."""

    Consumer = _TansuConsumer
