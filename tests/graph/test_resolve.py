from kg.graph.resolve import resolve_entities
from kg.model import Article, Extraction, Mention
from kg.names import slug


def extraction(article_id, *names, label="Person"):
    mentions = tuple(Mention(0, 1, n, label, n) for n in names)
    return Extraction(Article(article_id, "", "x", f"{article_id}.txt"), mentions)


def keys(resolution):
    return {m: k for (_, _), k in resolution.key_of.items() for m in [k]}


def test_short_names_and_accents_join_the_full_name(ontology):
    res = resolve_entities(
        [
            extraction("a", "Recep Tayyip Erdogan", "Erdoğan"),
            extraction("b", "Erdogan"),
        ],
        ontology,
    )
    assert len(res.entities) == 1
    entity = next(iter(res.entities.values()))
    assert entity.name == "Recep Tayyip Erdogan"
    assert dict(entity.aliases)["Erdogan"] == "short-name"


def test_typo_merges_across_articles(ontology):
    res = resolve_entities(
        [extraction("a", "Mevlut Cavusoglu"), extraction("b", "Mevlut Cavusglu")],
        ontology,
    )
    assert len(res.entities) == 1
    assert ("Mevlut Cavusglu", "fuzzy") in next(iter(res.entities.values())).aliases


def test_similar_names_of_two_people_stay_apart(ontology):
    res = resolve_entities(
        [
            extraction("a", "John Smith"),
            extraction("b", "Jane Smith"),
            extraction("c", "Ali Khan"),
            extraction("d", "Ali Kahn", "Ali Khan"),
        ],
        ontology,
    )
    names = sorted(e.name for e in res.entities.values())
    assert names == ["Ali Kahn", "Ali Khan", "Jane Smith", "John Smith"]


def test_ambiguous_short_name_is_not_merged(ontology):
    res = resolve_entities(
        [extraction("a", "John Smith", "Adam Smith"), extraction("b", "Smith")],
        ontology,
    )
    assert len(res.entities) == 3


def test_gazetteer_aliases_become_one_country(ontology):
    mentions = (
        Mention(0, 2, "US", "Country", "United States", "united-states", "gazetteer"),
        Mention(3, 6, "USA", "Country", "United States", "united-states", "gazetteer"),
    )
    res = resolve_entities(
        [Extraction(Article("a", "", "x", "a.txt"), mentions)], ontology
    )
    [entity] = res.entities.values()
    assert entity.key == "united-states" and entity.cls == "Country"
    assert any("wikidata.org" in s for s in entity.same_as)


def test_slug():
    assert slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert slug("S-400") == "s-400"


def test_one_surname_for_two_people_in_two_stories_stays_two(ontology):
    res = resolve_entities(
        [
            extraction("a", "Boris Johnson", "Johnson"),
            extraction("b", "Lyndon Johnson", "Johnson"),
        ],
        ontology,
    )
    names = sorted(e.name for e in res.entities.values())
    assert names == ["Boris Johnson", "Lyndon Johnson"]


def test_a_family_name_written_first_joins_the_full_name_in_its_article(ontology):
    res = resolve_entities(
        [
            extraction("a", "Xi Jinping", "Xi"),
            extraction("b", "Kim Jong Un", "Kim Yo Jong", "Kim"),
            extraction("c", "Xi"),
        ],
        ontology,
    )
    names = sorted(e.name for e in res.entities.values())
    # "Xi" in article a is Xi Jinping, and so is a lone "Xi" elsewhere (as a lone surname
    # joins the one person it names in the corpus); "Kim" could be either of two people
    assert names == ["Kim", "Kim Jong Un", "Kim Yo Jong", "Xi Jinping"]
