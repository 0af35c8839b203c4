"""Tests for resolution context: Arabic articles, region spellings, chains and namesakes."""

from __future__ import annotations

import pytest

from schemas import EventType, Location
from stream.core.analysis import Classification
from stream.core.geo import haversine_km
from stream.core.places import GazetteerPlaceFinder, load_place_finder

NONE = Classification(labels=[], primary=EventType.OTHER)


@pytest.fixture(scope="module")
def finder() -> GazetteerPlaceFinder:
    return load_place_finder()


def _focus(finder: GazetteerPlaceFinder, text: str) -> Location:
    focus = finder.locate(text, NONE).focus
    assert focus is not None
    return focus


# Made-up reports, the focus they must get (name, country code, kind) and the behaviour shown.
FOCUS_CASES = [
    pytest.param(
        "Protesters gathered in al-Muthanna province on Friday.",
        ("Al Muthanna Governorate", "IQ", "region"),
        id="a-region-after-an-arabic-article-is-found",
    ),
    pytest.param(
        "On Monday, residents of Al Muqdadiyah protested power cuts.",
        ("Al Miqdādīyah", "IQ", "town"),
        id="a-town-after-a-capitalised-article-is-found",
    ),
    pytest.param(
        "Hundreds of lecturers demonstrated in Wassit province on Sunday.",
        ("Wāsiţ", "IQ", "region"),
        id="a-region-in-the-spelling-of-conflict-monitors-resolves",
    ),
    pytest.param(
        "A rocket fell in Al Sadon neighbourhood, in Baghdad city, late on Friday.",
        ("Baghdad", "IQ", "town"),
        id="a-quarter-unknown-in-the-named-city-falls-back-to-the-city",
    ),
    pytest.param(
        "Shelling in Fallujah killed 15 people, according to Ahmed Shami, the city's chief medic.",
        ("Al Fallūjah", "IQ", "town"),
        id="a-given-name-before-a-surname-is-not-a-place",
    ),
    pytest.param(
        "On Friday, gunmen abducted and killed a shepherd in Tarmiyah.",
        ("Aţ Ţārmīyah", "IQ", "town"),
        id="a-lone-village-after-in-resolves-without-other-context",
    ),
    pytest.param(
        "Teachers protested unpaid salaries across the Kurdistan Region on Monday.",
        ("Erbil", "IQ", "region"),
        id="the-kurdistan-region-lies-in-iraq",
    ),
    pytest.param(
        "Rebels killed 12 villagers in eastern Congo on Sunday, the army said.",
        ("Democratic Republic of the Congo", "CD", "country"),
        id="eastern-congo-is-the-democratic-republic",
    ),
    pytest.param(
        "A protester climbed onto a balcony of Buckingham Palace in London.",
        ("London", "GB", "town"),
        id="a-landmark-named-after-a-town-is-not-the-focus",
    ),
    pytest.param(
        "US aid worker shot dead in Kabul\n\nWASHINGTON: An American aid worker was shot dead "
        "in Kabul on Tuesday, officials said.",
        ("Kabul", "AF", "town"),
        id="a-country-abbreviation-opening-a-headline-is-no-dateline",
    ),
    pytest.param(
        "GOMA (Reuters) - Rwanda denied sending troops across the border on Friday, "
        "officials in Kigali said.",
        ("Goma", "CD", "town"),
        id="a-dateline-city-is-not-read-as-inside-the-next-country",
    ),
    pytest.param(
        "Gunmen killed 42 students in an overnight attack in Nigeria's Yobe state.",
        ("Yobe State", "NG", "region"),
        id="a-region-beats-the-country-it-lies-in",
    ),
    pytest.param(
        "Around 500 migrant workers protested in the Palanpur area of Surat city.",
        ("Surat", "IN", "town"),
        id="an-area-not-in-the-city-named-yields-to-the-city",
    ),
    pytest.param(
        "On Friday, a bomb exploded near the village of Ghareeb in the Hawija district.",
        ("Al-Hawija District", "IQ", "district"),
        id="a-misspelt-village-lends-its-namesake-country-no-weight",
    ),
    pytest.param(
        "Warplanes struck militant hideouts in the Haftanin region of Duhok on Sunday.",
        ("Haftanin", "IQ", "district"),
        id="a-border-area-from-the-bundled-areas-file-is-the-focus",
    ),
    pytest.param(
        "On Monday, two roadside bombs exploded in al Qaim city, wounding three soldiers.",
        ("Al Qā’im", "IQ", "town"),
        id="a-name-with-a-lowercase-article-and-a-space-is-found",
    ),
    pytest.param(
        "Students at Mosul University protested against corruption on Sunday.",
        ("University of Mosul", "IQ", "neighbourhood"),
        id="a-quarter-whose-name-holds-its-city-names-that-city",
    ),
    pytest.param(
        "On Friday, troops exchanged fire across the border near Naushera (Rajouri district, J&K).",
        ("Jammu and Kashmir", "IN", "region"),
        id="a-region-abbreviation-is-no-acronym-to-drop",
    ),
    pytest.param(
        "On Thursday, gunmen shot dead a civilian in the town of Dujail, Basra province.",
        ("Basra", "IQ", "region"),
        id="a-town-outside-the-province-its-chain-names-yields-to-the-province",
    ),
    pytest.param(
        "On Thursday, gunmen shot dead a civilian in the town of Madain, Baghdad province.",
        ("Al-Mada'in", "IQ", "town"),
        id="a-bundled-iraqi-town-in-the-province-its-chain-names",
    ),
    pytest.param(
        "Militants ambushed an army patrol in Tal Afar on Tuesday.",
        ("Tall ‘Afar", "IQ", "town"),
        id="a-town-without-a-census-count-is-weighed-by-its-many-names",
    ),
    pytest.param(
        "Gunmen torched a school in Behsud district, Nangarhar, on Sunday.",
        ("Nangarhar", "AF", "region"),
        id="a-namesake-town-outside-the-named-province-yields-to-the-province",
    ),
    pytest.param(
        "A roadside bomb hit a patrol near Santa Rosa farm in Benue state, police said.",
        ("Benue State", "NG", "region"),
        id="a-lone-foreign-namesake-yields-to-the-region-of-another-country",
    ),
    pytest.param(
        "Dock workers protested in Alexandria city on Tuesday.",
        ("Alexandria", "EG", "town"),
        id="a-name-before-city-keeps-the-towns-of-the-bare-name",
    ),
    pytest.param(
        "Chilean students occupied a school in Victoria on Monday.",
        ("Victoria", "CL", "town"),
        id="a-nationality-word-before-no-force-places-a-namesake-in-its-country",
    ),
    pytest.param(
        "Gunmen attacked farmers in Saigon on Friday and burned houses, Zamfara state police said.",
        ("Zamfara State", "NG", "region"),
        id="a-large-city-named-by-an-old-name-is-no-exception-to-lone-namesakes",
    ),
    pytest.param(
        "Militiamen burned homes near the village of Lusaka in Malawi on Monday.",
        ("Malawi", "MW", "country"),
        id="a-village-outside-the-country-its-chain-names-yields-to-that-country",
    ),
    pytest.param(
        "Militants shelled Sadr Hamid village near Kirkuk late on Friday.",
        ("Kirkuk", "IQ", "town"),
        id="a-name-that-runs-on-into-a-longer-name-is-not-the-focus",
    ),
    pytest.param(
        "Gunmen shot dead a shopkeeper in Sinjar Tuesday, police said.",
        ("Sinjār", "IQ", "town"),
        id="a-weekday-after-a-town-is-not-part-of-its-name",
    ),
    pytest.param(
        "Soldiers clashed with rebels in Barangay Lumbo, Negros Oriental, on Monday.",
        ("Province of Negros Oriental", "PH", "district"),
        id="a-district-is-found-without-the-admin-words-of-its-local-name",
    ),
    pytest.param(
        "Gunmen killed two farmers in a village in Haweeja district on Friday.",
        ("Al Ḩawījah", "IQ", "town"),
        id="a-respelled-town-before-district-is-found-without-a-country-named",
    ),
    pytest.param(
        "Dozens rallied in Babil province on Sunday, demanding that work resume at Faw port.",
        ("Bābil", "IQ", "region"),
        id="a-town-outside-the-region-the-text-names-is-not-the-focus",
    ),
    pytest.param(
        "Dozens rallied in Babil province over Faw port; police in Hilla said it was calm.",
        ("Al Hillah", "IQ", "town"),
        id="a-town-inside-the-region-the-text-names-beats-one-outside",
    ),
    pytest.param(
        "Villagers fled Bara and Kifri after mortar fire on Monday.",
        ("Kifrī", "IQ", "town"),
        id="the-surer-of-two-towns-sets-the-country-when-each-is-named-once",
    ),
    pytest.param(
        "A grenade exploded outside a shop in Baghdad (Kasra) on Sunday.",
        ("Baghdad", "IQ", "town"),
        id="a-smaller-town-after-a-city-is-read-as-its-quarter-not-its-container",
    ),
    pytest.param(
        "Herders killed 30 people in Buruku Local Government Area.",
        ("Buruku", "NG", "town"),
        id="a-name-before-an-administrative-word-is-not-a-surname",
    ),
    pytest.param(
        "Gunmen fired on worshippers in Malakand Agency on Friday.",
        ("Malakand", "PK", "town"),
        id="a-name-before-agency-is-not-a-surname",
    ),
    pytest.param(
        "A drone strike hit a compound in North Waziristan on Sunday.",
        ("North Waziristan", "PK", "district"),
        id="a-bundled-tribal-district-of-pakistan",
    ),
    pytest.param(
        "Militiamen attacked displaced women near Kalma camp.",
        ("Kalma camp", "SD", "town"),
        id="a-bundled-camp-of-darfur",
    ),
    pytest.param(
        "Two rockets landed near Ain al-Asad air base on Wednesday.",
        ("Ain al-Asad Air Base", "IQ", "district"),
        id="a-bundled-base-of-iraq",
    ),
    pytest.param(
        "A grenade exploded outside a shop in Baghdad (Karadah) on Sunday.",
        ("Karrada", "IQ", "neighbourhood"),
        id="a-bundled-quarter-of-baghdad-after-the-city",
    ),
    pytest.param(
        "Gunmen shot two traders in Dangriga, Stann Creek, on Sunday.",
        ("Dangriga", "BZ", "town"),
        id="a-town-whose-district-the-gazetteer-knows-only-as-the-town-is-kept",
    ),
    pytest.param(
        "A mortar round landed in Ghaziabad district, Kunar, wounding a farmer.",
        ("Kunar", "AF", "region"),
        id="a-dropped-namesake-abroad-lends-its-country-no-weight",
    ),
    pytest.param(
        "Demonstrators burned tyres in Kut city to protest trade at the border with Iran.",
        ("Al-Kut", "IQ", "town"),
        id="a-partner-country-after-with-does-not-push-local-towns-abroad",
    ),
    pytest.param(
        "On Monday, Canada suspended its training mission in Mali for a month.",
        ("Mali", "ML", "country"),
        id="of-two-countries-named-once-the-first-is-not-the-top-country",
    ),
    pytest.param(
        "Rioters set tyres alight on the Tripoli-Beirut highway on Tuesday night.",
        ("Tripoli", "LB", "town"),
        id="the-second-place-of-a-hyphenated-pair-is-found-and-sets-the-country",
    ),
    pytest.param(
        "Truck drivers blocked the Erbil-Kaya road over unpaid wages.",
        ("Erbil", "IQ", "town"),
        id="a-hyphenated-pair-is-not-a-chain-and-its-first-place-is-the-focus",
    ),
    pytest.param(
        "A shepherd was hurt by an old Iran-Iraq war mine in Darbandikhan district.",
        ("Derbendîxan", "IQ", "town"),
        id="both-countries-of-a-hyphenated-pair-weigh-alike",
    ),
    pytest.param(
        "Government artillery shelled villages in Hama as Russian reconnaissance drones "
        "circled overhead.",
        ("Ḩamāh", "SY", "town"),
        id="a-nationality-two-words-before-a-force-is-weak-context",
    ),
    pytest.param(
        "Separatist forces fired mortars at army positions near Orikhove, Luhansk, on Sunday. "
        "Monitors counted 40 explosions near Orikhove.",
        ("Luhansk", "UA", "town"),
        id="a-small-town-its-chain-does-not-hold-is-no-focus-when-named-again",
    ),
    pytest.param(
        "Gunmen killed a shopkeeper in Suwayrah on Monday night.",
        ("Aş Şuwayrah", "IQ", "town"),
        id="another-spelling-of-a-main-name-beats-a-namesakes-lesser-name",
    ),
    pytest.param(
        "Hundreds of students marched in Firdos Square, Baghdad, on Friday to mourn an activist "
        "shot dead in Basra last week.",
        ("Baghdad", "IQ", "town"),
        id="in-before-an-unknown-name-and-a-comma-places-the-name-after-it",
    ),
    pytest.param(
        "Two armed men clashed with police in Ziracuaretiro, Michoacan, on Wednesday.",
        ("Michoacán", "MX", "region"),
        id="a-village-that-shares-a-provinces-name-does-not-make-it-a-town",
    ),
    pytest.param(
        "In Baiji, north of Baghdad, gunmen shot dead a candidate in next month's elections.",
        ("Bayjī", "IQ", "town"),
        id="the-reference-of-a-direction-that-follows-a-town-is-not-the-focus",
    ),
    pytest.param(
        "Warplanes carried out airstrikes in Karbil village in Dahuk province, Northern Iraq.",
        ("Duhok", "IQ", "region"),
        id="a-province-that-does-not-hold-a-village-is-not-overruled-by-its-country",
    ),
    pytest.param(
        "Fourteen villagers were killed by rebels in the Beni region of the Democratic Republic "
        "of Congo on Thursday.",
        ("Beni", "CD", "town"),
        id="a-name-before-region-may-be-a-town-of-the-country-named",
    ),
    pytest.param(
        "A roadside bomb hit a police patrol on the Hit-Kubaysah road on Tuesday.",
        ("Kubaysah", "IQ", "town"),
        id="a-place-after-a-hyphen-joins-a-gazetteer-name-even-an-ordinary-word",
    ),
    pytest.param(
        "Iranian artillery shelled border villages of the Kurdistan Region on Tuesday.",
        ("Erbil", "IQ", "region"),
        id="a-regions-own-alias-is-not-another-regions-made-up-name",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOCUS_CASES)
def test_focus_of_a_made_up_report(
    finder: GazetteerPlaceFinder, text: str, expected: tuple[str, str, str]
) -> None:
    focus = _focus(finder, text)
    assert (focus.name, focus.country_code, focus.kind.value) == expected


# Made-up reports and the only country their places may lie in.
COUNTRY_CASES = [
    pytest.param(
        "Gunmen kidnapped a tribal chief in al-Taji, northern Baghdad.",
        "IQ",
        id="a-name-after-an-arabic-article-prefers-an-arab-country",
    ),
    pytest.param(
        "Congo: police dispersed an opposition rally in Brazzaville.",
        "CG",
        id="congo-beside-brazzaville-is-the-republic",
    ),
    pytest.param(
        "On Sunday, a policeman killed four colleagues in Zhari district, Kandahar.",
        "AF",
        id="a-district-named-like-a-town-abroad-stays-in-the-country-named",
    ),
    pytest.param(
        "Gunmen killed a herder near Mardan (Zorbash, Ituri) on Sunday.",
        "CD",
        id="a-province-after-an-unknown-district-in-brackets-holds-the-village",
    ),
    pytest.param(
        "Two soldiers died in shelling at Mardan sector area (Zorbash district, Ituri).",
        "CD",
        id="a-front-line-sector-lies-in-the-province-that-follows-it",
    ),
    pytest.param(
        "Gunmen shot a teacher in the village of Mardan, in the outskirts of Zorbash town, "
        "Ituri province.",
        "CD",
        id="an-unknown-town-between-a-village-and-its-province-keeps-the-chain",
    ),
    pytest.param(
        "Drones struck a vehicle in Mardan in the Zorbash area of the Ituri province.",
        "CD",
        id="an-unknown-area-between-a-village-and-its-province-keeps-the-chain",
    ),
    pytest.param(
        "Gunmen killed a herder in Mardan, Zorbash territory, Ituri.",
        "CD",
        id="an-unknown-territory-between-a-village-and-its-province-keeps-the-chain",
    ),
]


@pytest.mark.parametrize(("text", "country"), COUNTRY_CASES)
def test_every_place_of_a_made_up_report_lies_in_one_country(
    finder: GazetteerPlaceFinder, text: str, country: str
) -> None:
    places = finder.locate(text, NONE)
    assert {location.country_code for location in places.locations} == {country}


def test_a_surname_made_of_an_article_and_a_city_is_not_a_place(
    finder: GazetteerPlaceFinder,
) -> None:
    assert finder.locate("Abu Bakr al-Baghdadi was said to be alive.", NONE).locations == []


def test_northern_part_of_a_country_moves_the_focus_north(finder: GazetteerPlaceFinder) -> None:
    country = _focus(finder, "Warplanes struck militant positions in Iraq on Tuesday.")
    north = _focus(finder, "Warplanes struck militant positions in northern Iraq on Tuesday.")
    assert (north.text, north.country_code) == ("northern Iraq", "IQ")
    assert north.lat > country.lat + 1.5


def test_a_respelled_name_before_district_needs_its_country_when_another_is_named(
    finder: GazetteerPlaceFinder,
) -> None:
    places = finder.locate("A Nigerian army patrol was ambushed in Abbarah district.", NONE)
    assert places.locations == []


def test_a_short_acronym_inside_a_sentence_is_not_a_place(finder: GazetteerPlaceFinder) -> None:
    places = finder.locate("Militants attacked an AU convoy on Tuesday, officials said.", NONE)
    assert places.locations == []


def test_a_month_after_in_is_not_a_small_town_of_that_name(finder: GazetteerPlaceFinder) -> None:
    assert finder.locate("The talks are expected to resume in May.", NONE).locations == []


def test_a_country_whose_capital_is_spelt_with_accents_lies_at_that_capital(
    finder: GazetteerPlaceFinder,
) -> None:
    focus = _focus(finder, "Troops clashed with rebels in Colombia on Monday.")
    assert (round(focus.lat), round(focus.lon)) == (5, -74)


def test_a_region_lies_at_the_centre_of_its_people(finder: GazetteerPlaceFinder) -> None:
    """Anbar's desert west holds few people: its point lies near Ramadi, not mid-desert."""
    focus = _focus(finder, "Protests spread across Anbar province on Friday.")
    assert haversine_km(focus.lat, focus.lon, 33.43, 43.30) < 80


def test_a_neighbourhood_named_after_a_province_is_not_the_province(
    finder: GazetteerPlaceFinder,
) -> None:
    places = finder.locate("A bomb went off in the Diyala neighbourhood on Friday.", NONE)
    assert all(location.kind.value != "region" for location in places.locations)
