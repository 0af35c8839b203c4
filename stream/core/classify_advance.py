"""Advance triggers: forces taking, retaking, entering or pushing into territory and positions."""

from __future__ import annotations

from typing import Final

from stream.core.classify_rule import BUILDING, GAP, PLACE, TriggerRule, advance_rule

__all__ = ["ADVANCE"]

_NO_BUILDING: Final = r"(?![\w'-])(?! (?:[\w'-]+ ){0,2}" + BUILDING + ")"
"""After a capitalised name: storming 'the Marriott hotel' attacks a building, it takes no
ground ('stormed Fallujah' does)."""

ADVANCE: Final[tuple[TriggerRule, ...]] = (
    advance_rule(
        0.95,
        r"(?:re-?)?(?:took|take|taken|takes|taking|seized?|seizing|gain(?:ed|s)?|regain(?:ed|s"
        r"|ing)?|wrest(?:ed)?|assumed?|establish(?:ed)?|(?:took|tak(?:e|en|es|ing)) over)"
        r" (?:full |total |near.total |effective |complete |partial )?cont(?:rol|ol|orl)"
        r" (?:of|over)",
    ),
    advance_rule(
        0.95,
        r"re-?captur(?:ed|es|ing|e)\b|re-?took\b|re-?tak(?:en|e|es|ing)\b|re-?gain(?:ed|s|ing)?"
        r" (?:\w+ ){0,3}(?:territory|ground|town|city|village|area)|liberat(?:ed|es)\b"
        r"|overr(?:an|un|unning)\b|recover(?:ed|s|ing)? (?:\w+ ){0,2}territor\w+",
        needs_force=False,
    ),
    advance_rule(
        0.9, r"regain(?:ed|s)? (?-i:[A-Z])|(?:ground|territory) (?:was|has been) regained"
    ),
    advance_rule(
        0.85,
        PLACE + r" (?:[\w'-]+ ){0,4}(?:was|were|has been|have been|had been) (?:declared )?"
        r"(?:re)?(?:captured|taken|seized|liberated|overrun|retaken|regained|freed)",
    ),
    advance_rule(
        0.92,
        r"(?:captur(?:ed|es|ing|e)|seiz(?:ed|es|ing|e)|took|tak(?:en|es|ing)|occup(?:y|ying)"
        r"|occupied(?= (?:the|a|an|two|three|four|five|several|more|\d+)\b)"
        r"|recover(?:ed|s|ing)|gain(?:ed)?|freed|controlling) (?:on \w+ )?" + GAP + PLACE,
    ),
    advance_rule(
        0.92, PLACE + r" (?:[\w'-]+ ){0,2}(?:re)?(?:captured|seized|taken|wrested) from\b"
    ),
    advance_rule(
        0.9,
        r"(?:took|taken|tak(?:e|es|ing)) over " + GAP + PLACE + r"|(?:fell|falls|falling"
        r"|fallen) (?:in)?to (?:the )?(?:hands of |control of )?(?:[\w'-]+ ){0,3}(?:rebels?"
        r"|militants?|insurgents?|fighters|forces|troops|jihadists|islamic|is\b|isis|taliban"
        r"|al.shabaa?b|boko|houthis?|army|armys|government|brigades?)"
        r"|dismantl(?:ed|ing) (?:\w+ ){0,3}(?:positions?|camps?|bases?|strongholds?)",
    ),
    advance_rule(
        0.9,
        r"(?!(?:marche[sd]|march|poure?d?|pours) (?:into|through) (?:the )?streets)"
        r"(?:stormed|swept|pushed|push|moved|move|thrust|thrusts|rolled|marched|poured|charged"
        r"|sweep|sweeps|storm|storms|advanced|advancing|roll|rolls|pour|pours|march|marches"
        r"|surge|surges|charge|charges"
        r"|pushing|pushes|entered|surged|punched|breached|infiltrated) (?:deep |deeper |further "
        r"|back )?(?:into|through|toward|towards|in on|upon)\b(?! (?:talks|negotiations"
        r"|an? agreement|a deal|force|effect|power|office|the (?:final|semi|quarter|next round"
        r"|market|lead|black|red)))|(?:moved|moving|pushed|pushing|advanced|advancing|edged"
        r"|inched|inching) (?:their way )?(?:closer|forward|further|deeper)|(?:pushed|pushing"
        r"|fought|fighting|forced|forcing) (?:their|its) way (?:into|through|to)\b",
    ),
    advance_rule(
        0.75,
        r"(?:stormed|storm|storms|storming|overran|overrun) " + GAP + PLACE + r"|advanc(?:ed|es"
        r"|ing) on (?:the )?(?:[\w'-]+ ){0,2}(?:" + PLACE + r"|(?-i:[A-Z]))",
    ),
    advance_rule(
        0.6,
        r"(?:stormed|entered|enter|enters|overran) (?:the )?(?:(?-i:[A-Z])[\w'-]+"
        + _NO_BUILDING
        + r"|\w+ (?:refugee )?camp|rebel"
        r"|insurgent|militant)|stormed (?:the |a )?(?:[\w'-]+ ){0,2}(?:palace|parliament"
        r"|compound|headquarters|barracks|police station|military base|army base)\b",
    ),
    advance_rule(
        0.9,
        r"(?:made|make|makes|making|gains?|major|new|further|rapid|incremental|military) (?:\w+ )?"
        r"advances?\b|advance (?:on|into|towards?|deeper)|advance (?:by|of) (?:\w+ ){0,2}"
        r"(?:forces|troops|army|rebels|militants|fighters)|offensive (?:to (?:re)?take|on|into)"
        r"|(?:made|making|make) (?:\w+ )?gains|gained ground|clear(?:ed|s|ing)? (?:[\w'-]+ )"
        r"{1,4}of (?:the )?(?:militants|rebels|insurgents|fighters|jihadists|(?-i:[A-Z]))",
    ),
    advance_rule(
        0.93,
        r"push(?:ed|es)? (?:[\w'-]+ ){0,2}(?:out of|from) |(?:drove|driven|drive|drives|driving"
        r"|flush(?:ed|ing)?|dislodg(?:ed|e|es|ing)|expell?(?:ed|ing)?|oust(?:ed|ing)?|cleared"
        r"|clearing|purg(?:ed|ing)) (?!by\b)(?:[\w'-]+ ){0,4}(?:out of|from)\b",
    ),
    advance_rule(
        0.85,
        r"advanc(?:ed|es|ing) (?:(?:to )?within |up to |about |some |more than |nearly )?"
        r"(?:[\d.,]+|a few|several"
        r"|two|three|four|five|ten|dozens of|tens of) (?:kilomet(?:re|er)s?|km|miles)\b"
        r"|(?:forces|troops|soldiers|rebels|militants|fighters|insurgents|army|militias?) "
        r"advanc(?:e|ed|es|ing) (?:near|around|in|across|along|toward|towards|to|on)\b",
    ),
    advance_rule(0.55, r"incursions?\b|(?:ground|land) offensive"),
    advance_rule(0.5, r"under (?:the )?(?:full )?control of|liberat(?:ing|ion of)\b"),
)
