"""The whole pipeline on the real broker: articles in, events, alerts and dead letters out."""

from __future__ import annotations

import json
import signal
from collections import Counter
from pathlib import Path

from schemas import Alert, Event
from stream.core.alert_flow import partition_key
from stream.kafka_io import Record
from tests.integration.workers import Deployment

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pipeline"
MALFORMED = [b"", b'{"id": "cut-off", "title": ', b'{"id": "x", "title": 5}', bytes(range(256)) * 4]


def _good_messages() -> list[bytes]:
    """The fixture articles: three JSON lines and one raw scraped document."""
    lines = (FIXTURES / "articles.jsonl").read_bytes().splitlines()
    return [*lines, (FIXTURES / "raw-document.txt").read_bytes()]


def test_articles_become_events_alerts_and_dead_letters(deployment: Deployment) -> None:
    """Good articles yield events (attacks raise alerts); bad ones reach the DLQ intact."""
    settings = deployment.settings
    deployment.start_worker()
    good = _good_messages()
    deployment.publish([*good, *MALFORMED])

    def complete(records: list[Record]) -> bool:
        counts = Counter(record.topic for record in records)
        return counts[settings.topic_events] >= len(good) and counts[settings.topic_dlq] >= len(
            MALFORMED
        )

    records = deployment.collect(
        [settings.topic_events, settings.topic_dlq, settings.topic_alerts], complete
    )
    events = [
        Event.model_validate_json(r.value) for r in records if r.topic == settings.topic_events
    ]
    alerts = [
        Alert.model_validate_json(r.value) for r in records if r.topic == settings.topic_alerts
    ]
    dead = [r for r in records if r.topic == settings.topic_dlq]

    by_id = {event.article.id: event for event in events}
    assert by_id["fx-attack-1"].type == "attack"
    assert by_id["fx-other-1"].type == "other"
    assert by_id["fx-attack-1"].article.topic == settings.topic_articles
    assert any(alert.event.article_id == "fx-attack-1" for alert in alerts)
    assert not any(alert.event.article_id == "fx-other-1" for alert in alerts)
    assert sorted(r.value for r in dead) == sorted(MALFORMED)
    assert all(
        r.key == partition_key(by_id[_article_id(r)]).encode()
        for r in records
        if r.topic == settings.topic_events
    )
    regrouped = deployment.collect([f"{settings.app_id}-events-by-country"], lambda _: True)
    assert regrouped == [], "events keyed by country must reach alerting without a re-keying hop"
    for letter in dead:
        assert letter.headers["dlq-source-topic"].decode() == settings.topic_articles
        assert int(letter.headers["dlq-source-offset"]) >= 0
        assert letter.headers["dlq-reason"]
        assert letter.headers["dlq-message"]


def _article_id(record: Record) -> str:
    """The article id of an event record."""
    return Event.model_validate_json(record.value).article.id


def _article(index: int) -> bytes:
    """A small made-up attack or non-conflict article with a stable id."""
    if index % 2:
        title, body = (
            "Roadside bomb hits army patrol",
            "A roadside bomb struck a patrol, killing two soldiers.",
        )
    else:
        title, body = (
            "Trade ministers meet for talks",
            "Ministers discussed tariffs at a two-day meeting.",
        )
    return json.dumps(
        {"id": f"restart-{index:04d}", "title": f"{title} ({index})", "body": body}
    ).encode()


def test_a_worker_killed_mid_batch_loses_nothing_after_restart(deployment: Deployment) -> None:
    """SIGKILL mid-way through 1,000 articles and restart: each gets its event, dupes identical."""
    settings = deployment.settings
    total = 1000
    deployment.publish(_article(index) for index in range(total))
    first = deployment.start_worker()
    deployment.collect(
        [settings.topic_events],
        lambda records: len(records) >= total // 3,
        settle_s=0.0,
    )
    first.stop(signal.SIGKILL)
    deployment.start_worker()

    def all_seen(records: list[Record]) -> bool:
        return len({Event.model_validate_json(r.value).article.id for r in records}) >= total

    records = deployment.collect([settings.topic_events], all_seen, timeout_s=180)
    events = [Event.model_validate_json(r.value) for r in records]
    article_ids = {event.article.id for event in events}
    assert article_ids == {f"restart-{index:04d}" for index in range(total)}
    first_seen: dict[str, Event] = {}
    for event in events:
        earlier = first_seen.setdefault(event.article.id, event)
        assert earlier.id == event.id
        assert earlier.type == event.type
        assert earlier.labels == event.labels
