"""Ingest: find article files and read them as text, skipping what cannot be read.

Scraped files come in many encodings; a bad file must not stop a night's run, so every
problem becomes an `ArticleError` naming the file, and the caller decides whether to go on.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from kg.errors import ArticleError

ARTICLE_SUFFIXES = (".txt",)


def find_article_files(paths: list[Path]) -> Iterator[Path | ArticleError]:
    """Yield article files under `paths` (files or folders, recursively, sorted), or errors.

    The walk is iterative and keeps the (device, inode) of every folder it entered, so deep
    trees cannot overflow the stack and symlink loops are entered once.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for root in paths:
        if not root.exists():
            yield ArticleError(f"{root}: no such file or folder")
            continue
        stack = [root]
        while stack:
            path = stack.pop()
            try:
                info = path.stat()
            except OSError as e:
                yield ArticleError(f"{path}: cannot read ({e.strerror})")
                continue
            ident = (info.st_dev, info.st_ino)
            if stat.S_ISDIR(info.st_mode):
                if ident in seen_dirs:
                    continue
                seen_dirs.add(ident)
                try:
                    children = sorted(os.scandir(path), key=lambda e: e.name)
                except OSError as e:
                    yield ArticleError(f"{path}: cannot list folder ({e.strerror})")
                    continue
                # reversed: the stack pops the alphabetically first child next
                stack.extend(Path(c.path) for c in reversed(children))
            elif path == root or path.suffix.lower() in ARTICLE_SUFFIXES:
                if not stat.S_ISREG(info.st_mode):
                    yield ArticleError(f"{path}: not a regular file")
                elif ident not in seen_files:
                    seen_files.add(ident)
                    yield path


def decode(data: bytes, *, source: Path) -> str:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise ArticleError(f"{source}: binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text(path: Path) -> str:
    """Read one article file as text; raise ArticleError with the reason."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ArticleError(f"{path}: cannot read ({e.strerror})") from e
    text = decode(data, source=path)
    if not text.strip():
        raise ArticleError(f"{path}: empty file")
    return text
