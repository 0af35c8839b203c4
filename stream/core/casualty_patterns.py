"""Patterns and number parsing for casualty counts: 'killing four soldiers and a civilian'."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from stream.core.classify_lexicon import for_lowered, lower_pattern

__all__ = [
    "CODED",
    "COUNT_PATTERNS",
    "LINKED_SINGLE",
    "LINK_PHRASES",
    "NONE_KILLED",
    "SINGLE_PATTERNS",
    "Count",
    "Span",
    "by_letter",
    "parse_number",
    "sum_list",
]

_UNITS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "two dozen": 24, "single": 1, "lone": 1,
}  # fmt: skip
_VAGUE: Final = {"dozens": 24, "scores": 40, "hundreds": 200, "several": 3, "a few": 3}
_ONE: Final = frozenset({"a", "an", "one"})


def by_letter(words: Iterable[str]) -> str:
    """An alternation of plain words grouped by first letter ('a(?:bout|round)|over').

    Within a letter the words keep their order, so it matches exactly as the flat list does;
    the regex engine tries one group per letter at each position instead of every word. A word
    may be a regex ('miles?') whose first character is a plain one.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(
        letter + (f"(?:{'|'.join(rests)})" if len(rests) > 1 else rests[0])
        for letter, rests in groups.items()
    )


_NUMBER_WORDS: Final = sorted((*_UNITS, *_VAGUE), key=len, reverse=True)
_WORDS: Final = by_letter(_NUMBER_WORDS)
_NUM: Final = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORDS})"
    rf"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
