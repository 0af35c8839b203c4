"""Tests for the gazetteer's storage, name matching and cache round trip."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from schemas import PlaceKind
from stream.core.gazetteer import Gazetteer, Place, PlaceTable
from stream.core.gazetteer_build import _local_forms, _transliterations, write_cache
from stream.core.places_text import (
    CASED_MARK,
    NAME_START,
    fold,
    fold_key,
    fold_marked,
    name_starts,
    skeleton,
    starts_with_article,
)


def _tiny() -> Gazetteer:
    table = PlaceTable()
    table.append(Place("1", "Qaryat Alpha", 33.1, 44.1, "IQ", "Anbar", PlaceKind.TOWN, 900))
    table.append(Place("2", "Ramadi", 33.4, 43.3, "IQ", "Anbar", PlaceKind.TOWN, 200_000))
    table.append(Place("3", "Iraq", 33.3, 44.4, "IQ", None, PlaceKind.COUNTRY, 40_000_000))
    names = [("Qaryat Alpha", 0), ("Al-Ramādī", 1), ("Ramadi", 1), ("العراق", 2), ("Iraq", 2)]
    return Gazetteer.build(table, names)


def test_fold_keeps_every_offset() -> None:
    text = "Al-Ramādī, İstanbul and Ḩalab"
    assert len(fold(text)) == len(text)


def test_fold_turns_letters_without_a_decomposition_into_their_base_letter() -> None:
    assert fold("Diyarbakır, Łódź") == "diyarbakir  lodz"


def test_fold_key_ignores_case_accents_and_punctuation() -> None:
    assert fold_key("Al-Ramādī") == fold_key("al ramadi") == " al ramadi "


def test_find_returns_the_span_and_candidates_of_a_name() -> None:
    gazetteer = _tiny()
    text = "Clashes near Ramadi today."
    [match] = gazetteer.find(text)
    assert text[match.start : match.end] == "Ramadi"
    assert match.candidates == (1,)


def test_find_ignores_names_inside_longer_words() -> None:
    assert _tiny().find("Iraqis and Ramadiyah residents") == []


def test_find_matches_accented_and_arabic_spellings() -> None:
    gazetteer = _tiny()
    spans = {(m.start, m.end) for m in gazetteer.find("Al-Ramādī, العراق")}
    assert (0, 9) in spans
    assert (11, 17) in spans


def test_place_rebuilds_the_stored_record() -> None:
    place = _tiny().place(1)
    assert (place.name, place.country_code, place.admin1, place.kind) == (
        "Ramadi",
        "IQ",
        "Anbar",
        PlaceKind.TOWN,
    )


def test_extend_adds_places_that_find_then_sees() -> None:
    gazetteer = _tiny()
    [index] = gazetteer.extend(
        [Place("custom:x", "Hay Test", 33.0, 44.0, "IQ", None, PlaceKind.NEIGHBOURHOOD)],
        [("Hay Test", 0), ("Ramadi", 0)],
    )
    assert gazetteer.lookup("hay test") == (index,)
    assert set(gazetteer.lookup("Ramadi")) == {1, index}


def test_save_and_load_give_back_the_same_gazetteer(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.pickle"
    _tiny().save(path)
    loaded = Gazetteer.load(path)
    assert loaded.lookup("Qaryat Alpha") == (0,)
    assert loaded.place(2).name == "Iraq"


def test_skeleton_ignores_article_doubled_letters_vowels_and_final_h() -> None:
    assert skeleton("Nassriya") == skeleton("An Nāşirīyah") == "nsry"


def test_skeleton_writes_an_inner_article_one_way() -> None:
    assert skeleton("Suq al-Shoyokh") == skeleton("Sūq ash Shuyūkh") == "sklsyk"
    assert skeleton("Thi-Qar") != skeleton("Dura al Qar")


def test_skeleton_of_a_short_name_is_empty() -> None:
    assert skeleton("Kut") == ""


def test_sounds_like_survives_save_and_load(tmp_path: Path) -> None:
    table = PlaceTable()
    table.append(Place("1", "An Nasiriyah", 31.0, 46.3, "IQ", None, PlaceKind.TOWN, 500_000))
    path = tmp_path / "gazetteer.pickle"
    Gazetteer.build(table, [("An Nasiriyah", 0)], {"nsry": (0,)}).save(path)
    assert Gazetteer.load(path).sounds_like == {"nsry": (0,)}


def test_find_can_keep_only_capitalised_names() -> None:
    gazetteer = _tiny()
    text = "ramadi and Ramadi and al-Ramadi"
    found = gazetteer.find(text, capitalised_only=True)
    assert sorted((m.start, m.end) for m in found) == [(11, 17), (22, 31), (25, 31)]


def test_fold_marked_marks_letters_and_digits_that_are_not_lower_case() -> None:
    text = "In al-Qaim, Ünye 5th العراق"
    marked = fold_marked(text)
    assert len(marked) == len(text)
    assert marked == f"{CASED_MARK}n al {CASED_MARK}aim  {CASED_MARK}nye {CASED_MARK}th " + (
        CASED_MARK * 6
    )
    assert [i for i, c in enumerate(marked) if c == " "] == [
        i for i, c in enumerate(fold(text)) if c == " "
    ]


def _nested() -> Gazetteer:
    """The tiny gazetteer's places, with names inside other names ('Alpha' in 'Qaryat Alpha
    Ramadi')."""
    table = _tiny().table
    names = [("Qaryat Alpha", 0), ("Qaryat Alpha Ramadi", 0), ("Alpha", 0), ("Ramadi", 1)]
    return Gazetteer.build(table, [*names, ("Al-Ramādī", 1), ("Iraq", 2), ("العراق", 2)])


