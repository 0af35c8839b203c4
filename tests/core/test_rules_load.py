"""Rules files: validation with line numbers, secrets from the environment, never echoed."""

from __future__ import annotations

from pathlib import Path

import pytest

from stream.core.rules import load_rule_set
from stream.core.rules_load import parse_rules_text
from stream.errors import RulesError

SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
EXAMPLE = Path(__file__).resolve().parents[2] / "deploy" / "rules.example.yaml"


def receiver_doc(line: str, url: str = "https://example.org/h") -> str:
    """A document with one receiver whose fourth line is `line`, and one rule."""
    return f"receivers:\n  - name: r\n    url: {url}\n    {line}\nrules:\n  - name: a\n"


def problems(text: str, env: dict[str, str] | None = None) -> list[tuple[int | None, str]]:
    """The problems a document raises (fails when it is valid)."""
    with pytest.raises(RulesError) as caught:
        parse_rules_text(text, "rules.yaml", env or {})
    return caught.value.problems


def test_the_example_file_is_valid() -> None:
    """deploy/rules.example.yaml passes with its secret variable set."""
    rule_set = load_rule_set(EXAMPLE, {"OPS_WEBHOOK_SECRET": SECRET})
    assert len(rule_set.rules) == 5
    assert set(rule_set.receivers) == {"ops-webhook", "analysts-chat", "local-dev"}
    assert len(rule_set.receivers["analysts-chat"].secrets) == 2


def test_a_bad_value_is_reported_on_its_own_line() -> None:
    """min_score 2 on line 5 is reported at line 5 with its path."""
    text = "rules:\n  - name: a\n    match:\n      types: [attack]\n      min_score: 2\n"
    [(line, message)] = problems(text)
    assert line == 5
    assert message.startswith("rules[0].match.min_score")


def test_unknown_keys_and_unknown_receivers_are_errors() -> None:
    """A typo'd key and a route to an undefined receiver are both reported."""
    typo = "rules:\n  - name: a\n    mach: {}\n"
    assert problems(typo)[0][0] == 3
    route = "rules:\n  - name: a\n    routes:\n      receivers: [nobody]\n"
    assert problems(route) == [(4, "rules[0]: unknown receiver 'nobody'")]


def test_duplicate_rule_names_are_errors() -> None:
    """Two rules called 'a' are reported at the second one."""
    text = "rules:\n  - name: a\n  - name: a\n"
    assert problems(text) == [(3, "rules[1]: duplicate rule name 'a'")]


def test_invalid_yaml_reports_the_line() -> None:
    """A YAML syntax error carries its line."""
    [(line, message)] = problems("rules:\n  - name: [a\n")
    assert line is not None
    assert "invalid YAML" in message


def test_secrets_come_from_the_environment() -> None:
    """secret_env reads the variable; an unset one is an error naming the variable."""
    text = receiver_doc("secret_env: S")
    rule_set = parse_rules_text(text, "rules.yaml", {"S": SECRET})
    assert rule_set.receivers[0].secrets[0].get_secret_value() == SECRET
    [(line, message)] = problems(text)
    assert line == 4
    assert "S unset" in message


def test_secret_errors_never_echo_the_secret() -> None:
    """A malformed secret's error names the problem, not the value."""
    bad = "whsec_not!base64"
    text = receiver_doc(f"secret: {bad}")
    assert all(bad not in message for _, message in problems(text))


def test_receivers_must_use_http_without_credentials() -> None:
    """ftp:// and user:password@ URLs are refused."""
    for url in ("ftp://example.org/h", "https://user:pw@example.org/h"):
        text = (
            f"receivers:\n  - name: r\n    url: {url}\n    secret: {SECRET}\nrules:\n  - name: a\n"
        )
        [(line, _)] = problems(text)
        assert line == 3


def test_durations_accept_units() -> None:
    """group_interval: 90s and repeat_interval: 2h become seconds."""
    text = "rules:\n  - name: a\n    group: {group_interval: 90s, repeat_interval: 2h}\n"
    group = parse_rules_text(text, "rules.yaml", {}).rules[0].group
    assert (group.group_interval_s, group.repeat_interval_s) == (90.0, 7200.0)
