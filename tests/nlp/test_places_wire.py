"""Place constructions of wire news (locatedIn), on sentences written for these tests with
made-up people; none comes from a benchmark, the seeds or the dev articles.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    # a direction before the region after a comma says where in it the town lies: the
    # chain holds even when "and" goes on with a person
    (
        "Omar Haddad, the former mayor of Tiaret, north-west Algeria, and Karim Saadi, "
        "a lawyer, were shot on Monday.",
        {("Tiaret", "locatedIn", "Algeria")},
        set(),
    ),
    (
        "Floods hit Lowell, northern Ohio, and Akron, Ohio, on Monday.",
        {("Lowell", "locatedIn", "Ohio"), ("Akron", "locatedIn", "Ohio")},
        {("Lowell", "locatedIn", "Akron")},
    ),
    # without a direction, a comma and "and" still make a list
    (
        "The team toured Paris, London and Berlin in June.",
        set(),
        {("Paris", "locatedIn", "London")},
    ),
    # a lower-case noun for a tract of land after the name heads the phrase: its
    # in-phrase and its owner hold the place
    (
        "Rain fell on the Kashan plateau in northern Iran.",
        {("Kashan", "locatedIn", "Iran")},
        set(),
    ),
    (
        "Snow fell in Colorado's San Juan mountains.",
        {("San Juan", "locatedIn", "Colorado")},
        set(),
    ),
    # a lower-case facility noun heads the phrase the same way
    (
        "Reactors at the Savannah River plant in South Carolina were shut down.",
        {("Savannah River", "locatedIn", "South Carolina")},
        set(),
    ),
    # "section" is a kind of place: the part and the place it is part of
    (
        "He lives in the Vexa Heights section of Brooklyn.",
        {("Vexa Heights", "locatedIn", "Brooklyn")},
        set(),
    ),
    # a superlative counts from a country's places as "one of" does
    (
        "Ontario is the largest of Canada's ten provinces.",
        {("Ontario", "locatedIn", "Canada")},
        set(),
    ),
    (
        "Quebec, the largest of Canada's provinces, voted on Monday.",
        {("Quebec", "locatedIn", "Canada")},
        set(),
    ),
    (
        "Bavaria is one of Germany's 16 states.",
        {("Bavaria", "locatedIn", "Germany")},
        set(),
    ),
    # ... and not from a country's other things
    (
        "Vexa Corp. is the largest of Ohio's companies.",
        set(),
        {("Vexa Corp.", "locatedIn", "Ohio"), ("Vexa Corp.", "basedIn", "Ohio")},
    ),
    # an in-phrase after a conjunct of the kind noun is the conjunct's (gapping)
    (
        "Siena is in Tuscany province and Genoa in Liguria.",
        set(),
        {("Tuscany", "locatedIn", "Liguria")},
    ),
    (
        "Lecce is in Apulia region and Catania in Sicily.",
        {("Catania", "locatedIn", "Sicily")},
        {("Apulia", "locatedIn", "Sicily")},
    ),
    (
        "The film was shot in Osaka and Kobe in Japan.",
        {("Osaka", "locatedIn", "Japan"), ("Kobe", "locatedIn", "Japan")},
        set(),
    ),
    (
        "Raids hit homes in Tuscany and Liguria provinces in northern Italy.",
        {("Tuscany", "locatedIn", "Italy"), ("Liguria", "locatedIn", "Italy")},
        set(),
    ),
    # a round-up's item under its state's name: the state is the scene
    (
        "Fires burned across the West on Tuesday. Montana: A fire in the Bitterroot "
        "National Forest grew to 900 acres.",
        {("Bitterroot National Forest", "locatedIn", "Montana")},
        set(),
    ),
    (
        "Fires burned across the West on Tuesday. Oregon: Fires east of the Wallowa "
        "Mountains have burned 8,000 acres.",
        {("Wallowa Mountains", "locatedIn", "Oregon")},
        set(),
    ),
    # a place the gazetteer knows may be anywhere
    (
        "Fires burned across the West on Tuesday. Texas: Officials in Washington said "
        "so.",
        set(),
        {("Washington", "locatedIn", "Texas")},
    ),
    # "in the <kind> of Y" names Y
    (
        "A bomb went off in Quetta in the southwestern province of Baluchistan.",
        {("Quetta", "locatedIn", "Baluchistan")},
        set(),
    ),
    (
        "She runs the Harlan Institute in the city of Dayton.",
        {("Harlan Institute", "basedIn", "Dayton")},
        set(),
    ),
    # a body based in a town the gazetteer places in a country the sentence names is
    # based in that country too
    (
        "The note will be passed to Britain by the Chilean Embassy in London.",
        {
            ("Chilean Embassy", "basedIn", "London"),
            ("Chilean Embassy", "basedIn", "United Kingdom"),
        },
        {("Chilean Embassy", "basedIn", "Chile")},
    ),
    (
        "The Chilean Embassy in London sent the note to Germany.",
        {("Chilean Embassy", "basedIn", "London")},
        {("Chilean Embassy", "basedIn", "Germany")},
    ),
    # a facility with an indefinite noun in apposition: its in-phrase holds it
    (
        "They met at the Vexa Dome, a stadium in Dayton.",
        {("Vexa Dome", "locatedIn", "Dayton")},
        set(),
    ),
    (
        "Guests stayed at Harlan Lodge, a retreat in Yakima.",
        {("Harlan Lodge", "locatedIn", "Yakima")},
        set(),
    ),
    # a place after a comma closes the place before it only as its container: not a
    # nationality of the next phrase, nor the first word of a name the model cut
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
    # an in-phrase that names no place places nothing
    (
        "Flights left Dunmore, a hub in decline, in June.",
        set(),
        {("Dunmore", "locatedIn", "June")},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_wire_place_sentence(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)
