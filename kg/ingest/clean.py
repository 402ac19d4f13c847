"""Cleaning: turn the raw text of a scraped page into one or more stories.

Scraped news repeats its headline and captions, carries photo credits, datelines, navigation,
newsletter prompts and "Related News" tails, and sometimes glues two stories into one file.
The rules (ontology/cleaning.json) drop that material line by line; every kept line remembers
where it came from, so provenance offsets point into the original file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.model import Article
from kg.names import fold
from kg.resources import CleaningRules, Ontology

# a full stop and the quotes or brackets that close after it, also as typeset text writes
# them ("account. ''", "account. ' '")
_SENTENCE_END = re.compile(r"[.!?…](?:\s?(?:''|' '|[\"”’')\]]))*\s*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# a dateline without an outlet's credit opens one of a story's first lines
_DATELINE_LINES = 3
_PLAIN_PLACE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}")


@dataclass(frozen=True, slots=True)
class _Line:
    """A line of the page and where its pieces came from: `segments` are
    (offset in text, offset in source, length); inserted characters have none."""

    text: str
    start: int  # offset of text[0] in the source
    blank_before: int  # blank lines just above this one
    segments: tuple[tuple[int, int, int], ...] = ()

    def pieces(self) -> tuple[tuple[int, int, int], ...]:
        return self.segments or ((0, self.start, len(self.text)),)

    def cut(self, start: int) -> _Line:
        """The line without its first `start` characters."""
        return _slice(self, start, len(self.text), self.blank_before)


def _slice(line: _Line, a: int, b: int, blank: int) -> _Line:
    segments = []
    for t, src, n in line.pieces():
        lo, hi = max(a, t), min(b, t + n)
        if lo < hi:
            segments.append((lo - a, src + lo - t, hi - lo))
    start = segments[0][1] - segments[0][0] if segments else line.start
    return _Line(line.text[a:b], start, blank, tuple(segments))


def _repair(line: _Line, rules: CleaningRules) -> _Line:
    """Apply the repairs of cleaning.json (markdown links to their text, glued sentences...),
    keeping every kept character mapped to its place in the source."""
    for pattern, keep in rules.repairs:
        if not pattern.search(line.text):
            continue
        parts: list[_Line | str] = []
        pos = 0
        for match in pattern.finditer(line.text):
            parts.append(_slice(line, pos, match.start(), 0))
            for item in keep:
                parts.append(
                    _slice(line, *match.span(item), 0)
                    if isinstance(item, int)
                    else item
                )
            pos = match.end()
        parts.append(_slice(line, pos, len(line.text), 0))
        text = ""
        segments: list[tuple[int, int, int]] = []
        for part in parts:
            if isinstance(part, _Line):
                segments += [
                    (len(text) + t, src, n) for t, src, n in part.pieces() if n
                ]
                text += part.text
            else:
                text += part
        line = _Line(
            text,
            line.start,
            line.blank_before,
            tuple(segments) or ((0, line.start, 0),),
        )
    stripped = line.text.strip()
    if stripped != line.text:
        lead = len(line.text) - len(line.text.lstrip())
        line = _slice(line, lead, lead + len(stripped), line.blank_before)
    return line


def _lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = 0
    offset = 0
    for piece in raw.splitlines(keepends=True):
        body = piece.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            lines.append(_Line(stripped, offset + lead, blank))
            blank = 0
        else:
            blank += 1
        offset += len(piece)
    return lines


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def is_title_like(text: str) -> bool:
    """A headline: a few words, no final full stop, most words capitalised."""
    words = _WORD.findall(text)
    if not 3 <= len(words) <= 25 or text.rstrip().endswith((".", ":", ",", ";")):
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or len(w) <= 3)
    return capitalised / len(words) >= 0.6


def _is_headline(text: str, rules: CleaningRules) -> bool:
    """A headline before the body: 6 to 30 words, no final full stop, not a caption."""
    words = _words(text)
    return (
        6 <= words <= 30
        and not _SENTENCE_END.search(text)
        and not _is_caption(text, rules)
    )


def _credit(text: str, rules: CleaningRules) -> str | None:
    for pattern in rules.captions:
        match = pattern.search(text)
        if match:
            return match.group("credit").strip()
    return None


def _is_caption(line: str, rules: CleaningRules) -> bool:
    return _credit(line, rules) is not None or any(
        p.search(line) for p in rules.caption_starts
    )


def _split_stories(lines: list[_Line]) -> list[list[_Line]]:
    """Split where a headline follows two or more blank lines and is repeated soon after
    (scrapers duplicate headlines), or starts a block after three blank lines."""
    stories: list[list[_Line]] = [[]]
    for i, line in enumerate(lines):
        if i and stories[-1] and line.blank_before >= 2 and is_title_like(line.text):
            following = [ln.text for ln in lines[i + 1 : i + 12]]
            if line.text in following or line.blank_before >= 3:
                stories.append([])
        stories[-1].append(line)
    return [s for s in stories if s]


def _dateline(
    text: str, rules: CleaningRules, *, first: bool, is_place: Callable[[str], bool]
) -> re.Match[str] | None:
    """The dateline that starts `text`, if it is one: an outlet's credit ("MANILA, June 9
    (Reuters) -") anywhere; in a story's first lines also a place in capitals before a
    dash ("LAGOS —") or a place the gazetteer knows ("Tbilisi:", "Lisbon.")."""
    match = rules.dateline.match(text)
    if match is None:
        return None
    sep = match.group("sep")
    if sep is None:  # the whole line: "BEIRUT, Lebanon (AP)", "ANNAPOLIS, Md."
        return match if _whole_dateline(match, first=first, is_place=is_place) else None
    if match.end() >= len(text):
        return None
    if match.group("credit"):
        return match
    if not first:
        return None
    place = match.group("place").split(",")[0]
    if sep == "." and not _PLAIN_PLACE.fullmatch(place):
        return (
            None  # "The U.S. Treasury", "St. Petersburg": an abbreviation's full stop
        )
    capitals = place.isupper() and sum(c.isalpha() for c in place) >= 3
    if capitals and sep[0] in "-–—":
        return match
    return match if is_place(place) else None


def _wire_dateline(
    text: str, rules: CleaningRules, is_place: Callable[[str], bool]
) -> bool:
    """Does `text` open with a dateline as wire copy writes it, with a date or an
    outlet's credit or its town in capitals ("SPRINGDALE, Ark., March 3 - Shr 12 cts vs
    eight cts")? Such a first line is no headline, however short; a headline's words may
    look like a dateline's place ("Russia, Turkey Sign S-400 Deal")."""
    match = _dateline(text, rules, first=True, is_place=is_place)
    if match is None:
        return False
    town = match.group("place").split(",")[0]
    return bool(match.group("date") or match.group("credit") or town.isupper())


