"""Ingest: find article files and turn their bytes into clean text, whatever they hold.

Scraped news is hostile input: empty and binary files, FIFOs, folders 1,200 levels deep,
symlink loops, UTF-16 without a byte order mark, Windows-1252, mojibake, control characters,
HTML pages saved as text, 50 MB lines. A bad file must not stop a night's run, so every
problem becomes an `ArticleError` naming the file and the reason, and the caller goes on.

Repairs change the text, yet provenance must point into the file the analyst has. Every
`Source` therefore carries `segments`, in the format of `Article.segments`: each
`(text_start, file_start, length)` says that `text[text_start:text_start+length]` is the
decoded file's `[file_start:file_start+length]`. Segments are exact where the text is the
file's; an offset inside a repaired stretch gets a segment of length 0 pointing at the
file where the stretch ends, so every offset maps into the file.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import ArticleError

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
# a news article is rarely 200 kB; more is a dump, not a story
DEFAULT_MAX_BYTES = 20_000_000
# ASCII characters without a space: a base64 blob or minified script, not words (Chinese
# and Japanese are written without spaces, so only ASCII runs are dropped)
RUN_LIMIT = 1_000
_CHUNK = 2_000  # longest piece handed to the character diff that maps repairs back
_SAMPLE = 100_000  # characters looked at to judge an encoding

Segment = tuple[int, int, int]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Line and paragraph separators become "\n" (same length, so offsets keep); other control and
# invisible format characters are dropped: a BOM or zero-width space glued to "Vladimir" hides
# the name from the tagger. ZWJ/ZWNJ stay (they shape Persian and emoji). C1 controls and ESC
# are left to ftfy first (they may be Windows-1252 quotes or terminal colour codes).
_SEPARATORS = str.maketrans(dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", "\n"))
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1a\x1f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_JUNK = re.compile(f"{_INVISIBLE.pattern}|[\x1b\x7f-\x9f]|[!-~]{{{RUN_LIMIT},}}")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_WORD = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s")
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

    The walk is iterative and keeps the (device, inode) of every folder and file it took, so
    deep trees cannot overflow the stack, symlink loops are entered once and a file reached
    by two routes is read once. Nothing is opened here: a FIFO found by `stat` is reported,
    never read (opening it would block forever).
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
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
                        f"{shown(path)}: {_no_such(e) if path == root else 'cannot read'} ({e.strerror})"
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
                elif ident not in seen_files:
                    seen_files.add(ident)
                    yield path


def shown(path: Path | str) -> str:
    """A path as printable text: bytes that are not UTF-8 in a file name (which Python keeps
    as lone surrogates) become U+FFFD, so messages and the graph's kg:sourceFile stay valid."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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
        f"{shown(path)}: too large ({size / 1e6:.1f} MB, the limit is {limit / 1e6:g} MB; raise it with --max-bytes)"
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


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a NUL in every other byte: odd ones (LE) or even (BE)."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    if odd.count(0) >= 0.3 * len(odd) and even.count(0) <= 0.02 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.3 * len(even) and odd.count(0) <= 0.02 * len(odd):
        return "utf-16-be"
    return None


def _eight_bit(data: bytes, *, source: Path | str) -> tuple[str, str]:
    """Windows-1252 (a superset of Latin-1 for text) unless charset-normalizer finds a better fit.

    charset-normalizer alone calls short Western texts cp1250 or cp775 (measured), so
    Windows-1252 wins whenever it decodes without mess; Cyrillic, Greek or CJK encodings decode
    Windows-1252 into gibberish, which the mess ratio catches.
    """
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    try:
        western, name = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # five bytes cp1252 leaves undefined: Latin-1 proper
        western, name = data.decode("latin-1"), "latin-1"
    western_mess = mess_ratio(western[:_SAMPLE], maximum_threshold=1.0)
    if western_mess <= 0.1:
        return western, name
    best = from_bytes(data).best()
    if best is not None and best.chaos < western_mess:
        return str(best), best.encoding
    raise ArticleError(
        f"{shown(source)}: unknown encoding (not UTF-8, UTF-16, Windows-1252 or any charset-normalizer knows)"
    )


