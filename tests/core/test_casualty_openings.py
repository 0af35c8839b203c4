"""Opening words of a pattern: trying it only where one begins finds what finditer finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from stream.core.casualty_openings import Openers, Openings, openings
from stream.core.casualty_patterns import COUNT_PATTERNS


def test_opening_words_follow_alternatives_optional_parts_and_digits() -> None:
    found = openings(re.compile(r"\b(?:(?:at least|some) )?(?:\d+|two|kills?)\b victims"))
    assert found == Openings(frozenset({"at", "some", "two", "kill", "kills"}), digits=True)


def test_lookarounds_before_the_first_boundary_are_passed_over() -> None:
    found = openings(re.compile(r"(?<!after the )\bkill(?:ed|ing) (?=\w)"))
    assert found == Openings(frozenset({"killed", "killing"}), digits=False)


def test_case_insensitive_opening_words_are_lower_cased() -> None:
    found = openings(re.compile(r"\bKill(?:ed|ing) (?-i:[A-Z])", re.IGNORECASE))
    assert found == Openings(frozenset({"killed", "killing"}), digits=False)


@pytest.mark.parametrize(
    "pattern",
    [r"kill", r"\bkill", r"\b(?i:kill)ed\b", r"\b\w+ killed"],
)
def test_unknown_openings(pattern: str) -> None:
    assert openings(re.compile(pattern)) is None


@pytest.mark.parametrize(
    "text",
    [
        "at least 12 militants were killed and four soldiers were wounded, he said",
        "two dead. (3 injured) and twenty-one hurt; a man and his son were killed",
        "gunmen killed 2, wounding 1,200 people and killing a 3rd",
    ],
)
def test_opening_words_find_every_match(text: str) -> None:
    patterns = [pattern for _, pattern in COUNT_PATTERNS]
    opened = [opening for opening in map(openings, patterns) if opening is not None]
    words = Openers(opened).find(text, 0, len(text))
    for pattern, opening in zip(patterns, opened, strict=True):
        found: list[tuple[int, int]] = []
        for at, word in words:
            match = pattern.match(text, at) if opening.admit(word) else None
            if match is not None and (not found or at >= found[-1][1]):
                found.append(match.span())
        assert found == [match.span() for match in pattern.finditer(text)]


_WORDS: frozenset[str] = frozenset({"two", "kill", "killed", "a"})


@given(
    text=st.text(alphabet="akilledtwo 2\u0663_\u00e9\u00c9.,()?[\"-\n\t'", max_size=40),
    begin=st.integers(0, 40),
    end=st.integers(0, 40),
)
@example(text="killed, 2,500 (a)-two\nkill_ed a\u0663", begin=0, end=33)
def test_openers_find_the_opening_words_of_every_word(text: str, begin: int, end: int) -> None:
    openers = Openers([Openings(_WORDS, digits=True)])
    words = [
        (begin + match.start(), match.group()) for match in re.finditer(r"\w+", text[begin:end])
    ]
    expected = [
        (at, word[0]) if word[0].isdecimal() else (at, word)
        for at, word in words
        if word[0].isdecimal() or word in _WORDS
    ]
    assert openers.find(text, begin, end) == expected
