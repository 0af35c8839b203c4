"""Text utilities shared by the analysis steps: sentence spans and normalisation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, NamedTuple

__all__ = ["Sentence", "normalise_space", "occurrences", "split_sentences"]

_SENTENCE_END: Final = re.compile(r"[.!?\n](?:(?<=\n)|(?<!\n)([\"'”’)]*)\s+(?=[\"'“‘(]?[A-Z0-9]))")
"""A newline, or end punctuation, closing quotes and spaces before a capital or a digit.

Group 1 is None for a newline."""
_SENTENCE_CLOSERS: Final = (".", "!", "?", "\n")
"""The characters that open every _SENTENCE_END match: it is tried only where they are."""
_ABBREVIATIONS: Final = (
    "Mr.",
    "Mrs.",
    "Dr.",
    "Gen.",
    "Lt.",
    "Col.",
    "Maj.",
    "Sgt.",
    "St.",
    "U.S.",
    "U.N.",
    "No.",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Gov.",
)
_SPACES: Final = re.compile(r"\s+")


class Sentence(NamedTuple):
    """A sentence and its character span in the source text."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences, keeping offsets; newlines always end a sentence."""
    sentences: list[Sentence] = []
    start = cursor = 0
    for at in occurrences(text, _SENTENCE_CLOSERS):
        match = _SENTENCE_END.match(text, at) if at >= cursor else None
        if match is None:
            continue
        cursor = match.end()
        end = match.end(1)
        if end < 0:
            end = match.start()
        elif text.endswith(_ABBREVIATIONS, start, end) and "\n" not in match.group():
            continue
        _append(sentences, text, start, end)
        start = cursor
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """Append the stripped span [start, end) when it holds any text."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        begin = start + len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(stripped, begin, begin + len(stripped)))


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to single spaces and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def occurrences(text: str, needles: Iterable[str]) -> list[int]:
    """The offsets where one of `needles` begins in `text`, in order (str.find, not a regex)."""
    offsets: list[int] = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            offsets.append(at)
            at = text.find(needle, at + 1)
    offsets.sort()
    return offsets
