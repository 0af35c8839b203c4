"""The analysis contract: one classified, geocoded event per article."""

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas._base import WireModel

__all__ = [
    "Actor",
    "ActorRole",
    "ArticleRef",
    "Casualties",
    "Event",
    "EventType",
    "Evidence",
    "LabelScore",
    "Location",
    "PlaceKind",
    "Precision",
    "Trigger",
]


class EventType(StrEnum):
    """Conflict event types; `other` when none applies."""

    ADVANCE = "advance"
    ATTACK = "attack"
    THREAT = "threat"
    OTHER = "other"


class Trigger(WireModel):
    """A trigger phrase with character offsets into the analysed text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Evidence(WireModel):
    """The sentence and trigger words that support one label."""

    sentence: str
    start: int = Field(ge=0, description="Offset of the sentence in the analysed text.")
    end: int = Field(ge=0)
    triggers: list[Trigger] = Field(default_factory=list)


class LabelScore(WireModel):
    """One label given to the article, its score in 0-1 and the evidence for it."""

    label: EventType
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)


class PlaceKind(StrEnum):
    """What sort of place a location is."""

    NEIGHBOURHOOD = "neighbourhood"
    TOWN = "town"
    DISTRICT = "district"
    REGION = "region"
    COUNTRY = "country"


class Precision(StrEnum):
    """How precisely a location pins the event on the map."""

    NEIGHBOURHOOD = "neighbourhood"
    CITY = "city"
    REGION = "region"
    COUNTRY = "country"


class Location(WireModel):
    """A place named in the text and its resolved gazetteer entry."""

    text: str = Field(description="The place as written.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    name: str = Field(description="Resolved place name.")
    place_id: str = Field(description="GeoNames id, or 'custom:<id>' for user-supplied places.")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2.")
    admin1: str | None = Field(default=None, description="First-level region name.")
    kind: PlaceKind
    precision: Precision
    confidence: float = Field(ge=0.0, le=1.0)
    feature_code: str | None = Field(default=None, description="GeoNames feature code, e.g. PPLA.")


class ActorRole(StrEnum):
    """An actor's part in the event, where the text makes it clear."""

    PERPETRATOR = "perpetrator"
    TARGET = "target"
    UNKNOWN = "unknown"


class Actor(WireModel):
    """An armed group or force named in the text, with its normalised name."""

    name: str = Field(description="Normalised name, e.g. 'Islamic State' for ISIS/ISIL/Daesh.")
    text: str = Field(description="The name as written (first mention).")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: str = Field(description="e.g. 'armed_group', 'state_force', 'militia'.")
    country_code: str | None = None
    role: ActorRole = ActorRole.UNKNOWN


class Casualties(WireModel):
    """Killed and injured counts reported for the event."""

    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    killed_is_lower_bound: bool = Field(
        default=False, description="True for 'at least N', 'more than N', 'dozens'."
    )
    injured_is_lower_bound: bool = False
    evidence: list[Trigger] = Field(default_factory=list)


class ArticleRef(WireModel):
    """Where the event came from: the article and its position on the input topic."""

    id: str
    title: str
    url: str | None = None
    source: str | None = None
    published_at: datetime | None = None
    parent_id: str | None = None
    topic: str | None = None
    partition: int | None = None
    offset: int | None = None


class Event(WireModel):
    """The classified, geocoded event derived from one article."""

    id: str = Field(description="Deterministic id derived from the article id.")
    article: ArticleRef
    type: EventType = Field(description="Primary event type.")
    labels: list[LabelScore] = Field(
        default_factory=list, description="Every type that applies, with score and evidence."
    )
    locations: list[Location] = Field(default_factory=list)
    focus: Location | None = Field(
        default=None, description="The most specific place where the event happened."
    )
    actors: list[Actor] = Field(default_factory=list)
    casualties: Casualties = Field(default_factory=Casualties)
    received_at: datetime = Field(description="When the article reached the input topic.")
    analyzed_at: datetime = Field(description="When the analysis finished.")
    pipeline_version: str
