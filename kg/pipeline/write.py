"""Writing a build: graph files in every asked format, graph.html and extractions.jsonl (the
commit point of an incremental build: an interrupted run is redone from the previous ones),
and optionally an Oxigraph store folder.

A small build goes through one rdflib Graph; a large one (or `stream`) has its N-Quads and
N-Triples streamed in bounded memory, the other formats written afterwards from the graph,
and an HTML page of the most mentioned entities. SIGINT and SIGTERM are held meanwhile, so
an interrupted build never leaves a new graph.ttl beside an old graph.html.
"""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.graph.canonical import canonical_layers
from kg.graph.rdf import assemble, overview_graph
from kg.graph.shacl import validate_graph
from kg.serialize.atomic import write_lines_atomic
from kg.serialize.extractions import save_extractions
from kg.serialize.formats import FORMATS, write_graph_files
from kg.serialize.store import load_store_apart
from kg.serialize.stream import STREAM_FORMATS, write_streamed
from kg.viz.page import write_html
from kg.vocab import DataNamespaces

if TYPE_CHECKING:
    from kg.pipeline.build import Build

VALIDATION_SAMPLE = 20  # articles whose graph SHACL checks in a streamed build
OVERVIEW_ENTITIES = 150  # entities the HTML page of a streamed build draws


@contextmanager
def held_signals() -> Iterator[None]:
    """Hold SIGINT and SIGTERM (delivered when the block ends) in this thread."""
    held = {signal.SIGINT, signal.SIGTERM}
    mask = getattr(signal, "pthread_sigmask", None)  # absent on Windows
    if mask is not None:
        mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        if mask is not None:
            mask(signal.SIG_UNBLOCK, held)


def write_build(
    build: Build,
    folder: Path,
    *,
    formats: tuple[str, ...] = ("ttl",),
    stream: bool = False,
    store: Path | None = None,
) -> list[Path]:
    """Write `build` into `folder`; return the files written."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise KGError(
            f"unknown format {', '.join(unknown) or '(none)'}: choose from {', '.join(FORMATS)}"
        )
    if store is not None and "nq" not in formats:
        formats = (*formats, "nq")
    with held_signals():
        folder.mkdir(parents=True, exist_ok=True)
        if stream:
            written = _write_streamed(build, folder, formats)
        else:
            written = write_graph_files(build.graph, folder, formats)
            write_html(build.graph, folder / "graph.html")
            written.append(folder / "graph.html")
        write_extractions(build, folder)
        if store is not None:
            load_store_apart(folder / "graph.nq", store)
            written.append(store)
    return written


def write_extractions(build: Build, folder: Path) -> Path:
    """`folder/extractions.jsonl`: what was read from each article, for --update."""
    return save_extractions(folder, build.extractions, base=build.settings.base)


def _write_streamed(build: Build, folder: Path, formats: tuple[str, ...]) -> list[Path]:
    """N-Quads/N-Triples streamed, other formats from the graph, and the HTML overview;
    SHACL checks the graph of a bounded sample of articles (pyshacl holds the whole graph
    and its report in memory), and a violation is listed in `folder/shacl-sample.txt`
    rather than throwing away the extraction of a whole corpus."""
    layers = build.layers
    namespaces = DataNamespaces.for_base(build.settings.base)
    sample = layers.extractions[
        :: max(1, len(layers.extractions) // VALIDATION_SAMPLE)
    ][:VALIDATION_SAMPLE]
    report = validate_graph(
        assemble(canonical_layers(sample, build.ontology), base=build.settings.base),
        ontology=build.ontology,
    )
    note = f"SHACL: the graph of {len(sample)} sample articles (of {len(layers.extractions)}) "
    report_file = folder / "shacl-sample.txt"
    if report.conforms:
        note += "conforms"
        report_file.unlink(missing_ok=True)
    else:
        write_lines_atomic(report_file, (str(v) for v in report.violations))
        note += f"has {len(report.violations)} violations, listed in {report_file}"
    build.notes.append(note)
    scratch = folder / ".shards"
    try:
        streamed = write_streamed(
            layers,
            folder,
            [f for f in formats if f in STREAM_FORMATS],
            namespaces,
            scratch=scratch,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    written = [path for path, _ in streamed.values()]
    others = [f for f in formats if f not in STREAM_FORMATS]
    if others:
        written += write_graph_files(build.graph, folder, others)
    write_html(
        overview_graph(layers, namespaces, entities=OVERVIEW_ENTITIES),
        folder / "graph.html",
    )
    written.append(folder / "graph.html")
    return written
