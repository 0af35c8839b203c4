"""Webhook delivery against a real worker and a real receiver on loopback."""

from __future__ import annotations

import itertools
import json
import signal
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from stream.core.webhooks import webhook_id_for
from tests.alert_events import make_event
from tests.integration.alerting_support import (
    SECRET,
    alerts_in,
    isolate,
    publish_events,
    receiver_rules,
    wait_for,
    write_rules,
)
from tests.integration.receiver import WebhookReceiver
from tests.integration.workers import Deployment

PLACES = [
    ("Mosul", "99072", 36.335, 43.119, "IQ", "Nineveh"),
    ("Aleppo", "170063", 36.202, 37.134, "SY", "Aleppo"),
    ("Sanaa", "71137", 15.355, 44.207, "YE", "Sanaa"),
    ("Kabul", "1138958", 34.528, 69.172, "AF", "Kabul"),
    ("Gao", "2457163", 16.271, -0.044, "ML", "Gao"),
]


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    """A receiver that fails twice, times out once, throttles once, then accepts."""
    with WebhookReceiver(SECRET, script=["500", "500", "timeout", "429"]).serving() as receiver:
        yield receiver


def incident_events(count: int) -> list:
    """One attack in each of `count` different countries (so `count` incidents)."""
    return [
        make_event(f"art-{index}", f"Car bomb kills five in {place[0]}", place=place, killed=5)
        for index, place in enumerate(PLACES[:count])
    ]


def expected_ids(deployment: Deployment, count: int) -> set[str]:
    """The webhook-ids of the first `count` alerts on the alerts topic."""
    topic = deployment.settings.topic_alerts
    records = deployment.collect([topic], until=lambda r: len(r) >= count, settle_s=0.5)
    return {webhook_id_for(alert.id, "test") for alert in alerts_in(records)}


def test_every_alert_is_delivered_signed_despite_errors_a_timeout_and_a_429(
    deployment: Deployment, receiver: WebhookReceiver, tmp_path: Path
) -> None:
    """3 alerts, scripted failures: each webhook-id processed once, every request verified."""
    rules = write_rules(tmp_path / "rules.yaml", receiver_rules(receiver.url, "alerts.t1"))
    isolate(deployment, rules)
    worker = deployment.start_worker()
    publish_events(deployment, incident_events(3))
    ids = expected_ids(deployment, 3)
    wait_for(lambda: set(receiver.processed) == ids, 60, "3 deliveries", worker.log)
    assert all(request.verified for request in receiver.requests)
    answers = sorted(request.answer for request in receiver.requests)
    assert answers == sorted(["500", "500", "timeout", "429", "200", "200", "200"])
    retried = [attempts for attempts in receiver.attempts.values() if len(attempts) > 1]
    after_429 = [
        later.received_at - earlier.received_at
        for attempts in retried
        for earlier, later in itertools.pairwise(attempts)
        if earlier.answer == "429"
    ]
    assert after_429
    assert min(after_429) >= 0.95
    types = {payload["type"] for payload in receiver.processed.values()}
    assert types == {"conflict.alert.new"}
    print(  # the measured schedule, for the report (pytest -s)
        json.dumps(
            {
                webhook_id[-6:]: [
                    (r.answer, round(r.received_at - attempts[0].received_at, 2)) for r in attempts
                ]
                for webhook_id, attempts in receiver.attempts.items()
            }
        )
    )


def test_sigkill_with_pending_deliveries_loses_nothing_after_a_restart(
    deployment: Deployment, tmp_path: Path
) -> None:
    """Kill -9 while 5 deliveries are failing; a new worker (fresh data dir) delivers all 5."""
    with WebhookReceiver(SECRET, script=["503"] * 20).serving() as receiver:
        rules = write_rules(tmp_path / "rules.yaml", receiver_rules(receiver.url, "alerts.t2"))
        isolate(deployment, rules)
        first = deployment.start_worker(tmp_path / "data-first")
        publish_events(deployment, incident_events(5))
        ids = expected_ids(deployment, 5)
        wait_for(lambda: len(receiver.requests) >= 6, 60, "first attempts", first.log)
        assert first.stop(signal.SIGKILL) == -signal.SIGKILL
        before_kill = len(receiver.requests)
        assert receiver.processed == {}
        second = deployment.start_worker(tmp_path / "data-second")
        wait_for(lambda: set(receiver.processed) == ids, 90, "all 5 after restart", second.log)
        assert all(request.verified for request in receiver.requests)
        repeats_after_success = sum(
            1
            for attempts in receiver.attempts.values()
            for index, r in enumerate(attempts)
            if r.answer == "200" and any(a.answer == "200" for a in attempts[:index])
        )
        print(
            json.dumps(
                {
                    "requests_before_kill": before_kill,
                    "requests_total": len(receiver.requests),
                    "processed": len(receiver.processed),
                    "redelivered_after_success": repeats_after_success,
                }
            )
        )
        assert set(receiver.processed) == ids


