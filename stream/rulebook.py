"""The worker's current rules, reloaded from their file on SIGHUP (a bad file keeps the old)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import structlog

from stream.core.rules import DEFAULT_RULES, RuleSet, load_rule_set
from stream.errors import RulesError

__all__ = ["RuleBook"]

log = structlog.get_logger(__name__)


class RuleBook:
    """Holds the rule set in force; `reload` swaps it atomically when the file is valid."""

    def __init__(
        self,
        path: Path | None,
        env: Mapping[str, str] | None = None,
        rule_set: RuleSet | None = None,
    ) -> None:
        self.path = path
        self._env = env if env is not None else os.environ
        self.current = rule_set or self._load()
        self._listeners: list[Callable[[RuleSet], None]] = []

    def _load(self) -> RuleSet:
        """Read the file (or the built-in rules when there is none)."""
        if self.path is None:
            return RuleSet(rules=DEFAULT_RULES)
        return load_rule_set(self.path, self._env)

    def on_reload(self, listener: Callable[[RuleSet], None]) -> None:
        """Call `listener` with each newly loaded rule set."""
        self._listeners.append(listener)

    def reload(self) -> bool:
        """Re-read the rules file; keep the current rules and log the problems when invalid."""
        try:
            rule_set = self._load()
        except RulesError as error:
            log.error("rules_reload_rejected", path=str(self.path), problems=str(error))
            return False
        self.current = rule_set
        for listener in self._listeners:
            listener(rule_set)
        log.info("rules_reloaded", path=str(self.path), rules=len(rule_set.rules))
        return True
