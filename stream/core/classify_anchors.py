"""Anchor words for trigger rules: literals every match must contain, found in one text scan.

A rule's regex is only run on the sentences that contain one of its anchors. The anchors are
derived from the regex itself (the parsed pattern), so rules and anchors cannot drift apart.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Final

import ahocorasick

__all__ = [
    "Anchor",
    "AnchorIndex",
    "Candidates",
    "contained_literals",
    "required_literals",
    "split_branches",
    "start_literals",
]

_PARSER: Final[Any] = importlib.import_module("re._parser")
_CONST: Final[Any] = importlib.import_module("re._constants")
_REPEATS: Final = (_CONST.MAX_REPEAT, _CONST.MIN_REPEAT, _CONST.POSSESSIVE_REPEAT)
_MIN_ANCHOR: Final = 3
_COMMON: Final = frozenset(
    {"kill", "attack", "attacks", "bomb", "fight", "fighting", "strike", "force", "forces",
     "the", "to ", "into", "from", "out of", " over ", "over", "and", "with"}
)  # fmt: skip


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case literals one of which occurs in every match of `pattern`; None if unknown."""
    found = _required(_PARSER.parse(pattern, re.IGNORECASE))
    return frozenset(found) if found else None


def contained_literals(pattern: str) -> frozenset[str] | None:
    """`required_literals`, or rarer ones: the literals one of which starts the rest of every
    match at a top-level part of `pattern` that no literal precedes ('taken from', not ' from')."""
    required = required_literals(pattern)
    candidates: list[set[str]] = [set(required)] if required else []
    parsed = list(_PARSER.parse(pattern, re.IGNORECASE))
    for index, (op, _) in enumerate(parsed):
        if index and parsed[index - 1][0] is _CONST.LITERAL and op is _CONST.LITERAL:
            continue
        found, _ = _starts(parsed[index:])
        if min(map(len, found)) >= _MIN_ANCHOR:
            candidates.append(found)
    if not candidates:
        return None
    best: set[str] = max(candidates, key=_selectivity)
    return frozenset(best)


def _required(items: Iterable[tuple[Any, Any]]) -> set[str] | None:
    """The best literal set of a parsed sequence: longest shortest member, fewest members."""
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is _CONST.LITERAL:
            run.append(chr(value).lower())
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        found = _node(op, value)
        if found:
            candidates.append(found)
    if run:
        candidates.append({"".join(run)})
    prefixes = _prefixes(list(items))
    if prefixes and min(map(len, prefixes)) >= _MIN_ANCHOR:
        candidates.append(prefixes)
    if not candidates:
        return None
    return max(candidates, key=_selectivity)


def _prefixes(items: list[tuple[Any, Any]], limit: int = 64) -> set[str] | None:
    """Literal prefixes, one of which starts every match (expanding leading alternatives)."""
    found = {""}
    for op, value in items:
        if op is _CONST.LITERAL:
            found = {prefix + chr(value).lower() for prefix in found}
            continue
        if op is _CONST.SUBPATTERN:
            inner = _prefixes(list(value[-1]), limit)
        elif op is _CONST.BRANCH:
            options = [_prefixes(list(branch), limit) for branch in value[1]]
            inner = None if any(o is None for o in options) else set().union(*filter(None, options))
        elif op is _CONST.IN and all(kind is _CONST.LITERAL for kind, _ in value):
            inner = {chr(code).lower() for _, code in value}
        else:
            inner = None
        if not inner or len(found) * len(inner) > limit:
            return found
        found = {prefix + suffix for prefix in found for suffix in inner}
        return found
    return found


def start_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case literals of 3+ letters one of which starts every match; None if unknown."""
    found, _ = _starts(list(_PARSER.parse(pattern, re.IGNORECASE)))
    if not found or min(map(len, found)) < _MIN_ANCHOR:
        return None
    return frozenset(found)


def _starts(items: list[tuple[Any, Any]], limit: int = 256) -> tuple[set[str], bool]:
    """Literal starts of a parsed sequence, expanding alternatives and optional parts.

    Every match begins with one of the strings; the flag is True when they spell out the
    whole sequence (so literals after it may still be appended).
    """
    found = {""}
    for op, value in items:
        if op is _CONST.LITERAL:
            inner, whole = {chr(value).lower()}, True
        elif op is _CONST.IN and all(kind is _CONST.LITERAL for kind, _ in value):
            inner, whole = {chr(code).lower() for _, code in value}, True
        elif op is _CONST.SUBPATTERN:
            inner, whole = _starts(list(value[-1]), limit)
        elif op is _CONST.BRANCH:
            options = [_starts(list(branch), limit) for branch in value[1]]
            inner = set().union(*(option for option, _ in options))
            whole = all(complete for _, complete in options)
        elif op in _REPEATS and value[0] == 0 and value[1] == 1:
            inner, whole = _starts(list(value[2]), limit)
            inner = inner | {""}
        else:
            return found, False
        if len(found) * len(inner) > limit:
            return found, False
        found = {prefix + suffix for prefix in found for suffix in inner}
        if not whole:
            return found, False
    return found, True


def _selectivity(words: set[str]) -> tuple[bool, bool, int, int]:
    """Prefer anchors of 3+ letters, then without very common conflict words, then longer."""
    shortest = min(map(len, words))
    return (shortest >= _MIN_ANCHOR, not words & _COMMON, shortest, -len(words))


def split_branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regex ('a|(b|c)' gives 'a' and '(b|c)')."""
    branches: list[str] = []
    depth, start, escaped, in_class = 0, 0, False, False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
    branches.append(pattern[start:])
    return branches


