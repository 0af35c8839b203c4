"""Length-preserving text folding for gazetteer matching: case, accents, punctuation."""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["fold", "fold_key", "word_set"]

_KEEP_SPACE = " "


def _build_table() -> dict[int, str]:
    """Map each Latin, punctuation and Arabic code point to one folded character."""
    table: dict[int, str] = {}
    ranges = [(0, 0x300), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x0600, 0x0700)]
    for low, high in ranges:
        for code in range(low, high):
            char = chr(code)
            table[code] = _fold_char(char)
    return table


def _fold_char(char: str) -> str:
    """Fold one character to a single lowercase base letter, digit or a space."""
    category = unicodedata.category(char)
    if category.startswith("M") and "\u0600" <= char < "\u0700":
        return char
    if category != "Lm" and char.isalnum():
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        lowered = base.lower()
        if len(lowered) == 1:
            return lowered
        lowered = char.lower()
        return lowered if len(lowered) == 1 else char
    return _KEEP_SPACE


_TABLE = _build_table()


def fold(text: str) -> str:
    """Lowercase, strip accents and turn punctuation into spaces, keeping every offset."""
    return text.translate(_TABLE)


@functools.lru_cache(maxsize=65536)
def fold_key(name: str) -> str:
    """The automaton key for a place name: folded, single-spaced, padded with spaces."""
    return " " + " ".join(fold(name).split()) + " "


def word_set(words: str) -> frozenset[str]:
    """The set of space-separated words in `words` (for readable word-list constants)."""
    return frozenset(words.split())
