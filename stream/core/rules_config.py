"""The rules file's schema: receivers, delivery policy, rules, inhibition (pydantic models)."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
    model_validator,
)

from schemas import EventType, Precision, Severity
from stream.core.durations import Duration
from stream.core.geofence import Geofence
from stream.core.silences import InhibitRule

__all__ = [
    "DeliveryPolicy",
    "GroupPolicy",
    "Match",
    "Receiver",
    "Routes",
    "RuleConfig",
    "RuleSetConfig",
    "SeverityCase",
    "SeverityPolicy",
]


class _Config(BaseModel):
    """Shared configuration: frozen, unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


def _check_secret(value: str) -> str:
    """A Standard Webhooks secret: 'whsec_' + base64 of 24-64 bytes."""
    if not value.startswith("whsec_"):
        raise ValueError("webhook secrets must start with 'whsec_'")
    try:
        raw = base64.b64decode(value.removeprefix("whsec_"), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError("webhook secret is not valid base64 after 'whsec_'") from error
    if not 24 <= len(raw) <= 64:
        raise ValueError("webhook secrets must encode 24 to 64 bytes")
    return value


class Receiver(_Config):
    """A named webhook endpoint: URL, signing secrets, body format, timeout, SSRF exemption."""

    name: str = Field(min_length=1)
    url: str
    secrets: tuple[SecretStr, ...] = Field(
        min_length=1, description="Signing secrets; several during rotation (all sign)."
    )
    format: Literal["standard", "slack"] = "standard"
    timeout_s: Duration = Field(default=10.0, alias="timeout")
    allow_private: bool = Field(
        default=False, description="Allow loopback/private targets (explicit allow-list)."
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        """Only http(s) URLs with a host and no credentials."""
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https"):
            raise ValueError("receiver URLs must use http or https")
        if not parts.hostname:
            raise ValueError("receiver URL has no host")
        if parts.username or parts.password:
            raise ValueError("receiver URLs must not carry credentials")
        return value

    @field_validator("secrets")
    @classmethod
    def _valid_secrets(cls, value: tuple[SecretStr, ...]) -> tuple[SecretStr, ...]:
        """Every secret must be a whsec_ secret (checked without echoing it)."""
        for secret in value:
            _check_secret(secret.get_secret_value())
        return value


class DeliveryPolicy(_Config):
    """Retry schedule of webhook deliveries: exponential backoff with jitter over a horizon."""

    max_attempts: int = Field(default=8, ge=1, le=100)
    initial_delay_s: Duration = Field(default=5.0, alias="initial_delay")
    max_delay_s: Duration = Field(default=3600.0, alias="max_delay")
    horizon_s: Duration = Field(default=86_400.0, alias="horizon")
    max_retry_after_s: Duration = Field(default=3600.0, alias="max_retry_after")
    concurrency: int = Field(default=4, ge=1, le=64, description="In-flight requests per receiver.")


class Match(_Config):
    """Conditions an event must meet; every condition given must hold, lists mean 'any of'."""

    types: frozenset[EventType] = frozenset({EventType.ATTACK, EventType.ADVANCE, EventType.THREAT})
    min_score: float = Field(default=0.5, ge=0.0, le=1.0)
    countries: frozenset[str] = frozenset()
    admin1: frozenset[str] = frozenset()
    precision: frozenset[Precision] = frozenset()
    within: tuple[Geofence, ...] = ()
    actors: frozenset[str] = frozenset()
    min_killed: int | None = Field(default=None, ge=0)
    min_injured: int | None = Field(default=None, ge=0)
    min_casualties: int | None = Field(default=None, ge=0, description="Killed + injured.")
    keywords: tuple[str, ...] = ()

    @field_validator("countries", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        """Country codes are ISO 3166-1 alpha-2, compared upper-case."""
        if isinstance(value, list | tuple | set | frozenset):
            codes = [str(code).upper() for code in value]
            bad = [code for code in codes if not re.fullmatch(r"[A-Z]{2}", code)]
            if bad:
                raise ValueError(f"not ISO 3166-1 alpha-2 codes: {bad}")
            return frozenset(codes)
        return value

    @field_validator("within", mode="before")
    @classmethod
    def _fence_forms(cls, value: Any) -> Any:
        """Accept {circle: {...}}, {bbox: [...]} and {geojson: {...}} items."""
        if not isinstance(value, list):
            return value
        fences: list[Any] = []
        for item in value:
            if isinstance(item, dict) and len(item) == 1:
                ((kind, body),) = item.items()
                if kind == "circle" and isinstance(body, dict):
                    item = {"kind": "circle", **body}
                elif kind == "bbox":
                    item = {"kind": "bbox", "bbox": body}
                elif kind == "geojson":
                    item = {"kind": "polygon", "geojson": body}
            fences.append(item)
        return fences


class SeverityCase(_Config):
    """A severity applied when the event meets these conditions."""

    severity: Severity
    types: frozenset[EventType] = frozenset()
    precision: frozenset[Precision] = frozenset()
    min_killed: int | None = Field(default=None, ge=0)
    min_injured: int | None = Field(default=None, ge=0)
    min_casualties: int | None = Field(default=None, ge=0)


class SeverityPolicy(_Config):
    """A fixed severity, or the first matching case (by casualties/type/precision)."""

    default: Severity = Severity.WARNING
    when: tuple[SeverityCase, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _fixed(cls, data: Any) -> Any:
        """A bare string means a fixed severity."""
        return {"default": data} if isinstance(data, str) else data


class GroupPolicy(_Config):
    """How reports join an incident and how often an incident notifies again."""

    window_s: Duration = Field(default=6 * 3600.0, alias="window")
    distance_km: float = Field(default=50.0, ge=0)
    min_similarity: float = Field(default=0.1, ge=0.0, le=1.0)
    group_interval_s: Duration = Field(default=300.0, alias="group_interval")
    repeat_interval_s: Duration = Field(default=4 * 3600.0, alias="repeat_interval")


class Routes(_Config):
    """Where a rule's alerts go besides the main alerts topic."""

    topics: tuple[str, ...] = ()
    receivers: tuple[str, ...] = ()


class RuleConfig(_Config):
    """One alert rule as written in the rules file."""

    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    match: Match = Field(default_factory=Match)
    severity: SeverityPolicy = Field(default_factory=SeverityPolicy)
    routes: Routes = Field(default_factory=Routes)
    continue_: bool = Field(default=False, alias="continue")
    group: GroupPolicy = Field(default_factory=GroupPolicy)

    @property
    def topics(self) -> tuple[str, ...]:
        """The rule's own Kafka topics."""
        return self.routes.topics


class RuleSetConfig(_Config):
    """The whole rules file."""

    receivers: tuple[Receiver, ...] = ()
    delivery: DeliveryPolicy = Field(default_factory=DeliveryPolicy)
    rules: tuple[RuleConfig, ...] = Field(min_length=1)
    inhibit_rules: tuple[InhibitRule, ...] = ()
