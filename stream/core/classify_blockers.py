"""Blockers: non-conflict senses (heart attack, price war, threat to the economy)."""

from __future__ import annotations

from typing import Final

from stream.core.classify_rule import TriggerRule, blocker

__all__ = ["BLOCKERS"]

BLOCKERS: Final[tuple[TriggerRule, ...]] = (
    blocker(
        r"(?:heart|panic|asthma|anxiety|shark|dog|bear|cyber|computer|virus|hacker|bee|insect|sex"
        r"|snake|crocodile|lion|tiger|wolf|bull|denial.of.service) ?-?attacks?"
    ),
    blocker(r"attack(?:ing|s|ed)? (?:on goal|midfielder|line|the ball|the basket|the net|the rim)"),
    blocker(
        r"(?:price|trade|turf|bidding|takeover|format|browser|console|ratings|talent|fare|tariff"
        r"|currency|culture|cola|patent|legal|court|custody|proxy|budget|political|election"
        r"|uphill) (?:wars?|battles?|clash(?:es)?)"
    ),
    blocker(
        r"battle(?:s|d)? (?:against|with) (?:cancer|aids|hiv|obesity|inflation|poverty|illness"
        r"|disease|the bulge|leukemia|addiction|depression)"
    ),
    blocker(
        r"battle(?:s|d)? (?:over|for) (?:the )?(?:budget|custody|control of the (?:senate|house"
        r"|company|board)|market share|the presidency|votes|the white house|ratings|the title"
        r"|the championship|the crown|the lead|the pennant)|battleground(?: states?)?"
    ),
    blocker(
        r"(?:pain|weed)?killers?(?! (?:of|who))|kill(?:ed|s|ing)? (?:the|a|its) (?:bill|deal|plan"
        r"|proposal|measure|merger|project|story|engine|lights|switch|time|buzz|mood)"
        r"|kill switch|killing time|killer (?:app|whale|bee|instinct|heels)"
    ),
    blocker(
        r"shot (?:a )?(?:\d+|par|under|over|birdie|eagle|bogey|a round)\b|(?:flu|booster|parting"
        r"|long|mug|camera|big|free|penalty|slap|jump|hook|drop|tee|chip|putt) ?shots?"
    ),
    blocker(
        r"shoot(?:ing)? (?:a |the )?(?:film|movie|video|scene|photos?|pictures|commercial)"
        r"|penalty shoot.?outs?|photo ?shoot"
    ),
    blocker(r"(?:box.office|commercial|critical) bomb|bombshell"),
    blocker(
        r"blast(?:s|ed|ing)? (?:off|music|furnace)|(?:sand|shot|sound|air|cold|arctic|heat)[ -]?"
        r"blasts?|blast from the past|rocket(?:s|ed|ing)? (?:to|up|higher|past)"
        r"|rocket scien\w+|sky.?rocket\w*"
    ),
    blocker(
        r"(?:population|price|data|knowledge|information|baby|birth|jobs?|sales?) (?:explosion"
        r"|boom)|explod(?:ed|ing) (?:onto|on to) the (?:scene|market)"
    ),
    blocker(
        r"(?:assault(?:ed|s)?|attack(?:ed|s)?) on (?:the )?(?:record|summit|peak|mountain"
        r"|everest|title|world record|market|spam\w*|piracy|inflation|poverty|corruption"
        r"|the deficit)|(?:legal|verbal|rhetorical|scathing|blistering|stinging|personal"
        r"|written) (?:attacks?|assaults?|offensive)"
    ),
    blocker(r"test.?fir(?:e|es|ed|ing) (?:[\w'-]+ ){0,4}(?:missiles?|rockets?)"),
    blocker(
        r"(?:hijack(?:ed|s|ing)?|kidnap(?:ped|s)?) (?:the )?(?:debate|agenda|conversation"
        r"|meeting|process|browser|account)"
    ),
    blocker(
        r"(?:took|take|taken|takes|taking) (?:place|part|up (?:\w+ )?positions?|refuge|shelter"
        r"|cover|office|power|the oath|to (?:hospital|the streets))"
    ),
    blocker(
        r"assault (?:rifles?|weapons?|charges?|case|trial)|sexual(?:ly)? assault\w*"
        r"|(?:knee|ankle|hamstring|groin|back|shoulder|wrist|elbow|foot|calf|thigh|hip|neck|leg"
        r"|hand|finger|toe|muscle|career) injur(?:y|ies|ed)|injur(?:y|ies) (?:time|list|report"
        r"|worries|doubts?|concerns?|problems?|crisis|setbacks?)|injured (?:list|reserve)"
        r"|wound(?:s|ed)? up"
    ),
    blocker(
        r"execut(?:ed|ing|es) (?:a |an |the |its |his |their )?(?:plan|order|strategy|trade"
        r"|contract|deal|program|programme|will|warrant|search|agreement|transaction|merger)"
    ),
    blocker(r"nuclear threats?"),
    blocker(
        r"(?:fired|sacked|dismissed) (?:\d+ |his |her |their |its |the |an? |two |three )?(?:\w+ )?"
        r"(?:workers|employees|staff(?:ers)?|assistants?|coach(?:es)?|managers?|ceos?|directors?"
        r"|executives?|chiefs?|ministers?|aides?|officials?|editors?|teachers?|players?)\b"
    ),
    blocker(
        r"(?:the|a|visits?|visited|tours?|toured|returns? to|returned to|back to|rebuild\w*)"
        r" (?:bombed|bombed-out|shelled|shell-scarred|war-torn) (?:[\w'-]+ )?(?:town|city|village"
        r"|building|houses?|homes?|mosque|church|school|hospital|market|district|neighbou?rhood)s?\b"
    ),
    blocker(
        r"(?:entered|enter|enters|entering|violated|intruded into) (?:[\w'-]+ ){0,5}(?:airspace"
        r"|air defen[cs]e identification zone|adiz|kadiz|territorial waters)"
    ),
    blocker(
        r"warn(?:s|ed|ing)? (?:of|about) (?:an? )?(?:wave of |new |more |further |possible )?"
        r"(?:strikes|strike action|walkouts?|a general strike)\b"
    ),
    blocker(
        r"threat(?:en(?:s|ed|ing)?)? (?:(?!air|military|missile|drone|retaliatory)\w+ )?"
        r"(?:sanctions|legal action|a lawsuit|lawsuits"
        r"|a strike|strikes|strike action|a walkout|a boycott|tariffs|a veto)\b"
    ),
    blocker(
        r"(?:took|taking|take|takes|taken) (?:up )?(?:his|her|their|its)"
        r" (?:position|post|seat|place)"
    ),
    blocker(
        r"(?:front|movement|forces|army|party|council|organi[sz]ation|union|tigers|board|room)"
        r" (?:for|of) (?:the )?liberation|liberation (?:front|army|movement|board|room|tigers"
        r"|forces|party)"
    ),
    blocker(r"mine(?:s|d)? (?:collapse|explosion|blast|disaster|accident|fire|flood)"),
    blocker(r"(?:no|never|nobody|none|zero) (?:\w+ )?(?:casualties|fatalities|injuries|deaths)"),
    blocker(
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
    blocker(
        r"storm(?:s|ed|ing)? (?:off|out|to (?:victory|a \w+ win|the top|the lead))|(?:tropical"
        r"|winter|snow|dust|sand|ice|hail|thunder|political|media|fire) ?storms?"
    ),
    blocker(
        r"(?:advance|early) (?:ticket|sales?|orders?|booking|notice|copy|copies|payments?"
        r"|warning)s?|advance(?:s|d)? (?:to|into) (?:the )?(?:final|semi|quarter|next round"
        r"|playoffs?|second round|third round|last \w+)|(?:share|stock|price|index|market|dollar"
        r"|euro|yen|nasdaq|dow)s? (?:advance|advanced|advancing|rose)"
        r"|advances? in (?:technology|science|medicine|research)"
    ),
    blocker(
        r"(?:captur|seiz)(?:e|ed|es|ing) (?:the )?(?:title|crown|championship|pennant|gold"
        r"|silver|bronze|medal|lead|market|imagination|attention|moment|spirit|essence|share"
        r"|victory|win|momentum|headlines|votes?|seats?|majority|nomination)"
    ),
    blocker(
        r"(?:convicted|sentenced|condemned|found guilty|jailed|tried) (?:[\w'-]+ ){0,2}(?:of|for)"
        r" (?:the )?(?:murder|killing|rape|drug)\w*|(?:hang(?:s|ed|ing)?|execut(?:es|ed|ing))"
        r" (?:[\w'-]+ ){0,4}(?:convicted|condemned|sentenced|for (?:murder|drug|rape))\w*"
        r"|execut(?:ed|ion) by (?:lethal injection|hanging|firing squad|the electric chair)"
    ),
    blocker(
        r"(?:took|take|taking|takes|taken) (?:control of (?:the )?(?:company|firm|board|bank"
        r"|airline|club|team|group|market|(?:[\w'-]+ ){0,3}(?:race|league|division|series"
        r"|standings|match|game)\b)|over (?:the )?(?:company|firm|bank|airline|club|rival"
        r"|stake|business))"
    ),
)
