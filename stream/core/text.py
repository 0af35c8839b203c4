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
_ABBREVIATION_SET: Final = frozenset(_ABBREVIATIONS)
_ABBREVIATION_LENGTHS: Final = tuple(sorted({len(word) for word in _ABBREVIATIONS}))
_ABBREVIATION_ENDS: Final = frozenset(word[-2:] for word in _ABBREVIATIONS)
"""The last two characters of every abbreviation: a text ending in none of them ends in none."""
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
        if at < cursor:
            continue
        if text[at] == "\n":
            # The pattern's first alternative: a newline closes a sentence by itself.
            _append(sentences, text, start, at)
            start = cursor = at + 1
            continue
        match = _SENTENCE_END.match(text, at)
        if match is None:
            continue
        cursor = match.end()
        end = match.end(1)
        if _ends_with_abbreviation(text, start, end) and "\n" not in match.group():
            continue
        _append(sentences, text, start, end)
        start = cursor
    _append(sentences, text, start, len(text))
    return sentences


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    """`text.endswith(_ABBREVIATIONS, start, end)`, by a set lookup per abbreviation length."""
    if text[end - 2 : end] not in _ABBREVIATION_ENDS:
        return False
    for length in _ABBREVIATION_LENGTHS:
        if end - length >= start and text[end - length : end] in _ABBREVIATION_SET:
            return True
    return False


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """Append the stripped span [start, end) when it holds any text."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        begin = start + len(chunk) - len(chunk.lstrip())
        sentences.append(_sentence(stripped, begin, begin + len(stripped)))


def _sentence(text: str, start: int, end: int) -> Sentence:
    """`Sentence(text, start, end)`, built by tuple's own constructor: compiled code then runs
    no interpreted `__new__` of the named tuple."""
    return tuple.__new__(Sentence, (text, start, end))


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
