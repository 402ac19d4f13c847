"""Atomic files: a file is written to a temporary name in the same folder and renamed over
the old one, so an interrupted run leaves the previous file intact; readers never see half a
file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_file(path: Path, *, text: bool = False) -> Iterator[IO[Any]]:
    """A file to write `path` through: a temp file beside it, fsynced and renamed over `path`
    only when the block ends normally; on any exception (a signal too) it is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(
            fd, "w" if text else "wb", **({"encoding": "utf-8"} if text else {})
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); outputs are ordinary files (0644 less umask)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step (temp file + fsync + rename)."""
    with atomic_file(path) as handle:
        handle.write(data)


def write_lines_atomic(path: Path, lines: Iterable[str]) -> None:
    """Write text lines to `path` atomically without holding them all in memory."""
    with atomic_file(path, text=True) as handle:
        for line in lines:
            handle.write(line + "\n")
