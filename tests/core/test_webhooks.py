"""Standard Webhooks: signatures the reference verifier accepts, payloads, retry schedule."""

from __future__ import annotations

import base64
import json
import time
from datetime import timedelta

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from schemas import Alert
from stream.core.outbox import AttemptResult, after_attempt, enqueue
from stream.core.rules import DEFAULT_RULES, build_alert
from stream.core.rules_config import DeliveryPolicy, Receiver
from stream.core.webhooks import (
    Outcome,
    backoff_s,
    classify,
    next_attempt_at,
    parse_retry_after,
    render_body,
    signed_headers,
    webhook_id_for,
)
from tests.alert_events import BASE_TIME, make_event

OLD = "whsec_" + base64.b64encode(b"o" * 32).decode()
NEW = "whsec_" + base64.b64encode(b"n" * 32).decode()
POLICY = DeliveryPolicy.model_validate(
    {"max_attempts": 5, "initial_delay": "1s", "max_delay": "8s", "horizon": "1m"}
)


def alert() -> Alert:
    """A new alert for a Mosul bombing."""
    event = make_event("a", "Car bomb kills 5 in Mosul", killed=5)
    return build_alert(DEFAULT_RULES[0], event, incident_id="inc_1", status="new", now=BASE_TIME)


def receiver(**fields: object) -> Receiver:
    """A receiver signing with OLD and NEW."""
    return Receiver.model_validate(
        {"name": "ops", "url": "https://example.org/h", "secrets": [OLD, NEW], **fields}
    )


def verify(secret: str, body: bytes, headers: dict[str, str]) -> object:
    """Verify with the reference implementation at the signing time."""
    return Webhook(secret).verify(body, headers)


def test_both_rotation_secrets_produce_signatures_the_reference_verifier_accepts() -> None:
    """Each secret in the list verifies on its own; a stranger's does not."""
    body = render_body(alert(), "standard")
    timestamp = int(time.time())
    headers = signed_headers("msg_1", timestamp, body, [OLD, NEW])
    assert headers["webhook-signature"].count("v1,") == 2
    assert verify(OLD, body, headers) == json.loads(body)
    assert verify(NEW, body, headers) == json.loads(body)
    stranger = "whsec_" + base64.b64encode(b"s" * 32).decode()
    with pytest.raises(WebhookVerificationError):
        verify(stranger, body, headers)


def test_standard_payload_is_type_timestamp_data() -> None:
    """{type, timestamp, data}; data is the Alert JSON."""
    envelope = json.loads(render_body(alert(), "standard"))
    assert envelope["type"] == "conflict.alert.new"
    assert Alert.model_validate(envelope["data"]) == alert()


def test_slack_payload_is_one_text_line() -> None:
    """Slack-compatible receivers get {"text": ...} naming severity, place and toll."""
    text = json.loads(render_body(alert(), "slack"))["text"]
    assert text.startswith("*CRITICAL* attack @ Mosul (IQ) — 5 killed")


def test_webhook_id_is_stable_per_alert_and_receiver() -> None:
    """Same alert and receiver → same id; another receiver → another id."""
    assert webhook_id_for("alr_1", "ops") == webhook_id_for("alr_1", "ops")
    assert webhook_id_for("alr_1", "ops") != webhook_id_for("alr_1", "chat")


def test_status_classification() -> None:
    """2xx delivered, 410 gone, 429/503 honour Retry-After, other answers retry."""
    assert classify(204, None, BASE_TIME) == Outcome("delivered")
    assert classify(410, None, BASE_TIME) == Outcome("gone")
    assert classify(429, "7", BASE_TIME) == Outcome("retry", 7.0)
    assert classify(500, "7", BASE_TIME) == Outcome("retry", None)
    assert classify(None, None, BASE_TIME) == Outcome("retry", None)
    assert classify(302, None, BASE_TIME) == Outcome("retry", None)


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    """Delta-seconds or an IMF-fixdate in the future."""
    assert parse_retry_after("120", BASE_TIME) == 120.0
    date = "Tue, 24 Nov 2026 12:01:00 GMT"
    assert parse_retry_after(date, BASE_TIME) == 60.0
    assert parse_retry_after("soon", BASE_TIME) is None


def test_backoff_doubles_with_equal_jitter_up_to_the_cap() -> None:
    """Attempt n waits between half and all of min(max, initial * 2^(n-1))."""
    assert [backoff_s(n, POLICY, lambda: 1.0) for n in range(1, 6)] == [1, 2, 4, 8, 8]
    assert [backoff_s(n, POLICY, lambda: 0.0) for n in range(1, 6)] == [0.5, 1, 2, 4, 4]


def test_retry_after_wins_when_longer_than_the_backoff() -> None:
    """A 429 with Retry-After 30 waits 30 s, not 1 s."""
    when = next_attempt_at(
        attempt=1,
        first_attempt_at=BASE_TIME,
        now=BASE_TIME,
        outcome=Outcome("retry", 30.0),
        policy=POLICY,
        random=lambda: 1.0,
    )
    assert when == BASE_TIME + timedelta(seconds=30)


def test_retries_stop_at_max_attempts_or_the_horizon() -> None:
    """No next attempt after the 5th, nor beyond one minute after the first."""
    common = {"first_attempt_at": BASE_TIME, "outcome": Outcome("retry"), "policy": POLICY}
    assert next_attempt_at(attempt=5, now=BASE_TIME, random=lambda: 1.0, **common) is None
    late = BASE_TIME + timedelta(seconds=59)
    assert next_attempt_at(attempt=2, now=late, random=lambda: 1.0, **common) is None


def test_a_delivery_walks_from_pending_to_delivered_keeping_its_id() -> None:
    """Two failures then success: attempts counted, webhook-id unchanged."""
    delivery = enqueue(alert(), receiver(), BASE_TIME)
    for status in (500, 503, 200):
        delivery = after_attempt(
            delivery,
            AttemptResult(status=status),
            started_at=BASE_TIME,
            now=BASE_TIME,
            policy=POLICY,
            random=lambda: 0.5,
        )
    assert (delivery.state, delivery.attempts) == ("delivered", 3)
    assert delivery.webhook_id == webhook_id_for(alert().id, "ops")


def test_a_delivery_is_exhausted_after_the_last_attempt_and_gone_on_410() -> None:
    """max_attempts failures → exhausted; a 410 → gone at once."""
    policy = POLICY.model_copy(update={"max_attempts": 2})
    delivery = enqueue(alert(), receiver(), BASE_TIME)
    steps = {"started_at": BASE_TIME, "now": BASE_TIME, "policy": policy, "random": lambda: 0.5}
    failed = after_attempt(delivery, AttemptResult(error="timeout: x"), **steps)
    assert failed.state == "pending"
    assert after_attempt(failed, AttemptResult(status=500), **steps).state == "exhausted"
    assert after_attempt(delivery, AttemptResult(status=410), **steps).state == "gone"
