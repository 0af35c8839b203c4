"""Literal gates: one scan of a text tells where a context pattern could match at all.

A pattern matches only where one of its required literals occurs, so a window of the text
without any of them needs no regex search. Literals are cut to their longest piece without
spaces, so the gate also holds for texts re-joined from the words of a window.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property

import ahocorasick

from stream.core.classify_anchors import required_literals

__all__ = ["GateHits", "GateLiterals", "Gates"]


def _pieces(patterns: Sequence[re.Pattern[str]]) -> set[str] | None:
    """Space-free literals one of which occurs in every match of any pattern; None if unknown."""
    found: set[str] = set()
    for pattern in patterns:
        literals = required_literals(pattern.pattern)
        if literals is None:
            return None
        for literal in literals:
            piece = max(literal.split(), key=len, default="")
            if not piece:
                return None
            found.add(piece)
    return found


class GateHits:
    """Where one lower-cased text holds each gate's literals: sorted end offsets per gate."""

    __slots__ = ("_numbers", "_positions")

    def __init__(self, positions: list[list[int]], numbers: Mapping[str, int]) -> None:
        """Keep each gate's literal end offsets and the gates' numbers (-1: always open)."""
        self._positions = positions
        self._numbers = numbers

    def open(self, name: str, begin: int, end: int) -> bool:
        """True unless no literal of gate `name` can lie within text[begin:end]."""
        number = self._numbers[name]
        if number < 0:
            return True
        found = self._positions[number]
        index = bisect_left(found, begin)
        return index < len(found) and found[index] < end


GateLiterals = tuple[int, ...]
"""The numbers of the gates a literal belongs to."""


class Gates:
    """Named groups of patterns and one Aho-Corasick automaton over their literals."""

    def __init__(self, groups: Mapping[str, Sequence[re.Pattern[str]]]) -> None:
        """Derive every group's literals (the automaton is built on the first scan)."""
        owners: dict[str, list[int]] = {}
        self._numbers: dict[str, int] = {}
        for number, (name, patterns) in enumerate(groups.items()):
            literals = _pieces(patterns)
            self._numbers[name] = -1 if literals is None else number
            for literal in literals or ():
                owners.setdefault(literal, []).append(number)
        self._count = len(groups)
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

    def scan(
        self, lowered: str, found: Iterable[tuple[int, GateLiterals]] | None = None
    ) -> GateHits:
        """Find every gate literal in a lower-cased text, or take them as `found` elsewhere."""
        if found is None:
            empty = self._automaton.kind != ahocorasick.AHOCORASICK
            found = () if empty else self._automaton.iter(lowered)
        positions: list[list[int]] = [[] for _ in range(self._count)]
        for at, numbers in found:
            for number in numbers:
                positions[number].append(at)
        return GateHits(positions, self._numbers)
