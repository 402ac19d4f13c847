"""Parallel extraction: parse and extract chunks of articles in worker processes, and stream
the extraction records to shard files on disk.

The spaCy parse dominates the cost of a build and each article is independent, so articles
go in chunks to `jobs` worker processes, each with its own copy of the pipeline. With the
`fork` start method (Linux) the model is loaded once, before the workers start, and shared
copy-on-write; elsewhere each worker loads it. A worker sends back its chunk's records as
JSON lines (kg.store's format), which are small next to a parsed Doc, and the driver appends
them to shard files in input order: the output does not depend on which worker was faster.
At most `2 * jobs` chunks are in flight, so memory stays bounded however long the input.

Why not `nlp.pipe(n_process=N)`: it ships every parsed Doc back to one process, which then
runs the extraction alone; here the extraction runs in the workers too.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from kg.model import Article, Extraction
from kg.resources import Ontology
from kg.store import _extraction

CHUNK_SIZE = 64  # articles a worker takes at a time
SHARD_SIZE = 2048  # articles per shard file


def extraction_line(extraction: Extraction) -> str:
    """One Extraction as a line of kg.store's extractions.jsonl."""
    return json.dumps(asdict(extraction), ensure_ascii=False, separators=(",", ":"))


def extraction_from_line(line: str) -> Extraction:
    """The Extraction of a line written by `extraction_line`."""
    return _extraction(json.loads(line))


def extract_chunk(articles: list[Article], nlp: Any, ontology: Ontology, *, batch_size: int) -> list[str]:
    """Parse a chunk of articles with `nlp.pipe` and return each one's record as a line."""
    from kg.pipeline import extract

    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    return [extraction_line(extract(article, doc, ontology)) for article, doc in zip(articles, docs, strict=True)]


def chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass(frozen=True, slots=True)
class Shards:
    """Extraction records on disk: shard files of JSON lines, in input order."""

    files: tuple[Path, ...]
    articles: int
    words: int

    def lines(self) -> Iterator[str]:
        for path in self.files:
            with path.open(encoding="utf-8") as handle:
                yield from (line for line in handle if line.strip())

    def extractions(self) -> Iterator[Extraction]:
        """Every record, read back one line at a time."""
        return (extraction_from_line(line) for line in self.lines())


class ShardWriter:
    """Append record lines to `directory/extractions-00000.jsonl`, a new file every
    `shard_size` articles."""

    def __init__(self, directory: Path, *, shard_size: int = SHARD_SIZE) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.glob("extractions-*.jsonl"):
            old.unlink()
        self.directory = directory
        self.shard_size = shard_size
        self.files: list[Path] = []
        self.count = 0
        self.words = 0
        self._handle: Any = None

    def write(self, lines: list[str], articles: list[Article]) -> None:
        for line, article in zip(lines, articles, strict=True):
            if self.count % self.shard_size == 0:
                self.close()
                path = self.directory / f"extractions-{len(self.files):05d}.jsonl"
                self.files.append(path)
                self._handle = path.open("w", encoding="utf-8")
            self._handle.write(line + "\n")
            self.count += 1
            self.words += len(article.text.split())

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def shards(self) -> Shards:
        self.close()
        return Shards(tuple(self.files), self.count, self.words)


# Set in the driver before the workers fork (or by _init_worker under spawn): the pipeline,
# ontology and batch size every task of this process uses.
_WORKER: dict[str, Any] = {}


def _init_worker(model: str | None, ontology_dir: str, batch_size: int) -> None:
    if "nlp" in _WORKER:
        return  # forked with the driver's pipeline
    from kg.nlp import make_nlp
    from kg.resources import load_ontology

    ontology = load_ontology(Path(ontology_dir))
    _WORKER.update(nlp=make_nlp(ontology, model=model), ontology=ontology, batch_size=batch_size)


def _work(articles: list[Article]) -> list[str]:
    return extract_chunk(articles, _WORKER["nlp"], _WORKER["ontology"], batch_size=_WORKER["batch_size"])


def extract_to_shards(
    articles: Iterable[Article],
    directory: Path,
    *,
    nlp: Any,
    ontology: Ontology,
    model: str | None,
    jobs: int,
    batch_size: int,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Shards:
    """Extract every article with `jobs` processes (1: in this one) into shard files."""
    writer = ShardWriter(directory)
    try:
        if jobs <= 1:
            for chunk in chunks(articles, chunk_size):
                writer.write(extract_chunk(chunk, nlp, ontology, batch_size=batch_size), chunk)
                if progress is not None:
                    progress(len(chunk))
            return writer.shards()
        fork = "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if fork else "spawn")
        if fork:
            _WORKER.update(nlp=nlp, ontology=ontology, batch_size=batch_size)
        try:
            with context.Pool(jobs, initializer=_init_worker, initargs=(model, str(ontology.directory), batch_size)) as pool:
                pending: deque[tuple[list[Article], Any]] = deque()
                for chunk in chunks(articles, chunk_size):
                    pending.append((chunk, pool.apply_async(_work, (chunk,))))
                    while len(pending) >= 2 * jobs:
                        _drain_one(pending, writer, progress)
                while pending:
                    _drain_one(pending, writer, progress)
        finally:
            _WORKER.clear()
        return writer.shards()
    finally:
        writer.close()


def _drain_one(pending: deque[tuple[list[Article], Any]], writer: ShardWriter, progress: Callable[[int], None] | None) -> None:
    chunk, result = pending.popleft()
    writer.write(result.get(), chunk)
    if progress is not None:
        progress(len(chunk))
