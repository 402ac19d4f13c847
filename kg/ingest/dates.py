"""Dates: when an article was published, and when the facts it reports happened.

Analysts ask "when", so every article and every fact gets a date read from the text
alone, offline. A date is a `When`: an ISO 8601 value whose length is its precision
("2019-02-26" day, "2019-02" month, "2019" year: xsd:date, xsd:gYearMonth, xsd:gYear),
the words it was read from and how it was found. A span of time ("from 2017 to 2019",
"the 1990s", "last week") also has an `end` of the same precision. Values sort as
strings, and a value never claims more precision than the words give.

`dateparser` parses and normalises (formats, month names, "two years ago" against a
reference date, which parts a string states); the small rules here do what it does not:

* Weekdays follow the tense: in the past, the latest such weekday on or before the
  reference (an article of Tuesday 2019-02-26 saying "signed on Tuesday" means that very
  day); in the future, the first on or after it; with no tense (or the present), the
  nearer of the two. "last Tuesday" is strictly before, "next Tuesday" strictly after.
* A month or day without a year ("December", "Feb. 26") takes the year that puts it on
  the tense's side of the reference, or the nearest with no tense; a weekday with it
  ("Tuesday, Feb. 19") picks the year where the two agree. "April last year" is April
  of the year before.
* A week has no XSD type, so "last week", "this week", "two weeks ago" and "in two
  weeks" become the week's Monday to Sunday: day precision with an `end`. In the past
  tense "this week" ends on the reference day, in the future it starts there. A weekend
  is its Saturday and Sunday.
* "earlier this month", "later this year" are the month or year itself; "early 2019",
  "mid-March", "the end of 2018" keep the precision of the date they qualify.
* A decade is a range of years ("the 1990s" 1990..1999, "the '90s" likewise); "the
  1900s" and earlier round hundreds, and "the 19th century", are centuries
  (1900..1999, 1800..1899).
* Ranges ("from 2017 to 2019", "between March and May 2019", "2017-19", "March 3-5,
  2019") get both ends at the coarser precision of the two; an end's year is lent to a
  start without one.
* "in two weeks" is a future offset, except in the past tense, where it is a duration.
* Vague or narrative-relative words give None: "recently", "soon", "for years", "the
  next day", "two days later", "a few years ago", "the past week"; so do dates that are
  not the fact's own: "before 2015", "after March 3", "until 2019" ("since 2015" and
  "by 2030" keep their year). A time without a date ("3 p.m.") is None too.
* Guards against dateparser's readings of ordinary words: "may" and "march" alone are
  months only when capitalised and, outside a date with numbers, after a word like "in",
  "since" or "last"; "sat", "sun", "second" and bare numbers are never dates; a bare
  year in a sentence needs such a word too ("in 2015"), or "the" before a noun ("the
  2016 election", not "the 2000 troops").
* Without a reference date only absolute expressions (with a stated year) resolve.

An article's date, in order of trust: the corpus record's metadata (`parse_date_value`);
the page's markup (htmldate: the original, not the modified date, without its search of
the text); then the article's own top 15 and bottom 6 lines: a dateline with a year
("LIMA, Peru, March 3, 2024 (AP) —"), a published line, a date alone on its line, a
byline with a date, an updated line, and last a dateline without a year ("WASHINGTON,
Feb 26 (Reuters) -") when the lines above it state exactly one year.

`find_times` finds expressions in a sentence with one regular expression of the shapes
above and resolves each; without a given tense it guesses one per clause from cue words
(`guess_tense`: "will", "plans to", "may" are future; "said", "was", "-ed" are past).

Speed: expressions are checked by regular expressions first, so dateparser only sees
strings of a known shape; it is asked for English only (no language detection), with one
parser per reference date, and every result is cached. Nothing is downloaded.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from functools import lru_cache
from typing import Any

PRECISIONS = ("day", "month", "year")
XSD_TYPES = {"day": "date", "month": "gYearMonth", "year": "gYear"}
TENSES = ("past", "present", "future")

# dateparser fills missing parts from a base date: a fixed one keeps results independent
# of the clock when there is no reference (only expressions with a year are used then)
_FIXED_BASE = datetime(2000, 1, 1)
_PERIODS = {
    "time": "day",
    "part_of_day": "day",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}
_RANK = {"day": 0, "month": 1, "year": 2}
_MAX_EXPRESSION = 80  # characters: a longer "date entity" is a clause, not a date
_HEAD_LINES = 15  # non-blank lines at the top of an article where a date may stand
_TAIL_LINES = 6  # and at the bottom
_LINE_MAX = 200  # a published line or byline is short
_DATE_LINE_MAX = 60  # a date on a line of its own, perhaps with a time and zone


@dataclass(frozen=True, slots=True)
class When:
    """A date or span of dates, its precision, the words it was read from and how."""

    value: str
    precision: str
    text: str
    how: str
    end: str | None = None

    @property
    def xsd(self) -> str:
        """The XSD datatype of `value` and `end`: date, gYearMonth or gYear."""
        return XSD_TYPES[self.precision]


# --- patterns -------------------------------------------------------------------------

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November"
    "|December"
)
_MONTH = (
    rf"(?:(?:{_MONTH_FULL})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
    r"(?:\.|\b))"
)
# a month alone: not May or March (a verb), nor a given name ("June Carter")
_MONTH_ALONE = (
    r"(?:January|February|April|June|July|August|September|October|November|December)"
    r"\b(?!\s+[A-Z][a-z])"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:1\d|20|21)\d\d\b"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_WEEKDAY_ANY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\b\.?"
)
_NUMERIC = (
    r"\d{4}-\d\d-\d\d\b|\d{4}/\d\d/\d\d\b|(?:3[01]|[12]\d|0?[1-9])[./](?:1[0-2]|0?[1-9])"
    r"[./]\d{4}\b|(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])/\d{4}\b"
)
# a date spelled with a month name or in digits, the year optional
_EXPLICIT = (
    rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"
    rf"(?:{_MONTH}\s*{_DAY}(?:\s*,?\s*{_YEAR})?"
    rf"|(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*{_YEAR})?"
    rf"|{_MONTH}\s*,?\s*(?:of\s+)?{_YEAR}"
    rf"|{_NUMERIC})"
)
_QUALIFIER = (
    r"(?i:(?:the\s+)?(?:early|mid|late)|earlier|later|fiscal(?:\s+year)?"
    r"|the\s+(?:end|start|beginning"
    r"|middle|first\s+half|second\s+half|(?:first|second|third|fourth|last)\s+quarter)"
    r"\s+of)(?:\s*-\s*|\s+)"
)
_DECADE = r"(?:(?i:the)\s+)?(?:(?:1\d|20)\d0s|['’]\d0s)(?![\w'’])"
_CENTURY = r"(?i:the\s+(?:1\d|20|21|[1-9])(?:st|nd|rd|th)\s+century)\b"
_NUMBER = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fifteen|twenty|thirty|forty|fifty)"
)
_UNIT = r"(?:day|week|month|year|decade)s?"
_AGO = rf"(?i:{_NUMBER}\s+{_UNIT}\s+ago)\b"
_IN_UNITS = rf"(?i:in\s+{_NUMBER}\s+{_UNIT}(?:['’]?\s+time)?)\b"
_DAY_WORD = (
    r"(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today"
    r"|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b"
)
_PERIOD = (
    r"(?i:(?:(?:early|late|earlier|later)\s+)?(?:last|next|this(?:\s+(?:past|coming))?)"
    r"\s+(?:week|month|year|weekend)"
    # "at the weekend", "over the weekend": the weekend next to the day of writing
    r"|(?:(?<=at\s)|(?<=over\s)|(?<=during\s))the\s+weekend)\b"
)
_THIS = r"(?i:last|next|this(?:\s+(?:past|coming))?)"
_PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_WEEKDAY_REL = rf"(?:{_THIS}\s+)?{_WEEKDAY}{_PART_OF_DAY}"
_CUE = r"(?i:in|on|at|since|by|during|from|through|throughout|around|circa|of|as\s+of)"
_POINT = rf"(?:{_EXPLICIT}|{_MONTH_FULL}|{_WEEKDAY}|{_YEAR})"
_RANGE = (
    rf"(?i:from|between)\s+(?P<a>{_POINT})\s*(?:(?i:to|until|till|through|and)\b|[-–])"
    rf"\s*(?P<b>{_POINT})"
)
_YEAR_RANGE = rf"(?P<y1>{_YEAR})\s*[-–]\s*(?P<y2>{_YEAR}|\d\d\b)(?![-/.]\d)"
_DAY_RANGE = (
    rf"(?P<dm>{_MONTH})\s*(?P<d1>{_DAY})\s*[-–]\s*(?P<d2>{_DAY})"
    rf"(?:\s*,?\s*(?P<dy>{_YEAR}))?"
    rf"|(?:(?i:from|between)\s+)?(?P<d3>{_DAY})\s*(?:[-–]|(?i:to|and|until|through)\b)"
    rf"\s*(?P<d4>{_DAY})\s+(?:of\s+)?(?P<dm2>{_MONTH})(?:\s*,?\s*(?P<dy2>{_YEAR}))?"
)
# "April last year", "December of next year"
_MONTH_OF_YEAR = (
    rf"(?P<rm>{_MONTH})\s+(?:of\s+)?(?P<rw>(?i:last|this|next))\s+(?i:year)\b"
)

# find_times: one scan of a sentence, the longest kinds first
_FIND = re.compile(
    rf"(?<![\w'’-])(?:(?P<range>{_RANGE})|(?:(?P<cue>{_CUE})\s+)?(?P<core>"
    rf"{_DAY_RANGE}|{_YEAR_RANGE}|{_MONTH_OF_YEAR}"
    rf"|(?:{_QUALIFIER})?(?:{_EXPLICIT})"
    rf"|(?:{_QUALIFIER})?{_DECADE}|{_CENTURY}|{_AGO}|{_IN_UNITS}|{_DAY_WORD}|{_PERIOD}"
    rf"|(?:{_QUALIFIER})?{_WEEKDAY_REL}"
    rf"|(?:{_QUALIFIER})?(?:{_THIS}\s+)?(?:{_MONTH_ALONE}|(?P<ambiguous>May|March)\b)"
    rf"|(?:{_QUALIFIER})?(?P<year>{_YEAR})(?![.,]?\d|\s*(?:%|(?i:percent)))"
    rf"|(?i:the)\s+(?P<adjective>(?:19|20)\d\d)(?=\s+[a-z])"
    r"))"
)
# every expression _FIND knows holds one of these: it is only tried near them
_TRIGGER = re.compile(
    r"\d+|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat"
    r"|Sun)|(?i:\b(?:yesterday|today|tomorrow|tonight|ago|day|week|month|year|decade"
    r"|centur|night|morning|afternoon|evening))"
)
_START = re.compile(r"(?<![\w'’-])[\w'’]")  # where an expression may begin
_WORD = re.compile(r"[\w'’]+")
# the words an expression may open with before its first trigger
_PREFIX_WORD = re.compile(
    r"(?i:from|between|in|on|at|since|by|during|through|throughout|around|circa|of|as"
    r"|the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|early|mid|late|earlier|later|end|start|beginning"
    r"|middle|first|second|third|fourth|last|half|quarter|next|this|past|coming"
    r"|fiscal|year)"
)
_GAP = re.compile(r"\s+|\s*-\s*")
_LOOK_BACK = 6  # words a trigger may follow: "as of the end of 2019", "from 2017 to"
_LOOK_AHEAD = 120  # characters an expression may run on after its trigger
# words before a date that make it the wrong date for the fact
_SHIFTED = re.compile(
    r"(?i:\b(?:before|after|prior\s+to|ahead\s+of|following|until|till|up\s+to)\s*)$"
)

# resolve_time: the shape of one expression
_SPACE = re.compile(r"\s+")
_LEADING = re.compile(
    r"^(?:(?:on|in|at|during|since|by|throughout|around|circa|about|as\s+of"
    r"|sometime\s+in|some\s+time\s+in|of)\s+)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:['’]s)?[\s,;:!?)]*$")
_QUALIFIER_START = re.compile(rf"^(?:{_QUALIFIER})")
_RANGE_FULL = re.compile(rf"(?:{_RANGE})$", re.IGNORECASE)
_YEAR_RANGE_FULL = re.compile(rf"(?:{_YEAR_RANGE})$")
_DAY_RANGE_FULL = re.compile(rf"(?:{_DAY_RANGE})$", re.IGNORECASE)
_YEAR_FULL = re.compile(rf"{_YEAR}$")
_DECADE_FULL = re.compile(
    r"(?:the\s+)?(?:(?P<full>(?:1\d|20)\d0)s|['’](?P<short>\d)0s)$", re.IGNORECASE
)
_CENTURY_FULL = re.compile(
    r"the\s+(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century$", re.IGNORECASE
)
_AGO_FULL = re.compile(rf"{_AGO}$")
_IN_FULL = re.compile(rf"{_IN_UNITS}$")
_DAY_WORD_FULL = re.compile(rf"{_DAY_WORD}$")
_PERIOD_FULL = re.compile(
    r"(?:(?P<edge>early|late|earlier|later)\s+)?(?P<which>last|next|this"
    r"(?:\s+(?:past|coming))?|the(?=\s+weekend))\s+(?P<unit>week|month|year|weekend)$",
    re.IGNORECASE,
)
_WEEKDAY_FULL = re.compile(
    r"(?:(?P<which>last|next|this(?:\s+(?:past|coming))?)\s+)?(?P<day>monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening"
    r"|night))?$",
    re.IGNORECASE,
)
_MONTH_ALONE_FULL = re.compile(
    rf"(?:(?P<which>{_THIS})\s+)?(?P<month>{_MONTH_FULL}|{_MONTH_FULL.upper()})$"
)
_WEEKDAY_START = re.compile(
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)
_MONTH_END = re.compile(rf"{_MONTH}$")
_EXPLICIT_FULL = re.compile(rf"(?:{_EXPLICIT})$", re.IGNORECASE)
_EXPLICIT_IN = re.compile(
    rf"(?<![\w-])(?:{_YEAR}\s*[-–]\s*(?:{_YEAR}|\d\d\b)|{_EXPLICIT}|{_YEAR})",
    re.IGNORECASE,
)
_MONTH_OF_YEAR_FULL = re.compile(rf"(?:{_MONTH_OF_YEAR})$", re.IGNORECASE)
_HAS_YEAR = re.compile(rf"(?<![\w-]){_YEAR}|\d{{4}}-\d\d|['’]\d\d\b")
_YEAR_AT_END = re.compile(rf"\s{_YEAR}$")
_ADJECTIVE_YEAR = re.compile(r"the\s+(?P<year>(?:19|20)\d\d)\s+[a-z]", re.IGNORECASE)
_NUMERIC_DOTS = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
# words that make an expression vague, a duration, or relative to another event
_VAGUE = re.compile(
    r"\b(?:recent|recently|soon|lately|now|currently|nowadays|once|ever|then|ago"
    r"|earlier|later|before|after|prior|previous|preceding|following|next|past|coming"
    r"|same|few|several|many|some|couple|ahead|within|over|for|each|every|per|the\s+day"
    r"|until|till|up\s+to|between|and|or|from|to"
    r"|that|those|these)\b",
    re.IGNORECASE,
)
_SEASON_YEAR = re.compile(
    rf"(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<year>{_YEAR})$",
    re.IGNORECASE,
)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

# the tense of a clause without a parser: a future cue, else a past one
_FUTURE = re.compile(
    r"\b(?:(?i:will|won['’]t|wo\s+n['’]t|shall|would|going\s+to|plans?\s+to|planned\s+to"
    r"|intends?\s+to|expected\s+to|due\s+to|set\s+to|scheduled|slated|(?:is|are)\s+to"
    r"|upcoming)|may|might)\b|['’]ll\b"
)
_PAST = re.compile(
    r"\b(?:(?i:was|were|had|did|said|told|met|took|made|gave|went|came|won|lost|held"
    r"|left|found|saw|fell|rose|began|became|kept|sent|spent|struck|led|fled|shot"
    r"|fought|sought|bought|brought|paid|sold|built|wrote|spoke|broke|chose|flew|knew"
    r"|grew|threw|ran|stood|got|ago)|(?!(?:need|speed|seed|indeed|proceed|exceed"
    r"|succeed|breed|greed|feed|heed|bleed|hundred|sacred|naked|wicked|rugged"
    r"|beloved|alleged|embed|shed)\b)[a-z]{2,}ed)\b"
)
_CLAUSE_BREAK = re.compile(r"[;:,()]|\b(?:that|but|while|and|when|because|who|which)\b")


# --- dateparser -----------------------------------------------------------------------


@lru_cache(maxsize=256)
def _parser(base: date | None, order: str | None, relative: bool) -> Any:
    """A dateparser parser for English, one per base date and setting."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "current_period",
        "RETURN_TIME_AS_PERIOD": True,
        "RELATIVE_BASE": datetime.combine(base, clock()) if base else _FIXED_BASE,
        "PARSERS": ["relative-time"] if relative else ["absolute-time"],
    }
    if order:
        settings["DATE_ORDER"] = order
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=16384)
def _dateparse(
    text: str, base: date | None, relative: bool = False, order: str | None = None
) -> tuple[date, str, tuple[str, ...]] | None:
    """dateparser's reading of `text`: the date, its precision and the parts stated."""
    if order is None and _NUMERIC_DOTS.search(text):
        order = "DMY"  # 27.11.2019: dotted dates are day first wherever they are used
    try:
        data = _parser(base, order, relative).get_date_data(text)
    except Exception:  # dateparser on hostile input: overflow, recursion, odd unicode
        return None
    if data is None or data.date_obj is None:
        return None
    precision = _PERIODS.get(data.period or "day", "day")
    return data.date_obj.date(), precision, tuple(data.parts or ())


