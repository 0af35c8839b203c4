"""Choose each mention's place from its candidates with the document's context."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from schemas import PlaceKind
from stream.core.gazetteer import COUNTRY, REGION, TOWN, WIDE_KINDS, Gazetteer
from stream.core.places_chains import partner
from stream.core.places_mentions import Mention
from stream.core.places_support import Nearness, chain_bonuses, contains_child
from stream.core.places_text import fold_key, skeleton, word_set

__all__ = ["DEMONYM_WEIGHT", "STRONG_CONTEXT", "Resolution", "Resolver"]

_REGION_WORDS: Final = word_set(
    "province governorate region state oblast county department prefecture division "
    "wilayah wilaya muhafazah"
)
_DISTRICT_WORDS: Final = word_set("district sub-district subdistrict municipality lga")
_ADMIN_WORDS: Final = _REGION_WORDS | _DISTRICT_WORDS
# Words after a name that say it is a settlement or part of one, so never a province.
_NOT_PROVINCE_WORDS: Final = word_set("city town village neighbourhood neighborhood quarter")
_UNKNOWN_POPULATION: Final = 1000
_MIN_SCORE: Final = 1.0
_PLACED_SLACK: Final = 1.0
_CONTEXT_SCORE: Final = 2.0
_CLEAR_SCORE: Final = 3.5
# The context weight of a nationality word ('Turkish warplanes'): weak alone.
DEMONYM_WEIGHT: Final = 0.3
# The most entries each of the resolver's caches (summaries, candidate facts) keeps.
_CACHE_ENTRIES: Final = 20_000
_DOMINANT_SIZE: Final = 100_000
_IN_REGION: Final = 1.5
# Countries whose place names take the Arabic article ('al-Zaidan', 'Ar Rutba').
_ARTICLE_COUNTRIES: Final = word_set(
    "IQ SY YE SA JO LB PS IL EG LY TN DZ MA SD SO MR OM AE KW QA BH EH DJ TD KM"
)
_DOMINANT_RATIO: Final = 20
_BIG_TOWN: Final = 100_000
# A town of a province's main name this small does not make the name a town's.
_NAMESAKE_TOWN: Final = 10_000
_CUSTOM: Final = "custom:"
# A respelled name resolved farther than this from every exactly named place is dropped.
_STRAY_KM: Final = 150.0
# Unless it is a city this big: big cities are respelled often ("Nassriya").
_RESPELLED_CITY: Final = 250_000
# A thousandfold confidence this near halfway between two integers is rounded as text (its
# product with 1000 is off by far less, for confidences up to 1).
_NEAR_HALF: Final = 1e-9


# init=False with an __init__ of its own, as for Mention: mypyc compiles that one.
@dataclass(slots=True, init=False)
class Resolution:
    """The place chosen for a mention, its score, a confidence in 0-1, whether no rival was
    left, and whether it lies abroad of a strong context that it paid its abroad cost for."""

    mention: Mention
    place: int
    score: float
    confidence: float
    clear_cut: bool
    against_context: bool

    def __init__(
        self,
        mention: Mention,
        place: int,
        score: float,
        confidence: float,
        clear_cut: bool = False,
        against_context: bool = False,
    ) -> None:
        """The resolution of `mention` to `place` with its score and confidence."""
        self.mention = mention
        self.place = place
        self.score = score
        self.confidence = confidence
        self.clear_cut = clear_cut
        self.against_context = against_context

    def about(self, mention: Mention) -> Resolution:
        """The same resolution for another mention of the same name."""
        return Resolution(
            mention, self.place, self.score, self.confidence, self.clear_cut, self.against_context
        )


_Contribution = tuple[str, float] | None
_Static = tuple[PlaceKind, str | None, str | None, int, float, str]
_DISTRICT: Final = PlaceKind.DISTRICT
_NEIGHBOURHOOD: Final = PlaceKind.NEIGHBOURHOOD
_ONLY_COUNTRY: Final = frozenset({COUNTRY})
_KIND_PRIOR: Final = {COUNTRY: 6.0, REGION: 2.0, _DISTRICT: 1.5}
# A country weight from which the context is strong (places elsewhere pay their abroad cost).
STRONG_CONTEXT: Final = 0.5
_FIRM_WEIGHT: Final = 0.5


# A candidate as scoring sees it: place index, kind, country, population, its prior plus the
# score terms that depend neither on the countries in context nor on nearness, and the cost
# of lying in a country the text does not name while it clearly names another.
_Candidate = tuple[int, PlaceKind, str | None, int, float, float]


_Region = tuple[str | None, str | None]
# A mention's candidate rows without the named-region bonus, where that bonus may apply,
# and whether the rows may be kept for other texts.
_Facts = tuple[list[_Candidate], list[_Region | None], frozenset[_Region], bool]
# What the score terms of a mention depend on besides the regions named: its candidates and
# text, the words and marks around it, and the candidates of the chain it stands in.
_PlainKey = tuple[
    tuple[int, ...],
    str,
    tuple[bool, bool, bool, bool, bool, bool],
    tuple[tuple[tuple[int, ...], bool], ...],
    tuple[tuple[int, ...], ...],
]


@dataclass(frozen=True, slots=True)
class _Summary:
    """What context and scoring need about a tuple of candidates, cached per tuple."""

    kinds: frozenset[PlaceKind]
    codes: frozenset[str | None]
    town_codes: frozenset[str | None]
    country_codes: tuple[str, ...]
    biggest: int
    regions: tuple[tuple[str | None, str | None], ...]
    dominant: str | None


@dataclass(slots=True)
class _Document:
    """One text being resolved: its mentions, the regions and places it names, and each
    mention's candidates with their score terms once computed."""

    folded: str
    mentions: list[Mention]
    regions: set[tuple[str | None, str | None]]
    named: frozenset[int]
    by_id: dict[str, int]
    facts: list[list[_Candidate] | None]


