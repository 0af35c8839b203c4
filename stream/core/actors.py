"""Named armed groups and forces: a YAML lexicon of aliases, normalised names and roles."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Final

import ahocorasick
import yaml

from schemas import Actor, ActorRole, EventType
from stream.core.analysis import Classification, LiteralHits
from stream.core.classify_lexicon import caseless, for_lowered
from stream.errors import ConfigError

__all__ = ["ActorEntry", "LexiconActorFinder", "load_actor_finder"]

_SHORT_ACRONYM: Final = re.compile(r"^[A-Z0-9]{2,4}$")
_PASSIVE_AGENT: Final = re.compile(r"\bby\b", re.IGNORECASE)
_AGENT_LITERALS: Final = ("by",)
_GAP_MARKS: Final = ".;"
_GAP_WORDS: Final = ("against", "on", "from", "by")
_SUBJECT_GAP: Final = re.compile(rf"[{_GAP_MARKS}]|\b(?:{'|'.join(_GAP_WORDS)})\b", re.IGNORECASE)
_GAP_LITERALS: Final = (*_GAP_MARKS, *_GAP_WORDS)
"""One of these (lower-case) is in every match of the subject gap pattern, as `_AGENT_LITERALS`
are in every passive agent."""
_ROLE_LITERALS: Final = (_AGENT_LITERALS, _GAP_LITERALS)
_ROLE_GAPS: Final = (_PASSIVE_AGENT, _SUBJECT_GAP)
_LOWERED_ROLE_GAPS: Final = (for_lowered(_PASSIVE_AGENT), for_lowered(_SUBJECT_GAP))
"""The passive agent and subject gap patterns for lower-cased text."""
_STEP: Final = "actors"
_ROLE_EVENTS: Final = (EventType.ATTACK, EventType.ADVANCE, EventType.THREAT)
"""The event types whose triggers tell an actor's role."""
_UNKNOWN: Final = ActorRole.UNKNOWN
_PERPETRATOR: Final = ActorRole.PERPETRATOR
_TARGET: Final = ActorRole.TARGET


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One lexicon entry: normalised name, kind and country."""

    name: str
    kind: str
    country_code: str | None


class LexiconActorFinder:
    """Finds actors by alias and by nationality + force noun ('Iraqi police')."""

    def __init__(
        self,
        aliases: dict[str, ActorEntry],
        nationalities: dict[str, str | None],
        forces: dict[str, tuple[str, str]],
    ) -> None:
        """Compile the alias and nationality patterns once."""
        self._exact = {alias: entry for alias, entry in aliases.items() if _is_exact(alias)}
        self._folded = {
            alias.lower(): entry for alias, entry in aliases.items() if not _is_exact(alias)
        }
        self._nationalities = nationalities
        self._forces = forces
        self._aliases = ahocorasick.Automaton()
        for key in {alias.lower() for alias in [*self._exact, *self._folded]}:
            self._aliases.add_word(key, len(key))
        self._aliases.make_automaton()
        self._adjectives = ahocorasick.Automaton()
        for adjective in nationalities:
            self._adjectives.add_word(adjective + " ", adjective)
        self._adjectives.make_automaton()
        self._keys = _name_keys(
            {alias.lower() for alias in [*self._exact, *self._folded]}, nationalities
        )
        self._names = None if self._keys is None else _automaton(self._keys)
        nouns = "|".join(re.escape(n) for n in _longest_first(forces))
        self._force_noun = re.compile(
            rf"(?:(?:government|state|federal|national|security|army|military|riot|special) )?"
            rf"(?P<noun>{nouns})\b",
            re.IGNORECASE,
        )
        self._lowered_force_noun = for_lowered(self._force_noun)
        self._force_entries = {
            (adjective, noun): ActorEntry(f"{adjective} {suffix}", kind, country)
            for adjective, country in nationalities.items()
            for noun, (suffix, kind) in forces.items()
        }
        self._actors: dict[tuple[str, str, str | None], Actor] = {}
        """The first Actor of each entry (by its fields): later ones copy its validated fields."""

    def shared_literals(self) -> dict[str, Collection[str]]:
        """The names to find in the lower-cased text, for the classifier's scan (by step)."""
        return {} if self._keys is None else {_STEP: self._keys}

    def find(self, text: str, classification: Classification) -> list[Actor]:
        """Return each actor once (first mention), normalised, with its role where clear (the
        first mention's role, or a later one's when that is unknown)."""
        triggers = [
            (trigger.start, trigger.end)
            for label in classification.labels
            if label.label in _ROLE_EVENTS
            for evidence in label.evidence
            for trigger in evidence.triggers
        ]
        first: dict[str, tuple[int, int, ActorEntry, ActorRole]] = {}
        same = classification.text == text
        lowered = text.lower()
        folded = lowered if len(lowered) == len(text) and caseless(text) else None
        for start, end, entry in self._mentions(
            text, lowered, folded, classification.literals.get(_STEP) if same else None
        ):
            known = first.get(entry.name)
            if known is not None and known[3] is not _UNKNOWN:
                continue
            role = _role(text, start, end, triggers, folded)
            if known is None:
                first[entry.name] = (start, end, entry, role)
            elif role is not _UNKNOWN:
                first[entry.name] = (known[0], known[1], known[2], role)
        actors = [
            self._actor(text, start, end, entry, role) for start, end, entry, role in first.values()
        ]
        return sorted(actors, key=lambda actor: actor.start)

    def _actor(self, text: str, start: int, end: int, entry: ActorEntry, role: ActorRole) -> Actor:
        """The Actor of a mention: the entry's first one is validated, later ones are copies of
        it with their own text, offsets and role (a str, offsets and a role need no checks)."""
        key = (entry.name, entry.kind, entry.country_code)
        first = self._actors.get(key)
        if first is not None:
            return first.with_fields(
                {"text": text[start:end], "start": start, "end": end, "role": role}
            )
        actor = Actor(
            name=entry.name,
            text=text[start:end],
            start=start,
            end=end,
            kind=entry.kind,
            country_code=entry.country_code,
            role=role,
        )
        self._actors[key] = actor
        return actor

    def _mentions(
        self, text: str, lowered: str, folded: str | None, names: LiteralHits | None = None
    ) -> list[tuple[int, int, ActorEntry]]:
        """Every alias and nationality-force mention, without overlaps (earliest, longest).

        `lowered` is text.lower(), and `folded` the same when the force nouns may be read from
        it (see `_role`). The `names` may have been found in it by another scan already.
        """
        found: list[tuple[int, int, ActorEntry]] = []
        adjectives: list[tuple[int, str]]
        aliases: list[tuple[int, int]]
        if len(lowered) != len(text):
            lowered = text
            adjectives, aliases = list(self._adjectives.iter(text)), list(self._aliases.iter(text))
        elif self._names is None or self._keys is None:
            adjectives = list(self._adjectives.iter(text))
            aliases = list(self._aliases.iter(lowered))
        else:
            hits = self._names.iter(lowered) if names is None else names
            adjectives, aliases = _names_in(hits, self._keys, text)
        source, force_noun = (
            (text, self._force_noun) if folded is None else (folded, self._lowered_force_noun)
        )
        for last, adjective in adjectives:
            start = last + 1 - len(adjective) - 1
            noun = force_noun.match(source, last + 1)
            if noun is None or not _word_starts(text, start):
                continue
            entry = self._force_entries[adjective, noun.group("noun").lower()]
            found.append((start, noun.end(), entry))
        for last, size in aliases:
            start, end = last + 1 - size, last + 1
            if not (_word_starts(text, start) and _word_ends(text, end)):
                continue
            alias = self._exact.get(text[start:end]) or self._folded.get(lowered[start:end])
            if alias is not None:
                found.append((start, end, alias))
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        kept: list[tuple[int, int, ActorEntry]] = []
        for item in found:
            if kept and item[0] < kept[-1][1]:
                continue
            kept.append(item)
        return kept


