"""Dates for the network: the xsd:date, xsd:gYearMonth and xsd:gYear values of kg's graphs
(article dates, event times) as ranges of days, so that a fact dated "2017-12" overlaps a
filter "2017-12-05" and a filter "2017" alike."""

from __future__ import annotations

import calendar
import re
from datetime import date

from kg.errors import ViewError

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

#: (first day, last day), ISO "YYYY-MM-DD": compared as strings, they sort as dates
Span = tuple[str, str]


def day_range(value: object) -> Span | None:
    """The days a date of year, month or day precision covers; None if it is not one."""
    found = _DATE.fullmatch(str(value).strip())
    if found is None:
        return None
    year, month, day = (int(g) if g else None for g in found.groups())
    assert year is not None
    try:
        if day is not None and month is not None:
            iso = date(year, month, day).isoformat()
            return iso, iso
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).isoformat(), date(year, month, last).isoformat()
        return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    except ValueError:  # month 13, February 30th, year 0
        return None


def merge(spans: list[Span]) -> Span | None:
    """The smallest span holding every one of `spans`."""
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def overlaps(span: Span, since: str | None, until: str | None) -> bool:
    return (since is None or span[1] >= since) and (until is None or span[0] <= until)


def bound(value: str | None, what: str) -> Span | None:
    """A --since or --until value (2019-02-26, 2019-02 or 2019) as its span, checked."""
    if value is None:
        return None
    span = day_range(value)
    if span is None:
        raise ViewError(
            f"{what} {value!r} is not a date: write 2019-02-26, 2019-02 or 2019"
        )
    return span


def shown(span: Span) -> str:
    """A span as briefly as its precision allows: "2017-12", "2019", "2017-12 to 2019-07"."""
    first, last = span
    year, month, day = (int(part) for part in last.split("-"))
    by_month = first.endswith("-01") and day == calendar.monthrange(year, month)[1]
    by_year = first.endswith("-01-01") and last.endswith("-12-31")
    start, end = (
        (first[:4], last[:4])
        if by_year
        else (first[:7], last[:7])
        if by_month
        else (first, last)
    )
    return start if start == end else f"{start} to {end}"