_NESTED = _nested()
_WORDS = st.sampled_from(
    ["Ramadi", "ramadi", "RAMADI", "Al-Ramadi", "al-Ramadi", "al Ramadi", "Al-Ramādī", "Qaryat",
     "Alpha", "alpha", "Iraq", "iraq", "العراق", "at", "as", "of", "5", "Ünye", "бахмут", "_",
     "Ramadiyah", "ʼRamadi", "Ramadi's"]
)  # fmt: skip
_JOINTS = st.sampled_from([" ", "  ", ", ", "-", " (", ") ", "\n", "’", "."])


@given(st.lists(st.tuples(_WORDS, _JOINTS), max_size=12))
@example([("Qaryat", " "), ("Alpha", " "), ("Ramadi", ".")])
def test_capitalised_names_are_the_full_scan_s_names_that_start_capitalised(
    parts: list[tuple[str, str]],
) -> None:
    gazetteer = _NESTED
    text = "".join(word + joint for word, joint in parts)
    expected = [
        (m.start, m.end, m.candidates)
        for m in gazetteer.find(text)
        if not text[m.start].islower() or starts_with_article(text, m.start)
    ]
    found = [(m.start, m.end, m.candidates) for m in gazetteer.find(text, capitalised_only=True)]
    assert found == expected


# Texts whose marked form is ASCII (where name_starts finds words with str.find) and others.
_MARKABLE = st.text(alphabet=st.sampled_from("Aa lnrstzé-.5Ü’\u0627\n"), max_size=40) | st.text(
    alphabet=st.sampled_from("Aa lntz-бЖ\u4e2d\u064e"), max_size=20
)


@given(_MARKABLE)
@example("al-Qaim and el Fasher, as")
@example("Бахмут  al")
def test_name_starts_finds_where_the_name_start_pattern_matches(text: str) -> None:
    padded = " " + fold_marked(text) + " "
    expected = [match.start() for match in NAME_START.finditer(padded)]
    assert name_starts(fold_marked(text)) == expected


_NESTED_KEYS = {
    fold_key(name) for name in ("Qaryat Alpha", "Qaryat Alpha Ramadi", "Alpha", "Ramadi",
                                "Al-Ramādī", "Iraq", "العراق")
}  # fmt: skip


