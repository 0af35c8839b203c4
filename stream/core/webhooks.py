"""Standard Webhooks, pure parts: ids, payloads, signatures, outcomes and the retry schedule."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Literal

from schemas import Alert
from stream.core.rules_config import DeliveryPolicy

__all__ = [
    "Outcome",
    "backoff_s",
    "classify",
    "next_attempt_at",
    "parse_retry_after",
    "render_body",
    "sign",
    "signed_headers",
    "slack_text",
    "webhook_id_for",
]

OutcomeKind = Literal["delivered", "retry", "gone"]


def webhook_id_for(alert_id: str, receiver: str) -> str:
    """The webhook-id of an alert's delivery to one receiver: stable across retries."""
    return f"msg_{hashlib.sha256(f'{alert_id}:{receiver}'.encode()).hexdigest()[:24]}"


def sign(msg_id: str, timestamp: int, body: bytes, secrets: Sequence[str]) -> str:
    """The webhook-signature value: 'v1,<base64 HMAC-SHA256>' per secret, space-separated."""
    content = f"{msg_id}.{timestamp}.".encode() + body
    signatures = []
    for secret in secrets:
        key = base64.b64decode(secret.removeprefix("whsec_"))
        digest = hmac.new(key, content, hashlib.sha256).digest()
        signatures.append("v1," + base64.b64encode(digest).decode())
    return " ".join(signatures)


def signed_headers(
    msg_id: str, timestamp: int, body: bytes, secrets: Sequence[str]
) -> dict[str, str]:
    """The three Standard Webhooks headers plus the content type."""
    return {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(msg_id, timestamp, body, secrets),
    }


def slack_text(alert: Alert) -> str:
    """One Slack-style line: severity, type, place, casualties, headline, rule."""
    event = alert.event
    place = event.place or "unknown place"
    if event.country_code:
        place = f"{place} ({event.country_code})"
    toll = [f"{event.killed} killed"] if event.killed is not None else []
    toll += [f"{event.injured} injured"] if event.injured is not None else []
    casualties = f" — {', '.join(toll)}" if toll else ""
    status = "" if alert.status == "new" else f" [{alert.status}, {alert.reports} reports]"
    return (
        f"*{alert.severity.value.upper()}* {event.type.value} @ {place}{casualties}: "
        f"{event.title} (rule `{alert.rule}`){status}"
    )


def render_body(alert: Alert, style: Literal["standard", "slack"]) -> bytes:
    """The request body: {type, timestamp, data} or a Slack-compatible {text}."""
    if style == "slack":
        return json.dumps({"text": slack_text(alert)}, ensure_ascii=False).encode()
    envelope = {
        "type": f"conflict.alert.{alert.status}",
        "timestamp": alert.created_at.isoformat(),
        "data": alert.model_dump(mode="json"),
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one attempt's response means: delivered, retry (maybe after a delay), gone."""

    kind: OutcomeKind
    retry_after_s: float | None = None


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(float((when - now).total_seconds()), 0.0)


def classify(status: int | None, retry_after: str | None, now: datetime) -> Outcome:
    """2xx delivered; 410 gone (disable the receiver); anything else, or no answer, retries."""
    if status is not None and 200 <= status < 300:
        return Outcome("delivered")
    if status == 410:
        return Outcome("gone")
    wait = parse_retry_after(retry_after, now) if status in (429, 503) else None
    return Outcome("retry", wait)


def backoff_s(attempt: int, policy: DeliveryPolicy, random: Callable[[], float]) -> float:
    """Delay after failed attempt `attempt` (1-based): capped exponential, equal jitter."""
    ceiling = min(policy.max_delay_s, policy.initial_delay_s * 2.0 ** (attempt - 1))
    return ceiling / 2 + random() * ceiling / 2


def next_attempt_at(
    *,
    attempt: int,
    first_attempt_at: datetime,
    now: datetime,
    outcome: Outcome,
    policy: DeliveryPolicy,
    random: Callable[[], float],
) -> datetime | None:
    """When to try again after failed attempt `attempt`, or None when retries are exhausted."""
    if outcome.kind != "retry" or attempt >= policy.max_attempts:
        return None
    delay = backoff_s(attempt, policy, random)
    if outcome.retry_after_s is not None:
        delay = max(delay, min(outcome.retry_after_s, policy.max_retry_after_s))
    when = now + timedelta(seconds=delay)
    if when > first_attempt_at + timedelta(seconds=policy.horizon_s):
        return None
    return when
