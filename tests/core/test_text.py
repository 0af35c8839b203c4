"""Sentence splitting: the regex tried only where a sentence may close."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from stream.core.text import (
    _ABBREVIATIONS,
    _SENTENCE_END,
    Sentence,
    _ends_with_abbreviation,
    occurrences,
    split_sentences,
)


def _split_by_scanning(text: str) -> list[Sentence]:
    """The sentences as a scan of the whole text with _SENTENCE_END gives them."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        if end < 0:
            end = match.start()
        elif text.endswith(_ABBREVIATIONS, start, end) and "\n" not in match.group():
            continue
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    sentences: list[Sentence] = []
    for begin, end in spans:
        stripped = text[begin:end].strip()
        if stripped:
            offset = begin + text[begin:end].find(stripped)
            sentences.append(Sentence(stripped, offset, offset + len(stripped)))
    return sentences


_PIECES = st.sampled_from(
    ["Mosul", "the city", "U.S.", "Mr.", "Sept.", "3.5", ".", "!", "?", "\n", " ", "  ", '"',
     "”", "’", ")", "(", "“", "A", "a", "7", "\t", "...", ". \n"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map("".join))
@example('He said. "Troops" left.\n\nU.S. forces. Mr. Ali? 3.5 km')
def test_split_sentences_gives_what_a_scan_of_the_whole_text_gives(text: str) -> None:
    assert split_sentences(text) == _split_by_scanning(text)


def test_occurrences_lists_where_each_needle_begins_in_order() -> None:
    assert occurrences("a.b!c.d", (".", "!")) == [1, 3, 5]


def test_sentences_are_named_tuples() -> None:
    sentence = split_sentences("Troops left. Rebels came.")[1]
    assert type(sentence) is Sentence
    assert (sentence.text, sentence.start, sentence.end) == ("Rebels came.", 13, 25)


@given(st.lists(_PIECES, max_size=8).map("".join), st.integers(0, 40), st.integers(0, 40))
def test_abbreviation_test_agrees_with_endswith(text: str, start: int, end: int) -> None:
    end = min(end, len(text))
    expected = text.endswith(_ABBREVIATIONS, start, end)
    assert _ends_with_abbreviation(text, start, end) == expected
