"""The focus of an event: which of a text's resolved places it happened at, and where."""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from typing import Final

from schemas import Location, PlaceKind
from stream.core.analysis import Classification
from stream.core.gazetteer import COUNTRY, REGION, TOWN, WIDE_KINDS, Gazetteer
from stream.core.geo import destination
from stream.core.places_chains import partner
from stream.core.places_coherence import known_by_main_name, lone_places
from stream.core.places_mentions import Mention
from stream.core.places_nationality import foreign_actor_follows
from stream.core.places_resolve import Resolution
from stream.core.places_support import CHAIN_KM

__all__ = ["FocusChooser"]

_SPECIFICITY: Final = {
    PlaceKind.NEIGHBOURHOOD: 4.0,
    PlaceKind.TOWN: 3.0,
    PlaceKind.DISTRICT: 2.0,
    PlaceKind.REGION: 1.0,
    PlaceKind.COUNTRY: 0.0,
}
_LANDMARK_COST: Final = 2.0
_CONTINUED_COST: Final = 2.0
# The second place of a hyphenated pair ('the Erbil-Kaya road') is where a route leads.
_JOINED_COST: Final = 2.0
_COUNTRY_WITH_PLACES_COST: Final = 1.5
_DETACHED_COST: Final = 1.0
_OUTSIDE_REGION_COST: Final = 6.0
# A chain's town this far from the town it names as its parent is a namesake elsewhere ('near
# Orikhove, Luhansk' resolving to an Orikhove in Crimea): it costs as much as one outside the
# named region.
_FAR_APART_KM: Final = 500.0
_OUTSIDE_NAMED_REGIONS_COST: Final = 3.0
# A town this big is seldom a namesake of the one a text means.
_BIG_TOWN: Final = 100_000
_LONE_COST: Final = 5.0
_AGAINST_CONTEXT_COST: Final = 1.0
# A town resolved with less confidence than this is too often a namesake abroad to pin an
# alert on (it stays among the event's locations).
_MIN_TOWN_FOCUS_CONFIDENCE: Final = 0.35
_LOCAL_KINDS: Final = frozenset({PlaceKind.TOWN, PlaceKind.DISTRICT, PlaceKind.NEIGHBOURHOOD})
_OFFSET: Final = re.compile(
    r"(\d+(?:\.\d+)?)\s*(km|kms|kilometres|kilometers|miles?)\s+(?:\([^()]{0,30}\)\s+)?"
    r"(?:to\s+the\s+)?"
    r"(north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)\s+of\s+(?:the\s+)?(?:(?:town|city|village|district)\s+of\s+)?$",
    re.IGNORECASE,
)
_BEARINGS: Final = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
    "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}  # fmt: skip
_MILE_KM: Final = 1.609344
_PART: Final = re.compile(
    r"\b(north|south|east|west|north-?east|north-?west|south-?east|south-?west|central)"
    r"(?:ern)?(?:\s+(?:part|parts|region)?\s*of)?(?:\s+the)?\s+$",
    re.IGNORECASE,
)
_PART_POPULATION: Final = 1000
# A place named as the reference of a direction ('X district, south-west of Y'), in folded text:
# the event is at a place within _REFERENCE_KM of it that the text names before it, if any.
_REFERENCE: Final = re.compile(
    r"(?:north|south|east|west)(?: ?(?:east|west))? +of +(?:the +)?"
    r"(?:(?:town|city|village|district) +of +)?$"
)
_REFERENCE_ENDS: Final = ("of", "the")
"""The word just before the spaces that end every _REFERENCE match."""
_REFERENCE_WINDOW: Final = 40
_REFERENCE_COST: Final = 2.0
_REFERENCE_KM: Final = 150.0
# The same for a place the direction directly follows ('In Sharqat, north of Baghdad').
_ATTACHED_REFERENCE_KM: Final = 500.0
_FARTHEST_OFFSET_KM: Final = 300.0


def _offset(text: str, focus: Location, start: int) -> Location:
    """The focus moved by 'N km <direction> of X' written just before X, when it is."""
    found = _OFFSET.search(text, max(0, start - 80), start)
    if found is None:
        return focus
    distance = float(found.group(1)) * (
        _MILE_KM if found.group(2).lower().startswith("mile") else 1
    )
    if distance > _FARTHEST_OFFSET_KM:
        return focus
    bearing = _BEARINGS[found.group(3).lower().replace("-", "")]
    lat, lon = destination(focus.lat, focus.lon, bearing, distance)
    return focus.model_copy(
        update={
            "text": text[found.start() : focus.end],
            "start": found.start(),
            "lat": round(lat, 5),
            "lon": round(lon, 5),
            "confidence": round(focus.confidence * 0.9, 3),
        }
    )


