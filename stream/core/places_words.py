"""The words around a place name: lists of what they make it, and readers of the text."""

from __future__ import annotations

import re
from typing import Final

from stream.core.places_text import word_set

__all__ = [
    "GIVEN_NAMES",
    "LANDMARK_WORDS",
    "LOCATIVE",
    "MINOR_WORDS",
    "MODIFIERS",
    "NAME_ENDS",
    "NOT_PLACES",
    "NUMBERS",
    "ORGANISATION_NOUNS",
    "ORGANISATION_WORDS",
    "PLACE_OF_NOUNS",
    "QUARTER_WORDS",
    "SEAT_WORDS",
    "SETTLEMENT_DESIGNATORS",
    "STRONG_LOCATIVE",
    "TITLES",
    "article_start",
    "bare_word",
    "cased_like_name",
    "interjection",
    "is_name_word",
    "named_by_of",
    "raw_word_before",
    "starts_sentence",
    "title_case",
    "word_before",
]

ORGANISATION_WORDS: Final = word_set(
    "Democratic Party Movement Front Alliance Liberation Patriotic Brigade Brigades Battalion "
    "Organization Organisation Airways Airlines"
)
# The same in any case, with more nouns that make a name before them an organisation's
# ('Badr organization', 'Kabul Bank', 'Nuba Mountains Students Association').
ORGANISATION_NOUNS: Final = word_set(
    "organization organisation movement party corps company bank council committee "
    "association union club brigade brigades battalion airways airlines tribe tribes clan clans "
    "brotherhood tribesmen clansmen herdsmen"
)
_DESIGNATORS: Final = word_set(
    "city province district governorate region state county valley dam airport camp "
    "village town square bridge road street highway river mountain mountains hill lake "
    "border crossing area municipality subdistrict neighbourhood neighborhood quarter "
    "university hospital base oil refinery"
)
# Given names that are also places' alternate names ('Ahmed Shami' is a man, not Al Ahmadi).
GIVEN_NAMES: Final = word_set(
    "ahmed ahmad mohamed mohammed mohammad muhammad mahmoud mahmud ali hassan hasan hussein "
    "husain hussain omar umar khalid khaled abdullah abdul ibrahim ismail yusuf youssef salah "
    "saleh said saeed karim hamid hamza jamal mustafa mostafa tariq nasser nasir faisal fahd "
    "zaid zayed sultan suleiman sulaiman jaafar jafar musa issa isa yahya adel amir anwar "
    "mansour mansur rashid ahmadi hadi mahdi qasim kassim"
)
# Words after a name that designate it a settlement ('Amedi town'): Mention.designated.
SETTLEMENT_DESIGNATORS: Final = word_set("city town village")
# Words after a name that say it is a town or the district named after one ('Hawija district').
SEAT_WORDS: Final = word_set("city town district")
# Words after a name that make it a part of a town ('Qadisiyah neighbourhood'): a region or
# a country of that name is not meant.
QUARTER_WORDS: Final = word_set("neighbourhood neighborhood quarter")
# Words after a name that make it a landmark named after a place ('Buckingham Palace').
LANDMARK_WORDS: Final = word_set(
    "palace square street bridge hospital mosque university stadium prison hotel church "
    "market club college school"
)
# Words after a name that make it a small place or part of one ('Zhari district', 'Kani Sarke').
MINOR_WORDS: Final = word_set(
    "district village villages area areas hill hills mountain mountains valley neighbourhood "
    "neighborhood quarter subdistrict sub-district region township locality"
)
# Capitalised words after a name that do not make it part of a longer name ('Anbar
# Province', 'Lubero Territory', 'Mosul Tuesday').
NAME_ENDS: Final = (
    _DESIGNATORS
    | MINOR_WORDS
    | word_set(
        "prefecture territory okrug oblast krai county department parish governorate wilaya "
        "lga local agency tehsil commune subdivision payam chiefdom sector groupement "
        "monday tuesday wednesday thursday friday saturday sunday january february march april "
        "may june july august september october november december"
    )
)
STRONG_LOCATIVE: Final = word_set("in near at outside inside into around")
# Nouns that name a place by 'of' ('the resort of Nice', 'the town of Mal').
PLACE_OF_NOUNS: Final = word_set("town city village resort port capital suburb township")
NUMBERS: Final = word_set(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand"
)
LOCATIVE: Final = word_set(
    "in near at outside into from to around across toward towards inside within of between "
    "on through via besides beyond nearby"
)
TITLES: Final = word_set(
    "mr mrs ms dr gen general president minister king queen prince princess sheikh shaikh "
    "imam mullah colonel col major maj captain capt lt lieutenant sgt sergeant commander "
    "governor gov senator sen rep judge justice pope saint st sir lord lady brother sister "
    "father mother son daughter bin ibn abu umm spokesman spokeswoman chief leader said "
    "told says coach striker player star actor singer cleric ayatollah emir al"
)
MODIFIERS: Final = word_set(
    "north south east west northern southern eastern western central upper lower greater "
    "new old northeastern northwestern southeastern southwestern northeast northwest "
    "southeast southwest rural downtown outer inner in near at of"
)
NOT_PLACES: Final = word_set(
    "hamas hezbollah hizbollah taliban fatah isis isil daesh qaeda al-qaeda shabaab "
    "boko haram houthi houthis peshmerga reuters afp xinhua bbc cnn monday tuesday "
    "wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december god allah islam islamic muslim christian "
    "police army navy government ministry the al el an ar as ad at az ash jan feb mar apr jun "
    "jul aug sep sept oct nov dec jazeera arabiya abu umm bin ibn bani beni wadi tal tel jabal "
    "jebel jabel ain ayn bir khirbet qaryat kafr deir dayr ras sidi hay hayy arab arabs kurd "
    "kurds kurdish turkmen sunni shia shiite yazidi druze jewish molotov africa asia europe "
    "colonia barangay toyota"
) | {"red cross", "red crescent"}  # a car make and aid societies, not Toyota or Red Cross towns

