"""Job titles written before a name (kg.nlp.roles _premodifier_title) on sentences written
for these tests: a person's title in the possessive ("Putin's spokesman X"), read as its
apposition ("X, Putin's spokesman") is; sector words before a portfolio ("oil minister X")
that are part of the title there only.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    # a person's aide named after the possessive: the head's person_relation, as in the
    # apposition
    (
        "Putin's spokesman Dmitry Peskov said the talks failed.",
        {
            ("Dmitry Peskov", "hasRole", "spokesman"),
            ("Dmitry Peskov", "worksFor", "Putin"),
        },
        {("Dmitry Peskov", "speaksFor", "Putin")},
    ),
    (
        "Obama's press secretary Jay Carney said the talks failed.",
        {("Jay Carney", "worksFor", "Obama")},
        set(),
    ),
    (
        # the apposition the premodifier form must agree with
        "Dmitry Peskov, Putin's spokesman, said the talks failed.",
        {("Dmitry Peskov", "worksFor", "Putin")},
        set(),
    ),
    # no relation held now, or no title
    (
        "Putin's former adviser Laura Vance said the talks failed.",
        {("Laura Vance", "hasRole", "former adviser")},
        {("Laura Vance", "worksFor", "Putin")},
    ),
    (
        "Mary Lowe's daughter Ann Lowe said the talks failed.",
        set(),
        {("Ann Lowe", "worksFor", "Mary Lowe")},
    ),
    (
        # one who heads an office works for no person
        "Putin's Prime Minister Sergei Orlov said the talks failed.",
        {("Sergei Orlov", "hasRole", "Prime Minister")},
        {("Sergei Orlov", "worksFor", "Putin")},
    ),
    # a sector before a portfolio is part of the title (roles.json portfolio_sectors), and
    # the country before it is the minister's
    (
        "Nigeria's petroleum minister Ade Okafor said output rose.",
        {
            ("Ade Okafor", "hasRole", "petroleum minister"),
            ("Ade Okafor", "speaksFor", "Nigeria"),
        },
        {("Ade Okafor", "hasRole", "minister")},
    ),
    (
        "Chile's oil and mining minister Rosa Vidal said output rose.",
        {
            ("Rosa Vidal", "hasRole", "oil and mining minister"),
            ("Rosa Vidal", "speaksFor", "Chile"),
        },
        set(),
    ),
    (
        "Ghana's oil secretary Kofi Mensah said output rose.",
        {("Kofi Mensah", "hasRole", "oil secretary")},
        set(),
    ),
    # before any other title a sector word is no part of it
    (
        "Acme oil company president Tom Ruiz said output rose.",
        {("Tom Ruiz", "hasRole", "president")},
        {
            ("Tom Ruiz", "hasRole", "oil president"),
            ("Tom Ruiz", "hasRole", "oil company president"),
        },
    ),
    (
        "The mining firm's chief executive Tom Ruiz said output rose.",
        {("Tom Ruiz", "hasRole", "chief executive")},
        {
            ("Tom Ruiz", "hasRole", "mining chief executive"),
            ("Tom Ruiz", "hasRole", "mining firm chief executive"),
        },
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_titles(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)
