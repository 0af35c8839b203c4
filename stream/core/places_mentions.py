"""Find place mentions: gazetteer matches that read as place names in their context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from schemas import PlaceKind
from stream.core.gazetteer import TOWN, WIDE_KINDS, Gazetteer, NameMatch
from stream.core.places_text import fold_key, skeleton, word_set

__all__ = ["COMMON_WORDS_FILE", "ENGLISH_WORDS_FILE", "Mention", "MentionFinder"]

_DATA: Final = Path(__file__).resolve().parent.parent / "data" / "places"
COMMON_WORDS_FILE: Final = _DATA / "common-words.txt"
ENGLISH_WORDS_FILE: Final = _DATA / "english-words.txt"

_HEADLINE_CHARS: Final = 160
_SUMMARY_CACHE: Final = 100_000
_RUN_CACHE: Final = 100_000
_FIRST_WORD: Final = re.compile(r"(?:(?:[Aa][lnrsdtz]|[Ee]l|[Aa]sh)[- ])?[A-Z][a-z'’]+")
_REGION_AFTER: Final = re.compile(r" (?:[Rr]egion|[Ss]tate|[Pp]rovince)\b")
_DATELINE_LEAD: Final = re.compile(r"[A-Z][A-Z .'-]*/")
_DATELINE_TAIL: Final = re.compile(r" ?(?:[:(,/—–-]|\n|$)")
# Leading with the capital (the word boundary checked just after) lets the engine skip ahead.
_CAPITALISED_RUN: Final = re.compile(
    r"[A-Z](?<!\w[A-Z])[a-z'’]{2,}"
    r"(?:[- ](?:(?:al|el|ad|an|ar|as|ash|at|az)[- ])?[A-Z][a-z'’]{2,})?\b"
)
_ARTICLE_BEFORE: Final = re.compile(
    r"(?:^|(?<=[\s(\"'“]))((?:[Aa]l|[Ee]l|[Aa]sh|A[nrsdtz])[- ]|a[nrsdtz]-)$"
)
_ARTICLE_LEAD: Final = re.compile(r"(?:[Aa]l|el|[Aa]sh|a[nrsdtz])[- ]")
# The last two letters of every article _ARTICLE_BEFORE knows (a cheap test before it).
_ARTICLE_ENDS: Final = word_set("al el an ar as ad at az sh")
# After a name: a longer name ('Ras al Ain') or a compound ('Iraq-based'), both rejecting it,
# else the word after a single space (group 1).
_AFTER: Final = re.compile(
    r"[ \-‑](?:al|el|Al|El|ad|Ad|as|As|ar|Ar|an|An|ash|Ash|ul|Ul)[ \-‑][A-Z]|[-‑][a-z]"
    r"| ([^\W\d_]+(?:['’][^\W\d_]+)?)"
)
_ORGANISATION_WORDS: Final = word_set(
    "Democratic Party Movement Front Alliance Liberation Patriotic Brigade Brigades Battalion "
    "Organization Organisation Airways Airlines"
)
# The same in any case, with more nouns that make a name before them an organisation's
# ('Badr organization', 'Kabul Bank', 'Nuba Mountains Students Association').
_ORGANISATION_NOUNS: Final = word_set(
    "organization organisation movement party corps company bank council committee "
    "association union club brigade brigades battalion airways airlines"
)
_DESIGNATORS: Final = word_set(
    "city province district governorate region state county valley dam airport camp "
    "village town square bridge road street highway river mountain mountains hill lake "
    "border crossing area municipality subdistrict neighbourhood neighborhood quarter "
    "university hospital base oil refinery"
)
# Given names that are also places' alternate names ('Ahmed Shami' is a man, not Al Ahmadi).
_GIVEN_NAMES: Final = word_set(
    "ahmed ahmad mohamed mohammed mohammad muhammad mahmoud mahmud ali hassan hasan hussein "
    "husain hussain omar umar khalid khaled abdullah abdul ibrahim ismail yusuf youssef salah "
    "saleh said saeed karim hamid hamza jamal mustafa mostafa tariq nasser nasir faisal fahd "
    "zaid zayed sultan suleiman sulaiman jaafar jafar musa issa isa yahya adel amir anwar "
    "mansour mansur rashid ahmadi hadi mahdi qasim kassim"
)
_SMALLEST_COMMON: Final = 1000
_NEVER_COMMON: Final = 5000
# Capitals this short inside a line are acronyms ('AU', 'OLA'), unless they name a country.
_ACRONYM_LENGTH: Final = 4
_NAME, _NEVER, _DEMONYM, _COMMON = range(4)
# Words after a name that make it a small place or part of one ('Zhari district', 'Kani Sarke').
# Words after a name that say it is a settlement ('Amedi town').
_SETTLEMENT_WORDS: Final = word_set("city town village")
# Words after a name that say it is a town or the district named after one ('Hawija district').
_SEAT_WORDS: Final = word_set("city town district")
# Words after a name that make it a landmark named after a place ('Buckingham Palace').
_LANDMARK_WORDS: Final = word_set(
    "palace square street bridge hospital mosque university stadium prison hotel church "
    "market club college school"
)
_MINOR_WORDS: Final = word_set(
    "district village villages area areas hill hills mountain mountains valley neighbourhood "
    "neighborhood quarter subdistrict sub-district region township locality"
)
# Capitalised words after a name that do not make it part of a longer name ('Anbar
# Province', 'Lubero Territory', 'Mosul Tuesday').
_NAME_ENDS: Final = (
    _DESIGNATORS
    | _MINOR_WORDS
    | word_set(
        "prefecture territory okrug oblast krai county department parish governorate wilaya "
        "monday tuesday wednesday thursday friday saturday sunday january february march april "
        "may june july august september october november december"
    )
)
_STRONG_LOCATIVE: Final = word_set("in near at outside inside into around")
_NUMBERS: Final = word_set(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand"
)
_LOCATIVE: Final = word_set(
    "in near at outside into from to around across toward towards inside within of between "
    "on through via besides beyond nearby"
)
_TITLES: Final = word_set(
    "mr mrs ms dr gen general president minister king queen prince princess sheikh shaikh "
    "imam mullah colonel col major maj captain capt lt lieutenant sgt sergeant commander "
    "governor gov senator sen rep judge justice pope saint st sir lord lady brother sister "
    "father mother son daughter bin ibn abu umm spokesman spokeswoman chief leader said "
    "told says coach striker player star actor singer cleric ayatollah emir al"
)
_MODIFIERS: Final = word_set(
    "north south east west northern southern eastern western central upper lower greater "
    "new old northeastern northwestern southeastern southwestern northeast northwest "
    "southeast southwest rural downtown outer inner in near at of"
)
_NOT_PLACES: Final = word_set(
    "hamas hezbollah hizbollah taliban fatah isis isil daesh qaeda al-qaeda shabaab "
    "boko haram houthi houthis peshmerga reuters afp xinhua bbc cnn monday tuesday "
    "wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december god allah islam islamic muslim christian "
    "police army navy government ministry the al el an ar as ad at az ash jan feb mar apr jun "
    "jul aug sep sept oct nov dec jazeera arabiya abu umm bin ibn bani beni wadi tal tel jabal "
    "jebel jabel ain ayn bir khirbet qaryat kafr deir dayr ras sidi hay hayy arab arabs kurd "
    "kurds kurdish turkmen sunni shia shiite yazidi druze jewish molotov africa asia europe "
    "colonia barangay"
)


@dataclass(slots=True)
class Mention:
    """A place name in the text: span, candidate places and how strongly it reads as a place."""

    start: int
    end: int
    text: str
    candidates: tuple[int, ...]
    locative: bool = False
    strong_locative: bool = False
    common: bool = False
    sentence_start: bool = False
    dateline: bool = False
    fuzzy: bool = False
    article: bool = False
    minor: bool = False
    landmark: bool = False
    designated: bool = False
    seat: bool = False
    continued: bool = False
    parents: tuple[int, ...] = ()
    children: tuple[int, ...] = ()


def _load_words(path: Path) -> frozenset[str]:
    """Non-comment lines of a word list."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class MentionFinder:
    """Turns raw gazetteer matches into plausible place mentions."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        demonyms: frozenset[str] = frozenset(),
        common_words: frozenset[str] | None = None,
    ) -> None:
        """Use `gazetteer`, nationality words and the names that are also ordinary words."""
        self.gazetteer = gazetteer
        self.demonyms = demonyms
        self.common_words = (
            common_words if common_words is not None else _load_words(COMMON_WORDS_FILE)
        )
        self.english_words = self.common_words | _load_words(ENGLISH_WORDS_FILE)
        self._summaries: dict[tuple[int, ...], tuple[bool, int, bool]] = {}
        self._runs: dict[str, tuple[int, tuple[int, ...]] | None] = {}
        self._never = self._never_places()
        self._keys: dict[str, int] = {}

    def find(self, text: str, folded: str) -> list[Mention]:
        """Longest non-overlapping matches that pass the case, word and name filters."""
        matches = self.gazetteer.find(text, capitalised_only=True, skip=self._never)
        chosen = _longest(matches + self._sounds_like(text, matches))
        chosen = self._with_bare_names(text, chosen, matches)
        mentions: list[Mention] = []
        titled: dict[int, bool] = {}
        for match in chosen:
            line = text.rfind("\n", 0, match.start) + 1
            if line not in titled:
                titled[line] = _title_case(text, line)
            mention = self._mention(text, folded, match, line, titled[line])
            if mention is not None:
                mention.fuzzy = match.fuzzy
                lead = text[line : match.start]
                mention.dateline = (
                    mention.text.isupper()
                    and (not lead.strip() or bool(_DATELINE_LEAD.fullmatch(lead)))
                    and _DATELINE_TAIL.match(text, match.end) is not None
                )
                mentions.append(mention)
        return mentions

    def _with_bare_names(
        self, text: str, chosen: list[NameMatch], matches: list[NameMatch]
    ) -> list[NameMatch]:
        """Matches that end in 'city', 'town' or 'district' ('X city') with the towns of the bare
        name 'X' added: a gazetteer may know the longer name as one namesake's alias only."""
        for position, match in enumerate(chosen):
            cut = text.rfind(" ", match.start, match.end)
            if cut > match.start and text[cut + 1 : match.end].lower() in _SEAT_WORDS:
                chosen[position] = self._plus_bare_towns(match, cut, matches)
        return chosen

    def _plus_bare_towns(self, match: NameMatch, cut: int, matches: list[NameMatch]) -> NameMatch:
        """`match` with the towns of the exact match that ends at `cut` added."""
        table = self.gazetteer.table
        for bare in matches:
            if bare.start == match.start and bare.end == cut and not bare.fuzzy:
                extra = tuple(
                    i
                    for i in bare.candidates
                    if table.kind_of(i) == TOWN and i not in match.candidates
                )
                return match._replace(candidates=match.candidates + extra)
        return match

    def _mention(
        self, text: str, folded: str, match: NameMatch, line: int, titled: bool
    ) -> Mention | None:
        """A Mention for `match` (on the line starting at `line`), or None when it does not
        read as a place here."""
        surface = text[match.start : match.end]
        key = folded[match.start : match.end]
        kind = self._keys.get(key)
        if kind is None:
            kind = self._key_kind(key)
        if kind == _NEVER or not (surface[0].isupper() or _cased_like_name(surface)):
            return None
        if kind == _DEMONYM and not _REGION_AFTER.match(text, match.end):
            return None
        lead = _article_start(text, match.start)
        if text[lead - 1 : lead] in ("-", "‑") and text[lead - 2 : lead - 1].isalpha():
            return None
        has_country, biggest, has_region = self._summary(match.candidates)
        if (
            not (has_country or has_region)
            and len(surface) <= _ACRONYM_LENGTH
            and surface.isupper()
            and text[line : match.start].strip()
        ):
            return None
        last = _word_before(folded, lead)
        common = kind == _COMMON
        if common and not has_country:
            dateline = (
                surface.isupper() and len(surface) > 3 and not text[line : match.start].strip()
            )
            strong = (last in _STRONG_LOCATIVE and biggest >= _SMALLEST_COMMON) or (
                biggest >= 1_000_000
            )
            if not (strong or (dateline and biggest >= 100_000)):
                return None
        sentence_start = _starts_sentence(text, lead)
        locative = last in _LOCATIVE
        if last in _TITLES and not locative:
            return None
        if match.fuzzy and (sentence_start or titled) and not locative:
            return None
        if _interjection(text, match.start, match.end):
            return None
        after = _AFTER.match(text, match.end)
        following: str | None = after.group(1) if after else ""
        if following is None or following in _ORGANISATION_WORDS:
            return None
        lowered = following.lower()
        if lowered in _ORGANISATION_NOUNS:
            return None
        if not (sentence_start or titled) and self._inside_name(text, lead):
            return None
        continued = _is_name_word(following) and _bare_word(lowered) not in _NAME_ENDS
        if key in _GIVEN_NAMES and continued:
            return None
        if not has_country:
            if not titled and self._before_surname(following, match):
                return None
            if titled and not locative and not self._main_name(surface, match):
                return None
        return Mention(
            start=match.start,
            end=match.end,
            text=surface,
            candidates=match.candidates,
            locative=locative,
            strong_locative=last in _STRONG_LOCATIVE,
            common=common,
            sentence_start=sentence_start or titled,
            article=lead != match.start or _ARTICLE_LEAD.match(surface) is not None,
            landmark=lowered in _LANDMARK_WORDS,
            designated=lowered in _SETTLEMENT_WORDS,
            seat=lowered in _SEAT_WORDS,
            minor=lowered in _MINOR_WORDS or continued,
            continued=continued,
        )

    def _key_kind(self, key: str) -> int:
        """What a folded name is apart from its context (never a place, a nationality, an
        ordinary word or a plain name), remembered per name."""
        if key in _NOT_PLACES or all(word in _NUMBERS for word in key.split()):
            kind = _NEVER
        elif key in self.demonyms:
            kind = _DEMONYM
        elif key in self.common_words:
            kind = _COMMON
        else:
            kind = _NAME
        if len(self._keys) >= _RUN_CACHE:
            self._keys.clear()
        self._keys[key] = kind
        return kind

    def _never_places(self) -> frozenset[int]:
        """Base key ids of single words never read as places: non-places, numbers, and
        ordinary words ('On', 'May') naming no country and no place of 5,000 people."""
        never: set[int] = set()
        gazetteer = self.gazetteer
        for word in _NOT_PLACES | _NUMBERS | self.common_words:
            key_id = gazetteer.key_id(word)
            if key_id < 0:
                continue
            if word in self.common_words and word not in _NOT_PLACES | _NUMBERS:
                has_country, biggest, _ = self._summary(gazetteer.lookup(word))
                if has_country or biggest >= _NEVER_COMMON:
                    continue
            never.add(key_id)
        return frozenset(never)

    def _summary(self, candidates: tuple[int, ...]) -> tuple[bool, int, bool]:
        """Whether the candidates include a country, the largest local population, and
        whether they include a first-level region."""
        found = self._summaries.get(candidates)
        if found is None:
            table = self.gazetteer.table
            kinds = [table.kind_of(i) for i in candidates]
            local = [
                table.population[i]
                for i, kind in zip(candidates, kinds, strict=True)
                if kind not in WIDE_KINDS
            ]
            found = (PlaceKind.COUNTRY in kinds, max(local, default=0), PlaceKind.REGION in kinds)
            if len(self._summaries) > _SUMMARY_CACHE:
                self._summaries.clear()
            self._summaries[candidates] = found
        return found

    def _sounds_like(self, text: str, matches: list[NameMatch]) -> list[NameMatch]:
        """Capitalised names the automaton missed that match a place's spelling skeleton."""
        sounds_like = self.gazetteer.sounds_like
        if not sounds_like:
            return []
        starts = {match.start for match in matches}
        found: list[NameMatch] = []
        runs = self._runs
        for sequence in _CAPITALISED_RUN.finditer(text):
            start = sequence.start()
            if start in starts:
                continue
            run = sequence.group()
            if run not in runs:
                if len(runs) >= _RUN_CACHE:
                    runs.clear()
                runs[run] = self._sounds_like_run(run, sounds_like)
            hit = runs[run]
            if hit is not None and not _starts_sentence(text, start):
                found.append(NameMatch(start, start + hit[0], hit[1], fuzzy=True))
        return found

    def _sounds_like_run(
        self, run: str, sounds_like: dict[str, tuple[int, ...]]
    ) -> tuple[int, tuple[int, ...]] | None:
        """Length and candidates of the whole run or its first word when its skeleton names
        places and it is not an ordinary word, a non-place or a nationality."""
        lengths = [len(run)]
        first = _FIRST_WORD.match(run)
        if first and first.end() < len(run):
            lengths.append(first.end())
        for length in lengths:
            words = run[:length].lower()
            if words in self.english_words or words in _NOT_PLACES or words in self.demonyms:
                continue
            candidates = sounds_like.get(skeleton(run[:length]))
            if candidates:
                return length, candidates
        return None

    def _main_name(self, surface: str, match: NameMatch) -> bool:
        """True when some candidate's main name (not an alternate) is what the text says."""
        key = fold_key(surface)
        names = self.gazetteer.table.names
        return any(fold_key(names[i]) == key for i in match.candidates)

    def _before_surname(self, following: str, match: NameMatch) -> bool:
        """True when a small place's name is followed by a capitalised non-place word
        ('Margaret Hassan'), which reads as a person's name."""
        if not following or not _is_name_word(following) or following.lower() in _NAME_ENDS:
            return False
        table = self.gazetteer.table
        return max(table.population[i] for i in match.candidates) < 50_000

    def _inside_name(self, text: str, start: int) -> bool:
        """True when a capitalised non-place word precedes the match ('Michael Jordan')."""
        prev_start, prev = _raw_word_before(text, start)
        if not prev or not _is_name_word(prev) or prev.endswith(("'s", "’s")):
            return False
        lowered = prev.lower()
        if lowered in _MODIFIERS or lowered in self.demonyms:
            return False
        return not _starts_sentence(text, prev_start)


