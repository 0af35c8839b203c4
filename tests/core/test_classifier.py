"""Tests of the rule-based event classifier."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import EventType
from stream.core.analysis import Classification
from stream.core.classifier import RuleClassifier, load_classifier

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples"


@pytest.fixture(scope="module")
def classifier() -> RuleClassifier:
    """One classifier for the module (it is immutable)."""
    return load_classifier()


def _labels(result: Classification) -> set[EventType]:
    """The label types of a classification."""
    return {label.label for label in result.labels}


def test_bombing_with_deaths_is_attack(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "Car bomb kills 9 near market\n\nA car bomb exploded near a busy market in the city "
        "on Monday, killing nine people and wounding 20, police said."
    )
    assert result.primary is EventType.ATTACK


def test_trigger_offsets_point_into_the_text(classifier: RuleClassifier) -> None:
    text = "Gunmen ambushed a police patrol on the highway, killing four officers."
    result = classifier.classify(text)
    triggers = [t for label in result.labels for e in label.evidence for t in e.triggers]
    assert triggers
    assert all(text[t.start : t.end] == t.text for t in triggers)


def test_evidence_sentence_is_a_span_of_the_text(classifier: RuleClassifier) -> None:
    text = "The council met on Monday. Rebels shelled the town overnight."
    evidence = classifier.classify(text).labels[0].evidence[0]
    assert (
        text[evidence.start : evidence.end]
        == evidence.sentence
        == ("Rebels shelled the town overnight.")
    )


def test_recapture_with_clashes_is_advance_first_and_attack(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "Army retakes northern town\n\nGovernment troops recaptured the town from rebels on "
        "Sunday after heavy fighting in which several fighters were killed."
    )
    assert result.primary is EventType.ADVANCE
    assert _labels(result) == {EventType.ADVANCE, EventType.ATTACK}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The government warned that it would fight any foreign troops sent to the region.",
            "threat",
        ),
        (
            "Armed militants warned election workers in the province they would be killed if "
            "they took part in the vote.",
            "threat",
        ),
        (
            "The embassy closed its doors on Monday after receiving a specific threat of a "
            "terrorist attack.",
            "threat",
        ),
        ("Unions warned of a wave of strikes if the pension reform went ahead.", "other"),
        (
            "The government vowed revenge after its diplomats were expelled in a hacking row.",
            "other",
        ),
        ("The rebel group threatened reprisals against villagers who help the army.", "threat"),
    ],
)
def test_warnings_of_violence_are_threats_and_others_are_not(
    classifier: RuleClassifier, text: str, expected: str
) -> None:
    assert classifier.classify(text).primary is EventType(expected)


def test_threat_to_kill_hostage_is_threat(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "Kidnappers threaten to behead driver\n\nThe group said it would kill the driver "
        "within 48 hours unless his employer left the country."
    )
    assert result.primary is EventType.THREAT


def test_armed_men_taking_hostages_is_attack(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "Heavily armed gunmen seized a school in the south of the country, taking hundreds of "
        "children hostage."
    )
    assert result.primary is EventType.ATTACK


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen stormed the Grand Meridian hotel, shooting at guests in the lobby.", {"attack"}),
        ("Militants stormed a crowded theatre on Friday night and took the audience hostage.",
         {"attack"}),
        ("Rebels stormed Kolwezi on Monday after a week of fighting.", {"advance"}),
        ("Riot police stormed the mosque and arrested twenty people.", {"other"}),
        ("Football fans stormed the pitch after the final whistle.", {"other"}),
        ("Mourners marched through the streets of Hebron at the funeral of a gunman killed by"
         " soldiers the day before.", {"other"}),
        ("Rebels marched into the town on Sunday.", {"advance"}),
        ("Troops pushed through the streets of the old city, killing dozens of insurgents.",
         {"advance", "attack"}),
        ("A three-day offensive left more than 60 rebels dead, the army said.", {"attack"}),
    ],
)  # fmt: skip
def test_storming_buildings_and_marching_take_no_ground_and_offensives_leave_the_dead(
    classifier: RuleClassifier, text: str, expected: set[str]
) -> None:
    assert {label.value for label in _labels(classifier.classify(text))} == expected


def test_abduction_with_threat_is_attack_and_threat(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "Gunmen seize engineer\n\nGunmen abducted an engineer on Monday and threatened to "
        "kill him unless a ransom was paid."
    )
    assert _labels(result) == {EventType.ATTACK, EventType.THREAT}


@pytest.mark.parametrize(
    "text",
    [
        "The former minister died of a heart attack at his home on Sunday.",
        "A price war between airlines threatens to wipe out profits this year.",
        "The drought is a serious threat to the economy, the central bank warned.",
        "Advance ticket sales for the concert broke records.",
        "The union threatened to strike next month over pay.",
        "The senator attacked her rival's tax plan during the debate.",
        "Iran hangs two men for murder. Iran executed two men convicted of murder in a"
        " prison in Tehran on Wednesday.",
        "Yankees take control of AL East race. The New York Yankees took control of the"
        " American League East with a win over Boston.",
        "Software maker launches legal attack on spammers. The company filed lawsuits against"
        " several firms it accused of sending junk e-mail.",
        "The army test-fired a nuclear-capable ballistic missile on Saturday, officials said.",
        "The convicted killer was executed by lethal injection on Thursday.",
        "EU ministers threatened sanctions against the government unless it reined in militias.",
        "Five military planes entered the neighbouring country's air defence identification zone.",
        "UN team visits bombed town. A UN team visited the town that was bombed last month to"
        " assess the damage.",
        "The space agency launched two rockets into orbit on Tuesday.",
        "The company fired 12 workers at its plant in the north.",
    ],
)
def test_non_conflict_senses_are_other(classifier: RuleClassifier, text: str) -> None:
    assert classifier.classify(text).primary is EventType.OTHER


@pytest.mark.parametrize(
    "text",
    [
        "Government troops advanced about 12 kilometres along the river road, a spokesman said.",
        "Rebel forces advance near the northern town as the army falls back.",
        "Government troops advanced to within five miles of the rebel-held airport on Sunday.",
        "The army has occupied three more hilltop positions held by the insurgents.",
        "The two army posts seized from the rebels overlook the main road, the military said.",
        "Resistance forces took contol of two villages from the rebels after heavy clashes.",
        "Insurgents seized several police stations in the city after police abandoned them.",
    ],
)
def test_forces_advancing_over_ground_is_advance(classifier: RuleClassifier, text: str) -> None:
    assert classifier.classify(text).primary is EventType.ADVANCE


@pytest.mark.parametrize(
    "text",
    [
        "Settlers moved into homes in the occupied West Bank, Israeli media reported.",
        "The minister said the army had occupied a central role in politics for decades.",
        "Police said weapons seized from the militants included rifles and grenades.",
        "Shares advanced to within a few points of their record high.",
    ],
)
def test_occupied_seized_from_and_advanced_within_need_a_position(
    classifier: RuleClassifier, text: str
) -> None:
    assert EventType.ADVANCE not in _labels(classifier.classify(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A raid is an attack only when its sentence names violence.
        ("Police seized two tonnes of cocaine in a raid on a warehouse in the port.", "other"),
        ("Police raided several homes and arrested five people suspected of fraud.", "other"),
        ("Troops raided a hideout and killed two gunmen in an exchange of fire.", "attack"),
        ("Warplanes raided three villages by air on Monday, the ministry said.", "attack"),
        # An arrest over an attack in the headline is a follow-up, unless it reports one too.
        (
            "Suspect arrested over Istanbul bombings\n\nTurkish police arrested a man suspected "
            "of involvement in the November 15 Istanbul synagogue bombings.",
            "other",
        ),
        (
            "Kremlin vows to hunt down siege masterminds\n\nThe president vowed to punish those"
            " behind last month's hostage siege that killed more than 300 people.",
            "other",
        ),
        (
            "Gunmen kill two guards, police detain suspect over raid\n\nGunmen killed two "
            "guards at a bank on Monday; police later detained a suspect.",
            "attack",
        ),
        (
            "Troops repel rebel attack and arrest two fighters. On Monday troops repelled a "
            "rebel attack on the town and arrested two fighters.",
            "attack",
        ),
        (
            "Kidnapped oil workers released\n\nSeven foreign oil workers kidnapped in the delta "
            "last week were freed unharmed on Sunday.",
            "other",
        ),
        # Soldiers killed in a road accident are no attack unless something hostile is named.
        (
            "Three soldiers killed in road accident. Three soldiers were killed when their truck"
            " overturned on a mountain road, the army said.",
            "other",
        ),
        (
            "Three soldiers were killed when their truck hit a roadside bomb and overturned.",
            "attack",
        ),
    ],
)
def test_the_context_decides_between_attack_and_other(
    classifier: RuleClassifier, text: str, expected: str
) -> None:
    assert classifier.classify(text).primary is EventType(expected)


def test_rebels_storming_a_palace_is_advance(classifier: RuleClassifier) -> None:
    text = "Armed rebels stormed the presidential palace in the capital as the president fled."
    assert classifier.classify(text).primary is EventType.ADVANCE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers stopped the bus and shot dead the driver, witnesses said.", "attack"),
        ("At the end of the day militants attacked the army base outside the town.", "attack"),
        ("Leaders agreed to end the fighting in the region by the spring.", "other"),
        ("A peace deal ending eight weeks of fighting was signed in the capital.", "other"),
        ("A wanted drug lord shot dead two police officers in the city centre.", "attack"),
        ("Asylum seekers were attacked by a mob armed with knives, killing two.", "attack"),
        ("They urged the army to launch an attack on the town before the rains.", "other"),
    ],
)
def test_intentions_and_stopping_govern_only_the_triggers_they_point_at(
    classifier: RuleClassifier, text: str, expected: str
) -> None:
    assert classifier.classify(text).primary is EventType(expected)


def test_denied_attack_is_not_attack(classifier: RuleClassifier) -> None:
    result = classifier.classify("The rebel group denied carrying out the attack.")
    assert result.primary is EventType.OTHER


def test_possible_attack_is_not_attack(classifier: RuleClassifier) -> None:
    result = classifier.classify("Officials said militants could attack the capital.")
    assert EventType.ATTACK not in _labels(result)


def test_a_year_that_ends_the_events_date_is_not_history(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "The militant group on Friday July 3, 2015 reportedly beheaded eleven of its fighters."
    )
    assert result.primary is EventType.ATTACK


@pytest.mark.parametrize(
    "text",
    [
        "Masked men wielding machetes stabbed a blogger and author to death near his home.",
        "Four protesters were stabbed by militiamen in the city centre on Sunday.",
        "Six people were hanged by Islamic State in the city for hiding phone cards.",
        "An unidentified armed group targeted the house of the manager of the city hospital and"
        " former head of the university with a grenade in the south of the city.",
        "As protests raged, an armed group targeted police with a hand grenade, injuring ten.",
        "The muezzin of the town's main mosque was killed the night before last.",
        "Rebel forces launched two ballistic missiles from the capital towards the border.",
        "The rebels downed two military helicopters in the mountains on Sunday.",
        "Militants shot an RPG at an army tank in the district.",
        "A hand grenade was thrown at police near the demonstration area.",
        "A prisoner died due to torture by the prison guards.",
        "Monitors observed a total of 12 shots involving small arms near the village.",
        "Rebels fired 12.7mm and 14.5mm machine guns, PK machine guns and sniper shots at"
        " residential villages.",
        "Members of the outfit exchanged gun shots with the police in the locality.",
        "The terrorists slit the throats of 12 people in the town as troops evacuated civilians.",
        "The house and car of the activist were targeted with bullets on Sunday night.",
        "An armed group targeted a civilian's house with a hand grenade, causing damage only.",
        "Unidentified armed men attacked an activist after he left the protests, and injured him.",
        "A suicide bomber targeted mourners at a mosque on Sunday, killing 24 people, the latest"
        " in a series of attacks on funerals.",
        "Government planes bombed the village on the edge of the rebel-held district.",
    ],
)
def test_stabbings_hangings_and_grenades_of_armed_men_are_attacks(
    classifier: RuleClassifier, text: str
) -> None:
    assert classifier.classify(text).primary is EventType.ATTACK


def test_last_years_bombing_is_history(classifier: RuleClassifier) -> None:
    result = classifier.classify("Hundreds gathered in the square to remember last year's bombing.")
    assert result.primary is EventType.OTHER


def test_a_death_toll_update_is_other(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "Death toll from hostel siege rises to 41\n\nOfficials said the death toll from last"
        " week's siege of a student hostel had risen to 41."
    )
    assert result.primary is EventType.OTHER


def test_trial_over_bombing_is_other(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "Bombing suspect goes on trial\n\nA man accused of the bombing of a bus station went "
        "on trial on Monday."
    )
    assert result.primary is EventType.OTHER


def test_road_accident_deaths_are_not_attack(classifier: RuleClassifier) -> None:
    result = classifier.classify("Fourteen people were killed when a bus collided with a truck.")
    assert result.primary is EventType.OTHER


def test_other_carries_a_score(classifier: RuleClassifier) -> None:
    result = classifier.classify("Parliament approved the budget on Tuesday.")
    assert [(label.label, label.score) for label in result.labels] == [(EventType.OTHER, 1.0)]


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample article not present")
def test_seed_article_is_advance_then_attack(classifier: RuleClassifier) -> None:
    raw = (SAMPLE / "alalam-2017-01-02-mosul-intisar.txt").read_text("utf-8")
    result = classifier.classify(raw.split("string(")[0])
    assert result.primary is EventType.ADVANCE
    assert EventType.ATTACK in _labels(result)


@pytest.mark.parametrize(
    "text",
    [
        "Weapons seizure: On 3 May, police seized grenades and two rocket launchers in a raid.",
        "Interception: On 20 September, the militia shot down an unidentified drone near the town.",
        "Mass grave: On 5 April, troops found a mass grave holding the bodies of people killed by"
        " the militants years ago.",
    ],
)
def test_report_type_tag_marks_a_non_event(classifier: RuleClassifier, text: str) -> None:
    assert classifier.classify(text).primary is EventType.OTHER


def test_tear_gas_at_protesters_is_not_an_attack(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "Police fired tear gas at demonstrators who blocked the main road to demand jobs."
    )
    assert result.primary is EventType.OTHER


def test_defused_bomb_is_a_threat_not_an_attack(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "Bomb defused near stadium\n\nPolice defused a bomb found in a bag near the stadium."
    )
    assert _labels(result) == {EventType.THREAT}


def test_death_threats_in_a_trial_story_are_threats(classifier: RuleClassifier) -> None:
    result = classifier.classify(
        "A judge in the militia trial has received death threats, court officials said."
    )
    assert result.primary is EventType.THREAT


def test_weapons_used_to_kill_are_not_an_intention(classifier: RuleClassifier) -> None:
    result = classifier.classify("Militiamen used artillery to kill three fighters near the dam.")
    assert result.primary is EventType.ATTACK


def test_shared_literals_are_found_in_the_same_scan() -> None:
    classifier = RuleClassifier(shared={"step": {"army": 1, "soldier": 2}})
    text = "The Army said a soldier was killed."
    found = classifier.classify(text).literals["step"]
    army, soldier = text.index("Army") + 3, text.index("soldier") + 6
    assert sorted(found) == [(army, "army"), (soldier, "soldier")]
    assert classifier.classify(text).labels == load_classifier().classify(text).labels
