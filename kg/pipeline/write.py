"""Writing a build: graph files in every asked format, graph.html, extractions.jsonl (what
--update reads) and report.txt, and optionally an Oxigraph store folder.

The output folder always holds one whole build: everything is written into a fresh folder
beside it, which replaces it in one atomic step (kg.serialize.atomic.staged_folder), so a
reader, a later --update or a crash sees the previous build or the new one, never a mix.
SIGINT and SIGTERM are deferred while writing: the write stops at the next file and the
previous build stays, or, past the swap, the new build is complete.

A small build goes through one rdflib Graph; a large one (or `stream`) has its N-Quads and
N-Triples streamed in bounded memory, the other formats written afterwards from the graph,
and an HTML page of the most mentioned entities.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import Interrupted, KGError, OutputError
from kg.graph.rdf import overview_graph
from kg.names import shown
from kg.serialize.atomic import staged_folder, write_lines_atomic
from kg.serialize.extractions import save_extractions
from kg.serialize.formats import FORMATS, write_graph_files
from kg.serialize.store import load_store_apart
from kg.serialize.stream import STREAM_FORMATS, write_streamed
from kg.viz.page import write_html
from kg.vocab import DataNamespaces

if TYPE_CHECKING:
    from kg.pipeline.build import Build

OVERVIEW_ENTITIES = 150  # entities the HTML page of a streamed build draws
REPORT = "report.txt"


class _Deferred:
    """SIGINT and SIGTERM, noted instead of acted on, so that a write stops where it can."""

    def __init__(self) -> None:
        self.signal: int | None = None

    def note(self, signum: int, frame: object) -> None:
        self.signal = signum

    def check(self) -> None:
        if self.signal is not None:
            raise KeyboardInterrupt


@contextmanager
def deferred_signals() -> Iterator[_Deferred]:
    """Note SIGINT and SIGTERM while the block runs (main thread only: elsewhere Python
    cannot install handlers, and the caller keeps its own)."""
    deferred = _Deferred()
    if threading.current_thread() is not threading.main_thread():
        yield deferred
        return
    previous = {
        s: signal.signal(s, deferred.note) for s in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield deferred
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def check_output(folder: Path) -> None:
    """Raise OutputError, before any work, when `folder` cannot become an output folder:
    it is a file, a file is in the way, or the nearest existing folder is not writable."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            f"{shown(folder)}: is a file, not a folder; choose another -o"
        )
    ancestor = folder
    while not ancestor.exists():
        parent = ancestor.parent
        if parent == ancestor:
            break
        ancestor = parent
    if ancestor != folder and not ancestor.is_dir():
        raise OutputError(
            f"cannot write {shown(folder)}: {shown(ancestor)} is a file, not a folder"
        )
    target = folder.parent if folder.exists() else ancestor
    if not os.access(target, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write {shown(folder)}: {shown(target)} is not writable"
        )


def write_build(
    build: Build,
    folder: Path,
    *,
    formats: tuple[str, ...] = ("ttl",),
    stream: bool = False,
    store: Path | None = None,
) -> list[Path]:
    """Write `build` into `folder` as one whole build; return the files written.

    Raises OutputError when the folder cannot be written (nothing is changed then) and
    Interrupted when a signal stopped the write.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise KGError(
            f"unknown format {', '.join(unknown) or '(none)'}: choose from {', '.join(FORMATS)}"
        )
    if store is not None and "nq" not in formats:
        formats = (*formats, "nq")
    inside = _inside(store, folder)
    replaced = False
    with deferred_signals() as stop:
        try:
            with staged_folder(folder) as staging:
                names = _write_files(build, staging, formats, stream=stream, stop=stop)
                if inside is not None:
                    load_store_apart(staging / "graph.nq", staging / inside)
                    names.append(str(inside))
                stop.check()
            replaced = True
            if store is not None and inside is None:
                load_store_apart(folder / "graph.nq", store)
            stop.check()
        except KeyboardInterrupt:
            what = (
                "the new build"
                if replaced
                else "the previous build (nothing of this run)"
            )
            raise Interrupted(
                f"interrupted: {shown(folder)} holds {what}", replaced=replaced
            ) from None
        except OSError as e:
            raise _output_error(folder, e) from None
    written = [folder / name for name in names]
    if store is not None and inside is None:
        written.append(store)
    return written


def _inside(store: Path | None, folder: Path) -> Path | None:
    """`store` relative to `folder` when it lies inside it (it is then part of the build)."""
    if store is None:
        return None
    try:
        return store.resolve().relative_to(folder.resolve())
    except ValueError:
        return None


def _output_error(folder: Path, error: OSError) -> OutputError:
    reason = {
        errno.ENOSPC: "no space left on the device",
        errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "read-only file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "a path component is a file, not a folder",
        errno.EEXIST: "a file is in the way",
    }.get(error.errno or 0, error.strerror or str(error))
    where = shown(error.filename) if error.filename else shown(folder)
    return OutputError(
        f"cannot write {shown(folder)}: {reason} ({where}); {shown(folder)} was not changed"
    )


def _write_files(
    build: Build, staging: Path, formats: tuple[str, ...], *, stream: bool, stop: Any
) -> list[str]:
    """Every file of the build, written into `staging`; their names."""
    if stream:
        names = _write_streamed(build, staging, formats, stop)
    else:
        names = [p.name for p in write_graph_files(build.graph, staging, formats)]
        stop.check()
        write_html(build.graph, staging / "graph.html")
        names.append("graph.html")
    stop.check()
    save_extractions(staging, build.extractions, base=build.settings.base)
    names.append("extractions.jsonl")
    write_lines_atomic(staging / REPORT, build.report_lines())
    names.append(REPORT)
    return names


def _write_streamed(
    build: Build, staging: Path, formats: tuple[str, ...], stop: Any
) -> list[str]:
    """N-Quads/N-Triples streamed, other formats from the graph, and the HTML overview."""
    layers = build.layers
    namespaces = DataNamespaces.for_base(build.settings.base)
    scratch = staging / ".shards"
    try:
        streamed = write_streamed(
            layers,
            staging,
            [f for f in formats if f in STREAM_FORMATS],
            namespaces,
            scratch=scratch,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    names = [path.name for path, _ in streamed.values()]
    stop.check()
    others = [f for f in formats if f not in STREAM_FORMATS]
    if others:
        names += [p.name for p in write_graph_files(build.graph, staging, others)]
        stop.check()
    write_html(
        overview_graph(layers, namespaces, entities=OVERVIEW_ENTITIES),
        staging / "graph.html",
    )
    names.append("graph.html")
    return names