def _top_country(
    codes: list[str | None], kinds: list[PlaceKind], resolutions: list[Resolution]
) -> str | None:
    """The country of the most local places, each counted by its confidence (of all the
    places when none is local, then none when two countries are named equally often)."""
    weights: dict[str | None, float] = {}
    for code, kind, resolution in zip(codes, kinds, resolutions, strict=True):
        if kind != COUNTRY:
            weights[code] = weights.get(code, 0.0) + resolution.confidence
    if not weights:
        ranked = Counter(codes).most_common(2)
        tied = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
        return None if tied else ranked[0][0]
    return max(weights, key=lambda code: weights[code])


class FocusChooser:
    """Picks the focus among a text's resolved places and moves it to the spot it names."""

    def __init__(self, gazetteer: Gazetteer, country_ids: dict[str, str]) -> None:
        """Use `gazetteer` and its countries' ids by code."""
        self.gazetteer = gazetteer
        self.country_ids = country_ids
        self._parts: dict[tuple[str, str], tuple[float, float]] = {}

    def choose(
        self,
        text: str,
        folded: str,
        mentions: list[Mention],
        resolutions: list[Resolution],
        classification: Classification,
        demonyms: dict[str, float],
    ) -> int | None:
        """Position of the most specific place where the event happened (evidence first)."""
        if not resolutions:
            return None
        spans = [
            (evidence.start, evidence.end)
            for label in classification.labels
            for evidence in label.evidence
        ]
        table = self.gazetteer.table
        places = [resolution.place for resolution in resolutions]
        counts: dict[int, int] = {}
        kinds: list[PlaceKind] = []
        codes: list[str | None] = []
        named: set[str | None] = set()
        inland: set[str | None] = set()
        regions: set[tuple[str | None, str | None]] = set()
        for place in places:
            counts[place] = counts.get(place, 0) + 1
            kind = table.kind_of(place)
            code = table.country_of(place)
            kinds.append(kind)
            codes.append(code)
            if kind == COUNTRY:
                named.add(code)
                continue
            inland.add(code)
            if kind == REGION:
                regions.add((code, table.admin1_of(place)))
        top_country = _top_country(codes, kinds, resolutions)
        lone = lone_places(table, places, codes, named, demonyms)
        ids = table.ids
        present = {ids[place] for place in counts}
        region_countries = {code for code, _ in regions}
        chosen = {id(resolution.mention): resolution.place for resolution in resolutions}
        chain_costs = [
            self._detached(resolution.place, resolution.mention, mentions, chosen)
            if resolution.mention.parents
            else 0.0
            for resolution in resolutions
        ]
        detached = self._detached_places(resolutions, chain_costs)
        length = max(len(text), 1)
        extras = table.extras
        best: tuple[float, int] | None = None
        for position, resolution in enumerate(resolutions):
            mention = resolution.mention
            kind = kinds[position]
            if kind == COUNTRY and (
                foreign_actor_follows(text, folded, mention.end) or partner(folded, mention.start)
            ):
                continue
            if kind == TOWN and resolution.confidence < _MIN_TOWN_FOCUS_CONFIDENCE:
                continue
            score = _SPECIFICITY[kind]
            if mention.strong_locative:
                score += 1.5
            elif mention.locative:
                score += 0.5
            if mention.dateline:
                score += 2.0
            if mention.landmark:
                score -= _LANDMARK_COST
            if mention.continued and kind != COUNTRY:
                score -= _CONTINUED_COST
            if mention.joined:
                score -= _JOINED_COST
            if kind == COUNTRY and codes[position] in inland:
                score -= _COUNTRY_WITH_PLACES_COST
            if mention.parents:
                score -= chain_costs[position]
            else:
                score -= detached.get(resolution.place, 0.0)
            reference = self._reference(text, folded, mention.start)
            if reference >= 0 and any(
                kinds[before] in _LOCAL_KINDS
                and table.distance_km(places[before], resolution.place)
                <= (
                    _ATTACHED_REFERENCE_KM
                    if not folded[resolutions[before].mention.end : reference].strip(" ,")
                    else _REFERENCE_KM
                )
                for before in range(position)
            ):
                score -= _REFERENCE_COST
            code = codes[position]
            if (
                kind in _LOCAL_KINDS
                and code in region_countries
                and (code, table.admin1_of(resolution.place)) not in regions
            ):
                score -= _OUTSIDE_NAMED_REGIONS_COST
            if spans and any(a <= mention.start < b for a, b in spans):
                score += 2.0
            score += 0.5 * min(counts[resolution.place] - 1, 3)
            if code == top_country:
                score += 1.0
            if resolution.place in lone and not known_by_main_name(
                table, resolution.place, mention.text
            ):
                score -= _LONE_COST
            if resolution.against_context and not mention.dateline:
                score -= _AGAINST_CONTEXT_COST
            if code in named and kind != COUNTRY:
                score += 0.5
            extra = extras.get(resolution.place)
            if extra is not None and extra[1] is not None and extra[1] in present:
                score += 2.0
            score -= 2.0 * mention.start / length
            score += 2.0 * (resolution.confidence - 0.5)
            if kind not in WIDE_KINDS:
                score += 0.3 * min(resolution.score, 4.0)
            if best is None or score > best[0]:
                best = (score, position)
        return best[1] if best else None

    @staticmethod
    def _reference(text: str, folded: str, start: int) -> int:
        """Where the direction starts of which the place at `start` is the reference, when it
        has no distance ('south-west of Y'; '20 km south-west of Y' moves the focus instead);
        -1 when it is none."""
        # What every match ends with and holds, tested first: 'of' or 'the' and spaces, and a
        # direction word.
        low = max(0, start - _REFERENCE_WINDOW)
        window = folded[low:start]
        if not window.rstrip(" ").endswith(_REFERENCE_ENDS) or not (
            "north" in window or "south" in window or "east" in window or "west" in window
        ):
            return -1
        found = _REFERENCE.search(folded, low, start)
        if found is None or _OFFSET.search(text, max(0, start - 80), start) is not None:
            return -1
        return found.start()

    def pinpoint(self, text: str, focus: Location, start: int) -> Location:
        """The focus of the mention at `start` moved by an offset written before it ('5 km
        north of X'), then, for a country, to the part that 'northern' (...) names."""
        focus = _offset(text, focus, start)
        if focus.kind == COUNTRY:
            focus = self._part(text, focus, start)
        return focus

    def _detached_places(
        self, resolutions: list[Resolution], chain_costs: list[float]
    ) -> dict[int, float]:
        """The highest chain cost (`chain_costs`, per resolution) of each small town that a
        chain does not hold, for its mentions outside chains: the text names the same namesake
        again ('near Orikhove, Luhansk ... near Orikhove'); a big town is seldom a namesake,
        and its chain may be wrong."""
        population = self.gazetteer.table.population
        costs: dict[int, float] = {}
        for resolution, cost in zip(resolutions, chain_costs, strict=True):
            place = resolution.place
            if resolution.mention.parents and population[place] < _BIG_TOWN:
                costs[place] = max(cost, costs.get(place, 0.0))
        return costs

    def _detached(
        self, place: int, mention: Mention, mentions: list[Mention], chosen: dict[int, int]
    ) -> float:
        """The focus cost of a place that its chain ('X area of Y city', 'X, Y province', 'X in
        Y country') does not hold: the first province or country the chain names decides (a
        country does not excuse a province that does not hold the place), towns before it
        hold what lies near them, and one more than _FAR_APART_KM away costs as much as a
        province; a town smaller than the place cannot hold it ('Baghdad (Karadah)' names a
        quarter)."""
        table = self.gazetteer.table
        cost = 0.0
        for parent_at in mention.parents:
            parent = chosen.get(id(mentions[parent_at]))
            if parent is None:
                continue
            kind = table.kind_of(parent)
            if kind in _LOCAL_KINDS and table.population[parent] < table.population[place]:
                continue
            if kind == COUNTRY:
                if table.country_of(parent) == table.country_of(place):
                    return cost
                return _OUTSIDE_REGION_COST
            if kind == REGION:
                inside = table.admin1_of(parent) == table.admin1_of(place)
                return 0.0 if inside else _OUTSIDE_REGION_COST
            apart = table.distance_km(parent, place)
            if apart < CHAIN_KM:
                return 0.0
            cost = max(cost, _OUTSIDE_REGION_COST if apart > _FAR_APART_KM else _DETACHED_COST)
        return cost

    def _part(self, text: str, focus: Location, start: int) -> Location:
        """A country's focus moved to the part that 'northern', 'the east of' (...) names."""
        found = _PART.search(text, max(0, start - 40), start)
        if found is None or not focus.country_code:
            return focus
        word = found.group(1).lower().replace("-", "")
        key = (focus.country_code, word)
        point = self._parts.get(key)
        if point is None:
            point = self._parts[key] = self._part_point(focus.country_code, _BEARINGS.get(word))
        return focus.model_copy(
            update={
                "text": text[found.start() : focus.end],
                "start": found.start(),
                "lat": round(point[0], 5),
                "lon": round(point[1], 5),
            }
        )

    def _part_point(self, code: str, bearing: float | None) -> tuple[float, float]:
        """The middle of a country's towns that lie furthest towards `bearing` (its last
        fifth along that direction), or of all its towns when `bearing` is None."""
        table = self.gazetteer.table
        towns = table.town_points(code, _PART_POPULATION)
        if not towns:
            index = self.gazetteer.by_id[self.country_ids[code]]
            return table.lat[index], table.lon[index]
        if bearing is not None:
            north = math.cos(math.radians(bearing))
            east = math.sin(math.radians(bearing))
            squeeze = math.cos(math.radians(statistics.median(lat for lat, _ in towns)))
            along = sorted(towns, key=lambda point: point[0] * north + point[1] * squeeze * east)
            towns = along[len(along) * 4 // 5 :]
        return (
            statistics.median(lat for lat, _ in towns),
            statistics.median(lon for _, lon in towns),
        )
