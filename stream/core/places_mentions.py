"""Find place mentions: gazetteer matches that read as place names in their context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from schemas import PlaceKind
from stream.core.gazetteer import COUNTRY, TOWN, WIDE_KINDS, Gazetteer, NameMatch
from stream.core.places_text import fold_key, skeleton
from stream.core.places_words import (
    GIVEN_NAMES,
    LANDMARK_WORDS,
    LOCATIVE,
    MINOR_WORDS,
    MODIFIERS,
    NAME_ENDS,
    NOT_PLACES,
    NUMBERS,
    ORGANISATION_NOUNS,
    ORGANISATION_WORDS,
    QUARTER_WORDS,
    SEAT_WORDS,
    SETTLEMENT_DESIGNATORS,
    STRONG_LOCATIVE,
    TITLES,
    article_start,
    bare_word,
    cased_like_name,
    interjection,
    is_name_word,
    named_by_of,
    raw_word_before,
    starts_sentence,
    title_case,
    word_before,
)

__all__ = ["COMMON_WORDS_FILE", "ENGLISH_WORDS_FILE", "Mention", "MentionFinder"]

_DATA: Final = Path(__file__).resolve().parent.parent / "data" / "places"
COMMON_WORDS_FILE: Final = _DATA / "common-words.txt"
ENGLISH_WORDS_FILE: Final = _DATA / "english-words.txt"

_SUMMARY_CACHE: Final = 100_000
_RUN_CACHE: Final = 100_000
_FIRST_WORD: Final = re.compile(r"(?:(?:[Aa][lnrsdtz]|[Ee]l|[Aa]sh)[- ])?[A-Z][a-z'’]+")
_REGION_AFTER: Final = re.compile(r" (?:[Rr]egion|[Ss]tate|[Pp]rovince)\b")
_DATELINE_LEAD: Final = re.compile(r"[A-Z][A-Z .'-]*/")
_DATELINE_TAIL: Final = re.compile(r" ?(?:[:(,/—–-]|\n|$)")
# Leading with the capital (the word boundary checked just after) lets the engine skip ahead.
# Group 'article': the article that joins the run's two words ('Suq al-Shoyokh'), if any.
_CAPITALISED_RUN: Final = re.compile(
    r"[A-Z](?<!\w[A-Z])[a-z'’]{2,}"
    r"(?:[- ](?P<article>(?:al|el|ad|an|ar|as|ash|at|az)[- ])?[A-Z][a-z'’]{2,})?\b"
)
_ARTICLE_LEAD: Final = re.compile(r"(?:[Aa]l|el|[Aa]sh|a[nrsdtz])[- ]")
# After a name: a longer name ('Ras al Ain'; the English words 'as' and 'an' only when
# hyphenated: 'in Hama as Russian drones' is Hama) or a compound ('Iraq-based'), both
# rejecting it, else the word after a single space (group 1).
_AFTER: Final = re.compile(
    r"[ \-‑](?:al|el|Al|El|ad|Ad|As|ar|Ar|An|ash|Ash|ul|Ul)[ \-‑][A-Z]"
    r"|[ \-‑](?:as|an)[\-‑][A-Z]|[-‑][a-z]| ([^\W\d_]+(?:['’][^\W\d_]+)?)"
)
_SMALLEST_COMMON: Final = 1000
# A locative word, then a capitalised name of one to four words and a comma, just before a name.
_LOCATIVE_BEFORE_NAME: Final = re.compile(
    r"\b(in|In|at|At|near|Near)\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s+){0,3}[A-Z][\w'’\-]*,\s$"
)
_NEVER_COMMON: Final = 5000
# Capitals this short inside a line are acronyms ('AU', 'OLA'), unless they name a country.
_ACRONYM_LENGTH: Final = 4
_NAME, _NEVER, _DEMONYM, _COMMON = range(4)


# init=False with an __init__ of its own: mypyc compiles that one, while the one dataclass
# writes runs as interpreted Python (about fifteen times slower, once per mention).
@dataclass(slots=True, init=False)
class Mention:
    """A place name in the text: span, candidate places and how strongly it reads as a place."""

    start: int
    end: int
    text: str
    candidates: tuple[int, ...]
    locative: bool
    strong_locative: bool
    common: bool
    sentence_start: bool
    dateline: bool
    fuzzy: bool
    article: bool
    minor: bool
    landmark: bool
    designated: bool
    seat: bool
    continued: bool
    joined: bool
    parents: tuple[int, ...]
    children: tuple[int, ...]

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        candidates: tuple[int, ...],
        locative: bool = False,
        strong_locative: bool = False,
        common: bool = False,
        sentence_start: bool = False,
        dateline: bool = False,
        fuzzy: bool = False,
        article: bool = False,
        minor: bool = False,
        landmark: bool = False,
        designated: bool = False,
        seat: bool = False,
        continued: bool = False,
        joined: bool = False,
        parents: tuple[int, ...] = (),
        children: tuple[int, ...] = (),
    ) -> None:
        """A mention of `text` at [start, end) with its candidate places and reading marks."""
        self.start = start
        self.end = end
        self.text = text
        self.candidates = candidates
        self.locative = locative
        self.strong_locative = strong_locative
        self.common = common
        self.sentence_start = sentence_start
        self.dateline = dateline
        self.fuzzy = fuzzy
        self.article = article
        self.minor = minor
        self.landmark = landmark
        self.designated = designated
        self.seat = seat
        self.continued = continued
        self.joined = joined
        self.parents = parents
        self.children = children


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
        matches = self.gazetteer.find(text, capitalised_only=True, skip=self._never, folded=folded)
        chosen = _longest(matches + self._sounds_like(text, matches))
        chosen = self._with_bare_names(text, chosen, matches)
        mentions: list[Mention] = []
        titled: dict[int, bool] = {}
        match_before = -1
        for match in chosen:
            line = text.rfind("\n", 0, match.start) + 1
            if line not in titled:
                titled[line] = title_case(text, line)
            mention_before = mentions[-1].end if mentions else -1
            mention = self._mention(
                text, folded, match, line, titled[line], match_before, mention_before
            )
            match_before = match.end
            if mention is not None:
                mention.fuzzy = match.fuzzy
                mention.dateline = mention.text.isupper() and _dateline(text, line, match)
                mentions.append(mention)
        return mentions

    def _with_bare_names(
        self, text: str, chosen: list[NameMatch], matches: list[NameMatch]
    ) -> list[NameMatch]:
        """Matches that end in 'city', 'town' or 'district' ('X city') with the towns of the bare
        name 'X' added: a gazetteer may know the longer name as one namesake's alias only; so
        with 'region' ('the Beni region' of Congo, where only Bolivia has a Beni province)."""
        for position, match in enumerate(chosen):
            cut = text.rfind(" ", match.start, match.end)
            if cut <= match.start:
                continue
            word = text[cut + 1 : match.end].lower()
            if word in SEAT_WORDS:
                chosen[position] = self._plus_bare_towns(match, cut, matches)
            elif word == "region":
                chosen[position] = self._plus_towns(
                    match, self.gazetteer.lookup(text[match.start : cut])
                )
        return chosen

    def _plus_bare_towns(self, match: NameMatch, cut: int, matches: list[NameMatch]) -> NameMatch:
        """`match` with the towns of the exact match that ends at `cut` added."""
        for bare in matches:
            if bare.start == match.start and bare.end == cut and not bare.fuzzy:
                return self._plus_towns(match, bare.candidates)
        return match

    def _plus_towns(self, match: NameMatch, candidates: tuple[int, ...]) -> NameMatch:
        """`match` with the towns among `candidates` added."""
        table = self.gazetteer.table
        extra = tuple(
            i for i in candidates if table.kind_of(i) == TOWN and i not in match.candidates
        )
        if not extra:
            return match
        return NameMatch(match.start, match.end, match.candidates + extra, match.fuzzy)

    def _mention(
        self,
        text: str,
        folded: str,
        match: NameMatch,
        line: int,
        titled: bool,
        match_before: int,
        mention_before: int,
    ) -> Mention | None:
        """A Mention for `match` (on the line starting at `line`), or None when it does not
        read as a place here; after a hyphen, only when the gazetteer match before ends at it
        ('the Tripoli-Beirut highway', 'the Hit-Kubaysah road'). `match_before` and
        `mention_before` are where the match and the mention before this one end."""
        surface = text[match.start : match.end]
        key = folded[match.start : match.end]
        kind = self._keys.get(key)
        if kind is None:
            kind = self._key_kind(key)
        if kind == _NEVER or not (surface[0].isupper() or cased_like_name(surface)):
            return None
        if kind == _DEMONYM and not _REGION_AFTER.match(text, match.end):
            return None
        lead = article_start(text, match.start)
        hyphenated = text[lead - 1 : lead] in ("-", "‑") and text[lead - 2 : lead - 1].isalpha()
        if hyphenated and match_before != lead - 1:
            return None
        has_country, biggest, has_region = self._summary(match.candidates)
        if has_country and not surface.isupper() and key in self.english_words:
            match = self._without_acronym_countries(surface, match)
            if not match.candidates:
                return None
            has_country, biggest, has_region = self._summary(match.candidates)
        if (
            not (has_country or has_region)
            and len(surface) <= _ACRONYM_LENGTH
            and surface.isupper()
            and text[line : match.start].strip()
        ):
            return None
        last = word_before(folded, lead)
        if last not in LOCATIVE and mention_before != lead - 2:
            last = _locative_before_name(text, lead) or last
        common = kind == _COMMON
        if common and not has_country:
            dateline = (
                surface.isupper() and len(surface) > 3 and not text[line : match.start].strip()
            )
            placed = last in STRONG_LOCATIVE or named_by_of(folded, lead)
            strong = (placed and biggest >= _SMALLEST_COMMON) or (biggest >= 1_000_000)
            if not (strong or (dateline and biggest >= 100_000)):
                return None
        sentence_start = starts_sentence(text, lead)
        locative = last in LOCATIVE
        if last in TITLES and not locative:
            return None
        if match.fuzzy and (sentence_start or titled) and not locative:
            return None
        if interjection(text, match.start, match.end):
            return None
        after = _AFTER.match(text, match.end)
        following: str | None = after.group(1) if after else ""
        if following is None or following in ORGANISATION_WORDS:
            return None
        lowered = following.lower()
        if lowered in ORGANISATION_NOUNS:
            return None
        if lowered in QUARTER_WORDS:
            match = self._without_wide_places(match)
            if not match.candidates:
                return None
        if not (sentence_start or titled) and self._inside_name(text, lead):
            return None
        continued = is_name_word(following) and bare_word(lowered) not in NAME_ENDS
        if key in GIVEN_NAMES and continued:
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
            strong_locative=last in STRONG_LOCATIVE,
            common=common,
            sentence_start=sentence_start or titled,
            article=lead != match.start or _ARTICLE_LEAD.match(surface) is not None,
            landmark=lowered in LANDMARK_WORDS,
            designated=lowered in SETTLEMENT_DESIGNATORS,
            seat=lowered in SEAT_WORDS,
            minor=lowered in MINOR_WORDS or continued,
            continued=continued,
            joined=hyphenated,
        )

    def _key_kind(self, key: str) -> int:
        """What a folded name is apart from its context (never a place, a nationality, an
        ordinary word or a plain name), remembered per name."""
        if key in NOT_PLACES or all(word in NUMBERS for word in key.split()):
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
        for word in NOT_PLACES | NUMBERS | self.common_words:
            key_id = gazetteer.key_id(word)
            if key_id < 0:
                continue
            if word in self.common_words and word not in NOT_PLACES | NUMBERS:
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
        """Capitalised names the name index missed that match a place's spelling skeleton."""
        sounds_like = self.gazetteer.sounds_like
        if not sounds_like:
            return []
        # Where exact matches start, and the end of the longest one starting there.
        reach: dict[int, int] = {}
        for match in matches:
            if match.end > reach.get(match.start, -1):
                reach[match.start] = match.end
        found: list[NameMatch] = []
        runs = self._runs
        for sequence in _CAPITALISED_RUN.finditer(text):
            start = sequence.start()
            run = sequence.group()
            # Past an exact match only as a whole run joined by an article ('Suq al-Shoyokh').
            past_exact = start in reach
            if past_exact and (reach[start] >= sequence.end() or not sequence.group("article")):
                continue
            if run not in runs:
                if len(runs) >= _RUN_CACHE:
                    runs.clear()
                runs[run] = self._sounds_like_run(run, sounds_like)
            hit = runs[run]
            if hit is None or (past_exact and hit[0] < len(run)) or starts_sentence(text, start):
                continue
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
            if words in self.english_words or words in NOT_PLACES or words in self.demonyms:
                continue
            candidates = sounds_like.get(skeleton(run[:length]))
            if candidates:
                return length, candidates
        return None

    def _without_acronym_countries(self, surface: str, match: NameMatch) -> NameMatch:
        """`match` without the countries that an English word not in capitals names only as
        their acronym ('Car bomb ...' is not the Central African Republic; 'CAR' is)."""
        table = self.gazetteer.table
        key = fold_key(surface)
        kept = tuple(
            i
            for i in match.candidates
            if table.kind_of(i) != COUNTRY or fold_key(table.names[i]) == key
        )
        return NameMatch(match.start, match.end, kept, match.fuzzy)

    def _without_wide_places(self, match: NameMatch) -> NameMatch:
        """`match` without its countries and regions (a name before 'neighbourhood', which
        may still be a town's: 'the Sadr City neighbourhood')."""
        table = self.gazetteer.table
        kept = tuple(i for i in match.candidates if table.kind_of(i) not in WIDE_KINDS)
        return NameMatch(match.start, match.end, kept, match.fuzzy)

    def _main_name(self, surface: str, match: NameMatch) -> bool:
        """True when some candidate's main name (not an alternate) is what the text says."""
        key = fold_key(surface)
        names = self.gazetteer.table.names
        return any(fold_key(names[i]) == key for i in match.candidates)

    def _before_surname(self, following: str, match: NameMatch) -> bool:
        """True when a small place's name is followed by a capitalised non-place word
        ('Margaret Hassan'), which reads as a person's name."""
        if not following or not is_name_word(following) or following.lower() in NAME_ENDS:
            return False
        table = self.gazetteer.table
        return max(table.population[i] for i in match.candidates) < 50_000

    def _inside_name(self, text: str, start: int) -> bool:
        """True when a capitalised non-place word precedes the match ('Michael Jordan')."""
        prev_start, prev = raw_word_before(text, start)
        if not prev or not is_name_word(prev) or prev.endswith(("'s", "’s")):
            return False
        lowered = prev.lower()
        if lowered in MODIFIERS or lowered in self.demonyms:
            return False
        return not starts_sentence(text, prev_start)


