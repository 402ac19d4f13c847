import pytest

from kg.names import fold
from kg.nlp.entities import clean_name


def labels(extraction):
    return {(m.name, m.label) for m in extraction.mentions}


def test_fold_ignores_case_accents_and_possessives():
    assert fold("Erdoğan's") == fold("ERDOGAN") == "erdogan"
    assert fold("Çavuşoğlu") == "cavusoglu"


def test_clean_name_strips_articles_possessives_and_honorifics():
    assert clean_name("the United States'") == "United States"
    assert clean_name("Mr. John Smith", honorifics=frozenset({"mr"})) == "John Smith"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ankara decided to buy the missiles.", ("Turkey", "Country")),
        ("Washington warned Moscow on Monday.", ("United States", "Country")),
        ("The Kremlin said the talks would continue.", ("Russia", "Country")),
        ("The ministers met in Ankara on Monday.", ("Ankara", "City")),
    ],
)
def test_metonymy(extract_text, text, expected):
    assert expected in labels(extract_text(text))


def test_weapons_and_outlets_get_their_types(extract_text):
    found = labels(
        extract_text(
            "Poland ordered more Patriot batteries and F-35 jets, the defence "
            "minister told CNN Turk."
        )
    )
    assert ("Patriot", "WeaponSystem") in found
    assert ("F-35", "WeaponSystem") in found
    assert any(
        name.startswith("CNN T") and label == "MediaOrganization"
        for name, label in found
    )


def test_designator_next_to_a_weapon_noun_is_a_weapon(extract_text):
    found = labels(
        extract_text(
            "Pakistan tested the Zarb-7 cruise missile. The Zarb-7 flew 300 km."
        )
    )
    assert ("Zarb-7", "WeaponSystem") in found


def test_media_context_overrides_a_person_label(extract_text):
    found = labels(
        extract_text("The minister told Daily Sabah that the talks had failed.")
    )
    assert ("Daily Sabah", "MediaOrganization") in found


def test_shouted_headlines_and_lowercase_words_are_not_names(extract_text):
    found = labels(
        extract_text(
            "KNOLL TO BUY AMERICAN SAVINGS BANK\n\nThe speaker designate said the house would vote."
        )
    )
    assert not any(name.isupper() and len(name.split()) >= 4 for name, _ in found)
    assert not any(name.islower() for name, _ in found)
