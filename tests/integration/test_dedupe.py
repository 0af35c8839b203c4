"""Duplicate suppression on the real broker: processed once, counted, survives a restart."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable

import httpx
from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from schemas import Event
from stream.dedupe import dedupe_topic_names, repartition_topic_name
from stream.kafka_io import Record
from stream.tansu import fetch_high_watermarks
from tests.integration.workers import Deployment, WorkerProcess

URL = "https://news.example.org/2026/11/checkpoint-attack"


def _article(article_id: str, title: str, body: str, url: str | None = None) -> bytes:
    """One JSON article in the producers' format."""
    fields = {"id": article_id, "title": title, "body": body, "url": url}
    return json.dumps({key: value for key, value in fields.items() if value}).encode()


ORIGINAL = _article(
    "wire-1",
    "Gunmen attack checkpoint near Baqubah",
    "Gunmen attacked an army checkpoint north of Baqubah on Sunday, killing three soldiers.",
    URL,
)
SAME_URL = _article(
    "outlet-2",
    "Three soldiers killed at Baqubah checkpoint",
    "Three soldiers died when gunmen stormed a checkpoint, officials said.",
    URL + "?utm_source=feed",
)
TEXT_ONLY = _article(
    "blog-1",
    "Shelling hits market in Idlib",
    "Artillery shells struck a market in Idlib city on Monday, wounding nine people.",
)
SAME_TEXT = _article(
    "blog-2",
    "SHELLING hits market in Idlib!",
    "Artillery shells struck a market in Idlib city on Monday,  wounding nine people.",
)
LATE_COPY = _article(
    "copy-3",
    "Baqubah checkpoint attack: soldiers killed",
    "Gunmen killed three soldiers at a checkpoint near Baqubah, according to officials.",
    "http://www.news.example.org/2026/11/checkpoint-attack/",
)
LATER = _article(
    "wire-9",
    "Talks on grain exports resume",
    "Negotiators met again on Thursday to discuss grain shipments through the port.",
)


def _metric(worker: WorkerProcess, name: str) -> float:
    """The value of the worker's unlabelled metric `name` (-1 when it is not exposed)."""
    text = httpx.get(f"http://127.0.0.1:{worker.web_port}/metrics", timeout=5).text
    found = re.search(rf"^{name} (\S+)$", text, re.MULTILINE)
    return float(found.group(1)) if found else -1.0


def _duplicates_counted(worker: WorkerProcess) -> float:
    """The worker's conflict_alerts_articles_duplicate_total."""
    return _metric(worker, "conflict_alerts_articles_duplicate_total")


def _wait_for_duplicates(worker: WorkerProcess, expected: float, timeout_s: float = 60) -> None:
    """Poll the worker's metrics until it has dropped `expected` duplicates."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if _duplicates_counted(worker) >= expected:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"duplicates never reached {expected}; log:\n{worker.log()[-3000:]}")


def _event_article_ids(deployment: Deployment, done: Callable[[set[str]], bool]) -> list[str]:
    """Article ids of every event on the events topic, once `done(ids)` holds."""

    def complete(records: list[Record]) -> bool:
        return done({Event.model_validate_json(r.value).article.id for r in records})

    records = deployment.collect([deployment.settings.topic_events], complete, settle_s=1.5)
    return [Event.model_validate_json(record.value).article.id for record in records]


async def _partition_counts(bootstrap: str, topics: list[str]) -> dict[str, int]:
    """How many partitions each topic has."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    return {item["topic"]: len(item["partitions"]) for item in described}


def test_duplicates_are_dropped_once_and_still_after_a_restart_with_a_fresh_data_dir(
    deployment: Deployment,
) -> None:
    """Same URL or same normalised text: one event; a new worker (empty data dir) still drops.

    Faust may redeliver a message after a rebalance (at-least-once), so later events are
    compared as sets of article ids; the late copy must never yield one.
    """
    first = deployment.start_worker()
    deployment.publish([ORIGINAL, SAME_URL, TEXT_ONLY, SAME_TEXT])
    _wait_for_duplicates(first, 2)
    ids = _event_article_ids(deployment, lambda seen: len(seen) >= 2)
    assert len(ids) == 2
    assert len({"wire-1", "outlet-2"} & set(ids)) == 1
    assert len({"blog-1", "blog-2"} & set(ids)) == 1
    assert first.stop() == 0

    second = deployment.start_worker(data_dir=deployment.workdir / "fresh-data")
    deployment.publish([LATE_COPY, LATER])
    _wait_for_duplicates(second, 1)
    after = _event_article_ids(deployment, lambda seen: "wire-9" in seen)
    assert set(after) == {*ids, "wire-9"}
    settings = deployment.settings
    counts = asyncio.run(_partition_counts(deployment.bootstrap, dedupe_topic_names(settings)))
    assert set(counts.values()) == {settings.topic_partitions}


