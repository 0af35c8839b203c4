"""ASCII twins of classifier patterns: the same matches in ASCII text."""

from __future__ import annotations

import re

import pytest

from stream.core.classify_lexicon import TwinPattern, ascii_twin

ASCII_TEXT = "Gunmen SHOT 12 dead, killing_3\x1cothers; Shot dead.\nKill-team"


@pytest.mark.parametrize("source", [r"\bkill\w*\b", r"(?i)\bshot\b", r"\d+ dead", r"\W+\w"])
def test_ascii_twin_finds_the_same_in_ascii_text(source: str) -> None:
    """The twin's matches in ASCII text are the pattern's."""
    pattern = re.compile(source)
    twin = ascii_twin(pattern)
    assert twin is not pattern
    assert [m.span() for m in twin.finditer(ASCII_TEXT)] == [
        m.span() for m in pattern.finditer(ASCII_TEXT)
    ]


@pytest.mark.parametrize("source", [r"a\sb", r"\S+", "[“”]\\w"])
def test_ascii_twin_keeps_patterns_with_spaces_or_other_characters(source: str) -> None:
    """Unicode spaces and case-folding can reach ASCII text: such patterns have no twin."""
    pattern = re.compile(source)
    assert ascii_twin(pattern) is pattern


def test_twin_pattern_runs_the_pattern_itself_on_other_text() -> None:
    """Text with other characters is searched by the pattern as written."""
    pattern = re.compile(r"\bshot\b")
    twin = TwinPattern(pattern)
    assert twin.on("Jürgen was shot") is pattern
    assert twin.on("He was shot") is not pattern


@pytest.mark.parametrize("text", ["Jürgen was shot", "He was shot", "Nobody was hurt"])
def test_twin_pattern_search_finds_what_the_pattern_finds(text: str) -> None:
    """A twin's search gives the pattern's first match, in ASCII text and in other text."""
    pattern = re.compile(r"\bshot\b")
    found = TwinPattern(pattern).search(text)
    expected = pattern.search(text)
    assert (found and found.span()) == (expected and expected.span())
