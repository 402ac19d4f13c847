"""Place facts of lists, of bodies one is "at" and of bodies named after their place, on
sentences written for these tests (invented, in the style of wire news). None comes from
the seeds, the dev articles or a benchmark.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    # "at <body> in <town>": the parser hangs the in-phrase on the verb
    (
        "The boy died at Mercy Hospital in nearby Tulsa.",
        {("Mercy Hospital", "basedIn", "Tulsa")},
        set(),
    ),
    (
        "The girl was treated at Mercy Hospital in Tulsa on Friday.",
        {("Mercy Hospital", "basedIn", "Tulsa")},
        set(),
    ),
    # a party to what is done is not placed by where it is done
    (
        "The union signed a contract with Acme Corp. in Paris on Monday.",
        set(),
        {("Acme Corp.", "basedIn", "Paris")},
    ),
    (
        "The farmers filed suit against Vexa Tool Co. in Dayton.",
        set(),
        {("Vexa Tool Co.", "basedIn", "Dayton")},
    ),
    # a body named after its place, with an in-phrase that agrees with the name
    (
        "The Karachi Stock Exchange in Pakistan closed lower on Tuesday.",
        {("Karachi Stock Exchange", "basedIn", "Pakistan")},
        set(),
    ),
    (
        "Shares fell on the Lagos Stock Exchange in Nigeria.",
        {("Lagos Stock Exchange", "basedIn", "Nigeria")},
        set(),
    ),
    # an in-phrase that disagrees with the name says nothing of its seat
    (
        "The Karachi Stock Exchange in London closed lower on Tuesday.",
        set(),
        {("Karachi Stock Exchange", "basedIn", "London")},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_place_sentence(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)
