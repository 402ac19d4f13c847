"""Constructions of wire copy that tell a name's type where the model errs (kg.nlp.entities),
on sentences written for these tests: a town placed by its country after a preposition of
place, a list of towns placed in a country, a person's age and home town, an organisation's
name cut on the word that joins its parts, a noun for a person before a name, and a town one
travels to.

Each row: the text, (name, class) pairs that must be read, pairs that must not."""

import pytest

from helpers import assert_types

CASES = [
    # a suffix after a name ends a person's name, it is no acronym of a body's
    (
        "The ruling is welcome, said Walter Brenn III, an attorney for the union.",
        {("Walter Brenn III", "Person")},
        {("Walter Brenn III", "Organization")},
    ),
    # "a program manager" after a name still makes a person of it
    (
        "The PC will keep running, writes Nuno Costa, a program manager in Microsoft's "
        "Windows Servicing and Delivery division.",
        {("Nuno Costa", "Person")},
        {("Nuno Costa", "Organization")},
    ),
    # a place name the model cut in two before its region's word is one name
    (
        "The attack took place in Dera Ismail Khan District, Khyber Pakhtunkhwa "
        "province, Pakistan, on Monday.",
        {("Dera Ismail Khan District", "Region")},
        {("Dera", "Place"), ("Ismail Khan District", "Region")},
    ),
    # a title that also names a body's part in a deal is no cue for a person
    (
        "Acme Finance is issuing a 200 mln dlr bond due 1995, lead manager Morgan "
        "Stanley International said.",
        {("Morgan Stanley International", "Organization")},
        {("Morgan Stanley International", "Person")},
    ),
    # "the country" before a name refers back to a country named before; the name is not
    # described as one
    (
        "Upon arriving in the country Lee and his Korean counterpart Park Min-jun "
        "signed 16 agreements.",
        set(),
        {("Lee", "Place"), ("Lee", "Country")},
    ),
    # a town, a comma and its country after a preposition of place; a name and a country
    # with no such preposition is left to the model
    (
        "He fought in the battle at Varenzo, Italy, and came home a hero.",
        {("Varenzo", "Place")},
        {("Varenzo", "Person"), ("Varenzo", "Organization")},
    ),
    (
        "Mario Rossi, Italy, won the gold medal.",
        {("Mario Rossi", "Person")},
        {("Mario Rossi", "Place")},
    ),
    # towns in a list, placed "in" a country
    (
        "Why did the plane not land in Gyandzor or Shamkhul in Azerbaijan?",
        {("Gyandzor", "Place"), ("Shamkhul", "Place")},
        {("Gyandzor", "Person"), ("Shamkhul", "Person")},
    ),
    (
        "He talked with Peter Dobbs and Tim Marsh in Moscow.",
        {("Peter Dobbs", "Person"), ("Tim Marsh", "Person")},
        {("Peter Dobbs", "Place"), ("Tim Marsh", "Place")},
    ),
    # a person's name, age and home town
    (
        "Joe Briggs, 30, of Boothwick, went down to help.",
        {("Joe Briggs", "Person"), ("Boothwick", "Place")},
        {("Boothwick", "Organization")},
    ),
    (
        "Joe Briggs, 30, of Acme Corp. was hurt.",
        {("Acme Corp.", "Company")},
        {("Acme Corp.", "Place")},
    ),
    # an organisation's name the model ended on "for" or "on"
    (
        "The grant came from the United States Agency for International Development.",
        {("United States Agency for International Development", "Organization")},
        {("United States Agency for", "Organization")},
    ),
    (
        "Sen. Tom Baxter, D-Ohio, chairman of the Senate Committee on Veterans Affairs, "
        "spoke.",
        {("Senate Committee on Veterans Affairs", "Organization")},
        {("Senate Committee on", "Organization")},
    ),
    # a noun for a person right before a name
    (
        "The children were found in a home owned by U.S. citizen Sara Matzen in Tulsa.",
        {("Sara Matzen", "Person")},
        {("Sara Matzen", "Place")},
    ),
    # a one-word name one travels to; one goes to a person, returns to a company
    (
        "An electrical train has arrived at Bregana to evacuate local inhabitants.",
        {("Bregana", "Place")},
        {("Bregana", "Organization")},
    ),
    (
        "He went to Smith for advice.",
        {("Smith", "Person")},
        {("Smith", "Place")},
    ),
    (
        "She returned to Acme in 1990.",
        set(),
        {("Acme", "Place")},
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_entity_types(extract_text, ontology, text, present, absent):
    assert_types(extract_text(text).mentions, present, absent, ontology)
