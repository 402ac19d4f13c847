"""Files: find article files under the given paths and read each as repaired text.

A bad file must not stop a night's run: empty and binary files, FIFOs, folders 1,200 levels
deep, symlink loops, over-large files all become an `ArticleError` naming the file and the
reason, and the caller goes on.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ArticleError
from kg.ingest.decode import Segment, decode, remap, repair
from kg.ingest.html import extract_html
from kg.names import shown
from kg.settings import DEFAULT_MAX_BYTES

TEXT_SUFFIXES = (".txt",)


HTML_SUFFIXES = (".html", ".htm")


ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


# a web page saved as .txt: read it as HTML, or its scripts and menus would become the story
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Source:
    """The text of one article file, decoded, extracted (HTML) and repaired.

    `segments` maps `text` back to the decoded file (see the module docstring); `title`,
    `date` (ISO) and `url` come from an HTML page's metadata.
    """

    path: Path
    text: str
    segments: tuple[Segment, ...]
    encoding: str
    title: str = ""
    date: str | None = None
    url: str | None = None


def find_article_files(paths: Iterable[Path]) -> Iterator[Path | ArticleError]:
    """Yield article files under `paths` (files or folders, recursively, sorted), or errors.

    The walk is iterative and keeps the (device, inode) of every folder it took, so deep
    trees cannot overflow the stack and symlink loops are entered once. A file named twice
    (the same path under two arguments) is yielded once; the same file under two names (a
    hard or symbolic link) is yielded under each, and the reader reports the second as a
    duplicate of the first. Nothing is opened here: a FIFO found by `stat` is reported, never
    read (opening it would block forever).
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()
    for root in paths:
        stack = [root]
        while stack:
            path = stack.pop()
            wanted = path == root or path.suffix.lower() in ARTICLE_SUFFIXES
            try:
                info = path.stat()
            except OSError as e:
                if wanted:  # a dangling link named like an article is worth a message
                    yield ArticleError(
                        f"{shown(path)}: "
                        f"{_no_such(e) if path == root else 'cannot read'} ({e.strerror})"
                    )
                continue
            ident = (info.st_dev, info.st_ino)
            if stat.S_ISDIR(info.st_mode):
                if ident in seen_dirs:
                    continue
                seen_dirs.add(ident)
                try:
                    children = sorted(os.scandir(path), key=lambda entry: entry.name)
                except OSError as e:
                    yield ArticleError(
                        f"{shown(path)}: cannot list folder ({e.strerror})"
                    )
                    continue
                # reversed: the stack pops the alphabetically first child next
                stack.extend(Path(c.path) for c in reversed(children))
            elif wanted:
                if not stat.S_ISREG(info.st_mode):
                    yield ArticleError(
                        f"{shown(path)}: not a regular file ({_kind(info.st_mode)})"
                    )
                elif os.path.abspath(path) not in seen_files:
                    seen_files.add(os.path.abspath(path))
                    yield path


def _no_such(error: OSError) -> str:
    return (
        "no such file or folder"
        if isinstance(error, FileNotFoundError)
        else "cannot read"
    )


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a file"


def _too_large(path: Path, size: int, limit: int) -> ArticleError:
    return ArticleError(
        f"{shown(path)}: too large ({size / 1e6:.1f} MB, the limit is {limit / 1e6:g} "
        "MB; raise it with --max-bytes)"
    )


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one regular file of at most `max_bytes`; anything else is an ArticleError.

    The file is checked with `stat` before it is opened, and opened non-blocking, so a FIFO
    swapped in meanwhile cannot hang the run; at most `max_bytes + 1` bytes are ever read.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(
                f"{shown(path)}: not a regular file ({_kind(info.st_mode)})"
            )
        if info.st_size > max_bytes:
            raise _too_large(path, info.st_size, max_bytes)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ArticleError(f"{shown(path)}: not a regular file")
            data = handle.read(max_bytes + 1)
    except OSError as e:
        raise ArticleError(f"{shown(path)}: cannot read ({e.strerror or e})") from e
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    return data


def read_source(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one article file as repaired text; raise ArticleError with the reason.

    An .html/.htm file, or a .txt file that holds a web page, is reduced to its main text.
    """
    data = read_bytes(path, max_bytes=max_bytes)
    if not data:
        raise ArticleError(f"{shown(path)}: empty file")
    text, encoding = decode(data, source=path)
    if not text.strip():
        raise ArticleError(f"{shown(path)}: only whitespace")
    title, date, url, page_map = "", None, None, None
    if path.suffix.lower() in HTML_SUFFIXES or _HTML_START.match(text[:2_000]):
        text, page_map, title, date, url = extract_html(text, source=path)
    repaired, segments = repair(text)
    if not repaired.strip():
        raise ArticleError(
            f"{shown(path)}: no readable text (only control, invisible or non-word characters)"
        )
    if page_map is not None:
        segments = remap(segments, page_map)
    return Source(
        path, repaired, segments, encoding, " ".join(title.split()), date, url
    )
