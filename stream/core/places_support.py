"""What a text's other places say for a candidate: nearness, and the chains around it."""

from __future__ import annotations

import math
from typing import Final

from schemas import PlaceKind
from stream.core.gazetteer import COUNTRY, REGION, WIDE_KINDS, PlaceTable
from stream.core.geo import haversine_km
from stream.core.places_mentions import Mention

__all__ = ["CHAIN_KM", "Nearness", "chain_bonuses", "contains_child"]

_NEAR_KM: Final = 150.0
_NEAR_DEG: Final = _NEAR_KM / 111.0
_NEAR_SQUARED: Final = _NEAR_DEG * _NEAR_DEG
_SLACK_DEG: Final = 1e-6
# What math.radians multiplies by.
_RADIANS_PER_DEGREE: Final = math.pi / 180.0
# A place this close to a place that a chain names after it lies within it.
CHAIN_KM: Final = 60.0
_CHAIN_DEG: Final = CHAIN_KM / 111.0
_SELF_CHAIN: Final = 1.0


class Nearness:
    """Bonus for lying near the local places that the text names, cached per place."""

    def __init__(self, table: PlaceTable, anchors: list[int]) -> None:
        """Anchor places (indices into `table`) with their coordinates."""
        self.table = table
        self.points = sorted((table.lat[anchor], table.lon[anchor], anchor) for anchor in anchors)
        self.lats = [point[0] for point in self.points]
        self.cache: dict[int, float] = {}

    def bonus(self, index: int) -> float:
        """Up to 2.0 for lying near other anchors (0.8 for each of up to three)."""
        found = self.cache.get(index)
        if found is not None:
            return found
        lat = self.table.lat[index]
        lon = self.table.lon[index]
        squeeze = math.pow(math.cos(lat * _RADIANS_PER_DEGREE), 2.0)
        near = 0
        lowest = lat - _NEAR_DEG - _SLACK_DEG
        highest = lat + _NEAR_DEG + _SLACK_DEG
        lats = self.lats
        points = self.points
        # The anchors from bisect_left(lats, lowest) to bisect_right(lats, highest), walked to.
        position = 0
        while position < len(lats) and lats[position] < lowest:
            position += 1
        below, above = -_NEAR_DEG, _NEAR_DEG
        while position < len(lats) and lats[position] <= highest:
            anchor_lat, anchor_lon, anchor = points[position]
            position += 1
            dlat = anchor_lat - lat
            if anchor == index or not below < dlat < above:
                continue
            dlon = (anchor_lon - lon + 180.0) % 360.0 - 180.0
            if dlat * dlat + dlon * dlon * squeeze < _NEAR_SQUARED:
                near += 1
                if near == 3:
                    break
        found = self.cache[index] = min(2.0, 0.8 * near)
        return found


def chain_bonuses(table: PlaceTable, mention: Mention, mentions: list[Mention]) -> dict[int, float]:
    """Per candidate, the bonus when a following 'X, Y district, Z province' mention
    contains it: 2 for its country, 3 for its region or a place within 60 km, 1 when the
    following mention may name the place itself ('Dangriga, Stann Creek')."""
    countries: dict[str | None, set[int]] = {}
    regions: dict[tuple[str | None, str | None], set[int]] = {}
    points: list[tuple[int, float, float]] = []
    for parent_pos in mention.parents:
        for parent in mentions[parent_pos].candidates:
            kind = table.kind_of(parent)
            if kind == COUNTRY:
                countries.setdefault(table.country_of(parent), set()).add(parent)
            elif kind == REGION:
                key = (table.country_of(parent), table.admin1_of(parent))
                regions.setdefault(key, set()).add(parent)
            else:
                points.append((parent, table.lat[parent], table.lon[parent]))
    bonuses: dict[int, float] = {}
    for index in mention.candidates:
        code = table.country_of(index)
        lat, lon = table.lat[index], table.lon[index]
        if regions.get((code, table.admin1_of(index)), set()) - {index} or any(
            parent != index
            and abs(parent_lat - lat) < _CHAIN_DEG
            and haversine_km(parent_lat, parent_lon, lat, lon) < CHAIN_KM
            for parent, parent_lat, parent_lon in points
        ):
            bonuses[index] = 3.0
        elif countries.get(code, set()) - {index}:
            bonuses[index] = 2.0
        else:
            bonuses[index] = _SELF_CHAIN if any(p == index for p, _, _ in points) else 0.0
    return bonuses


def contains_child(
    table: PlaceTable, index: int, kind: PlaceKind, mention: Mention, mentions: list[Mention]
) -> float:
    """Bonus for a country or region that contains a place named just before it."""
    code = table.country_of(index)
    admin1 = table.admin1_of(index)
    for child in mention.children:
        for candidate in mentions[child].candidates:
            if table.kind_of(candidate) in WIDE_KINDS:
                continue
            if table.country_of(candidate) != code:
                continue
            if kind == COUNTRY or table.admin1_of(candidate) == admin1:
                return 9.0
    return 0.0
