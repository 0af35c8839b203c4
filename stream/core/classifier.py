"""Rule-based event classifier: lexicon triggers filtered by negation, modality and context."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from typing import Final

import ahocorasick

from schemas import EventType, LabelScore
from stream.core.analysis import Classification, LiteralHits
from stream.core.classify_anchors import Anchor, AnchorIndex, Candidates, split_branches
from stream.core.classify_context import (
    EXACT_GATED,
    GATED,
    accident_context,
    accident_words,
    armed_cue,
    clause_before,
    cumulative_factor,
    device_defused,
    fold,
    follow_up_headline,
    history_after,
    history_before,
    is_follow_up,
    is_judicial,
    is_modal,
    is_negated,
    is_rhetorical,
    judicial_headline,
    modal_after,
    plain_accident,
    protest_context,
    report_tag,
)
from stream.core.classify_gates import GateHits, GateLiterals, Gates
from stream.core.classify_lexicon import (
    RULES,
    TriggerRule,
    ascii_twin,
    compile_branch,
    lower_pattern,
)
from stream.core.text import Sentence, split_sentences

__all__ = ["RuleClassifier", "load_classifier"]

THRESHOLD: Final = 0.5
_POSITION_WEIGHTS: Final[tuple[float, ...]] = (1.0, 0.95, 0.85, 0.75, 0.7, 0.7)
_LATE_WEIGHT: Final = 0.55
_DATE_LEAD: Final = 16
"""Characters before a clause that the history test reads for the day and month of a year."""
_ATTACK: Final = EventType.ATTACK
_ADVANCE: Final = EventType.ADVANCE
_THREAT: Final = EventType.THREAT
"""The labels as module constants: compiled code reads them with no lookup on the enum class."""
_PRIORITY: Final = {_ATTACK: 0.01, _ADVANCE: 0.005, _THREAT: 0.0}
_COUNTED: Final = re.compile(
    r"(?:killing|wounding|injuring) (?:at least |more than |nearly |about )?(?:\d|one|two|three"
    r"|four|five|six|seven|eight|nine|ten|dozens|scores|several)"
)
"""A participle with a count reports the event ('..., killing 24 people')."""
_BROAD_ARMED: Final = re.compile(r"\b(?:police\w*|forces|security|army|military)\b")
_FORCE_CUE: Final = re.compile(
    r"\b(?:forces?|troops?|army|armies|soldiers?|military|militants?|rebels?|fighters?"
    r"|insurgents?|militia\w*|police\w*|tanks?|marines?|units?|brigades?|regiments?"
    r"|battalions?|divisions?|gunm[ae]n|jihadists?|guerrillas?|paramilitar\w*|peacekeepers"
    r"|commandos|loyalists|coalition|offensive|we|our|taliban|isis|isil|daesh|islamic state"
    r"|al.?shabaa?b|boko haram|houthis?|hezbollah|hamas|peshmerga|separatists|terrorists"
    r"|(?-i:[A-Z]{2,6}))\b",
    re.IGNORECASE,
)
_VERBAL_ENDS: Final = ("ed", "dead", "down", "fire", "shot", "slain", "death", "beat", "beaten")
_PRESENT_VERBS: Final = frozenset(
    {"kill", "kills", "wounds", "injures", "hurts", "bombs", "shells", "rocks"}
)
_ADJECTIVAL: Final = re.compile(r"\b(?:the|a|an|of|for|freed|release[ds]?|their|his|her|its)\s*$")
_ADJECTIVAL_LONGEST: Final = len("released")
"""Its words end where only spaces follow, so a search may start this far before that point."""
_AFTER_CUE: Final = re.compile(r"\b(?:after|following|since)\b(?:\W+\w+){0,2}\W*$")
FOLLOW_UP_FACTOR: Final = 0.3
_UNSCANNED: Final = 2
"""Gate literals this short ('or', 'to', 'no', '20') are looked for in a window when asked:
in the shared scan they would be a third of all hits."""


class _Hit:
    """One accepted trigger: its sentence, span and effective weight.

    A class with its own `__init__`, not a dataclass: compiled, a dataclass runs the interpreted
    `__init__` that the dataclasses module writes (so do the classes below).
    """

    __slots__ = ("end", "sentence", "start", "weight")

    def __init__(self, sentence: int, start: int, end: int, weight: float) -> None:
        """Keep the trigger's sentence number, span and weight."""
        self.sentence = sentence
        self.start = start
        self.end = end
        self.weight = weight


