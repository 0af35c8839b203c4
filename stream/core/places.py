"""The place finder: find, resolve and rank the places of a text; pick the event's focus."""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import ahocorasick

from schemas import Actor, Location, PlaceKind, Precision
from stream.core.analysis import Classification, Places
from stream.core.gazetteer import COUNTRY, REGION, WIDE_KINDS, Gazetteer
from stream.core.gazetteer_build import ALIASES_FILE, load_aliases, load_gazetteer
from stream.core.geo import destination, haversine_km
from stream.core.places_chains import link_chains, partner
from stream.core.places_coherence import known_by_main_name, lone_places
from stream.core.places_ext import load_extension
from stream.core.places_mentions import Mention, MentionFinder
from stream.core.places_resolve import DEMONYM_WEIGHT, STRONG_CONTEXT, Resolution, Resolver
from stream.core.places_text import fold, fold_key, word_set

__all__ = ["DEFAULT_PLACE_FILES", "GazetteerPlaceFinder", "load_place_finder"]

_PLACES_DATA: Final = Path(__file__).resolve().parent.parent / "data" / "places"
DEFAULT_PLACE_FILES: Final[tuple[Path, ...]] = (
    _PLACES_DATA / "mosul-neighbourhoods.yaml",
    _PLACES_DATA / "iraq-kurdistan-areas.yaml",
)

_PRECISION: Final = {
    PlaceKind.NEIGHBOURHOOD: Precision.NEIGHBOURHOOD,
    PlaceKind.TOWN: Precision.CITY,
    PlaceKind.DISTRICT: Precision.REGION,
    PlaceKind.REGION: Precision.REGION,
    PlaceKind.COUNTRY: Precision.COUNTRY,
}
_SPECIFICITY: Final = {
    PlaceKind.NEIGHBOURHOOD: 4.0,
    PlaceKind.TOWN: 3.0,
    PlaceKind.DISTRICT: 2.0,
    PlaceKind.REGION: 1.0,
    PlaceKind.COUNTRY: 0.0,
}


_MODELS_CACHE: Final = 20_000
_LANDMARK_COST: Final = 2.0
_CONTINUED_COST: Final = 2.0
_COUNTRY_WITH_PLACES_COST: Final = 1.5
_DETACHED_COST: Final = 1.0
_OUTSIDE_REGION_COST: Final = 6.0
_OUTSIDE_NAMED_REGIONS_COST: Final = 3.0
_LONE_COST: Final = 5.0
_AGAINST_CONTEXT_COST: Final = 1.0
_LOCAL_KINDS: Final = frozenset({PlaceKind.TOWN, PlaceKind.DISTRICT, PlaceKind.NEIGHBOURHOOD})
_CHAIN_KM: Final = 60.0
_WORDS: Final = re.compile(r"\S+")
_ACTORS: Final = word_set(
    "forces force troops military army soldiers soldier embassy officials official government "
    "coalition aircraft jets warplanes drone drones navy president ambassador delegation envoy "
    "consulate diplomats diplomat special security artillery airstrikes air authorities "
    "backed led based intelligence border guards militias militia fighters dollar dollars "
    "currency airstrike strike strikes sanctions rebels rebel gunfire shelling operation "
    "operations crimes tourist tourists national nationals airliner citizen citizens hostage "
    "hostages company companies firm firms migrants refugees pilgrims worker workers officer "
    "officers minister ministry policy policies aircrafts warplane fighter"
)


_STATE_FORCE: Final = "state_force"


# Actors that act at home: 'Egyptian security forces', 'the Nigerian government'.
_HOME_ACTORS: Final = word_set("government authorities security")
_ACTOR_JOINTS: Final = frozenset(" -‑\n\t")


def _actor_follows(text: str, folded: str, end: int) -> bool:
    """True when the word just after `end` (past a space or hyphen, not other punctuation)
    names a force, an office or a currency ('Turkish army', 'US-led', 'US dollar'): the
    country is then not where the event happened ('in Guinea, officials said' is)."""
    if text[end : end + 1] not in _ACTOR_JOINTS:
        return False
    return _first_word_after(folded, end) in _ACTORS


def _first_word_after(folded: str, end: int) -> str:
    """The folded word after `end` (within 30 characters), or ''."""
    following = folded[end : end + 30].split()
    return following[0] if following else ""


