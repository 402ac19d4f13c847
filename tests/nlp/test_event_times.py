"""Event times of statements: the time a sentence states for the event, normalised against
the article's date (sentences written for these tests)."""

from __future__ import annotations

import pytest

from kg.pipeline.build import build

TIMES = """
SELECT ?p ?o ?time ?words WHERE {
  ?st a kg:Statement ; rdf:predicate ?pp ; rdf:object ?obj ; kg:eventTime ?time .
  OPTIONAL { ?st kg:eventTimeText ?words }
  OPTIONAL { ?obj rdfs:label ?label }
  BIND (STRAFTER(STR(?pp), "#") AS ?p)
  BIND (COALESCE(?label, STR(?obj)) AS ?o)
}"""


def _times(nlp, text: str, date: str | None) -> set[tuple[str, str, str]]:
    result = build(texts={"story": text}, nlp=nlp, date=date)
    return {(row[0], row[1], row[2]) for row in result.query(TIMES).rows}


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # a weekday in the past: the latest such day on or before the article's date
        (
            "Iran signed a trade agreement with Russia on Tuesday.",
            "2019-02-26",
            ("signsAgreementWith", "Russia", "2019-02-26"),
        ),
        (
            "Iran signed a trade agreement with Russia on Monday.",
            "2019-02-26",
            ("signsAgreementWith", "Russia", "2019-02-25"),
        ),
        # a month without a year, in the past: the one before the article
        (
            "Moscow and Ankara signed an agreement in December.",
            "2019-02-26",
            ("signsAgreementWith", "Turkey", "2018-12"),
        ),
        # background: a past year stays the event's, whatever the article's date
        (
            "Relations soured after Turkish jets attacked Syria in 2015.",
            "2019-02-26",
            ("attacks", "Syria", "2015"),
        ),
        # the future: a plan keeps its month (the statement is hypothetical)
        (
            "Russia will deliver the S-400 to Turkey in July.",
            "2019-02-26",
            ("delivers", "S-400", "2019-07"),
        ),
        # a stated year needs no article date
        (
            "Egypt bought 24 Rafale jets from France in February 2015.",
            None,
            ("buys", "Rafale", "2015-02"),
        ),
    ],
)
def test_the_event_takes_the_time_its_sentence_states(nlp, text, date, expected):
    found = {(p, o, t) for p, o, t in _times(nlp, text, date)}
    assert expected in found, found


def test_the_time_of_saying_is_not_the_time_of_the_event(nlp):
    found = _times(
        nlp,
        "Foreign Minister Mevlut Cavusoglu said on Tuesday that Turkey bought the S-400.",
        "2019-02-26",
    )
    assert not [t for t in found if t[0] == "buys"], found


def test_without_an_article_date_a_weekday_dates_nothing(nlp):
    found = _times(nlp, "Iran signed a trade agreement with Russia on Tuesday.", None)
    assert not found


def test_an_asserted_fact_spans_its_dated_readings(nlp):
    result = build(
        texts={
            "one": "Russia delivered S-400 missiles to Turkey in July 2019.",
            "two": "Russia delivered more S-400 missiles to Turkey in 2021.",
        },
        nlp=nlp,
    )
    rows = result.query(
        """SELECT DISTINCT ?first ?last WHERE {
             ?st rdf:predicate kg:delivers ; kg:earliest ?first ; kg:latest ?last }"""
    ).rows
    assert [(str(a), str(b)) for a, b in rows] == [("2019-07", "2021")]
