"""The gazetteer: compact columns of place records and a word-level trie over their names."""

from __future__ import annotations

import pickle
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, NamedTuple

from schemas import PlaceKind
from stream.core.geo import haversine_km
from stream.core.places_text import (
    CASED_MARK,
    fold,
    fold_key,
    fold_marked,
    name_starts,
    starts_with_article,
)

__all__ = [
    "COUNTRY",
    "REGION",
    "TOWN",
    "WIDE_KINDS",
    "Gazetteer",
    "NameMatch",
    "Place",
    "PlaceTable",
]

# Kinds as module names: an enum member looked up on its class costs more than a name.
COUNTRY: Final = PlaceKind.COUNTRY
REGION: Final = PlaceKind.REGION
TOWN: Final = PlaceKind.TOWN
WIDE_KINDS: Final = frozenset({COUNTRY, REGION})
_KINDS: Final = tuple(PlaceKind)
_CACHED_KEYS: Final = 100_000
# In " " + fold(text) + " ": the spaces just before words.
_WORD_START: Final = re.compile(" (?=[^ ])")
# The PlaceTable columns a saved gazetteer stores, as plain data (not the class).
_TABLE_FIELDS: Final = (
    "ids", "names", "lat", "lon", "population", "kind", "country", "admin1", "strings",
    "extras", "_interned",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a country, region, district, town or neighbourhood."""

    id: str
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    kind: PlaceKind
    population: int = 0
    feature_code: str | None = None
    parent: str | None = None


class NameIndex(NamedTuple):
    """A word-level trie over folded names, with each name's places (the places of key k are
    cands[offsets[k]:offsets[k + 1]]).

    The trie is a hash of every whole-word prefix of every key (' al ', ' al anbar '), each
    with `_prefix_value`: walking a name from a word start takes one lookup per word, where a
    character trie over half a million names takes a memory access per character.
    """

    prefixes: dict[str, int]
    offsets: array[int]
    cands: array[int]


def _prefix_value(key_id: int, continues: bool) -> int:
    """The trie's value for a prefix: the id of the key it is (-1 when none), shifted one bit,
    and whether longer keys continue it in the lowest bit."""
    return ((key_id + 1) << 1) | continues


def _key_id_in(value: int) -> int:
    """The key id that a `_prefix_value` holds (-1 when the prefix is no key)."""
    return (value >> 1) - 1


# A class of its own rather than a NamedTuple: mypyc builds and reads it natively (a
# NamedTuple is built by a Python-level call, and its fields are read as Python attributes).
@dataclass(slots=True, init=False)
class NameMatch:
    """A span of the text whose folded form is a gazetteer name, with its candidates."""

    start: int
    end: int
    candidates: tuple[int, ...]
    fuzzy: bool

    def __init__(
        self, start: int, end: int, candidates: tuple[int, ...], fuzzy: bool = False
    ) -> None:
        """The name at [start, end) of the text, the places it may mean, and whether it was
        matched by its spelling skeleton rather than exactly."""
        self.start = start
        self.end = end
        self.candidates = candidates
        self.fuzzy = fuzzy


@dataclass(slots=True)
class PlaceTable:
    """Places stored column-wise (a few dozen bytes each); `get` builds a Place on demand."""

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    lat: array[float] = field(default_factory=lambda: array("d"))
    lon: array[float] = field(default_factory=lambda: array("d"))
    population: array[int] = field(default_factory=lambda: array("q"))
    kind: bytearray = field(default_factory=bytearray)
    country: array[int] = field(default_factory=lambda: array("H"))
    admin1: array[int] = field(default_factory=lambda: array("I"))
    strings: list[str | None] = field(default_factory=lambda: [None])
    extras: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    _interned: dict[str | None, int] = field(default_factory=lambda: {None: 0})

    def __len__(self) -> int:
        """Number of places."""
        return len(self.names)

    def append(self, place: Place) -> int:
        """Store a place; return its index."""
        index = len(self.names)
        self.ids.append(place.id)
        self.names.append(place.name)
        self.lat.append(place.lat)
        self.lon.append(place.lon)
        self.population.append(place.population)
        self.kind.append(_KINDS.index(place.kind))
        self.country.append(self._intern(place.country_code))
        self.admin1.append(self._intern(place.admin1))
        if place.feature_code or place.parent:
            self.extras[index] = (place.feature_code, place.parent)
        return index

    def get(self, index: int) -> Place:
        """The place at `index`."""
        feature_code, parent = self.extras.get(index, (None, None))
        return Place(
            id=self.ids[index],
            name=self.names[index],
            lat=self.lat[index],
            lon=self.lon[index],
            country_code=self.strings[self.country[index]],
            admin1=self.strings[self.admin1[index]],
            kind=_KINDS[self.kind[index]],
            population=self.population[index],
            feature_code=feature_code,
            parent=parent,
        )

    def country_of(self, index: int) -> str | None:
        """Country code of the place at `index`, without building the Place."""
        return self.strings[self.country[index]]

    def admin1_of(self, index: int) -> str | None:
        """First-level region name of the place at `index`."""
        return self.strings[self.admin1[index]]

    def kind_of(self, index: int) -> PlaceKind:
        """Kind of the place at `index`."""
        return _KINDS[self.kind[index]]

    def distance_km(self, index: int, other: int) -> float:
        """Great-circle kilometres between the places at `index` and `other`."""
        return haversine_km(self.lat[index], self.lon[index], self.lat[other], self.lon[other])

    def town_points(self, country_code: str, min_population: int) -> list[tuple[float, float]]:
        """Coordinates of the towns of one country with at least `min_population` people."""
        country = self._interned.get(country_code, -1)
        town = _KINDS.index(PlaceKind.TOWN)
        lat, lon, kind, population = self.lat, self.lon, self.kind, self.population
        return [
            (lat[i], lon[i])
            for i, code in enumerate(self.country)
            if code == country and kind[i] == town and population[i] >= min_population
        ]

    def _intern(self, value: str | None) -> int:
        """Index of a repeated string (country code, region name) in `strings`."""
        found = self._interned.get(value)
        if found is None:
            found = len(self.strings)
            self.strings.append(value)
            self._interned[value] = found
        return found


class Gazetteer:
    """Places by index and id, and word-level tries over the base names and over the names
    that extension files add."""

    def __init__(
        self,
        table: PlaceTable,
        index: NameIndex,
        sounds_like: dict[str, tuple[int, ...]] | None = None,
    ) -> None:
        """Use the places of `table` and the name `index` over them; `sounds_like` maps
        spelling skeletons (places_text.skeleton) to places."""
        self.table = table
        self.sounds_like = sounds_like or {}
        self.by_id = {place_id: index for index, place_id in enumerate(table.ids)}
        self._prefixes, self._offsets, self._cands = index
        # Extension files' names: every whole-word prefix of a folded key, with whether longer
        # keys continue it and the places of the key it is (empty when it is none).
        self._extra: dict[str, tuple[bool, tuple[int, ...]]] = {}
        self._cached: dict[int, tuple[int, ...]] = {}

    @classmethod
    def build(
        cls,
        table: PlaceTable,
        names: Iterable[tuple[str, int]],
        sounds_like: dict[str, tuple[int, ...]] | None = None,
    ) -> Gazetteer:
        """Index the places of `table` under the (name, place index) pairs that name them."""
        return cls(table, _build_index(names), sounds_like)

    def __len__(self) -> int:
        """Number of places."""
        return len(self.table)

    def place(self, index: int) -> Place:
        """The place at `index`."""
        return self.table.get(index)

    def extend(self, places: Sequence[Place], names: Iterable[tuple[str, int]]) -> list[int]:
        """Add places with their names (indices into `places`); return their new indices."""
        new = [self.table.append(place) for place in places]
        for index in new:
            self.by_id[self.table.ids[index]] = index
        extra = self._extra
        for name, local in names:
            key = fold_key(name)
            if len(key.strip()) < 2:
                continue
            continues, old = extra.get(key, (False, ()))
            if new[local] not in old:
                extra[key] = (continues, (*old, new[local]))
            for prefix in _inner_prefixes(key):
                extra[prefix] = (True, extra.get(prefix, (False, ()))[1])
        return new

    def lookup(self, name: str) -> tuple[int, ...]:
        """Indices of the places that `name` (any case or accents) may mean."""
        key = fold_key(name)
        found: tuple[int, ...] = ()
        key_id = self._key_id_of(key)
        if key_id >= 0:
            found = self._candidates(key_id)
        if self._extra:
            found += tuple(i for i in self._extra.get(key, (False, ()))[1] if i not in found)
        return found

    def find(
        self,
        text: str,
        capitalised_only: bool = False,
        skip: frozenset[int] = frozenset(),
        folded: str | None = None,
    ) -> list[NameMatch]:
        """Every span of `text` bounded by non-letters that is a gazetteer name; with
        `capitalised_only`, only spans starting with a capital, a caseless letter or an
        'al-'-style article; names whose base key id is in `skip` are passed over; `folded`
        is `fold(text)` when the caller has it already."""
        padded = " " + (fold(text) if folded is None else folded) + " "
        if capitalised_only:
            starts = self._capitalised_starts(text)
        else:
            starts = [word.start() for word in _WORD_START.finditer(padded)]
        cached = self._cached
        spans: dict[tuple[int, int], tuple[int, ...]] = {}
        hits, extra_hits = self._hits(padded, starts, skip)
        for start, end, key_id in hits:
            candidates = cached.get(key_id)
            if candidates is None:
                candidates = self._candidates(key_id)
                if len(cached) >= _CACHED_KEYS:
                    cached.clear()
                cached[key_id] = candidates
            spans[(start, end)] = candidates
        for start, end, candidates in extra_hits:
            spans[(start, end)] = candidates + spans.get((start, end), ())
        return [NameMatch(start, end, cands) for (start, end), cands in spans.items()]

    @staticmethod
    def _capitalised_starts(text: str) -> list[int]:
        """Offsets of the words of `text` that start with a capital, a caseless letter or an
        'al-'-style article (the only words that can start a name written as one)."""
        starts: list[int] = []
        marked = fold_marked(text)
        for start in name_starts(marked):
            # A marked letter is not lower case: only the others need the text's own test.
            if (
                marked[start] != CASED_MARK
                and text[start].islower()
                and not starts_with_article(text, start)
            ):
                continue
            starts.append(start)
        return starts

    def _hits(
        self, padded: str, starts: list[int], skip: frozenset[int]
    ) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, tuple[int, ...]]]]:
        """(start, end, key id) of the base names and (start, end, places) of the extension
        files' names beginning at the word `starts` (offsets in the text, so padded[start] is
        the space before the word), each ordered by end and, of names ending together, the
        longest first."""
        prefixes = self._prefixes
        extra = self._extra
        hits: list[tuple[int, int, int]] = []
        extra_hits: list[tuple[int, int, tuple[int, ...]]] = []
        for start in starts:
            space = padded.find(" ", start + 1)
            while space > 0:
                prefix = padded[start : space + 1]
                value = prefixes.get(prefix, 0)
                key_id = _key_id_in(value)
                if key_id >= 0 and key_id not in skip:
                    hits.append((start, space - 1, key_id))
                continues = bool(value & 1)
                if extra:
                    found = extra.get(prefix)
                    if found is not None:
                        if found[1]:
                            extra_hits.append((start, space - 1, found[1]))
                        continues = continues or found[0]
                if not continues:
                    break
                space = padded.find(" ", space + 1)
        hits.sort(key=_end_then_longest)
        extra_hits.sort(key=_end_then_longest)
        return hits, extra_hits

    def key_id(self, name: str) -> int:
        """The base index's id for `name`'s key, or -1 when no base place has that name."""
        return self._key_id_of(fold_key(name))

    def _key_id_of(self, key: str) -> int:
        """The base index's id for a folded, padded key, or -1 when it is no base name."""
        return _key_id_in(self._prefixes.get(key, 0))

    def save(self, path: Path) -> None:
        """Write the base gazetteer to `path` for a fast `load`."""
        table = tuple(getattr(self.table, name) for name in _TABLE_FIELDS)
        state = (table, self._prefixes, self._offsets, self._cands, self.sounds_like)
        path.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        """Read a gazetteer written by `save` (a cache this process or an earlier one wrote)."""
        state = pickle.loads(path.read_bytes())  # noqa: S301 - our own cache file
        columns, prefixes, offsets, cands, sounds_like = state
        table = PlaceTable(**dict(zip(_TABLE_FIELDS, columns, strict=True)))
        return cls(table, NameIndex(prefixes, offsets, cands), sounds_like)

    def _candidates(self, key_id: int) -> tuple[int, ...]:
        """Place indices stored for one base key."""
        return tuple(self._cands[self._offsets[key_id] : self._offsets[key_id + 1]])


