"""The words a pattern's matches open with: it need only be tried where one of them begins.

A pattern that starts with \\b matches only where a word (a maximal run of word characters)
begins, so only the places where one of its opening words begins are worth trying. The words
are derived from the parsed pattern itself, so pattern and words cannot drift apart.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from stream.core.text import occurrences

__all__ = [
    "Openers",
    "Openings",
    "Word",
    "known_openings",
    "opening_words",
    "openings",
    "search_from",
]

_PARSER: Final[Any] = importlib.import_module("re._parser")
_CONST: Final[Any] = importlib.import_module("re._constants")
_LOOKAROUNDS: Final = (_CONST.ASSERT, _CONST.ASSERT_NOT)
_REPEATS: Final = (_CONST.MAX_REPEAT, _CONST.MIN_REPEAT, _CONST.POSSESSIVE_REPEAT)
_DIGIT: Final = [(_CONST.CATEGORY, _CONST.CATEGORY_DIGIT)]
_LIMIT: Final = 1024

Word = tuple[int, str]
"""Where an opening word begins in a text, and the word (of a number, its first digit)."""

_Walk = tuple[set[str], set[str], bool]
"""Word beginnings still growing, finished opening words, and whether a digit may open."""


@dataclass(frozen=True, slots=True)
class Openings:
    """The words every match of a pattern opens with, and whether a digit may open one."""

    words: frozenset[str]
    digits: bool

    def admit(self, word: str) -> bool:
        """True when a match may open with `word` (a maximal run of word characters, or for a
        digit, its first character)."""
        return word in self.words or (self.digits and word[0].isdecimal())


_WORD_BREAKS: Final = re.compile(r"(\W+)")
"""Runs of non-word characters, kept by `re.split` between the words of a text."""
_MARKS: Final = "\"'()[].,;:!?"
"""Punctuation (no word characters) that often opens or closes a word between spaces."""


class Openers:
    """Where the opening words of several patterns begin in a text, found in one scan."""

    def __init__(self, patterns: Iterable[Openings]) -> None:
        """Keep every opening word of the `patterns`, and whether a digit opens one of them."""
        listed = list(patterns)
        self._words = frozenset(word for opening in listed for word in opening.words)
        self._digits = any(opening.digits for opening in listed)

    def find(self, text: str, begin: int, end: int) -> list[Word]:
        """Every opening word (or a digit's first one) of the words in text[begin:end] (maximal
        runs of word characters in it), in text order.

        Most pieces between spaces are one word each, some with punctuation around it; only the
        others are split by a regex.
        """
        found: list[Word] = []
        at = begin
        for piece in text[begin:end].split(" "):
            if piece:
                self._add_piece(found, at, piece)
            at += len(piece) + 1
        return found

    def _add_piece(self, found: list[Word], at: int, piece: str) -> None:
        """Keep the opening words of a piece between spaces that begins at `at`."""
        if piece.isalnum():
            self._add(found, at, piece)
            return
        opened = piece.lstrip(_MARKS)
        word = opened.rstrip(_MARKS)
        if word.isalnum():
            self._add(found, at + len(piece) - len(opened), word)
        elif word:
            for index, part in enumerate(_WORD_BREAKS.split(piece)):
                if index % 2 == 0 and part:
                    self._add(found, at, part)
                at += len(part)

    def _add(self, found: list[Word], at: int, word: str) -> None:
        """Keep a word that begins at `at` if it is an opening one (a number, by its first digit;
        isdigit is the quick test, isdecimal what a regex's \\d accepts)."""
        first = word[0]
        if self._digits and first.isdigit() and first.isdecimal():
            found.append((at, first))
        elif word in self._words:
            found.append((at, word))


def openings(pattern: re.Pattern[str]) -> Openings | None:
    """The opening words (lower-cased) of a pattern starting with \\b (after lookarounds, if
    any); None if unknown. A case-insensitive pattern's matches open with one of them in the
    lower-cased form of a text free of letters that only such matching equates with ASCII."""
    items = list(_PARSER.parse(pattern.pattern, pattern.flags))
    while items and items[0][0] in _LOOKAROUNDS:
        items.pop(0)
    if not items or items[0] != (_CONST.AT, _CONST.AT_BOUNDARY):
        return None
    walk = _sequence(items, {""})
    if walk is None or walk[0]:
        return None
    return Openings(frozenset(walk[1]), walk[2])


def known_openings(pattern: re.Pattern[str]) -> Openings:
    """The opening words of a pattern that must have them (ValueError if unknown)."""
    found = openings(pattern)
    if found is None:
        raise ValueError(f"no opening words known for {pattern.pattern!r}")
    return found


def opening_words(pattern: re.Pattern[str]) -> frozenset[str]:
    """The opening words of a pattern whose matches never open with a digit."""
    found = known_openings(pattern)
    if found.digits:
        raise ValueError(f"a digit may open {pattern.pattern!r}")
    return found.words


def search_from(pattern: re.Pattern[str], starts: Iterable[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, tried only where one of the `starts` begins (one of them begins
    every match: its opening words, say)."""
    for at in occurrences(text, starts):
        if match := pattern.match(text, at):
            return match
    return None


def _sequence(items: Iterable[tuple[Any, Any]], growing: set[str]) -> _Walk | None:
    """Walk a parsed sequence from the word beginnings `growing` until every word is finished."""
    finished: set[str] = set()
    digits = False
    for op, value in items:
        if not growing:
            break
        walk = _node(op, value, growing)
        if walk is None:
            return None
        growing, done, digit = walk
        finished |= done
        digits = digits or digit
        if len(growing) + len(finished) > _LIMIT:
            return None
    return growing, finished, digits


def _node(op: Any, value: Any, growing: set[str]) -> _Walk | None:
    """Walk one parsed node; None when it is not understood."""
    if op is _CONST.LITERAL:
        return _literal(chr(value), growing)
    if op in _LOOKAROUNDS:
        return growing, set(), False
    if op is _CONST.AT and value is _CONST.AT_BOUNDARY:
        return growing & {""}, growing - {""}, False
    if op is _CONST.IN and value == _DIGIT:
        return (set(), set(), True) if growing == {""} else None
    if op is _CONST.IN and all(kind is _CONST.LITERAL for kind, _ in value):
        return _union(_literal(chr(code), growing) for _, code in value)
    if op is _CONST.SUBPATTERN and not value[1] and not value[2]:
        return _sequence(value[3], growing)
    if op is _CONST.BRANCH:
        return _union(_sequence(branch, growing) for branch in value[1])
    if op in _REPEATS:
        return _repeat(value, growing)
    return None


def _literal(char: str, growing: set[str]) -> _Walk | None:
    """A word character grows the words (lower-cased; None if not ASCII); any other finishes
    them (None if none was begun)."""
    if char.isalnum() or char == "_":
        if not char.isascii():
            return None
        return {word + char.lower() for word in growing}, set(), False
    return None if "" in growing else (set(), set(growing), False)


def _repeat(value: Any, growing: set[str]) -> _Walk | None:
    """A repeat whose first pass finishes every word (or that may repeat only once)."""
    least, most, item = value
    once = _sequence(item, growing)
    if once is None or (once[0] and most > 1):
        return None
    return once if least else _union((once, (growing, set(), False)))


def _union(walks: Iterable[_Walk | None]) -> _Walk | None:
    """Every alternative's words together; None if any alternative is not understood."""
    growing: set[str] = set()
    finished: set[str] = set()
    digits = False
    for walk in walks:
        if walk is None:
            return None
        growing |= walk[0]
        finished |= walk[1]
        digits = digits or walk[2]
    return growing, finished, digits
