"""More constructions of wire copy that type a name where the model errs (kg.nlp.entities),
on sentences written for these tests: a relative clause opened by "who", an age in an
apposition, a newspaper's hyphenated name, a place one is born in, a body named after a
person, names in apposition with a plural noun for businesses, a place "near" or a compass
point "of" a name, a part of a natural feature, a natural feature's name with an outlet's
word, names before a plural noun for an area, a subject one says was born, an employer
before a staff title, a military post, a name after a job title, a body's word that ends
"X of Y ...", a translation in brackets, the people of a place ("a Dellby native"), an age
before a name, a town's name that starts with the word for a town, the object of a
verb of killing, and a name before a noun for a natural feature ("the Sierra Marrow
foothills").

Each row: the text, (name, class) pairs that must be read, pairs that must not."""

import pytest
from spacy.tokens import Span

from helpers import assert_types
from kg.nlp.entities import mention_for_span

CASES = [
    # a relative clause opened by "who" describes a person; a company stays a company
    (
        "Halvorsen, who headed the Danforth Institute in Omaha, said the plan was sound.",
        {("Halvorsen", "Person"), ("Danforth Institute", "Organization")},
        {("Halvorsen", "Organization")},
    ),
    (
        "Acme Corp., who makes tools, said sales rose.",
        {("Acme Corp.", "Company")},
        {("Acme Corp.", "Person")},
    ),
    # an age in an apposition with a title that bodies share ("deputy") is a person's
    (
        "Petrov, a 58-year-old deputy from Tula, opened the session.",
        {("Petrov", "Person")},
        set(),
    ),
    # a newspaper's hyphenated name; a person's hyphenated surname stays a person's
    (
        "The elder Tomlin, publisher of the Greenfield Herald-Press, said he was upset.",
        {("Greenfield Herald-Press", "MediaOrganization"), ("Tomlin", "Person")},
        {("Greenfield Herald-Press", "Person")},
    ),
    (
        "Carla Ruiz-Tagle said the vote was close.",
        {("Carla Ruiz-Tagle", "Person")},
        {("Carla Ruiz-Tagle", "MediaOrganization")},
    ),
    # names in apposition with a plural noun for businesses; "producers" may be farmers
    (
        "Two firms, Vexor and Altima, left the camera market.",
        {("Vexor", "Company"), ("Altima", "Company")},
        {("Vexor", "Person"), ("Altima", "Person")},
    ),
    (
        "Two producers, Ann Vale and Tom Reed, sold their farms.",
        {("Ann Vale", "Person"), ("Tom Reed", "Person")},
        {("Ann Vale", "Company")},
    ),
    # where things lie: "near X", "northeast of X"; not "outside Smith's house"
    (
        "A precinct near Dellby voted late.",
        {("Dellby", "Place")},
        {("Dellby", "Person")},
    ),
    (
        "The boat sank 5 miles northeast of Kelmar, rescuers said.",
        {("Kelmar", "Place")},
        {("Kelmar", "Person"), ("Kelmar", "Organization")},
    ),
    (
        "Police waited outside Smith's house.",
        set(),
        {("Smith", "Place")},
    ),
    # one is born in a place, even with an apposition about the person after it
    (
        "Grady, born in Dellby, a noted scholar, died.",
        {("Dellby", "Place")},
        {("Dellby", "Person")},
    ),
    # a body named after a person, with "of" after its head word
    (
        "Jan Blum of Yale University's Anna K. Lowell School of Government said war "
        "was near.",
        {("Anna K. Lowell School of Government", "Organization")},
        {("Anna K. Lowell School of Government", "Person")},
    ),
    # only a person is born; a company is not, whatever the text says
    (
        "Born in Athens, Pappas came to the United States at 17.",
        {("Pappas", "Person")},
        {("Pappas", "Product")},
    ),
    (
        "Grady, born in Dellby, a noted scholar, died.",
        {("Grady", "Person")},
        {("Grady", "Place")},
    ),
    (
        "Born in 1990, Acme Corp. grew fast.",
        {("Acme Corp.", "Company")},
        {("Acme Corp.", "Person")},
    ),
    # a name the model left out before a staff title and a person is the employer's;
    # a town before "mayor" is not made one
    (
        "Former Brakco executive Sharon Lee Dixon has raised money.",
        {("Brakco", "Organization"), ("Sharon Lee Dixon", "Person")},
        set(),
    ),
    (
        "On Monday Vexa analyst Tom Reed said sales would rise.",
        {("Vexa", "Organization")},
        set(),
    ),
    # a name set off by commas after a job title, or the subject after a fronted title;
    # a title bodies share is no cue
    (
        "In 1533, the last Incan King of Tarsia, Tupaq, was murdered.",
        {("Tupaq", "Person")},
        {("Tupaq", "Organization")},
    ),
    (
        "The company's chief executive, Marlow, resigned.",
        {("Marlow", "Person")},
        {("Marlow", "Organization")},
    ),
    (
        "A veteran former Reuters reporter now representing Vexa in Paris, Krall "
        "protects the plan.",
        {("Krall", "Person"), ("Vexa", "Organization")},
        {("Krall", "Organization")},
    ),
    (
        "The market leader, Vexa, cut prices.",
        set(),
        {("Vexa", "Person")},
    ),
    # a name that ends with a body's word after "X of Y" is the body's
    (
        "Tom Ray, a member of the District of Columbia Council, reported raising money.",
        {("District of Columbia Council", "Organization")},
        {("District of Columbia Council", "Place")},
    ),
    # a translation in brackets the model took into the name types it
    (
        "The leader of Kaiseito (Japan Unity Party), Ichiro Sato, spoke.",
        {("Kaiseito", "PoliticalParty")},
        set(),
    ),
    # the people of a place name it; an age right before a name is a person's
    (
        "Mr. Vee, a Dellby native, sent one of his contracts.",
        {("Dellby", "Place")},
        {("Dellby", "Person")},
    ),
    (
        "The third Weerts child, 12-year-old Tanya, died Saturday.",
        {("Tanya", "Person")},
        {("Tanya", "Place")},
    ),
    (
        "The 12-year-old Vexa plant in Dellby closed.",
        set(),
        {("Vexa", "Person")},
    ),
    # a name that starts with the word for a town in another language is a town's
    (
        "He was arrested in a raid on his Ciudad Marrero home.",
        {("Ciudad Marrero", "City")},
        {("Ciudad Marrero", "Product")},
    ),
    # the object of a verb of killing is a person; a craft shot down is not
    (
        "Darci Pereira stunned a courtroom by admitting he shot Mendes on Dec. 22, 1988.",
        {("Mendes", "Person")},
        {("Mendes", "Product")},
    ),
    (
        "Rebels shot down Vexa 5 over the lake.",
        set(),
        {("Vexa 5", "Person")},
    ),
    # a military post: no person's name starts with "Fort"
    (
        "Fort Dunmore, Brooklyn, N.Y.;",
        {("Fort Dunmore", "Facility")},
        {("Fort Dunmore", "Person")},
    ),
    # a part of a river is no TV channel; a channel alone may be one
    (
        "Boats sailed along the Ravel River Channel to Corby.",
        {("Ravel River Channel", "Place")},
        {("Ravel River Channel", "MediaOrganization")},
    ),
    (
        "The Marlow Channel aired the debate.",
        {("Marlow Channel", "MediaOrganization")},
        {("Marlow Channel", "Place")},
    ),
    # islands named with an outlet's word are islands
    (
        "Storms hit the Channel Isles.",
        {("Channel Isles", "Place")},
        {("Channel Isles", "MediaOrganization")},
    ),
    # names before a plural noun for an area; "departments" are ministries
    (
        "Farmers in Tolsey and Marren parishes lost crops.",
        {("Tolsey", "Region"), ("Marren", "Region")},
        {("Tolsey", "Person"), ("Marren", "Person")},
    ),
    (
        "Officials of the Justice and Commerce departments met.",
        set(),
        {("Justice", "Region"), ("Commerce", "Region")},
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_entity_types(extract_text, ontology, text, present, absent):
    assert_types(extract_text(text).mentions, present, absent, ontology)


# names the model mislabels in some sentences, with the label forced: a name read as a
# person's with a word for a body at its head is the body's, unless the word is also a
# family name; a name before a lower-case noun for a natural feature is the feature's
FORCED = [
    (
        "Born in Athens, he went to Dunmore College to study law.",
        "Dunmore College",
        "PERSON",
        "Organization",
    ),
    (
        "Jan Blum works at the Ivo Lang Research Center now.",
        "Ivo Lang Research Center",
        "PERSON",
        "Organization",
    ),
    (
        "He praised Margaret Court after the final.",
        "Margaret Court",
        "PERSON",
        "Person",
    ),
    ("He praised John Fund after the debate.", "John Fund", "PERSON", "Person"),
    (
        "In the Sierra Marrow foothills, firefighters contained a fire.",
        "Sierra Marrow",
        "ORG",
        "Place",
    ),
    ("Apple orchards bloomed early.", "Apple", "ORG", "Organization"),
]


@pytest.mark.parametrize(("text", "name", "label", "cls"), FORCED)
def test_forced_label(nlp, ontology, text, name, label, cls):
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    mention = mention_for_span(Span(doc, span.start, span.end, label=label), ontology)
    assert mention is not None
    assert mention.label == cls, mention
