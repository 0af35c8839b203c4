"""decode_bytes and clean_text: encodings, BOMs, binary detection, line endings."""

from __future__ import annotations

import codecs

import pytest

from stream.core.intake_decode import clean_text, decode_bytes
from stream.errors import IntakeError

ARABIC = "قوات الأمن في الموصل"


def _reason(raw: bytes) -> str:
    """The reason code decode_bytes gives when it rejects raw."""
    with pytest.raises(IntakeError) as caught:
        decode_bytes(raw)
    return caught.value.reason


def test_utf8_decodes_without_warnings() -> None:
    decoded = decode_bytes(f"Mosul / {ARABIC}".encode())
    assert decoded.text == f"Mosul / {ARABIC}"
    assert decoded.warnings == ()


def test_utf8_bom_is_dropped() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + b"Headline").text == "Headline"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_decoded_with_a_warning(encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    decoded = decode_bytes(bom + f"Aleppo {ARABIC}".encode(encoding))
    assert decoded.text == f"Aleppo {ARABIC}"
    assert decoded.warnings == (f"decoded as {encoding}",)


def test_cp1252_falls_back_with_a_warning() -> None:
    decoded = decode_bytes("“Caf\u00e9” – 5 km".encode("cp1252"))
    assert decoded.text == "“Caf\u00e9” – 5 km"
    assert decoded.warnings == ("not valid UTF-8: 4 bytes decoded as cp1252",)


def test_stray_cp1252_bytes_in_utf8_keep_the_utf8_text() -> None:
    raw = ARABIC.encode() + b" \x93quoted\x94"
    assert decode_bytes(raw).text == f"{ARABIC} “quoted”"


def test_bytes_undefined_in_cp1252_become_replacement_characters() -> None:
    assert decode_bytes(b"Tal Afar \x81 report").text == "Tal Afar \ufffd report"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"\r\n \t", "empty"),
        (b"\x89PNG\r\n\x1a\n....", "binary"),
        (b"\x1f\x8b\x08\x00", "binary"),
        (b"PK\x03\x04rest", "binary"),
        (b"text\x00more", "binary"),
        (bytes(range(1, 32)) * 4, "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable"),
    ],
)
def test_unusable_bytes_are_rejected_with_their_reason(raw: bytes, reason: str) -> None:
    assert _reason(raw) == reason


def test_a_few_control_characters_do_not_make_text_binary() -> None:
    assert decode_bytes(b"Headline\x07\n\nA long enough body of ordinary text.").text


def test_clean_text_normalises_every_line_ending() -> None:
    assert clean_text("a\r\nb\rc\u2028d\x0ce") == "a\nb\nc\nd\ne"


def test_clean_text_drops_controls_and_bidi_marks_but_keeps_zwnj() -> None:
    assert clean_text("\ufeffIraq\u200f \x07Syria\u202b\u200c") == "Iraq Syria\u200c"
