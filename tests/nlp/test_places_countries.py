"""A country in the region a noun for a state puts it in, on sentences written for these
tests (invented, in the style of wire news). None comes from the seeds, the dev articles
or a benchmark.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    (
        "Aid workers flew to Palau, an island country in the Pacific Ocean.",
        {("Palau", "locatedIn", "Pacific Ocean")},
        set(),
    ),
    (
        "Chad, a landlocked country in central Africa, held elections on Sunday.",
        {("Chad", "locatedIn", "Africa")},
        set(),
    ),
    # a republic of a federation lies in the federation
    (
        "Slovenia is the smallest of Yugoslavia's six republics.",
        {("Slovenia", "locatedIn", "Yugoslavia")},
        set(),
    ),
    # a state it once was part of does not hold it
    (
        "Ukraine, a former Soviet republic, declared independence.",
        set(),
        {("Ukraine", "locatedIn", "Soviet Union")},
    ),
    # a body is no region
    (
        "Poland, an EU member state, objected to the plan.",
        set(),
        {("Poland", "locatedIn", "European Union")},
    ),
    # a country is no part of another country unless it is one of its republics
    (
        "Chile is a country of great interest to Peru, the minister said.",
        set(),
        {("Chile", "locatedIn", "Peru")},
    ),
    # the part of a country a noun for a state names is still the place rules'
    (
        "Floods hit the Indian state of Kerala on Monday.",
        {("Kerala", "locatedIn", "India")},
        set(),
    ),
    # an apposition after a list describes the last name of the list
    (
        "The members include China, India and the Republic of Palau, a small island "
        "nation in the Pacific Ocean.",
        {("Palau", "locatedIn", "Pacific Ocean")},
        {
            ("China", "locatedIn", "Pacific Ocean"),
            ("India", "locatedIn", "Pacific Ocean"),
        },
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_country_sentence(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)
