"""Oxigraph store folders: a graph file bulk-loaded once into a persistent pyoxigraph store,
which later runs (`kg query --store`, `kg serve`) open directly while the file is unchanged.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.graph.aggregates import VERSION, add_aggregates

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


_SOURCE_FILE = "kg-source.json"  # which graph file a persistent store holds
BIG_GRAPH = (
    16 << 20
)  # bytes: past this, `kg query` keeps a store folder beside the file


def beside_store(graph: Path) -> Path | None:
    """The store folder `kg query` keeps beside a big graph file (`graph.ttl.store/`), so that
    later calls open it instead of parsing the file again; None for a small file (parsed in
    a moment) or one in a folder kg may not write."""
    try:
        big = graph.stat().st_size >= BIG_GRAPH
    except OSError:
        return None
    folder = graph.with_name(graph.name + ".store")
    if not big or not (folder.is_dir() or os.access(graph.parent, os.W_OK)):
        return None
    return folder


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a graph file, from its suffix."""
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        raise QueryError(
            f"{path}: unknown graph format; use one of {', '.join(sorted(_FORMATS))}"
        ) from None


def load_store(path: Path, *, location: Path | None = None) -> ox.Store:
    """Read the graph file `path` into an Oxigraph store.

    With `location`, the store lives in that folder and is reused as long as the graph file
    is unchanged (same size and modification time), so a big graph is parsed once.
    """
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file")
    fmt = rdf_format(path)
    try:
        if location is None:
            store = ox.Store()
            store.load(path=str(path), format=fmt)
            add_aggregates(store)
            return store
        marker = location / _SOURCE_FILE
        source = _fingerprint(path)
        found = _read_marker(marker)
        if _same_file(found.get("source"), source):
            store = ox.Store(str(location))
            if found.get("aggregates") != VERSION:
                add_aggregates(store)  # a folder counted by an older kg
                store.flush()
                _write_marker(marker, source)
            return store
        store = ox.Store(str(location))
        store.clear()
        store.bulk_load(path=str(path), format=fmt)
        add_aggregates(store)
        store.flush()
        _write_marker(marker, source)
        return store
    except (SyntaxError, ValueError) as e:
        raise QueryError(
            f"{path}: cannot parse graph ({str(e).splitlines()[0]})"
        ) from e
    except OSError as e:
        raise QueryError(f"{location or path}: cannot open store ({e})") from e


def open_store(location: Path) -> ox.Store:
    """Open a store folder written by `load_store` read-only (many processes may share it)."""
    if not (location / _SOURCE_FILE).is_file():
        raise QueryError(
            f"{location}: not a kg store folder (load a graph into it first)"
        )
    try:
        return ox.Store.read_only(str(location))
    except OSError as e:
        raise QueryError(f"{location}: cannot open store ({e})") from e


def holds(location: Path, path: Path) -> bool:
    """Whether the store folder `location` holds the graph file `path` as it is now, with
    the aggregates of this kg (so `load_store` will only open it)."""
    found = _read_marker(location / _SOURCE_FILE)
    try:
        source = _fingerprint(path)
    except OSError:
        return False
    return (
        _same_file(found.get("source"), source) and found.get("aggregates") == VERSION
    )


def _read_marker(marker: Path) -> dict[str, Any]:
    """What a store folder holds: {"source": fingerprint, "aggregates": version}, or {}."""
    try:
        found = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(found, dict) and "source" in found and "size" in found:
        return {"source": found}  # written before kg counted aggregates
    return found if isinstance(found, dict) else {}


def _write_marker(marker: Path, source: dict[str, Any]) -> None:
    marker.write_text(
        json.dumps({"source": source, "aggregates": VERSION}), encoding="utf-8"
    )


def _same_file(found: Any, source: dict[str, Any]) -> bool:
    """The store holds this graph file: same name, size and modification time (not the same
    folder: `kg build` loads the store in a staging folder it then renames)."""
    return isinstance(found, dict) and all(
        found.get(key) == source[key] for key in ("name", "size", "mtime_ns")
    )


def _fingerprint(path: Path) -> dict[str, Any]:
    stat = path.stat()
    return {
        "source": str(path.resolve()),
        "name": path.name,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
    }


def _load_and_count(path: Path, location: Path) -> int:
    store = load_store(path, location=location)
    store.optimize()
    count = len(store)
    del store
    return count


def load_store_apart(path: Path, location: Path) -> int:
    """`load_store` into `location` in a fresh process; return the number of quads.

    Oxigraph's bulk loader takes ~1 kB a quad for a while (1.5 GB for 1.6 M quads), which
    should not add to the memory of the build that calls it.
    """
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return int(pool.apply(_load_and_count, (path, location)))