def decode(data: bytes, *, source: Path | str) -> tuple[str, str]:
    """Decode a file's bytes; return the text and the encoding used.

    Byte order marks (UTF-8, UTF-16, UTF-32) decide; NUL bytes mean UTF-16 without a BOM
    (strict UTF-8 would "succeed" with a NUL between letters) or binary; then UTF-8, then
    Windows-1252/Latin-1 or what charset-normalizer detects. A text with more than 5%
    control characters is binary.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text, encoding = (
                data[len(bom) :].decode(codec, errors="replace"),
                f"{name} with BOM",
            )
            break
    else:
        if b"\x00" in data:
            codec = _utf16_without_bom(data)
            if codec is None:
                raise ArticleError(f"{shown(source)}: binary file (NUL bytes)")
            text, encoding = (
                data.decode(codec, errors="replace"),
                f"{codec} without BOM",
            )
        else:
            try:
                # surrogatepass: UTF-16 surrogates written as UTF-8 (CESU-8, JavaScript
                # strings) decode here; repair() pairs them up or replaces the lone ones
                text, encoding = data.decode("utf-8", "surrogatepass"), "utf-8"
            except UnicodeDecodeError:
                text, encoding = _eight_bit(data, source=source)
    sample = text[:_SAMPLE]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise ArticleError(f"{shown(source)}: binary file (control characters)")
    return text, encoding


@cache
def _ftfy_config() -> Any:
    import ftfy

    # Offsets are mapped back by a diff, so any fix is allowed, but the text should stay the
    # file's: quotes keep their curls and line breaks are left to the cleaning stage.
    return ftfy.TextFixerConfig(
        uncurl_quotes=False, fix_line_breaks=False, explain=False
    )


def _fix(chunk: str) -> str:
    # invisible characters go first: one zero-width space keeps ftfy from re-decoding a
    # whole mojibake line (measured); ftfy has nothing to do on ASCII without entities or
    # terminal escapes, and skipping it there keeps the common case fast
    chunk = _INVISIBLE.sub("", chunk.translate(_SEPARATORS))
    if not chunk.isascii() or "&" in chunk or "\x1b" in chunk:
        import ftfy

        chunk = ftfy.fix_text(chunk, config=_ftfy_config())
    return _JUNK.sub("", chunk)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Lines, long lines cut after whitespace into pieces of about _CHUNK characters."""
    start = 0
    for line in text.splitlines(keepends=True):
        piece_start = 0
        for cut in _cuts(line):
            yield start + piece_start, line[piece_start:cut]
            piece_start = cut
        start += len(line)


def _cuts(line: str) -> Iterator[int]:
    """End positions of the pieces of `line`: after a whitespace about every _CHUNK characters."""
    position = 0
    while position < len(line):
        if position + _CHUNK >= len(line):
            yield len(line)
            return
        space = line.rfind(" ", position, position + _CHUNK)
        if space < 0:  # a run of non-space, cut where it ends (_JUNK drops it whole)
            match = _SPACE.search(line, position + _CHUNK)
            position = match.end() if match else len(line)
        else:
            position = space + 1
        yield position


def repair(text: str) -> tuple[str, tuple[Segment, ...]]:
    """Repair mojibake (ftfy), drop control and invisible characters and non-word runs.

    Returns the repaired text and segments mapping it back to `text`. Lone surrogates become
    U+FFFD (spaCy crashes on them).
    """
    parts: list[str] = []
    blocks: list[Segment] = []
    out = 0
    for start, chunk in _chunks(text):
        if (
            len(chunk) > 2 * _CHUNK
        ):  # a run without spaces: no words for ftfy, no diff needed
            kept = _kept_spans(chunk)
            blocks.extend(
                (out + sum(b - a for a, b in kept[:i]), start + a, b - a)
                for i, (a, b) in enumerate(kept)
            )
            fixed = "".join(chunk[a:b] for a, b in kept)
            parts.append(fixed)
            out += len(fixed)
            continue
        fixed = _fix(chunk)
        if fixed == chunk:
            blocks.append((out, start, len(chunk)))
        elif fixed:
            matcher = SequenceMatcher(None, chunk, fixed, autojunk=False)
            blocks.extend(
                (out + b, start + a, size)
                for a, b, size in matcher.get_matching_blocks()
                if size
            )
        parts.append(fixed)
        out += len(fixed)
    repaired = "".join(parts)
    return repaired, cover(blocks, len(repaired), len(text))


def _kept_spans(chunk: str) -> list[tuple[int, int]]:
    """The stretches of `chunk` between junk (translated separators are kept as they are)."""
    spans, position = [], 0
    for match in _JUNK.finditer(chunk):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(chunk):
        spans.append((position, len(chunk)))
    return spans