_HEADLINE_CHARS: Final = 160
_ARTICLE_BEFORE: Final = re.compile(
    r"(?:^|(?<=[\s(\"'“]))((?:[Aa]l|[Ee]l|[Aa]sh|A[nrsdtz])[- ]|a[nrsdtz]-)$"
)
# The last two letters of every article _ARTICLE_BEFORE knows (a cheap test before it).
_ARTICLE_ENDS: Final = word_set("al el an ar as ad at az sh")


def interjection(text: str, start: int, end: int) -> bool:
    """True for a word opening a quotation and followed by ',' or '!' ('"Salam," he said')."""
    return text[start - 1 : start] in ('"', "“", "'", "‘") and text[end : end + 1] in (",", "!")


def article_start(text: str, start: int) -> int:
    """Where a name starting at `start` really begins: before an Arabic article written
    apart from it ('al-Muthanna', 'Ar Rutba'), else `start` itself."""
    if text[start - 3 : start - 1].lower() not in _ARTICLE_ENDS:
        return start
    found = _ARTICLE_BEFORE.search(text, max(0, start - 5), start)
    return found.start(1) if found else start


def title_case(text: str, line: int) -> bool:
    """True when most longer words of the line starting at `line` are capitalised (a headline)."""
    end = text.find("\n", line)
    end = end if end >= 0 else len(text)
    if end - line > _HEADLINE_CHARS:
        return False
    words = [w for w in text[line:end].split() if len(w) > 3]
    if len(words) < 3:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.7 * len(words)


def cased_like_name(surface: str) -> bool:
    """True when a Latin name starts with a capital (after an 'al-'-style article) or is Arabic."""
    first = surface[0]
    if not first.isalpha() or (not first.islower() and not first.isupper()):
        return True
    if first.isupper():
        return True
    head, _, rest = surface.replace(" ", "-", 1).partition("-")
    return bool(rest) and len(head) <= 3 and rest[:1].isupper()


def word_before(folded: str, start: int) -> str:
    """The folded word just before `start` (within 40 characters), or ''."""
    window = folded[max(0, start - 40) : start].rsplit(maxsplit=1)
    return window[-1] if window else ""


def named_by_of(folded: str, start: int) -> bool:
    """True when 'town of', 'city of' or the like comes just before `start`."""
    words = folded[max(0, start - 40) : start].split()
    return len(words) >= 2 and words[-1] == "of" and words[-2] in PLACE_OF_NOUNS


def raw_word_before(text: str, start: int) -> tuple[int, str]:
    """The word just before `start` (and its offset) when only spaces separate them."""
    index = start
    while index > 0 and text[index - 1] == " ":
        index -= 1
    if index == start or index == 0 or not text[index - 1].isalpha():
        return -1, ""
    begin = index - 1
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    if begin > 1 and text[begin - 1] in "'’" and text[begin - 2].isalpha():
        begin -= 1
        while begin > 0 and text[begin - 1].isalpha():
            begin -= 1
    return begin, text[begin:index]


def bare_word(word: str) -> str:
    """A word without a possessive ending ('city's' -> 'city')."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def is_name_word(word: str) -> bool:
    """A capitalised word that is not all capitals (part of a proper name)."""
    return word[:1].isupper() and not word.isupper()


def starts_sentence(text: str, start: int) -> bool:
    """True when only spaces and quotes separate `start` from a sentence end or line start."""
    index = start - 1
    while index >= 0 and text[index] in " \t\"'“‘(":
        index -= 1
    return index < 0 or text[index] in ".!?\n:;"