_Names = tuple[int, bool, tuple[str, ...]]
"""A key's length, whether it is an alias, and the nationality adjectives it spells."""


def _name_keys(aliases: set[str], nationalities: Iterable[str]) -> dict[str, _Names] | None:
    """Lower-case aliases and adjectives (+ space) for one automaton; None if lower() resizes one.

    A text lower-cased in place is then scanned once instead of twice, as written for the
    adjectives and lower-cased for the aliases.
    """
    spelled: dict[str, list[str]] = {}
    for adjective in nationalities:
        key = adjective.lower() + " "
        if len(key) != len(adjective) + 1:
            return None
        spelled.setdefault(key, []).append(adjective)
    return {
        key: (len(key), key in aliases, tuple(spelled.get(key, ())))
        for key in aliases | set(spelled)
    }


def _automaton(keys: Iterable[str]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton that reports each key found (as the classifier's scan does)."""
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def _names_in(
    hits: Iterable[tuple[int, str]], keys: dict[str, _Names], text: str
) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """Adjective hits (as written) and alias hits (lower-cased), as the two automata give them,
    from the `hits` of the `keys` (where each ends)."""
    adjectives: list[tuple[int, str]] = []
    aliases: list[tuple[int, int]] = []
    for last, key in hits:
        size, alias, spelled = keys[key]
        if alias:
            aliases.append((last, size))
        for adjective in spelled:
            if text[last - len(adjective) : last] == adjective:
                adjectives.append((last, adjective))
    return adjectives, aliases


def _role(
    text: str,
    start: int,
    end: int,
    triggers: list[tuple[int, int]],
    folded: str | None = None,
) -> ActorRole:
    """Perpetrator when the actor is the subject (or 'by' agent) of a trigger; target after one.

    `triggers` are (start, end) spans, in label and evidence order. Given the text `folded`
    (lower-cased, free of letters such as the long s that only case-insensitive matching equates
    with an ASCII one), the gaps are read from it with the lower-cased patterns, searched only
    where one of their literals is.
    """
    source, (passive_agent, subject_gap) = (
        (text, _ROLE_GAPS) if folded is None else (folded, _LOWERED_ROLE_GAPS)
    )
    agent_literals, gap_literals = (None, None) if folded is None else _ROLE_LITERALS
    for trigger_start, trigger_end in triggers:
        if end <= trigger_start <= end + 80:
            between = source[end:trigger_start]
            if "\n" not in between and not _found(subject_gap, between, gap_literals):
                return _PERPETRATOR
        if start - 60 <= trigger_end <= start:
            between = source[trigger_end:start]
            if "\n" in between or "." in between:
                continue
            if _found(passive_agent, between, agent_literals):
                return _PERPETRATOR
            return _TARGET
    return _UNKNOWN


def _found(pattern: re.Pattern[str], between: str, literals: tuple[str, ...] | None) -> bool:
    """True when `pattern` matches in `between`; searched only when one of its `literals` (one
    of which is in every match) is there, or always if they are unknown (None)."""
    if literals is not None and not any(literal in between for literal in literals):
        return False
    return pattern.search(between) is not None


def _word_starts(text: str, start: int) -> bool:
    """True when no word character or hyphen precedes `start`."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-")


def _word_ends(text: str, end: int) -> bool:
    """True when no word character or hyphen follows `end`."""
    return end >= len(text) or not (text[end].isalnum() or text[end] in "_-")


def _is_exact(alias: str) -> bool:
    """Short all-capital aliases (IS, RSF) match only as written."""
    return _SHORT_ACRONYM.match(alias) is not None


def _longest_first(words: Iterable[str]) -> list[str]:
    """Sort so that longer alternatives are tried first."""
    return sorted(words, key=len, reverse=True)


def _read(source: str, origin: str) -> dict[str, Any]:
    """Parse one YAML lexicon document."""
    try:
        data = yaml.safe_load(source) or {}
    except yaml.YAMLError as error:
        raise ConfigError(f"{origin}: invalid actor lexicon: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: actor lexicon must be a mapping")
    return data


def load_actor_finder(extra_files: Sequence[Path] = ()) -> LexiconActorFinder:
    """Load the bundled actor lexicon, extended (and overridden) by users' YAML files."""
    bundled = resources.files("stream.data").joinpath("actors.yaml").read_text("utf-8")
    documents = [_read(bundled, "actors.yaml")]
    documents += [_read(path.read_text("utf-8"), str(path)) for path in extra_files]
    aliases: dict[str, ActorEntry] = {}
    nationalities: dict[str, str | None] = {}
    forces: dict[str, tuple[str, str]] = {}
    for document in documents:
        for item in document.get("actors") or []:
            entry = ActorEntry(
                str(item["name"]), str(item.get("kind", "armed_group")), item.get("country")
            )
            for alias in [entry.name, *(item.get("aliases") or [])]:
                aliases[str(alias)] = entry
        nationalities.update(document.get("nationalities") or {})
        for noun, spec in (document.get("forces") or {}).items():
            forces[str(noun).lower()] = (str(spec["name"]), str(spec.get("kind", "state_force")))
    return LexiconActorFinder(aliases, nationalities, forces)
