"""Webhook deliveries as durable records: enqueue, the state after each attempt, dead letters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from schemas import Alert
from stream.core.rules_config import DeliveryPolicy, Receiver
from stream.core.webhooks import classify, next_attempt_at, render_body, webhook_id_for

__all__ = ["AttemptResult", "Delivery", "after_attempt", "enqueue"]

State = Literal["pending", "delivered", "exhausted", "gone"]


class Delivery(BaseModel):
    """One alert's delivery to one receiver; every change is a record on the outbox topic."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    webhook_id: str
    receiver: str
    alert_id: str
    rule: str
    body: str
    created_at: datetime
    next_at: datetime
    attempts: int = 0
    first_attempt_at: datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    state: State = "pending"

    @property
    def terminal(self) -> bool:
        """True once the delivery succeeded or was given up."""
        return self.state != "pending"


class AttemptResult(BaseModel):
    """What one HTTP attempt returned: a status (and Retry-After), or an error."""

    model_config = ConfigDict(frozen=True)

    status: int | None = None
    retry_after: str | None = None
    error: str | None = None
    seconds: float = 0.0


def enqueue(alert: Alert, receiver: Receiver, now: datetime) -> Delivery:
    """The first record of a delivery: due immediately, webhook-id fixed for its lifetime."""
    return Delivery(
        webhook_id=webhook_id_for(alert.id, receiver.name),
        receiver=receiver.name,
        alert_id=alert.id,
        rule=alert.rule,
        body=render_body(alert, receiver.format).decode(),
        created_at=now,
        next_at=now,
    )


def after_attempt(
    delivery: Delivery,
    result: AttemptResult,
    *,
    started_at: datetime,
    now: datetime,
    policy: DeliveryPolicy,
    random: Callable[[], float],
) -> Delivery:
    """The delivery's state after an attempt: delivered, gone, retry at a time, or dead."""
    attempt = delivery.attempts + 1
    first = delivery.first_attempt_at or started_at
    outcome = classify(result.status, result.retry_after, now)
    common = {
        "attempts": attempt,
        "first_attempt_at": first,
        "last_status": result.status,
        "last_error": result.error,
    }
    if outcome.kind == "delivered":
        return delivery.model_copy(update={**common, "state": "delivered"})
    if outcome.kind == "gone":
        return delivery.model_copy(update={**common, "state": "gone"})
    when = next_attempt_at(
        attempt=attempt,
        first_attempt_at=first,
        now=now,
        outcome=outcome,
        policy=policy,
        random=random,
    )
    if when is None:
        return delivery.model_copy(update={**common, "state": "exhausted"})
    return delivery.model_copy(update={**common, "next_at": when})
