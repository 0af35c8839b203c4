"""The place finder: find, resolve and rank the places of a text; pick the event's focus."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from schemas import Actor, Location, PlaceKind, Precision
from stream.core.analysis import Classification, Places
from stream.core.gazetteer import COUNTRY, REGION, Gazetteer
from stream.core.gazetteer_build import ALIASES_FILE, load_aliases, load_gazetteer
from stream.core.places_chains import link_chains
from stream.core.places_cues import AreaCues, Cue, Region, load_area_cues
from stream.core.places_ext import load_extension
from stream.core.places_focus import FocusChooser
from stream.core.places_mentions import MentionFinder
from stream.core.places_nationality import NationalityWords
from stream.core.places_resolve import STRONG_CONTEXT, Resolution, Resolver
from stream.core.places_text import fold, fold_key

__all__ = ["DEFAULT_PLACE_FILES", "GazetteerPlaceFinder", "load_place_finder"]

_PLACES_DATA: Final = Path(__file__).resolve().parent.parent / "data" / "places"
DEFAULT_PLACE_FILES: Final[tuple[Path, ...]] = (
    _PLACES_DATA / "mosul-neighbourhoods.yaml",
    _PLACES_DATA / "iraq-kurdistan-areas.yaml",
    _PLACES_DATA / "iraq-towns.yaml",
    _PLACES_DATA / "lebanon-towns.yaml",
    _PLACES_DATA / "pakistan-tribal-districts.yaml",
    _PLACES_DATA / "sudan-darfur.yaml",
)
_AREA_CUES_FILE: Final = _PLACES_DATA / "area-cues.yaml"

_PRECISION: Final = {
    PlaceKind.NEIGHBOURHOOD: Precision.NEIGHBOURHOOD,
    PlaceKind.TOWN: Precision.CITY,
    PlaceKind.DISTRICT: Precision.REGION,
    PlaceKind.REGION: Precision.REGION,
    PlaceKind.COUNTRY: Precision.COUNTRY,
}
_MODELS_CACHE: Final = 20_000
_STATE_FORCE: Final = "state_force"
# A focus outside the regions an area cue points to, resolved with less confidence than this,
# gives way to the cued region.
_CUE_OVERRIDE: Final = 0.8
# The confidence of a focus that no place name gives (an area cue, an armed group's country).
_WEAK_CONFIDENCE: Final = 0.3


class GazetteerPlaceFinder:
    """Finds places with the gazetteer's name index and resolves them with document context."""

    def __init__(
        self, gazetteer: Gazetteer, demonyms: dict[str, str], cues: AreaCues | None = None
    ) -> None:
        """Use `gazetteer`; `demonyms` maps folded nationality words to country codes, and
        `cues` finds phrases that point to regions."""
        self.gazetteer = gazetteer
        self.cues = cues or AreaCues({})
        self._region_places = self._regions_of(self.cues)
        self.mentions = MentionFinder(gazetteer, frozenset(demonyms))
        self.resolver = Resolver(gazetteer)
        self._models: dict[int, Location] = {}
        table = gazetteer.table
        country_ids = {
            table.country_of(i) or "": table.ids[i]
            for i in range(len(table))
            if table.kind_of(i) == COUNTRY
        }
        self._country_ids = country_ids
        self.nationalities = NationalityWords(demonyms)
        self.focus_chooser = FocusChooser(gazetteer, country_ids)

    def locate(
        self, text: str, classification: Classification, actors: Sequence[Actor] = ()
    ) -> Places:
        """Every place in `text` and the focus place of the classified event; an armed group
        of one country among the `actors` makes that country a strong context."""
        folded = fold(text)
        mentions = self.mentions.find(text, folded)
        link_chains(text, mentions)
        demonyms = self.nationalities.weights(folded)
        self._add_group_countries(demonyms, actors)
        cues = self.cues.find(folded)
        resolutions = self.resolver.resolve(
            folded, mentions, demonyms, [region for cue in cues for region in cue.regions]
        )
        focus_at = self.focus_chooser.choose(
            text, folded, mentions, resolutions, classification, demonyms
        )
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
            focus = self.focus_chooser.pinpoint(text, focus, resolutions[focus_at].mention.start)
        if focus is None and demonyms:
            focus = self._nationality_focus(text, folded) or self._group_focus(actors)
        if cues:
            focus = self._cued_focus(text, cues, focus)
        return Places(locations=locations, focus=focus)

    def _cued_focus(self, text: str, cues: list[Cue], focus: Location | None) -> Location | None:
        """The first cue's region instead of a missing focus, or of a focus outside every cued
        region that was resolved with little confidence ('near Lozove', a namesake far from
        the front that an OSCE SMM report is about)."""
        if focus is not None and (
            focus.confidence >= _CUE_OVERRIDE
            or any((focus.country_code, focus.admin1) in cue.regions for cue in cues)
        ):
            return focus
        cue = cues[0]
        place = self._region_places.get(cue.regions[0])
        if place is None:
            return focus
        return self._placed(place, text[cue.start : cue.end], cue.start, _WEAK_CONFIDENCE)

    def _add_group_countries(self, demonyms: dict[str, float], actors: Sequence[Actor]) -> None:
        """Count the country of each of the actors' home groups once, as strongly as a
        nationality word before no force."""
        for actor in self._home_groups(actors):
            code = actor.country_code or ""
            demonyms[code] = demonyms.get(code, 0.0) + STRONG_CONTEXT

    def _home_groups(self, actors: Sequence[Actor]) -> list[Actor]:
        """The named armed groups and militias of one country among `actors`: such groups
        fight at home (a state's forces act abroad too: 'Turkish warplanes', 'US troops'). A
        group named only by a nationality word ('Iranian militia') is left out: its word
        already weighs as one before a force, and such groups fight abroad too."""
        return [
            actor
            for actor in actors
            if actor.country_code and actor.kind != _STATE_FORCE and not self._by_nationality(actor)
        ]

    def _nationality_focus(self, text: str, folded: str) -> Location | None:
        """With no place named, the country of the first nationality word at home, weakly."""
        word = self.nationalities.home_word(text, folded)
        if word is None:
            return None
        start, end, code = word
        return self._country_focus(code, text[start:end], start)

    def _group_focus(self, actors: Sequence[Actor]) -> Location | None:
        """With no place named, the country of the first home group, weakly."""
        for actor in self._home_groups(actors):
            focus = self._country_focus(actor.country_code or "", actor.text, actor.start)
            if focus is not None:
                return focus
        return None

    def _country_focus(self, code: str, written: str, start: int) -> Location | None:
        """Country `code` as a weak focus, written as `written` at `start` (None if unknown)."""
        index = self.gazetteer.by_id.get(self._country_ids.get(code, ""))
        if index is None:
            return None
        return self._placed(index, written, start, _WEAK_CONFIDENCE)

    def _by_nationality(self, actor: Actor) -> bool:
        """True for an actor named by a nationality word and a force noun ('Syrian rebels')."""
        words = actor.name.rsplit(" ", 1)
        return len(words) == 2 and fold_key(words[0]).strip() in self.mentions.demonyms

    def _regions_of(self, cues: AreaCues) -> dict[Region, int]:
        """The gazetteer's place for each region that `cues` point to (unknown ones left out)."""
        table = self.gazetteer.table
        found: dict[Region, int] = {}
        for region in cues.regions():
            for index in self.gazetteer.lookup(region[1]):
                if (
                    table.kind_of(index) == REGION
                    and (
                        table.country_of(index),
                        table.admin1_of(index),
                    )
                    == region
                ):
                    found[region] = index
        return found

    def _location(self, resolution: Resolution) -> Location:
        """The wire Location of a resolved mention."""
        mention = resolution.mention
        return self._placed(resolution.place, mention.text, mention.start, resolution.confidence)

    def _placed(self, index: int, written: str, start: int, confidence: float) -> Location:
        """The Location of gazetteer place `index`, written as `written` at `start`."""
        return self._model(index).with_fields(
            {"text": written, "start": start, "end": start + len(written), "confidence": confidence}
        )

    def _model(self, index: int) -> Location:
        """The Location of gazetteer place `index`, cached, with no text or confidence yet."""
        model = self._models.get(index)
        if model is None:
            place = self.gazetteer.place(index)
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
            self._models[index] = model
        return model


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
    internal = {ALIASES_FILE.resolve(), _AREA_CUES_FILE.resolve()}
    for path in dict.fromkeys(Path(file).resolve() for file in files):
        if path not in internal:
            load_extension(gazetteer, path)
    aliases = load_aliases()
    demonyms = {
        fold_key(word).strip(): code
        for code, words in aliases["demonyms"].items()
        for word in words
    }
    return GazetteerPlaceFinder(gazetteer, demonyms, load_area_cues(_AREA_CUES_FILE))
