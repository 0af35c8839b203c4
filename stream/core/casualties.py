"""Killed and injured counts from digits and number words, with lower-bound flags."""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas import Casualties, EventType, Trigger
from stream.core.analysis import Classification
from stream.core.text import Sentence, split_sentences

__all__ = ["CasualtyCounter", "parse_number"]

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "two dozen": 24, "single": 1, "lone": 1,
}  # fmt: skip
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "several": 3, "a few": 3}
_WORDS = "|".join(sorted((*_UNITS, *_VAGUE), key=len, reverse=True))
_NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORDS})"
    rf"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
_QUAL = (
    r"(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as"
    r"|an estimated|approximately|roughly|a total of|another|at most)"
)
_NOT_PEOPLE = (
    r"(?:years?|yrs|year-old|-year-old|percent|%|per cent|km|kilomet\w+|miles?|metres?|meters?"
    r"|hours?|days?|weeks?|months?|minutes?|am|pm|vehicles?|cars?|trucks?|tanks?|buses|houses?"
    r"|homes?|buildings?|shops?|times|rounds|shells|rockets|mortars|bombs|blasts|explosions"
    r"|attacks|dollars|million|billion|tonnes|tons|villages|towns|provinces|districts|points)"
)
_GROUP = (
    rf"(?<!\bno )(?:{_QUAL} )?{_NUM}(?! {_NOT_PEOPLE}\b)(?:[ -](?!(?:and|were|was|have|had|in|on"
    rf"|at|when|after|while|by|near|as|including|during|from|of)\b)[\w'-]+){{0,4}}"
)
_LIST = rf"{_GROUP}(?:(?:,| and|, and) {_GROUP}){{0,3}}"
_KILLED_AFTER = (
    r"(?:were |was |have been |had been |are |being |reportedly |later |all |also |confirmed )*"
    r"(?:killed|dead|died|slain|shot dead|gunned down|massacred|murdered|executed|beheaded"
    r"|lost their lives|perished|fatalities|deaths|bodies|fatally)"
)
_INJURED_AFTER = (
    r"(?:were |was |have been |had been |are |being |reportedly |also |seriously |critically "
    r"|slightly |badly )*(?:wounded|injured|hurt|injuries|casualties)"
)
_KILLED_BEFORE = (
    r"(?:killing|killed|kills|kill|leaving|left|claimed the lives of|massacred|murdered|executed"
    r"|shot dead|gunned down|shot and killed|beheaded|deaths of|death toll (?:\w+ ){0,4}?"
    r"(?:to|at|of|reached|hit))"
)
_INJURED_BEFORE = r"(?:wounding|wounded|injuring|injured|injures|wounds|hurting|hurt)"
_PATTERNS = (
    ("killed", re.compile(rf"\b(?P<list>{_LIST}) {_KILLED_AFTER}\b", re.IGNORECASE)),
    ("killed", re.compile(rf"\b{_KILLED_BEFORE} (?P<list>{_LIST})", re.IGNORECASE)),
    ("injured", re.compile(rf"\b(?P<list>{_LIST}) {_INJURED_AFTER}\b", re.IGNORECASE)),
    ("injured", re.compile(rf"\b{_INJURED_BEFORE} (?P<list>{_LIST})", re.IGNORECASE)),
)
_NUMBER = re.compile(rf"\b(?P<qual>{_QUAL} )?(?P<num>{_NUM})\b", re.IGNORECASE)
_PRONOUN_KILL = re.compile(r"\b(?:killing|killed|shot dead|murdered|beheaded) (?:him|her)\b", re.I)
_NONE_KILLED = re.compile(
    r"\b(?:no (?:one|body|people|civilians|\w+ )?(?:was |were )?(?:killed|dead|fatalities"
    r"|deaths|casualties)|without casualties)\b",
    re.IGNORECASE,
)
_ADDITIVE = re.compile(r"\b(?:also|another|separately|in addition|elsewhere|meanwhile)\b", re.I)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_AGE = re.compile(r"[- ]?(?:years?|yrs?)\b", re.IGNORECASE)


def parse_number(text: str) -> tuple[int, bool] | None:
    """Parse digits or number words ('39', 'seven', 'twenty-one', 'dozens'); flag vague ones."""
    word = text.lower().replace(",", "").strip()
    if word.isdigit():
        return int(word), False
    if word in _VAGUE:
        return _VAGUE[word], True
    if word in _UNITS:
        return _UNITS[word], False
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return _UNITS[parts[0]] + _UNITS[parts[1]], False
    return None


@dataclass(slots=True)
class _Count:
    """A count found in one sentence."""

    value: int
    lower_bound: bool
    triggers: list[Trigger]


def _sum_list(text: str, offset: int) -> _Count | None:
    """Sum every number in a list phrase such as 'four soldiers and a civilian'."""
    total, lower, triggers = 0, False, []
    for match in _NUMBER.finditer(text):
        parsed = parse_number(match.group("num"))
        if parsed is None or _YEAR.match(match.group("num")) or _AGE.match(text, match.end()):
            continue
        value, vague = parsed
        total += value
        lower = lower or vague or bool(match.group("qual"))
        start = offset + match.start()
        triggers.append(Trigger(text=match.group(), start=start, end=offset + match.end()))
    return _Count(total, lower, triggers) if triggers else None


def _sentence_counts(sentence: Sentence) -> dict[str, _Count]:
    """The killed and injured counts reported in one sentence (the largest mention of each)."""
    counts: dict[str, _Count] = {}
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence.text):
            count = _sum_list(match.group("list"), sentence.start + match.start("list"))
            if count is not None and count.value > counts.get(kind, _Count(-1, False, [])).value:
                counts[kind] = count
    pronoun = None if "killed" in counts else _PRONOUN_KILL.search(sentence.text)
    if pronoun is not None:
        trigger = Trigger(
            text=pronoun.group(),
            start=sentence.start + pronoun.start(),
            end=sentence.start + pronoun.end(),
        )
        counts["killed"] = _Count(1, False, [trigger])
    return counts


class CasualtyCounter:
    """Extracts killed and injured counts for the main event of a text."""

    def extract(self, text: str, classification: Classification) -> Casualties:
        """Return casualties from the sentences that report the event (attack evidence first)."""
        sentences = _event_sentences(text, classification)
        totals: dict[str, _Count] = {}
        for sentence in sentences:
            additive = _ADDITIVE.search(sentence.text) is not None
            for kind, count in _sentence_counts(sentence).items():
                current = totals.get(kind)
                if current is None:
                    totals[kind] = count
                elif additive:
                    totals[kind] = _Count(
                        current.value + count.value,
                        current.lower_bound or count.lower_bound,
                        current.triggers + count.triggers,
                    )
                elif count.value > current.value:
                    totals[kind] = count
        killed = totals.get("killed")
        injured = totals.get("injured")
        if killed is None and _NONE_KILLED.search(text):
            killed = _Count(0, False, [])
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
