"""Threat triggers: threats, warnings, ultimatums and plots of future violence."""

from __future__ import annotations

from typing import Final

from stream.core.classify_rule import THREAT_CONTEXT, VIOLENT, TriggerRule, threat_rule

__all__ = ["THREAT"]

THREAT: Final[tuple[TriggerRule, ...]] = (
    threat_rule(
        0.95,
        r"threat(?:en(?:s|ed|ing)?)? to (?:kill|behead|execute|murder|attack|bomb|blow|strike"
        r"(?! action)(?= (?:the|at|targets?|again|back|\w+ cities|\w+ towns))|shoot|hang"
        r"|slaughter|burn|hand (?:\w+ ){0,2}over|turn (?:\w+ ){0,2}over|destroy|target|assassinate"
        r"|launch (?:\w+ )?(?:attacks?|strikes?|war)|carry out|wage|unleash|resume (?:war"
        r"|fighting|attacks)|step up (?:attacks|violence)|take up arms|use (?:force|weapons)"
        r"|invade|storm|retake|seize|capture|march on|open fire|retaliate|avenge|punish)",
    ),
    threat_rule(
        0.9,
        r"(?:death|bomb|bioterror(?:ist)?|chemical|violent|militant|jihadi?s?t?) threats?"
        r"|threat(?:s|ened)? (?:of|from) (?:an? )?(?:new |fresh |further |more |imminent "
        r"|possible |terror\w* |suicide |militant |renewed |violent )?(?:attacks?|violence"
        r"|bloodshed|bombings?|retaliation|reprisals?|militants?|insurgents?|al.?qaeda|isis"
        r"|isil|is\b|daesh|islamic state|jihadists?|extremists?|kidnap\w*|death|assassination"
        r"|chemical)",
    ),
    threat_rule(0.45, r"terror(?:ist|ism)? threats?|threat of (?:terror\w*|war|invasion|force)"),
    threat_rule(
        0.9,
        r"threaten(?:s|ed|ing)? (?:(?!sanctions|for\b|over\b|with\b)\w+ ){0,4}(?:kill|behead"
        r"|execute|attack|bomb|blow up|shoot|violence|bloodshed)",
    ),
    # Retaliation and revenge threaten violence only among armed men or killings: a state
    # that 'vows revenge' for expelled diplomats threatens none.
    threat_rule(
        0.9,
        r"(?:threaten(?:s|ed|ing)?|vow(?:s|ed|ing)?) (?:(?!sanctions|for\b|over\b|with\b)\w+ )"
        r"{0,3}(?:retaliat\w*|reprisals?|revenge|to avenge)",
        needs=THREAT_CONTEXT,
    ),
    threat_rule(
        0.85,
        r"(?:under|received|receiving|faces?|facing|issued|made|sent|gave|give|gives|giving|gets"
        r"|got|receives) (?:\w+ ){0,2}threats?\b|threats? (?:against|from)\b|(?:won'?t|will not"
        r"|refuse to|not) (?:give|bow|yield|cave) in to threats?",
        needs=VIOLENT,
    ),
    threat_rule(0.8, r"threat(?:en(?:s|ed|ing)?)?\b", needs=THREAT_CONTEXT),
    threat_rule(
        0.8,
        r"(?:would|will|vowed to|promised to|pledged to) (?:\w+ ){0,2}(?:kill|behead|execute"
        r"|attack|bomb|shoot|strike)\b",
        needs=THREAT_CONTEXT,
    ),
    threat_rule(
        0.85,
        r"warn(?:s|ed|ing)? (?:\w+ ){0,6}(?:would|will) (?:\w+ )?(?:fight|kill|attack|strike"
        r"|bomb|shoot|be killed|be executed|be beheaded|be targeted|be attacked)\b",
    ),
    threat_rule(
        0.9,
        r"or (?:\w+ ){0,2}will (?:die|be killed|be executed|be beheaded)|gives? (?:\w+ ){0,2}"
        r"\d+ hours|\d+-hour (?:deadline|ultimatum)"
        r"|or (?:be|face being) (?:killed|attacked|executed|shot|beheaded)|or face (?:an? )?"
        r"(?:all-out )?(?:attacks?|death|reprisals|execution|assault)",
    ),
    threat_rule(
        0.9,
        r"ultimatums?\b|deadline (?:to|for) (?:kill|execute|behead)|vow(?:s|ed|ing)? (?:to )?"
        r"(?:attack|kill|fight|strike|wage|more attacks|continue"
        r" (?:attacks|fighting|the jihad|its? (?:attacks|campaign))|jihad|holy war|to destroy"
        r"|(?:to )?(?:step up|intensify|escalate|widen) (?:\w+ ){0,2}(?:attacks|campaign"
        r"|fighting|violence|war|jihad|offensive|operations))",
    ),
    threat_rule(
        0.85,
        r"warn(?:s|ed|ing|ings)? (?:\w+ ){0,4}(?:of|about|that) (?:\w+ ){0,5}(?:attacks?|violence"
        r"|bloodshed|retaliation|reprisals?|bombings?|strikes?|war|terror\w*|kill|assault"
        r"|revenge|holy war)|(?:terror|terrorist|security|bomb) (?:warning|alert)s?"
        r"|(?:would|will) face (?:\w+ ){0,2}(?:attacks?|reprisals|retaliation|bombings)",
    ),
    threat_rule(
        0.9,
        r"(?:bomb|terror\w*|assassination|kidnap(?:ping)?|murder|coup|attack|bombing|suicide"
        r"|hijack(?:ing)?) plots?|plot(?:s|ted|ting)? (?:to|against|targeting) (?:kill|bomb|attack"
        r"|assassinate|kidnap|blow|murder|strike|seize|hijack)|plott(?:ed|ing) (?:\w+ ){0,3}"
        r"attacks?|(?:arrested|detained|charged|held|convicted) (?:\w+ ){0,6}(?:plot|plotting"
        r"|planning)\b",
    ),
    threat_rule(
        0.9,
        r"(?:foil(?:ed|s)?|thwart(?:ed|s)?|avert(?:ed|s)?|disrupt(?:ed|s)?|prevent(?:ed)?|stopped"
        r"|uncover(?:ed|s)?) (?:\w+ ){0,4}(?:attacks?|plots?|bombings?|attempts?|conspirac\w+)",
    ),
    threat_rule(
        0.85,
        r"(?:call(?:s|ed|ing)? for|urg(?:es|ed|ing)|incit(?:es|ed|ing)|seek(?:s|ing)?|sought"
        r"|ask(?:ed|s)? (?:\w+ ){0,2}to (?:mount|carry out|launch)) (?:\w+ ){0,3}(?:attacks?"
        r"|strikes?|jihad|holy war|assassination|killing|violence against)",
    ),
    threat_rule(
        0.85,
        r"(?:plan(?:s|ned|ning)?|prepar(?:ed|ing|es)|intend(?:s|ed)?|tr(?:y|ied|ying) to|ready"
        r"|readies|readying) (?:to )?(?:\w+ ){0,2}(?:attacks?|bomb\w*|assassinat\w*|kill"
        r"|blow up|strike|assault)",
    ),
    threat_rule(
        0.85,
        r"(?:terror(?:ism)?|security|threat|alert) (?:alert|level|warning)s? (?:was |is "
        r"|has been )?(?:raised|heightened|increased|elevated|upgraded|issued)|rais(?:ed|es|ing)"
        r" (?:\w+ ){0,3}(?:terror|threat|alert|security) (?:alert |level|warning)|(?:high"
        r"|heightened|maximum|red|top) alert|on alert\b",
    ),
    threat_rule(
        0.9,
        r"bomb (?:scare|hoax|alert)s?|hoax (?:bomb|call|threat)s?|suspicious (?:package|device"
        r"|object)s?|(?:bomb|explosives?|device|ied)s? (?:\w+ ){0,4}?(?:was |were |had been )?"
        r"(?:found|discovered|defused|removed|intercepted|made safe|disarmed)"
        r"|(?:found|find|finds|discovered|discover|defused|defuse) (?:an? |the )?"
        r"(?:\w+ ){0,3}(?:bomb|explosive device|explosive|ied|grenade|detonator)s?\b"
        r"|evacuat(?:ed|ion|ing) (?:\w+ ){0,5}(?:bomb"
        r"|threat|explosives?)",
    ),
)
