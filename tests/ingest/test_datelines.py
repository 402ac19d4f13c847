"""Datelines and glued years: where a story was filed is cut from its first line and kept as
the article's dateline; offsets into the source stay right. Pages written for these tests."""

import pytest

from kg.ingest.clean import clean_text

BODY = "officials said on Monday after talks that lasted most of the night."


@pytest.mark.parametrize(
    ("opening", "place", "credit"),
    [
        ("MANILA, June 9 (Reuters) - ", "MANILA", "Reuters"),
        ("Manila (Xinhua/Agencies) - ", "Manila", "Xinhua"),
        ("LAGOS — ", "LAGOS", None),
        ("DENVER, Feb 26 - ", "DENVER", None),
        ("Tbilisi: ", "Tbilisi", None),
        ("Nairobi, Sep 12: Nairobi: ", "Nairobi", None),
        ("Lisbon. ", "Lisbon", None),
    ],
)
def test_a_dateline_is_cut_and_kept(ontology, opening, place, credit):
    page = f"{opening}The two sides agreed on a ceasefire, {BODY}\n"
    [article] = clean_text(page, source="d.txt", article_id="d", ontology=ontology)
    assert article.text.startswith("The two sides agreed")
    assert article.dateline == place
    assert (credit in article.credits) if credit else not article.credits
    start = article.text.index("ceasefire")
    assert page[article.source_offset(start) :].startswith("ceasefire")


@pytest.mark.parametrize(
    "line",
    [
        "The U.S. Treasury announced sanctions on five officials, " + BODY,
        "St. Petersburg hosted the forum, which drew delegates from forty countries.",
        "Xi: We will never accept any interference in our affairs, he said today.",
        "NATO: allies will meet in Brussels next week to discuss the plan, " + BODY,
        "Mr. Smith said the talks would resume in Geneva next week after a pause.",
        # a hyphen inside a word is no dateline's dash
        "Russia, Turkey Sign S-400 Deal as officials said the talks went well today.",
    ],
)
def test_a_sentence_is_no_dateline(ontology, line):
    [article] = clean_text(
        line + "\n", source="s.txt", article_id="s", ontology=ontology
    )
    assert article.text == line
    assert article.dateline is None


def test_a_place_without_credit_opens_only_the_first_lines(ontology):
    lines = [f"Line {n} of the story is long enough to be body text." for n in range(3)]
    page = "\n".join([*lines, "Kyiv: three people were killed overnight, " + BODY])
    [article] = clean_text(page, source="k.txt", article_id="k", ontology=ontology)
    assert "Kyiv: three people" in article.text
    assert article.dateline is None


def test_a_year_glued_to_a_word_is_parted_and_offsets_hold(ontology):
    page = "Story title that is long enough to be a headline here\n\n"
    page += "June 2, 2021Prime Minister Jane Doe on Monday opened the new bridge.\n"
    [article] = clean_text(page, source="y.txt", article_id="y", ontology=ontology)
    assert "2021 Prime Minister Jane Doe" in article.text
    start = article.text.index("Prime Minister")
    assert page[article.source_offset(start) :].startswith("Prime Minister")
    year = article.text.index("2021")
    assert page[article.source_offset(year) :].startswith("2021Prime")


def test_a_dateline_place_is_a_mention_of_the_article(nlp, ontology):
    from kg.nlp.extract import extract

    page = "LAGOS — Nigeria will buy more patrol boats, " + BODY + "\n"
    [article] = clean_text(page, source="a.txt", article_id="a", ontology=ontology)
    extraction = extract(article, nlp(article.text), ontology)
    filed = [m for m in extraction.mentions if m.rule == "dateline"]
    assert [(m.name, m.label) for m in filed] == [("Lagos", "City")]
    assert not any(
        r.subject == extraction.mentions.index(filed[0]) for r in extraction.relations
    )


