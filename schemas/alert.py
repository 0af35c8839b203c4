"""The output contract: alerts published to alert topics and webhooks."""

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas._base import WireModel
from schemas.event import EventType

__all__ = ["Alert", "AlertEvent", "Severity"]


class Severity(StrEnum):
    """How urgent an alert is."""

    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class AlertEvent(WireModel):
    """The event summary an alert carries."""

    event_id: str
    type: EventType
    labels: list[EventType]
    title: str
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    precision: str | None = None
    killed: int | None = None
    injured: int | None = None
    actors: list[str] = Field(default_factory=list)
    article_id: str
    url: str | None = None
    source: str | None = None
    published_at: datetime | None = None


class Alert(WireModel):
    """An alert raised by a rule for an incident; updates share the incident key."""

    id: str = Field(description="Deterministic: the same rule and article give the same id.")
    rule: str
    severity: Severity
    incident_key: str = Field(description="Groups reports of one incident.")
    status: str = Field(default="new", description="'new' for the first report, 'update' after.")
    reports: int = Field(default=1, ge=1, description="Reports of the incident so far.")
    sources: list[str] = Field(
        default_factory=list, description="Outlets that reported the incident so far."
    )
    event: AlertEvent
    received_at: datetime | None = Field(
        default=None, description="When the source article reached the input topic."
    )
    created_at: datetime
