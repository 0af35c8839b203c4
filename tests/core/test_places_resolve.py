"""Resolution arithmetic: confidences rounded to thousandths as round() rounds them."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from stream.core.places_resolve import _thousandths

_HALFWAY = st.integers(0, 999).map(lambda k: (k + 0.5) / 1000)


@given(st.floats(min_value=0.0, max_value=1.0) | _HALFWAY)
@example(0.0005)
@example(0.0015)
@example(0.9985)
@example(0.99)
def test_thousandths_rounds_a_confidence_as_round_does(value: float) -> None:
    assert _thousandths(value) == round(value, 3)
