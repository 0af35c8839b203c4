"""Length-preserving text folding for gazetteer matching: case, accents, punctuation."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Final

from stream.core.text import occurrences

__all__ = [
    "ARTICLE_STARTS",
    "CASED_MARK",
    "NAME_START",
    "fold",
    "fold_key",
    "fold_marked",
    "name_starts",
    "skeleton",
    "starts_with_article",
    "word_set",
]

_KEEP_SPACE: Final = " "
# Latin letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED: Final = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t"}


# The code points the tables map (Latin, punctuation, Arabic); others are kept as they are.
_RANGES: Final = ((0, 0x300), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x0600, 0x0700))


def _build_table(fold_char: Callable[[str], str]) -> dict[int, str]:
    """Map each code point of `_RANGES` to one character with `fold_char`."""
    return {code: fold_char(chr(code)) for low, high in _RANGES for code in range(low, high)}


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
            return _UNDECOMPOSED.get(lowered, lowered)
        lowered = char.lower()
        return lowered if len(lowered) == 1 else char
    return _KEEP_SPACE


def _mark_char(char: str) -> str:
    """Fold one character, but mark a letter or digit that is not lower case as 'A'."""
    folded = _fold_char(char)
    return CASED_MARK if folded != _KEEP_SPACE and not char.islower() else folded


CASED_MARK: Final = "A"
_TABLE: Final = _build_table(_fold_char)
_MARKED_TABLE: Final = _build_table(_mark_char)


def fold(text: str) -> str:
    """Lowercase, strip accents and turn punctuation into spaces, keeping every offset."""
    return text.translate(_TABLE)


def fold_marked(text: str) -> str:
    """`fold`, with every letter or digit that is not lower case (capitals, caseless
    scripts, digits) as CASED_MARK: same offsets and the same spaces as `fold`."""
    return text.translate(_MARKED_TABLE)


@functools.lru_cache(maxsize=65536)
def fold_key(name: str) -> str:
    """The index key for a place name: folded, single-spaced, padded with spaces."""
    return " " + " ".join(fold(name).split()) + " "


def word_set(words: str) -> frozenset[str]:
    """The set of space-separated words in `words` (for readable word-list constants)."""
    return frozenset(words.split())


_SKELETON_ARTICLE: Final = re.compile(
    r"^(?:al|el|an|ar|as|ash|at|ad|adh|az|ath|ed|er|es|et|ez|en) "
)
# An article inside a name ('Suq al-Shoyokh', 'Suq ash Shuyukh'): its spelling follows the
# next word's first letter, so the skeleton writes every form as 'l'.
_SKELETON_INNER_ARTICLE: Final = re.compile(r" (?:al|el|an|ar|as|ash|at|ad|adh|az|ath) ")
_DIGRAPHS: Final = (
    ("kh", "k"), ("gh", "g"), ("sh", "s"), ("th", "d"), ("dh", "d"), ("ch", "c"), ("q", "k"),
)  # fmt: skip
_VOWELS: Final = re.compile(r"[aeiou]|h$")
_DOUBLES: Final = re.compile(r"(.)\1+")
_MIN_SKELETON: Final = 4
_LONG_NAME: Final = 6


@functools.lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A spelling-tolerant key for transliterated names: no leading article, one form of an
    inner one, no vowels, doubled letters or final -h ('Nassriya' and 'An Nasiriyah' both
    give 'nsry'); '' when too short to trust."""
    words = " ".join(fold(name).split())
    words = _SKELETON_ARTICLE.sub("", words)
    words = _SKELETON_INNER_ARTICLE.sub(" l ", words).replace(" ", "")
    if not words.isalpha():
        return ""
    for digraph, single in _DIGRAPHS:
        words = words.replace(digraph, single)
    key = words[0] + _VOWELS.sub("", words[1:])
    key = _DOUBLES.sub(r"\1", key).rstrip("h")
    shortest = _MIN_SKELETON - 1 if len(words) >= _LONG_NAME else _MIN_SKELETON
    return key if len(key) >= shortest else ""


_ARTICLES: Final = ("al", "el", "ad", "an", "ar", "as", "at", "az")
# What a name written with a lower-case Arabic article starts with ('al-', 'el ').
ARTICLE_STARTS: Final = frozenset(f"{article}{joint}" for article in _ARTICLES for joint in "- ")
# In " " + fold_marked(text), the spaces before words that may start a capitalised name: a
# marked letter, a character the tables keep as it is, or a folded article ('al-' is 'al ').
# A superset: callers check the text itself with `starts_with_article` and str.islower.
NAME_START: Final = re.compile(
    " (?=[" + CASED_MARK + "]|[^ "
    + "".join(f"\\u{low:04x}-\\u{high - 1:04x}" for low, high in _RANGES)
    + "]|(?:" + "|".join(_ARTICLES) + ") )"
)  # fmt: skip


# What starts such a word in " " + fold_marked(text) when that text is ASCII (no character
# outside the tables' ranges): a space before the mark, or a folded article.
_ASCII_NAME_OPENINGS: Final = (" " + CASED_MARK, *(f" {article} " for article in _ARTICLES))


def name_starts(marked: str) -> list[int]:
    """Offsets of the words of `marked` (a `fold_marked` text) that may start a capitalised
    name: where NAME_START matches in " " + marked + " ", found with str.find when `marked`
    is ASCII."""
    padded = " " + marked + " "
    if not marked.isascii():
        return [match.start() for match in NAME_START.finditer(padded)]
    return occurrences(padded, _ASCII_NAME_OPENINGS)


def starts_with_article(text: str, start: int) -> bool:
    """True when `text` has a lower-case Arabic article ('al-', 'el ') at `start`."""
    return text[start : start + 3] in ARTICLE_STARTS
