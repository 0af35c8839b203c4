"""Tests of the casualty counter."""

from __future__ import annotations

import pytest

from schemas import Casualties
from stream.core.casualties import CasualtyCounter, parse_number
from stream.core.casualty_patterns import sum_list
from stream.core.classifier import load_classifier


def _count(text: str) -> Casualties:
    """Casualties of a text after classifying it."""
    return CasualtyCounter().extract(text, load_classifier().classify(text))


@pytest.mark.parametrize(
    ("word", "expected"),
    [("39", (39, False)), ("seven", (7, False)), ("twenty-one", (21, False)),
     ("1,200", (1200, False)), ("dozens", (24, True)), ("banana", None)],
)  # fmt: skip
def test_parse_number_reads_digits_and_words(word: str, expected: tuple[int, bool] | None) -> None:
    assert parse_number(word) == expected


def test_headline_verb_with_number_word() -> None:
    assert _count("VIDEO: ISIS Attacks Iraqi Police near Najaf, Kills Seven").killed == 7


def test_gunned_down_count() -> None:
    assert _count("Nightclub attack: 39 gunned down by a lone gunman").killed == 39


def test_at_least_is_a_lower_bound() -> None:
    result = _count("At least 12 people were killed and 30 wounded in the blast.")
    assert (result.killed, result.killed_is_lower_bound, result.injured) == (12, True, 30)


def test_dozens_is_a_flagged_lower_bound() -> None:
    result = _count("Gunmen killed dozens of villagers in the raid.")
    assert (result.killed, result.killed_is_lower_bound) == (24, True)


def test_a_later_number_refines_a_vague_word_it_agrees_with() -> None:
    refined = _count(
        "Suicide attack kills dozens at mosque\n\nA suicide bomber blew himself up in a "
        "mosque during Friday prayers, killing at least 30 worshippers."
    )
    assert (refined.killed, refined.killed_is_lower_bound) == (30, True)
    smaller = _count(
        "Bombers kill dozens in capital\n\nThe first of three blasts killed 12 people near "
        "the station."
    )
    assert smaller.killed == 24


def test_listed_victims_are_summed() -> None:
    result = _count("A suicide bomber hit the convoy, killing four soldiers and a civilian.")
    assert result.killed == 5


def test_age_is_not_a_count() -> None:
    assert _count("A 25-year-old man was shot dead on Monday.").killed == 1


def test_vehicle_count_is_not_a_casualty_count() -> None:
    result = _count("The bomb destroyed 3 vehicles but injured no one; 2 soldiers were killed.")
    assert result.killed == 2


def test_no_one_killed_is_zero() -> None:
    assert _count("A bomb exploded outside the bank. No one was killed.").killed == 0


def test_letters_only_case_insensitive_matching_folds_still_count() -> None:
    assert _count("Clashes in the town. Fatalitieſ coded as 3.").killed == 3


def test_other_story_in_digest_is_ignored() -> None:
    text = (
        "Rebels shelled the border town on Monday, killing three people.\n"
        "In sport, the champion kills off the challenge with seven late points."
    )
    assert _count(text).killed == 3


def test_evidence_points_at_the_numbers() -> None:
    text = "Five people were killed when a bomb went off."
    result = _count(text)
    assert [text[t.start : t.end] for t in result.evidence] == ["Five"]


def test_date_numbers_are_not_counts() -> None:
    assert _count("On 4 March 2020, 2 militants were killed during clashes.").killed == 2


def test_single_named_victim_counts_one() -> None:
    assert _count("A local journalist was shot dead outside his home on Friday.").killed == 1


def test_victim_and_relative_count_two() -> None:
    assert _count("Gunmen killed a village chief and his son on the road.").killed == 2


def test_perpetrators_before_an_active_verb_are_not_victims() -> None:
    assert _count("Three gunmen shot dead a shopkeeper in the market.").killed == 1


def test_killed_or_injured_is_not_a_death_count() -> None:
    assert _count("Five fighters were killed or injured in the air strikes.").killed is None


