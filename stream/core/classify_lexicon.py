"""Trigger lexicon of the event classifier: every rule in match order, and how rules compile."""

from __future__ import annotations

import re
from typing import Final

from stream.core.classify_advance import ADVANCE
from stream.core.classify_attack import ATTACK
from stream.core.classify_blockers import BLOCKERS
from stream.core.classify_rule import TriggerRule
from stream.core.classify_threat import THREAT

__all__ = [
    "CASE_SENSITIVE",
    "RULES",
    "TriggerRule",
    "TwinPattern",
    "ascii_twin",
    "caseless",
    "compile_branch",
    "for_lowered",
    "lower_pattern",
]

CASE_SENSITIVE: Final = "(?-i:"

RULES: Final[tuple[TriggerRule, ...]] = BLOCKERS + ATTACK[:1] + THREAT + ADVANCE + ATTACK[1:]
"""Blockers first (they win at the same position), then the repelled-attack rule, threats,
advances and attacks."""


def compile_branch(pattern: str) -> tuple[re.Pattern[str], bool]:
    """Compile one rule alternative anchored at a word start; True if it runs on lowered text.

    Case-sensitive parts (`(?-i:...)`) keep case-folding on the original text; every other
    alternative is lower-cased and run without IGNORECASE on the lower-cased text (faster).
    """
    if CASE_SENSITIVE in pattern:
        return re.compile(r"\b(?:" + pattern + ")", re.IGNORECASE), False
    return re.compile(r"\b(?:" + lower_pattern(pattern) + ")"), True


def lower_pattern(pattern: str) -> str:
    """Lower-case a regex's literals, leaving escapes such as \\b or \\W untouched."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = char == "\\" and not escaped
    return "".join(out).replace("(?p<", "(?P<")


def for_lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-insensitive pattern compiled for lower-cased text, without IGNORECASE."""
    return re.compile(lower_pattern(pattern.pattern), pattern.flags & ~re.IGNORECASE)


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with re.ASCII: in ASCII text it finds the same, faster (\\b and \\w test a
    character without looking up its Unicode category). A pattern with other characters, \\s
    or \\S stays as it is (case-folding and Unicode spaces reach ASCII text from those)."""
    source = pattern.pattern
    if not source.isascii() or "\\s" in source or "\\S" in source:
        return pattern
    return re.compile(source, pattern.flags & ~re.UNICODE | re.ASCII)


class TwinPattern:
    """A pattern and its `ascii_twin`, the one to run on ASCII text."""

    __slots__ = ("_ascii", "_unicode")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        """Keep the pattern and compile its twin."""
        self._unicode = pattern
        self._ascii = ascii_twin(pattern)

    def on(self, text: str) -> re.Pattern[str]:
        """The pattern to run on `text`: the twin when the text is ASCII."""
        return self._ascii if text.isascii() else self._unicode

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in `text`, by the pattern `on` picks for it."""
        return self.on(text).search(text)


_CASE_TRAPS: Final = re.compile("[\u0130\u0131\u017f]")
"""Letters that case-insensitive patterns equate with an ASCII letter that lower() does not give."""


def caseless(text: str) -> bool:
    """True when `for_lowered` patterns find in the lower-cased `text` (of the same length) what
    case-insensitive ones find in it: no letter such as the long s is in it."""
    return text.isascii() or _CASE_TRAPS.search(text) is None
