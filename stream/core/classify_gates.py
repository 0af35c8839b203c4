"""Literal gates: one scan of a text tells where a context pattern could match at all.

A pattern matches only where one of its required literals occurs, so a window of the text
without any of them needs no regex search. Literals are cut to their longest piece without
spaces, so the gate also holds for texts re-joined from the words of a window; the literals
of a gate whose patterns only ever search the text itself are kept whole (more selective).
Very short literals ('or', 'to', '20') occur nearly everywhere: optionally they are left out of
the scan and looked for with str.find in the few windows a gate is asked about.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from functools import cached_property

import ahocorasick

from stream.core.classify_anchors import required_literals

__all__ = ["GateHits", "GateLiterals", "Gates"]


def _pieces(patterns: Sequence[re.Pattern[str]], whole: bool) -> set[str] | None:
    """Literals one of which occurs in every match of any pattern, cut to their longest piece
    without spaces unless kept `whole`; None if unknown."""
    found: set[str] = set()
    for pattern in patterns:
        literals = required_literals(pattern.pattern)
        if literals is None:
            return None
        for literal in literals:
            piece = literal if whole else max(literal.split(), key=len, default="")
            if not piece:
                return None
            found.add(piece)
    return found


class GateHits:
    """Where one lower-cased text holds each gate's literals: sorted end offsets per gate."""

    __slots__ = ("_gates", "_hits", "_lowered", "_numbers", "_positions", "_short")

    def __init__(
        self,
        positions: list[list[int]],
        gates: Gates,
        hits: Sequence[tuple[int, GateLiterals]],
        lowered: str,
    ) -> None:
        """Keep each gate's literal end offsets, every hit (by end offset) of the `gates` and
        the text (to look for the literals left out of the scan)."""
        self._positions = positions
        self._gates = gates
        self._numbers = gates.numbers
        self._short = gates.short
        self._hits = hits
        self._lowered = lowered

    def open(self, name: str, begin: int, end: int) -> bool:
        """True unless no literal of gate `name` can lie within text[begin:end]."""
        number = self._numbers[name]
        if number < 0:
            return True
        found = self._positions[number]
        index = _first_at_or_after(found, begin)
        if index < len(found) and found[index] < end:
            return True
        return _ends_within(self._lowered, self._short[number], begin, end)

    def opened(self, begin: int, end: int) -> set[str]:
        """The names of the gates `open` within text[begin:end], found by one range lookup."""
        hits, names = self._hits, self._gates.names
        first = bisect_left(hits, (begin,))
        found = set(self._gates.always)
        for _, numbers in hits[first : bisect_left(hits, (end,), first)]:
            found.update(names[number] for number in numbers)
        for number, short in enumerate(self._short):
            if short and _ends_within(self._lowered, short, begin, end):
                found.add(names[number])
        return found


def _ends_within(text: str, literals: tuple[str, ...], begin: int, end: int) -> bool:
    """True when one of `literals` ends within text[begin:end] (where a scan reports it)."""
    if end <= begin:
        return False
    for literal in literals:
        if text.find(literal, max(0, begin - len(literal) + 1), end) >= 0:
            return True
    return False


def _first_at_or_after(offsets: list[int], begin: int) -> int:
    """`bisect_left(offsets, begin)`, written out: compiled, it runs on machine integers with
    no call into the bisect module (a gate is asked some 170 times per 3 KB text)."""
    low, high = 0, len(offsets)
    while low < high:
        middle = (low + high) // 2
        if offsets[middle] < begin:
            low = middle + 1
        else:
            high = middle
    return low


GateLiterals = tuple[int, ...]
"""The numbers of the gates a literal belongs to."""


class Gates:
    """Named groups of patterns and one Aho-Corasick automaton over their literals."""

    def __init__(
        self,
        groups: Mapping[str, Sequence[re.Pattern[str]]],
        exact: Collection[str] = (),
        unscanned: int = 0,
    ) -> None:
        """Derive every group's literals (the automaton is built on the first scan); the groups
        named `exact` search only the text itself, never words re-joined from it. Literals of
        at most `unscanned` characters are looked for with str.find when a gate is asked."""
        owners: dict[str, list[int]] = {}
        self.numbers: dict[str, int] = {}
        """Every gate's number (-1: no literals, always open)."""
        short: list[list[str]] = [[] for _ in groups]
        for number, (name, patterns) in enumerate(groups.items()):
            literals = _pieces(patterns, whole=name in exact)
            self.numbers[name] = -1 if literals is None else number
            for literal in sorted(literals or ()):
                if len(literal) <= unscanned:
                    short[number].append(literal)
                else:
                    owners.setdefault(literal, []).append(number)
        self.short = tuple(tuple(literals) for literals in short)
        """Every gate's literals left out of the scan, by its number."""
        self._count = len(groups)
        self.names = tuple(groups)
        """Every gate's name by its number."""
        self.always = frozenset(name for name, number in self.numbers.items() if number < 0)
        """The gates without literals: open everywhere."""
        self.literals: dict[str, GateLiterals] = {
            literal: tuple(numbers) for literal, numbers in owners.items()
        }
        """Every literal and the gates it belongs to (to share one scan with other literals)."""

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        """An automaton of the literals, built when a text is first scanned here."""
        automaton = ahocorasick.Automaton()
        for literal, numbers in self.literals.items():
            automaton.add_word(literal, numbers)
        automaton.make_automaton()
        return automaton

    def _find(self, lowered: str) -> Iterator[tuple[int, GateLiterals]]:
        """The end offset and gates of every literal in a lower-cased text."""
        if self._automaton.kind != ahocorasick.AHOCORASICK:
            return iter(())
        found: Iterator[tuple[int, GateLiterals]] = self._automaton.iter(lowered)
        return found

    def scan(
        self, lowered: str, found: Iterable[tuple[int, GateLiterals]] | None = None
    ) -> GateHits:
        """Find every gate literal in a lower-cased text, or take them as `found` elsewhere (typed
        hits, not the automaton's untyped ones: compiled code then reads them without lookups)."""
        hits = list(self._find(lowered) if found is None else found)
        positions: list[list[int]] = [[] for _ in range(self._count)]
        for at, numbers in hits:
            for number in numbers:
                positions[number].append(at)
        return GateHits(positions, self, hits, lowered)