def _without(countries: dict[str, float], contribution: _Contribution) -> dict[str, float]:
    """Country weights less one mention's own contribution (a place cannot vouch for itself)."""
    if contribution is None:
        return countries
    reduced = dict(countries)
    reduced[contribution[0]] -= contribution[1]
    return reduced


# Country weights for one mention, their total (at least 1) and whether one is strong.
_Countries = tuple[dict[str, float], float, bool]


def _weighed(countries: dict[str, float]) -> _Countries:
    """Country weights with the total and strength that scoring divides and tests by."""
    total = max(sum(countries.values()), 1.0)
    return countries, total, any(weight >= STRONG_CONTEXT for weight in countries.values())


def _region_term(region_word: bool, settlement_word: bool, towns_there: bool) -> float:
    """The score term of a province for its name: up after 'province', down after 'city' or
    'neighbourhood' (as much), a little down when the name is also a town of that country."""
    if region_word:
        return 2.5
    if settlement_word:
        return -2.5
    return -1.5 if towns_there else 0.0


class Resolver:
    """Scores candidates by population, kind, countries and regions named, and nearness."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        """Resolve against `gazetteer`."""
        self.gazetteer = gazetteer
        self.table = gazetteer.table
        self._statics: dict[int, _Static] = {}
        self._summaries: dict[tuple[int, ...], _Summary] = {}
        self._plain: dict[_PlainKey, _Facts] = {}

    def resolve(
        self,
        folded: str,
        mentions: list[Mention],
        demonyms: dict[str, float],
        cued: Sequence[tuple[str, str]] = (),
    ) -> list[Resolution]:
        """One Resolution per mention that keeps a plausible place, given the context weights
        of the countries that nationality words suggest (`demonyms`) and the regions that
        area cues point to (`cued`, counted as named); a mention the first pass drops no
        longer lends its country weight to the others."""
        countries, regions, own = self._context(folded, mentions, demonyms)
        regions.update(cued)
        doc = _Document(
            folded=folded,
            mentions=mentions,
            regions=regions,
            named=frozenset(i for mention in mentions for i in mention.candidates),
            by_id=self.gazetteer.by_id,
            facts=[None] * len(mentions),
        )
        first = self._pass(doc, countries, own, None)
        anchors = list(
            dict.fromkeys(r.place for r in first if r is not None and self._is_local(r.place))
        )
        table = self.table
        for position, resolution in enumerate(first):
            previous = own[position]
            if resolution is None and previous is not None:
                countries[previous[0]] -= previous[1]
                own[position] = None
            code = table.country_of(resolution.place) if resolution else None
            if (
                resolution is None
                or resolution.score < _CONTEXT_SCORE
                or not code
                or table.kind_of(resolution.place) == COUNTRY
            ):
                continue
            weight = 0.5 * resolution.confidence
            countries[code] = countries.get(code, 0.0) + weight
            previous = own[position]
            own[position] = (
                code,
                weight + (previous[1] if previous and previous[0] == code else 0),
            )
        near = Nearness(table, anchors) if anchors else None
        second = self._pass(doc, countries, own, near, first)
        return self._without_stray_respellings(
            [resolution for resolution in second if resolution is not None]
        )

    def _without_stray_respellings(self, resolutions: list[Resolution]) -> list[Resolution]:
        """`resolutions` without respelled names of smaller places resolved far from every place
        the text names exactly and outside their provinces ('Karadah ... central Baghdad' is not
        a town in Dhi Qar; a city as big as 'Nassriya' is respelled often)."""
        table = self.table
        exact = [
            r.place
            for r in resolutions
            if not r.mention.fuzzy and table.kind_of(r.place) != COUNTRY
        ]
        if not exact:
            return resolutions
        provinces = {(table.country_of(i), table.admin1_of(i)) for i in exact}
        return [
            r
            for r in resolutions
            if not r.mention.fuzzy
            or (table.kind_of(r.place) == TOWN and table.population[r.place] >= _RESPELLED_CITY)
            or (table.country_of(r.place), table.admin1_of(r.place)) in provinces
            or any(table.distance_km(r.place, i) <= _STRAY_KM for i in exact)
        ]

    def _pass(
        self,
        doc: _Document,
        countries: dict[str, float],
        own: list[_Contribution],
        near: Nearness | None,
        settled: list[Resolution | None] | None = None,
    ) -> list[Resolution | None]:
        """Resolve every mention once; repeated names outside chains are scored once per way
        of being written ('Makhmur camp' and 'in Makhmur city' are two), and clear-cut
        results of an earlier pass (`settled`) are kept."""
        done: dict[tuple[str, _Contribution, bool, bool, bool], Resolution | None] = {}
        contexts: dict[_Contribution, _Countries] = {}
        results: list[Resolution | None] = []
        folded = doc.folded
        for position, mention in enumerate(doc.mentions):
            contribution = own[position]
            earlier = settled[position] if settled else None
            if earlier is not None and earlier.clear_cut:
                results.append(earlier)
                continue
            alone = not (mention.parents or mention.children or mention.dateline)
            memo = (
                folded[mention.start : mention.end],
                contribution,
                mention.seat,
                mention.strong_locative or mention.designated,
                mention.common,
            )
            if alone and memo in done:
                found = done[memo]
                results.append(found and found.about(mention))
                continue
            candidates = doc.facts[position]
            if candidates is None:
                candidates = doc.facts[position] = self._facts(mention, doc)
            context = contexts.get(contribution)
            if context is None:
                context = contexts[contribution] = _weighed(_without(countries, contribution))
            found = self._best(mention, context, near, candidates)
            if alone:
                done[memo] = found
            results.append(found)
        return results

    def _is_local(self, index: int) -> bool:
        """True for towns, districts and neighbourhoods (places that anchor nearness)."""
        return self.table.kind_of(index) not in WIDE_KINDS

    def _context(
        self, folded: str, mentions: list[Mention], demonyms: dict[str, float]
    ) -> tuple[dict[str, float], set[tuple[str | None, str | None]], list[_Contribution]]:
        """Countries (with weights) and regions that the document names unambiguously, and
        each mention's own share of the country weights; a partner country ('the border
        with Iran') weighs nothing."""
        own: list[_Contribution] = []
        countries = dict(demonyms)
        regions: set[tuple[str | None, str | None]] = set()
        for mention in mentions:
            summary = self._summary(mention.candidates)
            kinds = summary.kinds
            codes = summary.codes
            own.append(None)
            if kinds == _ONLY_COUNTRY or (COUNTRY in kinds and not mention.common):
                if partner(folded, mention.start):
                    continue
                for country in summary.country_codes:
                    countries[country] = countries.get(country, 0.0) + 1.0
            elif (
                summary.dominant is not None
                and COUNTRY not in kinds
                and not mention.fuzzy
                and (len(codes) == 1 or self._main_name_in(summary.dominant, mention))
            ):
                code = summary.dominant
                biggest = summary.biggest
                weight = (
                    0.5
                    if biggest >= 100_000
                    else 0.25
                    if biggest == 0 or biggest >= 10_000
                    else 0.1
                )
                if code:
                    countries[code] = countries.get(code, 0.0) + weight
                    own[-1] = (code, weight)
            if len(codes) <= 1:
                regions.update(summary.regions)
        return countries, regions, own

    def _facts(self, mention: Mention, doc: _Document) -> list[_Candidate]:
        """The candidates of a mention with their context-free score terms, computed once and
        kept across texts (all but the bonus for lying in a region that the text names)."""
        folded = doc.folded
        mentions = doc.mentions
        words = (
            folded[mention.start : mention.end].rsplit(maxsplit=1)[-1:]
            + folded[mention.end : mention.end + 20].split(maxsplit=1)[:1]
        )
        words.append(_admin_word_of(folded, mention.start))
        region_word, district_word, settlement_word = _word_marks(words)
        memo = (
            mention.candidates,
            mention.text,
            (
                region_word,
                district_word,
                settlement_word,
                mention.fuzzy,
                mention.minor,
                mention.article,
            ),
            tuple((mentions[i].candidates, mentions[i].fuzzy) for i in mention.parents)
            if mention.parents
            else (),
            tuple(mentions[i].candidates for i in mention.children) if mention.children else (),
        )
        known = self._plain.get(memo)
        if known is None:
            known = self._base_facts(mention, doc, (region_word, district_word, settlement_word))
            if known[3]:
                if len(self._plain) >= _CACHE_ENTRIES:
                    self._plain.clear()
                self._plain[memo] = known
        rows, places_pairs, pairs, _ = known
        if doc.regions.isdisjoint(pairs):
            return rows
        regions = doc.regions
        marked = list(rows)
        for position, pair in enumerate(places_pairs):
            if pair in regions:
                index, kind, code, population, base, abroad = rows[position]
                marked[position] = (index, kind, code, population, base + _IN_REGION, abroad)
        return marked

    def _base_facts(
        self, mention: Mention, doc: _Document, words: tuple[bool, bool, bool]
    ) -> _Facts:
        """Candidate rows without the named-region bonus, each row's (country, region) where
        that bonus may apply, their set, and whether the rows may be kept for other texts;
        `words` says whether a province, a district or a settlement word ends the name."""
        region_word, district_word, settlement_word = words
        mentions = doc.mentions
        town_codes = self._summary(mention.candidates).town_codes
        parent_codes: set[str | None] = set()
        for parent in mention.parents:
            dominant = self._summary(mentions[parent].candidates).dominant
            if dominant is not None and not mentions[parent].fuzzy:
                parent_codes.add(dominant)
        chain = None
        if mention.parents:
            chain = chain_bonuses(self.table, mention, mentions)
            if not any(chain.values()) and not parent_codes & town_codes:
                chain = None
        key = fold_key(mention.text)
        # Countries with a town of 10,000 people of this main name or a big town of it (a small
        # town's alternate name, or a village's, does not make a province's own name a town's:
        # 'Al Jawf', 'Michoacan').
        named_towns: set[str | None] = set()
        for index in mention.candidates:
            kind, code, _, population, _, main_key = self._static(index)
            if kind == TOWN and (
                (main_key == key and population >= _NAMESAKE_TOWN) or population >= _BIG_TOWN
            ):
                named_towns.add(code)
        extras = self.table.extras
        rows: list[_Candidate] = []
        places_pairs: list[_Region | None] = []
        neighbourhood = False
        for index in mention.candidates:
            kind, code, admin1, population, prior, main_key = self._static(index)
            terms: list[float] = []
            if kind == REGION:
                terms.append(_region_term(region_word, settlement_word, code in named_towns))
            elif kind == _DISTRICT:
                terms.append(2.0 if district_word else -2.0 if code in town_codes else 0.0)
            elif kind == _NEIGHBOURHOOD:
                parent_id = extras.get(index, (None, None))[1]
                parent = doc.by_id.get(parent_id, -1) if parent_id is not None else -1
                named = parent >= 0 and (
                    parent in doc.named or fold_key(self.table.names[parent]) in key
                )
                terms.append(1.0 if named else -1.0)
                neighbourhood = True
            elif (
                kind == TOWN
                and not mention.fuzzy
                and main_key != key
                and self._lesser_name(index, main_key, key)
            ):
                terms.append(-1.0 if population < 20_000 else -0.8)
            if chain is not None:
                terms.append(chain[index] or -3.0)
            if parent_codes and (len(parent_codes) > 1 or code not in parent_codes):
                terms.append(-4.0)
            if mention.children and kind in WIDE_KINDS:
                terms.append(contains_child(self.table, index, kind, mention, mentions))
            if mention.article and code not in _ARTICLE_COUNTRIES:
                terms.append(-2.5)
            abroad = (
                0.0
                if kind == COUNTRY
                else 3.0
                if population < 100_000 or mention.fuzzy or (mention.minor and kind == TOWN)
                else 1.0
                if population < 500_000
                else 0.0
            )
            rows.append((index, kind, code, population, prior + sum(terms), abroad))
            places_pairs.append((code, admin1) if kind != REGION else None)
        pairs = frozenset(pair for pair in places_pairs if pair is not None)
        return rows, places_pairs, pairs, not neighbourhood

    def _best(
        self,
        mention: Mention,
        context: _Countries,
        near: Nearness | None,
        candidates: list[_Candidate],
    ) -> Resolution | None:
        """The best-scoring candidate of `mention`, or None when none is plausible."""
        if not candidates:
            return None
        countries, total, strong = context
        bonuses: dict[int, float] = near.cache if near is not None else {}
        # The best (score, place) and the next score, as a descending sort would rank them.
        best = runner_up = -math.inf
        place = -1
        best_weight = 0.0
        best_against = False
        dateline = mention.dateline
        fuzzy = mention.fuzzy
        empty = not countries
        # 'Haweeja district', 'Shirqat city': in a text naming no country, the word after a
        # respelled name says it is a town.
        fuzzy_cost = 0.5 if mention.seat and empty else 1.5
        for index, kind, code, population, base, abroad in candidates:
            weight = countries.get(code, 0.0) if code else 0.0
            score = base + 3.0 * weight / total + (1.0 if weight >= _FIRM_WEIGHT else 0.0)
            if near is not None:
                bonus = bonuses.get(index)
                score += near.bonus(index) if bonus is None else bonus
            against = not weight and strong and abroad > 0
            if against:
                score -= abroad
            if dateline:
                score += 1.5
            if fuzzy:
                score -= 0.5 if weight else fuzzy_cost
            if empty and population < 1000 and kind is TOWN:
                score -= 1.0
            if score > best or (score == best and index > place):
                runner_up = best
                best, place, best_weight, best_against = score, index, weight, against
            elif score > runner_up:
                runner_up = score
        placed = (
            mention.seat and (best_weight > 0 or empty)
            if fuzzy
            else (mention.strong_locative or mention.designated) and (best_weight > 0 or not strong)
        )
        if best < _MIN_SCORE - (_PLACED_SLACK if placed else 0.0):
            return None
        margin = best - runner_up if len(candidates) > 1 else 4.0
        confidence = 1.0 / (1.0 + math.exp(-(margin + best - 3.0) / 2.0))
        if mention.common:
            confidence *= 0.8
        clear_cut = len(candidates) == 1 and best >= _CLEAR_SCORE
        confidence = _thousandths(min(0.99, confidence))
        return Resolution(mention, place, best, confidence, clear_cut, best_against)

    def _lesser_name(self, index: int, main_key: str, key: str) -> bool:
        """True when `key`, not the place's main name, is one of its GeoNames alternate names:
        not another spelling of the main name ('Suwayrah' for As Suwayrah) and not an alias a
        user gave a place of their own."""
        if self.table.ids[index].startswith(_CUSTOM):
            return False
        shape = skeleton(key)
        return not shape or skeleton(main_key) != shape

    def _static(self, index: int) -> _Static:
        """What scoring needs about a place that never changes, cached per place."""
        found = self._statics.get(index)
        if found is None:
            table = self.table
            kind = table.kind_of(index)
            population = table.population[index] or _UNKNOWN_POPULATION
            prior = _KIND_PRIOR.get(kind, 0.0)
            if kind == COUNTRY:
                prior += 0.4 * math.log10(population + 10)
            elif kind == REGION:
                prior += 0.3 * (math.log10(population + 10) - 5.0)
            elif kind == TOWN:
                prior += 0.55 * math.log10(population + 10) - 0.5
                prior += 1.0 if table.extras.get(index, (None, None))[0] == "PPLC" else 0.0
            found = (
                kind,
                table.country_of(index),
                table.admin1_of(index),
                population,
                prior,
                fold_key(table.names[index]),
            )
            self._statics[index] = found
        return found

    def _summary(self, candidates: tuple[int, ...]) -> _Summary:
        """Kinds, countries, largest population and regions of a candidate tuple, cached."""
        found = self._summaries.get(candidates)
        if found is None:
            table = self.table
            kinds = [table.kind_of(i) for i in candidates]
            codes = [table.country_of(i) for i in candidates]
            pairs = list(zip(kinds, codes, strict=True))
            found = _Summary(
                kinds=frozenset(kinds),
                codes=frozenset(codes),
                town_codes=frozenset(c for k, c in pairs if k == TOWN),
                country_codes=tuple(c for k, c in pairs if k == COUNTRY and c),
                biggest=max(table.population[i] for i in candidates),
                regions=tuple(
                    (code, table.admin1_of(i))
                    for i, (kind, code) in zip(candidates, pairs, strict=True)
                    if kind == REGION
                ),
                dominant=self._dominant(candidates, codes),
            )
            if len(self._summaries) >= _CACHE_ENTRIES:
                self._summaries.clear()
            self._summaries[candidates] = found
        return found

    def _main_name_in(self, code: str, mention: Mention) -> bool:
        """True when a candidate in country `code` has the mention's text as its main name."""
        key = fold_key(mention.text)
        table = self.table
        return any(
            table.country_of(index) == code and self._static(index)[5] == key
            for index in mention.candidates
        )

    def _dominant(self, candidates: tuple[int, ...], codes: list[str | None]) -> str | None:
        """The country of the candidates, or of the one that dwarfs the others ('Baghdad'
        beside a hamlet of Iran): a 100,000+ place a hundred times larger than any abroad."""
        if len(set(codes)) == 1:
            return codes[0]
        population = self.table.population
        best: dict[str | None, int] = {}
        for index, code in zip(candidates, codes, strict=True):
            best[code] = max(best.get(code, 0), population[index])
        ranked = sorted(best.items(), key=lambda item: -item[1])
        top, size = ranked[0]
        if size >= _DOMINANT_SIZE and ranked[1][1] * _DOMINANT_RATIO <= size:
            return top
        return None