class _LabelHits:
    """Accepted triggers of one label."""

    __slots__ = ("hits",)

    def __init__(self) -> None:
        """Start with no triggers."""
        self.hits: list[_Hit] = []

    def score(self) -> float:
        """Noisy-or of the hits' weights, capped below 1."""
        miss = 1.0
        for hit in self.hits:
            miss *= 1.0 - hit.weight
        return min(0.99, 1.0 - miss)

    def strongest(self) -> float:
        """The weight of the strongest single hit."""
        return max((hit.weight for hit in self.hits), default=0.0)


class _Facts:
    """Sentence-level context, computed at most once per sentence and only when asked."""

    __slots__ = (
        "_accident",
        "_armed",
        "_cue",
        "_cumulative",
        "_defused",
        "_force",
        "_protest",
        "gates",
        "low",
        "sentence",
    )

    def __init__(self, sentence: Sentence, low: str, gates: GateHits) -> None:
        """Wrap one sentence, its lower-cased text and the text's gate literals."""
        self.sentence = sentence
        self.low = low
        self.gates = gates
        self._protest: bool | None = None
        self._accident: bool | None = None
        self._defused: bool | None = None
        self._force: bool | None = None
        self._armed: bool | None = None
        self._cue: bool | None = None
        self._cumulative: float | None = None

    def _open(self, name: str) -> bool:
        """True unless gate `name` rules its patterns out in this sentence."""
        return self.gates.open(name, self.sentence.start, self.sentence.end)

    @property
    def protest(self) -> bool:
        """A protest or riot without lethal violence."""
        if self._protest is None:
            self._protest = self._open("protest") and protest_context(self.low)
        return self._protest

    @property
    def accident(self) -> bool:
        """An accident or disaster without an armed actor, or a plain road or air accident
        with nothing hostile named ('three soldiers killed when their truck overturned')."""
        if self._accident is None:
            self._accident = (
                self._open("sentence_accident") and not self.cue and accident_words(self.low)
            ) or (self._open("plain_accident") and plain_accident(self.low))
        return self._accident

    @property
    def defused(self) -> bool:
        """A bomb found or defused, nothing going off."""
        if self._defused is None:
            self._defused = self._open("defused") and device_defused(self.low)
        return self._defused

    @property
    def force(self) -> bool:
        """An armed force or group is named."""
        if self._force is None:
            self._force = _FORCE_CUE.search(self.sentence.text) is not None
        return self._force

    @property
    def cue(self) -> bool:
        """Weapons or armed actors are named (an accident then is not one)."""
        if self._cue is None:
            self._cue = armed_cue(self.low)
        return self._cue

    @property
    def armed(self) -> bool:
        """Weapons, armed actors or security forces are named."""
        if self._armed is None:
            self._armed = self.cue or _BROAD_ARMED.search(self.low) is not None
        return self._armed

    @property
    def cumulative(self) -> float:
        """Weight factor for cumulative tolls."""
        if self._cumulative is None:
            self._cumulative = cumulative_factor(self.low) if self._open("cumulative") else 1.0
        return self._cumulative


_Shared = tuple[tuple[str, str], ...]
"""The later steps a literal belongs to, each with the literal."""
_LETTER_RANKS: Final = {letter: rank for rank, letter in enumerate(" etaoinshrdlcumwfgypbvkjxqz")}
"""The space and the letters by their frequency in English text, most frequent first."""


def _common_first(literal: str) -> tuple[list[int], str]:
    """Sort key of a literal: its characters' frequency ranks (rarer ones last), then itself.

    An automaton node lists its children in the order the literals were added and looks for
    the next character among them one by one: added in this order, common letters come first.
    """
    return [_LETTER_RANKS.get(char, len(_LETTER_RANKS)) for char in literal], literal