# --- small helpers --------------------------------------------------------------------


def _iso(day: date, precision: str) -> str:
    """`day` written at `precision`: 2019-02-26, 2019-02 or 2019."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _when(
    start: date,
    precision: str,
    text: str,
    how: str,
    end: date | None = None,
) -> When:
    """A When for `start` (and `end`) at `precision`; a week is Monday to Sunday."""
    if precision == "week":
        monday = start - timedelta(days=start.weekday())
        start, end, precision = monday, monday + timedelta(days=6), "day"
    value = _iso(start, precision)
    last = _iso(end, precision) if end is not None else None
    return When(value, precision, text, how, None if last == value else last)


def reference_date(published: str | None) -> date | None:
    """An article's ISO date as the reference of relative times; a month or a year alone
    ("2019-02", "2019") is no day to count weekdays from, so it gives none."""
    if not published or len(published) != 10:
        return None
    try:
        return date.fromisoformat(published)
    except ValueError:
        return None


def _as_date(reference: object) -> date | None:
    """A reference date from a date or datetime; anything else is no reference."""
    if isinstance(reference, datetime):
        return reference.date()
    return reference if isinstance(reference, date) else None


def _pick(candidates: list[date], reference: date, tense: str | None) -> date | None:
    """The candidate on the tense's side of `reference` (or on it), else the nearest."""
    if tense == "past":
        before = [c for c in candidates if c <= reference]
        return max(before) if before else None
    if tense == "future":
        after = [c for c in candidates if c >= reference]
        return min(after) if after else None
    return min(candidates, key=lambda c: (abs((c - reference).days), c > reference))


