"""read_articles_file: JSON Lines give one message per line, other files one document."""

from __future__ import annotations

from pathlib import Path

from stream.core.intake_files import read_articles_file, split_messages


def test_jsonl_file_yields_each_non_empty_line(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "1"}\r\n\n  \n{"id": "2"}  \n')
    assert list(read_articles_file(path)) == [b'{"id": "1"}', b'{"id": "2"}']


def test_ndjson_suffix_is_read_as_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "ARTICLES.NDJSON"
    path.write_bytes(b'{"id": "1"}\n{"id": "2"}')
    assert len(list(read_articles_file(path))) == 2


def test_other_files_yield_their_whole_bytes(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"Headline\r\n\r\nBody.\r\n")
    assert list(read_articles_file(str(path))) == [b"Headline\r\n\r\nBody.\r\n"]


def test_empty_jsonl_yields_nothing() -> None:
    assert list(split_messages(b"\n\n", jsonl=True)) == []


def test_json_file_with_an_array_yields_each_item(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_bytes('[{"id": "1", "title": "Raid in Gao"}, {"id": "2", "title": "قصف"}]'.encode())
    assert list(read_articles_file(path)) == [
        b'{"id": "1", "title": "Raid in Gao"}',
        '{"id": "2", "title": "قصف"}'.encode(),
    ]


def test_json_file_with_one_object_yields_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_bytes(b'{"id": "1"}')
    assert list(read_articles_file(path)) == [b'{"id": "1"}']


def test_broken_json_array_file_yields_its_bytes_whole(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b'[{"id": "1"},')
    assert list(read_articles_file(path)) == [b'[{"id": "1"},']
