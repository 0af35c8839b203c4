"""The wire contract of conflict-alerts: the JSON carried on every topic."""

from schemas.alert import Alert, AlertEvent, Severity
from schemas.article import Article, RelatedHeadline
from schemas.event import (
    Actor,
    ActorRole,
    ArticleRef,
    Casualties,
    Event,
    EventType,
    Evidence,
    LabelScore,
    Location,
    PlaceKind,
    Precision,
    Trigger,
)

__all__ = [
    "Actor",
    "ActorRole",
    "Alert",
    "AlertEvent",
    "Article",
    "ArticleRef",
    "Casualties",
    "Event",
    "EventType",
    "Evidence",
    "LabelScore",
    "Location",
    "PlaceKind",
    "Precision",
    "RelatedHeadline",
    "Severity",
    "Trigger",
]
