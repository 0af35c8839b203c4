"""Literal gates: one scan of a text tells where a context pattern could match at all.

A pattern matches only where one of its required literals occurs, so a window of the text
without any of them needs no regex search. Literals are cut to their longest piece without
spaces, so the gate also holds for texts re-joined from the words of a window.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence

import ahocorasick

from stream.core.classify_anchors import required_literals

__all__ = ["GateHits", "Gates"]


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
    """The gate literals found in one lower-cased text: (end offset, gate bits), in text order."""

    def __init__(self, found: list[tuple[int, int]], bits: Mapping[str, int]) -> None:
        """Keep the literals found and each gate's bit (0 for a gate that is always open)."""
        self._found = found
        self._bits = bits

    def open(self, name: str, begin: int, end: int) -> bool:
        """True unless no literal of gate `name` can lie within text[begin:end]."""
        bit = self._bits[name]
        if not bit:
            return True
        found = self._found
        for index in range(bisect_left(found, (begin,)), len(found)):
            at, bits = found[index]
            if at >= end:
                return False
            if bits & bit:
                return True
        return False


class Gates:
    """Named groups of patterns and one Aho-Corasick automaton over their literals."""

    def __init__(self, groups: Mapping[str, Sequence[re.Pattern[str]]]) -> None:
        """Derive every group's literals and build the automaton."""
        owners: dict[str, int] = {}
        self._bits: dict[str, int] = {}
        for number, (name, patterns) in enumerate(groups.items()):
            literals = _pieces(patterns)
            self._bits[name] = 0 if literals is None else 1 << number
            for literal in literals or ():
                owners[literal] = owners.get(literal, 0) | 1 << number
        self._automaton = ahocorasick.Automaton()
        for literal, bits in owners.items():
            self._automaton.add_word(literal, bits)
        self._automaton.make_automaton()

    def scan(self, lowered: str) -> GateHits:
        """Find every gate literal in a lower-cased text."""
        if self._automaton.kind != ahocorasick.AHOCORASICK:
            return GateHits([], self._bits)
        return GateHits(list(self._automaton.iter(lowered)), self._bits)
