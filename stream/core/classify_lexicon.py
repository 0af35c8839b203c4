"""Trigger lexicon of the event classifier: patterns per label, their weights and blockers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas import EventType

__all__ = ["CASE_SENSITIVE", "RULES", "TriggerRule", "compile_branch", "lower_pattern"]

CASE_SENSITIVE = "(?-i:"

_GAP = (
    r"(?:(?!(?:in|at|from|near|during|on|after|while|when|by|for|with|to|and|as|of)\b)"
    r"[\w'()-]+ ){0,5}"
)
_VIOLENT = (
    r"\b(?:kill\w*|attack\w*|bomb\w*|terror\w*|militants?|insurgents?|gunmen|rebels?|jihad\w*"
    r"|al.?qaeda|isis|isil|daesh|islamic state|taliban|death|behead\w*|execut\w*|violence|weapons?"
    r"|explosi\w+|armed|hostages?|kidnap\w*|assassin\w*|shoot\w*|chemical|strikes?)\b"
)
_THREAT_CONTEXT = (
    r"\b(?:kill\w*|behead\w*|execut\w*|bomb\w*|blow\w* up|terror\w*|militants?|insurgents?|gunmen"
    r"|armed|fighters|rebels?|militias?|warlords?|separatists?|extremists?|gangs?"
    r"|kidnap\w*|captors|hostages?|jihad\w*|al.?qaeda|isis|isil|daesh|islamic state|taliban"
    r"|suicide|death threats?)\b"
)
_PLACE = (
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


def _a(
    weight: float, pattern: str, *, needs_armed: bool = False, riot_prone: bool = False
) -> TriggerRule:
    """An attack trigger; flags: weaker without an armed cue, void in non-lethal riots."""
    return TriggerRule(EventType.ATTACK, weight, pattern, needs_armed, riot_prone)


def _v(weight: float, pattern: str, *, needs_force: bool = True) -> TriggerRule:
    """An advance trigger; most need an armed force named in the same sentence."""
    return TriggerRule(EventType.ADVANCE, weight, pattern, needs_force=needs_force)


def _t(weight: float, pattern: str, needs: str | None = None) -> TriggerRule:
    """A threat trigger; `needs` is a pattern that must also occur in the sentence."""
    return TriggerRule(EventType.THREAT, weight, pattern, needs=needs)


def _x(pattern: str) -> TriggerRule:
    """A blocker: a non-conflict sense that hides the trigger words it covers."""
    return TriggerRule(None, 0.0, pattern)


_BLOCKERS: tuple[TriggerRule, ...] = (
    _x(
        r"(?:heart|panic|asthma|anxiety|shark|dog|bear|cyber|computer|virus|hacker|bee|insect|sex"
        r"|snake|crocodile|lion|tiger|wolf|bull|denial.of.service) ?-?attacks?"
    ),
    _x(r"attack(?:ing|s|ed)? (?:on goal|midfielder|line|the ball|the basket|the net|the rim)"),
    _x(
        r"(?:price|trade|turf|bidding|takeover|format|browser|console|ratings|talent|fare|tariff"
        r"|currency|culture|cola|patent|legal|court|custody|proxy|budget|political|election"
        r"|uphill) (?:wars?|battles?|clash(?:es)?)"
    ),
    _x(
        r"battle(?:s|d)? (?:against|with) (?:cancer|aids|hiv|obesity|inflation|poverty|illness"
        r"|disease|the bulge|leukemia|addiction|depression)"
    ),
    _x(
        r"battle(?:s|d)? (?:over|for) (?:the )?(?:budget|custody|control of the (?:senate|house"
        r"|company|board)|market share|the presidency|votes|the white house|ratings|the title"
        r"|the championship|the crown|the lead|the pennant)|battleground(?: states?)?"
    ),
    _x(
        r"(?:pain|weed)?killers?(?! (?:of|who))|kill(?:ed|s|ing)? (?:the|a|its) (?:bill|deal|plan"
        r"|proposal|measure|merger|project|story|engine|lights|switch|time|buzz|mood)"
        r"|kill switch|killing time|killer (?:app|whale|bee|instinct|heels)"
    ),
    _x(
        r"shot (?:a )?(?:\d+|par|under|over|birdie|eagle|bogey|a round)\b|(?:flu|booster|parting"
        r"|long|mug|camera|big|free|penalty|slap|jump|hook|drop|tee|chip|putt) ?shots?"
    ),
    _x(
        r"shoot(?:ing)? (?:a |the )?(?:film|movie|video|scene|photos?|pictures|commercial)"
        r"|penalty shoot.?outs?|photo ?shoot"
    ),
    _x(r"(?:box.office|commercial|critical) bomb|bombshell"),
    _x(
        r"blast(?:s|ed|ing)? (?:off|music|furnace)|(?:sand|shot|sound|air|cold|arctic|heat)[ -]?"
        r"blasts?|blast from the past|rocket(?:s|ed|ing)? (?:to|up|higher|past)"
        r"|rocket scien\w+|sky.?rocket\w*"
    ),
    _x(
        r"(?:population|price|data|knowledge|information|baby|birth|jobs?|sales?) (?:explosion"
        r"|boom)|explod(?:ed|ing) (?:onto|on to) the (?:scene|market)"
    ),
    _x(
        r"(?:assault(?:ed|s)?|attack(?:ed|s)?) on (?:the )?(?:record|summit|peak|mountain"
        r"|everest|title|world record|market)"
    ),
    _x(
        r"(?:hijack(?:ed|s|ing)?|kidnap(?:ped|s)?) (?:the )?(?:debate|agenda|conversation"
        r"|meeting|process|browser|account)"
    ),
    _x(
        r"(?:took|take|taken|takes|taking) (?:place|part|up (?:\w+ )?positions?|refuge|shelter"
        r"|cover|office|power|the oath|to (?:hospital|the streets))"
    ),
    _x(
        r"assault (?:rifles?|weapons?|charges?|case|trial)|sexual(?:ly)? assault\w*"
        r"|(?:knee|ankle|hamstring|groin|back|shoulder|wrist|elbow|foot|calf|thigh|hip|neck|leg"
        r"|hand|finger|toe|muscle|career) injur(?:y|ies|ed)|injur(?:y|ies) (?:time|list|report"
        r"|worries|doubts?|concerns?|problems?|crisis|setbacks?)|injured (?:list|reserve)"
        r"|wound(?:s|ed)? up"
    ),
    _x(
        r"execut(?:ed|ing|es) (?:a |an |the |its |his |their )?(?:plan|order|strategy|trade"
        r"|contract|deal|program|programme|will|warrant|search|agreement|transaction|merger)"
    ),
    _x(r"nuclear threats?"),
    _x(
        r"(?:took|taking|take|takes|taken) (?:up )?(?:his|her|their|its)"
        r" (?:position|post|seat|place)"
    ),
    _x(
        r"(?:front|movement|forces|army|party|council|organi[sz]ation|union|tigers|board|room)"
        r" (?:for|of) (?:the )?liberation|liberation (?:front|army|movement|board|room|tigers"
        r"|forces|party)"
    ),
    _x(r"mine(?:s|d)? (?:collapse|explosion|blast|disaster|accident|fire|flood)"),
    _x(r"(?:no|never|nobody|none|zero) (?:\w+ )?(?:casualties|fatalities|injuries|deaths)"),
    _x(
        r"(?:security|safety|economic|environmental|health|financial|existential|competitive"
        r"|growing|serious|real|major|potential)? ?threat(?:s|en(?:s|ed|ing)?)? (?:to|of|for) "
        r"(?:the )?(?:economy|economic|growth|recovery|markets?|industry|health|environment"
        r"|jobs|profits|inflation|recession|sanctions|veto|resign\w*|quit\w*|sue|legal action"
        r"|walk out|strike action|boycott\w*|default|downgrade\w*|pull out|withdraw\w*|leave"
        r"|cut\w*|raise\w*|close\w*|shut\w*|block\w*|expel\w*|impose\w*|halt\w*|stop|suspend\w*"
        r"|freeze\w*|scrap\w*|ban\w*|lay off|relocate|move|press freedom|democracy|stability"
        r"|competition|the dollar|public health|his|her|their|its|epidemic\w*|diseases?|famine"
        r"|starvation|hunger|flood\w*|drought|malnutrition|cholera|outbreaks?|extinction"
        r"|poverty|unemployment|bankruptcy|layoffs|cross|flee|return|migrate|spread)"
    ),
    _x(
        r"storm(?:s|ed|ing)? (?:off|out|to (?:victory|a \w+ win|the top|the lead))|(?:tropical"
        r"|winter|snow|dust|sand|ice|hail|thunder|political|media|fire) ?storms?"
    ),
    _x(
        r"(?:advance|early) (?:ticket|sales?|orders?|booking|notice|copy|copies|payments?"
        r"|warning)s?|advance(?:s|d)? (?:to|into) (?:the )?(?:final|semi|quarter|next round"
        r"|playoffs?|second round|third round|last \w+)|(?:share|stock|price|index|market|dollar"
        r"|euro|yen|nasdaq|dow)s? (?:advance|advanced|advancing|rose)"
        r"|advances? in (?:technology|science|medicine|research)"
    ),
    _x(
        r"(?:captur|seiz)(?:e|ed|es|ing) (?:the )?(?:title|crown|championship|pennant|gold"
        r"|silver|bronze|medal|lead|market|imagination|attention|moment|spirit|essence|share"
        r"|victory|win|momentum|headlines|votes?|seats?|majority|nomination)"
    ),
    _x(
        r"(?:took|take|taking|takes|taken) (?:control of (?:the )?(?:company|firm|board|bank"
        r"|airline|club|team|group|market)|over (?:the )?(?:company|firm|bank|airline|club"
        r"|rival|stake|business))"
    ),
)

_ATTACK: tuple[TriggerRule, ...] = (
    _a(
        0.9,
        r"(?:repelled|repulsed|thwarted|foiled|fought off|beat back|pushed back) (?:an? |the )?"
        r"(?:\w+ ){0,2}(?:attacks?|assaults?|infiltration|incursion|offensive|advance|attempts?)\b"
        r"(?! plan| by (?:terror|extremist))",
    ),
    _a(
        0.95,
        r"(?:shot|gunned|hacked|stabbed|beaten|clubbed|burned|burnt|stoned|bludgeoned|hanged"
        r"|lynched|axed|knifed|strangled|suffocated|slashed|macheted|chopped|tortured|set ablaze)"
        r" (?:\w+ ){0,3}?(?:to death|dead)",
    ),
    _a(
        0.9,
        r"gunned down|shot (?:and (?:killed|wounded|injured)|at)\b|(?:was|were|been|being"
        r"|fatally|reportedly|allegedly) shot\b|shot (?:him|her|them|two|three|several|a (?:man"
        r"|woman|boy|girl|soldier|policeman|civilian))",
    ),
    _a(
        0.9,
        r"open(?:ed|s|ing)? fire|fir(?:ed|ing) (?!(?:tear|rubber|water|warning|stun|in the air"
        r"|into the air|shots in|shots into)\b)(?:[\w/.,-]+ ){0,8}?(?:on|at|upon|into|towards?)\b"
        r"|fired (?:shots|rockets?|mortars?|missiles?|shells?|live|rounds|grenades?|rpgs?"
        r"|bullets)|came under (?:heavy )?fire|gun ?fire|exchange(?:d|s)? (?:of )?(?:fire"
        r"|gun ?fire)|friendly fire"
        r"|shoot(?:ing|ings|s)? (?:at|on|dead)\b|(?:mass |drive-by |school )?shootings?\b"
        r"|shoot-?outs?\b|gunshots?|bursts? of fire|sniper fire",
    ),
    _a(
        0.95,
        r"(?:car|truck|roadside|suicide|parcel|letter|pipe|nail|petrol|barrel|cluster|time"
        r"|package|motorcycle|bicycle) ?-?bomb(?:s|ings?|ers?)?\b|suicide (?:attacks?|bombers?"
        r"|blasts?|vests?)",
    ),
    _a(
        0.9,
        r"bomb(?:ed|ing|ings|ers?)\b|bombard(?:ed|ment|ing)?|bombs? (?:exploded|went off|ripped"
        r"|tore|hit|struck|blasted|killed|kills|wounded|injured)",
    ),
    _a(
        0.85,
        r"(?:a|the|two|three|twin|several|series of|string of|powerful|huge|massive|deadly|big"
        r"|large|loud|bomb|\d+) (?:\w+ )?blasts?\b|blasts? (?:hit|hits|rock\w*|kill\w*|injur\w*"
        r"|wound\w*|tore|rip\w*|shook|went off|destroy\w*|struck|at|in|near|outside)\b",
        needs_armed=True,
    ),
    _a(
        0.8,
        r"explo(?:ded|des|sion|sions|ding)\b|detonat(?:ed|es|ion|ing)\b|went off\b",
        needs_armed=True,
    ),
    _a(
        0.85,
        r"set off (?:\w+ ){0,2}(?:bombs?|explosives?|devices?)|bombs (?:[\w'-]+ ){0,2}(?:towns?"
        r"|targets?|positions?|camps?|villages?|bases?|hideouts?)",
    ),
    _a(0.85, r"tore through|ripped through"),
    _a(
        0.85,
        r"targeted (?:[\w,-]+ ){0,8}?(?:with|by) (?:an? |the )?(?:unidentified |unknown )?(?:ied"
        r"|grenade|bomb|rocket|missile|mortar|explosive|drone|sniper)|(?:bomb|ied|grenade"
        r"|explosive device|rocket|missile|mortar|shell)s? (?:[\w,-]+ ){0,8}?(?:targeted|hit"
        r"|struck|detonated|exploded|fell|landed|injured|killed|destroyed|damaged)\b"
        r"|(?:hurled|threw|lobbed|tossed) (?:an? |the |two |three )?(?:\w+ )?(?:grenades?|bombs?"
        r"|explosives?|molotov)",
    ),
    _a(
        0.85,
        r"(?:attempted|tried) to (?:kill|assassinate|murder)|attempts? on (?:his|her|the) life"
        r"|assassination (?:attempt|bid)|survived an? (?:\w+ )?(?:attack|ambush)",
    ),
    _a(
        0.85,
        r"(?:roadside|car|truck|suicide|grenade|mine|landmine|ied|mortar|rocket) blasts?"
        r"|sh(?:ot|oot|oots|ooting) down|(?:blew|blow|blown|blowing|blows) up\b"
        r"(?! (?:at|over|in (?:a|his|her) face))",
    ),
    _a(0.55, r"(?:die|dies|dying) (?:in|during|after|from|when)\b"),
    _a(
        0.9,
        r"(?:air|drone|missile|rocket|artillery|aerial|helicopter|mortar|naval)[ -]?(?:strikes?"
        r"|raids?|attacks?|fire|bombardment|barrages?)|airstrikes?|air raids?",
    ),
    _a(
        0.9,
        r"(?:air ?force|warplanes?|jets|aircrafts?|drones?|helicopters?|gunships?|artillery"
        r"|tanks) (?:[\w'-]+ ){0,3}(?:targeted|struck|hit|destroyed|bombed|attacked|pounded"
        r"|shelled|fired|strafed|raided)",
    ),
    _a(
        0.9,
        r"shell(?:ed|ing|ings|s)\b(?! (?:company|companies|oil|out|game|shock))"
        r"|(?:rockets?|missiles?|mortars?|projectiles?|shells?) (?:[\w'-]+ ){0,3}(?:fired|hit"
        r"|landed|fell|struck|targeting|targeted|attack)|projectiles",
    ),
    _a(0.45, r"mortars?\b|(?:rpg|grenades?|ieds?|landmines?|land mines?|improvised explosive)\b"),
    _a(
        0.75,
        r"(?:pound(?:ed|ing)|struck|hit|targeted|strafed|rocketed|blasted) (?:[\w'-]+ ){0,3}"
        r"(?:positions?|targets?|bases?|convoys?|patrols?|checkpoints?|villages?|towns?|camps?"
        r"|hideouts?|strongholds?)",
    ),
    _a(
        0.9,
        r"kill(?:ed|ing|s)?\b|slain|slaughter(?:ed|ing)?|massacr(?:e|es|ed)|murder(?:ed|s|ing)?"
        r"|assassinat(?:ed|ion|ions|e|es)|behead(?:ed|ing|s)?|decapitat\w+",
    ),
    _a(0.6, r"execut(?:ed|ing|ions?)\b"),
    _a(
        0.55,
        r"(?:were|was|been|are|is) (?:\w+ )?(?:dead|died)|died (?:in|during|after|from|of"
        r" (?:gunshot|bullet|his wounds|her wounds|their wounds|injuries))"
        r"|(?:left|leaving) (?:\w+ ){0,3}dead|dead bodies|bodies of|fatalit(?:y|ies)\b"
        r"|casualties\b",
    ),
    _a(0.4, r"death toll"),
    _a(
        0.85,
        r"strik(?:e|es|ing|ed) (?:against|at) (?:\w+ ){0,2}(?:targets?|positions?|forces|troops"
        r"|convoys?|bases?|patrols?)|result(?:ed|ing) in (?:the )?deaths?",
    ),
    _a(0.9, r"ambush(?:ed|es|ing)?\b"),
    _a(
        0.9,
        r"attack(?:ed|s|ing|ers?)?\b|assault(?:ed|s|ing)?\b|assailants?|armed (?:fight|clash"
        r"|confrontation|attack)s?",
        riot_prone=True,
    ),
    _a(0.6, r"raid(?:ed|s|ing)?\b", riot_prone=True),
    _a(
        0.85,
        r"clash(?:ed|es|ing)?\b|(?:heavy|fierce|intense|renewed|sporadic|street|bitter"
        r"|factional|ongoing|fresh|new|the|of|in|after|amid|during) fighting\b"
        r"|fighting (?:in|between|erupted|broke|raged|flared|continued|continues|has|had"
        r"|intensified|around|near|killed"
        r"|left|that|which|with|on the)\b|firefights?|gun ?battles?|battl(?:ed|es|ing) (?:with "
        r"|against )?(?:[\w'-]+ ){0,2}(?:rebels|militants|insurgents|troops|police|forces|gunmen"
        r"|fighters|army|soldiers|militia\w*|guerrillas|taliban|al.?qaeda)\b|battles? (?:between"
        r"|raged|erupted|for control)|skirmish(?:es|ed)?|hostilities|street battles?"
        r"|offensive against|confront(?:ed|ing|ation with) (?:\w+ ){0,2}(?:militants|fighters"
        r"|insurgents|rebels|gunmen)",
        riot_prone=True,
    ),
    _a(
        0.8,
        r"kidnap(?:ped|ping|pings|s)?\b|abduct(?:ed|ion|ions|s|ing)?\b|(?:took|taken|take|seized"
        r"|takes) (?:\w+ ){0,3}hostages?|hostage.taking|hijack(?:ed|ing|s)?\b",
    ),
    _a(0.35, r"(?:holding|held) (?:\w+ ){0,3}hostages?"),
    _a(
        0.7,
        r"wound(?:ed|ing|s)?\b|injur(?:ed|ing|ies|es|y)\b|(?:were|was|\d+|people|others|civilians"
        r"|soldiers|policemen|police) hurt\b|hurting \d+|maim(?:ed|ing)",
        riot_prone=True,
    ),
    _a(0.6, r"raped|rape|tortur(?:e|ed|ing)"),
    _a(
        0.6,
        r"(?:and|were|was|been|severely|brutally) beat(?:en)?\b|beat(?:en|ing)? (?:up )?"
        r"(?:\w+ ){0,3}(?:civilians?|villagers?|men|women|him|her|them|man|woman|people|leader"
        r"|protesters|journalists?|students?|members?|residents?)",
        riot_prone=True,
    ),
    _a(
        0.45,
        r"torch(?:ed|ing)|set (?:\w+ ){0,3}(?:on )?fire|set ablaze|arson|burn(?:ed|t) (?:down )?"
        r"(?:\w+ ){0,2}(?:homes?|houses?|huts?|villages?|vehicles?|cars?|buildings?|shops?"
        r"|churches?|mosques?|schools?)",
        riot_prone=True,
    ),
    _a(
        0.45,
        r"violence\b|gunmen\b|(?:militants?|insurgents?) (?:struck|hit)",
        riot_prone=True,
    ),
)

_ADVANCE: tuple[TriggerRule, ...] = (
    _v(
        0.95,
        r"(?:re-?)?(?:took|take|taken|takes|taking|seized?|seizing|gain(?:ed|s)?|regain(?:ed|s"
        r"|ing)?|wrest(?:ed)?|assumed?|establish(?:ed)?|(?:took|tak(?:e|en|es|ing)) over)"
        r" (?:full |total |near.total |effective |complete |partial )?control (?:of|over)",
        needs_force=False,
    ),
    _v(
        0.95,
        r"re-?captur(?:ed|es|ing|e)\b|re-?took\b|re-?tak(?:en|e|es|ing)\b|re-?gain(?:ed|s|ing)?"
        r" (?:\w+ ){0,3}(?:territory|ground|town|city|village|area)|liberat(?:ed|es)\b"
        r"|overr(?:an|un|unning)\b|recover(?:ed|s|ing)? (?:\w+ ){0,2}territor\w+",
        needs_force=False,
    ),
    _v(0.9, r"regain(?:ed|s)? (?-i:[A-Z])|(?:ground|territory) (?:was|has been) regained"),
    _v(
        0.85,
        _PLACE + r" (?:[\w'-]+ ){0,4}(?:was|were|has been|have been|had been) (?:declared )?"
        r"(?:re)?(?:captured|taken|seized|liberated|overrun|retaken|regained|freed)",
    ),
    _v(
        0.92,
        r"(?:captur(?:ed|es|ing|e)|seiz(?:ed|es|ing|e)|took|tak(?:en|es|ing)|occup(?:y|ying)"
        r"|recover(?:ed|s|ing)|gain(?:ed)?|freed|controlling) (?:on \w+ )?" + _GAP + _PLACE,
    ),
    _v(
        0.9,
        r"(?:took|taken|tak(?:e|es|ing)) over " + _GAP + _PLACE + r"|(?:fell|falls|falling"
        r"|fallen) (?:in)?to (?:the )?(?:hands of |control of )?(?:[\w'-]+ ){0,3}(?:rebels?"
        r"|militants?|insurgents?|fighters|forces|troops|jihadists|islamic|is\b|isis|taliban"
        r"|al.shabaa?b|boko|houthis?|army|armys|government|brigades?)"
        r"|dismantl(?:ed|ing) (?:\w+ ){0,3}(?:positions?|camps?|bases?|strongholds?)",
    ),
    _v(
        0.9,
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
    _v(
        0.75,
        r"(?:stormed|storm|storms|storming|overran|overrun) " + _GAP + _PLACE + r"|advanc(?:ed|es"
        r"|ing) on (?:the )?(?:[\w'-]+ ){0,2}(?:" + _PLACE + r"|(?-i:[A-Z]))",
    ),
    _v(
        0.6,
        r"(?:stormed|entered|enter|enters|overran) (?:the )?(?:(?-i:[A-Z])[\w'-]+"
        r"|\w+ (?:refugee )?camp|rebel"
        r"|insurgent|militant)",
    ),
    _v(
        0.9,
        r"(?:made|make|makes|making|gains?|major|new|further|rapid|incremental|military) (?:\w+ )?"
        r"advances?\b|advance (?:on|into|towards?|deeper)|advance (?:by|of) (?:\w+ ){0,2}"
        r"(?:forces|troops|army|rebels|militants|fighters)|offensive (?:to (?:re)?take|on|into)"
        r"|(?:made|making|make) (?:\w+ )?gains|gained ground|clear(?:ed|s|ing)? (?:[\w'-]+ )"
        r"{1,4}of (?:the )?(?:militants|rebels|insurgents|fighters|jihadists|(?-i:[A-Z]))",
    ),
    _v(
        0.93,
        r"push(?:ed|es)? (?:[\w'-]+ ){0,2}(?:out of|from) |(?:drove|driven|drive|drives|driving"
        r"|flush(?:ed|ing)?|dislodg(?:ed|e|es|ing)|expell?(?:ed|ing)?|oust(?:ed|ing)?|cleared"
        r"|clearing|purg(?:ed|ing)) (?!by\b)(?:[\w'-]+ ){0,4}(?:out of|from)\b",
    ),
    _v(0.55, r"incursions?\b|(?:ground|land) offensive"),
    _v(0.5, r"under (?:the )?(?:full )?control of|liberat(?:ing|ion of)\b"),
)

_THREAT: tuple[TriggerRule, ...] = (
    _t(
        0.95,
        r"threat(?:en(?:s|ed|ing)?)? to (?:kill|behead|execute|murder|attack|bomb|blow|strike"
        r"(?! action)(?= (?:the|at|targets?|again|back|\w+ cities|\w+ towns))|shoot|hang"
        r"|slaughter|burn|hand (?:\w+ ){0,2}over|turn (?:\w+ ){0,2}over|destroy|target|assassinate"
        r"|launch (?:\w+ )?(?:attacks?|strikes?|war)|carry out|wage|unleash|resume (?:war"
        r"|fighting|attacks)|step up (?:attacks|violence)|take up arms|use (?:force|weapons)"
        r"|invade|storm|retake|seize|capture|march on|open fire|retaliate|avenge|punish)",
    ),
    _t(
        0.9,
        r"(?:death|bomb|bioterror(?:ist)?|chemical|violent|militant|jihadi?s?t?) threats?"
        r"|threat(?:s|ened)? (?:of|from) (?:an? )?(?:new |fresh |further |more |imminent "
        r"|possible |terror\w* |suicide |militant |renewed |violent )?(?:attacks?|violence"
        r"|bloodshed|bombings?|retaliation|reprisals?|militants?|insurgents?|al.?qaeda|isis"
        r"|isil|is\b|daesh|islamic state|jihadists?|extremists?|kidnap\w*|death|assassination"
        r"|chemical)",
    ),
    _t(0.45, r"terror(?:ist|ism)? threats?|threat of (?:terror\w*|war|invasion|force)"),
    _t(
        0.9,
        r"threaten(?:s|ed|ing)? (?:(?!sanctions|for\b|over\b|with\b)\w+ ){0,4}(?:kill|behead"
        r"|execute|attack|bomb|blow up|shoot"
        r"|retaliat\w*|reprisals?|violence|bloodshed)",
    ),
    _t(
        0.85,
        r"(?:under|received|receiving|faces?|facing|issued|made|sent|gave|give|gives|giving|gets"
        r"|got|receives) (?:\w+ ){0,2}threats?\b|threats? (?:against|from)\b|(?:won'?t|will not"
        r"|refuse to|not) (?:give|bow|yield|cave) in to threats?",
        needs=_VIOLENT,
    ),
    _t(0.8, r"threat(?:en(?:s|ed|ing)?)?\b", needs=_THREAT_CONTEXT),
    _t(
        0.8,
        r"(?:would|will|vowed to|promised to|pledged to) (?:\w+ ){0,2}(?:kill|behead|execute"
        r"|attack|bomb|shoot|strike)\b",
        needs=_THREAT_CONTEXT,
    ),
    _t(
        0.9,
        r"or (?:\w+ ){0,2}will (?:die|be killed|be executed|be beheaded)|gives? (?:\w+ ){0,2}"
        r"\d+ hours|\d+-hour (?:deadline|ultimatum)"
        r"|or (?:be|face being) (?:killed|attacked|executed|shot|beheaded)|or face (?:an? )?"
        r"(?:all-out )?(?:attacks?|death|reprisals|execution|assault)",
    ),
    _t(
        0.9,
        r"ultimatums?\b|deadline (?:to|for) (?:kill|execute|behead)|vow(?:s|ed|ing)? (?:to )?"
        r"(?:revenge|avenge|retaliat\w*|attack|kill|fight|strike|wage|more attacks|continue"
        r" (?:attacks|fighting|the jihad|its? (?:attacks|campaign))|jihad|holy war|to destroy"
        r"|(?:to )?(?:step up|intensify|escalate|widen) (?:\w+ ){0,2}(?:attacks|campaign"
        r"|fighting|violence|war|jihad|offensive|operations))",
    ),
    _t(
        0.85,
        r"warn(?:s|ed|ing|ings)? (?:\w+ ){0,4}(?:of|about|that) (?:\w+ ){0,5}(?:attacks?|violence"
        r"|bloodshed|retaliation|reprisals?|bombings?|strikes?|war|terror\w*|kill|assault"
        r"|revenge|holy war)|(?:terror|terrorist|security|bomb) (?:warning|alert)s?"
        r"|(?:would|will) face (?:\w+ ){0,2}(?:attacks?|reprisals|retaliation|bombings)",
    ),
    _t(
        0.9,
        r"(?:bomb|terror\w*|assassination|kidnap(?:ping)?|murder|coup|attack|bombing|suicide"
        r"|hijack(?:ing)?) plots?|plot(?:s|ted|ting)? (?:to|against|targeting) (?:kill|bomb|attack"
        r"|assassinate|kidnap|blow|murder|strike|seize|hijack)|plott(?:ed|ing) (?:\w+ ){0,3}"
        r"attacks?|(?:arrested|detained|charged|held|convicted) (?:\w+ ){0,6}(?:plot|plotting"
        r"|planning)\b",
    ),
    _t(
        0.9,
        r"(?:foil(?:ed|s)?|thwart(?:ed|s)?|avert(?:ed|s)?|disrupt(?:ed|s)?|prevent(?:ed)?|stopped"
        r"|uncover(?:ed|s)?) (?:\w+ ){0,4}(?:attacks?|plots?|bombings?|attempts?|conspirac\w+)",
    ),
    _t(
        0.85,
        r"(?:call(?:s|ed|ing)? for|urg(?:es|ed|ing)|incit(?:es|ed|ing)|seek(?:s|ing)?|sought"
        r"|ask(?:ed|s)? (?:\w+ ){0,2}to (?:mount|carry out|launch)) (?:\w+ ){0,3}(?:attacks?"
        r"|strikes?|jihad|holy war|assassination|killing|violence against)",
    ),
    _t(
        0.85,
        r"(?:plan(?:s|ned|ning)?|prepar(?:ed|ing|es)|intend(?:s|ed)?|tr(?:y|ied|ying) to|ready"
        r"|readies|readying) (?:to )?(?:\w+ ){0,2}(?:attacks?|bomb\w*|assassinat\w*|kill"
        r"|blow up|strike|assault)",
    ),
    _t(
        0.85,
        r"(?:terror(?:ism)?|security|threat|alert) (?:alert|level|warning)s? (?:was |is "
        r"|has been )?(?:raised|heightened|increased|elevated|upgraded|issued)|rais(?:ed|es|ing)"
        r" (?:\w+ ){0,3}(?:terror|threat|alert|security) (?:alert |level|warning)|(?:high"
        r"|heightened|maximum|red|top) alert|on alert\b",
    ),
    _t(
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

RULES: tuple[TriggerRule, ...] = _BLOCKERS + _ATTACK[:1] + _THREAT + _ADVANCE + _ATTACK[1:]


def compile_branch(pattern: str) -> tuple[re.Pattern[str], bool]:
    """Compile one rule alternative anchored at a word start; True if it runs on lowered text.

    Case-sensitive parts (`(?-i:...)`) keep case-folding on the original text; every other
    alternative is lower-cased and run without IGNORECASE on the lower-cased text (faster).
    """
    if CASE_SENSITIVE in pattern:
        return re.compile(r"\b(?:" + pattern + ")", re.IGNORECASE), False
    return re.compile(r"\b(?:" + lower_pattern(pattern) + ")"), True


def lower_pattern(pattern: str) -> str:
    """Lower-case a regex's literals, leaving escapes such as \\b or \\W untouched."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = char == "\\" and not escaped
    return "".join(out).replace("(?p<", "(?P<")
