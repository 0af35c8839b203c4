"""Fatalities a coder split across events: this event's share."""

from __future__ import annotations

import pytest

from stream.core.casualties import CasualtyCounter
from stream.core.casualty_split import split_share
from stream.core.classifier import load_classifier


def _killed(text: str) -> int | None:
    """The killed count of a text after classifying it."""
    return CasualtyCounter().extract(text, load_classifier().classify(text)).killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "On 3 May, airstrikes killed 16 militants in the two-day operation in the hills. "
            "Fatalities were split between events.",
            8,
        ),
        ("On 3 May, rebels shelled two villages. 11 fatalities divided between two events.", 6),
        (
            "On 4 May, troops clashed with rebels near the river, and one soldier was killed at "
            "an unspecified location [1 fatality split among 12 events].",
            0,
        ),
        (
            "On 5 May, fighting on three fronts caused deaths on both sides. Unknown fatalities "
            "coded as 10 and spread between 3 locations.",
            3,
        ),
        (
            "On 6 May, airstrikes killed 2 militants (5 in total, fatalities split across two "
            "events) in the mountains.",
            2,
        ),
        (
            "On 7 May, fighting on two fronts caused deaths. Unknown fatalities coded as 10 and "
            "split between the two events with 5 coded to each.",
            5,
        ),
        (
            "On 8 May, troops killed 15 militants over 48 hours on the mountain. Fatalities split "
            "across two events.",
            8,
        ),
    ],
)
def test_a_split_note_gives_this_events_share(text: str, killed: int) -> None:
    assert _killed(text) == killed


def test_a_split_with_no_fatalities_named_is_no_split_share() -> None:
    assert split_share("the party split into two factions after the vote.", 5) is None
    assert split_share("30 were killed in violence that spread over three days.", 30) is None


def test_the_share_points_at_the_split_note() -> None:
    text = "Troops killed 9 militants. Fatalities split across 3 events."
    share = split_share(text.lower(), 9)
    assert share is not None
    value, start, end = share
    assert value == 3
    assert text[start:end] == "Fatalities split"