_QUALIFIERS: Final = (
    "at least", "more than", "over", "nearly", "almost", "about", "around", "some", "up to",
    "as many as", "no fewer than", "no less than", "not less than", "an estimated",
    "approximately", "roughly", "a total of", "a total", "another", "at most", "all", "between",
)  # fmt: skip
_QUAL: Final = f"(?:{by_letter(_QUALIFIERS)})"
_MONTH_NAMES: Final = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept?",
    "oct", "nov", "dec",
)  # fmt: skip
_MONTHS: Final = f"(?:{by_letter(_MONTH_NAMES)})"
_NOT_PEOPLE: Final = "(?:" + by_letter(
    ("years?", "yrs", "year-old", "-year-old", "percent", "%", "per cent", "km", r"kilomet\w+",
     "miles?", "metres?", "meters?", "hours?", "days?", "weeks?", "months?", "minutes?", "am",
     "pm", "vehicles?", "cars?", "trucks?", "tanks?", "buses", "houses?", "homes?", "buildings?",
     "shops?", "times", "rounds", "shells", "rockets", "mortars", "bombs", "blasts", "explosions",
     "attacks", "dollars", "million", "billion", "tonnes", "tons", "villages", "towns",
     "provinces", "districts", "points", "number", "lot", "handful", "total", "series", "string",
     "wave", *_MONTH_NAMES)
) + ")"  # fmt: skip
_GROUP_WORD: Final = (
    r"(?:[ -](?!(?:and|or|but|not|no|did|were|was|have|has|had|in|on|at|when|after|while|by"
    r"|near|as|including|during|from|shot|gunned|hacked|stabbed|killed|dead|died|injured"
    r"|wounded|hurt|who|which|that)\b)[\w'-]+)"
)
_GROUP_START: Final = (
    "(?=[0-9" + "".join(sorted({w[0] for w in (*_QUALIFIERS, *_NUMBER_WORDS)})) + "])"
)
"""Every group starts with a digit or the first letter of a qualifier or number word: a cheap
first test before the alternatives."""
_GROUP: Final = (
    rf"{_GROUP_START}(?<!\bno )(?:{_QUAL} )?{_NUM}\b(?! {_NOT_PEOPLE}\b){_GROUP_WORD}{{0,4}}"
)
_KIN: Final = r"(?:his|her|their) [\w'-]+"
_LIST: Final = rf"{_GROUP}(?:(?:,| and|, and) (?:{_GROUP}|{_KIN})){{0,3}}"
_BE: Final = (
    r"(?:(?:were|was|have been|had been|has been|are|is|being)"
    r"(?: (?!(?:killed|dead|injured|wounded|hurt)\b)[a-z'-]+){0,4}? )?"
)
_NO_OBJECT: Final = (
    r"(?! (?:(?:a|an|the|his|her|their|one|two|three|four|five|six|seven|eight|nine|ten|several"
    r"|dozens|scores|at least|more than|some|all|many)\b|\d))"
)
_KILLED_AFTER: Final = (
    rf"{_BE}(?:reportedly |later |all |also |confirmed )*(?:(?:killed|shot dead|gunned down"
    r"|massacred|murdered|executed|beheaded)(?!,? (?:or )?(?:injured|wounded|captured|arrested))"
    rf"{_NO_OBJECT}|(?:hacked|stabbed|beaten|burned|burnt|stoned|gored|crushed|trampled|bled|put)"
    r" to death|dead|died|slain"
    r"|lost their lives|losing their lives|perished|fatalities|deaths|bodies|fatally)"
)
_INJURED_AFTER: Final = (
    rf"{_BE}(?:also |seriously |critically |slightly |badly )*(?:wounded|injured|hurt"
    r"|injuries|casualties)"
)
_NOT_AFTER: Final = (
    "(?<!following the )(?<!after the )(?<!over the )(?<!against the )(?<!condemn the )"
    "(?<!(?<!responsibility )for the )"
)
"""A killing that a note follows up on ('protests following the killing of a trader', 'justice
for the murder of an activist') is no new death; a claim of responsibility for it is news."""
_KILLED_BEFORE: Final = "(?:" + by_letter(
    ("killing", "killed", "kills", "kill", "leaving", "left", "claimed the lives of", "massacred",
     "murdered", "executed", "shot dead", "gunned down", "shot and killed", "beheaded")
) + f"|{_NOT_AFTER}(?:deaths?|killing|bodies) of|" + by_letter(
    (r"death toll (?:\w+ ){0,4}?(?:to|at|of|reached|hit)",)
) + ")"  # fmt: skip
_INJURED_BEFORE: Final = "(?:" + by_letter(
    ("wounding", "wounded", "injuring", "injured", "injures", "wounds", "hurting", "hurt")
) + ")"  # fmt: skip
_TO_DEATH: Final = "(?:" + by_letter(
    ("shot", "stabbed", "hacked", "beaten", "beat", "burned", "burnt", "stoned", "clubbed",
     "axed", "gored", "crushed")
) + ")"  # fmt: skip
COUNT_PATTERNS: Final = tuple(
    (kind, re.compile(lower_pattern(pattern)))
    for kind, pattern in (
        (
            "killed",
            rf"\b(?P<list>{_LIST})(?:, [\w' -]{{1,30}},|,? including [\w' -]{{1,60}}?,?"
            rf"| (?:in|at|near) [\w'-]+(?: [\w'-]+)?)? {_KILLED_AFTER}\b",
        ),
        ("killed", rf"\b{_KILLED_BEFORE} (?P<list>{_LIST})"),
        ("killed", rf"\b{_TO_DEATH} (?P<list>{_LIST}) to death"),
        ("killed", rf"\bclaim(?:ed|ing) (?P<list>{_LIST})(?<= lives)"),
        ("injured", rf"\b(?P<list>{_LIST}) {_INJURED_AFTER}\b"),
        ("injured", rf"\b{_INJURED_BEFORE} (?P<list>{_LIST})"),
    )
)
"""Count phrases, compiled for lower-cased text (see `stream.core.classify_context.fold`)."""
_KILL_VERB: Final = (
    r"(?:killed|shot dead|shot to death|murdered|assassinated|beheaded|stabbed to death"
    r"|hacked to death|beaten to death|beat to death|gunned down|lynched|executed"
    r"|shot and killed)"
)
_LINKS: Final = ("was", "has been", "had been", "is")
LINKED_SINGLE: Final = re.compile(
    rf"\b(?:(?:a|an|one|the) (?:\S+ ){{0,20}}?|(?-i:[A-Z])[\w'-]+(?: [a-z][\w'-]*){{0,3}} )"
    rf"(?:{'|'.join(_LINKS)}) "
    rf"(?:[\w'-]+ ){{0,3}}?(?:{_KILL_VERB}|found dead)\b"
    r"(?!,? (?:or )?(?:injured|wounded|captured|arrested))",
    re.IGNORECASE,
)
"""One victim before a linking verb ('a policeman was killed', 'Ahmed Ali was shot dead')."""
LINK_PHRASES: Final = tuple(f" {link} " for link in _LINKS)
"""Every match of `LINKED_SINGLE` holds one of these (in any case): a space ends both openings."""
SINGLE_PATTERNS: Final = (
    re.compile(
        rf"\b(?:killing|killed|shot dead|gunned down) (?:a|an|one|the) [\w'-]+"
        rf"(?:,? [\w'-]+){{0,5}}? and (?:(?:his|her|their) )?(?P<more>{_NUM})"
        r"(?: of (?:his|her|their))? [\w'-]+",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:{_KILL_VERB}|killing) (?:(?:a|an|the|one|his|her|their) [\w'-]+(?: [\w'-]+)"
        r"{0,4}?|him|her|(?-i:[A-Z])[\w'-]+(?: [\w'-]+){0,7}?)"
        r"(?P<pair> and (?:his|her|their|a|an|the) [\w'-]+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:the|a|an) [\w'-]+(?: [\w'-]+){0,3} and (?:a|an|the|his|her|their) [\w'-]+"
        rf"[^.;]{{0,80}}? (?:were|have been|had been) (?:[\w'-]+ ){{0,2}}?{_KILL_VERB}\b"
        r"(?P<pair>)",
        re.IGNORECASE,
    ),
    LINKED_SINGLE,
    re.compile(
        rf"\b{_KILL_VERB} (?:a|an|the|one) (?!(?:number|few|lot|handful|total|dozen)\b)[\w'-]+",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:killing|killed|shot dead|murdered|beheaded) (?:him|her)\b", re.IGNORECASE),
    re.compile(
        r"\bkilling (?:a|an|one|the) (?!(?:two|three|four|five|six|seven|eight|nine|ten|men|women"
        r"|people|children|police)\b|\d)[\w'-]*[^\Ws]\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_NOT_AFTER}\b(?:murder|killing|assassination|beheading) of (?:an? |the |his |her "
        r"|their )?(?!\d)[\w'-]*[^\Ws]\b(?<!\bpeople)(?<!\bchildren)(?<!\bmen)",
        re.IGNORECASE,
    ),
)
NONE_KILLED: Final = re.compile(
    r"\b(?:no (?:one|body|people|civilians|\w+ )?(?:was |were )?(?:killed|dead|fatalities"
    r"|deaths|casualties)|without casualties)\b",
    re.IGNORECASE,
)
CODED: Final = re.compile(
    r"\bfatalities (?:were )?(?:coded|recorded) as (?:[^.()\d]{1,40}\()?(?P<num>\d+)",
    re.IGNORECASE,
)
_NUMBER: Final = re.compile(rf"\b(?P<qual>{_QUAL} )?(?P<num>{_NUM})\b", re.IGNORECASE)
_KIN_ITEM: Final = re.compile(rf"(?<=and ){_KIN}", re.IGNORECASE)
_YEAR: Final = re.compile(r"^(?:1[89]|20)\d\d$")
"""A year ('1998'), never a count: only a number of four digits can be one."""
_AGE_OR_UNIT: Final = re.compile(rf"[- ]?(?:years?|yrs?)\b| {_NOT_PEOPLE}\b", re.IGNORECASE)
"""An age, or a number of hours, kilometres or vehicles: inside a list it counts no one ('15
militants over 48 hours')."""
_DATE_BEFORE: Final = re.compile(rf"\b{_MONTHS}\.? $", re.IGNORECASE)
_NAME_NUMBER: Final = re.compile(r"[A-Z][a-z]+ $")
_RANGE_END: Final = re.compile(r"\d(?: to | or |-| - )$")
"""The second number of a range ('8-10 residents', '2 to 4 fighters') adds nothing: the first
is the count."""
_IN_PHRASE: Final = re.compile(r"\b(?:of|for|with|from|to|into|by|in|on|at|the) $", re.IGNORECASE)
"""A number after these words inside a list belongs to a phrase of an earlier group ('four
members of a family', 'a worker for a charity'): it counts no one."""
_AMONG: Final = re.compile(r"\bamong $", re.IGNORECASE)
"""The items before 'among N' are part of the N ('two journalists among 8 killed'); a smaller
N is the group they were in ('five people among a group of mourners')."""
_SIZE_OF: Final = re.compile(r"\b(?:family|group|crew|party|team) of $", re.IGNORECASE)
"""...unless it gives the size of a group that 'a' counted as one ('a family of four')."""
_SAYS_AFTER: Final = re.compile(
    r"(?: [\w'-]+){1,3}? (?:(?:has|had|have) )?(?:said|says|say|told|tells|added|adds|reported"
    r"|reports|confirmed|stated|announced)\b",
    re.IGNORECASE,
)
"""A list's last item before 'said' ('killing 10 soldiers, a military official said') is who
reports the count, not one more victim."""
_CASED: Final = (_NUMBER, _AGE_OR_UNIT, _DATE_BEFORE)