# --- rules ----------------------------------------------------------------------------


def _weekday(match: re.Match[str], ref: date, tense: str | None) -> date:
    """The weekday named in `match` relative to `ref` by its modifier or the tense."""
    target = _WEEKDAYS[match["day"].lower()]
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    which = " ".join((match["which"] or "").lower().split())
    if which in ("last", "this past"):
        return ref - timedelta(days=back or 7)
    if which in ("next", "this coming"):
        return ref + timedelta(days=ahead or 7)
    if tense == "past":
        return ref - timedelta(days=back)
    if tense == "future":
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back) if back <= ahead else ref + timedelta(days=ahead)


def _weekend(which: str, ref: date, tense: str | None) -> tuple[date, date]:
    """Saturday and Sunday of the weekend meant by last/this/next weekend."""
    saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)  # latest on or before
    if which in ("last", "this past"):
        if saturday + timedelta(days=1) >= ref:  # the weekend is not over yet
            saturday -= timedelta(days=7)
    elif which in ("next", "this coming"):
        saturday += timedelta(days=7)
    elif tense != "past" and saturday + timedelta(days=1) < ref:
        saturday += timedelta(days=7)  # "this weekend": the coming one
    return saturday, saturday + timedelta(days=1)


def _month_alone(match: re.Match[str], ref: date, tense: str | None) -> date:
    """The first of the month named in `match`, in the year of its modifier or tense."""
    month = _MONTHS[match["month"].lower()]
    this = ref.replace(day=1)
    candidates = [date(ref.year + shift, month, 1) for shift in (-1, 0, 1)]
    which = " ".join((match["which"] or "").lower().split())
    if which in ("last", "this past"):
        return max(c for c in candidates if c < this)
    if which in ("next", "this coming"):
        return min(c for c in candidates if c > this)
    return _pick(candidates, this, tense) or candidates[1]


