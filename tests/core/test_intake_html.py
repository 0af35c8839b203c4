"""HTML intake: whole pages and marked-up bodies become paragraphs without boilerplate."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas import RelatedHeadline
from stream.core.intake_html import (
    html_to_text,
    looks_like_html,
    looks_like_html_page,
    parse_html_page,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "intake"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def page() -> str:
    """The fixture news page with navigation, share bar, ads and related links."""
    return (FIXTURES / "html-article.html").read_text(encoding="utf-8")


def test_page_metadata_is_read(page: str) -> None:
    document = parse_html_page(page, now=NOW)
    assert document.title == "Drone strike hits fuel depot near Kherson"
    assert document.published_at == datetime(2023, 5, 14, 3, 45, tzinfo=UTC)
    assert document.source == "Example Wire"
    assert document.url == "https://wire.example.org/world/2023/05/14/kherson-depot"
    assert document.language == "en"


def test_page_body_keeps_only_the_article_paragraphs(page: str) -> None:
    paragraphs = parse_html_page(page, now=NOW).body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("A drone struck a fuel depot on the outskirts of Kherson")
    assert (
        paragraphs[2] == "“The strike caused significant damage,” the governor wrote on Telegram."
    )


def test_page_body_drops_boilerplate(page: str) -> None:
    body = parse_html_page(page, now=NOW).body
    for noise in ("Home", "cookies", "Share on", "ADVERTISEMENT", "dataLayer", "©", "Smoke"):
        assert noise not in body


def test_br_inside_a_paragraph_becomes_a_line_break(page: str) -> None:
    paragraphs = parse_html_page(page, now=NOW).body.split("\n\n")
    assert paragraphs[1] == (
        "Two workers were injured and taken to hospital.\n"
        "Firefighters contained the blaze by mid-morning."
    )


def test_related_links_become_related_headlines(page: str) -> None:
    assert parse_html_page(page, now=NOW).related == [
        RelatedHeadline(title="Shelling damages power lines in Nikopol"),
        RelatedHeadline(title="Evacuations continue along the Dnipro river"),
    ]


def test_page_without_h1_takes_the_og_title() -> None:
    markup = '<html><head><meta property="og:title" content="Port closed"></head><body><p>x</p>'
    assert parse_html_page(markup, now=NOW).title == "Port closed"


def test_page_without_paragraph_elements_splits_on_blocks() -> None:
    markup = "<html><body><div>First <i>part</i>.</div><div>Second<br>line</div></body></html>"
    assert parse_html_page(markup, now=NOW).body == "First part.\n\nSecond\nline"


def test_deeply_nested_markup_is_stripped_without_the_parser() -> None:
    markup = "<html><body>" + "<div>" * 2000 + "Deep text &amp; more" + "</div>" * 2000
    document = parse_html_page(markup, now=NOW)
    assert document.body == "Deep text & more"
    assert "HTML nested over 512 deep: tags stripped" in document.warnings


def test_html_to_text_converts_a_fragment() -> None:
    assert html_to_text("<p>One &amp; <em>two</em></p>\n<ul><li>three</li></ul>") == (
        "One & two\n\nthree"
    )


def test_html_to_text_keeps_only_outer_blocks_once() -> None:
    assert html_to_text("<blockquote><p>Quoted.</p></blockquote>") == "Quoted."


@pytest.mark.parametrize(
    "text", ["<p>x</p>", "a<br>b", "<div class='x'>", "<!-- c -->", "<A HREF='/'>l</A>"]
)
def test_markup_is_recognised(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize("text", ["5 < 6 > 4", "x <3 y", "Use <Ctrl> keys", "a<b"])
def test_plain_text_with_angle_brackets_is_not_markup(text: str) -> None:
    assert not looks_like_html(text)


def test_page_start_is_recognised_with_leading_space() -> None:
    assert looks_like_html_page("\n  <!DOCTYPE html><html>")
    assert not looks_like_html_page("Headline <b>bold</b>")
