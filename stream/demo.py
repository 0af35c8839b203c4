"""The demo: embedded broker + worker, publish the bundled articles, print alerts as they come."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas import Alert
from stream.broker import EmbeddedBroker, free_port
from stream.cli.topics_cmd import read_messages
from stream.core.intake import message_key, parse_article, related_articles
from stream.core.rules import DEFAULT_RULES
from stream.demo_webhooks import DemoWebhookReceiver
from stream.errors import ConflictAlertsError, IntakeError
from stream.kafka_admin import ensure_topics, topic_names
from stream.kafka_io import Record, publish_values, read_topic
from stream.settings import Settings

__all__ = ["DEMO_DIR", "format_alert", "run_demo"]

DEMO_DIR = Path(__file__).resolve().parent.parent / "samples"


@dataclass
class _Tally:
    """What the demo expects and what it has seen so far."""

    expected_events: int
    expected_dead: int
    counts: Counter[str] = field(default_factory=Counter)

    def complete(self) -> bool:
        """True when every expected event and dead letter has arrived."""
        return (
            self.counts["events"] >= self.expected_events
            and self.counts["dead"] >= self.expected_dead
            and self.counts["webhooks"] >= self.counts["alerts"]
        )


def format_alert(alert: Alert) -> str:
    """One readable line: severity, type, place, casualties, headline."""
    event = alert.event
    place = event.place or "unknown place"
    if event.country_code:
        place = f"{place} ({event.country_code})"
    casualties = []
    if event.killed is not None:
        casualties.append(f"{event.killed} killed")
    if event.injured is not None:
        casualties.append(f"{event.injured} injured")
    toll = f" — {', '.join(casualties)}" if casualties else ""
    return (
        f"[{alert.severity.value.upper():8}] {event.type.value:7} @ {place}{toll} "
        f"— {event.title} (rule {alert.rule})"
    )


def _demo_messages(directory: Path) -> list[bytes]:
    """Every message the demo publishes, in file-name order."""
    return [
        message
        for path in sorted(directory.iterdir())
        if path.is_file()
        for message in read_messages(path)
    ]


def _expectations(messages: list[bytes]) -> _Tally:
    """How many events and dead letters the worker should produce for these messages."""
    events = dead = 0
    for message in messages:
        try:
            article = parse_article(message)
        except IntakeError:
            dead += 1
            continue
        events += 1 + len(related_articles(article))
    return _Tally(expected_events=events, expected_dead=dead)


async def _watch(settings: Settings, tally: _Tally, timeout_s: float) -> None:
    """Print alerts as they arrive until every expected output is in and alerts settle."""
    topics = [settings.topic_alerts, settings.topic_events, settings.topic_dlq]
    try:
        async with asyncio.timeout(timeout_s):
            async for record in read_topic(
                settings.bootstrap_servers, topics, idle_timeout_s=2.0, done=tally.complete
            ):
                _show(settings, tally, record)
    except TimeoutError as error:
        raise ConflictAlertsError(
            f"demo timed out after {timeout_s:.0f} s: saw {dict(tally.counts)}, expected "
            f"{tally.expected_events} events and {tally.expected_dead} dead letters"
        ) from error


def _show(settings: Settings, tally: _Tally, record: Record) -> None:
    """Count one record and print it when it is an alert or a dead letter."""
    if record.topic == settings.topic_alerts:
        tally.counts["alerts"] += 1
        print("  " + format_alert(Alert.model_validate_json(record.value)), flush=True)
    elif record.topic == settings.topic_events:
        tally.counts["events"] += 1
    else:
        tally.counts["dead"] += 1
        reason = record.headers.get("dlq-reason", b"?").decode()
        print(f"  [DEAD    ] dead-lettered: {reason}", flush=True)


def _show_webhook(tally: _Tally) -> Callable[[str, dict[str, Any]], None]:
    """Print each verified webhook the demo receiver gets, and count it."""

    def show(webhook_id: str, payload: dict[str, Any]) -> None:
        tally.counts["webhooks"] += 1
        alert = Alert.model_validate(payload["data"])
        print(
            f"  [WEBHOOK ] {payload['type']} {webhook_id} signature verified "
            f"— {alert.event.type.value} @ {alert.event.place or 'unknown place'} "
            f"(rule {alert.rule})",
            flush=True,
        )

    return show


def _start_worker(settings: Settings, data_dir: Path) -> subprocess.Popen[bytes]:
    """Start a worker subprocess against the demo broker."""
    env = {
        **os.environ,
        "CONFLICT_ALERTS_BROKER": settings.broker,
        "CONFLICT_ALERTS_LOG_LEVEL": "warning",
        "CONFLICT_ALERTS_LOG_FORMAT": "json",
        "CONFLICT_ALERTS_WEB_PORT": str(free_port()),
        "CONFLICT_ALERTS_DATA_DIR": str(data_dir),
        "CONFLICT_ALERTS_RULES": str(settings.rules),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "stream", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def run_demo(directory: Path = DEMO_DIR, timeout_s: float = 180.0) -> int:
    """Run the whole demo; return 0 when every article was accounted for."""
    messages = _demo_messages(directory)
    tally = _expectations(messages)
    started = time.monotonic()
    with (
        EmbeddedBroker() as broker,
        tempfile.TemporaryDirectory() as data_dir,
        DemoWebhookReceiver(_show_webhook(tally)).serving() as hooks,
    ):
        settings = Settings(broker=broker.url, rules=hooks.write_rules(Path(data_dir)))
        print(f"embedded broker on {broker.bootstrap}; starting a worker...", flush=True)
        print(f"webhook receiver on {hooks.url} (signatures checked with standardwebhooks)")
        asyncio.run(ensure_topics(settings, topic_names(settings, DEFAULT_RULES)))
        worker = _start_worker(settings, Path(data_dir))
        try:
            sent = asyncio.run(
                publish_values(
                    settings.bootstrap_servers,
                    settings.topic_articles,
                    ((message_key(message), message) for message in messages),
                )
            )
            print(f"published {sent} messages from {directory}; alerts as they arrive:", flush=True)
            asyncio.run(_watch(settings, tally, timeout_s))
        finally:
            worker.terminate()
            try:
                _, stderr = worker.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                _, stderr = worker.communicate()
        if not tally.complete():
            print(stderr.decode(errors="replace")[-3000:], file=sys.stderr)
            return 1
    print(
        json.dumps(
            {
                "articles": sent,
                "events": tally.counts["events"],
                "alerts": tally.counts["alerts"],
                "webhooks": tally.counts["webhooks"],
                "dead_lettered": tally.counts["dead"],
                "seconds": round(time.monotonic() - started, 1),
            }
        )
    )
    return 0