def _no_year(
    day: date, precision: str, ref: date, tense: str | None, weekday: int | None
) -> date | None:
    """A month or day read without a year in the year the tense (or a weekday) gives."""
    if precision == "month":
        candidates = [date(ref.year + shift, day.month, 1) for shift in (-1, 0, 1)]
        return _pick(candidates, ref.replace(day=1), tense)
    candidates = []
    for shift in range(-8, 9):  # 29 February comes back every four (or eight) years
        try:
            candidates.append(date(ref.year + shift, day.month, day.day))
        except ValueError:
            continue
    named = [c for c in candidates if c.weekday() == weekday]
    if named:  # the weekday pins the year, whatever the tense says
        return _pick(named, ref, None)
    return _pick(candidates, ref, tense) if candidates else None


def _explicit(
    text: str, ref: date | None, tense: str | None, source: str
) -> When | None:
    """A date with a month name or in digits, a missing year given by the tense."""
    parsed = _dateparse(text, None)
    if parsed is None:
        return None
    day, precision, parts = parsed
    if precision not in _RANK:
        return None
    if "year" in parts:
        return _when(day, precision, source, "explicit")
    if ref is None:
        return None
    named = _WEEKDAY_START.match(text)
    weekday = _WEEKDAYS[named.group(1).lower()] if named else None
    picked = _no_year(day, precision, ref, tense, weekday)
    return _when(picked, precision, source, "relative") if picked else None


