"""Tests of anchor literals derived from trigger rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from stream.core.classify_anchors import (
    AnchorIndex,
    contained_literals,
    required_literals,
    split_branches,
    start_literals,
)
from stream.core.classify_lexicon import RULES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_required_literals_expand_alternative_prefixes() -> None:
    assert required_literals(r"(?:die|dies|dying) (?:in|after)\b") == {"die", "dies", "dying"}


def test_pattern_without_literals_has_no_anchor() -> None:
    assert required_literals(r"\w+\d*") is None


def test_split_branches_keeps_nested_alternatives_whole() -> None:
    assert split_branches(r"a|(?:b|c)d|[|]e") == ["a", "(?:b|c)d", "[|]e"]


@pytest.mark.parametrize("index", range(len(RULES)))
def test_every_rule_branch_has_an_anchor(index: int) -> None:
    for branch in split_branches(RULES[index].pattern):
        assert required_literals(branch), branch


def test_every_match_of_a_branch_contains_one_of_its_anchors() -> None:
    text = "troops recaptured the town after gunmen opened fire and killed two policemen"
    for rule in RULES:
        for branch in split_branches(rule.pattern):
            anchors = required_literals(branch) or frozenset()
            for match in re.finditer(branch, text, re.IGNORECASE):
                assert any(anchor in match.group().lower() for anchor in anchors)


def test_contained_literals_spell_out_the_rest_of_a_match() -> None:
    pattern = r"(?:town|city)\b (?:\w+ )?(?:re)?(?:captured|taken) from\b"
    assert required_literals(pattern) == {" from"}
    assert contained_literals(pattern) == {"captured from", "taken from"}


def test_every_match_of_a_branch_contains_one_of_its_contained_literals() -> None:
    lines = (FIXTURES / "threats.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [str(json.loads(line)["text"]) for line in lines]
    texts.append("troops recaptured the town after gunmen opened fire and killed two policemen")
    for rule in RULES:
        for branch in split_branches(rule.pattern):
            anchors = contained_literals(branch) or frozenset()
            for text in texts:
                for match in re.finditer(branch, text, re.IGNORECASE):
                    assert any(anchor in match.group().lower() for anchor in anchors), branch


def test_candidates_are_listed_per_sentence() -> None:
    index = AnchorIndex([r"kill\w*", r"threat"])
    assert index.candidates("they killed two. no threat here.", [0, 17]).units == [{0}, {1}]


def test_prefixed_rules_get_the_offsets_of_their_start_literals() -> None:
    index = AnchorIndex([r"(?:car|truck) bomb", r"\w+ bomb"], prefixed={0, 1})
    assert index.prefixed == {0}
    assert index.candidates("a car bomb and a truck bomb", [0]).starts == [[(0, 2), (0, 17)]]
    expected = {"car bomb", "carbomb", "truck bomb", "truckbomb"}
    assert start_literals(r"(?:car|truck) ?bomb") == expected
    assert start_literals(r"(?:a|the)\w* bomb") is None


def test_start_literals_expand_optional_parts() -> None:
    assert start_literals(r"re-?took\b") == {"retook", "re-took"}
    assert start_literals(r"(?:mass )?shootings?") == {
        "mass shooting",
        "mass shootings",
        "shooting",
        "shootings",
    }
    assert start_literals(r"ab?\w") is None


def test_every_match_of_a_branch_starts_with_one_of_its_start_literals() -> None:
    lines = (FIXTURES / "threats.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [str(json.loads(line)["text"]) for line in lines]
    for rule in RULES:
        for branch in split_branches(rule.pattern):
            starts = start_literals(branch)
            if starts is None or "(?-i:" in branch:
                continue
            for text in texts:
                for match in re.finditer(r"\b(?:" + branch + ")", text, re.IGNORECASE):
                    assert match.group().lower().startswith(tuple(starts)), branch
