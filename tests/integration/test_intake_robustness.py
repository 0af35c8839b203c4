"""5,000 messages, 20% malformed in assorted ways, through one worker on the real broker."""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime

import httpx

from schemas import Event
from stream.kafka_io import Record
from tests.integration.workers import Deployment, WorkerProcess

TOTAL = 5000
BAD_SHARE = 0.2
MAX_BODY_BYTES = 2048
PLACES = ["Mosul", "Aleppo", "Kherson", "Maiduguri", "Kidal", "Goma", "Marawi", "Sanaa"]


def _json_article(index: int) -> bytes:
    """A unique JSON article."""
    place = PLACES[index % len(PLACES)]
    return json.dumps(
        {
            "id": f"rb-{index:05d}",
            "title": f"Report {index}: gunmen attack convoy near {place}",
            "body": f"Gunmen attacked a convoy near {place} (report {index}), officials said.",
            "published_at": "2026-11-20T08:00:00Z",
        }
    ).encode()


def _raw_document(index: int) -> bytes:
    """A unique raw scraped document: headline, dateline, body, source line."""
    place = PLACES[index % len(PLACES)]
    return (
        f"Curfew imposed in {place} after unrest, bulletin {index}\n\n"
        "Mon Nov 16, 2026 10:30:04\n\n"
        f"Authorities imposed a night curfew in {place} after protests (bulletin {index}).\n\n"
        "Fixture Courier - Iraq\n"
    ).encode()


def _html_page(index: int) -> bytes:
    """A unique HTML page."""
    place = PLACES[index % len(PLACES)]
    return (
        f"<html><head><title>Shelling damages hospital in {place}, update {index}</title></head>"
        f"<body><article><p>Shells hit a hospital in {place} on Friday (update {index}).</p>"
        "</article></body></html>"
    ).encode()


BAD_KINDS: list[tuple[str, Callable[[int], bytes]]] = [
    ("empty", lambda i: b""),
    ("empty", lambda i: b" \r\n\t " * (i % 3 + 1)),
    ("binary", lambda i: b"\x00\x01\x02NUL" + str(i).encode()),
    ("binary", lambda i: b"\x89PNG\r\n\x1a\n" + bytes(64) + str(i).encode()),
    ("invalid_json", lambda i: f'{{"id": "t-{i}", "title": "Clashes in'.encode()),
    ("invalid_article", lambda i: json.dumps({"id": f"n-{i}", "title": i}).encode()),
    ("invalid_article", lambda i: json.dumps([{"id": f"a-{i}", "title": "x"}]).encode()),
    ("no_content", lambda i: json.dumps({"id": f"c-{i}", "title": " ", "body": ""}).encode()),
    (
        "too_large",
        lambda i: json.dumps({"id": f"l-{i}", "title": "x", "body": "y" * 3000}).encode(),
    ),
    (
        "bad_date",
        lambda i: json.dumps(
            {"id": f"d-{i}", "title": "Raid", "published_at": "2026-13-40"}
        ).encode(),
    ),
    ("undecodable", lambda i: b"\xff\xfe\x00\xd8" + str(i).encode("utf-16-le")[:1]),
]
GOOD_KINDS: list[Callable[[int], bytes]] = [_json_article] * 8 + [_raw_document, _html_page]


def _messages() -> tuple[list[bytes], list[tuple[bytes, str]]]:
    """Shuffled messages, and the expected (value, reason) of the malformed ones."""
    bad_count = int(TOTAL * BAD_SHARE)
    good = [GOOD_KINDS[i % len(GOOD_KINDS)](i) for i in range(TOTAL - bad_count)]
    bad = [
        (make(i), reason)
        for i in range(bad_count)
        for reason, make in [BAD_KINDS[i % len(BAD_KINDS)]]
    ]
    messages = good + [value for value, _ in bad]
    random.Random(7).shuffle(messages)
    return messages, bad


def _metric(worker_port: int, name: str) -> dict[str, float]:
    """Every sample of a counter on the worker's /metrics, keyed by its label text."""
    text = httpx.get(f"http://127.0.0.1:{worker_port}/metrics", timeout=5).text
    pattern = rf"^{name}(\{{[^}}]*\}})? (\S+)$"
    return {labels or "": float(value) for labels, value in re.findall(pattern, text, re.MULTILINE)}


def _wait_until_ready(worker: WorkerProcess, timeout_s: float = 60) -> None:
    """Poll the worker's /readyz until it has its partitions."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{worker.web_port}/readyz", timeout=2).is_success:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, worker.log()[-3000:]
        time.sleep(0.2)


def test_five_thousand_messages_a_fifth_malformed_all_accounted_for(deployment: Deployment) -> None:
    """Every good message yields one event, every bad one is dead-lettered with its reason."""
    deployment.extra["max_body_bytes"] = str(MAX_BODY_BYTES)
    settings = deployment.settings
    messages, bad = _messages()
    good_count = TOTAL - len(bad)
    worker = deployment.start_worker()
    _wait_until_ready(worker)

    started = time.monotonic()
    deployment.publish(messages)

    def complete(records: list[Record]) -> bool:
        topics = Counter(record.topic for record in records)
        return topics[settings.topic_events] >= good_count and topics[settings.topic_dlq] >= len(
            bad
        )

    records = deployment.collect(
        [settings.topic_events, settings.topic_dlq], complete, timeout_s=150, settle_s=2.0
    )
    elapsed = time.monotonic() - started
    print(f"\n{TOTAL} messages through a ready worker in {elapsed:.1f} s ({TOTAL / elapsed:.0f}/s)")

    events = [
        Event.model_validate_json(r.value) for r in records if r.topic == settings.topic_events
    ]
    letters = [r for r in records if r.topic == settings.topic_dlq]
    assert len(events) == good_count
    assert len({event.article.id for event in events}) == good_count
    assert len(letters) == len(bad)
    assert Counter((r.value, r.headers["dlq-reason"].decode()) for r in letters) == Counter(bad)
    for letter in letters:
        assert letter.headers["dlq-source-topic"].decode() == settings.topic_articles
        assert 0 <= int(letter.headers["dlq-source-partition"]) < settings.topic_partitions
        assert int(letter.headers["dlq-source-offset"]) >= 0
        assert datetime.fromisoformat(letter.headers["dlq-first-seen"].decode()).tzinfo
        assert letter.headers["dlq-message"]

    dead = _metric(worker.web_port, "conflict_alerts_articles_dead_lettered_total")
    for reason, count in Counter(reason for _, reason in bad).items():
        assert dead[f'{{reason="{reason}"}}'] == count
    assert _metric(worker.web_port, "conflict_alerts_articles_consumed_total") == {"": TOTAL}
    assert _metric(worker.web_port, "conflict_alerts_articles_duplicate_total") == {"": 0}
