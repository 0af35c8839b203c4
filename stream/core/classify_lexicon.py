"""Trigger lexicon of the event classifier: every rule in match order, and how rules compile."""

from __future__ import annotations

import re
from typing import Final

from stream.core.classify_advance import ADVANCE
from stream.core.classify_attack import ATTACK
from stream.core.classify_blockers import BLOCKERS
from stream.core.classify_rule import TriggerRule
from stream.core.classify_threat import THREAT

__all__ = ["CASE_SENSITIVE", "RULES", "TriggerRule", "compile_branch", "lower_pattern"]

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