def _node(op: Any, value: Any) -> set[str] | None:
    """The literal set of one parsed node that is not a literal."""
    if op is _CONST.SUBPATTERN:
        return _required(value[-1])
    if op is _CONST.BRANCH:
        branches = [_required(branch) for branch in value[1]]
        if any(branch is None for branch in branches):
            return None
        return set().union(*(branch for branch in branches if branch))
    if op in _REPEATS:
        low, _high, item = value
        return _required(item) if low >= 1 else None
    if op is _CONST.IN and all(kind is _CONST.LITERAL for kind, _ in value):
        return {chr(code).lower() for _, code in value}
    return None


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a literal anchors: rules that need it, prefixed rules it starts, its length - 1.

    A class, not a tuple: compiled code passes it on as it is, with no tuple to unpack or
    build again per hit.
    """

    anchored: frozenset[int]
    started: tuple[int, ...]
    back: int


class Candidates:
    """Per sentence, the rules whose anchors occur and (rule, offset) pairs of prefixed rules.

    A prefixed rule can only match where one of its start literals begins, so its pairs list
    every place worth trying, sorted by rule and offset. A class with its own `__init__`, not
    a dataclass, whose `__init__` would run interpreted in compiled code (one per text).
    """

    __slots__ = ("starts", "units")

    def __init__(self, units: list[set[int]], starts: list[list[tuple[int, int]]]) -> None:
        """Keep the rules and the (rule, offset) pairs of every sentence."""
        self.units = units
        self.starts = starts


class AnchorIndex:
    """Finds, per sentence, the rules whose anchors occur in it (Aho-Corasick over the text).

    Rules listed as `prefixed` whose matches all start with one of a few literals of 3+ letters
    are found by the offsets of those literals instead: only there can a match of theirs start.
    Those whose start literals do not contain their anchors ('was ' for 'was dead') are
    `checked`: their starts are worth trying only in sentences where their anchors occur too.
    """

    def __init__(self, patterns: Sequence[str], prefixed: Collection[int] = ()) -> None:
        """Derive every pattern's anchors or start literals (the automaton comes when needed)."""
        self._always: set[int] = set()
        self.prefixed: set[int] = set()
        self.checked: set[int] = set()
        owners: dict[str, tuple[set[int], set[int]]] = {}
        for index, pattern in enumerate(patterns):
            starts = start_literals(pattern) if index in prefixed else None
            literals = contained_literals(pattern)
            if starts:
                self.prefixed.add(index)
                for literal in starts:
                    owners.setdefault(literal, (set(), set()))[1].add(index)
                if not literals or all(any(r in s for r in literals) for s in starts):
                    continue
                self.checked.add(index)
            elif literals is None:
                self._always.add(index)
            for literal in literals or ():
                owners.setdefault(literal, (set(), set()))[0].add(index)
        self.literals: dict[str, Anchor] = {
            literal: Anchor(frozenset(anchored), tuple(sorted(started)), len(literal) - 1)
            for literal, (anchored, started) in owners.items()
        }
        """Every literal and what it anchors (to share one scan with other literals)."""

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        """An automaton of the literals, built when a text is first scanned here."""
        automaton = ahocorasick.Automaton()
        for literal, anchor in self.literals.items():
            automaton.add_word(literal, anchor)
        automaton.make_automaton()
        return automaton

    def _find(self, lowered: str) -> Iterator[tuple[int, Anchor]]:
        """The end offset and anchor of every literal in a lower-cased text."""
        found: Iterator[tuple[int, Anchor]] = self._automaton.iter(lowered)
        return found

    def candidates(
        self, lowered: str, starts: list[int], found: Iterable[tuple[int, Anchor]] | None = None
    ) -> Candidates:
        """For each sentence of lower-cased text (by start offset), the rules worth running.

        The literals are looked up in the text unless given as `found` by a shared scan (typed
        hits, not the automaton's untyped ones: compiled code then compares machine integers).
        """
        units = [set(self._always) for _ in starts]
        pairs: list[list[tuple[int, int]]] = [[] for _ in starts]
        if not units:
            return Candidates(units, pairs)
        hits = self._find(lowered) if found is None else found
        bounds = [*starts[1:], len(lowered)]
        last = len(bounds) - 1
        sentence, bound, first = 0, bounds[0], starts[0]
        current, into = units[0], pairs[0]
        for end, anchor in hits:
            if end >= bound and sentence < last:
                while end >= bound and sentence < last:
                    sentence += 1
                    bound = bounds[sentence]
                first, current, into = starts[sentence], units[sentence], pairs[sentence]
            if anchor.anchored:
                current |= anchor.anchored
            if anchor.started:
                at = end - anchor.back
                if at >= first:
                    listed = into
                elif (earlier := bisect_right(starts, at) - 1) >= 0:
                    listed = pairs[earlier]
                else:
                    continue
                for index in anchor.started:
                    listed.append((index, at))
        for listed in pairs:
            listed.sort()
        return Candidates(units, pairs)
