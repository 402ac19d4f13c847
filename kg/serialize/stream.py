"""Streaming graph output: the triples of kg.graph.rdf written as N-Quads (or N-Triples) lines in
bounded memory, for graphs too large for an rdflib Graph (~1 kB a triple).

The layers of a build (articles, entities, deals, facts, credits) go through kg.graph.rdf's own
`add_*` functions a slice at a time, into a small rdflib Graph that is turned into lines and
dropped, so the streamed triples are kg.graph.rdf's triples by construction. Each statement
(a subject typed kg:Statement) goes into the named graph of its article, as in
`kg.graph.by_article`; everything else into the default graph. Lines collect in a buffer
that is sorted and written to a run file when full; the runs are merged (heapq) into one
sorted, duplicate-free file, written atomically. The result is byte-identical to
`kg.serialize.nquads_bytes` / `ntriples_bytes` of the same graph.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import Any

from rdflib.namespace import PROV, RDF
from rdflib.plugins.serializers.nquads import _nq_row
from rdflib.plugins.serializers.nt import _nt_row

from kg.graph.rdf import (
    add_articles,
    add_credits,
    add_deals,
    add_entities,
    add_facts,
    add_filed,
)
from kg.serialize.atomic import atomic_file
from kg.vocab import KG, DataNamespaces

SLICE = 2000  # records turned into triples at a time
RUN_LINES = 500_000  # lines sorted in memory before they go to a run file
STREAM_FORMATS = ("nq", "nt")


def _slices(items: Iterable[Any], size: int = SLICE) -> Iterator[list[Any]]:
    iterator = iter(items)
    while part := list(islice(iterator, size)):
        yield part


class Triples:
    """A stand-in for an rdflib Graph that kg.graph.rdf's `add_*` functions fill: it keeps the
    triples in a list (rdflib's store indexes every triple three ways, which a stream that
    only writes them out does not need)."""

    def __init__(self) -> None:
        self.triples: list[tuple[Any, Any, Any]] = []

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        self.triples.append(triple)


def graph_slices(
    layers: Any, namespaces: DataNamespaces
) -> Iterator[list[tuple[Any, Any, Any]]]:
    """The triples of `layers` (a kg.pipeline.Layers), a slice at a time; their union is
    kg.pipeline.assemble's graph."""
    names = layers.names
    steps: list[tuple[Iterable[Any], Callable[[Any, list[Any]], None]]] = [
        (
            (e.article for e in layers.extractions),
            lambda g, part: add_articles(g, part, namespaces),
        ),
        (layers.entities.values(), lambda g, part: add_entities(g, part, namespaces)),
        (layers.deals.values(), lambda g, part: add_deals(g, part, names, namespaces)),
        (layers.facts, lambda g, part: add_facts(g, part, namespaces)),
        (layers.credits, lambda g, part: add_credits(g, part, namespaces)),
        (layers.filed, lambda g, part: add_filed(g, part, namespaces)),
    ]
    for items, add in steps:
        for part in _slices(items):
            sink = Triples()
            add(sink, part)
            yield sink.triples


def quad_lines(triples: list[tuple[Any, Any, Any]]) -> Iterator[str]:
    """N-Quads lines of a slice: a statement's triples in its article's named graph."""
    statements = {s for s, p, o in triples if p == RDF.type and o == KG.Statement}
    source = {
        s: o for s, p, o in triples if p == PROV.wasDerivedFrom and s in statements
    }
    for triple in triples:
        yield _nq_row(triple, source.get(triple[0]))


def triple_lines(triples: list[tuple[Any, Any, Any]]) -> Iterator[str]:
    """N-Triples lines of a slice."""
    for triple in triples:
        yield _nt_row(triple)


class SortedLines:
    """Collect lines, then write them sorted and without duplicates, in bounded memory (an
    external merge sort: sorted runs on disk, merged at the end)."""

    def __init__(self, scratch: Path, *, run_lines: int = RUN_LINES) -> None:
        self.scratch = scratch
        self.run_lines = run_lines
        self.buffer: list[str] = []
        self.runs: list[Path] = []
        scratch.mkdir(parents=True, exist_ok=True)

    def add(self, lines: Iterable[str]) -> None:
        self.buffer.extend(lines)
        if len(self.buffer) >= self.run_lines:
            self._spill()

    def _spill(self) -> None:
        if not self.buffer:
            return
        path = self.scratch / f"run-{len(self.runs):05d}.nq"
        with path.open("w", encoding="utf-8") as handle:
            handle.writelines(sorted(set(self.buffer)))
        self.runs.append(path)
        self.buffer = []

    def write(self, path: Path) -> int:
        """Write the merged lines to `path` atomically; return how many there are."""
        self._spill()
        count = 0
        try:
            with atomic_file(path) as out, ExitStack() as stack:
                runs = [
                    stack.enter_context(run.open(encoding="utf-8")) for run in self.runs
                ]
                previous = None
                # sort by UTF-8 bytes, as kg.serialize.formats does; for these lines (no surrogates)
                # code point order is the same
                for line in heapq.merge(*runs):
                    if line != previous:
                        out.write(line.encode("utf-8", "replace"))
                        count += 1
                        previous = line
        finally:
            for run in self.runs:
                run.unlink(missing_ok=True)
            self.runs = []
        return count


def write_streamed(
    layers: Any,
    directory: Path,
    formats: Iterable[str],
    namespaces: DataNamespaces,
    *,
    scratch: Path,
) -> dict[str, tuple[Path, int]]:
    """Write `graph.nq` and/or `graph.nt` for `layers` into `directory`; return each file
    with its number of lines (quads or triples)."""
    wanted = [f for f in STREAM_FORMATS if f in formats]
    sinks = {f: SortedLines(scratch / f) for f in wanted}
    for triples in graph_slices(layers, namespaces):
        if "nq" in sinks:
            sinks["nq"].add(quad_lines(triples))
        if "nt" in sinks:
            sinks["nt"].add(triple_lines(triples))
    written = {}
    for name, sink in sinks.items():
        path = directory / f"graph.{name}"
        written[name] = (path, sink.write(path))
    return written