def _interjection(text: str, start: int, end: int) -> bool:
    """True for a word opening a quotation and followed by ',' or '!' ('"Salam," he said')."""
    return text[start - 1 : start] in ('"', "“", "'", "‘") and text[end : end + 1] in (",", "!")


def _article_start(text: str, start: int) -> int:
    """Where a name starting at `start` really begins: before an Arabic article written
    apart from it ('al-Muthanna', 'Ar Rutba'), else `start` itself."""
    if text[start - 3 : start - 1].lower() not in _ARTICLE_ENDS:
        return start
    found = _ARTICLE_BEFORE.search(text, max(0, start - 5), start)
    return found.start(1) if found else start


def _title_case(text: str, line: int) -> bool:
    """True when most longer words of the line starting at `line` are capitalised (a headline)."""
    end = text.find("\n", line)
    end = end if end >= 0 else len(text)
    if end - line > _HEADLINE_CHARS:
        return False
    words = [w for w in text[line:end].split() if len(w) > 3]
    if len(words) < 3:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.7 * len(words)


def _longest(matches: list[NameMatch]) -> list[NameMatch]:
    """Greedy longest-first selection of non-overlapping matches, in text order."""
    if not matches:
        return []
    used = bytearray(max(m.end for m in matches) + 1)
    taken: list[NameMatch] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if used.find(1, match.start, match.end) < 0:
            used[match.start : match.end] = b"\x01" * (match.end - match.start)
            taken.append(match)
    return sorted(taken, key=lambda m: m.start)


def _cased_like_name(surface: str) -> bool:
    """True when a Latin name starts with a capital (after an 'al-'-style article) or is Arabic."""
    first = surface[0]
    if not first.isalpha() or (not first.islower() and not first.isupper()):
        return True
    if first.isupper():
        return True
    head, _, rest = surface.replace(" ", "-", 1).partition("-")
    return bool(rest) and len(head) <= 3 and rest[:1].isupper()


def _word_before(folded: str, start: int) -> str:
    """The folded word just before `start` (within 40 characters), or ''."""
    window = folded[max(0, start - 40) : start].rsplit(maxsplit=1)
    return window[-1] if window else ""


def _raw_word_before(text: str, start: int) -> tuple[int, str]:
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


def _bare_word(word: str) -> str:
    """A word without a possessive ending ('city's' -> 'city')."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _is_name_word(word: str) -> bool:
    """A capitalised word that is not all capitals (part of a proper name)."""
    return word[:1].isupper() and not word.isupper()


def _starts_sentence(text: str, start: int) -> bool:
    """True when only spaces and quotes separate `start` from a sentence end or line start."""
    index = start - 1
    while index >= 0 and text[index] in " \t\"'“‘(":
        index -= 1
    return index < 0 or text[index] in ".!?\n:;"
