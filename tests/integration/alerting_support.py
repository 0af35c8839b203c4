"""Helpers for alerting and webhook tests: per-test topics, rules files, events, alerts."""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from schemas import Alert, Event
from stream.kafka_io import Record, publish_values
from tests.integration.workers import Deployment

__all__ = [
    "SECRET",
    "alerts_in",
    "isolate",
    "publish_events",
    "receiver_rules",
    "wait_for",
    "write_rules",
]

SECRET = "whsec_" + base64.b64encode(b"conflict-alerts-test-secret-32b!").decode()


def isolate(deployment: Deployment, rules: Path) -> None:
    """Give the deployment its own outbox, webhook DLQ and silences topics, and a rules file."""
    suffix = deployment.suffix
    deployment.extra.update(
        {
            "rules": str(rules),
            "topic_outbox": f"webhooks.outbox.{suffix}",
            "topic_webhooks_dlq": f"webhooks.dlq.{suffix}",
            "topic_silences": f"alerts.silences.{suffix}",
        }
    )


def write_rules(path: Path, text: str) -> Path:
    """Write a rules file and return its path."""
    path.write_text(text, encoding="utf-8")
    return path


def publish_events(deployment: Deployment, events: Iterable[Event], key: bytes = b"") -> int:
    """Put events straight on the events topic (the analyze stage is not under test here).

    One key keeps them in order on one partition; without it they spread over partitions.
    """
    items = [(key or None, event.model_dump_json().encode()) for event in events]
    topic = deployment.settings.topic_events
    return asyncio.run(publish_values(deployment.bootstrap, topic, items))


def alerts_in(records: Iterable[Record]) -> list[Alert]:
    """Decode alert records."""
    return [Alert.model_validate_json(record.value) for record in records]


def wait_for(
    condition: Callable[[], bool], timeout_s: float, what: str, log: Callable[[], str]
) -> None:
    """Poll until `condition()` holds; fail with the worker logs after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; logs:\n{log()[-4000:]}")


def receiver_rules(
    url: str, topic: str, *, delivery: str = "", receivers: str = "", routes: str = "test"
) -> str:
    """A rules file: allow-listed receiver 'test' (plus `receivers`), attacks routed to it."""
    return f"""
receivers:
  - name: test
    url: {url}
    secret: {SECRET}
    allow_private: true
    timeout: 1s
{receivers}
delivery:
  initial_delay: 500ms
  max_delay: 4s
  horizon: 5m
  max_attempts: 12
{delivery}
rules:
  - name: attacks
    match: {{types: [attack]}}
    routes: {{receivers: [{routes}], topics: [{topic}]}}
    group: {{group_interval: 1h}}
"""