def _shared_automaton(
    anchors: Mapping[str, Anchor],
    gates: Mapping[str, GateLiterals],
    shared: Mapping[str, Collection[str]],
) -> ahocorasick.Automaton:
    """One automaton of the anchor, gate and later steps' literals: a text is scanned once."""
    automaton = ahocorasick.Automaton()
    for literal in sorted(
        anchors.keys() | gates.keys() | {key for step in shared.values() for key in step},
        key=_common_first,
    ):
        steps = tuple((name, literal) for name, step in shared.items() if literal in step)
        automaton.add_word(literal, (gates.get(literal, ()), anchors.get(literal), steps))
    automaton.make_automaton()
    return automaton


class _Scan:
    """The hits of one scan of a text, by what they serve: gates, anchors and later steps."""

    __slots__ = ("anchored", "gated", "shared")

    def __init__(self) -> None:
        """Start with no hits."""
        self.gated: list[tuple[int, GateLiterals]] = []
        self.anchored: list[tuple[int, Anchor]] = []
        self.shared: list[tuple[int, _Shared]] = []


def _sort_hits(hits: Iterable[tuple[int, tuple[GateLiterals, Anchor | None, _Shared]]]) -> _Scan:
    """Sort the shared automaton's hits (end offset, what the literal serves) in one pass."""
    scan = _Scan()
    for at, (gated, anchor, steps) in hits:
        if gated:
            scan.gated.append((at, gated))
        if anchor is not None:
            scan.anchored.append((at, anchor))
        if steps:
            scan.shared.append((at, steps))
    return scan


def _step_hits(
    shared: list[tuple[int, _Shared]], names: Iterable[str]
) -> dict[str, list[tuple[int, str]]]:
    """The hits of the later steps' literals, by step."""
    found: dict[str, list[tuple[int, str]]] = {name: [] for name in names}
    for at, steps in shared:
        for name, literal in steps:
            found[name].append((at, literal))
    return found


def _position_weight(index: int) -> float:
    """Headline and lead weigh most; later sentences report background more often."""
    return _POSITION_WEIGHTS[index] if index < len(_POSITION_WEIGHTS) else _LATE_WEIGHT


