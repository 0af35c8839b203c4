"""Context tests for a trigger: negation, modality, reported history, follow-up, genre cues."""

from __future__ import annotations

import re
from typing import Final

from stream.core.classify_anchors import split_branches
from stream.core.classify_lexicon import TwinPattern, lower_pattern

__all__ = [
    "ARMED_CUE",
    "EXACT_GATED",
    "GATED",
    "accident_context",
    "accident_words",
    "armed_cue",
    "clause_before",
    "cumulative_factor",
    "device_defused",
    "fold",
    "follow_up_headline",
    "history_after",
    "history_before",
    "is_follow_up",
    "is_judicial",
    "is_modal",
    "is_negated",
    "is_rhetorical",
    "judicial_headline",
    "modal_after",
    "plain_accident",
    "protest_context",
    "report_tag",
]


def _lc(pattern: str) -> re.Pattern[str]:
    """Compile a pattern for lower-cased text (faster than IGNORECASE)."""
    return re.compile(lower_pattern(pattern))


def _lc_test(pattern: str) -> re.Pattern[str]:
    """`_lc` for a pattern used only to test whether it matches (see `_tested`)."""
    return _tested(_lc(pattern))


def _twin(pattern: str) -> TwinPattern:
    """`_lc_test` with an ASCII twin (see `TwinPattern`)."""
    return TwinPattern(_lc_test(pattern))


