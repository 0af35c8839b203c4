"""Read a rules file: YAML with line numbers, secrets from the environment, precise errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml
from pydantic import ValidationError

from stream.core.rules_config import RuleSetConfig
from stream.errors import RulesError

__all__ = ["parse_rules_text"]

Problem = tuple[int | None, str]


class _Lined:
    """Line numbers (1-based) of a mapping's keys or a sequence's items."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.children: dict[Any, tuple[int, _Lined | None]] = {}


def _construct(
    node: yaml.Node, constructor: yaml.constructor.SafeConstructor
) -> tuple[Any, _Lined | None]:
    """Build plain Python data from a YAML node, keeping every key's and item's line."""
    if isinstance(node, yaml.MappingNode):
        lines = _Lined(node.start_mark.line + 1)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            value, child = _construct(value_node, constructor)
            mapping[key] = value
            lines.children[key] = (key_node.start_mark.line + 1, child)
        return mapping, lines
    if isinstance(node, yaml.SequenceNode):
        lines = _Lined(node.start_mark.line + 1)
        items: list[Any] = []
        for index, item_node in enumerate(node.value):
            value, child = _construct(item_node, constructor)
            items.append(value)
            lines.children[index] = (item_node.start_mark.line + 1, child)
        return items, lines
    return constructor.construct_object(node, deep=True), None


def _line_of(lines: _Lined | None, path: tuple[Any, ...]) -> int | None:
    """The line of the deepest node on `path` that the document has."""
    found = lines.line if lines is not None else None
    for step in path:
        if lines is None or step not in lines.children:
            break
        found, lines = lines.children[step]
    return found


def _resolve_secrets(
    document: Any, env: Mapping[str, str], lines: _Lined | None, problems: list[Problem]
) -> None:
    """Turn secret/secret_env/secrets_env keys into one `secrets` list, in place."""
    receivers = document.get("receivers") if isinstance(document, dict) else None
    if not isinstance(receivers, list):
        return
    for index, receiver in enumerate(receivers):
        if not isinstance(receiver, dict):
            continue
        secrets = receiver.pop("secrets", [])
        secrets = list(secrets) if isinstance(secrets, list) else [secrets]
        if "secret" in receiver:
            secrets.append(receiver.pop("secret"))
        names = receiver.pop("secrets_env", [])
        names = list(names) if isinstance(names, list) else [names]
        if "secret_env" in receiver:
            names.append(receiver.pop("secret_env"))
        for name in names:
            if str(name) in env:
                secrets.append(env[str(name)])
            else:
                line = _line_of(lines, ("receivers", index, "secret_env"))
                line = line or _line_of(lines, ("receivers", index, "secrets_env"))
                problems.append((line, f"receivers[{index}]: environment variable {name} unset"))
        receiver["secrets"] = secrets


def _cross_checks(config: RuleSetConfig, lines: _Lined | None) -> list[Problem]:
    """Rule names unique, routed receivers defined."""
    problems: list[Problem] = []
    receivers = {receiver.name for receiver in config.receivers}
    if len(receivers) != len(config.receivers):
        problems.append((_line_of(lines, ("receivers",)), "receiver names must be unique"))
    seen: set[str] = set()
    for index, rule in enumerate(config.rules):
        if rule.name in seen:
            line = _line_of(lines, ("rules", index, "name"))
            problems.append((line, f"rules[{index}]: duplicate rule name {rule.name!r}"))
        seen.add(rule.name)
        for position, name in enumerate(rule.routes.receivers):
            if name not in receivers:
                line = _line_of(lines, ("rules", index, "routes", "receivers", position))
                problems.append((line, f"rules[{index}]: unknown receiver {name!r}"))
    return problems


def _document_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A pydantic error location without validator names and union tags."""
    path: list[Any] = []
    tagged = False
    for step in loc:
        if str(step).startswith("function-"):
            continue
        tag = bool(path) and isinstance(path[-1], int) and step in ("circle", "bbox", "polygon")
        if tag and not tagged:
            tagged = True
            continue
        path.append(step)
    return tuple(path)


def _location(loc: tuple[Any, ...]) -> str:
    """A readable path such as rules[0].match.min_score."""
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def parse_rules_text(text: str, path: str, env: Mapping[str, str]) -> RuleSetConfig:
    """Validate a rules document; raise RulesError listing every problem with its line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise RulesError(path, [(line, f"invalid YAML: {problem}")]) from error
    if node is None:
        raise RulesError(path, [(1, "empty rules file: expected a mapping with a 'rules' list")])
    document, lines = _construct(node, yaml.SafeLoader(""))
    if not isinstance(document, dict):
        raise RulesError(path, [(1, "expected a mapping with a 'rules' list")])
    problems: list[Problem] = []
    _resolve_secrets(document, env, lines, problems)
    try:
        config = RuleSetConfig.model_validate(document)
    except ValidationError as error:
        env_missing = bool(problems)
        errors = [
            (_document_path(item["loc"]), item)
            for item in error.errors(include_input=False, include_url=False)
        ]
        for loc, item in errors:
            if item["type"] == "too_short" and (
                (env_missing and loc[-1:] == ("secrets",))
                or any(other[: len(loc)] == loc and other != loc for other, _ in errors)
            ):
                continue
            problems.append((_line_of(lines, loc), f"{_location(loc)}: {item['msg']}"))
        raise RulesError(path, sorted(problems, key=lambda p: p[0] or 0)) from None
    problems += _cross_checks(config, lines)
    if problems:
        raise RulesError(path, sorted(problems, key=lambda p: p[0] or 0))
    return config
