"""Fatalities a coder split across several events ('11 fatalities divided between two events')."""

from __future__ import annotations

import re
from typing import Final

from stream.core.casualty_openings import opening_words, search_from
from stream.core.casualty_patterns import parse_number

__all__ = ["SPLIT_WORDS", "split_share"]

# The patterns run on lower-cased text (`stream.core.classify_context.fold`).

_PARTS: Final = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_SPLIT: Final = re.compile(
    r"\b(?:fatalit(?:y|ies) (?:(?:were|are|was|is) )?(?:\w+ )?(?:split|spread|divided|halved)\b"
    r"|(?:split|spread|divided)(?: up)? (?:across|among|between|over|into) (?:the )?"
    rf"(?:(?P<parts>{_PARTS}|both) )?(?:events?|locations?)\b)",
)
"""A note that the fatalities are split across events: 'fatalities split ...', or a split
'across N events' (or locations)."""
_SPLIT_STARTS: Final = opening_words(_SPLIT)
SPLIT_WORDS: Final = ("split", "spread", "divided", "halved")
"""One of these words is in every split note: a text without them needs no regex search."""
_PARTS_AFTER: Final = re.compile(
    rf"^(?: up)? (?:across|among|between|over|into) (?:the )?(?P<parts>{_PARTS}|both)\b",
)
_EACH: Final = re.compile(
    r"(?P<each>\d+) (?:fatalit(?:y|ies) )?coded (?:to|for) each\b|\((?P<coded>\d+) fatalit(?:y|ies)"
    r" coded\)|\b(?:events?|locations?) \((?P<paren>\d+)\)",
)
_TOTAL: Final = re.compile(
    r"\b(?P<total>\d+) (?:(?:coded )?fatalit(?:y|ies)|in total)\b|\btotal of (?P<of>\d+)\b",
)
_SENTENCE_END: Final = re.compile(r"\.(?:\s|$)")


def split_share(
    low: str, killed: int | None, coded: int | None = None
) -> tuple[int, int, int] | None:
    """This event's share of the fatalities a note in `low` (a lower-cased text) splits across
    events, and where the note is (start, end); None when no split is noted. A share the note
    gives ('5 coded to each') is taken as written, and so is a `killed` count below the total
    the note names ('killed 2 (5 in total, split across two events)'); otherwise the `coded`
    count, the total the note names or `killed` is divided, halves rounded up."""
    if not any(word in low for word in SPLIT_WORDS):
        return None
    split = search_from(_SPLIT, _SPLIT_STARTS, low)
    if split is None:
        return None
    begin = max((m.end() for m in _SENTENCE_END.finditer(low, 0, split.start())), default=0)
    stop_match = _SENTENCE_END.search(low, split.end())
    stop = stop_match.start() if stop_match else len(low)
    each = _EACH.search(low, begin, stop)
    if each is not None:
        value = next(group for group in each.groups() if group)
        return int(value), split.start(), split.end()
    named = _TOTAL.search(low, begin, split.end())
    named_total = int(named["total"] or named["of"]) if named else None
    if named_total is not None and killed is not None and killed < named_total:
        return killed, split.start(), split.end()
    total = coded if coded is not None else named_total if named_total is not None else killed
    if total is None:
        return None
    parts_word = split["parts"] or _parts_after(low, split.end())
    parsed = parse_number(parts_word) if parts_word and parts_word != "both" else None
    parts = parsed[0] if parsed else 2
    return int(total / parts + 0.5), split.start(), split.end()


def _parts_after(low: str, end: int) -> str | None:
    """The number of parts named just after a 'fatalities split' note ('... across 3 events')."""
    found = _PARTS_AFTER.search(low[end : end + 40])
    return found["parts"] if found else None
