"""Tests for resolution context: Arabic articles, region spellings, chains and namesakes."""

from __future__ import annotations

import pytest

from schemas import EventType, Location, PlaceKind
from stream.core.analysis import Classification
from stream.core.places import GazetteerPlaceFinder, load_place_finder

NONE = Classification(labels=[], primary=EventType.OTHER)


@pytest.fixture(scope="module")
def finder() -> GazetteerPlaceFinder:
    return load_place_finder()


def _focus(finder: GazetteerPlaceFinder, text: str) -> Location:
    focus = finder.locate(text, NONE).focus
    assert focus is not None
    return focus


def test_a_region_written_after_an_arabic_article_is_found(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "Protesters gathered in al-Muthanna province on Friday.")
    assert (focus.country_code, focus.kind) == ("IQ", PlaceKind.REGION)


def test_a_town_written_after_a_capitalised_article_is_found(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(finder, "On Monday, residents of Al Muqdadiyah protested power cuts.")
    assert (focus.country_code, focus.kind) == ("IQ", PlaceKind.TOWN)


def test_a_surname_made_of_an_article_and_a_city_is_not_a_place(
    finder: GazetteerPlaceFinder,
) -> None:
    assert finder.locate("Abu Bakr al-Baghdadi was said to be alive.", NONE).locations == []


def test_a_region_in_the_spelling_of_conflict_monitors_resolves(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(finder, "Hundreds of lecturers demonstrated in Wassit province on Sunday.")
    assert (focus.country_code, focus.kind) == ("IQ", PlaceKind.REGION)


def test_a_quarter_unknown_in_the_named_city_falls_back_to_the_city(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(
        finder, "A rocket fell in Al Sadon neighbourhood, in Baghdad city, late on Friday."
    )
    assert (focus.name, focus.country_code) == ("Baghdad", "IQ")


def test_a_name_after_an_arabic_article_prefers_an_arab_country(
    finder: GazetteerPlaceFinder,
) -> None:
    places = finder.locate("Gunmen kidnapped a tribal chief in al-Taji, northern Baghdad.", NONE)
    assert {location.country_code for location in places.locations} == {"IQ"}


def test_northern_part_of_a_country_moves_the_focus_north(finder: GazetteerPlaceFinder) -> None:
    country = _focus(finder, "Warplanes struck militant positions in Iraq on Tuesday.")
    north = _focus(finder, "Warplanes struck militant positions in northern Iraq on Tuesday.")
    assert (north.text, north.country_code) == ("northern Iraq", "IQ")
    assert north.lat > country.lat + 1.5


def test_a_dateline_city_is_not_read_as_inside_the_next_country(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(
        finder,
        "GOMA (Reuters) - Rwanda denied sending troops across the border on Friday, "
        "officials in Kigali said.",
    )
    assert (focus.name, focus.country_code) == ("Goma", "CD")


def test_a_given_name_before_a_surname_is_not_a_place(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(
        finder,
        "Shelling in Fallujah killed 15 people, according to Ahmed Shami, the city's chief medic.",
    )
    assert (focus.country_code, focus.kind) == ("IQ", PlaceKind.TOWN)


def test_a_lone_village_named_after_in_resolves_without_other_context(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(finder, "On Friday, gunmen abducted and killed a shepherd in Tarmiyah.")
    assert focus.country_code == "IQ"


def test_the_kurdistan_region_lies_in_iraq(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(
        finder, "Teachers protested unpaid salaries across the Kurdistan Region on Monday."
    )
    assert focus.country_code == "IQ"


def test_eastern_congo_is_the_democratic_republic(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "Rebels killed 12 villagers in eastern Congo on Sunday, the army said.")
    assert (focus.country_code, focus.text) == ("CD", "eastern Congo")


def test_congo_beside_brazzaville_is_the_republic(finder: GazetteerPlaceFinder) -> None:
    places = finder.locate("Congo: police dispersed an opposition rally in Brazzaville.", NONE)
    assert {location.country_code for location in places.locations} == {"CG"}


def test_a_district_named_like_a_town_abroad_stays_in_the_country_named(
    finder: GazetteerPlaceFinder,
) -> None:
    places = finder.locate(
        "On Sunday, a policeman killed four colleagues in Zhari district, Kandahar.", NONE
    )
    assert {location.country_code for location in places.locations} == {"AF"}


def test_a_landmark_named_after_a_town_is_not_the_focus(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "A protester climbed onto a balcony of Buckingham Palace in London.")
    assert focus.name == "London"


def test_a_country_abbreviation_opening_a_headline_is_no_dateline(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(
        finder,
        "US aid worker shot dead in Kabul\n\nWASHINGTON: An American aid worker was shot dead "
        "in Kabul on Tuesday, officials said.",
    )
    assert focus.country_code == "AF"
