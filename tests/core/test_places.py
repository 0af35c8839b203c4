"""Tests for place finding, resolution and focus on the full packaged gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import EventType, Evidence, LabelScore, Location, PlaceKind, Precision
from stream.core.actors import load_actor_finder
from stream.core.analysis import Classification
from stream.core.geo import haversine_km
from stream.core.places import DEFAULT_PLACE_FILES, GazetteerPlaceFinder, load_place_finder
from stream.core.places_resolve import DEMONYM_WEIGHT, STRONG_CONTEXT
from stream.core.places_text import fold
from stream.errors import ConfigError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "places"
NONE = Classification(labels=[], primary=EventType.OTHER)


@pytest.fixture(scope="module")
def finder() -> GazetteerPlaceFinder:
    return load_place_finder([FIXTURES / "made-up.txt", FIXTURES / "custom.csv"])


def _names(finder: GazetteerPlaceFinder, text: str) -> list[tuple[str, str | None]]:
    return [(loc.name, loc.country_code) for loc in finder.locate(text, NONE).locations]


def _focus(finder: GazetteerPlaceFinder, text: str) -> Location:
    focus = finder.locate(text, NONE).focus
    assert focus is not None
    return focus


def test_seed_article_resolves_mosul_as_an_iraqi_city(
    finder: GazetteerPlaceFinder, seed_document: bytes
) -> None:
    places = finder.locate(seed_document.decode(), NONE)
    mosul = next(loc for loc in places.locations if loc.text == "Mosul")
    assert (mosul.country_code, mosul.kind, mosul.precision) == (
        "IQ",
        PlaceKind.TOWN,
        Precision.CITY,
    )
    assert (round(mosul.lat, 1), round(mosul.lon, 1)) == (36.3, 43.1)


def test_seed_article_focus_is_the_intisar_neighbourhood_of_mosul(
    finder: GazetteerPlaceFinder, seed_document: bytes
) -> None:
    focus = finder.locate(seed_document.decode(), NONE).focus
    assert focus is not None
    assert (focus.name, focus.kind, focus.place_id) == (
        "Intisar",
        PlaceKind.NEIGHBOURHOOD,
        "custom:mosul-intisar",
    )


def test_related_headline_resolves_najaf_in_iraq(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "VIDEO: ISIS Attacks Iraqi Police near Najaf, Kills Seven")
    assert (focus.name, focus.country_code, focus.kind) == ("Najaf", "IQ", PlaceKind.TOWN)


def test_a_country_name_resolves_to_the_country(finder: GazetteerPlaceFinder) -> None:
    [location] = finder.locate("Talks on Syria resumed.", NONE).locations
    assert (location.kind, location.country_code, location.precision) == (
        PlaceKind.COUNTRY,
        "SY",
        Precision.COUNTRY,
    )


def test_georgia_next_to_a_georgian_city_is_the_country(finder: GazetteerPlaceFinder) -> None:
    assert ("Georgia", "GE") in _names(finder, "Clashes in Tbilisi, Georgia left two dead.")


def test_georgia_next_to_a_us_city_is_the_us_state(finder: GazetteerPlaceFinder) -> None:
    names = _names(finder, "A gunman opened fire in Atlanta, Georgia, on Sunday.")
    assert ("Georgia", "US") in names


def test_an_organisation_is_not_a_place(finder: GazetteerPlaceFinder) -> None:
    assert _names(finder, "Hamas said it fired rockets.") == []


def test_a_name_before_a_lower_case_organisation_noun_is_not_a_place(
    finder: GazetteerPlaceFinder,
) -> None:
    assert _names(finder, "Rioters torched the offices of the Badr organization overnight.") == []


def test_a_person_named_after_a_country_is_not_a_place(finder: GazetteerPlaceFinder) -> None:
    assert _names(finder, "The striker Michael Jordan scored twice.") == []


def test_a_greeting_is_not_a_place(finder: GazetteerPlaceFinder) -> None:
    assert _names(finder, '"Salam," he said, smiling at the reporters.') == []


def test_a_town_named_by_of_is_a_place_even_when_its_name_is_a_word(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "A truck drove into a crowd in the southern sea resort of Nice, killing dozens."
    assert ("Nice", "FR") in _names(finder, text)
    assert _names(finder, "It was a nice day for the crowd at the beach.") == []


def test_a_region_is_known_by_its_iso_name_in_the_local_language(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(finder, "On 3 May, in Brasilia, Distrito Federal, thousands marched.")
    assert (focus.name, focus.country_code) == ("Brasília", "BR")


def test_ordinary_capitalised_words_are_not_places(finder: GazetteerPlaceFinder) -> None:
    assert _names(finder, "Federal Police said Most of the fighters fled.") == []


def test_district_and_province_chain_picks_the_town_in_that_province(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(finder, "Gunmen attacked a checkpoint in Hit, Hit district, Anbar province.")
    assert (focus.name, focus.country_code, focus.admin1) == ("Hīt", "IQ", "Al Anbar")


def test_focus_prefers_the_place_in_the_evidence_sentence(finder: GazetteerPlaceFinder) -> None:
    text = "Officials in Baghdad met on Monday. A car bomb exploded in Kirkuk, killing three."
    start = text.index("A car")
    evidence = Evidence(sentence=text[start:], start=start, end=len(text))
    label = LabelScore(label=EventType.ATTACK, score=0.9, evidence=[evidence])
    focus = finder.locate(text, Classification(labels=[label], primary=EventType.ATTACK)).focus
    assert focus is not None
    assert focus.name == "Kirkuk"


def test_geonames_dump_neighbourhood_is_found(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "Shelling hit Qasr Imaginary in Mosul on Friday.")
    assert (focus.place_id, focus.kind, focus.admin1) == (
        "9900001",
        PlaceKind.NEIGHBOURHOOD,
        "Nineveh",
    )


def test_custom_csv_place_is_found_by_its_alias(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "A blast struck Testville Quarter in Baghdad.")
    assert (focus.place_id, focus.country_code) == ("custom:hay-testville", "IQ")


def test_unknown_extension_file_type_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "places.json"
    path.write_text("{}")
    with pytest.raises(ConfigError, match="unknown places file type"):
        load_place_finder([path])


def test_a_custom_place_population_weighs_it_against_a_namesake(tmp_path: Path) -> None:
    def focus_with(population: int) -> str | None:
        path = tmp_path / f"zorvath-{population}.yaml"
        path.write_text(
            "places:\n"
            "  - {name: Zorvath, lat: 33.1, lon: 44.1, parent: 'Baghdad, IQ', population: 90000}\n"
            "  - {name: Zorvath, lat: 6.5, lon: 3.4, parent: 'Lagos, NG', "
            f"population: {population}}}\n"
        )
        found = load_place_finder([path], include_defaults=False)
        focus = found.locate("Gunmen attacked a checkpoint in Zorvath on Monday.", NONE).focus
        return focus.country_code if focus else None

    assert focus_with(900) == "IQ"
    assert focus_with(900_000) == "NG"


def test_a_custom_place_is_found_by_its_alias_as_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "qarvel.yaml"
    path.write_text(
        "places:\n"
        "  - {name: Qarvel, aliases: [Qarvel area], lat: 33.1, lon: 44.1, parent: 'Baghdad, IQ',"
        " population: 5000}\n"
    )
    found = load_place_finder([path], include_defaults=False)
    for text in ("A mortar round fell on the Qarvel area.", "A mortar round fell on Qarvel."):
        focus = found.locate(text, NONE).focus
        assert focus is not None
        assert (focus.name, focus.country_code) == ("Qarvel", "IQ")


def test_custom_place_with_unknown_parent_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("places:\n  - {name: Hay X, lat: 1, lon: 2, parent: Nowhere-at-all, ZZ}\n")
    with pytest.raises(ConfigError, match="parent place"):
        load_place_finder([path])


def test_a_respelled_name_with_an_article_beats_its_first_word(
    finder: GazetteerPlaceFinder,
) -> None:
    # 'Suq' alone is a town in Yemen; the whole name is Suq ash Shuyukh, Iraq.
    focus = _focus(finder, "Thousands of students protested in Suq al-Shoyokh city on Tuesday.")
    assert focus is not None
    assert (focus.country_code, focus.admin1) == ("IQ", "Dhi Qar")


def test_a_respelled_arabic_town_is_found_by_its_skeleton(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "Protesters gathered in Nassriya city, Thi-Qaar province, on Sunday.")
    assert (focus.name, focus.country_code, focus.kind) == ("Nasiriyah", "IQ", PlaceKind.TOWN)


def test_a_respelled_small_place_far_from_every_named_place_is_dropped(
    finder: GazetteerPlaceFinder,
) -> None:
    # 'Kashkul' sounds like Kays Qal'ah, a village of Iraq 290 km from the Kalar it is near.
    text = "Turkish shelling hit Kashkul village near Kalar district."
    assert [name for name, _ in _names(finder, text)] == ["Kalar District"]
    # Alone, nothing named exactly argues against the respelling.
    assert len(_names(finder, "Turkish shelling hit Kashkul village.")) == 1


def test_a_respelled_big_city_far_from_another_named_place_is_kept(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "Protesters from Nassriya city blocked the road to Najaf on Friday."
    assert [name for name, _ in _names(finder, text)] == ["Nasiriyah", "Najaf"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Elders of the Shammar tribe met officials in Mosul.", ["Mosul"]),
        ("Abala herdsmen and farmers clashed again on Sunday.", []),
    ],
)
def test_a_name_before_tribe_or_herdsmen_is_not_a_place(
    finder: GazetteerPlaceFinder, text: str, places: list[str]
) -> None:
    assert [name for name, _ in _names(finder, text)] == places


def test_a_province_beats_a_small_town_that_has_its_name_only_as_an_alternate(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "Coalition air raids were reported on Al Jawf border governorate in northern Yemen."
    focus = _focus(finder, text)
    assert (focus.kind, focus.country_code, focus.admin1) == (PlaceKind.REGION, "YE", "Al Jawf")


def test_the_bundled_iraq_towns_place_a_town_geonames_lacks(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "A roadside bomb wounded two farmers on the outskirts of Jalawla on Tuesday."
    assert load_place_finder(include_defaults=False).locate(text, NONE).focus is None
    focus = _focus(finder, text)
    assert (focus.name, focus.country_code, focus.kind) == ("Jalawla", "IQ", PlaceKind.TOWN)
    assert focus.admin1 is not None and "Diy" in focus.admin1


def test_the_bundled_lebanon_towns_place_a_quarter_of_tripoli_in_lebanon(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "Gunfire was heard overnight in the Tabbaneh area of Tripoli after a family feud."
    assert _focus(load_place_finder(include_defaults=False), text).country_code == "LY"
    focus = _focus(finder, text)
    assert (focus.name, focus.country_code) == ("Bab al-Tabbaneh", "LB")


def test_an_aid_society_or_a_car_make_is_not_a_place(finder: GazetteerPlaceFinder) -> None:
    text = "Gunmen in two Toyota pickups seized a Red Cross worker."
    assert _names(finder, text) == []


def test_a_place_used_as_a_compound_adjective_is_not_a_place(
    finder: GazetteerPlaceFinder,
) -> None:
    assert _names(finder, "US-led aircraft struck the hideout.") == []


def test_a_dateline_beats_a_later_passing_mention(finder: GazetteerPlaceFinder) -> None:
    text = "Talks stall\n\nKABUL (Reuters) - Officials said talks with Pakistan had stalled."
    focus = _focus(finder, text)
    assert (focus.name, focus.country_code) == ("Kabul", "AF")


def test_a_village_outside_the_named_province_country_is_rejected(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "Airstrikes hit Zap (Amadiya) region of Dahuk province."
    assert all(loc.country_code == "IQ" for loc in finder.locate(text, NONE).locations)


def test_a_text_without_places_has_no_focus(finder: GazetteerPlaceFinder) -> None:
    assert finder.locate("Talks resumed on Tuesday.", NONE).focus is None


def test_a_nationality_alone_gives_a_weak_country_focus(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "Tunisian villagers fled after militants bombed their homes.")
    assert (focus.country_code, focus.kind, focus.confidence) == ("TN", PlaceKind.COUNTRY, 0.3)


def test_each_place_is_listed_once(finder: GazetteerPlaceFinder) -> None:
    places = finder.locate("Mosul is calm. In Mosul, shops opened. Mosul residents cheered.", NONE)
    assert [loc.name for loc in places.locations] == ["Mosul"]


def test_a_foreign_force_is_not_the_focus(finder: GazetteerPlaceFinder) -> None:
    assert finder.locate("Turkish army warplanes struck PKK hideouts.", NONE).focus is None


def test_an_armed_group_of_one_country_places_a_respelled_town_there(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "Al-Shabaab fighters seized Beletweyne on Monday."
    actors = load_actor_finder().find(text, NONE)
    assert finder.locate(text, NONE).focus is None
    focus = finder.locate(text, NONE, actors).focus
    assert focus is not None
    assert (focus.name, focus.country_code) == ("Beledweyne", "SO")


def test_an_armed_group_of_one_country_rules_out_a_small_village_abroad(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "Houthi fighters shelled Talant on Monday."
    alone = finder.locate(text, NONE).focus
    assert alone is not None and alone.country_code != "YE"
    places = finder.locate(text, NONE, load_actor_finder().find(text, NONE))
    assert places.locations == []
    # no place left: the group's country is the focus, weakly, named by the group
    focus = places.focus
    assert focus is not None
    assert (focus.kind, focus.country_code, focus.text, focus.start) == (
        PlaceKind.COUNTRY,
        "YE",
        "Houthi",
        0,
    )
    assert focus.confidence < 0.5


def test_a_state_force_abroad_gives_no_focus(finder: GazetteerPlaceFinder) -> None:
    text = "Turkish forces shelled the hideouts overnight."
    actors = load_actor_finder().find(text, NONE)
    assert [actor.kind for actor in actors] == ["state_force"]
    assert finder.locate(text, NONE, actors).focus is None


def test_a_militia_named_only_by_its_nationality_does_not_rule_out_the_place_it_is_in(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "Israeli airstrikes targeted Iranian militia positions in Daraa."
    actors = load_actor_finder().find(text, NONE)
    assert [(actor.name, actor.country_code) for actor in actors] == [("Iranian militia", "IR")]
    focus = finder.locate(text, NONE, actors).focus
    assert focus is not None
    assert (focus.text, focus.country_code) == ("Daraa", "SY")


@pytest.mark.parametrize(
    ("text", "against"),
    [
        ("Chilean students occupied a school in Sabzevar on Monday.", True),
        ("Students occupied a school in Sabzevar on Monday.", False),
    ],
)
def test_a_town_abroad_of_a_strong_context_is_marked_as_against_it(
    finder: GazetteerPlaceFinder, text: str, against: bool
) -> None:
    folded = fold(text)
    mentions = finder.mentions.find(text, folded)
    resolutions = finder.resolver.resolve(folded, mentions, finder.nationalities.weights(folded))
    assert [r.against_context for r in resolutions] == [against]


def test_a_nationality_before_a_company_or_its_staff_is_not_the_focus(
    finder: GazetteerPlaceFinder,
) -> None:
    for text in (
        "Rockets landed near a Turkish company on Monday, police said.",
        "Gunmen kidnapped two Egyptian workers on Friday.",
        "Protesters denounced French policies on Sunday.",
    ):
        assert finder.locate(text, NONE).focus is None


def test_a_country_before_a_comma_and_officials_is_still_the_focus(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(
        finder, "Two people were killed in clashes in Guinea, officials said on Tuesday."
    )
    assert (focus.country_code, focus.kind) == ("GN", PlaceKind.COUNTRY)


def test_a_name_before_neighbourhood_is_not_a_province(finder: GazetteerPlaceFinder) -> None:
    text = "Gunmen attacked a house in the Qadisiyah neighborhood on the outskirts of Samarra."
    places = finder.locate(text, NONE)
    assert [loc.kind for loc in places.locations] == [PlaceKind.TOWN]
    assert places.focus is not None
    assert (places.focus.name, places.focus.country_code) == ("Sāmarrā’", "IQ")
    # The same name before 'province' is the province.
    focus = _focus(finder, "Gunmen attacked a house in Qadisiyah province.")
    assert (focus.kind, focus.country_code) == (PlaceKind.REGION, "IQ")


def test_a_country_before_its_own_government_is_the_focus(finder: GazetteerPlaceFinder) -> None:
    text = "Seven people died when Bangladesh government forces raided a hideout, police said."
    focus = _focus(finder, text)
    assert (focus.country_code, focus.kind) == ("BD", PlaceKind.COUNTRY)
    # A country before a force that also fights abroad is still not the focus.
    assert finder.locate("Turkey army jets struck a convoy on Monday.", NONE).focus is None


def test_a_country_after_with_is_a_partner_not_the_focus(finder: GazetteerPlaceFinder) -> None:
    places = finder.locate("Truck drivers blocked the road to the border with Iran.", NONE)
    assert [loc.country_code for loc in places.locations] == ["IR"]
    assert places.focus is None


def test_a_nationality_before_a_home_force_gives_its_country_weakly(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(finder, "Several protesters were wounded by Egyptian security forces.")
    assert (focus.country_code, focus.kind, focus.confidence) == ("EG", PlaceKind.COUNTRY, 0.3)


def test_a_nationality_word_is_not_a_region(finder: GazetteerPlaceFinder) -> None:
    assert _names(finder, "Somali forces repelled the attack.") == []


def test_a_distance_and_direction_move_the_focus(finder: GazetteerPlaceFinder) -> None:
    kirkuk = _focus(finder, "A bomb exploded in Kirkuk on Sunday.")
    moved = _focus(finder, "A bomb exploded 20 km north of Kirkuk on Sunday.")
    assert moved.text == "20 km north of Kirkuk"
    assert moved.name == "Kirkuk"
    assert moved.lat > kirkuk.lat
    assert haversine_km(kirkuk.lat, kirkuk.lon, moved.lat, moved.lon) == pytest.approx(20, abs=0.1)


def test_a_distance_with_its_conversion_in_brackets_moves_the_focus(
    finder: GazetteerPlaceFinder,
) -> None:
    moved = _focus(finder, "A bomb exploded 20 km (12 miles) north of Kirkuk on Sunday.")
    assert moved.text == "20 km (12 miles) north of Kirkuk"


def test_the_reference_of_a_direction_gives_way_to_the_place_before_it(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "Militants shelled Haditha district, north-west of Ramadi, on Sunday."
    assert _focus(finder, text).name == "Haditha District"
    # With no place named before it, the reference is the focus.
    assert _focus(finder, "Jets bombed a bridge south-west of Ramadi on Sunday.").name == "Ramadi"


def test_a_neighbourhood_beats_its_city_in_the_same_evidence(
    finder: GazetteerPlaceFinder, seed_document: bytes
) -> None:
    text = seed_document.decode()
    headline_end = text.index("\n")
    evidence = Evidence(sentence=text[:headline_end], start=0, end=headline_end)
    label = LabelScore(label=EventType.ADVANCE, score=0.9, evidence=[evidence])
    focus = finder.locate(text, Classification(labels=[label], primary=EventType.ADVANCE)).focus
    assert focus is not None
    assert (focus.name, focus.kind) == ("Intisar", PlaceKind.NEIGHBOURHOOD)


def test_an_arabic_script_name_is_found(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "انفجار سيارة مفخخة في الموصل")
    assert (focus.text, focus.name, focus.country_code) == ("الموصل", "Mosul", "IQ")


def test_empty_text_has_no_places(finder: GazetteerPlaceFinder) -> None:
    places = finder.locate("", NONE)
    assert (places.locations, places.focus) == ([], None)


def test_a_region_beats_a_small_foreign_village_of_the_same_name(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(finder, "Rebels attacked a convoy in Chechnya on Sunday.")
    assert (focus.country_code, focus.kind) == ("RU", PlaceKind.REGION)


def test_a_common_english_region_name_resolves(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "Militias burned villages in Darfur, aid workers said.")
    assert (focus.country_code, focus.kind) == ("SD", PlaceKind.REGION)


def test_a_city_beats_its_province_of_the_same_name(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "A car bomb exploded in Kirkuk on Sunday.")
    assert (focus.name, focus.kind) == ("Kirkuk", PlaceKind.TOWN)


def test_globbing_the_bundled_places_folder_loads_each_file_once() -> None:
    bundled = sorted(DEFAULT_PLACE_FILES[0].parent.glob("*.yaml"))
    finder = load_place_finder(bundled)
    assert len(finder.gazetteer.lookup("Intisar")) == 1


def test_english_region_names_resolve_to_their_region(finder: GazetteerPlaceFinder) -> None:
    """'North Kivu province' is the Congolese region, not a bare 'North' elsewhere."""
    focus = _focus(finder, "Rebels seized a town in North Kivu province on Monday.")
    assert (focus.name, focus.country_code, focus.kind) == ("Nord Kivu", "CD", PlaceKind.REGION)


def test_a_two_word_nationality_counts_for_its_own_country_only(
    finder: GazetteerPlaceFinder,
) -> None:
    folded = fold("South Sudanese villagers fled the fighting on Monday.")
    weights = finder.nationalities.weights(folded)
    assert set(weights) == {"SS"}


def test_a_two_word_nationality_is_the_focus_of_a_text_naming_no_place(
    finder: GazetteerPlaceFinder,
) -> None:
    text = "Gunmen attacked South Sudanese villagers on Monday."
    focus = finder.locate(text, NONE).focus
    assert focus is not None
    assert (focus.country_code, focus.text, focus.start) == ("SS", "South Sudanese", 16)


def test_nationality_words_are_counted_between_any_whitespace(
    finder: GazetteerPlaceFinder,
) -> None:
    folded = fold("Iraqi\u3000troops, Iraqi\u1680police; IRAQI.Iraqi and South Sudanese")
    weights = finder.nationalities.weights(folded)
    assert set(weights) == {"IQ", "SS"}
    assert weights["IQ"] == pytest.approx(DEMONYM_WEIGHT + 3 * STRONG_CONTEXT)


def test_a_located_place_is_a_copy_of_its_model_at_the_mention(
    finder: GazetteerPlaceFinder,
) -> None:
    first, second = finder.locate("Kirkuk and Kirkuk", NONE).locations * 2
    assert first == second
    located = finder.locate("Kirkuk.", NONE).locations[0]
    assert (located.text, located.start, located.end) == ("Kirkuk", 0, 6)
    assert located.model_fields_set == set(Location.model_fields)


def test_a_town_resolved_with_little_confidence_is_kept_but_not_the_focus(
    finder: GazetteerPlaceFinder,
) -> None:
    # No other place, country or nationality: 'Sakkar' only sounds like a city far away.
    places = finder.locate(
        "Militants set up a fake checkpoint near Sakkar area and burned a vehicle.", NONE
    )
    [town] = places.locations
    assert town.text == "Sakkar" and town.kind is PlaceKind.TOWN
    assert town.confidence < 0.35
    assert places.focus is None


def test_a_word_that_names_a_country_only_as_its_acronym_must_be_in_capitals(
    finder: GazetteerPlaceFinder,
) -> None:
    headline = "Car bomb explodes outside hotel in Mogadishu"
    assert "CF" not in {code for _, code in _names(finder, headline)}
    assert _focus(finder, headline).name == "Mogadishu"
    assert ("Central African Republic", "CF") in _names(
        finder, "Fighting flared in the CAR as rebels attacked a town."
    )


def test_sinai_is_egypts_north_sinai_not_a_town_in_ecuador(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "Militants attacked an army checkpoint in Sinai on Tuesday.")
    assert (focus.name, focus.country_code, focus.kind) == ("North Sinai", "EG", PlaceKind.REGION)


def test_the_state_of_x_is_the_region_as_x_state_is(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "Gunmen killed eight people in attacks in the state of Guerrero.")
    assert (focus.name, focus.country_code, focus.kind) == ("Guerrero", "MX", PlaceKind.REGION)
    focus = _focus(finder, "Fighting broke out in the province of Kandahar on Monday.")
    assert (focus.country_code, focus.kind) == ("AF", PlaceKind.REGION)


def test_the_niger_delta_is_in_nigeria_not_niger(finder: GazetteerPlaceFinder) -> None:
    focus = _focus(finder, "Militants kidnapped three oil workers in the Niger Delta on Sunday.")
    assert (focus.country_code, focus.kind) == ("NG", PlaceKind.REGION)


@pytest.mark.parametrize(
    ("area", "country"),
    [
        ("the Golan Heights", "SY"),
        ("South Ossetia", "GE"),
        ("the Ogaden", "ET"),
        ("Jubaland", "SO"),
        ("Ingushetia", "RU"),
        ("the Casamance", "SN"),
        ("the Nuba Mountains", "SD"),
    ],
)
def test_a_conflict_area_without_a_province_of_its_name_resolves_to_its_province(
    finder: GazetteerPlaceFinder, area: str, country: str
) -> None:
    focus = _focus(
        finder,
        f"Heavy fighting broke out between government troops and rebels in {area} early on"
        " Monday, according to residents and officials.",
    )
    assert (focus.country_code, focus.kind) == (country, PlaceKind.REGION)


def test_a_repeated_name_is_resolved_again_where_it_is_written_as_a_place(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(finder, "Hundreds of Makhmur camp residents rallied in Makhmur city on Friday.")
    assert (focus.country_code, focus.start) == ("IQ", 46)


def test_a_chain_town_far_from_the_town_it_names_is_not_the_focus(
    finder: GazetteerPlaceFinder,
) -> None:
    places = finder.locate("Separatist forces shelled army positions near Orikhove, Luhansk.", NONE)
    assert [location.admin1 for location in places.locations] == ["Crimea", "Luhansk"]
    assert places.focus is not None
    assert (places.focus.text, places.focus.admin1) == ("Luhansk", "Luhansk")
