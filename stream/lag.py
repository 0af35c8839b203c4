"""Consumer lag and rebalance metrics: a Faust timer and the partition-assignment signal."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import faust
import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from stream.kafka_admin import BrokerProfile
from stream.metrics import Metrics
from stream.settings import Settings
from stream.tansu import fetch_high_watermarks
from stream.web import Readiness

__all__ = ["LAG_INTERVAL_S", "measure_lag", "register_lag_monitor"]

LAG_INTERVAL_S = 5.0
_REQUEST_TIMEOUT_MS = 5000

log = structlog.get_logger(__name__)


async def _end_offsets(
    bootstrap_servers: str, partitions: list[TopicPartition]
) -> dict[TopicPartition, int]:
    """End offsets from ListOffsets(LATEST), correct on Apache Kafka."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        enable_auto_commit=False,
        request_timeout_ms=_REQUEST_TIMEOUT_MS,
    )
    await consumer.start()
    try:
        offsets = await consumer.end_offsets(partitions)
        return {tp: int(offset) for tp, offset in offsets.items()}
    finally:
        await consumer.stop()


async def measure_lag(
    bootstrap_servers: str, group_id: str, partitions: Iterable[TopicPartition], tansu: bool
) -> dict[TopicPartition, int]:
    """End offset minus the group's committed offset (0 when none) for each partition."""
    tps = sorted(partitions)
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap_servers, request_timeout_ms=_REQUEST_TIMEOUT_MS
    )
    await admin.start()
    try:
        if not tps:
            return {}
        committed = await admin.list_consumer_group_offsets(group_id, partitions=tps)
    finally:
        await admin.close()
    ends = await (
        fetch_high_watermarks(bootstrap_servers, tps)
        if tansu
        else _end_offsets(bootstrap_servers, tps)
    )
    lags = {}
    for tp in tps:
        mark = committed.get(tp)
        done = mark.offset if mark is not None and mark.offset >= 0 else 0
        lags[tp] = max(ends[tp] - done, 0)
    return lags


def register_lag_monitor(
    app: faust.App,
    settings: Settings,
    profile: BrokerProfile,
    metrics: Metrics,
    readiness: Readiness,
    interval_s: float = LAG_INTERVAL_S,
) -> None:
    """Count rebalances on assignment and refresh per-partition lag every `interval_s`."""

    async def on_assigned(sender: Any, assigned: set[Any], **_: Any) -> None:
        """Count the rebalance and note that an assignment arrived."""
        metrics.rebalances.inc()
        metrics.assigned_partitions.set(len(assigned))
        readiness.assignment_received = True
        log.info("partitions_assigned", partitions=len(assigned))

    # mode's SignalHandlerT rejects every handler (even its documented shape), hence the ignore.
    app.on_partitions_assigned.connect(on_assigned)  # type: ignore[arg-type]

    async def consumer_lag() -> None:
        """Measure lag for the partitions assigned now; record broker reachability."""
        assigned = [TopicPartition(tp.topic, tp.partition) for tp in app.consumer.assignment()]
        try:
            async with asyncio.timeout(max(interval_s * 2, 10.0)):
                lags = await measure_lag(
                    settings.bootstrap_servers, settings.app_id, assigned, profile.tansu
                )
        except (KafkaError, OSError, TimeoutError) as error:
            readiness.broker_failed(repr(error))
            log.warning("consumer_lag_failed", error=repr(error))
            return
        readiness.broker_reached()
        metrics.consumer_lag.clear()
        for tp, lag in lags.items():
            metrics.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition)).set(lag)

    app.timer(interval_s, name="consumer_lag")(consumer_lag)
