"""The bounds and the type of a name where the model cuts it or mistypes it, on sentences
written for these tests (kg.nlp.entities): an organisation's name with "and" or a comma
list inside, and a name a noun for a person describes.

Each row: the text, names that must be read (with a class the mention has or is below),
names that must not be read at all."""

import pytest

from helpers import ROOT, assert_facts, assert_types

COORDINATED = [
    # the last part ends with a word for a body; the parts before are no names of their own
    (
        "Ilse Marlow, director of the county Crime Victim and Witness Support Council, "
        "said the bill was weak.",
        {("Crime Victim and Witness Support Council", "Organization")},
        {"Crime Victim", "Witness Advisory Council"},
    ),
    (
        "He chairs the Dellby Parks, Roads and Water Commission.",
        {("Dellby Parks, Roads and Water Commission", "Organization")},
        {"Water Commission"},
    ),
    # a body "of" a list of things
    (
        "Tom Vasko, president of the Northern Federation of Town, Port and Harbor "
        "Clerks, spoke on Monday.",
        {("Northern Federation of Town, Port and Harbor Clerks", "Organization")},
        {"Northern Federation of Town", "Harbor Clerks"},
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
    # a title's holder before "and" is a person, not part of the next body's name
    (
        "He met Treasury chief Tom Brandt and Global Monetary Fund head Ana Ruiz.",
        {("Tom Brandt", "Person"), ("Global Monetary Fund", "Organization")},
        {"Tom Brandt and Global Monetary Fund"},
    ),
    # a body the gazetteer knows after "and" is a name of its own
    (
        "She is leading the Ruritanian Space Command and National Security Agency now.",
        {("National Security Agency", "GovernmentBody")},
        {"Ruritanian Space Command and National Security Agency"},
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
        "Ilse Marlow, director of the county Crime Victim and Witness Support "
        "Council, said the bill was weak."
    )
    assert_facts(
        facts,
        {("Ilse Marlow", "worksFor", "Crime Victim and Witness Support Council")},
        {
            ("Ilse Marlow", "worksFor", "Crime Victim"),
            ("Ilse Marlow", "worksFor", "Witness Advisory Council"),
        },
    )


DESCRIBED = [
    # a lone name in apposition with a noun for a person (lexicon person_nouns)
    ("Redman, a young spy, was arrested.", {("Redman", "Person")}, set()),
    (
        "Kessler, a farmer from Dellby, was arrested.",
        {("Kessler", "Person")},
        {("Kessler", "Organization")},
    ),
    # a noun for a person right before a name of one word
    ("The senator praised astronaut Kelvar.", {("Kelvar", "Person")}, set()),
    (
        "The novel was written by novelist Tarvik.",
        {("Tarvik", "Person")},
        {("Tarvik", "Organization")},
    ),
    # nouns that describe bodies too (person_nouns_shared, roles.json shared_heads)
    (
        "Tarvex, a market leader, said sales rose on Monday.",
        {("Tarvex", "Organization")},
        {("Tarvex", "Person")},
    ),
    (
        "Zeltron, a veteran of the chip trade, cut prices.",
        {("Zeltron", "Organization")},
        {("Zeltron", "Person")},
    ),
    # a plural names no one
    (
        "They told reporters Hyundai Motor expects more exports.",
        {("Hyundai Motor", "Organization")},
        {("Hyundai Motor", "Person")},
    ),
    # a name before "as" and an office
    (
        "The session ended with the installation of Milan Voss as president.",
        {("Milan Voss", "Person")},
        {("Milan Voss", "Organization")},
    ),
    (
        "The board named Tarvo Lenk as chairman on Monday.",
        {("Tarvo Lenk", "Person")},
        {("Tarvo Lenk", "Organization")},
    ),
    # an office bodies hold too; a word that only modifies the noun after it
    (
        "The firm hired Goldman Sachs as adviser.",
        {("Goldman Sachs", "Organization")},
        {("Goldman Sachs", "Person")},
    ),
    (
        "Brakco emerged as major shareholder of the bank.",
        {("Brakco", "Organization")},
        {("Brakco", "Person")},
    ),
    # a company's name keeps its class
    (
        "Acme Motors, a big employer, cut jobs.",
        {("Acme Motors", "Company")},
        {("Acme Motors", "Person")},
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), DESCRIBED)
def test_names_described_as_people(extract_text, ontology, text, present, absent):
    assert_types(extract_text(text).mentions, present, absent, ontology)


def test_person_nouns_grown_from_wordnet():
    """The grown words are nouns for people that describe no company; the words left
    out by hand are out of the list, and the shared ones are in it."""
    import json
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_person_nouns as b

    lexicon = json.loads((ROOT / "ontology" / "lexicon.json").read_text())
    words = lexicon["person_nouns"]
    assert len(words) == len(set(words))
    assert {"spy", "lawyer", "farmer", "student", "actor"} <= set(words)
    grown = set(words[words.index("widower") + 1 :])
    assert grown and not grown & set(b.LEFT_OUT)
    assert not {"investor", "rival", "giant", "host", "carrier", "miner"} & grown
    assert set(lexicon["person_nouns_shared"]) <= set(words)
    assert "scripts/build_person_nouns.py" in lexicon["person_nouns_note"]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # what a title that heads a body is held of is a body
        (
            "Ana Varga, co-founder and CEO of Zentrix, spoke at the conference.",
            {("Zentrix", "Organization")},
            {("Zentrix", "Person")},
        ),
        (
            "Gupta, Vexora's CEO, wrote about the plans to close the app.",
            {("Vexora", "Organization")},
            {("Vexora", "Person")},
        ),
        # a person's adviser or spokesman: the person stays one
        (
            "Tom Lee, an adviser to Putin, said the talks would resume.",
            {("Putin", "Person")},
            set(),
        ),
    ],
)
def test_what_a_leading_title_is_held_of_is_a_body(
    extract_text, ontology, text, present, absent
):
    assert_types(extract_text(text).mentions, present, absent, ontology)
