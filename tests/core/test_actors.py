"""Tests of the actor lexicon and finder."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import ActorRole
from stream.core.actors import LexiconActorFinder, load_actor_finder
from stream.core.classifier import load_classifier
from stream.errors import ConfigError


@pytest.fixture(scope="module")
def finder() -> LexiconActorFinder:
    """The bundled lexicon."""
    return load_actor_finder()


def _find(finder: LexiconActorFinder, text: str) -> dict[str, tuple[str, ActorRole]]:
    """Actors found in text after classifying it: name -> (text as written, role)."""
    actors = finder.find(text, load_classifier().classify(text))
    return {actor.name: (actor.text, actor.role) for actor in actors}


@pytest.mark.parametrize("alias", ["ISIS", "ISIL", "IS", "Daesh", "Islamic State"])
def test_islamic_state_aliases_share_one_name(finder: LexiconActorFinder, alias: str) -> None:
    found = _find(finder, f"Troops fought {alias} fighters near the river.")
    assert list(found) == ["Islamic State"]


def test_short_acronym_matches_only_in_capitals(finder: LexiconActorFinder) -> None:
    assert _find(finder, "This is what the minister said.") == {}


def test_nationality_and_force_noun_make_a_state_force(finder: LexiconActorFinder) -> None:
    text = "Iraqi police arrested two men."
    actors = finder.find(text, load_classifier().classify(text))
    assert [(a.name, a.country_code, a.kind) for a in actors] == [
        ("Iraqi Police", "IQ", "state_force")
    ]


def test_subject_of_attack_is_perpetrator_and_object_is_target(
    finder: LexiconActorFinder,
) -> None:
    found = _find(finder, "ISIS attacked Iraqi police near Najaf, killing seven.")
    assert found["Islamic State"][1] is ActorRole.PERPETRATOR
    assert found["Iraqi Police"][1] is ActorRole.TARGET


def test_agent_after_by_is_perpetrator(finder: LexiconActorFinder) -> None:
    found = _find(finder, "Two villagers were killed by al-Shabaab in the south.")
    assert found["al-Shabaab"][1] is ActorRole.PERPETRATOR


def test_actor_is_reported_once_with_first_mention(finder: LexiconActorFinder) -> None:
    text = "The Taliban claimed it. Taliban fighters later withdrew."
    actors = finder.find(text, load_classifier().classify(text))
    assert [(a.name, a.start) for a in actors] == [("Taliban", 4)]


def test_user_file_extends_the_lexicon(tmp_path: Path) -> None:
    extra = tmp_path / "actors.yaml"
    extra.write_text(
        "actors:\n  - name: River Brigade\n    kind: militia\n    aliases: [RB, River Boys]\n",
        "utf-8",
    )
    finder = load_actor_finder([extra])
    assert _find(finder, "The River Boys fired on the camp.") == {
        "River Brigade": ("River Boys", ActorRole.PERPETRATOR)
    }


def test_invalid_user_file_raises_config_error(tmp_path: Path) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text("actors: [unclosed\n", "utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml"):
        load_actor_finder([extra])


def test_actors_are_the_same_from_the_classifier_scan(finder: LexiconActorFinder) -> None:
    text = "Iraqi police said IS militants and the Taliban attacked a PKK camp."
    wired = load_classifier(finder.shared_literals()).classify(text)
    assert all(wired.literals.values())
    assert finder.find(text, wired) == finder.find(text, load_classifier().classify(text))


@pytest.mark.parametrize(
    "text",
    [
        "IRAQI ARMY troops shelled the town. Rebels were attacked BY Syrian Government Forces.",
        "Turkish warplanes struck PKK positions on Monday; Kurdish militias ambushed a convoy.",
        "The village was raided by Nigerian special forces, and Boko Haram fighters fled.",
    ],
)
def test_force_nouns_and_roles_read_from_the_lower_cased_text_are_the_same(
    finder: LexiconActorFinder, text: str
) -> None:
    def actors(written: str) -> list[tuple[str, str, int, int, ActorRole]]:
        found = finder.find(written, load_classifier().classify(written))
        return [(a.name, a.text, a.start, a.end, a.role) for a in found]

    # A long s keeps the case-insensitive patterns on the text itself; an 's' lets the
    # lower-cased ones read the lower-cased text.
    assert actors(f"{text} A long \u017f.") == actors(f"{text} A long s.")
    assert actors(f"{text} A long s.")
