"""Splitting: an article too long to parse at once becomes parts, each with its own segments.

spaCy refuses texts over `nlp.max_length` (E088) and needs about 1 GB per 100,000 characters,
so a long story is cut at paragraph breaks, else sentence breaks, else words; every part keeps
the segments of its stretch, so provenance offsets still point into the same source file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kg.model import Article

_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+"),
    re.compile(r"\s+"),
)


def _units(
    text: str, start: int, end: int, limit: int, level: int = 0
) -> Iterator[tuple[int, int]]:
    """Stretches of text[start:end] no longer than `limit`: paragraphs, else sentences, else
    words, else hard cuts."""
    if end - start <= limit:
        yield start, end
    elif level == len(_BREAKS):
        for cut in range(start, end, limit):
            yield cut, min(cut + limit, end)
    else:
        position = start
        for match in _BREAKS[level].finditer(text, start, end):
            if match.start() > position:
                yield from _units(text, position, match.start(), limit, level + 1)
            position = match.end()
        if position < end:
            yield from _units(text, position, end, limit, level + 1)


def split_article(article: Article, *, max_chars: int) -> list[Article]:
    """The article, or its parts of at most `max_chars` characters (spaCy refuses texts over
    nlp.max_length, E088, and needs about 1 GB per 100,000 characters)."""
    if len(article.text) <= max_chars:
        return [article]
    bounds: list[tuple[int, int]] = []
    for start, end in _units(article.text, 0, len(article.text), max_chars):
        if bounds and end - bounds[-1][0] <= max_chars:
            bounds[-1] = (bounds[-1][0], end)
        else:
            bounds.append((start, end))
    parts = []
    for number, (start, end) in enumerate(bounds, 1):
        segments = tuple(
            (lo - start, source + lo - clean, hi - lo)
            for clean, source, length in article.segments
            for lo, hi in [(max(clean, start), min(clean + length, end))]
            if lo <= hi
        )
        part_id = article.id if number == 1 else f"{article.id}-part{number}"
        parts.append(
            replace(
                article, id=part_id, text=article.text[start:end], segments=segments
            )
        )
    return parts
