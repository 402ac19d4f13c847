"""Documents: one input text before cleaning, whatever it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.decode import Segment

_ID = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Document:
    """One input text before cleaning: a file's repaired text, a corpus record or a string.

    `segments` map `text` into the source (`Article.segments`' format); empty means the
    text is the source.
    """

    id: str
    source: str
    text: str
    segments: tuple[Segment, ...] = ()
    title: str = ""
    date: str | None = None  # as the record or page gives it (any format)
    url: str | None = None
    date_how: str | None = None  # where `date` came from: "metadata", "html"


def text_id(text: str) -> str:
    """An article id made of URL-safe characters ("Reuters 850" -> "Reuters-850")."""
    return _ID.sub("-", text).strip("-") or "article"