def _whole_dateline(
    match: re.Match[str], *, first: bool, is_place: Callable[[str], bool]
) -> bool:
    """Is a line that is all dateline one ("BEIRUT, Lebanon (AP)" anywhere; "ANNAPOLIS,
    Md." in a story's first lines), not a short line of text ("Lisbon", "Alpha Beta")?
    The agency's credit says so, or a town in capitals and the region or country after it
    ("Md." as wire copy writes it)."""
    if match.group("credit"):
        return True
    place = match.group("place")
    town = place.split(",")[0]
    capitals = town.isupper() and sum(c.isalpha() for c in town) >= 3
    return first and capitals and "," in place and is_place(place)


def _story(
    lines: list[_Line],
    rules: CleaningRules,
    *,
    article_id: str,
    source: str,
    is_place: Callable[[str], bool],
) -> Article | None:
    title = ""
    title_line: _Line | None = None
    seen: set[str] = set()
    credits: list[str] = []
    filed: str | None = None  # the place of the first dateline: "LIMA, Peru"
    filed_at: tuple[int, int] | None = None  # where it is in the source
    filed_on: str | None = None  # the date it gives: "March 3, 2024", "Feb 26"
    kept: list[_Line] = []
    short: list[
        _Line
    ] = []  # lines left out only for being short: a wire item may be one
    for line in lines:
        line = _repair(line, rules)
        text = line.text
        if not text:
            continue
        key = text.casefold()
        if any(p.search(text) for p in rules.tail):
            break
        if key in seen:
            continue
        seen.add(key)
        if any(p.search(text) for p in rules.boilerplate):
            continue
        for pattern in rules.credit_suffixes:
            # "... at the rally. (Photo by JANE DOE/AFP via Getty Images)": the credit
            # goes, the caption's text stays
            glued = pattern.search(text)
            if glued and glued.start() > 0:
                credits.append(glued.group("credit").strip())
                line = _slice(line, 0, glued.start(), line.blank_before)
                text = line.text
                break
        if (
            not kept
            and not title
            and _is_headline(text, rules)
            and not _wire_dateline(text, rules, is_place)
        ):
            title, title_line = text, line
            continue
        if _is_caption(text, rules):
            credit = _credit(text, rules)
            if credit:
                credits.append(credit)
            continue
        for _ in range(2):  # "Nairobi, Sep 12: Nairobi: The president ..."
            dateline = _dateline(
                text, rules, first=len(kept) < _DATELINE_LINES, is_place=is_place
            )
            if dateline is None:
                break
            if dateline.group("credit"):
                credits.append(dateline.group("credit").strip())
            if filed is None:
                place = _slice(line, *dateline.span("place"), line.blank_before)
                filed = " ".join(place.text.split())
                filed_at = (place.start, place.start + len(place.text))
                filed_on = dateline.group("date")
            line = line.cut(dateline.end())
            text = line.text
        if not text:  # the line was all dateline
            continue
        if _words(text) < rules.min_body_words and not _SENTENCE_END.search(text):
            short.append(line)
            continue
        kept.append(line)
    # a story that is only a headline-like line or a few short lines ("Turkey bought the
    # S-400 from Russia", no final full stop) is still a story: only no sentence is no text
    kept = kept or short
    if not kept and title_line is None:
        if filed is None:
            return None
        # a wire item of which only the dateline is left ("BEIRUT, Lebanon (AP)") still
        # says where it was filed from: an article with no text
        return Article(
            id=article_id,
            title="",
            text="",
            source=source,
            segments=((0, filed_at[0] if filed_at else 0, 0),),
            credits=tuple(dict.fromkeys(credits)),
            dateline=filed,
            dateline_at=filed_at,
            dateline_date=filed_on,
        )
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    offset = 0
    for line in ([title_line] if title_line else []) + kept:
        segments += [(offset + t, src, n) for t, src, n in line.pieces()]
        # the "\n\n" between paragraphs is not in the source: its inner offset gets a segment
        # of length 0 at the end of the line before, so every offset of the text maps somewhere
        last = line.pieces()[-1]
        segments.append((offset + len(line.text) + 1, last[1] + last[2], 0))
        parts.append(line.text)
        offset += len(line.text) + 2
    segments.pop()  # no separator after the last paragraph
    return Article(
        id=article_id,
        title=title,
        text="\n\n".join(parts),
        source=source,
        segments=tuple(segments),
        credits=tuple(dict.fromkeys(credits)),
        dateline=filed,
        dateline_at=filed_at,
        dateline_date=filed_on,
    )


def clean_text(
    raw: str, *, source: str, article_id: str, ontology: Ontology
) -> list[Article]:
    """Split `raw` into stories and clean each; ids are `article_id`, then `-2`, `-3`..."""
    rules = ontology.cleaning_rules

    def is_place(name: str) -> bool:
        """A known place; after a town's comma also a region as wire copy writes it."""
        entry = ontology.entry(ontology.names.get(fold(name)))
        if entry is None and "," in name:
            entry = ontology.dateline_place(name.split(",")[-1])
        return entry is not None and entry.cls in ("City", "Country", "Region")

    articles: list[Article] = []
    for number, story in enumerate(_split_stories(_lines(raw)), 1):
        story_id = article_id if number == 1 else f"{article_id}-{number}"
        article = _story(
            story, rules, article_id=story_id, source=source, is_place=is_place
        )
        if article is not None:
            articles.append(article)
    return articles
