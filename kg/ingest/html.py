"""Web pages: the main text of an HTML page (trafilatura), aligned with the page so that
provenance offsets point into the file, with its title, date and URL."""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import ArticleError
from kg.ingest.decode import Segment, cover
from kg.names import shown


def extract_html(
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