def test_the_last_failed_attempt_goes_to_the_webhooks_dlq(
    deployment: Deployment, tmp_path: Path
) -> None:
    """Always 500 with max_attempts 3: three attempts, then one webhooks.dlq record."""
    with WebhookReceiver(SECRET, script=["500"] * 100).serving() as receiver:
        text = receiver_rules(receiver.url, "alerts.t3").replace(
            "max_attempts: 12", "max_attempts: 3"
        )
        isolate(deployment, write_rules(tmp_path / "rules.yaml", text))
        worker = deployment.start_worker()
        publish_events(deployment, incident_events(1))
        dlq = deployment.collect(
            [deployment.settings.topic_webhooks_dlq], until=lambda r: len(r) >= 1, settle_s=1.0
        )
        [record] = dlq
        letter = json.loads(record.value)
        assert (letter["state"], letter["attempts"], letter["last_status"]) == ("exhausted", 3, 500)
        assert SECRET not in record.value.decode()
        assert len(receiver.requests) == 3
        assert SECRET not in worker.log()
        metrics = httpx.get(f"http://127.0.0.1:{worker.web_port}/metrics").text
        assert (
            'conflict_alerts_webhook_deliveries_total{outcome="exhausted",receiver="test"} 1.0'
            in metrics
        )
        assert (
            'conflict_alerts_webhook_attempts_total{receiver="test",status_class="5xx"} 3.0'
            in metrics
        )


def test_a_410_disables_the_receiver(deployment: Deployment, tmp_path: Path) -> None:
    """410 Gone: that delivery is dead-lettered and later ones are not even attempted."""
    with WebhookReceiver(SECRET, script=["410"]).serving() as receiver:
        rules = write_rules(tmp_path / "rules.yaml", receiver_rules(receiver.url, "alerts.t5"))
        isolate(deployment, rules)
        deployment.start_worker()
        topic = deployment.settings.topic_webhooks_dlq
        events = incident_events(2)
        publish_events(deployment, events[:1])
        deployment.collect([topic], until=lambda r: len(r) >= 1, settle_s=0.5)
        publish_events(deployment, events[1:])
        dlq = deployment.collect([topic], until=lambda r: len(r) >= 2, settle_s=0.5)
        assert [json.loads(r.value)["state"] for r in dlq] == ["gone", "gone"]
        assert len(receiver.requests) == 1


def test_a_dead_receiver_never_delays_a_healthy_one(deployment: Deployment, tmp_path: Path) -> None:
    """One receiver times out on every request; the other still gets its webhook at once."""
    slow_receiver = WebhookReceiver(SECRET, script=["timeout"] * 100, timeout_sleep_s=5)
    with slow_receiver.serving() as slow, WebhookReceiver(SECRET).serving() as fast:
        extra = (
            f"  - name: fast\n    url: {fast.url}\n    secret: {SECRET}\n    allow_private: true\n"
        )
        text = receiver_rules(slow.url, "alerts.t4", receivers=extra, routes="test, fast")
        isolate(deployment, write_rules(tmp_path / "rules.yaml", text))
        worker = deployment.start_worker()
        publish_events(deployment, incident_events(5))
        wait_for(lambda: len(fast.processed) == 5, 60, "fast deliveries", worker.log)
        assert slow.processed == {}
        arrivals = sorted(r.received_at for r in fast.requests)
        assert arrivals[-1] - arrivals[0] < 2.0