def test_a_copy_arriving_after_the_window_is_analysed_and_the_old_entry_swept(
    deployment: Deployment,
) -> None:
    """With a 3 s window the late copy yields its own event; the expired entry is deleted."""
    deployment.extra["dedupe_window_s"] = "3"
    worker = deployment.start_worker()
    deployment.publish([ORIGINAL])
    _event_article_ids(deployment, lambda seen: "wire-1" in seen)
    time.sleep(3.5)
    deployment.publish([LATE_COPY])
    ids = _event_article_ids(deployment, lambda seen: "copy-3" in seen)
    assert set(ids) == {"wire-1", "copy-3"}
    assert _duplicates_counted(worker) == 0
    assert '"event": "dedupe_entries_expired"' in worker.log()


def test_keyed_articles_skip_the_repartition_topic_and_meet_unkeyed_copies(
    deployment: Deployment,
) -> None:
    """Keyed by dedupe key, articles are analysed in place; an unkeyed copy that takes the
    repartition topic still finds the first one in the same table shard and is dropped."""
    worker = deployment.start_worker()
    deployment.publish([ORIGINAL, TEXT_ONLY, SAME_TEXT], keyed=True)
    _event_article_ids(deployment, lambda seen: {"wire-1", "blog-1"} <= seen)
    deployment.publish([SAME_URL])
    _wait_for_duplicates(worker, 2)
    ids = _event_article_ids(deployment, lambda seen: len(seen) >= 2)
    assert sorted(ids) == ["blog-1", "wire-1"]
    repartitioned = deployment.collect(
        [repartition_topic_name(deployment.settings)], lambda found: len(found) >= 1
    )
    assert [json.loads(record.value)["id"] for record in repartitioned] == ["outlet-2"]


def _keyed_article(index: int) -> bytes:
    """A made-up article with its own URL, so its dedupe key differs from the others'."""
    return _article(
        f"scale-{index:03d}",
        f"Mortar fire hits village outpost ({index})",
        f"Mortar rounds struck an outpost near the village on day {index}, wounding two guards.",
        f"https://news.example.org/2026/11/outpost-{index}",
    )


def test_each_of_two_workers_analyses_keyed_articles_where_they_sit(
    deployment: Deployment,
) -> None:
    """With two workers in the group, neither re-keys an article already keyed by dedupe key:
    the group leader and the other member both know the topics' partition counts."""
    workers = [deployment.start_worker(), deployment.start_worker()]
    sent = 0
    deadline = time.monotonic() + 180
    while not all(_consumed(worker) > 0 for worker in workers):
        assert time.monotonic() < deadline, "both workers never consumed an article"
        deployment.publish([_keyed_article(sent + i) for i in range(8)], keyed=True)
        sent += 8
        time.sleep(2)
    ids = _event_article_ids(deployment, lambda seen: len(seen) >= sent)
    assert len(set(ids)) == sent
    settings = deployment.settings
    by_key = repartition_topic_name(settings)
    counts = asyncio.run(_record_counts(deployment.bootstrap, by_key, settings.topic_partitions))
    assert sum(counts.values()) == 0


def _consumed(worker: WorkerProcess) -> float:
    """The worker's conflict_alerts_articles_consumed_total (0 before its web server is up)."""
    try:
        return _metric(worker, "conflict_alerts_articles_consumed_total")
    except httpx.HTTPError:
        return 0.0


async def _record_counts(bootstrap: str, topic: str, partitions: int) -> dict[TopicPartition, int]:
    """How many records each partition of `topic` holds (its end offsets)."""
    tps = [TopicPartition(topic, index) for index in range(partitions)]
    return await fetch_high_watermarks(bootstrap, tps)