_LOWERED: Final = tuple(for_lowered(pattern) for pattern in _CASED)
"""The number, age or unit, and date patterns for lower-cased text."""


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


Span = tuple[str, int, int]
"""A phrase's text and offsets; `Trigger` models are built only for the counts reported."""


# init=False with an __init__ of its own: mypyc compiles that one, while the one dataclass
# writes runs as interpreted Python; the dataclass still gives __eq__ and __repr__.
@dataclass(slots=True, init=False)
class Count:
    """A casualty count and the number phrases it was read from."""

    value: int
    lower_bound: bool
    triggers: list[Span]
    vague: bool
    base: int
    """For a sum of a sentence's count and the others it says were also hit ('40 rebels ...,
    while five soldiers also died'), the first count (40); else 0."""
    first: int
    """For a list of two or more items ('five soldiers and two civilians'), the first item's
    count (5); else 0."""

    def __init__(
        self,
        value: int,
        lower_bound: bool,
        triggers: list[Span],
        vague: bool = False,
        base: int = 0,
        first: int = 0,
    ) -> None:
        """Keep the count, whether it is a lower bound, its phrases and what it was made of."""
        self.value = value
        self.lower_bound = lower_bound
        self.triggers = triggers
        self.vague = vague
        self.base = base
        self.first = first