def test_coded_fatalities_override_the_text() -> None:
    text = "Militants killed 8 soldiers in an ambush. Fatalities coded as 0 (unverified)."
    assert _count(text).killed == 0


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A bomb killed four members of a family in the village.", 4),
        ("Gunmen shot dead an aid worker for a foreign charity in the south.", 1),
        ("Troops killed three fighters with a rocket on Monday.", 3),
        ("Gunmen stormed a house on Sunday, killing a family of five.", 5),
        ("A bomb killed a policeman and a child at the market.", 2),
    ],
)
def test_a_number_in_a_phrase_of_the_victims_counts_no_one_unless_it_sizes_them(
    text: str, killed: int
) -> None:
    assert _count(text).killed == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A series of explosions killed 28 people and wounded 40 at a rally.", 28),
        ("More than 20 people were put to death by the militants for a revolt.", 20),
        ("A bomb exploded near a vehicle, killing the soldier driving it.", 1),
        ("Gunmen opened fire in a church, killing the pastor and his two children.", 3),
        ("The bomber struck the residence, killing the official and nine others.", 10),
        ("The attack killed the village head, his wife and two children.", 4),
        ("At least 11 people including two judges and a lawyer were killed at the court.", 11),
        ("The governor said 49 men in the town had been executed after surrendering.", 49),
        ("Troops clashed with militants in the hills, killing all 3 and seizing weapons.", 3),
        ("Gunmen opened fire on a vehicle, killing between 2 to 4 fighters.", 2),
        ("Militiamen killed 8-10 residents across the villages.", 8),
        ("Armed men threw a grenade at the home of a leader, killing his son and his wife.", 2),
        ("The mayor and a council member of the village were gunned down by attackers.", 2),
        ("Gunmen ambushed and killed Kajaki district chief Mohammad Anwar Khan and his guard.", 2),
        ("Local government official has been shot and killed by men armed with pistols.", 1),
        ("A son of the former police chief was found dead in the centre of the city.", 1),
        (
            "Mourners buried the victims of the blast that killed at least 30 people a day ago.",
            30,
        ),
    ],
)
def test_victims_named_before_or_beside_a_number_are_counted(text: str, killed: int) -> None:
    assert _count(text).killed == killed


def test_separate_incident_adds_up() -> None:
    text = (
        "A roadside bomb killed two soldiers in the north. "
        "In a separate attack, gunmen also killed three policemen in the capital."
    )
    assert _count(text).killed == 5


def test_first_count_in_a_sentence_is_the_event() -> None:
    text = "A bomb ripped through a bar, killing two people, weeks after the deaths of 78 others."
    assert _count(text).killed == 2


def test_named_murder_counts_one() -> None:
    assert _count("The murder of a filmmaker in Amsterdam has shocked the country.").killed == 1


def test_gored_to_death_is_counted() -> None:
    assert _count("Two men were gored to death during the festival.").killed == 2


def test_a_long_s_falls_back_to_case_insensitive_matching() -> None:
    assert _count("Gunmen ſhot dead a policeman in the market.").killed == 1


TAGGED = "<b>Gunmen killed</b> four soldiers and wounded 12 people; a policeman was shot dead."


def test_counts_are_the_same_from_the_classifier_scan() -> None:
    counter = CasualtyCounter()
    wired = load_classifier(counter.shared_literals()).classify(TAGGED)
    assert all(wired.literals.values())
    assert counter.extract(TAGGED, wired) == _count(TAGGED)


@pytest.mark.parametrize(
    "phrase",
    [
        "At least 12 soldiers and a civilian",
        "In May 2020 Seven",
        "25 year old men",
        "Dozens",
        "Four Members Of A Family",
        "A Family Of Five",
    ],
)
def test_lists_sum_alike_from_the_lower_cased_text(phrase: str) -> None:
    for headline in (True, False):
        cased = sum_list(phrase, 0, len(phrase), headline=headline)
        lowered = sum_list(phrase, 0, len(phrase), headline=headline, lowered=phrase.lower())
        assert cased == lowered