def _locative_before_name(text: str, lead: int) -> str | None:
    """The locative word before a name the gazetteer lacks that a comma joins to the name at
    `lead` ('in Tahrir Square, Baghdad': 'in'), or None."""
    # What the pattern ends with, tested first: a comma and one space.
    if lead < 2 or text[lead - 2] != "," or not text[lead - 1].isspace():
        return None
    found = _LOCATIVE_BEFORE_NAME.search(text, max(0, lead - 60), lead)
    return found.group(1).lower() if found else None


def _dateline(text: str, line: int, match: NameMatch) -> bool:
    """True when `match` (in capitals) opens the line starting at `line`, alone or after an
    agency's name ('AFP/'), and punctuation (':', '(', ',', '/', a dash) or the line's end
    follows it."""
    lead = text[line : match.start]
    return (not lead.strip() or bool(_DATELINE_LEAD.fullmatch(lead))) and (
        _DATELINE_TAIL.match(text, match.end) is not None
    )


def _longest(matches: list[NameMatch]) -> list[NameMatch]:
    """Greedy longest-first selection of non-overlapping matches, in text order."""
    taken: list[NameMatch] = []
    for _, _, position in sorted([(m.start - m.end, m.start, i) for i, m in enumerate(matches)]):
        match = matches[position]
        if not any(match.start < other.end and other.start < match.end for other in taken):
            taken.append(match)
    # Spans that do not overlap start apart: their starts alone order them.
    taken.sort(key=_start)
    return taken


def _start(match: NameMatch) -> int:
    """Where a match starts (the order of matches in the text)."""
    return match.start
