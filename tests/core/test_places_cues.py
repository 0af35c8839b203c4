"""Tests for area cues: phrases that point to regions a report does not name."""

from __future__ import annotations

import pytest

from schemas import EventType, PlaceKind
from stream.core.analysis import Classification
from stream.core.places import GazetteerPlaceFinder, load_place_finder
from stream.core.places_cues import AreaCues
from stream.core.places_text import fold

NONE = Classification(labels=[], primary=EventType.OTHER)


@pytest.fixture(scope="module")
def finder() -> GazetteerPlaceFinder:
    return load_place_finder()


def test_cue_phrases_match_whole_words_in_text_order() -> None:
    cues = AreaCues({"AA:North": ["river watch", "ridge"], "AA:South": ["ridge"]})
    found = cues.find(fold("The ridge patrol and the River Watch (not the ridges) met."))
    assert [(cue.start, cue.end, cue.regions) for cue in found] == [
        (4, 9, (("AA", "North"), ("AA", "South"))),
        (25, 36, (("AA", "North"),)),
    ]
    assert cues.find(fold("Ridges and riverwatchers")) == []
    assert cues.regions() == {("AA", "North"), ("AA", "South")}


def test_an_unknown_village_in_a_monitoring_report_is_placed_in_the_cued_region(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "Monitors of the OSCE SMM recorded 40 explosions near Vesele Pole on Tuesday."
    places = finder.locate(text, NONE)
    assert places.locations == []
    focus = places.focus
    assert focus is not None
    assert (focus.name, focus.country_code, focus.kind) == ("Donetsk", "UA", PlaceKind.REGION)
    assert text[focus.start : focus.end] == "OSCE SMM"
    assert focus.confidence < 0.5


def test_a_cue_does_not_move_a_focus_inside_its_regions(finder: GazetteerPlaceFinder) -> None:
    focus = finder.locate("The OSCE SMM saw two tanks near Mariupol.", NONE).focus
    assert focus is not None
    assert (focus.name, focus.admin1) == ("Mariupol", "Donetsk")


def test_a_cue_picks_the_namesake_in_its_regions(finder: GazetteerPlaceFinder) -> None:
    plain = finder.locate("Shelling was heard near Novoselivka.", NONE).focus
    cued = finder.locate("The OSCE SMM heard shelling near Novoselivka.", NONE).focus
    assert plain is not None and cued is not None
    assert plain.admin1 not in ("Donetsk", "Luhansk")
    assert (cued.name, cued.admin1) == (plain.name, "Donetsk")


def test_no_cue_leaves_the_focus_alone(finder: GazetteerPlaceFinder) -> None:
    focus = finder.locate("OSCE observers said the vote in Almaty was calm.", NONE).focus
    assert focus is not None
    assert focus.name == "Almaty"