def _build(ontology, nlp, pages: dict[str, str]):
    from kg.graph.canonical import canonical_layers
    from kg.graph.rdf import assemble
    from kg.nlp.extract import extract

    extractions = []
    for name, page in pages.items():
        [article] = clean_text(
            page, source=f"{name}.txt", article_id=name, ontology=ontology
        )
        extractions.append(extract(article, nlp(article.text), ontology))
    return assemble(canonical_layers(extractions, ontology))


WIRE = {
    "lima": "LIMA, Peru, March 3, 2024 (AP) — The central bank raised its main "
    "interest rate on Tuesday, " + BODY + "\n",
    "natchez": "NATCHEZ, Miss., Feb 26 (Reuters) - Callon Petroleum Co said it agreed "
    "to buy the oil assets of a rival, " + BODY + "\n",
    "ny": "NEW YORK, March 2 (Reuters) - Shares on the New York Stock Exchange rose "
    "on Monday as investors bought technology stocks, " + BODY + "\n",
}


def test_a_dateline_gives_located_in_and_no_mention(ontology, nlp):
    from rdflib.namespace import RDFS

    from kg.vocab import KG

    graph = _build(ontology, nlp, WIRE)
    label = {s: str(o) for s, o in graph.subject_objects(RDFS.label)}
    located = {(label[s], label[o]) for s, o in graph.subject_objects(KG.locatedIn)}
    assert {("Lima", "Peru"), ("Natchez", "Mississippi")} <= located
    filed = {label[o] for o in graph.objects(predicate=KG.filedFrom)}
    assert {"Lima", "Peru", "Natchez", "Mississippi", "New York City"} <= filed
    mentioned = {label[s] for s, _ in graph.subject_objects(KG.mentionedIn)}
    # the datelines' places are where the stories were filed, not what they are about
    assert not {"Lima", "Natchez", "Mississippi", "New York City"} & mentioned


def test_new_york_stays_the_city_next_to_its_stock_exchange(ontology, nlp):
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.vocab import KG

    graph = _build(
        ontology,
        nlp,
        {
            "a": "Traders in New York said shares on the New York Stock Exchange "
            "rose after the central bank cut rates, " + BODY + "\n",
            "b": "The New York Stock Exchange (NYSE) said trading would resume, "
            "and the mayor of New York welcomed the decision, " + BODY + "\n",
        },
    )
    places = {KG.City, KG.Place, KG.Region, KG.Country}
    seen = set()
    for entity, name in graph.subject_objects(RDFS.label):
        forms = {str(name), *map(str, graph.objects(entity, SKOS.altLabel))}
        kinds = set(graph.objects(entity, RDF.type))
        seen.add((str(name), KG.City in kinds))
        if kinds & places:
            assert not any("Exchange" in f or "NYSE" in f for f in forms), forms
        else:
            assert "New York" not in forms, forms
    assert ("New York City", True) in seen


def test_a_dateline_place_is_dated_by_the_dateline(ontology, nlp):
    from kg.vocab import KG

    graph = _build(ontology, nlp, {"lima": WIRE["lima"], "natchez": WIRE["natchez"]})
    dated = {
        str(graph.value(s, KG.eventTime))
        for s in graph.subjects(KG.rule, None)
        if str(graph.value(s, KG.rule)) == "locatedIn.dateline"
    }
    # "March 3, 2024" dates Lima's; "Feb 26" without a year and no article date: none
    assert dated == {"2024-03-03", "None"}


@pytest.mark.parametrize(
    ("page", "place", "credit"),
    [
        ("VARNA, Bulgaria (AP)\n", "VARNA, Bulgaria", "AP"),
        ("EL PASO (AP)\n", "EL PASO", "AP"),
        ("TOPEKA, Kan.\n", "TOPEKA, Kan.", None),
    ],
)
def test_a_line_that_is_all_dateline_is_an_article_with_no_text(
    ontology, page, place, credit
):
    # what is left of a wire item split into sentences: where it was filed from
    [article] = clean_text(page, source="w.txt", article_id="w", ontology=ontology)
    assert article.text == ""
    assert article.dateline == place
    assert (credit in article.credits) if credit else not article.credits
    assert article.dateline_at == (0, len(place))


