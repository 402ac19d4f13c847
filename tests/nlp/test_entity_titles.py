"""Titles and ranks the model read into a name: a possessive's owner and title split off
(either apostrophe), a rank before a name the model took for an organisation's."""

import pytest
from spacy.tokens import Span

from kg.nlp.entities import _ranked_people, _split_possessive_inside


def classes(extraction):
    return {(m.name, m.label) for m in extraction.mentions}


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_possessive_title_splits_the_owner_from_the_person(nlp, ontology, apostrophe):
    doc = nlp(f"Jordan{apostrophe}s Queen Rania opened the museum.")
    doc.ents = [
        Span(doc, 0, 4, label="PERSON")
    ]  # the model's reading of the curly form
    _split_possessive_inside(doc, ontology)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Jordan", "GPE", "jordan"),
        ("Rania", "PERSON", ""),
    ]


def test_a_possessive_without_a_title_or_an_unknown_owner(nlp, ontology):
    doc = nlp("Tom’s Diner Mark Hale spoke. Vorland’s King Ivo Dral spoke.")
    doc.ents = [Span(doc, 0, 5, label="PERSON"), Span(doc, 7, 12, label="PERSON")]
    _split_possessive_inside(doc, ontology)
    # no title after "Tom’s": left as it was; an owner unknown to the gazetteer is dropped
    assert [e.text for e in doc.ents] == ["Tom’s Diner Mark Hale", "Ivo Dral"]


def test_a_typographic_possessive_gives_the_leader_of_the_state(extract_text):
    found = extract_text("Jordan’s Queen Rania met the president.")
    assert ("Rania", "Person") in classes(found)
    assert ("Jordan", "Country") in classes(found)


def test_a_rank_opens_a_persons_name_the_model_took_for_a_body(extract_text):
    found = classes(
        extract_text(
            "The Ruritania army chief, General Karim Salem, met the president."
        )
    )
    assert ("Karim Salem", "Person") in found
    assert not any("General" in name for name, _ in found)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Gen. Ivo Marek Dral", "ORG"),
        ("Col. Ana Ruiz", "GPE"),
        ("Admiral Lena Holt", "ORG"),
    ],
)
def test_a_rank_and_two_name_words_are_a_person(nlp, ontology, text, label):
    doc = nlp(f"{text} spoke.")
    end = len(doc) - 2  # before "spoke" and "."
    doc.ents = [Span(doc, 0, end, label=label)]
    _ranked_people(doc, ontology)
    name = text.split(maxsplit=1)[1]
    assert [(e.text, e.label_) for e in doc.ents] == [(name, "PERSON")]


@pytest.mark.parametrize(
    "text",
    [
        "General Motors",
        "General Electric",
        "General Dynamics",
        "Admiral Insurance",
        "General Dynamics Land Systems",
        "Admiral Insurance Group",
        "Prince Edward Island",
        # a body's word in the plural
        "Premier Harbor Services",
    ],
)
def test_a_rank_that_opens_a_company_or_place_name_stays(nlp, ontology, text):
    doc = nlp(f"{text} said it would grow.")
    n = len(text.split())
    doc.ents = [Span(doc, 0, n, label="ORG")]
    _ranked_people(doc, ontology)
    assert [(e.text, e.label_) for e in doc.ents] == [(text, "ORG")]


def test_companies_named_with_a_rank_keep_their_names(extract_text):
    found = classes(
        extract_text(
            "General Dynamics said it won the contract. Admiral Insurance raised "
            "its premiums, and General Electric cut its forecast."
        )
    )
    names = {name for name, _ in found}
    assert {"General Dynamics", "Admiral Insurance", "General Electric"} <= names
    assert not any(label == "Person" for _, label in found)


def test_a_rank_cut_from_its_full_stop_is_no_person(extract_text):
    found = classes(
        extract_text("The platoon leader, Sgt. Dana Kowal, was wounded on patrol.")
    )
    assert ("Dana Kowal", "Person") in found
    assert not any(name in ("Sgt", "Sgt.") for name, _ in found)