def _tested(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A faster pattern that matches wherever `pattern` does, for yes/no tests only.

    In `\\b(?:a|b|...)\\b` every alternative is tried at every word start; with alternatives
    that begin with the same letter grouped behind it ('c(?:rash|ollision)'), the others are
    skipped after one comparison. Reordering alternatives can change which one matches and so
    a match's end, never whether (or where) the pattern matches. Each top-level alternative of
    that shape is grouped so; other shapes stay as they are.
    """
    parts = split_branches(pattern.pattern)
    grouped = [_grouped(part) for part in parts]
    return pattern if grouped == parts else re.compile("|".join(grouped), pattern.flags)


def _grouped(source: str) -> str:
    """`\\b(?:a|b|...)\\b` with its alternatives grouped by first letter (see `_tested`)."""
    inner = source.removeprefix("\\b(?:").removesuffix(")\\b")
    if len(inner) + 8 != len(source) or not _compiles(inner):
        return source
    groups: dict[str, list[str]] = {}
    for branch in split_branches(inner):
        plain = branch[:1].isalpha() and branch[1:2] not in ("?", "*", "+", "{")
        groups.setdefault(branch[0] if plain else branch, []).append(branch)
    alternatives = [
        branches[0] if len(branches) == 1 else f"{key}(?:{'|'.join(b[1:] for b in branches)})"
        for key, branches in groups.items()
    ]
    return f"\\b(?:{'|'.join(alternatives)})\\b"


def _compiles(pattern: str) -> bool:
    """True for a valid regex (so its parentheses balance)."""
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def fold(text: str) -> str:
    """Lower-case `text` keeping its length, so offsets stay valid ('İ' stays as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char if len(char.lower()) != 1 else char.lower() for char in text)


_CLAUSE_BREAK: Final = re.compile(
    r"[,;:()\"“” ](?:(?<! )|(?<= )(?:- |but |while |whereas |although |as well as ))"
)
"""A punctuation break or a spaced dash or conjunction (one leading class: fast to scan)."""
_CLAUSE_MARKS: Final = (",", ";", ":", "(", ")", '"', "“", "”")
_CLAUSE_CONJUNCTIONS: Final = (" - ", " but ", " while ", " whereas ", " although ", " as well as ")
"""The breaks of `_CLAUSE_BREAK`: a punctuation mark, or a space before a dash or conjunction."""
_NEGATION: Final = _lc(
    r"\b(?:no|not|never|without|denied|denies|deny|denying|nor|neither|rejected|refuted"
    r"|dismissed|false(?:ly)?|nobody|none)\b|n't\b",
)
_MODAL: Final = _lc(
    r"\b(?:(?<!\d )may(?! \d)|could|might|would|will|shall|should|can|plan(?:s|ned|ning)?|intend\w*"
    r"|threat\w*|vow\w*"
    r"|warn\w*|prepar\w*|call\w* for|risk\w*"
    r"|possibl[ey]|potential|imminent|prevent\w*|avert\w*|foil\w*|thwart\w*|plot\w*|if|unless"
    r"|avoid\w*|aim\w* to|tr(?:y|ies|ied|ying) to|expected to|likely to|about to|order to"
    r"|demand\w*|pledge\w*|promis\w*|capable|able to|deadline|ultimatum|rather than"
    r"|instead of|against any|readiness|encourag\w*"
    r"|incit\w*|bid to|in a bid|alert|or be|or face)\b"
    r"|\b(?:ready|want\w*|seek\w*|sought|urg(?:e|es|ed|ing)|ask\w*)(?: [\w'-]+){0,3}"
    r" to\b"
    r"|\b(?:stop\w*|halt\w*|end|ending|cease\w*)(?: (?:the|all|a|an|any|further|their|its"
    r"|(?:[\w-]+ )?(?:days|weeks|months|years|decades)(?: of)?))?$"
)
"""Modal, conditional and intention words (a demand too: 'demanding justice for those killed');
wanting, seeking, urging or asking governs a trigger through 'to' ('urged the army to launch
an attack', not 'a wanted man shot two officers'), and stopping, halting or ending only a
trigger right after it ('to end the fighting', not 'stopped the bus and shot the driver')."""
_USED_TO: Final = _lc(r"\b(?:used|using|uses)\b(?: \S+){0,4} to$")
_FOLLOW_UP: Final = _lc(
    r"\b(?:suspects?|suspected of|accused|charged|convicted|sentenced|jailed|trials?|tried"
    r"|arrest\w*|detain\w*|indicted|extradit\w*|investigat\w*|inquiry|inquest|probe\w*"
    r"|condemn\w*|denounc\w*|mourn\w*|funerals?|responsibility|claim\w*|blamed?|connection"
    r"|linked|video\w*|footage|tape|anniversary|compensation|victims|survivors|wake|retaliation"
    r"|revenge|response|protest(?:s|ed|ing)? (?:against|over)|against|release|demand\w*"
    r"|memorial|after|following|since"
    r"|aftermath|before|earlier|previous|prior|recent|spate|wave|series|campaign|war on|fight"
    r"|against|over|about|verdict|court|tribunal|blame|fears?|amid|threats?|plots?|planned"
    r"|planning|warn\w*|commemorat\w*|remember\w*|report\w* on|book|film|documentary"
    r"|accountab\w*|responsible|justice)\b",
)
_MONTH_NAMES: Final = (
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
)
_NOT_A_DATE: Final = "(?<!\\d, )(?<!\\d )" + "".join(
    f"(?<!{month} )" for month in _MONTH_NAMES.split()
)
"""A year is history unless it ends a date ('July 3, 2015', '3 July 2015', 'May 2020')."""
_HISTORY_BEFORE: Final = _lc(
    r"\b(?:last (?:year|month|decade|century)'?s?|" + _NOT_A_DATE + r"(?:19|20)\d\d(?:'s)?"
    r"|anniversary of"
    r"|(?:years?|months?|weeks?|days?) (?:after|since)|earlier|previous|past|former|recently"
    r"|newly|(?:first|second) world war"
    r"|cold war)\W+(?:\w+\W+){0,2}$",
)
_HISTORY_AFTER: Final = _lc(
    r"^\W*(?:\w+\W+){0,9}?(?:(?:in|of|since) (?:19|20)\d\d\b|last year|years ago|decades ago"
    r"|months ago|weeks? ago|days? ago|last month|earlier this (?:week|month|year)"
    r"|(?:a|one|two|three|several) days? (?:earlier|before)|the (?:day|night|week) before(?! last)"
    r"|the previous (?:day|night|week))",
)
_PROTEST: Final = _lc(
    r"\b(?:protest\w*|demonstrat\w*|rioters?|riots?|rally|rallies|marchers|sit-ins?|mobs?"
    r"|crowds?|strikers|striking|looters?|looting|vigilantes?|villagers (?:attacked|beat)"
    r"|disputes?|supporters|party workers|(?:two|rival) (?:groups|factions|communities)"
    r"|communities|tribes|tribal (?:clash|fight|feud|dispute)\w*|inmates|prisoners|pelt\w*"
    r"|stone.pelting|(?:hurled|threw)"
    r" (?:stones|rocks)|lathi|tear.?gas|water cannons?|rubber bullets|stun grenades|brawl\w*"
    r"|scuffle\w*)\b",
)
_LETHAL: Final = _twin(
    r"\b(?:killed|killing|shot dead|died|dead|live (?:ammunition|rounds|fire|bullets)"
    r"|opened fire|gunfire|fatally|bomb\w*|gunmen|militants?|insurgents?|armed (?:men|group)"
    r"|(?<!stun )(?<!gas )grenades?)\b",
)
_ACCIDENT: Final = _lc(
    r"\b(?:crash\w*|accidents?|accidentally|collision|collided|derail\w*|earthquakes?|quakes?|floods?"
    r"|flooding|storms?|hurricanes?|typhoons?|cyclones?|tsunamis?|landslides?|mudslides?"
    r"|avalanches?|blaze|stampedes?|drown\w*|heat ?wave|outbreaks?|epidemic|disease|flu|virus"
    r"|fire broke out|gas (?:leak|explosion|cylinder|pipeline)|boiler|fireworks|lightning"
    r"|collaps\w*|capsiz\w*|sank|sinking|ferry|illness|overdose|cancer|tornado\w*|volcan\w*"
    r"|eruption|mine explosion|coal mine|wildfires?|bushfires?|heart attack|stroke"
    r"|natural causes|sharks?|crocodiles?|elephants?|(?:in|by) an? (?:\w+ )?fire|submarine)\b",
)
ARMED_CUE: Final = _lc_test(
    r"\b(?:bomb\w*|gunm[ae]n|militants?|(?<!heart )(?<!panic )(?<!shark )attack\w*|shot"
    r"|shooting|armed|rebels?|insurgents?"
    r"|troops|soldiers?|grenades?|explosive devices?|ieds?|rockets?|missiles?|shell\w*"
    r"|terror\w*|suicide|fighters|militia\w*|airstrikes?|sabotage|warplanes?|jets|aircraft"
    r"|booby.?trap\w*"
    r"|air ?force|drones?|artillery|weapons?|arms|machine ?guns?|gunfire|shots|projectiles)\b",
)


_MODAL_TEST: Final = TwinPattern(_tested(_MODAL))
_FOLLOW_UP_TEST: Final = _tested(_FOLLOW_UP)
_PROTEST_TEST: Final = TwinPattern(_tested(_PROTEST))
_ACCIDENT_TEST: Final = TwinPattern(_tested(_ACCIDENT))
"""Test forms of gated patterns (gates read their literals from the patterns as written); the
ones searched most often, like `_LETHAL`, `_ARMED` and `_FOLLOW_UP_HEADLINE`, with ASCII twins."""
_ARMED: Final = TwinPattern(ARMED_CUE)


def clause_before(sentence: str, offset: int, max_chars: int = 80) -> str:
    """The text of the trigger's clause before `offset` in `sentence` (at most max_chars).

    That is the head's last piece when split at its clause breaks (the pattern has no groups,
    so the pieces are the text between the breaks, found as a left-to-right scan finds them).
    A punctuation mark lies inside no other break, so the scan breaks there too: only the text
    after the last one is split, and without a spaced conjunction that text is the piece.
    """
    head = sentence[max(0, offset - max_chars) : offset]
    last = -1
    for mark in _CLAUSE_MARKS:
        last = max(last, head.rfind(mark))
    tail = head[last + 1 :]
    for conjunction in _CLAUSE_CONJUNCTIONS:
        if conjunction in tail:
            return _CLAUSE_BREAK.split(tail)[-1]
    return tail


def _last_words(text: str, count: int) -> str:
    """The last `count` (one or more) words of `text`."""
    words = text.rsplit(None, count)
    return " ".join(words[1:] if len(words) > count else words)


def is_negated(before: str) -> bool:
    """True when a negation word sits in the few words before the trigger."""
    return _NEGATION.search(_last_words(before, 5)) is not None


def is_modal(before: str) -> bool:
    """True when a modal, conditional or intention word governs the trigger."""
    words = _last_words(before, 8)
    if words.endswith(" to") or words == "to":
        return _USED_TO.search(words) is None
    return _MODAL_TEST.search(words) is not None


def is_follow_up(before: str) -> bool:
    """True when the trigger names an earlier event that the clause follows up on."""
    return _FOLLOW_UP_TEST.search(_last_words(before, 6)) is not None


def history_before(before: str, lead: str = "") -> bool:
    """True when a date or phrase just before the trigger places the event in the past; `lead`
    is the text before the clause, where a year's day and month may be ('July 3, 2015')."""
    return _HISTORY_BEFORE.search(lead + before[-48:], len(lead)) is not None


def history_after(after: str) -> bool:
    """True when a date or phrase just after the trigger places the event in the past."""
    return _HISTORY_AFTER.search(after) is not None


def protest_context(sentence: str) -> bool:
    """True for a sentence about protests or riots with no lethal violence."""
    if _PROTEST_TEST.search(sentence) is None:
        return False
    return _LETHAL.search(sentence) is None


def accident_context(sentence: str) -> bool:
    """True for a sentence about an accident or disaster with no armed actor."""
    return not armed_cue(sentence) and accident_words(sentence)


# A road or air accident in a sentence that names nothing hostile (the lookahead).
_PLAIN_ACCIDENT: Final = _lc(
    r"(?s)^(?!.*\b(?:attack\w*|bomb\w*|shot|shoot\w*|gunfire|fired|ambush\w*|mines?|ieds?"
    r"|explosi\w+|militants?|rebels?|insurgents?|gunmen|shell\w*|missiles?|rockets?|downed"
    r"|hostile|enemy|fighting|clash\w*)\b).*?\b(?:(?:road|traffic|car|bus|truck|vehicle)"
    r" (?:accident|crash|collision)s?\b|(?:truck|vehicle|car|bus|jeep|tanker|lorry)"
    r" (?:overturned|rolled over|plunged|veered)\b|(?:plane|helicopter|aircraft|jet) crash)",
)


def plain_accident(sentence: str) -> bool:
    """True for a road or air accident with nothing hostile named in the sentence."""
    return _PLAIN_ACCIDENT.search(sentence) is not None


def armed_cue(sentence: str) -> bool:
    """True when weapons or armed actors are named (`ARMED_CUE`)."""
    return _ARMED.search(sentence) is not None


def accident_words(sentence: str) -> bool:
    """True when an accident or disaster is named, armed actors or not."""
    return _ACCIDENT_TEST.search(sentence) is not None


_JUDICIAL: Final = _lc(
    r"\b(?:sentenc\w*|jail\w*|convict\w*|pardon\w*|trials?|guilty|acquit\w*|verdict|court"
    r"|suspected links|cancel\w*|prison)\b",
)
_FOLLOW_UP_HEADLINE: Final = _twin(
    r"\b(?:admit\w*|blam\w*|condemn\w*|comdemn\w*|apologi[sz]\w*|probes?|inquiry|inquest"
    r"|investigat\w*|trials?|plead\w*|guilty|sentenc\w*|jail\w*|charg\w*|convict\w*"
    r"|mourn\w*|funerals?|video|tape|pardon\w*|acquit\w*|verdict|extradit\w*|manhunt|masterminds?"
    r"|responsibility|anniversary|remember\w*|memorial|compensation|aftermath|survivors"
    r"|denies|denied|fallout|lessons|ups security|security (?:tightened|stepped up|beefed up)"
    r"|clampdown|crackdown|negotiat\w*|talks|freed|released|rescued|tells of|recounts"
    r"|(?<!being )(?:arrest\w*|detain\w*|held|questioned|nabbed)(?: [\w'-]+){0,3} (?:over|for|after"
    r"|in connection with|following)"
    r"|describes|recalls|pictured|toll (?:[\w'-]+ ){0,4}(?:rises|rose|climbs|climbed|reaches"
    r"|reached|tops|jumps|mounts|soars|passes))\b",
)
_CUMULATIVE: Final = _lc(
    r"\b(?:since (?:the start|january|february|march|april|may|june|july|august|september"
    r"|october|november|december|(?:19|20)\d\d)|so far this year|this year alone"
    r"|over the (?:past|last) (?:\w+ )?(?:months|years|decade))\b",
)


def is_judicial(before: str) -> bool:
    """True when a court, jail or pardon word governs a threat trigger (a follow-up story)."""
    return _JUDICIAL.search(_last_words(before, 14)) is not None


def follow_up_headline(headline: str) -> bool:
    """True for a headline about a follow-up (trial, condemnation, probe, video, funeral)."""
    return _FOLLOW_UP_HEADLINE.search(headline) is not None


def cumulative_factor(sentence: str) -> float:
    """Cumulative tolls ('since January', 'so far this year') are background: half weight."""
    return 0.5 if _CUMULATIVE.search(sentence) else 1.0


_REPORT_TAG: Final = _lc(
    r"^\s*(?:movement of forces|weapons seizure|property destruction|defusal|arrests?"
    r"|security measures|displacement|explosive remnants of war|land seizure|headquarters or"
    r" base established|non-violent activity|agreement|change to group/activity|looting"
    r"|peaceful protest|protest with intervention|violent demonstration|mob violence"
    r"|disrupted weapons use|detonation|interception|mass grave|other)\s*:",
)


def report_tag(text: str) -> bool:
    """True for a note that opens with a non-event report type ('Weapons seizure: ...')."""
    return _REPORT_TAG.match(text) is not None


_MODAL_AFTER: Final = _lc(
    r"^\W*(?:(?:is|are|was|were|seems?|seemed) (?:\w+ )?(?:likely|possible|expected|imminent"
    r"|feared|planned|unlikely)|plots?|plotters?|threats?|scares?|hoax\w*|alerts?|warnings?"
    r"|fears?|plans?|planned|attempts? (?:was|were) foiled)\b",
)
_RHETORIC_AFTER: Final = _lc(
    r"^\W*(?:\w+\W+){0,3}?(?:plans?|policy|policies|proposals?|record|remarks|comments|critics"
    r"|budget|bill|decision|stance|views|handling|leadership|deal|reforms?|campaign|ads?"
    r"|claims|report|deficit|economic|tax\w*|spam|viruses|piracy|corruption|inflation|poverty"
    r"|drugs|crime|obesity|smoking|costs?|prices?|rivals?|opponents?)\b",
)
_DISPUTE_AFTER: Final = _lc(r"\W*(?:over|on|about) (?!(?:the )?(?:border|frontline|front line)\b)")
_DEFUSED: Final = _lc(
    r"\b(?:(?:defused|intercepted|made safe|disarmed|found|discovered|seized|confiscated"
    r"|dismantled|recovered|removed)(?:\W+\w+){0,6}?\W+(?:bombs?|explosives?|ieds?|devices?"
    r"|grenades?|mines?|landmines?|weapons|cache|ammunition|rockets?|mortars?)|(?:bombs?"
    r"|explosives?|ieds?|devices?|grenades?|mines?)(?:\W+\w+){0,8}?\W+(?:was |were )?(?:defused"
    r"|found|discovered|seized|dismantled|removed|intercepted|made safe|disarmed)"
    r"|controlled explosion|bomb disposal)\b",
)
_DETONATION: Final = _lc_test(
    r"\b(?:explo(?:ded|des|sion|sions|ding)|went off|blasts?|killed|killing|wound\w*|injur\w*"
    r"|detonated|hurt|dead)\b",
)


def modal_after(after: str) -> bool:
    """True when the words after an attack trigger make it planned or feared ('is likely')."""
    return _MODAL_AFTER.search(after) is not None


def is_rhetorical(trigger: str, after: str) -> bool:
    """True for verbal 'attacks' on policies and 'clashes over' issues (not violence)."""
    if trigger.startswith("clash"):
        return _DISPUTE_AFTER.match(after) is not None
    return trigger.startswith(("attack", "assault")) and (_RHETORIC_AFTER.search(after) is not None)


def device_defused(sentence: str) -> bool:
    """True for a sentence about a bomb found or defused with nothing going off."""
    return _DETONATION.search(sentence) is None and _DEFUSED.search(sentence) is not None


_JUDICIAL_HEADLINE: Final = _lc(
    r"\b(?:jail\w*|sentenc\w*|convict\w*|pardon\w*|trials?|guilty|acquit\w*|court)\b",
)


def judicial_headline(headline: str) -> bool:
    """True for a headline about a trial, sentence or pardon (threats it mentions are old)."""
    return _JUDICIAL_HEADLINE.search(headline) is not None


GATED: Final[dict[str, tuple[re.Pattern[str], ...]]] = {
    "history_before": (_HISTORY_BEFORE,),
    "history_after": (_HISTORY_AFTER,),
    "negated": (_NEGATION,),
    "modal": (_MODAL,),
    "follow_up": (_FOLLOW_UP,),
    "protest": (_PROTEST,),
    "accident": (_ACCIDENT,),
    "sentence_accident": (_ACCIDENT,),
    "defused": (_DEFUSED,),
    "cumulative": (_CUMULATIVE,),
    "plain_accident": (_PLAIN_ACCIDENT,),
}
"""Context patterns by the test that needs them, for literal gates (`classify_gates.Gates`)."""
EXACT_GATED: Final = frozenset(
    {"protest", "sentence_accident", "defused", "cumulative", "plain_accident"}
)
"""The gated tests that search a sentence's own text, never words re-joined or sentences
joined (`accident_context` joins the lead's): their gates keep literals with spaces whole
('heart attack', where the lead's accident gate has only 'attack')."""
