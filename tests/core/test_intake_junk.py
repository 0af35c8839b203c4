"""cut_junk: PHP var_dump strings, arrays and scalars, and the related headlines in them."""

from __future__ import annotations

import json
from pathlib import Path

from schemas import RelatedHeadline
from stream.core.intake_junk import cut_junk

FIXTURES = Path(__file__).parents[1] / "fixtures" / "intake"


def _string_dump(payload: str) -> str:
    """A var_dump line of a string, with its byte length as PHP prints it."""
    return f'string({len(payload.encode())}) "{payload}"'


def test_json_string_dump_is_removed_and_its_titles_collected() -> None:
    payload = json.dumps([{"id": "7", "title": "Curfew in Kirkuk"}, {"id": 8, "title": "Raid"}])
    junk = cut_junk(f"Body.\n\n{_string_dump(payload)}\n")
    assert junk.text == "Body.\n\n\n"
    assert junk.related == (
        RelatedHeadline(title="Curfew in Kirkuk", id="7"),
        RelatedHeadline(title="Raid", id="8"),
    )
    assert junk.removed == 1


def test_text_after_a_json_dump_is_kept() -> None:
    junk = cut_junk(f"Body.\n{_string_dump('[]')} tail\nMore.")
    assert junk.text == "Body.\n tail\nMore."


def test_non_json_string_dump_is_cut_by_its_declared_length() -> None:
    junk = cut_junk(f"Body.\n{_string_dump('<div>menu</div>')}\nMore.")
    assert junk.text == "Body.\n\nMore."
    assert junk.related == ()


def test_truncated_string_dump_runs_to_the_end() -> None:
    junk = cut_junk('Body.\nstring(900) "[{"id":"1","title":"Cut sh')
    assert junk.text == "Body.\n"


def test_titles_have_entities_decoded_and_space_collapsed() -> None:
    payload = json.dumps([{"title": "Britain &#039;Under  Threat&#039;"}])
    assert cut_junk(_string_dump(payload)).related == (
        RelatedHeadline(title="Britain 'Under Threat'"),
    )


def test_repeated_titles_are_listed_once() -> None:
    payload = json.dumps([{"title": "Raid"}, {"title": "RAID"}])
    assert len(cut_junk(_string_dump(payload)).related) == 1


def test_bare_scalar_dumps_are_removed() -> None:
    junk = cut_junk("Body.\nNULL\nbool(false)\nint(3)\n")
    assert junk.text == "Body.\n\n\n\n"
    assert junk.removed == 3


def test_array_dump_is_removed_and_its_titles_collected() -> None:
    junk = cut_junk((FIXTURES / "vardump-array.txt").read_text(encoding="utf-8"))
    assert "array(" not in junk.text
    assert "checkpoint." in junk.text
    assert junk.related == (
        RelatedHeadline(title="Roadside bomb wounds two near Kirkuk", id="500101"),
        RelatedHeadline(title="Curfew imposed in Tuz Khurmatu town", id="500102"),
    )


def test_object_dump_with_property_visibility_is_read() -> None:
    dump = (
        'object(Article)#3 (2) {\n  ["id":protected]=>\n  int(12)\n'
        '  ["title":"Article":private]=>\n  string(11) "Strike hits"\n}'
    )
    junk = cut_junk(f"Body.\n{dump}\nAfter.")
    assert junk.text == "Body.\n\nAfter."
    assert junk.related == (RelatedHeadline(title="Strike hits", id="12"),)


def test_array_dump_ends_at_the_first_line_that_is_not_var_dump() -> None:
    junk = cut_junk('array(1) {\n  ["x"]=>\n  int(1)\nPlain text line.')
    assert junk.text == "Plain text line."


def test_text_without_junk_is_unchanged() -> None:
    text = "Headline\n\nThe string (a rope) was cut.\n"
    assert cut_junk(text).text == text
    assert cut_junk(text).removed == 0
