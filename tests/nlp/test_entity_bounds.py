"""The bounds and the type of a name where the model cuts it or mistypes it, on sentences
written for these tests (kg.nlp.entities): an organisation's name with "and" or a comma
list inside, and a name a noun for a person describes.

Each row: the text, names that must be read (with a class the mention has or is below),
names that must not be read at all."""

import pytest

from helpers import assert_facts

COORDINATED = [
    # the last part ends with a word for a body; the parts before are no names of their own
    (
        "Ilse Marlow, director of the state Crime Victim and Witness Advisory Council, "
        "said the bill was weak.",
        {("Crime Victim and Witness Advisory Council", "Organization")},
        {"Crime Victim", "Witness Advisory Council"},
    ),
    (
        "He chairs the Dellby Parks, Roads and Water Commission.",
        {("Dellby Parks, Roads and Water Commission", "Organization")},
        {"Water Commission"},
    ),
    # a body "of" a list of things
    (
        "Tom Vasko, president of the Northern Federation of State, County and Town "
        "Clerks, spoke on Monday.",
        {("Northern Federation of State, County and Town Clerks", "Organization")},
        {"Northern Federation of State", "Town Clerks"},
    ),
    # two media words share the words before them
    (
        "The speech was broadcast by Varnia Radio and TV on Sunday.",
        {("Varnia Radio and TV", "MediaOrganization")},
        set(),
    ),
    # two bodies, each named in full
    (
        "Officials of the Foreign Ministry and the Defence Ministry met in Dellby.",
        {("Foreign Ministry", "Organization"), ("Defence Ministry", "Organization")},
        {"Foreign Ministry and the Defence Ministry"},
    ),
    # two companies
    (
        "Acme Corp and Brakco Inc signed a deal on Monday.",
        {("Acme Corp", "Company"), ("Brakco Inc", "Company")},
        {"Acme Corp and Brakco Inc"},
    ),
    # a body of a place the gazetteer knows, and a second company
    (
        "The Bank of America and Citicorp raised their rates.",
        {("Bank of America", "Organization")},
        {"Bank of America and Citicorp"},
    ),
    # a person's name before "and" is no part of a body's
    (
        "He met Jan Novak and Acme Council members in Dellby.",
        {("Acme Council", "Organization")},
        {"Jan Novak and Acme Council"},
    ),
    # titles and their holders: "Defense" of "Defense Minister" ends no body's name
    (
        "Varnian President Ivo Lang and Defense Minister Ana Petrov will attend.",
        {("Ivo Lang", "Person"), ("Ana Petrov", "Person")},
        {"Varnian President Ivo Lang and Defense"},
    ),
    # no word for a body: a law firm's partners, not one name
    (
        "Smith and Jones met on Monday.",
        set(),
        {"Smith and Jones Council"},
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), COORDINATED)
def test_coordinated_organisation_names(extract_text, ontology, text, present, absent):
    found = {(m.name, m.label) for m in extract_text(text).mentions}
    for name, cls in present:
        assert any(n == name and ontology.is_a(c, (cls,)) for n, c in found), (
            name,
            found,
        )
    assert not {n for n, _ in found} & absent, found


def test_a_whole_council_is_the_employer(facts_of):
    """The director works for the whole council, not for a person cut out of its name."""
    facts = facts_of(
        "Ilse Marlow, director of the state Crime Victim and Witness Advisory "
        "Council, said the bill was weak."
    )
    assert_facts(
        facts,
        {("Ilse Marlow", "worksFor", "Crime Victim and Witness Advisory Council")},
        {
            ("Ilse Marlow", "worksFor", "Crime Victim"),
            ("Ilse Marlow", "worksFor", "Witness Advisory Council"),
        },
    )
