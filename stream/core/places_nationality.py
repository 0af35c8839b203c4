"""Nationality words ('Iraqi', 'South Sudanese'): the countries they suggest and their focus."""

from __future__ import annotations

from typing import Final

import ahocorasick

from stream.core.places_resolve import DEMONYM_WEIGHT, STRONG_CONTEXT
from stream.core.places_text import word_set

__all__ = ["NationalityWords", "foreign_actor_follows"]

_ACTORS: Final = word_set(
    "forces force troops military army soldiers soldier embassy officials official government "
    "coalition aircraft jets warplanes drone drones navy president ambassador delegation envoy "
    "consulate diplomats diplomat special security artillery airstrikes air authorities "
    "backed led based intelligence border guards militias militia fighters dollar dollars "
    "currency airstrike strike strikes sanctions rebels rebel gunfire shelling operation "
    "operations crimes tourist tourists national nationals airliner citizen citizens hostage "
    "hostages company companies firm firms migrants refugees pilgrims worker workers officer "
    "officers minister ministry policy policies aircrafts warplane fighter"
)


# Actors that act at home: 'Egyptian security forces', 'the Nigerian government'.
_HOME_ACTORS: Final = word_set("government authorities security")
_ACTOR_JOINTS: Final = frozenset(" -‑\n\t")


def foreign_actor_follows(text: str, folded: str, end: int) -> bool:
    """True when the word just after `end` (past a space or hyphen, not other punctuation)
    names a force, an office or a currency that is not at home ('Turkish army', 'US-led',
    'US dollar', not 'the Bangladesh government'): the country is then not where the event
    happened ('in Guinea, officials said' is)."""
    if text[end : end + 1] not in _ACTOR_JOINTS:
        return False
    return _abroad_actor_near(folded, end, 1)


def _abroad_actor_near(folded: str, end: int, words: int) -> bool:
    """True when one of the first `words` words after `end` names a force, an office or a
    currency that is not at home ('Turkish warplanes', 'Russian reconnaissance drones'),
    unless the first names one at home ('the Iraqi security forces')."""
    following = folded[end : end + 40].split()[:words]
    if not following or following[0] in _HOME_ACTORS:
        return False
    return any(word in _ACTORS for word in following)


# The whitespace that folding leaves as it is (it turns all other whitespace into spaces).
_OGHAM_SPACE: Final = "\u1680"
_IDEOGRAPHIC_SPACE: Final = "\u3000"
_UNFOLDED_SPACES: Final = {ord(_OGHAM_SPACE): " ", ord(_IDEOGRAPHIC_SPACE): " "}


def _word_finder(words: dict[str, str]) -> ahocorasick.Automaton | None:
    """An automaton finding the keys of `words`, padded with spaces, with their lengths and
    values (the longest key first where several end at one place); None when there are none."""
    automaton = ahocorasick.Automaton()
    for word, value in words.items():
        if word:
            automaton.add_word(f" {word} ", (len(word), value))
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


class NationalityWords:
    """Finds nationality words in folded text, one-word and two-word ones alike."""

    def __init__(self, demonyms: dict[str, str]) -> None:
        """`demonyms` maps folded nationality words to country codes."""
        self._finder = _word_finder(demonyms)

    def _found(self, folded: str) -> list[tuple[int, int, str]]:
        """Where each nationality word of the folded text starts and ends, with its country
        ('South Sudanese' once, for SS, not 'Sudanese' too)."""
        found: list[tuple[int, int, str]] = []
        if self._finder is None:
            return found
        if _OGHAM_SPACE in folded or _IDEOGRAPHIC_SPACE in folded:
            folded = folded.translate(_UNFOLDED_SPACES)
        padded = f" {folded} "
        previous = -1
        length: int
        code: str
        for last, (length, code) in self._finder.iter(padded):
            if last == previous:
                continue
            previous = last
            found.append((last - 1 - length, last - 1, code))
        return found

    def weights(self, folded: str) -> dict[str, float]:
        """Countries suggested by nationality words ('Iraqi', 'Afghan') in the text, with
        their context weights: a word one or two words before a force, an envoy or a firm
        ('Turkish warplanes', 'Ugandan ADF rebels') is weak, one before anything else ('Iraqi
        villagers', 'the Iraqi government') is strong on its own."""
        found: dict[str, float] = {}
        for _, end, code in self._found(folded):
            weight = DEMONYM_WEIGHT if _abroad_actor_near(folded, end, 2) else STRONG_CONTEXT
            found[code] = found.get(code, 0.0) + weight
        return found

    def home_word(self, text: str, folded: str) -> tuple[int, int, str] | None:
        """The span and country of the first nationality word that no force abroad follows
        ('Iraqi villagers', 'the Iraqi government', not 'Turkish warplanes'), or None."""
        return next(
            (
                (start, end, code)
                for start, end, code in self._found(folded)
                if not foreign_actor_follows(text, folded, end)
            ),
            None,
        )
