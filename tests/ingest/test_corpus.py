"""Corpus input: JSONL (and gzipped JSONL) records become cleaned articles whose metadata
flows into provenance; bad records are reported with their line and skipped."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kg.ingest.corpus import is_corpus, unwrap
from kg.ingest.dates import parse_date_value
from kg.ingest.read import Inputs, read_inputs


def read_corpus(path, ontology, *, on_error, limit=None):
    return read_inputs(
        Inputs(corpora=(path,), limit=limit), ontology, on_error=on_error
    )


WIRE = (
    "ANKARA, March 3 - Turkey said on Tuesday it would buy the\n"
    "S-400 air defence system from Russia despite warnings from\n"
    "Washington that the purchase could bring sanctions.\n"
    "    The Turkish defence minister told reporters the deal was\n"
    "final and that deliveries would start next year.\n"
    " Reuter\n"
)
RECORDS = [
    {
        "id": "wire-1",
        "title": "TURKEY TO BUY S-400",
        "text": WIRE,
        "source": "reuters-21578",
        "date": "03-MAR-1987 10:01:02.50",
        "url": None,
    },
    {
        "id": "web 2",
        "title": "Apple opens a store",
        "text": "Apple opened a new store in Paris on Monday, the company said.\n",
        "source": "news-aggregator:example.com",
        "date": "2026-01-12T08:00:00Z",
        "url": "https://example.com/a",
    },
]


def write_corpus(path: Path, lines: list[str]) -> Path:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz"])
def test_records_become_articles_with_their_metadata(tmp_path, ontology, name):
    path = write_corpus(tmp_path / name, [json.dumps(r) for r in RECORDS])
    errors = []
    articles = list(read_corpus(path, ontology, on_error=errors.append))
    assert errors == []
    assert [a.id for a in articles] == ["wire-1", "web-2"]
    wire, web = articles
    assert (wire.title, wire.date, wire.url, wire.source) == (
        "TURKEY TO BUY S-400",
        "1987-03-03",
        None,
        f"{path}#wire-1",
    )
    assert (web.date, web.url, web.source) == (
        "2026-01-12",
        "https://example.com/a",
        f"{path}#web 2",
    )
    # wrapped lines are one paragraph; offsets still point into the record's text
    assert "buy the S-400 air defence system" in wire.text
    start = wire.text.index("S-400 air")
    assert WIRE[wire.source_offset(start) :].startswith("S-400 air")
    assert "Reuter" not in wire.text.split()


def test_bad_records_are_reported_with_their_line_and_skipped(tmp_path, ontology):
    lines = [
        "{not json",
        json.dumps({"id": "x"}),
        json.dumps(["a list"]),
        "",
        json.dumps(RECORDS[1]),
    ]
    path = write_corpus(tmp_path / "bad.jsonl", lines)
    errors = []
    articles = list(read_corpus(path, ontology, on_error=errors.append))
    assert [a.id for a in articles] == ["web-2"]
    assert [str(e).split(": ", 1)[0] for e in errors] == [
        f"{path}:1",
        f"{path}:2",
        f"{path}:3",
    ]
    assert "not JSON" in str(errors[0]) and "no text" in str(errors[1])


def test_limit_and_truncated_gzip(tmp_path, ontology):
    path = write_corpus(tmp_path / "news.jsonl.gz", [json.dumps(r) for r in RECORDS])
    assert [
        a.id for a in read_corpus(path, ontology, on_error=lambda e: None, limit=1)
    ] == ["wire-1"]
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(path.read_bytes()[:-12])
    errors = []
    list(read_corpus(cut, ontology, on_error=errors.append))
    assert errors and "cannot read past record" in str(errors[-1])


def test_unwrap_joins_wrapped_lines_one_character_for_one():
    assert unwrap(WIRE) == WIRE.replace("the\nS-400", "the S-400").replace(
        "from\nWashington", "from Washington"
    ).replace("was\nfinal", "was final")
    assert len(unwrap(WIRE)) == len(WIRE)
    prose = (
        "A paragraph that is much longer than eighty characters and so is not wrapped "
        "by any wire service.\nNext line.\n" * 3
    )
    assert unwrap(prose) == prose


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),
        ("2026-01-12T08:00:00Z", "2026-01-12"),
        ("Tue, 15 Feb 2005 10:00:00 GMT", "2005-02-15"),
        (None, None),
        ("soon", None),
    ],
)
def test_record_dates_in_the_formats_corpora_use(value, expected):
    found = parse_date_value(value)
    assert (found.value if found else None) == expected


def test_is_corpus():
    assert (
        is_corpus(Path("a/news.jsonl.gz"))
        and is_corpus(Path("x.JSONL"))
        and not is_corpus(Path("seeds"))
    )
