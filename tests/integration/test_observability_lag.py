"""Consumer lag measured against the real broker: end offset minus committed offset."""

from __future__ import annotations

import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from stream.kafka_admin import ensure_topics
from stream.lag import measure_lag
from stream.settings import Settings

pytestmark = pytest.mark.integration


async def _topic_with_commit(bootstrap: str, sent: int, committed: int) -> tuple[str, str]:
    """A one-partition topic holding `sent` records (one batch each), `committed` by a group."""
    topic, group = f"lag.{uuid.uuid4().hex[:8]}", f"lag-{uuid.uuid4().hex[:8]}"
    settings = Settings(broker=f"kafka://{bootstrap}", topic_partitions=1)
    await ensure_topics(settings, [topic])
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        for index in range(sent):
            await producer.send_and_wait(topic, f"m{index}".encode(), partition=0)
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group)
    await consumer.start()
    try:
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        await consumer.commit({tp: OffsetAndMetadata(committed, "")})
    finally:
        await consumer.stop()
    return topic, group


@pytest.mark.parametrize("tansu", [True, False], ids=["fetch-high-watermark", "list-offsets"])
async def test_lag_is_end_offset_minus_committed_offset(kafka_bootstrap: str, tansu: bool) -> None:
    topic, group = await _topic_with_commit(kafka_bootstrap, sent=5, committed=2)
    lags = await measure_lag(kafka_bootstrap, group, [TopicPartition(topic, 0)], tansu=tansu)
    assert lags == {TopicPartition(topic, 0): 3}


async def test_lag_counts_every_record_when_the_group_never_committed(
    kafka_bootstrap: str,
) -> None:
    topic, _ = await _topic_with_commit(kafka_bootstrap, sent=4, committed=0)
    lags = await measure_lag(kafka_bootstrap, "never-committed", [TopicPartition(topic, 0)], True)
    assert lags == {TopicPartition(topic, 0): 4}


async def test_no_assigned_partitions_still_checks_the_broker_and_reports_nothing(
    kafka_bootstrap: str,
) -> None:
    assert await measure_lag(kafka_bootstrap, "idle-group", [], tansu=True) == {}