def _thousandths(value: float) -> float:
    """`round(value, 3)` without writing the value out as decimal text: the nearest multiple
    of 0.001, read off `value` times 1000 unless that lies too near halfway between two."""
    scaled = value * 1000.0
    whole = math.floor(scaled)
    rest = scaled - whole
    if abs(rest - 0.5) < _NEAR_HALF:
        return round(value, 3)
    return (whole + 1 if rest > 0.5 else whole) / 1000.0


def _word_marks(words: list[str]) -> tuple[bool, bool, bool]:
    """Whether `words` hold a province word, a district word, and (with no province word)
    a word that makes a name a settlement's."""
    region_word = district_word = settlement_word = False
    for word in words:
        if word in _REGION_WORDS:
            region_word = True
        elif word in _DISTRICT_WORDS:
            district_word = True
        elif word in _NOT_PROVINCE_WORDS:
            settlement_word = True
    return region_word, district_word, settlement_word and not region_word


def _admin_word_of(folded: str, start: int) -> str:
    """The administrative word of 'the state of X' or 'the province of X' before a name at
    `start` (as a word after it, 'X state', counts), or ''."""
    low = max(0, start - 24)
    if folded.find("of", low, start) < 0:
        return ""
    before = folded[low:start].split()[-2:]
    if len(before) == 2 and before[1] == "of" and before[0] in _ADMIN_WORDS:
        return before[0]
    return ""
