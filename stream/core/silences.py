"""Label matchers, time-limited silences and inhibition decisions (Alertmanager style)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from stream.core.durations import Duration

__all__ = [
    "ActiveSource",
    "InhibitRule",
    "LabelMatcher",
    "Silence",
    "active_silences",
    "inhibited_by",
    "new_silence",
    "parse_matcher",
    "silenced_by",
]

Labels = Mapping[str, str]
_MATCHER = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$")


class LabelMatcher(BaseModel):
    """One `name op value` condition on an alert's labels; op is =, !=, =~ or !~."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    op: Literal["=", "!=", "=~", "!~"] = "="
    value: str

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: object) -> object:
        """Accept the compact form 'country=IQ'."""
        return parse_matcher(data) if isinstance(data, str) else data

    @model_validator(mode="after")
    def _valid_regex(self) -> LabelMatcher:
        """Regular-expression matchers must compile."""
        if self.op in ("=~", "!~"):
            try:
                re.compile(self.value)
            except re.error as error:
                raise ValueError(f"invalid regular expression {self.value!r}: {error}") from error
        return self

    def matches(self, labels: Labels) -> bool:
        """True when the label (empty when missing) satisfies the condition."""
        actual = labels.get(self.name, "")
        if self.op == "=":
            return actual.casefold() == self.value.casefold()
        if self.op == "!=":
            return actual.casefold() != self.value.casefold()
        found = re.fullmatch(self.value, actual, re.IGNORECASE) is not None
        return found if self.op == "=~" else not found

    def __str__(self) -> str:
        """The compact form, e.g. `country=IQ`."""
        return f"{self.name}{self.op}{self.value}"


def parse_matcher(text: str) -> dict[str, str]:
    """Split 'name=value' (or !=, =~, !~) into its fields; raise ValueError when malformed."""
    found = _MATCHER.match(text)
    if found is None:
        raise ValueError(f"matcher {text!r} is not of the form name=value, !=, =~ or !~")
    name, op, value = found.groups()
    return {"name": name, "op": op, "value": value.strip("\"'")}


def _all_match(matchers: Iterable[LabelMatcher], labels: Labels) -> bool:
    """True when every matcher holds (an empty set matches everything)."""
    return all(matcher.matches(labels) for matcher in matchers)


class Silence(BaseModel):
    """Mutes alerts whose labels match every matcher, between `starts_at` and `ends_at`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    matchers: tuple[LabelMatcher, ...] = Field(min_length=1)
    starts_at: datetime
    ends_at: datetime
    created_by: str = "unknown"
    comment: str = ""

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        """Times must carry a time zone."""
        if value.tzinfo is None:
            raise ValueError("silence times must include a time zone")
        return value

    def active(self, now: datetime) -> bool:
        """True while the silence mutes alerts."""
        return self.starts_at <= now < self.ends_at

    def mutes(self, labels: Labels, now: datetime) -> bool:
        """True when the silence is active and matches the labels."""
        return self.active(now) and _all_match(self.matchers, labels)


def new_silence(
    matchers: Sequence[LabelMatcher],
    *,
    now: datetime,
    duration: timedelta,
    created_by: str = "unknown",
    comment: str = "",
) -> Silence:
    """A silence starting now; its id derives from its content and start time."""
    digest = hashlib.sha256(
        "|".join([*sorted(map(str, matchers)), now.isoformat(), created_by]).encode()
    ).hexdigest()
    return Silence(
        id=f"sil_{digest[:16]}",
        matchers=tuple(matchers),
        starts_at=now,
        ends_at=now + duration,
        created_by=created_by,
        comment=comment,
    )


def active_silences(silences: Iterable[Silence], now: datetime) -> list[Silence]:
    """The silences in force at `now`."""
    return [silence for silence in silences if silence.active(now)]


def silenced_by(silences: Iterable[Silence], labels: Labels, now: datetime) -> Silence | None:
    """The first silence that mutes these labels, if any."""
    return next((s for s in silences if s.mutes(labels, now)), None)


class ActiveSource(BaseModel):
    """An alert that can inhibit others: its labels and until when it does."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    alert_id: str
    labels: dict[str, str]
    until: datetime


class InhibitRule(BaseModel):
    """While a source alert fires, mute target alerts that agree on the `equal` labels."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    source_matchers: tuple[LabelMatcher, ...] = Field(min_length=1)
    target_matchers: tuple[LabelMatcher, ...] = Field(min_length=1)
    equal: tuple[str, ...] = ("country",)
    duration_s: Duration = Field(
        default=86_400.0, alias="duration", description="How long a source alert inhibits."
    )

    def is_source(self, labels: Labels) -> bool:
        """True when an alert with these labels can inhibit others."""
        return _all_match(self.source_matchers, labels)

    def mutes(self, source: ActiveSource, target: Labels, now: datetime) -> bool:
        """True when `source` (still active) mutes `target` under this rule."""
        return (
            source.until > now
            and _all_match(self.target_matchers, target)
            and self.is_source(source.labels)
            and not _all_match(self.source_matchers, target)
            and all(source.labels.get(name, "") == target.get(name, "") for name in self.equal)
        )


def inhibited_by(
    rules: Iterable[InhibitRule], sources: Iterable[ActiveSource], labels: Labels, now: datetime
) -> ActiveSource | None:
    """The active source alert that mutes these labels, if any (no self-inhibition)."""
    candidates = list(sources)
    for rule in rules:
        for source in candidates:
            if rule.mutes(source, labels, now):
                return source
    return None