@pytest.mark.parametrize(
    "line", ["Alpha Beta", "Lisbon", "Kyiv. Moscow", "Results, Scores", "NOTE, Later."]
)
def test_a_short_line_is_no_whole_dateline(ontology, line):
    [article] = clean_text(
        line + "\n", source="s.txt", article_id="s", ontology=ontology
    )
    assert article.text == line
    assert article.dateline is None


def test_a_whole_line_dateline_opens_the_story_that_follows(ontology):
    page = (
        "TOPEKA, Kan.\nThe governor signed the school funding bill on Monday night.\n"
    )
    [article] = clean_text(page, source="t.txt", article_id="t", ontology=ontology)
    assert article.dateline == "TOPEKA, Kan."
    assert (
        article.text == "The governor signed the school funding bill on Monday night."
    )


def test_an_underscore_is_the_dash_of_older_wire_copy(ontology):
    page = "SPOKANE, Wash. (AP) _ A grain elevator burned down on Tuesday, " + BODY
    [article] = clean_text(page, source="u.txt", article_id="u", ontology=ontology)
    assert article.dateline == "SPOKANE, Wash."
    assert article.text.startswith("A grain elevator burned down")


def test_a_dateline_alone_gives_its_place_facts(ontology, nlp):
    from rdflib.namespace import RDFS

    from kg.vocab import KG

    graph = _build(ontology, nlp, {"varna": "VARNA, Bulgaria (AP)\n"})
    label = {s: str(o) for s, o in graph.subject_objects(RDFS.label)}
    located = {(label[s], label[o]) for s, o in graph.subject_objects(KG.locatedIn)}
    assert ("Varna", "Bulgaria") in located
    assert {"Varna", "Bulgaria"} <= {
        label[o] for o in graph.objects(None, KG.filedFrom)
    }


def test_a_dateline_names_a_state_that_no_longer_exists(ontology, nlp):
    from rdflib.namespace import RDFS

    from kg.vocab import KG

    graph = _build(ontology, nlp, {"novi": "NOVI SAD, Yugoslavia (AP)\n"})
    label = {s: str(o) for s, o in graph.subject_objects(RDFS.label)}
    located = {(label[s], label[o]) for s, o in graph.subject_objects(KG.locatedIn)}
    assert ("Novi Sad", "Yugoslavia") in located


@pytest.mark.parametrize(
    "first",
    [
        "SPRINGDALE, Ark., March 3 - Shr 12 cts vs eight cts",
        "OSLO, May 4 (Reuters) - Qtr net profit up",
        "TULSA, Okla. - Shr loss 12 cts",
    ],
)
def test_a_short_first_line_with_a_wire_dateline_is_no_headline(ontology, first):
    # an earnings item opens with its dateline and a table's first row: not a title
    page = f"{first}\n\nNet 247,489 vs 27,301\n\nRevs 1,933,107 vs 796,613\n"
    [article] = clean_text(page, source="e.txt", article_id="e", ontology=ontology)
    assert article.title == ""
    town = first.split(",")[0]
    assert article.dateline.startswith(town)
    assert town not in article.text


def test_a_headline_with_a_comma_is_still_a_headline(ontology):
    page = "Russia, Turkey Sign S-400 Deal Despite Western Criticism\n\n"
    page += "Moscow and Ankara confirmed on Tuesday that they had signed the deal.\n"
    [article] = clean_text(page, source="h.txt", article_id="h", ontology=ontology)
    assert article.title == "Russia, Turkey Sign S-400 Deal Despite Western Criticism"
    assert article.dateline is None