def _relative(text: str, ref: date, tense: str | None, source: str) -> When | None:
    """An expression relative to the reference date, read by dateparser."""
    parsed = _dateparse(text, ref, relative=True)
    if parsed is None:
        return None
    day, precision, _parts = parsed
    return _when(day, precision, source, "relative")


def _period(
    match: re.Match[str], ref: date, tense: str | None, source: str
) -> When | None:
    """last/this/next week, month, year or weekend, perhaps earlier or later in it."""
    which = " ".join(match["which"].lower().split())
    unit = match["unit"].lower()
    edge = (match["edge"] or "").lower()
    if unit == "weekend":
        saturday, sunday = _weekend(which, ref, tense)
        return _when(saturday, "day", source, "relative", sunday)
    plain = {"this past": "last", "this coming": "next"}.get(which, which)
    found = _relative(f"{plain} {unit}", ref, tense, source)
    if found is None or unit != "week" or plain != "this":
        return found
    monday = ref - timedelta(days=ref.weekday())
    start, end = monday, monday + timedelta(days=6)
    if edge in ("earlier", "early") or (tense == "past" and not edge):
        end = ref
    elif edge in ("later", "late") or (tense == "future" and not edge):
        start = ref
    return _when(start, "day", source, "relative", end)


def _decade(match: re.Match[str], ref: date | None, source: str) -> When | None:
    """A decade as a range of years; round hundreds before 2000 are centuries."""
    if match["full"]:
        first = int(match["full"])
        if first % 100 == 0 and first < 2000:
            return When(str(first), "year", source, "explicit", str(first + 99))
        return When(str(first), "year", source, "explicit", str(first + 9))
    if ref is None:
        return None
    first = 1900 + int(match["short"]) * 10  # the '90s: the latest such decade begun
    while first + 100 <= ref.year:
        first += 100
    return When(str(first), "year", source, "relative", str(first + 9))


def _range(
    a: str, b: str, ref: date | None, tense: str | None, source: str
) -> When | None:
    """A range from its two ends, the end's year lent to a start without one."""
    starts = [a]
    year = None if _HAS_YEAR.search(a) else _HAS_YEAR.search(b)
    if year and (_MONTH_ALONE_FULL.match(a) or _EXPLICIT_FULL.match(a)):
        lent = int(year.group())  # the year before: "from December to March 2019"
        starts = [f"{a} {lent}", f"{a} {lent - 1}"]
    stop = resolve_time(b, reference=ref, tense=tense)
    if stop is None:
        return None
    for text in starts:
        start = resolve_time(text, reference=ref, tense=tense)
        if start is None:
            return None
        precision = max(start.precision, stop.precision, key=_RANK.__getitem__)
        cut = {"day": 10, "month": 7, "year": 4}[precision]
        first, last = start.value[:cut], (stop.end or stop.value)[:cut]
        if first <= last:
            how = "explicit" if {start.how, stop.how} == {"explicit"} else "relative"
            return When(first, precision, source, how, None if first == last else last)
    return None


def _strip(text: str) -> str:
    """The expression without leading prepositions, possessive or final punctuation."""
    text = _TRAILING.sub("", text)
    if text.endswith(".") and not _MONTH_END.search(text):
        text = text[:-1]
    return _LEADING.sub("", text)


