"""Turn raw message bytes into clean text: BOMs, UTF-8 or cp1252, binary detection."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from stream.core.intake_reasons import IntakeReason
from stream.errors import IntakeError

__all__ = ["DecodedText", "ascii_without", "clean_text", "decode_bytes"]

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x7fELF", "an executable"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
)
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_SAMPLE_CHARS = 8192
_MAX_CONTROL_SHARE = 0.05
# C0 controls but tab and newlines, DEL, C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ESCAPED = re.compile("[\udc80-\udcff]+")
_LINE_BREAK_CHARS = frozenset("\x0b\x0c\x85\u2028\u2029")
# One pass over the text: line breaks other than CR (CR is replaced first), C0/C1 controls,
# and invisible format characters that only get in the way of matching (zero-width space,
# LRM/RLM, bidi embeddings and isolates, word joiner, BOM; ZWNJ/ZWJ are kept for Persian
# and Arabic).
_SPECIAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
    "\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)

# Their ASCII members, looked for in ASCII text with str's own search (several times faster
# than the regex engine's scan of a character class).
_ASCII_CONTROLS = tuple(char for char in map(chr, range(128)) if _CONTROL.match(char))
_ASCII_SPECIALS = tuple(char for char in map(chr, range(128)) if _SPECIAL.match(char))


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from bytes and the intake warnings decoding produced."""

    text: str
    warnings: tuple[str, ...]


def decode_bytes(raw: bytes) -> DecodedText:
    """Decode `raw` as UTF-8 (BOM optional), UTF-16 with a BOM, or cp1252 with a warning."""
    if not raw.strip():
        raise IntakeError(IntakeReason.EMPTY, "the message is empty")
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            raise IntakeError(IntakeReason.BINARY, f"the message is {kind}, not text")
    for bom, encoding in _UTF16_BOMS:
        if raw.startswith(bom):
            return _checked(_decode_strict(raw[len(bom) :], encoding), (f"decoded as {encoding}",))
    if b"\x00" in raw:
        raise IntakeError(IntakeReason.BINARY, "the message contains NUL bytes")
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return _checked(body.decode("utf-8"), ())
    except UnicodeDecodeError:
        text = body.decode("utf-8", "surrogateescape")
    fallback = sum(len(run) for run in _ESCAPED.findall(text))
    if not fallback:
        return _checked(text, ())
    text = _ESCAPED.sub(_cp1252, text)
    return _checked(text, (f"not valid UTF-8: {fallback} bytes decoded as cp1252",))


def _cp1252(match: re.Match[str]) -> str:
    """Decode a run of undecodable UTF-8 bytes (escaped as surrogates) as cp1252."""
    return match.group().encode("utf-8", "surrogateescape").decode("cp1252", "replace")


def _decode_strict(raw: bytes, encoding: str) -> str:
    """Decode with `encoding` or raise the `undecodable` IntakeError."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise IntakeError(
            IntakeReason.UNDECODABLE, f"invalid {encoding} at byte {error.start}"
        ) from None


def _checked(text: str, warnings: tuple[str, ...]) -> DecodedText:
    """Reject text whose start is mostly control characters; return it otherwise."""
    sample = text[:_SAMPLE_CHARS]
    controls = 0 if ascii_without(_ASCII_CONTROLS, sample) else len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > _MAX_CONTROL_SHARE * len(sample):
        raise IntakeError(
            IntakeReason.BINARY, f"{controls} control characters in the first {len(sample)}"
        )
    return DecodedText(text, warnings)


def clean_text(text: str) -> str:
    """Normalise line endings to \\n and drop control and invisible format characters."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if ascii_without(_ASCII_SPECIALS, text):
        return text
    return _SPECIAL.sub(_special, text)


def ascii_without(ascii_chars: tuple[str, ...], text: str) -> bool:
    """True when `text` is ASCII and holds none of `ascii_chars`."""
    return text.isascii() and not any(char in text for char in ascii_chars)


def _special(match: re.Match[str]) -> str:
    """A line break becomes \\n; a control or invisible character is dropped."""
    return "\n" if match.group() in _LINE_BREAK_CHARS else ""
