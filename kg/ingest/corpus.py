"""Corpus input: one article a line of JSON (`.jsonl`, or `.jsonl.gz`), read as a stream.

Each line is an object with `id` and `text`, and optionally `title`, `source`, `date` and
`url` (other keys are ignored). The record's metadata flows into the article's provenance:
`dcterms:title` (the record's title, else a headline cleaning finds), `dcterms:date` (the
date as ISO 8601), `schema:url`, and `kg:sourceFile` = `FILE#ID`, so a statement's character
offsets point into the `text` of that record of that file.

Wire copy (Reuters, AP) wraps lines at ~70 columns and starts a paragraph with an indented
line; cleaning and the sentence splitter treat every line break as a paragraph. So a line
break inside a wrapped paragraph becomes a space before cleaning: one character for one, so
offsets into the record's text stay exact.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from kg.errors import ArticleError
from kg.ingest.decode import repair
from kg.ingest.document import Document, text_id
from kg.names import shown

SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
# a line break inside a paragraph: text on both sides, the next line not indented
_SOFT_BREAK = re.compile(r"(?<=\S)\n(?=[^\s])")
_WIRE_WIDTH = 80


def is_corpus(path: Path) -> bool:
    """A JSONL corpus file (by its name), rather than an article or a folder of them."""
    return path.name.lower().endswith(SUFFIXES)


def _open(path: Path) -> IO[str]:
    try:
        raw = path.open("rb")
    except OSError as e:
        raise ArticleError(f"{path}: cannot read ({e.strerror})") from e
    stream = gzip.GzipFile(fileobj=raw) if path.name.lower().endswith(".gz") else raw
    return io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")


def unwrap(text: str) -> str:
    """Join hard-wrapped lines of wire copy (most lines at most 80 characters), one
    character for one; a blank or indented line still starts a paragraph."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 3 or sum(len(line) <= _WIRE_WIDTH for line in lines) < 0.9 * len(
        lines
    ):
        return text
    return _SOFT_BREAK.sub(" ", text)


def _date_value(value: object) -> str | None:
    """The record's date as given ("26-FEB-1987 15:01:01.79", "2026-01-12T08:00:00Z", an
    epoch number); kg.ingest.dates reads it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _string(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _document(record: object, *, path: Path, where: str, max_bytes: int) -> Document:
    if not isinstance(record, dict):
        raise ArticleError(f"{where}: not a JSON object")
    record_id, text = record.get("id"), record.get("text")
    if not isinstance(record_id, (str, int)) or not str(record_id).strip():
        raise ArticleError(f"{where}: no id")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError(f"{where}: no text")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise ArticleError(
            f"{where}: too large ({size / 1e6:.1f} MB, the limit is {max_bytes / 1e6:g} MB; "
            "raise it with --max-bytes)"
        )
    repaired, segments = repair(unwrap(text))
    return Document(
        text_id(str(record_id)),
        f"{shown(path)}#{record_id}",
        repaired,
        segments,
        _string(record, "title") or "",
        _date_value(record.get("date")),
        _string(record, "url"),
        "metadata",
    )


def corpus_documents(
    path: Path,
    *,
    max_bytes: int,
    on_error: Callable[[ArticleError], None],
    limit: int | None = None,
) -> Iterator[Document]:
    """Yield a Document for each record of a JSONL corpus, in file order, reading one line
    at a time; a bad record is reported (`FILE:LINE: reason`) and skipped."""
    records = 0
    try:
        lines = _open(path)
    except ArticleError as e:
        on_error(e)
        return
    with lines:
        try:
            for number, line in enumerate(lines, start=1):
                if limit is not None and records >= limit:
                    return
                if not line.strip():
                    continue
                records += 1
                where = f"{shown(path)}:{number}"
                try:
                    yield _document(
                        json.loads(line), path=path, where=where, max_bytes=max_bytes
                    )
                except json.JSONDecodeError as e:
                    on_error(ArticleError(f"{where}: not JSON ({e.msg})"))
                except ArticleError as e:
                    on_error(e)
        except (OSError, EOFError) as e:  # a truncated or corrupt .gz
            on_error(
                ArticleError(f"{shown(path)}: cannot read past record {records} ({e})")
            )
