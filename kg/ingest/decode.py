"""Decoding and repair: a file's bytes to text, with segments that map the text back.

Scraped news is hostile input: UTF-16 without a byte order mark, Windows-1252, mojibake,
control characters, 50 MB lines. Repairs change the text, yet provenance must point into the
file the analyst has, so every repair returns `segments`, in the format of
`Article.segments`: each `(text_start, file_start, length)` says that
`text[text_start:text_start+length]` is the decoded file's `[file_start:file_start+length]`.
Segments are exact where the text is the file's; an offset inside a repaired stretch gets a
segment of length 0 pointing at the file where the stretch ends, so every offset maps into
the file.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import ArticleError
from kg.names import shown

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


_SPACE = re.compile(r"\s")


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
        f"{shown(source)}: unknown encoding (not UTF-8, UTF-16, Windows-1252 or any "
        "charset-normalizer knows)"
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
