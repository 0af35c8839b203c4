"""Trigger rules of the event classifier: the rule type, its constructors, shared patterns."""

from __future__ import annotations

from dataclasses import dataclass

from schemas import EventType

__all__ = [
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

GAP = (
    r"(?:(?!(?:in|at|from|near|during|on|after|while|when|by|for|with|to|and|as|of)\b)"
    r"[\w'()-]+ ){0,5}"
)
VIOLENT = (
    r"\b(?:kill\w*|attack\w*|bomb\w*|terror\w*|militants?|insurgents?|gunmen|rebels?|jihad\w*"
    r"|al.?qaeda|isis|isil|daesh|islamic state|taliban|death|behead\w*|execut\w*|violence|weapons?"
    r"|explosi\w+|armed|hostages?|kidnap\w*|assassin\w*|shoot\w*|chemical|strikes?)\b"
)
THREAT_CONTEXT = (
    r"\b(?:kill\w*|behead\w*|execut\w*|bomb\w*|blow\w* up|terror\w*|militants?|insurgents?|gunmen"
    r"|armed|fighters|rebels?|militias?|warlords?|separatists?|extremists?|gangs?"
    r"|kidnap\w*|captors|hostages?|jihad\w*|al.?qaeda|isis|isil|daesh|islamic state|taliban"
    r"|suicide|death threats?)\b"
)
PLACE = (
    r"(?:towns?|city|cities|villages?|districts?|areas?|territor(?:y|ies)|bases?|camps?|outposts?"
    r"|positions?|hills?|heights|airports?|air ?bases?|bridges?|checkpoints?|neighbou?rhoods?"
    r"|provinces?|regions?|border (?:crossing|post|point)s?|crossings?|oil ?fields?|ports?"
    r"|headquarters|HQs?|compounds?|strongholds?|bastions?|suburbs?|outskirts|quarters?"
    r"|localit(?:y|ies)|settlements?|enclaves?|valleys?|mountains?|islands?|coast(?:line)?"
    r"|junction|dam|barracks|garrison|fort|citadel|capital|parts? of"
    r"|most of|much of|large parts|swathes?|pockets?|zones?)\b"
)


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
    weight: float, pattern: str, *, needs_armed: bool = False, riot_prone: bool = False
) -> TriggerRule:
    """An attack trigger; flags: weaker without an armed cue, void in non-lethal riots."""
    return TriggerRule(EventType.ATTACK, weight, pattern, needs_armed, riot_prone)


def advance_rule(weight: float, pattern: str, *, needs_force: bool = True) -> TriggerRule:
    """An advance trigger; most need an armed force named in the same sentence."""
    return TriggerRule(EventType.ADVANCE, weight, pattern, needs_force=needs_force)


def threat_rule(weight: float, pattern: str, needs: str | None = None) -> TriggerRule:
    """A threat trigger; `needs` is a pattern that must also occur in the sentence."""
    return TriggerRule(EventType.THREAT, weight, pattern, needs=needs)


def blocker(pattern: str) -> TriggerRule:
    """A blocker: a non-conflict sense that hides the trigger words it covers."""
    return TriggerRule(None, 0.0, pattern)