@lru_cache(maxsize=32768)
def _resolve(text: str, ref: date | None, tense: str | None) -> When | None:
    """resolve_time on a normalised expression (cached)."""
    if not re.search(r"[0-9A-Za-z]", text):
        return None
    if ref is not None and _IN_FULL.match(text):
        return None if tense == "past" else _relative(text, ref, tense, text)
    core = _strip(text)
    if match := _PERIOD_FULL.match(core):  # before "earlier" goes with the qualifiers
        return _period(match, ref, tense, text) if ref else None
    core = _QUALIFIER_START.sub("", core)
    if not core:
        return None
    if match := _RANGE_FULL.match(core):
        return _range(match["a"], match["b"], ref, tense, text)
    if match := _YEAR_RANGE_FULL.match(core):
        first, last = match["y1"], match["y2"]
        last = first[:2] + last if len(last) == 2 else last
        if first >= last:
            return None
        return When(first, "year", text, "explicit", last)
    if match := _DAY_RANGE_FULL.match(core):
        month = match["dm"] or match["dm2"]
        year = f", {match['dy'] or match['dy2']}" if match["dy"] or match["dy2"] else ""
        days = (match["d1"], match["d2"]) if match["dm"] else (match["d3"], match["d4"])
        first, last = (f"{month} {day}{year}" for day in days)
        return _range(first, last, ref, tense, text)
    if match := _MONTH_OF_YEAR_FULL.match(core):
        if ref is None:
            return None
        shift = {"last": -1, "this": 0, "next": 1}[match["rw"].lower()]
        month = _dateparse(match["rm"], None)
        if month is None:
            return None
        found = date(ref.year + shift, month[0].month, 1)
        return _when(found, "month", text, "relative")
    if _YEAR_FULL.match(core):
        return When(core, "year", text, "explicit")
    if match := _DECADE_FULL.match(core):
        return _decade(match, ref, text)
    if match := _CENTURY_FULL.match(core):
        first = (int(match["n"]) - 1) * 100
        return When(f"{first:04d}", "year", text, "explicit", f"{first + 99:04d}")
    if _AGO_FULL.match(core) or _DAY_WORD_FULL.match(core):
        return _relative(core, ref, tense, text) if ref else None
    if match := _WEEKDAY_FULL.match(core):
        return (
            When(_weekday(match, ref, tense).isoformat(), "day", text, "weekday")
            if ref
            else None
        )
    if match := _MONTH_ALONE_FULL.match(core):
        if ref is None:
            return None
        return _when(_month_alone(match, ref, tense), "month", text, "relative")
    if _EXPLICIT_FULL.match(core):
        return _explicit(core, ref, tense, text)
    if match := _SEASON_YEAR.match(core):
        return When(match["year"], "year", text, "explicit")
    # a date inside other words ("the first quarter of 2019", "Christmas Day 2018"),
    # unless they shift it or make it vague ("a year before 2018", "for years")
    if _VAGUE.search(core):
        return None
    found = {m.group() for m in _EXPLICIT_IN.finditer(core)}
    if len(found) != 1:
        return None
    inner = found.pop()
    if inner == core:
        return None
    if _YEAR_FULL.match(inner) and not _YEAR_AT_END.search(core):
        # a bare year ends the words ("Christmas 2018") or qualifies the noun after it
        # ("the 2016 election"), but "1500 troops" and "the 2000 troops" are numbers
        adjective = _ADJECTIVE_YEAR.match(core)
        if adjective is None or int(adjective["year"]) % 100 == 0:
            return None
    result = _resolve(inner, ref, tense)
    return replace(result, text=text) if result else None


# --- public API -----------------------------------------------------------------------


def resolve_time(
    expression: str, *, reference: date | None, tense: str | None = None
) -> When | None:
    """One temporal expression normalised against the article date, or None."""
    if not isinstance(expression, str):
        return None
    text = _SPACE.sub(" ", expression).strip()
    if not text or len(text) > _MAX_EXPRESSION:
        return None
    return _resolve(text, _as_date(reference), tense if tense in TENSES else None)


def guess_tense(sentence: str, start: int = 0, end: int | None = None) -> str | None:
    """The tense of the clause around sentence[start:end] by cue words, or None."""
    end = len(sentence) if end is None else end
    left, right = sentence[:start], sentence[end:]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    after = _CLAUSE_BREAK.search(right)
    clause = (
        left[breaks[-1].end() if breaks else 0 :]
        + " "
        + right[: after.start() if after else len(right)]
    )
    places = [clause]
    if len(clause.split()) <= 1 and after:  # a fronted "On Friday," takes the next
        following = right[after.end() :]
        stop = _CLAUSE_BREAK.search(following)
        places.append(following[: stop.start() if stop else len(following)])
    for place in places:
        if _FUTURE.search(place):
            return "future"
        if _PAST.search(place):
            return "past"
    return None


def find_times(
    sentence: str, *, reference: date | None, tense: str | None = None
) -> list[tuple[int, int, When]]:
    """Temporal expressions in a plain-text sentence: (start, end, When), resolved."""
    if not isinstance(sentence, str) or not sentence:
        return []
    ref = _as_date(reference)
    found: list[tuple[int, int, When]] = []
    for match in _scan(sentence):
        group = "range" if match["range"] else "core"
        start, end = match.span(group)
        bare = match["year"] or match["ambiguous"]
        if bare and not match["cue"] and not _qualified(match):
            continue
        if match["adjective"] and int(match["adjective"]) % 100 == 0:
            continue  # "the 2000 troops"
        if _SHIFTED.search(sentence[: match.start()]):
            continue
        expression = match[group]
        if match["adjective"]:
            start, expression = match.start("adjective"), match["adjective"]
        when = resolve_time(
            expression,
            reference=ref,
            tense=tense if tense in TENSES else guess_tense(sentence, start, end),
        )
        if when is not None:
            found.append((start, end, when))
    return found


