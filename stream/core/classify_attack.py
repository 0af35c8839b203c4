"""Attack triggers: violence that happened (bombings, shootings, shelling, clashes, kidnappings)."""

from __future__ import annotations

from typing import Final

from stream.core.classify_rule import BUILDING, VIOLENT, TriggerRule, attack_rule

__all__ = ["ATTACK"]

# What makes a raid violent: violence named in its sentence.
_RAID_VIOLENCE: Final = (
    "(?:" + VIOLENT + r"|\b(?:clash\w*|fir(?:e|ed|ing)|shot|gunfire|wound\w*|injur\w*|dead"
    r"|died|battle\w*|fight\w*|exchange\w*|casualt\w*|tortur\w*|beat(?:en|ing)?|by air"
    r"|aircraft|warplanes?|jets|drones?|helicopters?|slit|stabb\w*|throats?|hacked"
    r"|machetes?)\b)"
)

# Who storms a building to attack it (not police or troops on a raid or a rescue).
_ASSAILANTS: Final = (
    r"\b(?:gunm[ae]n|militants?|insurgents?|rebels?|attackers?|assailants?|terrorists?"
    r"|jihadists?|suicide|hostage.takers?|kidnappers?|armed (?:men|group))\b"
)

ATTACK: Final[tuple[TriggerRule, ...]] = (
    attack_rule(
        0.9,
        r"(?:repelled|repulsed|thwarted|foiled|fought off|beat back|pushed back) (?:an? |the )?"
        r"(?:\w+ ){0,2}(?:attacks?|assaults?|infiltration|incursion|offensive|advance|attempts?)\b"
        r"(?! plan| by (?:terror|extremist))",
    ),
    attack_rule(
        0.85, r"storm(?:ed|ing) (?:the |a |an )?(?:[\w'-]+ ){0,3}" + BUILDING, needs=_ASSAILANTS
    ),
    attack_rule(
        0.95,
        r"(?:shot|gunned|hacked|stabbed|beaten|clubbed|burned|burnt|stoned|bludgeoned|hanged"
        r"|lynched|axed|knifed|strangled|suffocated|slashed|macheted|chopped|tortured|set ablaze)"
        r" (?:\w+ ){0,5}?(?:to death|dead)|(?:was|were|been|being|fatally) (?:stabbed|knifed"
        r"|hacked|macheted)\b|(?:hanged|crucified|executed) by (?:the )?(?:\w+ )?(?:militants?"
        r"|isis|isil|islamic state|daesh|jihadists?|insurgents|rebels|gunmen|al.shabaa?b|taliban"
        r"|boko haram)\b",
    ),
    attack_rule(
        0.9,
        r"gunned down|shot (?:and (?:killed|wounded|injured)|at)\b|(?:was|were|been|being"
        r"|fatally|reportedly|allegedly) shot\b|shot (?:him|her|them|two|three|several|a (?:man"
        r"|woman|boy|girl|soldier|policeman|civilian))",
    ),
    attack_rule(
        0.9,
        r"open(?:ed|s|ing)? fire|fir(?:ed|ing) (?!(?:tear|rubber|water|warning|stun|in the air"
        r"|into the air|shots in|shots into)\b)(?:[\w/.,-]+ ){0,11}?(?:on|at|upon|into|towards?)\b"
        r"|fired (?:shots|rockets?|mortars?|missiles?|shells?|live|rounds|grenades?|rpgs?"
        r"|bullets)|came under (?:heavy )?fire|gun ?fire|exchange(?:d|s)? (?:of )?(?:fire"
        r"|gun ?fire|gun ?shots|shots)|friendly fire|shots (?:involving|from) (?:small arms"
        r"|heavy machine.?guns|(?:\w+ )?weapons)"
        r"|shoot(?:ing|ings|s)? (?:at|on|dead)\b|(?:mass |drive-by |school )?shootings?\b"
        r"|shoot-?outs?\b|gunshots?|bursts? of fire|sniper fire",
    ),
    attack_rule(
        0.95,
        r"(?:car|truck|roadside|suicide|parcel|letter|pipe|nail|petrol|barrel|cluster|time"
        r"|package|motorcycle|bicycle) ?-?bomb(?:s|ings?|ers?)?\b|suicide (?:attacks?|bombers?"
        r"|blasts?|vests?)",
    ),
    attack_rule(
        0.9,
        r"bomb(?:ed|ing|ings|ers?)\b|bombard(?:ed|ment|ing)?|bombs? (?:exploded|went off|ripped"
        r"|tore|hit|struck|blasted|killed|kills|wounded|injured)",
    ),
    attack_rule(
        0.85,
        r"(?:a|the|two|three|twin|several|series of|string of|powerful|huge|massive|deadly|big"
        r"|large|loud|bomb|\d+) (?:\w+ )?blasts?\b|blasts? (?:hit|hits|rock\w*|kill\w*|injur\w*"
        r"|wound\w*|tore|rip\w*|shook|went off|destroy\w*|struck|at|in|near|outside)\b",
        needs_armed=True,
    ),
    attack_rule(
        0.8,
        r"explo(?:ded|des|sion|sions|ding)\b|detonat(?:ed|es|ion|ing)\b|went off\b",
        needs_armed=True,
    ),
    attack_rule(
        0.85,
        r"set off (?:\w+ ){0,2}(?:bombs?|explosives?|devices?)|bombs (?:[\w'-]+ ){0,2}(?:towns?"
        r"|targets?|positions?|camps?|villages?|bases?|hideouts?)",
    ),
    attack_rule(0.85, r"tore through|ripped through"),
    attack_rule(
        0.85,
        r"targeted (?:[\w,'-]+ ){0,16}?(?:with|by) (?:an? |the )?(?:unidentified |unknown |hand )?"
        r"(?:bullets|gunfire|ied|grenade|bomb|rocket|missile|mortar|explosive|drone|sniper)|(?:bomb|ied|grenade"
        r"|explosive device|rocket|missile|mortar|shell)s? (?:[\w,-]+ ){0,8}?(?:targeted|hit"
        r"|struck|detonated|exploded|fell|landed|injured|killed|destroyed|damaged)\b"
        r"|(?:grenades?|bombs?|molotov cocktails?|explosives?) (?:\w+ ){0,2}(?:was|were) (?:thrown"
        r"|hurled|lobbed|tossed) (?:at|into|towards?)\b|(?:fired|shot) (?:an? |the |two |three "
        r"|several |\d+ )?(?:\w+ )?(?:rpgs?|rocket-propelled grenades?|rockets?|missiles?"
        r"|mortars?|mortar rounds|shells|drones?) (?:\w+ ){0,6}?(?:at|on|towards?|into)\b"
        r"|launched (?:an? |the |two |three |several |\d+ )?(?:\w+ )?(?:rockets?|missiles?"
        r"|drones?) (?:\w+ ){0,6}?(?:at|towards?)\b"
        r"|slit (?:the )?throats? of|(?:downed|shot down) (?:an? |the |two |three |\d+ )?"
        r"(?:\w+ ){0,3}(?:helicopters?"
        r"|aircraft|planes?|jets?|drones?)\b|died (?:due to|from|of|after|under) torture"
        r"|(?:hurled|threw|lobbed|tossed) (?:an? |the |two |three )?(?:\w+ )?(?:grenades?|bombs?"
        r"|explosives?|molotov)",
    ),
    attack_rule(
        0.85,
        r"(?:attempted|tried) to (?:kill|assassinate|murder)|attempts? on (?:his|her|the) life"
        r"|assassination (?:attempt|bid)|survived an? (?:\w+ )?(?:attack|ambush)",
    ),
    attack_rule(
        0.85,
        r"(?:roadside|car|truck|suicide|grenade|mine|landmine|ied|mortar|rocket) blasts?"
        r"|sh(?:ot|oot|oots|ooting) down|(?:blew|blow|blown|blowing|blows) up\b"
        r"(?! (?:at|over|in (?:a|his|her) face))",
    ),
    attack_rule(0.55, r"(?:die|dies|dying) (?:in|during|after|from|when)\b"),
    attack_rule(
        0.9,
        r"(?:air|drone|missile|rocket|artillery|aerial|helicopter|mortar|naval)[ -]?(?:strikes?"
        r"|raids?|attacks?|fire|bombardment|barrages?)|airstrikes?|air raids?",
    ),
    attack_rule(
        0.9,
        r"(?:air ?force|warplanes?|jets|aircrafts?|drones?|helicopters?|gunships?|artillery"
        r"|tanks) (?:[\w'-]+ ){0,3}(?:targeted|struck|hit|destroyed|bombed|attacked|pounded"
        r"|shelled|fired|strafed|raided)",
    ),
    attack_rule(
        0.9,
        r"shell(?:ed|ing|ings|s)\b(?! (?:company|companies|oil|out|game|shock))"
        r"|(?:rockets?|missiles?|mortars?|projectiles?|shells?) (?:[\w'-]+ ){0,3}(?:fired|hit"
        r"|landed|fell|struck|targeting|targeted|attack)|projectiles",
    ),
    attack_rule(
        0.45, r"mortars?\b|(?:rpg|grenades?|ieds?|landmines?|land mines?|improvised explosive)\b"
    ),
    attack_rule(
        0.75,
        r"(?:pound(?:ed|ing)|struck|hit|targeted|strafed|rocketed|blasted) (?:[\w'-]+ ){0,3}"
        r"(?:positions?|targets?|bases?|convoys?|patrols?|checkpoints?|villages?|towns?|camps?"
        r"|hideouts?|strongholds?)",
    ),
    attack_rule(
        0.9,
        r"kill(?:ed|ing|s)?\b|slain|slaughter(?:ed|ing)?|massacr(?:e|es|ed)|murder(?:ed|s|ing)?"
        r"|assassinat(?:ed|ion|ions|e|es)|behead(?:ed|ing|s)?|decapitat\w+",
    ),
    attack_rule(0.6, r"execut(?:ed|ing|ions?)\b"),
    attack_rule(
        0.55,
        r"(?:were|was|been|are|is) (?:\w+ )?(?:dead|died)|died (?:in|during|after|from|of"
        r" (?:gunshot|bullet|his wounds|her wounds|their wounds|injuries))"
        r"|(?:left|leaving) (?:\w+ ){0,5}dead|dead bodies|bodies of|fatalit(?:y|ies)\b"
        r"|casualties\b",
    ),
    attack_rule(0.4, r"death toll"),
    attack_rule(
        0.85,
        r"strik(?:e|es|ing|ed) (?:against|at) (?:\w+ ){0,2}(?:targets?|positions?|forces|troops"
        r"|convoys?|bases?|patrols?)|result(?:ed|ing) in (?:the )?deaths?",
    ),
    attack_rule(0.9, r"ambush(?:ed|es|ing)?\b"),
    attack_rule(
        0.9,
        r"attack(?:ed|s|ing|ers?)?\b|assault(?:ed|s|ing)?\b|assailants?|armed (?:fight|clash"
        r"|confrontation|attack)s?",
        riot_prone=True,
    ),
    # A raid is an attack when violence is named with it; a raid that seizes drugs or
    # arms, or arrests suspects, is not.
    attack_rule(0.6, r"raid(?:ed|s|ing)?\b", riot_prone=True, needs=_RAID_VIOLENCE),
    attack_rule(
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
    attack_rule(
        0.8,
        r"kidnap(?:ped|ping|pings|s)?\b|abduct(?:ed|ion|ions|s|ing)?\b|(?:took|taken|take|taking|seized"
        r"|seizing|takes) (?:\w+ ){0,3}hostages?|hostage.taking|hijack(?:ed|ing|s)?\b",
    ),
    attack_rule(0.35, r"(?:holding|held) (?:\w+ ){0,3}hostages?"),
    attack_rule(
        0.7,
        r"wound(?:ed|ing|s)?\b|injur(?:ed|ing|ies|es|y)\b|(?:were|was|\d+|people|others|civilians"
        r"|soldiers|policemen|police) hurt\b|hurting \d+|maim(?:ed|ing)",
        riot_prone=True,
    ),
    attack_rule(0.6, r"raped|rape|tortur(?:e|ed|ing)"),
    attack_rule(
        0.6,
        r"(?:and|were|was|been|severely|brutally) beat(?:en)?\b|beat(?:en|ing)? (?:up )?"
        r"(?:\w+ ){0,3}(?:civilians?|villagers?|men|women|him|her|them|man|woman|people|leader"
        r"|protesters|journalists?|students?|members?|residents?)",
        riot_prone=True,
    ),
    attack_rule(
        0.45,
        r"torch(?:ed|ing)|set (?:\w+ ){0,3}(?:on )?fire|set ablaze|arson|burn(?:ed|t) (?:down )?"
        r"(?:\w+ ){0,2}(?:homes?|houses?|huts?|villages?|vehicles?|cars?|buildings?|shops?"
        r"|churches?|mosques?|schools?)",
        riot_prone=True,
    ),
    attack_rule(
        0.45,
        r"violence\b|gunmen\b|(?:militants?|insurgents?) (?:struck|hit)",
        riot_prone=True,
    ),
)