class RuleClassifier:
    """Classifies a text as advance / attack / threat / other from explainable trigger rules."""

    def __init__(
        self,
        rules: tuple[TriggerRule, ...] = RULES,
        shared: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        """Compile the rules once; `shared` names later steps' literals to find in the same scan.

        Where a step's literals occur comes with each classification (by step).
        """
        self._rules = rules
        self._shared = tuple(shared or ())
        units = [
            (index, branch)
            for index, rule in enumerate(rules)
            for branch in split_branches(rule.pattern)
        ]
        compiled = [compile_branch(branch) for _, branch in units]
        self._table = [
            (pattern, lowered, index)
            for (pattern, lowered), (index, _) in zip(compiled, units, strict=True)
        ]
        self._ascii_table = [
            (ascii_twin(pattern), lowered, index) for pattern, lowered, index in self._table
        ]
        """The table for ASCII text (see `ascii_twin`)."""
        self._anchors = AnchorIndex(
            [branch for _, branch in units],
            prefixed={unit for unit, (_, lowered) in enumerate(compiled) if lowered},
        )
        self._needs = {
            index: re.compile(lower_pattern(rule.needs))
            for index, rule in enumerate(rules)
            if rule.needs
        }
        self._gates = Gates(GATED, exact=EXACT_GATED, unscanned=_UNSCANNED)
        self._literals = _shared_automaton(
            self._anchors.literals, self._gates.literals, shared or {}
        )

    def classify(self, text: str) -> Classification:
        """Return the labels that apply to `text`, with evidence, and the primary type."""
        sentences = split_sentences(text)
        starts = [sentence.start for sentence in sentences]
        low = fold(text)
        lows = [low[sentence.start : sentence.end] for sentence in sentences]
        scan = _sort_hits(self._literals.iter(low))
        gates = self._gates.scan(low, scan.gated)
        lead = sentences[min(2, len(sentences) - 1)].end if sentences else 0
        disaster = gates.open("accident", 0, lead) and accident_context(" ".join(lows[:3]))
        found: dict[EventType, _LabelHits] = {}
        candidates = self._anchors.candidates(low, starts, scan.anchored)
        table = self._ascii_table if text.isascii() else self._table
        for position, sentence in enumerate(sentences):
            if not (candidates.starts[position] or candidates.units[position]):
                continue
            matches = self._matches(text, low, sentence, candidates, position, table)
            if not matches:
                continue
            facts = _Facts(sentence, lows[position], gates)
            for index, start, end in matches:
                rule = self._rules[index]
                if rule.label is None or (disaster and rule.label is _ATTACK):
                    continue
                weight = self._weigh(rule, index, facts, start, end)
                if weight > 0.0:
                    hit = _Hit(position, start, end, weight * _position_weight(position))
                    labelled = found.get(rule.label)
                    if labelled is None:
                        labelled = found[rule.label] = _LabelHits()
                    labelled.hits.append(hit)
        if report_tag(low):
            for hits in found.values():
                for hit in hits.hits:
                    hit.weight *= FOLLOW_UP_FACTOR
        elif lows and follow_up_headline(lows[0]):
            _demote_follow_up(low, found)
            if judicial_headline(lows[0]) and _THREAT in found:
                for hit in found[_THREAT].hits:
                    if "death threat" not in low[hit.start : hit.end]:
                        hit.weight *= FOLLOW_UP_FACTOR
        steps = _step_hits(scan.shared, self._shared) if self._shared else {}
        return _assemble(text, tuple(sentences), found, steps)

    def _matches(
        self,
        text: str,
        lowered: str,
        sentence: Sentence,
        candidates: Candidates,
        position: int,
        table: list[tuple[re.Pattern[str], bool, int]],
    ) -> list[tuple[int, int, int]]:
        """Non-overlapping rule matches in a sentence: leftmost first, then earliest rule (by the
        rules' `table` for the text)."""
        spans: list[tuple[int, int, int]] = []
        begin, stop = sentence.start, sentence.end
        anchored, prefixed = candidates.units[position], self._anchors.prefixed
        for unit in anchored - prefixed if anchored else ():
            pattern, on_lowered, index = table[unit]
            spans.extend(
                (match.start(), index, -match.end())
                for match in pattern.finditer(lowered if on_lowered else text, begin, stop)
            )
        previous = cursor = -1
        checked = self._anchors.checked
        for unit, start in candidates.starts[position]:
            if unit != previous:
                previous, cursor = unit, begin
                pattern, _, index = table[unit]
                skip = unit in checked and unit not in anchored
            if not skip and start >= cursor and (match := pattern.match(lowered, start, stop)):
                cursor = match.end()
                spans.append((start, index, -cursor))
        spans.sort()
        kept: list[tuple[int, int, int]] = []
        reached = -1
        for start, index, negative_end in spans:
            if start >= reached:
                kept.append((index, start, -negative_end))
                reached = max(-negative_end, start + 1)
        return kept

    def _weigh(self, rule: TriggerRule, index: int, facts: _Facts, start: int, end: int) -> float:
        """The trigger's weight after its context tests; 0 when the context rules it out."""
        low = facts.low
        local = start - facts.sentence.start
        local_end = local + end - start
        before = clause_before(low, local)
        after = low[local_end : local_end + 60]
        clause = start - len(before)
        gates = facts.gates
        if gates.open("negated", clause, start) and is_negated(before):
            return 0.0
        if gates.open("history_before", max(clause, start - 48), start) and history_before(
            before, low[max(0, local - len(before) - _DATE_LEAD) : local - len(before)]
        ):
            return 0.0
        if gates.open("history_after", end, end + 60) and history_after(after):
            return 0.0
        label = rule.label
        trigger = low[local:local_end]
        # What the rule needs besides its trigger: near it for a threat, in the sentence else.
        needs = self._needs.get(index)
        if label is _THREAT:
            if needs is not None and not needs.search(low[max(0, local - 60) : local_end + 80]):
                return 0.0
            judged = is_judicial(before) and "death threat" not in trigger
            return 0.0 if judged else rule.weight
        if (
            (before.rstrip().endswith("to") or gates.open("modal", clause, start))
            and is_modal(before)
        ) or modal_after(after):
            return 0.0
        if label is _ADVANCE:
            return 0.0 if facts.protest or (rule.needs_force and not facts.force) else rule.weight
        if needs is not None and not needs.search(low):
            return 0.0
        weight = rule.weight * facts.cumulative
        if (
            gates.open("follow_up", clause, start)
            and not _is_verbal(trigger, before)
            and is_follow_up(before)
        ):
            return 0.0
        rhetorical = is_rhetorical(trigger, after) and not (
            trigger.startswith("clash") and facts.armed
        )
        if facts.accident or facts.defused or rhetorical:
            return 0.0
        if rule.riot_prone and facts.protest:
            return 0.0
        if rule.needs_armed and not facts.armed:
            weight *= 0.6
        return weight


def _is_verbal(trigger: str, before: str) -> bool:
    """True when the trigger reports the event as a verb ('killed', 'shot dead', 'kills')."""
    if trigger in _PRESENT_VERBS:
        return True
    if not trigger.endswith(_VERBAL_ENDS):
        return False
    return _ADJECTIVAL.search(before, max(0, len(before.rstrip()) - _ADJECTIVAL_LONGEST)) is None


def _demote_follow_up(text: str, found: dict[EventType, _LabelHits]) -> None:
    """A follow-up headline (trial, condemnation...) reports no new attack unless it says one in
    a verb; a participle opening the headline describes ('Kidnapped workers freed')."""
    attack = found.get(_ATTACK)
    if attack is None:
        return
    advance = found.get(_ADVANCE)
    headline_verbal = any(
        hit.sentence == 0
        and not (hit.start == 0 and text[hit.start : hit.end].endswith("ed"))
        and (
            _is_verbal(text[hit.start : hit.end], text[: hit.start])
            or _COUNTED.match(text, hit.start) is not None
        )
        and _AFTER_CUE.search(text[max(0, hit.start - 40) : hit.start]) is None
        for hit in attack.hits
    ) or (advance is not None and any(hit.sentence == 0 for hit in advance.hits))
    if not headline_verbal:
        for hit in attack.hits:
            hit.weight *= FOLLOW_UP_FACTOR


def _assemble(
    text: str,
    sentences: tuple[Sentence, ...],
    found: dict[EventType, _LabelHits],
    literals: Mapping[str, LiteralHits],
) -> Classification:
    """Turn accepted hits into scored labels with evidence and choose the primary type."""
    labels: list[LabelScore] = []
    strongest: dict[EventType, float] = {}
    for label, hits in found.items():
        score = hits.score()
        if score < THRESHOLD:
            continue
        strongest[label] = hits.strongest() + _PRIORITY.get(label, 0.0)
        labels.append(
            LabelScore.model_validate(
                {
                    "label": label,
                    "score": round(score, 3),
                    "evidence": _evidence(text, sentences, hits),
                }
            )
        )
    if not labels:
        best = max((hits.score() for hits in found.values()), default=0.0)
        other = LabelScore(label=EventType.OTHER, score=round(1.0 - best, 3))
        return Classification([other], EventType.OTHER, text, sentences, literals)
    labels.sort(key=lambda item: strongest[item.label], reverse=True)
    return Classification(labels, labels[0].label, text, sentences, literals)


def _evidence(
    text: str, sentences: tuple[Sentence, ...], hits: _LabelHits
) -> list[dict[str, object]]:
    """Group a label's triggers by sentence, strongest sentence first (as Evidence fields).

    Nested plain data is validated in one call when the label is built, faster than a model
    per trigger.
    """
    by_sentence: dict[int, list[_Hit]] = {}
    for hit in hits.hits:
        by_sentence.setdefault(hit.sentence, []).append(hit)
    ordered = sorted(by_sentence.items(), key=lambda item: -max(h.weight for h in item[1]))
    return [
        {
            "sentence": sentences[index].text,
            "start": sentences[index].start,
            "end": sentences[index].end,
            "triggers": [
                {"text": text[h.start : h.end], "start": h.start, "end": h.end} for h in group
            ],
        }
        for index, group in ordered
    ]


def load_classifier(shared: Mapping[str, Collection[str]] | None = None) -> RuleClassifier:
    """Build the classifier from the bundled trigger lexicon (see `RuleClassifier` on shared)."""
    return RuleClassifier(shared=shared)