def _scan(sentence: str) -> Iterator[re.Match[str]]:
    """_FIND's matches in `sentence`, tried only at triggers and the words before."""
    cursor = 0
    for trigger in _TRIGGER.finditer(sentence):
        if trigger.start() < cursor:
            continue
        low = max(cursor, trigger.start() - 60)
        found = _START.finditer(sentence, low, trigger.start() + 1)
        starts = [m.start() for m in found]
        if not starts:
            continue
        tried = [starts[-1]]  # the trigger's own word, then the prefix words before it
        for pos in reversed(starts[-_LOOK_BACK - 1 : -1]):
            word = _WORD.match(sentence, pos)
            if word is None or not _PREFIX_WORD.fullmatch(word.group()):
                break
            if not _GAP.fullmatch(sentence, word.end(), tried[-1]):
                break
            tried.append(pos)
        stop = min(len(sentence), trigger.end() + _LOOK_AHEAD)
        for pos in reversed(tried):
            if pos >= cursor and (match := _FIND.match(sentence, pos, stop)):
                yield match
                cursor = match.end()


def _qualified(match: re.Match[str]) -> bool:
    """Whether a bare year or May/March follows a qualifier or modifier in its match."""
    group = "year" if match["year"] else "ambiguous"
    return bool(match.string[match.start("core") : match.start(group)].strip())


