"""Names typed by their head word (lexicon org_*_words, grown from WordNet by
scripts/build_org_words.py) and people named as the victims of a killing (lexicon
killing_nouns), on sentences written for these tests (kg.nlp.entities).

Each row: the text, (name, class) pairs that must be read, pairs that must not."""

import json

import pytest

from helpers import ROOT, assert_types

CASES = [
    # a musical body's name the model took for a building's
    (
        "He joined the Lions Club and later the Harwick Philharmonic.",
        {("Harwick Philharmonic", "Organization")},
        {("Harwick Philharmonic", "Facility")},
    ),
    (
        "She sang with the Tarnby Choir in Oslo.",
        {("Tarnby Choir", "Organization")},
        {("Tarnby Choir", "Facility")},
    ),
    # the kind of body its head word names
    (
        "He works for Trelawny Airways in Dellby.",
        {("Trelawny Airways", "Company")},
        set(),
    ),
    (
        "The Alden Tribunal ruled on Monday.",
        {("Alden Tribunal", "GovernmentBody")},
        set(),
    ),
    (
        "The 3rd Varnian Battalion attacked the town.",
        {("3rd Varnian Battalion", "ArmedGroup")},
        set(),
    ),
    # a word for a body that is also a family name ends a person's name
    (
        "Senator Frank Church spoke on Monday.",
        {("Frank Church", "Person")},
        {("Frank Church", "Organization")},
    ),
    # the victim of a killing, named after the noun for it, is a person
    (
        "The murder of Lattie Brown shocked the town.",
        {("Lattie Brown", "Person")},
        {("Lattie Brown", "Organization")},
    ),
    (
        "Police are investigating the assassination of Dravik Montel.",
        {("Dravik Montel", "Person")},
        {("Dravik Montel", "Organization")},
    ),
    (
        "Police found evidence of the torture and murder of Varno Pellik.",
        {("Varno Pellik", "Person")},
        {("Varno Pellik", "Organization")},
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_entity_types(extract_text, ontology, text, present, absent):
    assert_types(extract_text(text).mentions, present, absent, ontology)


def test_org_words_keep_their_words_and_name_their_synsets():
    """Each list's note names the WordNet sense of each word grown from it."""
    lexicon = json.loads((ROOT / "ontology" / "lexicon.json").read_text())
    for key in ("org_name_words", "org_government_words", "org_company_words"):
        note = lexicon[f"{key}_note"]
        assert "scripts/build_org_words.py" in note
        words = lexicon[key]
        assert len(words) == len(set(words)), key
    assert "exchange (exchange.n.06)" in lexicon["org_name_words_note"]
    assert {"club", "orchestra", "exchange", "laboratory", "church"} <= set(
        lexicon["org_name_words"]
    )


def test_build_org_words_tables_are_consistent():
    """Every picked word is in the list it names, none is also left out, and none
    heads a facility's name too (lexicon place_facility_words)."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_org_words as b

    lexicon = json.loads((ROOT / "ontology" / "lexicon.json").read_text())
    assert not set(b.PICKS) & set(b.LEFT_OUT)
    assert not set(b.PICKS) & set(lexicon["place_facility_words"])
    for word, (synset, key, _plural, why) in b.PICKS.items():
        assert key in lexicon and why, word
        assert synset.endswith((".n.01", ".n.02", ".n.03", ".n.04", ".n.06")), synset
        forms = [] if word in b.PLURAL_ONLY else [word]
        assert set(forms) <= set(lexicon[key]), word
    assert b.plural("laboratory") == "laboratories"
    assert b.plural("airway") == "airways"