def _end_then_longest(hit: tuple[int, int, object]) -> tuple[int, int]:
    """Order of the index's hits: by end, and of hits ending together the longest first."""
    return (hit[1], hit[0])


def _inner_prefixes(key: str) -> list[str]:
    """The whole-word prefixes of a padded key, shorter than the key (' al ' of ' al qaim ')."""
    prefixes: list[str] = []
    space = key.find(" ", 1)
    while space < len(key) - 1:
        prefixes.append(key[: space + 1])
        space = key.find(" ", space + 1)
    return prefixes


def _build_index(names: Iterable[tuple[str, int]]) -> NameIndex:
    """The word-level trie over folded keys, with flat candidate lists."""
    table: dict[str, list[int]] = {}
    for name, index in names:
        key = fold_key(name)
        if len(key.strip()) < 2:
            continue
        bucket = table.setdefault(key, [])
        if index not in bucket:
            bucket.append(index)
    key_ids: dict[str, int] = {}
    continued: set[str] = set()
    offsets: array[int] = array("I", [0])
    cands: array[int] = array("I")
    for key_id, (key, indices) in enumerate(table.items()):
        key_ids[key] = key_id
        cands.extend(indices)
        offsets.append(len(cands))
        continued.update(_inner_prefixes(key))
    prefixes = {
        prefix: _prefix_value(key_ids.get(prefix, -1), prefix in continued)
        for prefix in key_ids.keys() | continued
    }
    return NameIndex(prefixes, offsets, cands)