def parse_date_value(value: str | int | float | None) -> When | None:
    """A corpus record's date field in any common format as a When, or None."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    if not isinstance(value, str):
        value = str(int(value))
    # a field may trail debris of its source markup: "27-MAR-1987 01:17:33.75&#5;&#5;F"
    text = re.split(r"&#?\w+;|[\x00-\x1f\x7f]", value)[0].strip()
    if not text or len(text) > 100 or not re.search(r"\d", text):
        return None
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
        if month is None:
            return When(year, "year", text, "metadata")
        try:
            parsed = date(int(year), int(month), int(day or 1))
        except ValueError:
            return None
        return _when(parsed, "day" if day else "month", text, "metadata")
    if re.fullmatch(r"\d{8}", text):  # 20190226
        try:
            parsed = datetime.strptime(text, "%Y%m%d").date()
        except ValueError:
            return None
        return _when(parsed, "day", text, "metadata")
    if re.fullmatch(r"-?\d{9,13}(?:\.\d+)?", text):  # seconds since 1970, or ms
        digits = len(text.split(".")[0].lstrip("-"))
        seconds = float(text) / (1000 if digits > 11 else 1)
        try:
            moment = datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return _when(moment.date(), "day", text, "metadata")
    # the day as written, without its clock time: corpora share days, not seconds
    parsed = _metadata_day(_CLOCK.sub("", text) or text)
    if parsed is None or "year" not in parsed[2] or parsed[1] not in _RANK:
        return None
    return _when(parsed[0], parsed[1], text, "metadata")


# a clock time, perhaps with seconds, fraction, AM/PM and zone, ending a date field
_CLOCK = re.compile(
    r"[\sT,]+\d{1,2}:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:Z|[+-]\d\d:?\d\d|\(?[A-Z]{2,5}\)?)?$"
)


@lru_cache(maxsize=4096)
def _metadata_day(text: str) -> tuple[date, str, tuple[str, ...]] | None:
    return _dateparse(text, None)


# --- the article's own date -----------------------------------------------------------

_H_DATE = re.compile(
    rf"(?<![\w-])(?:{_WEEKDAY_ANY},?\s+(?:the\s+)?)?(?:{_MONTH}\s*{_DAY}\s*,?\s*{_YEAR}"
    rf"|(?:the\s+)?{_DAY}\s*(?:of\s+|[-\s])?{_MONTH}[-\s]*,?\s*{_YEAR}|{_NUMERIC}"
    rf"|\d\d?-\d\d?-\d{{4}}\b|{_MONTH}\s*,?\s*{_YEAR})",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    rf"^[\W_]*[A-Z][\w.'’ -]{{1,40}}(?:,\s*[A-Z][\w.'’ -]{{1,40}}){{0,2}},\s*"
    rf"(?P<date>(?:{_WEEKDAY},?\s+)?(?i:{_MONTH}\s*{_DAY}|{_DAY}\s+{_MONTH})"
    rf"(?:\s*,?\s*(?P<year>{_YEAR}))?)\s*(?:\([^()]{{1,40}}\)\s*)?[-–—:]"
)
_LABEL = re.compile(
    r"^[\W_]*(?P<label>(?:first\s+|originally\s+|date\s+)?published|posted|publication"
    r"\s+date|date|(?:last\s+)?updated|(?:last\s+)?modified)\b(?:\s+(?:on|at))?\s*[:\-–—]?",
    re.IGNORECASE,
)
_SEGMENTS = re.compile(r"\s*[|•·]\s*")
_OPENING_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _gap(line: str, at: int) -> int:
    """The spaces after position `at`."""
    return len(line[at:]) - len(line[at:].lstrip())


_LEFTOVER = re.compile(
    r"[\W_]*(?:(?:at|on)\s*)?(?:\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?\s?m\.?)?)?"
    r"\s*(?:\(?[A-Z]{2,5}\)?|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d\d)?)?[\W_]*",
    re.IGNORECASE,
)
# "By Jane Doe | Feb 26, 2019", not "By March 2019, the army had ..."
_BYLINE = re.compile(rf"By\s+(?!{_MONTH}|\d|the\b|(?i:early|late|mid|end)\b)[A-Z]")
_ISO = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d)(?:[T ].*)?)?)?")
_HEADER_YEAR = re.compile(r"(?<![\w-])(?:19|20)\d\d(?![\w-])")


def _span_date(span: str, how: str) -> When | None:
    """A date span found in a header line, which must state its year."""
    parsed = _dateparse(span, None)
    if parsed is None or "year" not in parsed[2] or parsed[1] not in _RANK:
        return None
    return _when(parsed[0], parsed[1], span, how)


def _line_date(line: str) -> tuple[str, When] | None:
    """The kind ("dateline", "published-line", ...) and date that one line states."""
    if match := _DATELINE.match(line):
        if match["year"]:
            found = _span_date(match["date"], "dateline")
            return ("dateline", found) if found else None
        return None
    label = _LABEL.match(line)
    if label and (found := _H_DATE.match(line, label.end() + _gap(line, label.end()))):
        # "date 2021-06-02 Malian police outside ...": a label and its date opening a line
        when = _span_date(found.group(), "published-line")
        if when:
            return "published-line", when
    if (opening := _H_DATE.match(line)) and _OPENING_YEAR.search(opening.group()):
        # "March 25, 2013 President Xi ...": a full date opening the story's first lines
        when = _span_date(opening.group(), "date-line")
        if when and when.precision == "day":
            return "date-line", when
    if len(line) > _LINE_MAX:
        return None
    for segment in _SEGMENTS.split(line):
        label = _LABEL.match(segment)
        if label and (date_match := _H_DATE.search(segment, label.end())):
            kind = (
                "updated-line"
                if re.search(r"updated|modified", label["label"], re.IGNORECASE)
                else "published-line"
            )
            if found := _span_date(date_match.group(), kind):
                return kind, found
    if len(line) <= _DATE_LINE_MAX and (match := _H_DATE.search(line)):
        rest = line[: match.start()] + " " + line[match.end() :]
        if _LEFTOVER.fullmatch(rest) and (
            found := _span_date(match.group(), "date-line")
        ):
            return "date-line", found
    if _BYLINE.match(line) and (match := _H_DATE.search(line)):
        found = _span_date(match.group(), "byline")
        return ("byline", found) if found else None
    return None


_TRUST = ("dateline", "published-line", "date-line", "byline", "updated-line")


def _text_date(text: str) -> When | None:
    """The date an article's own top or bottom lines state, by the trust order."""
    head = [line.strip() for line in text[:4000].splitlines() if line.strip()]
    head = head[:_HEAD_LINES]
    tail: list[str] = []
    if len(text) > 4000 or len(head) == _HEAD_LINES:
        tail = [line.strip() for line in text[-1500:].splitlines() if line.strip()]
        tail = tail[-_TAIL_LINES:]
    found: dict[str, When] = {}
    for lines in (head, tail):
        kinds = [k for line in lines if (k := _line_date(line))]
        alone = {w.value for kind, w in kinds if kind == "date-line"}
        for kind, when in kinds:
            if kind == "date-line" and len(alone) > 1:
                continue  # several dates alone on their lines: a list of related links
            found.setdefault(kind, when)
    for kind in _TRUST:
        if kind in found:
            return found[kind]
    # a dateline without a year ("WASHINGTON, Feb 26 (Reuters) -"): only with the one
    # year the header lines above it state
    for index, line in enumerate(head):
        match = _DATELINE.match(line)
        if match is None:
            continue
        years = {y for above in head[:index] for y in _HEADER_YEAR.findall(above)}
        if len(years) != 1:
            return None
        parsed = _dateparse(f"{match['date']} {years.pop()}", None)
        if parsed is None or parsed[1] != "day":
            return None
        return _when(parsed[0], "day", match["date"], "dateline")
    return None


def _html_date(html: str) -> When | None:
    """The original publication date in a page's markup (htmldate, no text search)."""
    if not isinstance(html, str) or "<" not in html:
        return None
    try:
        import lxml.html
        from htmldate import find_date

        # a parsed tree, never a string: htmldate would download a string that is a URL
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"))
        found = find_date(
            tree,
            extensive_search=False,
            original_date=True,
            min_date="1900-01-01",
        )
    except Exception:  # lxml or htmldate on a broken page
        return None
    if not found:
        return None
    try:
        day = date.fromisoformat(found)
    except ValueError:
        return None
    return When(day.isoformat(), "day", found, "html")


def article_date(
    text: str, *, html: str | None = None, metadata: str | None = None
) -> When | None:
    """An article's publication date from metadata, its markup or its own lines."""
    if metadata is not None and (found := parse_date_value(metadata)):
        return replace(found, how="metadata")
    if html and (found := _html_date(html)):
        return found
    if isinstance(text, str) and text.strip():
        return _text_date(text)
    return None