def cover(
    blocks: Iterable[Segment], text_length: int, source_length: int
) -> tuple[Segment, ...]:
    """Complete exact `blocks` (sorted, increasing in both texts) into segments that map every
    offset 0..text_length into 0..source_length.

    Segments stay exact, as `Article.segments` promises: an offset inside a stretch with no
    counterpart in the source (a repaired "é" for "Ã©", HTML text split by tags) gets a
    segment of length 0 pointing at the source where the next exact block begins.
    """
    segments: list[Segment] = []
    end = 0
    for t, s, length in [*_merged(blocks), (text_length, source_length, 0)]:
        first = end + 1 if segments else 0  # a block's end offset is already mapped
        segments.extend((k, s, 0) for k in range(first, t))
        segments.append((t, s, length))
        end = t + length
    return tuple(segments)


def _merged(blocks: Iterable[Segment]) -> Iterator[Segment]:
    current: Segment | None = None
    for t, s, length in blocks:
        if (
            current is not None
            and current[0] + current[2] == t
            and current[1] + current[2] == s
        ):
            current = (current[0], current[1], current[2] + length)
            continue
        if current is not None:
            yield current
        current = (t, s, length)
    if current is not None:
        yield current


def remap(
    segments: Iterable[Segment], through: tuple[Segment, ...]
) -> tuple[Segment, ...]:
    """Compose `segments` (text -> intermediate) with `through` (intermediate -> file)."""
    starts = [t for t, _, _ in through]
    result: list[Segment] = []
    for c, r, length in segments:
        i = max(0, bisect_right(starts, r) - 1)
        while i > 0 and through[i - 1][0] + through[i - 1][2] >= r:
            i -= 1  # an earlier segment may also end at r: first match wins, as in Article
        for t, s, size in through[i:]:
            if t > r + length:
                break
            lo, hi = max(r, t), min(r + length, t + size)
            if lo <= hi and (
                hi > lo or not result or result[-1][0] + result[-1][2] < c + lo - r
            ):
                result.append((c + lo - r, s + lo - t, hi - lo))
    return tuple(result)


def _extract_html(
    html: str, *, source: Path
) -> tuple[str, tuple[Segment, ...], str, str | None, str | None]:
    """Main text, its segments into the page, and the page's title, date and URL (trafilatura)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(document, "text", None) or ""
    if not text.strip():
        raise ArticleError(f"{shown(source)}: no article text found in the HTML page")
    return text, _align(text, html), document.title or "", document.date, document.url  # type: ignore[union-attr]


def _outside_tag(html: str, position: int) -> bool:
    return html.rfind("<", 0, position) <= html.rfind(">", 0, position)


def _find(html: str, needle: str, start: int, window: int | None) -> int:
    end = len(html) if window is None else start + window
    found = html.find(needle, start, end)
    while found >= 0 and not _outside_tag(html, found):
        found = html.find(needle, found + 1, end)
    return found


def _align(text: str, html: str) -> tuple[Segment, ...]:
    """Where each line of the extracted text, else each word, stands in the page."""
    blocks: list[Segment] = []
    cursor, offset, window = 0, 0, None
    for line in text.split("\n"):
        found = _find(html, line, cursor, window) if line.strip() else -1
        if found >= 0:
            blocks.append((offset, found, len(line)))
            cursor, window = found + len(line), 50_000
        else:
            for word in re.finditer(r"\S+", line):
                found = _find(html, word.group(), cursor, window)
                if found >= 0:
                    blocks.append((offset + word.start(), found, len(word.group())))
                    cursor, window = found + len(word.group()), 50_000
        offset += len(line) + 1
    return cover(blocks, len(text), len(html))


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
        text, page_map, title, date, url = _extract_html(text, source=path)
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


@cache
def _language_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of `text`, or None when it is too short or unclear.

    English is recognised cheaply by its share of function words (over 0.37 in the seeds,
    at most 0.10 in German, French, Spanish, Dutch and Turkish news, measured); only other
    texts pay for py3langid's model (1.4 s to load), and only a confident answer (p >= 0.9)
    counts: a list of English names must not be skipped as Dutch.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    sample = text[:5_000]
    words = _WORD.findall(sample.lower())
    if len(words) < 20:
        return None
    if sum(w in STOP_WORDS for w in words) >= 0.25 * len(words):
        return "en"
    language, probability = _language_identifier().classify(sample)
    return str(language) if probability >= 0.9 else None
