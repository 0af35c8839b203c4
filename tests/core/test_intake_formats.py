"""parse_article end to end on the fixture formats: HTML, cp1252, Arabic, headers, arrays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stream.core.intake import parse_article
from stream.errors import IntakeError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "intake"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _fixture(name: str) -> bytes:
    """The raw bytes of a fixture document."""
    return (FIXTURES / name).read_bytes()


def test_html_page_becomes_an_article_with_its_metadata() -> None:
    article = parse_article(_fixture("html-article.html"), now=NOW)
    assert article.title == "Drone strike hits fuel depot near Kherson"
    assert article.source == "Example Wire"
    assert article.published_at == datetime(2023, 5, 14, 3, 45, tzinfo=UTC)
    assert article.body.count("\n\n") == 3
    assert article.related[0].title == "Shelling damages power lines in Nikopol"


def test_cp1252_document_is_decoded_with_a_warning() -> None:
    article = parse_article(_fixture("cp1252-rfc2822.txt"), now=NOW)
    assert article.title == "Rockets hit Yemen’s port of Hodeidah"
    assert "“The blasts shook the whole neighbourhood,” one café owner" in article.body
    assert article.warnings == ["not valid UTF-8: 5 bytes decoded as cp1252"]


def test_rfc2822_dateline_keeps_its_offset() -> None:
    published = parse_article(_fixture("cp1252-rfc2822.txt"), now=NOW).published_at
    assert published == datetime(2017, 1, 2, 10, 30, 4, tzinfo=timezone(timedelta(hours=3)))


def test_windows_line_endings_leave_no_carriage_returns() -> None:
    article = parse_article(_fixture("cp1252-rfc2822.txt"), now=NOW)
    assert "\r" not in article.title + article.body


def test_mixed_arabic_and_english_document_keeps_both_scripts() -> None:
    article = parse_article(_fixture("arabic-mixed.txt"), now=NOW)
    assert article.title.startswith("اشتباكات عنيفة في ريف حلب الشمالي")
    assert article.title.endswith("Heavy clashes in northern Aleppo countryside")
    assert article.body.split("\n\n")[1].startswith("Local sources said the fighting")
    assert (article.source, article.source_country) == ("Alalam", "Syria")


def test_arabic_document_in_utf16_with_crlf_parses_the_same() -> None:
    utf8 = parse_article(_fixture("arabic-mixed.txt"), now=NOW)
    text = _fixture("arabic-mixed.txt").decode().replace("\n", "\r\n")
    utf16 = parse_article(b"\xff\xfe" + text.encode("utf-16-le"), now=NOW)
    assert utf16.model_copy(update={"warnings": []}) == utf8
    assert utf16.warnings == ["decoded as utf-16-le"]


def test_labelled_header_document_gives_title_date_source_and_url() -> None:
    article = parse_article(_fixture("labelled-header.txt"), now=NOW)
    assert article.title == "Militants ambush army patrol in northern Mali"
    assert article.published_at == datetime(2017, 1, 2, tzinfo=UTC)
    assert article.source == "Example Sahel Monitor"
    assert article.url == "https://sahel.example.net/2017/01/02/ambush"


def test_array_dump_junk_gives_related_headlines_and_a_clean_body() -> None:
    article = parse_article(_fixture("vardump-array.txt"), now=NOW)
    assert article.body == (
        "Security forces closed the main road after a roadside bomb exploded near a checkpoint."
    )
    assert [item.id for item in article.related] == ["500101", "500102"]


def test_very_long_lines_are_kept_whole() -> None:
    line = "Shelling continued overnight. " * 20_000
    article = parse_article(f"Headline\n\n{line}".encode(), now=NOW)
    assert article.body == line.strip()


def test_a_single_line_document_is_a_title_only_article() -> None:
    article = parse_article(b"Car bomb kills four in Mogadishu", now=NOW)
    assert (article.title, article.body) == ("Car bomb kills four in Mogadishu", "")


def test_text_input_is_accepted_like_its_utf8_bytes() -> None:
    raw = "Headline\n\nBody."
    assert parse_article(raw, now=NOW) == parse_article(raw.encode(), now=NOW)


def test_a_missing_message_value_is_empty() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_article(None, now=NOW)
    assert caught.value.reason == "empty"


def test_a_document_of_only_junk_has_no_content() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_article(b'string(2) "[]"\nNULL\n', now=NOW)
    assert caught.value.reason == "no_content"


def test_a_document_with_an_impossible_dateline_is_bad_date() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_article(b"Headline\n\n2017-13-02 10:30\n\nBody.", now=NOW)
    assert caught.value.reason == "bad_date"


def test_a_document_of_only_punctuation_has_no_content() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_article(b"* * *\n\n---\n\n...", now=NOW)
    assert caught.value.reason == "no_content"


def test_a_document_starting_with_a_brace_is_not_taken_for_json() -> None:
    article = parse_article(b"{UPDATE} Curfew lifted in Kirkuk\n\nShops reopened.", now=NOW)
    assert article.title == "{UPDATE} Curfew lifted in Kirkuk"


def test_a_python_style_dict_is_invalid_json() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_article(b"{'id': 'x', 'title': 'T'}", now=NOW)
    assert caught.value.reason == "invalid_json"
