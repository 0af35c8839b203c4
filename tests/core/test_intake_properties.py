"""Property tests: any bytes give an Article or an IntakeError with a declared reason."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from schemas import Article
from stream.core.intake import IntakeReason, dedupe_key, parse_article, related_articles
from stream.core.intake_dates import parse_datetime
from stream.core.intake_decode import clean_text
from stream.core.intake_json import tidy_body
from stream.errors import IntakeError

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).parents[1] / "fixtures" / "intake"
SEED = (
    Path(__file__).parents[2].parent / "shared" / "samples" / "alalam-2017-01-02-mosul-intisar.txt"
)
REASONS = {reason.value for reason in IntakeReason}
# Two shared cores: allow slow examples, never let one run away.
FUZZ = settings(
    max_examples=300,
    deadline=timedelta(seconds=3),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SPLICES = [
    *(b"\r\n", b"\n\n", b'"', b"{", b"}", b"[", b"<p>", b"</div>", b'string(9) "', b"\x00"),
    *(b"\xe9", b"\xd9\x82", b"\xef\xbb\xbf", b"2017-13-45", b"Alalam - Iraq"),
]
# The seed article is read by path where shared/ sits beside the clone (it is never copied).
DOCUMENTS = [
    *([SEED.read_bytes()] if SEED.exists() else []),
    *(path.read_bytes() for path in sorted(FIXTURES.iterdir())),
]


def _parse_or_reason(raw: bytes, limit: int = 64 * 1024) -> Article | str:
    """The parsed Article, or the reason code of the declared IntakeError."""
    try:
        article = parse_article(raw, now=NOW, max_body_bytes=limit)
    except IntakeError as error:
        assert error.reason in REASONS
        assert error.message
        return str(error.reason)
    assert article.title.strip() or article.body.strip()
    assert article.id
    return article


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(["id", "title", "body", "url", "published_at", "related", "text", "x"])
            | st.text(max_size=8),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    """A fixture document with bytes inserted, deleted, replaced or duplicated."""
    data = bytearray(draw(st.sampled_from(DOCUMENTS)))
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "repeat", "truncate"]))
        chunk = draw(st.binary(min_size=1, max_size=16) | st.sampled_from(SPLICES))
        if kind == "insert":
            data[where:where] = chunk
        elif kind == "delete":
            del data[where : where + len(chunk)]
        elif kind == "replace":
            data[where : where + len(chunk)] = chunk
        elif kind == "repeat":
            data[where:where] = data[where : where + 200] * draw(st.integers(2, 20))
        else:
            del data[where:]
    return bytes(data)


@FUZZ
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_give_an_article_or_a_declared_reason(raw: bytes) -> None:
    _parse_or_reason(raw)


@FUZZ
@given(st.text(max_size=2000))
def test_arbitrary_text_gives_an_article_or_a_declared_reason(text: str) -> None:
    _parse_or_reason(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(json_values)
def test_arbitrary_json_gives_an_article_or_a_declared_reason(value: object) -> None:
    _parse_or_reason(json.dumps(value).encode())


@FUZZ
@given(mutated_documents())
def test_mutated_documents_give_an_article_or_a_declared_reason(raw: bytes) -> None:
    result = _parse_or_reason(raw)
    if isinstance(result, Article):
        assert dedupe_key(result)
        assert all(child.parent_id == result.id for child in related_articles(result))


@FUZZ
@given(mutated_documents())
def test_reparsing_a_parsed_article_as_json_gives_it_back(raw: bytes) -> None:
    result = _parse_or_reason(raw)
    if isinstance(result, Article):
        assert _parse_or_reason(result.model_dump_json().encode()) == result


@FUZZ
@given(mutated_documents())
def test_parsing_is_deterministic(raw: bytes) -> None:
    assert _parse_or_reason(raw) == _parse_or_reason(raw)


markup_tokens = st.sampled_from(
    [
        *("<html>", "<body>", "<p>", "</p>", "<div class='share'>", "</div>", "<br>", "<h1>"),
        *("</h1>", "<script>", "</script>", "<li>", "<!-- x -->", "&amp;", "&#039;", "<title>"),
        *("<meta property='article:published_time' content='2017-01-02'>", "<article>", "<"),
        *("Gunmen attacked", " a convoy ", "\n", "قوات", ">", '"', "<!DOCTYPE html>"),
    ]
)


@FUZZ
@given(st.lists(markup_tokens, max_size=60).map("".join))
def test_arbitrary_markup_gives_an_article_or_a_declared_reason(markup: str) -> None:
    result = _parse_or_reason(markup.encode())
    if isinstance(result, Article):
        assert "<script>" not in result.body


@FUZZ
@given(st.lists(markup_tokens, max_size=60).map("".join))
def test_markup_bodies_in_json_give_an_article_or_a_declared_reason(markup: str) -> None:
    _parse_or_reason(json.dumps({"id": "m", "title": "T", "body": markup}).encode())


words = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12)
lines = st.lists(words, min_size=1, max_size=12).map(" ".join)


@FUZZ
@given(
    st.builds(
        Article,
        id=st.text(st.characters(categories=["L", "N", "P"]), min_size=1, max_size=40),
        title=lines,
        body=st.lists(lines, max_size=5).map("\n\n".join),
        url=st.none() | st.just("https://example.org/a"),
        published_at=st.none()
        | st.datetimes(
            min_value=datetime(1900, 1, 2),
            max_value=datetime(2026, 1, 1),
            timezones=st.just(UTC),
        ),
    )
)
def test_json_articles_round_trip_unchanged(article: Article) -> None:
    assert parse_article(article.model_dump_json().encode(), now=NOW) == article


@FUZZ
@given(st.text(max_size=200))
def test_parse_datetime_returns_aware_or_none_or_bad_date(text: str) -> None:
    try:
        parsed = parse_datetime(text, now=NOW)
    except IntakeError as error:
        assert error.reason == "bad_date"
        return
    assert parsed is None or parsed.tzinfo is not None


def _date_or_reason(text: str) -> datetime | str | None:
    """What parse_datetime makes of `text`: the datetime, None, or the error's reason."""
    try:
        return parse_datetime(text, now=NOW)
    except IntakeError as error:
        return str(error.reason)


