"""parse_document: headline, dateline, labelled headers, source line and paragraphs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stream.core.intake_documents import is_country, parse_document
from stream.errors import IntakeError

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def test_headline_then_dateline_then_body() -> None:
    document = parse_document(
        "Clashes erupt in Sirte\n\n2 January 2017\n\nFighting resumed at dawn.", now=NOW
    )
    assert document.title == "Clashes erupt in Sirte"
    assert document.published_at == datetime(2017, 1, 2, tzinfo=UTC)
    assert document.body == "Fighting resumed at dawn."


def test_dateline_before_the_headline_is_read_too() -> None:
    document = parse_document("2017-01-02\n\nClashes erupt in Sirte\n\nFighting resumed.", now=NOW)
    assert document.title == "Clashes erupt in Sirte"
    assert document.published_at == datetime(2017, 1, 2, tzinfo=UTC)


def test_lines_without_blank_lines_are_each_a_paragraph() -> None:
    document = parse_document("Headline\nFirst paragraph.\nSecond paragraph.", now=NOW)
    assert document.title == "Headline"
    assert document.body == "First paragraph.\n\nSecond paragraph."


def test_hard_wrapped_lines_in_a_paragraph_are_joined() -> None:
    document = parse_document("Headline\n\nThe convoy was\nhit at noon.\n\nEnd.", now=NOW)
    assert document.body == "The convoy was hit at noon.\n\nEnd."


def test_headline_directly_above_a_wrapped_paragraph_is_split_off() -> None:
    document = parse_document("Raid in Gao\nGunmen attacked the\nmarket at noon.\n\nEnd.", now=NOW)
    assert document.title == "Raid in Gao"
    assert document.body == "Gunmen attacked the market at noon.\n\nEnd."


def test_a_wrapped_headline_is_joined() -> None:
    document = parse_document("Iraqi forces advance in\neastern Mosul\n\nBody.", now=NOW)
    assert document.title == "Iraqi forces advance in eastern Mosul"


def test_a_long_first_paragraph_is_not_taken_as_the_headline() -> None:
    paragraph = "Witnesses said the market was shelled. " * 10
    document = parse_document(f"{paragraph}\n\nSecond.", now=NOW)
    assert document.title == ""
    assert document.body.startswith("Witnesses said")


def test_source_line_is_taken_out_of_the_body() -> None:
    document = parse_document("Headline\n\nFirst.\n\nAl Mayadeen - Lebanon\n\nSecond.", now=NOW)
    assert (document.source, document.source_country) == ("Al Mayadeen", "Lebanon")
    assert document.body == "First.\n\nSecond."


def test_source_line_between_headline_and_dateline_is_read() -> None:
    document = parse_document("Headline\n\nAlalam - Iraq\n\nMon Jan 2, 2017\n\nFirst.", now=NOW)
    assert (document.source, document.source_country) == ("Alalam", "Iraq")
    assert document.published_at == datetime(2017, 1, 2, tzinfo=UTC)
    assert document.body == "First."


def test_hyphenated_outlet_names_are_read() -> None:
    document = parse_document("Headline\n\nAl-Alam TV | Iraq\n\nFirst.", now=NOW)
    assert (document.source, document.source_country) == ("Al-Alam TV", "Iraq")


def test_dash_line_without_a_country_stays_in_the_body() -> None:
    document = parse_document("Headline\n\nFirst.\n\nQuestions - Answers\n\nSecond.", now=NOW)
    assert document.source is None
    assert "Questions - Answers" in document.body


def test_two_countries_joined_by_a_dash_are_not_a_source_line() -> None:
    document = parse_document("Headline\n\nFirst.\n\nIraq - Syria\n\nSecond.", now=NOW)
    assert document.source is None


def test_labelled_header_fields_are_read() -> None:
    text = (
        "Title: Ambush in Gao\nDate: 2 Jan 2017\nSource: Example Monitor\nURL: https://x.example/1"
    )
    document = parse_document(f"{text}\n\nBody.", now=NOW)
    assert document.title == "Ambush in Gao"
    assert document.published_at == datetime(2017, 1, 2, tzinfo=UTC)
    assert document.source == "Example Monitor"
    assert document.url == "https://x.example/1"
    assert document.body == "Body."


def test_unreadable_labelled_date_is_ignored_with_a_warning() -> None:
    document = parse_document("Title: Ambush\nDate: sometime soon\n\nBody.", now=NOW)
    assert document.published_at is None
    assert document.warnings == ["unreadable date 'sometime soon' ignored"]


def test_impossible_dateline_raises_bad_date() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_document("Headline\n\nMon Jan 32, 2017 10:30:04\n\nBody.", now=NOW)
    assert caught.value.reason == "bad_date"


def test_a_date_line_deep_in_the_body_stays_in_the_body() -> None:
    text = "Headline\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\n2 January 2017\n\nFive."
    document = parse_document(text, now=NOW)
    assert document.published_at is None
    assert "2 January 2017" in document.body


def test_html_entities_are_decoded_with_a_warning() -> None:
    document = parse_document("Gunmen&#039;s raid\n\nTom &amp; Jerry&nbsp;café", now=NOW)
    assert document.title == "Gunmen's raid"
    assert document.body == "Tom & Jerry café"
    assert "HTML entities decoded" in document.warnings


@pytest.mark.parametrize("name", ["Iraq", "iraq", "Syria", "Russia", "UK", "Côte d'Ivoire"])
def test_country_names_and_aliases_are_known(name: str) -> None:
    assert is_country(name)


def test_outlet_names_are_not_countries() -> None:
    assert not is_country("Alalam")
