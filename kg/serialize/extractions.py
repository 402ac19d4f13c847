"""Store: the extractions behind a graph, kept beside it so that the graph can grow and shrink
article by article without parsing the old articles again.

Entities are resolved across all articles, so adding or withdrawing one article can merge or
split entities anywhere in the graph. `kg build --update` and `kg remove` therefore load every
stored Extraction, add or drop articles, and assemble the whole graph again: build(A) then
update(B) gives the same bytes as build(A ∪ B), and removing B gives back build(A).

`DIR/extractions.jsonl`: a header line `{"format": "kg-extractions", "version": 1, "base": ...}`,
then one Extraction a line (its dataclass fields as JSON, tuples as arrays), sorted by
article id, written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.model import Article, Deal, Extraction, Mention, Quote, Relation
from kg.serialize.atomic import write_lines_atomic
from kg.settings import DEFAULT_BASE

FILE_NAME = "extractions.jsonl"
FORMAT = "kg-extractions"
VERSION = 1
_RECORDS: dict[str, type] = {
    "mentions": Mention,
    "relations": Relation,
    "deals": Deal,
    "quotes": Quote,
}


@dataclass(frozen=True, slots=True)
class Stored:
    """The extractions of a built graph and the base IRI it was built with."""

    base: str
    extractions: tuple[Extraction, ...]


def _tuples(value: Any) -> Any:
    """JSON arrays back to the tuples the frozen records hold."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _record(cls: type, fields: dict[str, Any]) -> Any:
    return cls(**{name: _tuples(value) for name, value in fields.items()})


def _extraction(data: dict[str, Any]) -> Extraction:
    records = {
        name: tuple(_record(cls, item) for item in data.get(name, ()))
        for name, cls in _RECORDS.items()
    }
    return Extraction(
        article=_record(Article, data["article"]),
        same_as=_tuples(data.get("same_as", [])),
        **records,
    )


def extraction_line(extraction: Extraction) -> str:
    """One Extraction as a line of extractions.jsonl."""
    return json.dumps(asdict(extraction), ensure_ascii=False, separators=(",", ":"))


def extraction_from_line(line: str) -> Extraction:
    """The Extraction of a line written by `extraction_line`."""
    return _extraction(json.loads(line))


def extraction_lines(extractions: Iterable[Extraction], *, base: str) -> Iterator[str]:
    """The lines of extractions.jsonl: the header, then one record per article by id."""
    yield json.dumps(
        {"format": FORMAT, "version": VERSION, "base": base}, ensure_ascii=False
    )
    for extraction in sorted(extractions, key=lambda e: e.article.id):
        yield extraction_line(extraction)


def save_extractions(
    directory: Path, extractions: Iterable[Extraction], *, base: str
) -> Path:
    """Write `directory/extractions.jsonl` atomically, articles sorted by id."""
    path = directory / FILE_NAME
    write_lines_atomic(path, extraction_lines(extractions, base=base))
    return path


def load_extractions(directory: Path) -> Stored:
    """Read `directory/extractions.jsonl`; a KGError names the file, line and problem."""
    path = directory / FILE_NAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise KGError(
            f"{path}: no such file; build the graph with `kg build ... -o {directory}` first"
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        raise KGError(f"{path}: cannot read ({e})") from e
    try:
        header = json.loads(lines[0]) if lines else {}
    except json.JSONDecodeError as e:
        raise KGError(f"{path}:1: not JSON ({e.msg})") from e
    if (
        not isinstance(header, dict)
        or header.get("format") != FORMAT
        or header.get("version") != VERSION
    ):
        raise KGError(f"{path}:1: not a {FORMAT} file of version {VERSION}")
    extractions = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            extractions.append(_extraction(json.loads(line)))
        except json.JSONDecodeError as e:
            raise KGError(f"{path}:{number}: not JSON ({e.msg})") from e
        except (KeyError, TypeError, AttributeError) as e:
            raise KGError(f"{path}:{number}: not an extraction record ({e})") from e
    return Stored(str(header.get("base", DEFAULT_BASE)), tuple(extractions))