@given(st.lists(st.tuples(_WORDS, _JOINTS), max_size=12))
@example([("Qaryat", " "), ("Alpha", " "), ("Ramadi", ".")])
@example([("Qaryat", " "), ("Ramadi", " "), ("Alpha", " ")])
def test_find_returns_every_word_bounded_span_that_is_a_name(
    parts: list[tuple[str, str]],
) -> None:
    text = "".join(word + joint for word, joint in parts)
    padded = " " + fold(text) + " "
    starts = [i for i in range(len(padded) - 1) if padded[i] == " " and padded[i + 1] != " "]
    expected = {
        (start, end - 1)
        for start in starts
        for end in range(start + 1, len(padded))
        if padded[end] == " " and padded[start : end + 1] in _NESTED_KEYS
    }
    assert {(m.start, m.end) for m in _NESTED.find(text)} == expected


def test_write_cache_replaces_other_versions(tmp_path: Path) -> None:
    stale = tmp_path / "gazetteer-old.pickle"
    stale.write_bytes(b"old")
    (tmp_path / "gazetteer-older").mkdir()
    target = tmp_path / "gazetteer-new"
    write_cache(_tiny(), tmp_path, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-new"]
    assert Gazetteer.load(target / "gazetteer.pickle").lookup("Ramadi") == (1,)


def test_a_second_writer_keeps_the_first_complete_cache(tmp_path: Path) -> None:
    target = tmp_path / "gazetteer-new"
    write_cache(_tiny(), tmp_path, target)
    (tmp_path / ".gazetteer-partial-crashed").mkdir()
    write_cache(_tiny(), tmp_path, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-new"]
    assert Gazetteer.load(target / "gazetteer.pickle").lookup("Ramadi") == (1,)


def test_a_persian_name_is_also_spelt_with_the_other_vowels_of_its_ezafe() -> None:
    forms = {fold_key(form) for form in _transliterations("Dasht-e Archī")}
    assert {fold_key("Dasht-i-Archi"), fold_key("Dasht-ye Archi")} <= forms


def test_a_district_loses_the_admin_words_of_its_local_form() -> None:
    assert _local_forms("Province of Negros Oriental") == [
        "negros oriental",
        "negros oriental province",
    ]
    assert _local_forms("Suffolk County") == []


def _extended() -> tuple[Gazetteer, list[int]]:
    """The nested gazetteer plus two extension places, one of them named inside the other."""
    gazetteer = _nested()
    new = gazetteer.extend(
        [
            Place("custom:a", "Hay Test", 33.4, 43.3, "IQ", None, PlaceKind.NEIGHBOURHOOD),
            Place("custom:b", "Test", 33.4, 43.3, "IQ", None, PlaceKind.NEIGHBOURHOOD),
        ],
        _EXTENSION_NAMES,
    )
    return gazetteer, new


_EXTENSION_NAMES = [("Hay Test", 0), ("Hay Test Sharqi", 0), ("Test", 1), ("Ramadi", 1)]
_EXTENDED, _NEW = _extended()
_EXTENSION_WORDS = st.sampled_from(
    ["Hay", "hay", "Test", "test", "Sharqi", "Ramadi", "al-Test", "Hay-Test", "Tests", "5"]
)


@given(st.lists(st.tuples(_EXTENSION_WORDS, _JOINTS), max_size=10), st.booleans())
@example([("Hay", " "), ("Test", " "), ("Sharqi", ".")], True)
def test_extension_names_are_found_at_every_word_start_they_begin(
    parts: list[tuple[str, str]], capitalised_only: bool
) -> None:
    text = "".join(word + joint for word, joint in parts)
    padded = " " + fold(text) + " "
    expected: dict[tuple[int, int], set[int]] = {}
    for start in range(len(padded) - 1):
        if padded[start] != " " or padded[start + 1] == " ":
            continue
        if capitalised_only and text[start].islower() and not starts_with_article(text, start):
            continue
        for name, local in _EXTENSION_NAMES:
            key = fold_key(name)
            if padded.startswith(key, start):
                expected.setdefault((start, start + len(key) - 2), set()).add(_NEW[local])
    found = {
        (m.start, m.end): {i for i in m.candidates if i in _NEW}
        for m in _EXTENDED.find(text, capitalised_only=capitalised_only)
    }
    assert {span: places for span, places in found.items() if places} == expected
