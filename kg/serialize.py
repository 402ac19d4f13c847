"""Serialize: write graph files atomically and deterministically.

A file is written to a temporary name in the same folder and renamed over the old one, so an
interrupted run leaves the previous file intact; readers never see half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step (temp file + fsync + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def turtle_bytes(graph: Graph) -> bytes:
    """The graph as Turtle; rdflib sorts subjects, predicates and objects, and kg mints no
    blank nodes, so equal graphs give equal bytes."""
    return graph.serialize(format="turtle", encoding="utf-8")


def write_turtle(graph: Graph, path: Path) -> None:
    """Write `graph` to `path` as Turtle, atomically."""
    write_atomic(path, turtle_bytes(graph))