def sum_list(
    text: str, start: int, end: int, *, headline: bool, lowered: str | None = None
) -> Count | None:
    """Sum every number in text[start:end], a list such as 'four soldiers and a civilian'.

    Given the text `lowered` in place (`fold`) and free of letters that only case-insensitive
    matching equates with an ASCII one, the numbers are read from it (faster, same matches).
    """
    total, lower, vague_words, triggers = 0, False, False, []
    values: list[int] = []
    source, (number_pattern, age_or_unit, date_before) = (
        (text, _CASED) if lowered is None else (lowered, _LOWERED)
    )
    span = source[max(0, start - 4) : end]
    kin = "and " in (span if lowered is not None else span.lower())
    for match in _KIN_ITEM.finditer(text, start, end) if kin else ():
        total += 1
        triggers.append((match.group(), match.start(), match.end()))
        values.append(1)
    for match in number_pattern.finditer(source, start, end):
        begin, finish = match.span()
        qualifier, number = match.group("qual", "num")
        parsed = parse_number(number)
        if (
            parsed is None
            or (number.isdigit() and len(number) == 4 and _YEAR.match(number))
            or age_or_unit.match(source, finish)
        ):
            continue
        before = source[max(0, begin - 12) : begin]
        if date_before.search(before) or (begin > start and _RANGE_END.search(before)):
            continue
        if begin > start and _IN_PHRASE.search(before):
            if not (_SIZE_OF.search(before) and triggers and triggers[-1][0].lower() in _ONE):
                continue
            total -= 1
            triggers.pop()
            values.pop()
        if (
            not headline
            and text[finish - len(number)].isupper()
            and _NAME_NUMBER.search(text[max(0, begin - 12) : begin])
        ):
            continue
        value, vague = parsed
        if begin > start and _AMONG.search(before):
            if value <= total:
                continue
            total, triggers, values = 0, [], []
        total += value
        vague_words = vague_words or vague
        lower = lower or vague or bool(qualifier)
        triggers.append((text[begin:finish], begin, finish))
        values.append(value)
    if triggers and _reporter(text, start, triggers[-1]):
        total -= 1
        triggers.pop()
        values.pop()
    if not total:
        return None
    first = min(zip(triggers, values, strict=True), key=lambda item: item[0][1])[1]
    return Count(total, lower, triggers, vague_words, first=first if len(values) > 1 else 0)


def _reporter(text: str, start: int, last: Span) -> bool:
    """True when the list's last item, after a comma, is 'a'/'an' someone who 'said' (', a
    military official said'): the source of the count, not one more victim."""
    phrase, begin, end = last
    return (
        begin > start
        and text[begin - 2 : begin] == ", "
        and phrase.lower() in ("a", "an")
        and _SAYS_AFTER.match(text, end) is not None
    )
