"""Trigger rules of the event classifier: the rule type, its constructors, shared patterns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from schemas import EventType

__all__ = [
    "BUILDING",
    "GAP",
    "PLACE",
    "THREAT_CONTEXT",
    "VIOLENT",
    "TriggerRule",
    "advance_rule",
    "attack_rule",
    "blocker",
    "threat_rule",
]

GAP: Final = (
    r"(?:(?!(?:in|at|from|near|during|on|after|while|when|by|for|with|to|and|as|of)\b)"
    r"[\w'()-]+ ){0,5}"
)
VIOLENT: Final = (
    r"\b(?:kill\w*|attack\w*|bomb\w*|terror\w*|militants?|insurgents?|gunmen|rebels?|jihad\w*"
    r"|al.?qaeda|isis|isil|daesh|islamic state|taliban|death|behead\w*|execut\w*|violence|weapons?"
    r"|explosi\w+|armed|hostages?|kidnap\w*|assassin\w*|shoot\w*|chemical|strikes?)\b"
)
THREAT_CONTEXT: Final = (
    r"\b(?:kill\w*|behead\w*|execut\w*|bomb\w*|blow\w* up|terror\w*|militants?|insurgents?|gunmen"
    r"|armed|fighters|rebels?|militias?|warlords?|separatists?|extremists?|gangs?"
    r"|kidnap\w*|captors|hostages?|jihad\w*|al.?qaeda|isis|isil|daesh|islamic state|taliban"
    r"|suicide|death threats?)\b"
)
PLACE: Final = (
    r"(?:t(?:owns?|erritor(?:y|ies))|c(?:ity|ities|amps?|heckpoints?|rossings?|ompounds?"
    r"|oast(?:line)?|itadel|apital)|v(?:illages?|alleys?)|d(?:istricts?|am)"
    r"|a(?:reas?|irports?|ir ?bases?)|b(?:ases?|ridges?|order (?:crossing|post|point)s?"
    r"|astions?|arracks)|o(?:utposts?|il ?fields?|utskirts)|p(?:ositions?|rovinces?|orts?"
    r"|arts? of|ockets?)|h(?:ills?|eights|eadquarters|Qs?)|neighbou?rhoods?|regions?"
    r"|s(?:trongholds?|uburbs?|ettlements?|wathes?)|quarters?|l(?:ocalit(?:y|ies)|arge parts)"
    r"|enclaves?|m(?:ountains?|ost of|uch of)|islands?|junction|garrison|fort|zones?"
    r"|(?:hill|hilltop|military|army|police|observation|security) (?:posts?|stations?))\b"
)
"""Place nouns, grouped by first letter: at each word the regex engine tries 21 groups instead
of 53 words (words of one letter keep their order, so every match stays the same)."""
BUILDING: Final = (
    r"(?:hotels?|schools?|theat(?:re|er)s?|church(?:es)?|mosques?|synagogues?|temples?|embassy"
    r"|consulate|restaurants?|cafes?|malls?|banks?|hospitals?|offices?|university|college"
    r"|markets?|supermarkets?|shops?|stores?|(?:night)?clubs?|stadium|prisons?|jails?|courts?"
    r"|courthouse|house|home|residence|building|newspaper)\b"
)
"""Buildings that armed men storm to kill or take hostages, not to hold ground."""


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One trigger pattern: the label it supports (None for a blocker) and its weight."""

    label: EventType | None
    weight: float
    pattern: str
    needs_armed: bool = False
    riot_prone: bool = False
    needs: str | None = None
    needs_force: bool = False


def attack_rule(
    weight: float,
    pattern: str,
    *,
    needs_armed: bool = False,
    riot_prone: bool = False,
    needs: str | None = None,
) -> TriggerRule:
    """An attack trigger; flags: weaker without an armed cue, void in non-lethal riots;
    `needs` is a pattern that must also occur in the sentence."""
    return TriggerRule(EventType.ATTACK, weight, pattern, needs_armed, riot_prone, needs)


def advance_rule(weight: float, pattern: str, *, needs_force: bool = True) -> TriggerRule:
    """An advance trigger; most need an armed force named in the same sentence."""
    return TriggerRule(EventType.ADVANCE, weight, pattern, needs_force=needs_force)


def threat_rule(weight: float, pattern: str, needs: str | None = None) -> TriggerRule:
    """A threat trigger; `needs` is a pattern that must also occur in the sentence."""
    return TriggerRule(EventType.THREAT, weight, pattern, needs=needs)


def blocker(pattern: str) -> TriggerRule:
    """A blocker: a non-conflict sense that hides the trigger words it covers."""
    return TriggerRule(None, 0.0, pattern)
