"""`dlq replay`: dead letters back to the input topic, by reason, never twice."""

from __future__ import annotations

import asyncio
import json
import re
from collections import Counter

import pytest

from schemas import Event
from stream.cli import main
from stream.ingest.publisher import Publisher
from stream.kafka_io import Record
from tests.integration.workers import Deployment

LETTERS = [
    (b'{"id": "d-1", "title": "Clashes", "published_at": "2026-13-01"}', "bad_date"),
    (b'{"id": "d-2", "title": "Clashes", "published_at": "2026-02-30"}', "bad_date"),
    (b'{"id": "j-1", "title": ', "invalid_json"),
    (b"", "empty"),
    (b'{"id": "a-1", "title": 7}', "invalid_article"),
]


def _headers(reason: str, offset: int) -> list[tuple[str, bytes]]:
    """Headers like the analyze agent's dead letters."""
    return [
        ("dlq-reason", reason.encode()),
        ("dlq-message", b"test"),
        ("dlq-source-topic", b"articles.raw"),
        ("dlq-source-partition", b"0"),
        ("dlq-source-offset", str(offset).encode()),
        ("dlq-first-seen", b"2026-11-24T10:00:00+00:00"),
    ]


async def _write_letters(deployment: Deployment) -> None:
    """Put the dead letters on the deployment's DLQ topic."""
    async with Publisher(deployment.bootstrap, deployment.settings.topic_dlq) as publisher:
        await publisher.send_records(
            (None, value, _headers(reason, index)) for index, (value, reason) in enumerate(LETTERS)
        )


def _replay(deployment: Deployment, *reasons: str) -> int:
    """Run `conflict-alerts dlq replay [--reason R]...` for the deployment."""
    settings = deployment.settings
    args = ["dlq", "replay", "--broker", deployment.bootstrap, "--topic", settings.topic_articles]
    args += ["--dlq-topic", settings.topic_dlq, "--group", f"{settings.app_id}-replay"]
    for reason in reasons:
        args += ["--reason", reason]
    return main(args)


def _totals(output: str) -> list[tuple[int, int, int]]:
    """(replayed, already replayed, not selected) of each run printed in `output`."""
    pattern = r"^replayed (\d+), already replayed (\d+), not selected (\d+)$"
    return [(int(a), int(b), int(c)) for a, b, c in re.findall(pattern, output, flags=re.MULTILINE)]


def test_replay_by_reason_then_all_publishes_each_dead_letter_exactly_once(
    deployment: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    """--reason bad_date twice, then all twice: 2 + 0 + 3 + 0 replayed, with origin headers."""
    asyncio.run(_write_letters(deployment))
    assert _replay(deployment, "bad_date") == 0
    assert _replay(deployment, "bad_date") == 0
    assert _replay(deployment) == 0
    assert _replay(deployment) == 0
    assert _totals(capsys.readouterr().out) == [(2, 0, 3), (0, 2, 3), (3, 2, 0), (0, 5, 0)]

    topic = deployment.settings.topic_articles
    records: list[Record] = deployment.collect([topic], lambda found: len(found) >= 5)
    assert sorted(record.value for record in records) == sorted(value for value, _ in LETTERS)
    replayed_from = {record.headers["dlq-replayed-from"].decode() for record in records}
    dlq = deployment.settings.topic_dlq
    assert len(replayed_from) == 5
    assert all(origin.startswith(f"{dlq}:") for origin in replayed_from)
    assert Counter(record.headers["dlq-reason"].decode() for record in records) == Counter(
        reason for _, reason in LETTERS
    )


def _long_article() -> bytes:
    """An attack report whose body is about 3 KB."""
    body = " ".join(
        f"Paragraph {index}: militants attacked a police station in Kidal, killing two officers."
        for index in range(36)
    )
    return json.dumps(
        {"id": "long-1", "title": "Militants attack Kidal police", "body": body}
    ).encode()


def test_dead_letters_replayed_after_raising_the_size_limit_become_events(
    deployment: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    """too_large under a 2 KiB limit; replayed too early it fails again (same first-seen
    time); replayed once a worker has a larger limit, it becomes an event."""
    settings = deployment.settings
    deployment.extra["max_body_bytes"] = "2048"
    first = deployment.start_worker()
    deployment.publish([_long_article()])
    letters = deployment.collect([settings.topic_dlq], lambda found: len(found) >= 1)
    assert [letter.headers["dlq-reason"] for letter in letters] == [b"too_large"]
    assert _replay(deployment, "too_large") == 0
    letters = deployment.collect([settings.topic_dlq], lambda found: len(found) >= 2)
    assert len(letters) == 2
    assert letters[1].headers["dlq-first-seen"] == letters[0].headers["dlq-first-seen"]
    assert first.stop() == 0

    deployment.extra["max_body_bytes"] = "65536"
    deployment.start_worker()
    assert _replay(deployment, "too_large") == 0
    assert _totals(capsys.readouterr().out) == [(1, 0, 0), (1, 1, 0)]
    events = deployment.collect([settings.topic_events], lambda found: len(found) >= 1)
    assert [Event.model_validate_json(record.value).article.id for record in events] == ["long-1"]
