"""The rule book: built-in rules, reloads that swap valid files and keep the old on errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from stream.core.rules import DEFAULT_RULES, RuleSet
from stream.errors import RulesError
from stream.rulebook import RuleBook


def test_without_a_file_the_built_in_rules_apply() -> None:
    """No path: attacks, advances, threats."""
    assert RuleBook(None).current.rules == DEFAULT_RULES


def test_an_invalid_file_at_start_raises() -> None:
    """The worker refuses to start: RulesError, not a silent fallback."""
    with pytest.raises(RulesError):
        RuleBook(Path("/nonexistent/rules.yaml"))


def test_reload_swaps_in_a_valid_file_and_tells_listeners(tmp_path: Path) -> None:
    """A changed, valid file replaces the rules; listeners get the new set."""
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - name: first\n", "utf-8")
    book = RuleBook(path, env={})
    seen: list[RuleSet] = []
    book.on_reload(seen.append)
    path.write_text("rules:\n  - name: second\n", "utf-8")
    assert book.reload()
    assert [rule.name for rule in book.current.rules] == ["second"]
    assert seen == [book.current]


def test_reload_keeps_the_current_rules_when_the_new_file_is_invalid(tmp_path: Path) -> None:
    """A broken edit is rejected; the worker keeps alerting with what it had."""
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - name: first\n", "utf-8")
    book = RuleBook(path, env={})
    path.write_text("rules: [\n", "utf-8")
    assert not book.reload()
    assert [rule.name for rule in book.current.rules] == ["first"]
