"""Mention selection: the longest non-overlapping gazetteer matches."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from stream.core.gazetteer import NameMatch
from stream.core.places_mentions import _longest


def _longest_by_marking(matches: list[NameMatch]) -> list[NameMatch]:
    """The selection as a character mask gives it: longest first, then leftmost, each kept
    when none of its characters is taken yet; in text order."""
    used = [False] * (max((m.end for m in matches), default=0) + 1)
    taken: list[NameMatch] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if not any(used[match.start : match.end]):
            used[match.start : match.end] = [True] * (match.end - match.start)
            taken.append(match)
    return sorted(taken, key=lambda m: m.start)


_SPANS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 8), st.booleans()).map(
        lambda span: NameMatch(span[0], span[0] + span[1], (span[0],), fuzzy=span[2])
    ),
    max_size=15,
)


@given(_SPANS)
@example([NameMatch(0, 5, (1,)), NameMatch(0, 5, (2,), fuzzy=True), NameMatch(3, 9, (3,))])
def test_longest_keeps_the_longest_leftmost_matches_that_do_not_overlap(
    matches: list[NameMatch],
) -> None:
    assert _longest(matches) == _longest_by_marking(matches)
