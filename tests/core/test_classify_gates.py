"""Literal gates: closed only where a pattern cannot match."""

from __future__ import annotations

import re

import pytest

from stream.core.classify_context import EXACT_GATED, GATED
from stream.core.classify_gates import Gates

TEXT = (
    "gunmen killed two soldiers last year, police said. no one was hurt in the crash."
    " the  army   was  about to  attack since january."
)


def test_a_gate_is_closed_only_where_no_literal_lies() -> None:
    hits = Gates({"crash": (re.compile(r"\bcrash\w*"),)}).scan(TEXT)
    start = TEXT.index("crash")
    assert hits.open("crash", start, start + 5)
    assert not hits.open("crash", 0, start)
    assert not hits.open("crash", start + 5, len(TEXT))


def test_a_pattern_without_literals_is_always_open() -> None:
    hits = Gates({"word": (re.compile(r"\w+"),)}).scan("")
    assert hits.open("word", 0, 0)


@pytest.mark.parametrize("unscanned", [0, 2, 5])
def test_gates_hold_for_every_window_and_rejoined_words(unscanned: int) -> None:
    hits = Gates(GATED, exact=EXACT_GATED, unscanned=unscanned).scan(TEXT)
    for name, patterns in GATED.items():
        for begin in range(0, len(TEXT), 7):
            for end in range(begin, len(TEXT) + 1, 11):
                window = TEXT[begin:end]
                rejoined = window if name in EXACT_GATED else " ".join(window.split())
                if any(p.search(window) or p.search(rejoined) for p in patterns):
                    assert hits.open(name, begin, end), (name, window)


def test_an_exact_gate_keeps_literals_with_spaces_whole() -> None:
    groups = {"alone": (re.compile(r"\bthis year alone\b"),)}
    assert set(Gates(groups, exact={"alone"}).literals) == {"this year alone"}
    assert set(Gates(groups).literals) == {"alone"}


@pytest.mark.parametrize("unscanned", [0, 2, 5])
def test_opened_names_the_gates_open_in_a_window(unscanned: int) -> None:
    groups = {**GATED, "word": (re.compile(r"\w+"),)}
    hits = Gates(groups, unscanned=unscanned).scan(TEXT)
    for begin in range(0, len(TEXT), 5):
        for end in range(begin, len(TEXT) + 1, 9):
            expected = {name for name in groups if hits.open(name, begin, end)}
            assert hits.opened(begin, end) == expected, (begin, end)


def test_unscanned_literals_open_a_gate_exactly_where_scanned_ones_do() -> None:
    groups = {"or": (re.compile(r"\bor be\b"),), "no": (re.compile(r"\bno\b"),)}
    scanned, unscanned = Gates(groups).scan(TEXT), Gates(groups, unscanned=2).scan(TEXT)
    assert not Gates(groups, unscanned=2).literals
    for name in groups:
        for begin in range(len(TEXT) + 1):
            for end in range(begin - 2, len(TEXT) + 3):
                assert scanned.open(name, begin, end) == unscanned.open(name, begin, end)
