"""Job titles written before a name (kg.nlp.roles _premodifier_title) on sentences written
for these tests: a person's title in the possessive ("Putin's spokesman X"), read as its
apposition ("X, Putin's spokesman") is.

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
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_titles(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)