UTC_ISO = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z"


@FUZZ
@given(
    st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2100, 1, 1)).map(
        lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    | st.tuples(st.integers(1800, 2100), *(st.integers(0, 99) for _ in range(5))).map(
        lambda parts: UTC_ISO.format(*parts)
    )
)
def test_utc_iso_dates_read_as_the_general_path_reads_them(text: str) -> None:
    # A trailing space takes the general path; the quick path must agree with it.
    assert _date_or_reason(text) == _date_or_reason(text + " ")


def _tidy_long_hand(text: str) -> str:
    """Tidying spelled out: each line's whitespace collapsed, blank runs cut to one, ends cut."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    joined = "\n".join(lines)
    while "\n\n\n" in joined:
        joined = joined.replace("\n\n\n", "\n\n")
    return joined.strip()


@FUZZ
@given(
    st.text(alphabet=st.sampled_from("a \n\n\n\t\xa0\u2009\x1c"), max_size=30)
    | st.text(alphabet=st.sampled_from("ab \n"), max_size=30)
)
@example("a\n\n\nb")
@example(" a  b \n c\t")
@example("a\u3000b\r\n")
def test_tidy_body_collapses_whitespace_as_spelled_out(text: str) -> None:
    assert tidy_body(text) == _tidy_long_hand(text)


INVISIBLE = {"\u200b", "\u200e", "\u200f", "\u2060", "\ufeff"} | {
    chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def _clean_long_hand(text: str) -> str:
    """Cleaning spelled out: CR, CRLF and other line breaks become newlines; controls (but
    tab) and invisible format characters go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        if char in "\x0b\x0c\x85\u2028\u2029":
            kept.append("\n")
        elif char not in "\t\n" and (unicodedata.category(char) == "Cc" or char in INVISIBLE):
            continue
        else:
            kept.append(char)
    return "".join(kept)


@FUZZ
@given(
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=30)
    | st.text(alphabet=st.sampled_from("a\r\n\t\x00\x0b\x1f\x7f\x85\u200b\u2028\u2066\u00e9"))
)
def test_clean_text_drops_controls_as_spelled_out(text: str) -> None:
    assert clean_text(text) == _clean_long_hand(text)


@pytest.mark.parametrize(
    "raw",
    [
        b"x" * 1_000_000,
        b"[" * 1_000_000,
        b'{"a":' * 200_000,
        b"<html><body>" + b"<div>" * 100_000,
        b"<html><body>" + b"<div>" * 500 + b"<p>x</p>" * 50_000,
        b"T\n\n" + b'string(3) "[{\\"title\\": 1}]"\n' * 30_000,
        b"Headline\n\n" + b"Mon Jan 2, 2017 10:30:04 " * 40_000,
        b"A - Iraq\n" * 100_000,
        b"&amp;" * 200_000,
    ],
    ids=["line", "brackets", "objects", "divs", "deep-ps", "dumps", "dates", "dashes", "entities"],
)
def test_pathological_large_inputs_finish_with_the_contract(raw: bytes) -> None:
    _parse_or_reason(raw, limit=1_048_576)
