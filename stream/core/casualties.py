"""Killed and injured counts from digits and number words, with lower-bound flags."""

from __future__ import annotations

import re

from schemas import Casualties, EventType, Trigger
from stream.core.analysis import Classification
from stream.core.casualty_patterns import (
    CODED,
    COUNT_PATTERNS,
    NONE_KILLED,
    SINGLE_PATTERNS,
    Count,
    parse_number,
    sum_list,
)
from stream.core.classify_context import fold
from stream.core.text import Sentence, split_sentences

__all__ = ["CasualtyCounter", "parse_number"]

_ADDITIVE = re.compile(
    r"\balso (?:\w+ )?(?:killed|died|left|claimed)|^(?:in (?:another|a separate)|separately"
    r"|elsewhere|meanwhile|in addition)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^<>]{1,40}>")
_KIND_WORDS = {
    "killed": re.compile(
        r"kill|dead|died|death|slain|massacr|murder|execut|behead|perish|fatalit|bodies|lives"
        r"|gunned|assassin|lynch"
    ),
    "injured": re.compile(r"wound|injur|hurt|casualt"),
}


def _sentence_counts(text: str, low: str, sentence: Sentence, headline: bool) -> dict[str, Count]:
    """The killed and injured counts reported in one sentence (the largest mention of each)."""
    counts: dict[str, Count] = {}
    kinds = {
        kind
        for kind, words in _KIND_WORDS.items()
        if words.search(low, sentence.start, sentence.end)
    }
    for kind, pattern in COUNT_PATTERNS:
        if kind not in kinds:
            continue
        for match in pattern.finditer(low, sentence.start, sentence.end):
            count = sum_list(text, match.start("list"), match.end("list"), headline=headline)
            if count is not None and _earlier(count, counts.get(kind)):
                counts[kind] = count
    if "killed" in kinds and "killed" not in counts:
        single = _single(text, sentence)
        if single is not None:
            counts["killed"] = single
    return counts


def _earlier(count: Count, current: Count | None) -> bool:
    """True when `count` is mentioned before the current one (the first report stands)."""
    return current is None or count.triggers[0].start < current.triggers[0].start


def _single(text: str, sentence: Sentence) -> Count | None:
    """One victim named without a number ('a policeman was killed', 'killed the driver')."""
    for pattern in SINGLE_PATTERNS:
        match = pattern.search(text, sentence.start, sentence.end)
        if match is not None:
            pair = match.groupdict().get("pair")
            trigger = Trigger(text=match.group(), start=match.start(), end=match.end())
            return Count(2 if pair else 1, False, [trigger])
    return None


def _merge(totals: dict[str, Count], counts: dict[str, Count], additive: bool) -> None:
    """Fold one sentence's counts in: the first report stands, separate incidents add up."""
    for kind, count in counts.items():
        current = totals.get(kind)
        if current is None:
            totals[kind] = count
        elif additive:
            totals[kind] = Count(
                current.value + count.value,
                current.lower_bound or count.lower_bound,
                current.triggers + count.triggers,
            )


class CasualtyCounter:
    """Extracts killed and injured counts for the main event of a text."""

    def extract(self, text: str, classification: Classification) -> Casualties:
        """Return casualties from the sentences that report the event (attack evidence first)."""
        clean = _TAG.sub(lambda tag: " " * len(tag.group()), text)
        low = fold(clean)
        totals: dict[str, Count] = {}
        for sentence in _event_sentences(clean, classification):
            counts = _sentence_counts(clean, low, sentence, headline=sentence.start == 0)
            _merge(totals, counts, _ADDITIVE.search(sentence.text) is not None)
        killed = totals.get("killed")
        injured = totals.get("injured")
        coded = CODED.search(clean)
        if coded is not None:
            trigger = Trigger(text=coded.group(), start=coded.start(), end=coded.end())
            killed = Count(int(coded.group("num")), False, [trigger])
        elif killed is None and NONE_KILLED.search(clean):
            killed = Count(0, False, [])
        return Casualties(
            killed=killed.value if killed else None,
            injured=injured.value if injured else None,
            killed_is_lower_bound=killed.lower_bound if killed else False,
            injured_is_lower_bound=injured.lower_bound if injured else False,
            evidence=(killed.triggers if killed else []) + (injured.triggers if injured else []),
        )


def _event_sentences(text: str, classification: Classification) -> list[Sentence]:
    """Sentences that carry attack evidence, in text order; every sentence when there are none."""
    sentences = split_sentences(text)
    spans = {
        (evidence.start, evidence.end)
        for label in classification.labels
        if label.label is EventType.ATTACK
        for evidence in label.evidence
    }
    chosen = [s for s in sentences if (s.start, s.end) in spans]
    return chosen or sentences
