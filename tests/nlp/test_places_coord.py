"""Place facts of lists, of bodies one is "at" and of bodies named after their place, on
sentences written for these tests (invented, in the style of wire news). None comes from
the seeds, the dev articles or a benchmark.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    # a place's name before words for what a facility does and the facility's noun: the
    # facility's in-phrase places the place
    (
        "Workers left the Chernobyl nuclear power plant in Ukraine.",
        {("Chernobyl", "locatedIn", "Ukraine")},
        set(),
    ),
    (
        "The Berlin peace talks in Paris stalled.",
        set(),
        {("Berlin", "locatedIn", "Paris")},
    ),
    # an apposition the parser hangs on the phrase the name ends describes the name
    (
        "The talks in Tarija, second most important city in Bolivia, ended.",
        {("Tarija", "locatedIn", "Bolivia")},
        set(),
    ),
    # a town a country's capital is said to be lies in the country
    (
        "Envoys signed the pact in the U.S. capital of Washington.",
        {("Washington", "locatedIn", "United States")},
        set(),
    ),
    (
        "Farmers live south of Baghdad, Iraq's capital.",
        {("Baghdad", "locatedIn", "Iraq")},
        set(),
    ),
    (
        "He flew from the capital of France to Berlin.",
        set(),
        {("Berlin", "locatedIn", "France")},
    ),
    # a list of places after "in", placed in a known region or country: each member is
    # in it, whatever the model took one of them for
    (
        "Fighting was reported in Kirovabad or Shusha in Armenia.",
        {("Shusha", "locatedIn", "Armenia"), ("Kirovabad", "locatedIn", "Armenia")},
        set(),
    ),
    (
        "Police raided homes in Tulsa, Norman and Lawton in Oklahoma.",
        {
            ("Tulsa", "locatedIn", "Oklahoma"),
            ("Norman", "locatedIn", "Oklahoma"),
            ("Lawton", "locatedIn", "Oklahoma"),
        },
        set(),
    ),
    # people listed after a place are no places
    (
        "Officials from Paris and Jean Dupont in France met.",
        set(),
        {("Jean Dupont", "locatedIn", "France")},
    ),
    (
        "He met Tom Smith and Jane Doe in Oklahoma.",
        set(),
        {("Jane Doe", "locatedIn", "Oklahoma"), ("Tom Smith", "locatedIn", "Oklahoma")},
    ),
    # "at <body> in <town>": the parser hangs the in-phrase on the verb
    (
        "The boy died at Mercy Hospital in nearby Tulsa.",
        {("Mercy Hospital", "basedIn", "Tulsa")},
        set(),
    ),
    (
        "He works at the Acme Institute in neighboring Dayton, Ohio.",
        {
            ("Acme Institute", "basedIn", "Dayton"),
            ("Acme Institute", "basedIn", "Ohio"),
        },
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
    # an of-phrase is an address, even when the name holds a town of another country
    (
        "Royal agreed to sell its oil fields to Victoria Mining Ltd. of Perth, Australia.",
        {("Victoria Mining Ltd.", "basedIn", "Perth")},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_place_sentence(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)


@pytest.mark.parametrize(
    ("text", "name", "cls"),
    [
        (
            "Police raided homes in Tulsa, Norman and Lawton in Oklahoma.",
            "Norman",
            "Place",
        ),
        (
            "Officials from Paris and Jean Dupont in France met.",
            "Jean Dupont",
            "Person",
        ),
    ],
)
def test_a_name_listed_among_places_is_a_place(graph_of, text, name, cls):
    """The class of the listed name in the graph: a place among places, a person
    listed after a place where no place is spoken of stays a person."""
    from rdflib.namespace import RDF, RDFS

    from kg.vocab import KG

    graph = graph_of(text)
    kinds = {
        str(kind).split("#")[1]
        for node, kind in graph.subject_objects(RDF.type)
        if str(graph.value(node, RDFS.label)) == name and str(kind).startswith(str(KG))
    }
    assert cls in kinds


@pytest.mark.parametrize(
    "text",
    [
        "Why did the jet not land in Kirovabad or Lachin in Armenia?",
        "The plane may have landed in Yatsushiro in southern Japan.",
    ],
)
def test_where_a_place_lies_is_given_whatever_the_mood_of_the_verb(extract_text, text):
    """The landing is in doubt, not where the towns are: the phrase's locatedIn facts are
    asserted."""
    extraction = extract_text(text)
    moods = {r.modality for r in extraction.relations if r.predicate == "locatedIn"}
    assert moods == {"asserted"}
