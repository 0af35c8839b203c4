"""Agreement of a text's places on a country: places that stand alone against the others."""

from __future__ import annotations

from typing import Final

from stream.core.gazetteer import COUNTRY, REGION, PlaceTable
from stream.core.places_text import fold_key

__all__ = ["known_by_main_name", "lone_places"]

# As in resolution: a place this large is rarely a namesake of a little-known place.
_NAMESAKE_POPULATION: Final = 500_000


def lone_places(
    table: PlaceTable,
    places: list[int],
    codes: list[str | None],
    named: set[str | None],
    demonyms: dict[str, float],
) -> frozenset[int]:
    """Places that are the only place of their country in the text, a country the text neither
    names nor calls by a nationality word, while another country holds a region or two places
    of the text: most likely namesakes of a local place."""
    if len(set(codes)) < 2:
        return frozenset()
    support: dict[str | None, set[int]] = {}
    firm: set[str | None] = set()
    for place, code in zip(places, codes, strict=True):
        kind = table.kind_of(place)
        if kind == COUNTRY:
            continue
        support.setdefault(code, set()).add(place)
        if kind == REGION:
            firm.add(code)
    firm.update(code for code, found in support.items() if len(found) > 1)
    if not firm:
        return frozenset()
    return frozenset(
        place
        for code, found in support.items()
        for place in found
        if len(found) == 1 and code not in named and code not in demonyms and firm - {code}
    )


def known_by_main_name(table: PlaceTable, place: int, text: str) -> bool:
    """True for a large place that `text` calls by its main name (a city that size, named
    so, is rarely a namesake; one called by an old or foreign name, as 'Saigon', may be)."""
    return table.population[place] >= _NAMESAKE_POPULATION and fold_key(text) == fold_key(
        table.names[place]
    )
