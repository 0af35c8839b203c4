"""Chains of places ('X village, Y district, Z province') and countries named aside."""

from __future__ import annotations

import itertools
import re
from typing import Final

from stream.core.places_mentions import Mention

__all__ = ["link_chains", "partner"]

_CHAIN_GAP: Final = re.compile(
    r"^[\s,()\-–]*(?:(?:in|of|the|near|district|sub-district|subdistrict|province|governorate|"
    r"area|areas|locality|region|village|villages|town|city|neighbourhood|neighborhood|quarter|"
    r"county|state|nahiya|municipality|lga|local|government|east|west|north|south|eastern|western|"
    r"northern|southern|central|outskirts|suburb|suburbs|camp|hill|hills|mountain|mountains|"
    r"mount|valley|river|road|border|crossing|sector|territory|commune|upazila|tehsil|"
    r"\([^()]{1,25}\)|\([^(),]{1,25},|"
    r"(?-i:[A-Z][\w'’\-]*)(?:\s(?-i:[A-Z][\w'’\-]*)){0,2}\s(?:town|village|city|district|area|"
    r"neighbourhood|neighborhood|quarter|locality|subdistrict|sub-district|county|camp|"
    r"territory|commune|upazila|tehsil))"
    r"[\s,()\-–]+)*$",
    re.IGNORECASE,
)
# The longest text between two places of a chain (only such short gaps are sliced and read).
_CHAIN_GAP_LENGTH: Final = 45


def _joins(gap: str) -> bool:
    """True when the text between two places links them into a chain ('X, Y province')."""
    return "\n" not in gap and _CHAIN_GAP.match(gap) is not None


def partner(folded: str, start: int) -> bool:
    """True when 'with' comes just before a place ('the border with Iran', 'solidarity with
    Lebanon'): a country there is a partner of the event, not its place."""
    before = folded[max(0, start - 20) : start].split()
    return bool(before) and before[-1] == "with"


def link_chains(text: str, mentions: list[Mention]) -> None:
    """Record, for each mention, the later mentions that name its containing places, past
    names the gazetteer lacks ('(Unknown district,', 'Unknown town,'); a dateline's city has
    none: the story's first place follows it; the second of a hyphenated pair ('the
    Erbil-Kaya road') does not contain the first."""
    joined = [False] + [
        not b.joined and b.start - a.end <= _CHAIN_GAP_LENGTH and _joins(text[a.end : b.start])
        for a, b in itertools.pairwise(mentions)
    ]
    for index, mention in enumerate(mentions):
        if mention.dateline:
            continue
        for later in range(index + 1, min(index + 4, len(mentions))):
            if not joined[later]:
                break
            mention.parents = (*mention.parents, later)
            mentions[later].children = (*mentions[later].children, index)
