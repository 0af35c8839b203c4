"""Label matchers, silences and inhibition."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from stream.core.silences import (
    ActiveSource,
    InhibitRule,
    LabelMatcher,
    inhibited_by,
    new_silence,
    silenced_by,
)
from tests.alert_events import BASE_TIME

CITY = {"rule": "city-attacks", "country": "IQ", "precision": "city", "type": "attack"}


def matcher(text: str) -> LabelMatcher:
    """Parse a compact matcher."""
    return LabelMatcher.model_validate(text)


def test_matchers_support_equality_negation_and_regexes() -> None:
    """=, !=, =~ and !~ behave like Alertmanager's (case-insensitive here)."""
    assert matcher("country=iq").matches(CITY)
    assert matcher("country!=SY").matches(CITY)
    assert matcher("rule=~city-.*").matches(CITY)
    assert not matcher("precision!~city|neighbourhood").matches(CITY)
    assert matcher("admin1=").matches(CITY)


def test_malformed_matchers_are_rejected() -> None:
    """No operator, or a broken regex, fails validation."""
    with pytest.raises(ValidationError):
        matcher("country")
    with pytest.raises(ValidationError):
        matcher("rule=~(")


def test_a_silence_mutes_matching_alerts_until_it_expires() -> None:
    """Active for its duration, then not."""
    silence = new_silence([matcher("country=IQ")], now=BASE_TIME, duration=timedelta(hours=2))
    assert silenced_by([silence], CITY, BASE_TIME + timedelta(hours=1)) == silence
    assert silenced_by([silence], CITY, BASE_TIME + timedelta(hours=3)) is None
    assert silenced_by([silence], {**CITY, "country": "SY"}, BASE_TIME) is None


def test_silences_need_a_matcher_and_aware_times() -> None:
    """An empty matcher list is refused."""
    with pytest.raises(ValidationError):
        new_silence([], now=BASE_TIME, duration=timedelta(hours=1))


def test_a_country_escalation_inhibits_city_alerts_of_that_country_only() -> None:
    """Equal on country: IQ escalation mutes IQ city alerts, not SY ones, until it lapses."""
    rule = InhibitRule.model_validate(
        {
            "source_matchers": ["rule=escalation"],
            "target_matchers": ["precision=~city|neighbourhood"],
            "equal": ["country"],
        }
    )
    source = ActiveSource(
        alert_id="alr_1",
        labels={"rule": "escalation", "country": "IQ", "precision": "country"},
        until=BASE_TIME + timedelta(hours=1),
    )
    assert inhibited_by([rule], [source], CITY, BASE_TIME) == source
    assert inhibited_by([rule], [source], {**CITY, "country": "SY"}, BASE_TIME) is None
    assert inhibited_by([rule], [source], CITY, BASE_TIME + timedelta(hours=2)) is None


def test_an_alert_never_inhibits_alerts_that_match_the_source_side() -> None:
    """No self-inhibition: another escalation alert is not muted by the first."""
    rule = InhibitRule.model_validate(
        {"source_matchers": ["rule=escalation"], "target_matchers": ["country=IQ"]}
    )
    labels = {"rule": "escalation", "country": "IQ"}
    source = ActiveSource(alert_id="a", labels=labels, until=BASE_TIME + timedelta(hours=1))
    assert inhibited_by([rule], [source], labels, BASE_TIME) is None
