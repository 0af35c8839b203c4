"""Deterministic ids and URL / text normalisation for duplicate detection."""

from __future__ import annotations

import pytest

from stream.core.intake_ids import content_id, normalise_for_hash, normalise_url, url_id


def test_normalise_for_hash_folds_case_punctuation_and_space() -> None:
    assert normalise_for_hash("  Iraqi FORCES' advance -- in\tMosul!! ") == (
        "iraqi forces advance in mosul"
    )


def test_normalise_for_hash_keeps_arabic_letters() -> None:
    assert normalise_for_hash("قوات، الأمن.") == "قوات الأمن"


def test_normalise_for_hash_applies_nfkc() -> None:
    assert normalise_for_hash("ﬁre Ｍosul") == "fire mosul"


def test_content_id_is_stable_and_ignores_formatting() -> None:
    assert content_id("Raid in Gao", "Three killed.") == content_id("raid  in GAO", "Three killed")


def test_content_id_separates_title_from_body() -> None:
    assert content_id("Raid in", "Gao") != content_id("Raid", "in Gao")


def test_ids_have_a_kind_prefix_and_fixed_length() -> None:
    assert len(content_id("a", "b")) == len("doc_") + 24
    assert url_id("https://example.org/a").startswith("url_")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/news/1",
        "http://example.org/news/1/",
        "https://WWW.Example.org/news/1#comments",
        "https://example.org:443/news/1?utm_source=rss&utm_medium=feed",
        "example.org/news/1?fbclid=abc",
    ],
)
def test_url_variants_normalise_to_one_form(url: str) -> None:
    assert normalise_url(url) == "example.org/news/1"


def test_query_parameters_are_sorted_and_kept() -> None:
    assert normalise_url("https://example.org/a?b=2&a=1") == "example.org/a?a=1&b=2"


def test_non_default_ports_are_kept() -> None:
    assert normalise_url("http://example.org:8080/a") == "example.org:8080/a"


def test_unparseable_urls_fall_back_to_their_text() -> None:
    assert normalise_url(" http://[::1 ") == "http://[::1"
