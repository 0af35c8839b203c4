"""Tests of the classifier's context patterns."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from stream.core import classify_context
from stream.core.classify_context import _CLAUSE_BREAK, _tested, clause_before, fold
from stream.core.text import split_sentences

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_grouped_alternatives_keep_the_pattern_shape_they_do_not_understand() -> None:
    pattern = re.compile(r"\b(?:a)(?:b|c)\b")
    assert _tested(pattern) is pattern
    assert _tested(re.compile(r"\b(?:cat|cow|dog)\b")).pattern == r"\b(?:c(?:at|ow)|dog)\b"


def test_test_forms_match_wherever_the_written_patterns_do() -> None:
    lines = (FIXTURES / "threats.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [fold(str(json.loads(line)["text"])) for line in lines]
    windows = [
        sentence.text[start : start + 60]
        for text in texts
        for sentence in split_sentences(text)
        for start in range(0, len(sentence.text), 9)
    ]
    patterns = [value for value in vars(classify_context).values() if isinstance(value, re.Pattern)]
    for pattern in patterns:
        tested = _tested(pattern)
        for window in windows:
            assert (pattern.search(window) is None) == (tested.search(window) is None), window


_CLAUSE_PIECES = st.sampled_from(
    [" ", "  ", "-", " - ", "but ", "while ", "whereas ", "although ", "as well as ", "as ",
     "well ", ",", ";", ":", "(", ")", '"', "“", "”", "x", "attack", "\n"]
)  # fmt: skip


@given(st.lists(_CLAUSE_PIECES, max_size=40).map("".join), st.integers(0, 200))
@example("a, but - b as well as well as c", 31)
@example("x but while y", 13)
def test_clause_before_is_the_last_piece_of_the_split_head(sentence: str, offset: int) -> None:
    offset = min(offset, len(sentence))
    expected = _CLAUSE_BREAK.split(sentence[max(0, offset - 80) : offset])[-1]
    assert clause_before(sentence, offset) == expected
