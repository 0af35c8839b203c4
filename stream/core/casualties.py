"""Killed and injured counts from digits and number words, with lower-bound flags."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Final

from schemas import Casualties, EventType, Trigger
from stream.core.analysis import Classification, LiteralHits
from stream.core.casualty_openings import (
    Openers,
    Openings,
    Word,
    known_openings,
    openings,
    search_from,
)
from stream.core.casualty_patterns import (
    CODED,
    COUNT_PATTERNS,
    LINK_PHRASES,
    LINKED_SINGLE,
    NONE_KILLED,
    SINGLE_PATTERNS,
    Count,
    parse_number,
    sum_list,
)
from stream.core.casualty_split import SPLIT_WORDS, split_share
from stream.core.classify_anchors import start_literals
from stream.core.classify_context import fold
from stream.core.classify_gates import GateHits, Gates
from stream.core.classify_lexicon import CASE_SENSITIVE, caseless, for_lowered
from stream.core.text import Sentence, split_sentences

__all__ = ["CasualtyCounter", "parse_number"]

_ADDITIVE: Final = re.compile(
    r"\balso (?:\w+ ){0,4}?(?:killed|died|left|claimed)|^(?:in (?:another|a separate)|separately"
    r"|elsewhere|meanwhile|in addition)\b",
    re.IGNORECASE,
)
_TAG: Final = re.compile(r"<[^<>]{1,40}>")
_MORE: Final = re.compile(r"\b(?:others|also)\b")
_INJURY_AFTER: Final = re.compile(r"(?: \w+)? (?:injured|wounded|hurt)\b")
_EARLIER_BEFORE: Final = re.compile(r"\b(?:after|since|before|earlier|previous|last)\b[^,;]{0,30}$")
_TOLL_UPDATE: Final = re.compile(
    r"\b(?:(?:rais|bring|brought|push)\w* (?:the )?(?:death )?toll|death toll\b[^.]{0,80}?"
    r" (?:rose|rises|has risen|had risen|climbed|climbs|has climbed|jumped)) to (?:at least )?"
    r"(?P<num>[\w,]+)"
    r"(?![\w ,]{0,30}\b(?:since (?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|yesterday|last night)\b)|so far|this (?:year|month|week)|in the past|over the (?:past|last)"
    r"|in recent))"
)
"""A later toll for the same event ('raising the death toll to 3', 'the death toll from the
bombing rose to 32') replaces a smaller count; a
running toll ('bringing the death toll to 200 since March') does not; one since a weekday
does ('raising the death toll to 17 since Monday')."""
"""A later count in a sentence adds to the first when it says so ('while 8 others were also
killed', 'killed 10 others')."""
_LISTED_KIN: Final = re.compile(r", (?:his|her|their) \w", re.IGNORECASE)
"""A relative listed between a victim and the others ('the mukhtar, his wife and two children')."""
_KIND_WORDS: Final = {
    "killed": re.compile(
        r"kill|dead|died|death|slain|massacr|murder|execut|behead|perish|fatalit|bodies|lives"
        r"|gunned|assassin|lynch"
    ),
    "injured": re.compile(r"wound|injur|hurt|casualt"),
}


_KIND_GATES: Final = tuple((kind, f"kind:{kind}") for kind in _KIND_WORDS)
"""A kind's words occur in a sentence exactly when its gate is open there: the words are plain
literals, and a sentence starts after whitespace, so no word reaches into it from before."""
_COUNT_GATES: Final = tuple(f"count:{number}" for number in range(len(COUNT_PATTERNS)))
_COUNT_OPENINGS: Final = tuple(known_openings(pattern) for _, pattern in COUNT_PATTERNS)
_COUNT_OPENERS: Final = Openers(_COUNT_OPENINGS)
_COUNTS: Final = tuple(
    (kind, pattern, gate, opening)
    for (kind, pattern), gate, opening in zip(
        COUNT_PATTERNS, _COUNT_GATES, _COUNT_OPENINGS, strict=True
    )
)
"""Each count pattern's kind, pattern, gate and opening words, read in one loop."""
_SINGLE_GATES: Final = tuple(f"single:{number}" for number in range(len(SINGLE_PATTERNS)))
_STEP: Final = "casualties"
_GATES: Final = Gates(
    {
        **{f"kind:{kind}": (words,) for kind, words in _KIND_WORDS.items()},
        **{f"count:{number}": (pattern,) for number, (_, pattern) in enumerate(COUNT_PATTERNS)},
        **{f"single:{number}": (pattern,) for number, pattern in enumerate(SINGLE_PATTERNS)},
        "additive": (_ADDITIVE,),
        "coded": (CODED,),
        "split": (re.compile("|".join(SPLIT_WORDS)),),
        "toll": (re.compile("toll"),),
    }
)
"""Gates of the sentence patterns, and of the coded count, split note and toll update that are
looked for in the whole text."""


Twin = tuple[re.Pattern[str], re.Pattern[str] | None]
"""A case-insensitive pattern and its form for lower-cased text (None if partly case-sensitive)."""


def _twin(pattern: re.Pattern[str]) -> Twin:
    """The pattern and its form for lower-cased text (`for_lowered`)."""
    return pattern, None if CASE_SENSITIVE in pattern.pattern else for_lowered(pattern)


_SINGLES: Final = tuple(_twin(pattern) for pattern in SINGLE_PATTERNS)
_SINGLE_OPENINGS: Final = tuple(openings(lowered or pattern) for pattern, lowered in _SINGLES)
"""The words the singles (their lower-cased forms where they have them) open with, if known."""
_SINGLE_OPENERS: Final = Openers(filter(None, _SINGLE_OPENINGS))
_SINGLE_STEPS: Final = tuple(zip(_SINGLES, _SINGLE_GATES, _SINGLE_OPENINGS, strict=True))
"""Each single's twin, gate and opening words, zipped once (as `_COUNTS`)."""
_CODED: Final = _twin(CODED)
_NONE_KILLED: Final = _twin(NONE_KILLED)


def _word_starts(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case literals one of which begins every match of a pattern opening with \\b.

    A literal that extends another one is left out: the shorter one finds its offsets too.
    """
    found = start_literals(pattern.pattern.removeprefix(r"\b"))
    if found is None:
        return None
    return frozenset(x for x in found if not any(x != y and x.startswith(y) for y in found))


def _known_word_starts(pattern: re.Pattern[str]) -> frozenset[str]:
    """The start literals of a pattern that must have them (ValueError if unknown)."""
    found = _word_starts(pattern)
    if found is None:
        raise ValueError(f"no start literals known for {pattern.pattern!r}")
    return found


_CODED_STARTS: Final = _word_starts(CODED)
_NONE_STARTS: Final = _word_starts(NONE_KILLED)
_TOLL_STARTS: Final = _known_word_starts(_TOLL_UPDATE)


class _Scan:
    """A text cleaned of tags, lower-cased, and where its patterns' literals occur."""

    __slots__ = ("caseless", "gates", "low", "text")

    def __init__(self, text: str, low: str, gates: GateHits, caseless: bool) -> None:
        """Keep the cleaned text, its lower-cased form, its gate hits and whether it is free
        of letters that only case-insensitive matching equates with an ASCII one."""
        self.text = text
        self.low = low
        self.gates = gates
        self.caseless = caseless

    def may(self, name: str, begin: int, end: int, *, ignore_case: bool = False) -> bool:
        """False when the patterns of gate `name` cannot match in text[begin:end].

        Case-insensitive patterns run on the text itself; lower-cased literals find all their
        matches unless the text holds a letter such as the long s that only they equate.
        """
        return (ignore_case and not self.caseless) or self.gates.open(name, begin, end)

    def may_hold(self, phrases: tuple[str, ...], begin: int, end: int) -> bool:
        """False when no phrase (lower-case), in any case, lies within text[begin:end]; only
        known in the lower-cased text free of letters that only case-insensitive matching
        equates with an ASCII one."""
        return not self.caseless or any(self.low.find(x, begin, end) >= 0 for x in phrases)

    def search(self, twin: Twin, begin: int, end: int) -> re.Match[str] | None:
        """A case-insensitive pattern's first match in text[begin:end].

        Without letters that only case-insensitive matching equates with an ASCII one, the
        lower-cased form runs on the lower-cased text (faster; same offsets and matches).
        """
        pattern, lowered = twin
        if lowered is not None and self.caseless:
            return lowered.search(self.low, begin, end)
        return pattern.search(self.text, begin, end)


def _search(twin: Twin, starts: frozenset[str] | None, scan: _Scan) -> re.Match[str] | None:
    """`scan.search(twin, ...)` over the whole text, tried only where a start literal begins.

    The literals are lower-cased, so they are looked up in the lower-cased text when it holds no
    letter that only case-insensitive matching equates with an ASCII one.
    """
    _, lowered = twin
    if starts is None or lowered is None or not scan.caseless:
        return scan.search(twin, 0, len(scan.text))
    return search_from(lowered, starts, scan.low)


def _scan(text: str, found: LiteralHits | None = None) -> _Scan:
    """Clean tags out of `text` (keeping offsets) and find the gate literals (or take them).

    Literals `found` in the lower-cased text before cleaning may lie in tags too: they only
    open gates where the patterns, run on the cleaned text, then find nothing.
    """
    clean = _TAG.sub(lambda tag: " " * len(tag.group()), text) if "<" in text else text
    low = fold(clean)
    hits = None if found is None else [(at, _GATES.literals[literal]) for at, literal in found]
    return _Scan(clean, low, _GATES.scan(low, hits), caseless(clean))


def _kinds_named(scan: _Scan, sentence: Sentence) -> list[str]:
    """The kinds whose killed or injured words occur in the sentence (their gates are open)."""
    return [kind for kind, gate in _KIND_GATES if scan.may(gate, sentence.start, sentence.end)]


def _sentence_counts(
    scan: _Scan, sentence: Sentence, kinds: list[str], headline: bool
) -> dict[str, Count]:
    """The killed and injured counts reported in one sentence (the largest mention of each)."""
    counts: dict[str, Count] = {}
    low, begin, end = scan.low, sentence.start, sentence.end
    lowered = low if scan.caseless else None
    more: list[tuple[str, Count]] = []
    words: list[Word] | None = None
    for kind, pattern, gate, opening in _COUNTS:
        if kind not in kinds or not scan.may(gate, begin, end):
            continue
        words = _COUNT_OPENERS.find(low, begin, end) if words is None else words
        for match in _matches(pattern, low, opening, words, scan, gate, end):
            first, last = match.span("list")
            count = sum_list(scan.text, first, last, headline=headline, lowered=lowered)
            if count is None:
                continue
            if _earlier(count, counts.get(kind)):
                counts[kind] = count
            if (
                _MORE.search(match.group())
                and not _INJURY_AFTER.match(low, last)
                and not _EARLIER_BEFORE.search(low, max(begin, match.start() - 40), match.start())
            ):
                more.append((kind, count))
    for kind, count in more:
        current = counts[kind]
        if count.triggers[0][1] > current.triggers[-1][2]:
            counts[kind] = Count(
                current.value + count.value,
                current.lower_bound or count.lower_bound,
                current.triggers + count.triggers,
                base=current.value,
            )
    if "killed" in kinds and "killed" not in counts:
        single = _single(scan, sentence)
        if single is not None:
            counts["killed"] = single
    return counts


def _matches(
    pattern: re.Pattern[str],
    source: str,
    opening: Openings,
    words: list[Word],
    scan: _Scan,
    gate: str,
    end: int,
    *,
    first: bool = False,
) -> list[re.Match[str]]:
    """`pattern.finditer(source, begin, end)` for the `words` of low[begin:end] (`source` is
    the text or its lower-cased form), tried only where a word it opens with begins and a
    literal of its `gate` lies ahead in the sentence; only the first match if `first`."""
    found: list[re.Match[str]] = []
    resume = 0
    for at, word in words:
        if at < resume or not opening.admit(word) or not scan.gates.open(gate, at, end):
            continue
        match = pattern.match(source, at, end)
        if match is not None:
            found.append(match)
            if first:
                break
            resume = match.end()
    return found


def _earlier(count: Count, current: Count | None) -> bool:
    """True when `count` is mentioned before the current one (the first report stands)."""
    return current is None or count.triggers[0][1] < current.triggers[0][1]


def _single(scan: _Scan, sentence: Sentence) -> Count | None:
    """One victim named without a number ('a policeman was killed', 'killed the driver'), or
    one and a number of others ('killing the pastor and his two children')."""
    begin, end = sentence.start, sentence.end
    words: list[Word] | None = None
    for twin, gate, opening in _SINGLE_STEPS:
        if not scan.may(gate, begin, end, ignore_case=True) or (
            twin[0] is LINKED_SINGLE and not scan.may_hold(LINK_PHRASES, begin, end)
        ):
            continue
        if opening is None or not scan.caseless:
            match = scan.search(twin, begin, end)
        else:
            words = _SINGLE_OPENERS.find(scan.low, begin, end) if words is None else words
            pattern, lowered = twin
            source = scan.text if lowered is None else scan.low
            found = _matches(
                lowered or pattern, source, opening, words, scan, gate, end, first=True
            )
            match = found[0] if found else None
        if match is not None:
            groups = match.groupdict()
            more = parse_number(groups["more"]) if groups.get("more") else None
            trigger = (scan.text[match.start() : match.end()], match.start(), match.end())
            if more is not None:
                kin = len(_LISTED_KIN.findall(trigger[0]))
                return Count(1 + kin + more[0], more[1], [trigger], more[1])
            return Count(2 if groups.get("pair") is not None else 1, False, [trigger])
    return None


def _merge(totals: dict[str, Count], counts: dict[str, Count], additive: bool) -> None:
    """Fold one sentence's counts in: the first report stands, separate incidents add up, a
    number refines a vague word it agrees with ('kills dozens', then 'killing at least 30'),
    and a count that restates the first and adds others ('40 rebels ..., while five soldiers
    also died', or 'Five soldiers killed' then 'five soldiers and two civilians were killed')
    replaces it."""
    for kind, count in counts.items():
        current = totals.get(kind)
        if current is None or (
            not additive
            and (
                (current.vague and not count.vague and count.value >= current.value)
                or (count.base and count.base == current.value)
                or (count.first and count.first == current.value and count.value > current.value)
            )
        ):
            totals[kind] = count
        elif additive:
            totals[kind] = Count(
                current.value + count.value,
                current.lower_bound or count.lower_bound,
                current.triggers + count.triggers,
            )


class CasualtyCounter:
    """Extracts killed and injured counts for the main event of a text."""

    def shared_literals(self) -> dict[str, Collection[str]]:
        """The gate literals, for the classifier to find in its scan of the text (by step)."""
        return {_STEP: _GATES.literals}

    def extract(self, text: str, classification: Classification) -> Casualties:
        """Return casualties from the sentences that report the event (attack evidence first)."""
        same = classification.text == text
        scan = _scan(text, classification.literals.get(_STEP) if same else None)
        totals: dict[str, Count] = {}
        for sentence in _event_sentences(scan.text, classification):
            kinds = _kinds_named(scan, sentence)
            if not kinds:
                continue
            counts = _sentence_counts(scan, sentence, kinds, headline=sentence.start == 0)
            if not counts:
                continue
            additive = (
                scan.may("additive", sentence.start, sentence.end, ignore_case=True)
                and not any(count.base for count in counts.values())
                and bool(_ADDITIVE.search(sentence.text))
            )
            _merge(totals, counts, additive)
        killed = totals.get("killed")
        injured = totals.get("injured")
        whole = len(scan.text)
        coded = (
            _search(_CODED, _CODED_STARTS, scan)
            if scan.may("coded", 0, whole, ignore_case=True)
            else None
        )
        if coded is not None:
            trigger = (scan.text[coded.start() : coded.end()], coded.start(), coded.end())
            killed = Count(int(coded.group("num")), False, [trigger])
        elif killed is None and _search(_NONE_KILLED, _NONE_STARTS, scan):
            killed = Count(0, False, [])
        killed = _updated_toll(scan, killed)
        share = (
            split_share(
                scan.low,
                killed.value if killed else None,
                int(coded.group("num")) if coded is not None else None,
            )
            if scan.may("split", 0, whole)
            else None
        )
        if share is not None:
            value, start, end = share
            killed = Count(value, False, [(scan.text[start:end], start, end)])
        spans = (killed.triggers if killed else []) + (injured.triggers if injured else [])
        return Casualties(
            killed=killed.value if killed else None,
            injured=injured.value if injured else None,
            killed_is_lower_bound=killed.lower_bound if killed else False,
            injured_is_lower_bound=injured.lower_bound if injured else False,
            evidence=[Trigger(text=phrase, start=start, end=end) for phrase, start, end in spans],
        )


def _updated_toll(scan: _Scan, killed: Count | None) -> Count | None:
    """`killed`, or a larger toll that a later phrase gives for the same event ('raising the
    death toll to 3')."""
    toll = (
        search_from(_TOLL_UPDATE, _TOLL_STARTS, scan.low)
        if scan.may("toll", 0, len(scan.text))
        else None
    )
    parsed = parse_number(toll["num"]) if toll is not None else None
    if toll is None or parsed is None or (killed is not None and parsed[0] <= killed.value):
        return killed
    start, end = toll.span()
    return Count(parsed[0], parsed[1], [(scan.text[start:end], start, end)])


def _event_sentences(text: str, classification: Classification) -> Sequence[Sentence]:
    """Sentences that carry attack evidence, in text order; every sentence when there are none."""
    same = classification.text == text
    sentences = classification.sentences if same else split_sentences(text)
    spans = {
        (evidence.start, evidence.end)
        for label in classification.labels
        if label.label is EventType.ATTACK
        for evidence in label.evidence
    }
    if not spans:
        return sentences
    chosen = [s for s in sentences if (s.start, s.end) in spans]
    return chosen or sentences