_OFFSET: Final = re.compile(
    r"(\d+(?:\.\d+)?)\s*(km|kms|kilometres|kilometers|miles?)\s+(?:to\s+the\s+)?"
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


# The whitespace that folding leaves as it is (it turns all other whitespace into spaces).
_UNFOLDED_SPACES: Final = ("\u1680", "\u3000")


def _spaced(folded: str) -> str:
    """Folded text whose words only spaces separate (as `str.split` would find them)."""
    if any(space in folded for space in _UNFOLDED_SPACES):
        return " ".join(folded.split())
    return folded


def _word_finder(words: dict[str, str]) -> ahocorasick.Automaton | None:
    """An automaton finding the keys of `words`, padded with spaces, with their values (the
    longest key first where several end at one place); None when there are none."""
    automaton = ahocorasick.Automaton()
    for word, value in words.items():
        if word:
            automaton.add_word(f" {word} ", value)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


class GazetteerPlaceFinder:
    """Finds places with the gazetteer's automaton and resolves them with document context."""

    def __init__(self, gazetteer: Gazetteer, demonyms: dict[str, str]) -> None:
        """Use `gazetteer`; `demonyms` maps folded nationality words to country codes."""
        self.gazetteer = gazetteer
        self.mentions = MentionFinder(gazetteer, frozenset(demonyms))
        self.resolver = Resolver(gazetteer)
        self.demonyms = demonyms
        self.demonym_words = frozenset(demonyms)
        self._demonym_finder = _word_finder(demonyms)
        self._models: dict[int, Location] = {}
        self._parts: dict[tuple[str, str], tuple[float, float]] = {}
        table = gazetteer.table
        self.country_ids = {
            table.country_of(i) or "": table.ids[i]
            for i in range(len(table))
            if table.kind_of(i) == COUNTRY
        }

    def locate(
        self, text: str, classification: Classification, actors: Sequence[Actor] = ()
    ) -> Places:
        """Every place in `text` and the focus place of the classified event; an armed group
        of one country among the `actors` makes that country a strong context."""
        folded = fold(text)
        mentions = self.mentions.find(text, folded)
        link_chains(text, mentions)
        demonyms = self._demonyms(folded)
        self._add_group_countries(demonyms, actors)
        resolutions = self.resolver.resolve(folded, mentions, demonyms)
        focus_at = self._focus(text, folded, mentions, resolutions, classification, demonyms)
        locations: list[Location] = []
        seen: set[int] = set()
        focus = None
        for position, resolution in enumerate(resolutions):
            if resolution.place not in seen or position == focus_at:
                location = self._location(resolution)
                if resolution.place not in seen:
                    seen.add(resolution.place)
                    locations.append(location)
                if position == focus_at:
                    focus = location
        if focus is not None and focus_at is not None:
            start = resolutions[focus_at].mention.start
            focus = _offset(text, focus, start)
            if focus.kind == COUNTRY:
                focus = self._part(text, focus, start)
        if focus is None and demonyms:
            focus = self._nationality_focus(text, folded)
        return Places(locations=locations, focus=focus)

    def _detached(
        self, place: int, mention: Mention, mentions: list[Mention], chosen: dict[int, int]
    ) -> float:
        """The focus cost of a place that none of the resolved places its chain names ('X
        area of Y city', 'X, Y province', 'X in Y country') holds or lies near: more when one
        is a region or a country; a town smaller than the place cannot hold it ('Baghdad
        (Karadah)' names a quarter)."""
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
                inside = table.country_of(parent) == table.country_of(place)
            elif kind == REGION:
                inside = table.admin1_of(parent) == table.admin1_of(place)
            else:
                inside = (
                    haversine_km(
                        table.lat[parent], table.lon[parent], table.lat[place], table.lon[place]
                    )
                    < _CHAIN_KM
                )
            if inside:
                return 0.0
            cost = max(cost, _OUTSIDE_REGION_COST if kind in WIDE_KINDS else _DETACHED_COST)
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
        quarter along that direction), or of all its towns when `bearing` is None."""
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
            towns = along[len(along) * 3 // 4 :]
        return (
            statistics.median(lat for lat, _ in towns),
            statistics.median(lon for _, lon in towns),
        )

    def _nationality_focus(self, text: str, folded: str) -> Location | None:
        """With no place named, the country of the most frequent nationality word, weakly."""
        found = next(
            (
                match
                for match in _WORDS.finditer(folded)
                if match.group() in self.demonym_words
                and (
                    not _actor_follows(text, folded, match.end())
                    or _first_word_after(folded, match.end()) in _HOME_ACTORS
                )
            ),
            None,
        )
        if found is None:
            return None
        code = self.demonyms[found.group()]
        index = self.gazetteer.by_id.get(self.country_ids.get(code, ""))
        if index is None:
            return None
        word = found.group()
        start = found.start()
        place = self.gazetteer.place(index)
        return Location(
            text=text[start : start + len(word)],
            start=start,
            end=start + len(word),
            name=place.name,
            place_id=place.id,
            lat=round(place.lat, 5),
            lon=round(place.lon, 5),
            country_code=place.country_code,
            kind=place.kind,
            precision=Precision.COUNTRY,
            confidence=0.3,
            feature_code=place.feature_code,
        )

    def _demonyms(self, folded: str) -> dict[str, float]:
        """Countries suggested by nationality words ('Iraqi', 'Afghan') in the text, with
        their context weights: a word before a force, an envoy or a firm ('Turkish
        warplanes') is weak, one before anything else ('Iraqi villagers', 'the Iraqi
        government') is strong on its own."""
        found: dict[str, float] = {}
        if self._demonym_finder is None:
            return found
        padded = f" {_spaced(folded)} "
        previous = -1
        for end, code in self._demonym_finder.iter(padded):
            if end == previous:
                continue
            previous = end
            following = _first_word_after(padded, end)
            weight = (
                DEMONYM_WEIGHT
                if following in _ACTORS and following not in _HOME_ACTORS
                else STRONG_CONTEXT
            )
            found[code] = found.get(code, 0.0) + weight
        return found

    def _add_group_countries(self, demonyms: dict[str, float], actors: Sequence[Actor]) -> None:
        """Count each armed group or militia of one country once, as strongly as a
        nationality word before no force: such groups fight at home (a state's forces act
        abroad too: 'Turkish warplanes', 'US troops')."""
        for actor in actors:
            code = actor.country_code
            if code and actor.kind != _STATE_FORCE:
                demonyms[code] = demonyms.get(code, 0.0) + STRONG_CONTEXT

    def _location(self, resolution: Resolution) -> Location:
        """The wire Location of a resolved mention."""
        model = self._models.get(resolution.place)
        if model is None:
            place = self.gazetteer.place(resolution.place)
            model = Location.model_construct(
                text="",
                start=0,
                end=0,
                name=place.name,
                place_id=place.id,
                lat=round(place.lat, 5),
                lon=round(place.lon, 5),
                country_code=place.country_code,
                admin1=place.admin1,
                kind=place.kind,
                precision=_PRECISION[place.kind],
                confidence=0.0,
                feature_code=place.feature_code,
            )
            if len(self._models) >= _MODELS_CACHE:
                self._models.clear()
            self._models[resolution.place] = model
        mention = resolution.mention
        return model.model_copy(
            update={
                "text": mention.text,
                "start": mention.start,
                "end": mention.end,
                "confidence": resolution.confidence,
            }
        )

    def _focus(
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
        counts = Counter(places)
        kinds: list[PlaceKind] = []
        codes: list[str | None] = []
        named: set[str | None] = set()
        inland: set[str | None] = set()
        regions: set[tuple[str | None, str | None]] = set()
        for place in places:
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
        length = max(len(text), 1)
        extras = table.extras
        best: tuple[float, int] | None = None
        for position, resolution in enumerate(resolutions):
            mention = resolution.mention
            kind = kinds[position]
            if kind == COUNTRY and (
                _actor_follows(text, folded, mention.end) or partner(folded, mention.start)
            ):
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
            if kind == COUNTRY and codes[position] in inland:
                score -= _COUNTRY_WITH_PLACES_COST
            if mention.parents:
                score -= self._detached(resolution.place, mention, mentions, chosen)
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


def load_place_finder(
    extra_files: Sequence[Path] = (),
    *,
    cache_dir: Path | None = None,
    include_defaults: bool = True,
) -> GazetteerPlaceFinder:
    """Load the gazetteer (cached after the first build) plus extension files into a finder.

    Extension files are chosen by extension: GeoNames dumps (.txt) or custom places
    (.yaml/.yml/.csv). The project's own files in DEFAULT_PLACE_FILES are loaded first
    unless `include_defaults` is False; a file given twice, or the built-in aliases file
    (as when a caller globs stream/data/places/*.yaml), is read once or not at all.
    """
    gazetteer = load_gazetteer(cache_dir)
    files = [*(DEFAULT_PLACE_FILES if include_defaults else ()), *extra_files]
    internal = {ALIASES_FILE.resolve()}
    for path in dict.fromkeys(Path(file).resolve() for file in files):
        if path not in internal:
            load_extension(gazetteer, path)
    aliases = load_aliases()
    demonyms = {
        fold_key(word).strip(): code
        for code, words in aliases["demonyms"].items()
        for word in words
    }
    return GazetteerPlaceFinder(gazetteer, demonyms)
