"""Names of wire copy the model misses or misreads (kg.nlp.entities), on sentences written
for these tests: a hyphenated name after a person's title, a country's name or demonym
inside a prefixed word ("post-Soviet"), initials joined by "and" ("S and P"), a country's
armed or security service in lower case ("the Ghana army"), and a home named before its
noun ("her Larkspur Manor estate").

Each row: the text, (name, class) pairs that must be read, pairs that must not."""

import pytest

from helpers import assert_facts, assert_types

CASES = [
    # a hyphenated name right after a rank or a title is a person's
    (
        "Navy Chief Admiral Tariq-ul-Hasan inspected the fleet.",
        {("Tariq-ul-Hasan", "Person")},
        set(),
    ),
    (
        "Foreign Minister Hassan Abdel-Rahim Salem arrived in Cairo.",
        {("Hassan Abdel-Rahim Salem", "Person")},
        set(),
    ),
    # ... not a name that modifies the noun after it, nor one inside a longer name
    (
        "The chief Rolls-Royce engineer quit.",
        set(),
        {("Rolls-Royce", "Person")},
    ),
    (
        "General Motors-Opel cut jobs in Bochum.",
        set(),
        {("Motors-Opel", "Person"), ("General Motors-Opel", "Person")},
    ),
    # a country after a prefix and a hyphen is no mention of it; before one it is
    (
        "Latvia and other post-Soviet republics signed the accord.",
        {("Latvia", "Country")},
        {("Soviet Union", "Country")},
    ),
    (
        "Anti-American protesters marched in Karachi.",
        {("Karachi", "City")},
        {("United States", "Country")},
    ),
    (
        "Russia-backed rebels shelled the town.",
        {("Russia", "Country")},
        set(),
    ),
    # initials joined by "and" are one firm's name; counted letters are none
    (
        "S and P cut its rating on Portugal.",
        {("S and P", "Organization")},
        {("P", "Organization")},
    ),
    (
        "Moody's and AT and T Capital gave no comment.",
        {("AT and T Capital", "Organization")},
        set(),
    ),
    (
        "The road runs between points A and B.",
        set(),
        {("A and B", "Organization"), ("B", "Organization")},
    ),
    (
        "Parts I and II were published on Monday.",
        set(),
        {("I and II", "Organization")},
    ),
    # a country's service in lower case is the state's body, named with a capital; the
    # capitalised name is a government body too, not a non-state armed group
    (
        "The Ghana army said it had retaken the border post.",
        {("Ghana Army", "GovernmentBody"), ("Ghana", "Country")},
        {("Ghana army", "GovernmentBody")},
    ),
    (
        "The Ghana Army said it had retaken the border post.",
        {("Ghana Army", "GovernmentBody")},
        {("Ghana Army", "ArmedGroup")},
    ),
    (
        "The Brazilian navy held drills off Santos.",
        {("Brazilian Navy", "GovernmentBody"), ("Brazil", "Country")},
        set(),
    ),
    # a plural noun counts the service's members, no body
    (
        "Nigerian police arrested two men in Kano.",
        {("Nigeria", "Country")},
        {("Nigerian Police", "GovernmentBody"), ("Nigerian police", "Organization")},
    ),
    (
        "The North Korean army fired a missile.",
        {("Korean People's Army", "GovernmentBody")},
        set(),
    ),
    # a name the gazetteer does not know as a country's names no state's service
    (
        "The Kashmir Brigade said it had retaken the border post.",
        {("Kashmir Brigade", "ArmedGroup")},
        {("Kashmir Brigade", "GovernmentBody")},
    ),
    # a home named before its noun is a facility
    (
        "Photographers waited outside her Larkspur Manor estate in Bath, England.",
        {("Larkspur Manor", "Facility")},
        {("Larkspur Manor", "Organization")},
    ),
    (
        "They flew to his Neverland ranch in California.",
        {("Neverland", "Facility")},
        set(),
    ),
    # ... not a family's name, nor a firm's drug ("a ... compound")
    (
        "The Kessler estate sold the paintings.",
        set(),
        {("Kessler", "Facility")},
    ),
    (
        "A Novartis compound failed trials.",
        set(),
        {("Novartis", "Facility")},
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_entity_names(extract_text, ontology, text, present, absent):
    assert_types(extract_text(text).mentions, present, absent, ontology)


FACTS = [
    # a prefixed country signs nothing
    (
        "Belarus and other post-Soviet states signed the pact.",
        set(),
        {
            ("Belarus", "signsAgreementWith", "Soviet Union"),
            ("Soviet Union", "signsAgreementWith", "Belarus"),
        },
    ),
    # the in-phrase places a named home
    (
        "Photographers waited outside her Larkspur Manor estate in Bath, England.",
        {("Larkspur Manor", "locatedIn", "Bath")},
        set(),
    ),
    # the head of a country's service named in lower case leads it
    (
        "Ghana army chief General Kofi Mensah-Boateng said the border was calm.",
        {("Kofi Mensah-Boateng", "leaderOf", "Ghana Army")},
        set(),
    ),
]


@pytest.mark.parametrize(("text", "expected", "forbidden"), FACTS)
def test_entity_name_facts(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)
