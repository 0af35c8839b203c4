"""The Tansu compatibility layer: correct end offsets, short fetch wait, only against Tansu."""

from __future__ import annotations

import uuid

import faust
from aiokafka import AIOKafkaProducer, TopicPartition

from stream.kafka_admin import ensure_topics, probe_broker
from stream.settings import Settings
from stream.tansu import FETCH_MAX_WAIT_MS, TansuTransport, fetch_high_watermarks


async def _write_two_batches(bootstrap: str, topic: str) -> None:
    """Write 5 single records and then one batch of 5 records to partition 0."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        for index in range(5):
            await producer.send_and_wait(topic, f"single-{index}".encode(), partition=0)
        batch = producer.create_batch()
        for index in range(5):
            batch.append(key=None, value=f"batched-{index}".encode(), timestamp=None)
        await producer.send_batch(batch, topic, partition=0)
        await producer.flush()
    finally:
        await producer.stop()


async def test_fetch_high_watermarks_counts_every_record_of_the_last_batch(
    kafka_bootstrap: str,
) -> None:
    """The high watermark is 10 after 10 records, whatever ListOffsets reports."""
    topic = f"compat-{uuid.uuid4().hex[:8]}"
    await _write_two_batches(kafka_bootstrap, topic)
    tp = TopicPartition(topic, 0)
    marks = await fetch_high_watermarks(kafka_bootstrap, [tp])
    assert marks == {tp: 10}


async def test_fetch_high_watermarks_is_zero_for_an_empty_partition(kafka_bootstrap: str) -> None:
    """An empty partition's end offset is 0."""
    settings = Settings(broker=f"kafka://{kafka_bootstrap}", topic_partitions=2)
    topic = f"compat-{uuid.uuid4().hex[:8]}"
    await ensure_topics(settings, [topic])
    await _write_two_batches(kafka_bootstrap, topic)
    empty = TopicPartition(topic, 1)
    assert await fetch_high_watermarks(kafka_bootstrap, [empty]) == {empty: 0}


async def test_probe_detects_the_embedded_broker_and_shortens_sessions(
    kafka_bootstrap: str,
) -> None:
    """Against Tansu the worker uses the tansu:// transport and a 10 s session timeout."""
    profile = await probe_broker(Settings(broker=f"kafka://{kafka_bootstrap}"))
    assert profile.tansu
    assert profile.url == f"tansu://{kafka_bootstrap}"
    assert profile.options["broker_session_timeout"] == 10.0


async def test_forcing_kafka_compat_keeps_fausts_defaults(kafka_bootstrap: str) -> None:
    """With broker_compat=kafka nothing is changed: plain kafka:// and no overrides."""
    settings = Settings(broker=f"kafka://{kafka_bootstrap}", broker_compat="kafka")
    profile = await probe_broker(settings)
    assert not profile.tansu
    assert profile.url == settings.broker
    assert profile.options == {}


async def test_tansu_urls_select_the_compat_transport() -> None:
    """Faust resolves tansu:// to our transport, whose consumer waits 100 ms per fetch."""
    app = faust.App("compat-test", broker="tansu://127.0.0.1:1", web_enabled=False)
    assert isinstance(app.transport, TansuTransport)
    thread = app.consumer._thread
    consumer = thread._create_worker_consumer(app.transport)
    try:
        assert consumer._fetch_max_wait_ms == FETCH_MAX_WAIT_MS
    finally:
        await consumer.stop()


def test_kafka_urls_keep_the_stock_transport() -> None:
    """Faust resolves kafka:// to its own aiokafka transport, not ours."""
    app = faust.App("compat-test", broker="kafka://127.0.0.1:1", web_enabled=False)
    assert not isinstance(app.transport, TansuTransport)