def test_killed_or_injured_with_one_victim_is_no_death_count() -> None:
    assert (
        _count("2 PKK militant was killed or injured by the airstrikes in the region.").killed
        is None
    )


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A senior commander was killed, injured or captured in the operation.", None),
        ("Students protested against the killing of protesters in the city.", None),
        ("Police said the killing of his brother was a mistake.", 1),
        ("Sources claimed 3 militants were killed or injured in the strikes.", None),
        ("The attack injured 2 but did not cause fatalities.", None),
        ("Locals blocked roads following the killing of a trader by armed men.", None),
        ("An airstrike killed a number of officers at the border post.", None),
        ("The group claimed responsibility for the murder of a convert in the north.", 1),
        ("The blast claimed 12 lives in the market on Sunday.", 12),
        ("A total 34 people have been killed by car bombs in the capital.", 34),
        (
            "Troops said 5 militants were killed or injured. Due to the unclear nature of "
            "fatalities, fatalities coded as half rounded down (2).",
            2,
        ),
    ],
)
def test_unsure_deaths_and_killings_of_groups_are_no_single_death(
    text: str, killed: int | None
) -> None:
    assert _count(text).killed == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Ten people were killed in one village on Tuesday while 8 others were also killed "
            "in a second village on Wednesday.",
            18,
        ),
        ("Air strikes hit a camp, killing 28 people, and shelling elsewhere killed 10 others.", 38),
        (
            "A roadside bomb hit the bus, killing seven and leaving three others injured.",
            7,
        ),
        (
            "Snipers attacked a convoy and killed a commander. Two soldiers died of their wounds "
            "later, raising the death toll to 3.",
            3,
        ),
        (
            "A bomb killed five soldiers on Monday, bringing the death toll to 200 since the "
            "offensive began in March.",
            5,
        ),
    ],
)
def test_counts_that_say_they_add_up_are_summed(text: str, killed: int) -> None:
    assert _count(text).killed == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Militants stormed a base, killing at least 10 soldiers, a military official said.", 10),
        ("Troops repelled the attack, killing 15 fighters, an army spokesman told reporters.", 15),
        ("Gunmen killed four soldiers, a policeman and a civilian, officials said.", 6),
    ],
)
def test_whoever_reports_the_count_is_not_one_more_victim(text: str, killed: int) -> None:
    assert _count(text).killed == killed


def test_a_count_before_among_is_part_of_the_count_after_it() -> None:
    assert _count("Two journalists among 8 killed in attacks in Guerrero").killed == 8
    burial = "A bomb went off at a burial, killing five people among a group of mourners."
    assert _count(burial).killed == 5


def test_a_count_restated_with_others_also_killed_is_not_added_to_itself() -> None:
    text = (
        "Army says 40 rebels killed in two days of fighting\n\nThe army said on Tuesday that 40"
        " rebels had been killed in two days of fighting in the north, while five soldiers also"
        " died."
    )
    assert _count(text).killed == 45


def test_a_death_toll_that_rose_replaces_the_first_count() -> None:
    text = (
        "Death toll from Kabul mosque bombing rises to 32\n\nThe death toll from Friday's"
        " suicide bombing at a mosque in Kabul rose to 32 on Saturday, officials said."
    )
    assert _count(text).killed == 32


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Five soldiers killed in ambush\n\nFive soldiers and two civilians were killed when"
            " militants ambushed an army convoy on Monday, officials said.",
            7,
        ),
        (
            "Gunmen kill 3 aid workers\n\nGunmen killed three aid workers and their driver in"
            " an ambush on Monday, officials said.",
            4,
        ),
        (
            "Bomb kills 12 in market\n\nA car bomb killed 12 people in a crowded market on"
            " Tuesday. Two policemen and a soldier were among those killed.",
            12,
        ),
    ],
)
def test_a_body_list_replaces_the_headline_count_only_when_it_starts_with_it(
    text: str, killed: int
) -> None:
    assert _count(text).killed == killed
