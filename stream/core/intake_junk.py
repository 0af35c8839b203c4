"""Find trailing scraper junk (PHP var_dump output) and the related headlines it lists."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from schemas import RelatedHeadline

__all__ = ["Junk", "cut_junk"]

_DUMP_START = re.compile(
    r'^[ \t]*(?:string\((?P<length>\d{1,9})\)[ \t]*"|'
    r"(?P<array>(?:array\(\d{1,9}\)|object\([\w\\]{1,200}\)#\d{1,9} \(\d{1,9}\))[ \t]*\{[ \t]*$))",
    re.MULTILINE,
)
_KEY = re.compile(r'\[(?:"(?P<name>[^"]*)"(?::[^\]]*)?|(?P<index>-?\d+))\]=>')
_STRING_VALUE = re.compile(r'string\(\d+\) "(?P<value>.*)"')
_OTHER_VALUE = re.compile(r"NULL|bool\((?:true|false)\)|int\((?P<int>-?\d+)\)|float\([^)]*\)")
_SCALAR_DUMP = re.compile(
    r"^[ \t]*(?:NULL|bool\((?:true|false)\)|int\(-?\d+\)|float\([^)\n]*\))[ \t]*$", re.MULTILINE
)
_TITLE_KEYS = ("title", "headline", "name")
_ID_KEYS = ("id", "article_id", "nid")
_MAX_RELATED = 50
_MAX_TITLE = 500


@dataclass(frozen=True, slots=True)
class Junk:
    """Text with the junk removed and the related headlines found in it."""

    text: str
    related: tuple[RelatedHeadline, ...]
    removed: int


def cut_junk(text: str) -> Junk:
    """Remove PHP var_dump output (strings, arrays, scalars); collect related headlines."""
    kept: list[str] = []
    related: list[RelatedHeadline] = []
    removed = 0
    position = 0
    for match in _DUMP_START.finditer(text):
        if match.start() < position:
            continue
        kept.append(text[position : match.start()])
        if match["array"]:
            end, value = _array_dump(text, match.start())
        else:
            end, value = _dump_end(text, match)
        related.extend(_headlines(value))
        removed += 1
        position = end
    kept.append(text[position:])
    cleaned, scalars = _SCALAR_DUMP.subn("", "".join(kept))
    return Junk(cleaned, _unique(related), removed + scalars)


def _dump_end(text: str, match: re.Match[str]) -> tuple[int, object]:
    """Return where the dump that `match` opens ends, and its JSON payload if it has one."""
    start = match.end()
    line_end = text.find("\n", start)
    line = text[start : len(text) if line_end < 0 else line_end]
    try:
        value, length = json.JSONDecoder().raw_decode(line)
    except (ValueError, RecursionError):
        end = _declared_end(text, start, int(match["length"]))
        return end, _json_or_none(text[start : end - 1])
    end = start + length
    return end + 1 if text.startswith('"', end) else end, value


def _array_dump(text: str, start: int) -> tuple[int, object]:
    """Read a var_dump of an array or object line by line; return its end and its value."""
    stack: list[dict[str, object]] = []
    key: str | None = None
    position = start
    while position < len(text):
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        line = text[position:line_end].strip()
        if line.endswith("{"):
            child: dict[str, object] = {}
            if stack and key is not None:
                stack[-1][key] = child
            stack.append(child)
        elif line == "}" and stack:
            done = stack.pop()
            if not stack:
                return line_end, done
        elif match := _KEY.fullmatch(line):
            key = match["name"] if match["name"] is not None else match["index"]
            position = line_end + 1
            continue
        elif stack and key is not None and (value := _dumped_scalar(line)) is not None:
            stack[-1][key] = value
        elif line:
            return position, stack[0] if stack else None
        key = None
        position = line_end + 1
    return len(text), stack[0] if stack else None


def _dumped_scalar(line: str) -> str | None:
    """The value of a var_dump string or int line as text; '' for other scalars; else None."""
    if match := _STRING_VALUE.fullmatch(line):
        return match["value"]
    if match := _OTHER_VALUE.fullmatch(line):
        return match["int"] or ""
    return None


def _json_or_none(text: str) -> object:
    """Decoded JSON, or None when text is not JSON."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _declared_end(text: str, start: int, length: int) -> int:
    """End of a dump of `length` UTF-8 bytes followed by a quote, else the end of the text."""
    tail = text[start : start + length + 1]
    encoded = tail.encode("utf-8", "surrogatepass")
    if len(encoded) > length and encoded[length : length + 1] == b'"':
        chars = len(encoded[:length].decode("utf-8", "ignore"))
        return start + chars + 1
    return len(text)


def _headlines(value: object) -> Iterator[RelatedHeadline]:
    """Yield a RelatedHeadline for every object with a title found in decoded JSON."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            title = next((item[key] for key in _TITLE_KEYS if isinstance(item.get(key), str)), None)
            if title is not None:
                clean = " ".join(html.unescape(title).split())[:_MAX_TITLE]
                if clean:
                    ident = next((item[key] for key in _ID_KEYS if key in item), None)
                    yield RelatedHeadline(
                        title=clean,
                        id=str(ident) if isinstance(ident, str | int) and str(ident) else None,
                    )
            else:
                stack.extend(reversed(list(item.values())))


def _unique(headlines: list[RelatedHeadline]) -> tuple[RelatedHeadline, ...]:
    """Drop repeated titles, keep order, cap the count."""
    seen: set[str] = set()
    unique: list[RelatedHeadline] = []
    for headline in headlines:
        key = headline.title.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(headline)
    return tuple(unique[:_MAX_RELATED])
