"""A place after a comma is the container of the place before it ("Kelowna, British
Columbia") only when it closes that place (kg.nlp.places, the comma-chain), on sentences
written for these tests: not a nationality of the next phrase, not the first word of a name
the model cut.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

CASES = [
    (
        "Divers searched the bottom of Lake Tarnow, Polish police said on Monday.",
        set(),
        {("Lake Tarnow", "locatedIn", "Poland")},
    ),
    (
        "Stores opened in Tulsa, America Online said on Monday.",
        set(),
        {("Tulsa", "locatedIn", "United States")},
    ),
    (
        "Vexa Mining said the vein at its Sudbury, Ontario property yielded gold.",
        {("Sudbury", "locatedIn", "Ontario")},
        set(),
    ),
    (
        "She grew up in Kelowna, British Columbia, and studied in Fort Myers, Florida.",
        {
            ("Kelowna", "locatedIn", "British Columbia"),
            ("Fort Myers", "locatedIn", "Florida"),
        },
        set(),
    ),
]


@pytest.mark.parametrize(
    ("text", "present", "absent"), CASES, ids=[c[0][:40] for c in CASES]
)
def test_comma_chain(facts_of, text, present, absent):
    facts = facts_of(text)
    assert present <= facts, f"missing {sorted(present - facts)}; got {sorted(facts)}"
    assert not absent & facts, f"unexpected {sorted(absent & facts)}"
