from kg.graph.resolve import resolve_entities
from kg.model import Article, Extraction, Mention
from kg.names import fold, slug


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


def mentions_of(article_id, *mentions, same_as=()):
    """An extraction of (text, label), (text, label, gazetteer id) or (text, label,
    gazetteer id, name) mentions."""
    made = tuple(
        Mention(
            i,
            i + 1,
            m[0],
            m[1],
            m[3] if len(m) > 3 else m[0],
            m[2] if len(m) > 2 else None,
        )
        for i, m in enumerate(mentions)
    )
    return Extraction(
        Article(article_id, "", "x", f"{article_id}.txt"), made, same_as=same_as
    )


def entity_named(res, name):
    return next(e for e in res.entities.values() if name in dict(e.aliases))


def test_transliterated_names_are_one_person(ontology):
    res = resolve_entities(
        [
            mentions_of("a", ("Amadou N'Diaye", "Person")),
            mentions_of("b", ("Amadou Ndiaye", "Person"), ("Amadou Ndiaye", "Person")),
        ],
        ontology,
    )
    [entity] = res.entities.values()
    assert entity.name == "Amadou Ndiaye"
    assert dict(entity.aliases)["Amadou N'Diaye"] == "name.variant"


def test_fewer_or_initialled_names_join_the_one_full_name(ontology):
    res = resolve_entities(
        [
            extraction("a", "Maria Elena Castillo"),
            extraction("b", "Maria Castillo"),
            extraction("c", "M. E. Castillo"),
        ],
        ontology,
    )
    [entity] = res.entities.values()
    assert entity.name == "Maria Elena Castillo"
    assert dict(entity.aliases)["Maria Castillo"] == "name.structure"
    assert dict(entity.aliases)["M. E. Castillo"] == "name.structure"


def test_names_that_fit_two_people_or_share_a_story_stay_apart(ontology):
    res = resolve_entities(
        [
            # one story names father and son
            extraction("a", "George Walker", "George H. Walker"),
            # two people a shorter name could be
            extraction("b", "Maria Elena Castillo"),
            extraction("c", "Maria Jose Castillo"),
            extraction("d", "Maria Castillo"),
        ],
        ontology,
    )
    assert len(res.entities) == 5


def test_an_acronym_joins_its_expansion_in_the_story_and_elsewhere(ontology):
    res = resolve_entities(
        [
            mentions_of(
                "a", ("Sahel Water Authority", "Organization"), ("SWA", "Organization")
            ),
            mentions_of("b", ("SWA", "Organization")),
            mentions_of("c", ("SWA", "Organization"), ("Mali", "Country", "mali")),
        ],
        ontology,
    )
    entity = entity_named(res, "Sahel Water Authority")
    assert dict(entity.aliases)["SWA"] == "acronym"
    assert set(entity.articles) == {"a", "b", "c"}


def test_an_acronym_two_names_claim_stays_alone(ontology):
    res = resolve_entities(
        [
            mentions_of(
                "a",
                ("Coastal Fisheries Board", "Organization"),
                ("CFB", "Organization"),
                same_as=((0, 1),),
            ),
            mentions_of(
                "b",
                ("Central Freight Bureau", "Organization"),
                ("CFB", "Organization"),
                same_as=((0, 1),),
            ),
            mentions_of("c", ("CFB", "Organization")),
        ],
        ontology,
    )
    assert len(res.entities) == 3
    assert res.entities[res.key_of[("c", 0)]].articles == ("c",)


def test_a_place_in_brackets_never_joins_an_organisation(ontology):
    res = resolve_entities(
        [
            # "Norwell Holdings Corp (Canada) said ...": the company's place
            mentions_of(
                "a",
                ("Norwell Holdings Corp", "Company"),
                ("Canada", "Country", "canada"),
                same_as=((0, 1),),
            ),
            # the model took the bracketed city for an organisation here ...
            mentions_of(
                "b",
                ("Tarrow Sports Associates", "Organization"),
                ("New York", "Organization"),
                same_as=((0, 1),),
            ),
            # ... and for a place in the other stories
            mentions_of("c", ("New York", "Place"), ("New York", "Place")),
            mentions_of(
                "d", ("New York", "Place"), ("New York Cotton Exchange", "Organization")
            ),
        ],
        ontology,
    )
    canada = res.entities["canada"]
    assert set(dict(canada.aliases)) == {"Canada"}
    # the gazetteer knows New York as the city's name, whatever the model typed
    new_york = entity_named(res, "New York")
    assert (new_york.key, new_york.cls) == ("new-york-city", "City")
    assert set(dict(new_york.aliases)) == {"New York"}
    assert len(res.entities) == 5


def test_a_spelled_out_acronym_beats_the_gazetteers_letters(ontology):
    res = resolve_entities(
        [
            mentions_of(
                "a",
                ("Singapore National Printers Ltd", "Company"),
                (
                    "SNP",
                    "PoliticalParty",
                    "scottish-national-party",
                    "Scottish National Party",
                ),
                same_as=((0, 1),),
            ),
            mentions_of(
                "b",
                (
                    "SNP",
                    "PoliticalParty",
                    "scottish-national-party",
                    "Scottish National Party",
                ),
            ),
        ],
        ontology,
    )
    printers = entity_named(res, "Singapore National Printers Ltd")
    assert printers.cls == "Company"
    assert dict(printers.aliases)["SNP"] == "text.same-as"
    assert res.entities["scottish-national-party"].articles == ("b",)


def test_an_organisations_short_name_needs_a_place_not_another_name(ontology):
    res = resolve_entities(
        [
            mentions_of("a", ("Chemical Bank of Ohio", "Company")),
            mentions_of("b", ("Bank of Ohio", "Company")),
            mentions_of(
                "c",
                ("Ruritanian Grain Board", "Organization"),
                ("US", "Country", "united-states"),
            ),
            mentions_of("d", ("Grain Board", "Organization")),
            mentions_of(
                "e",
                ("Norwegian Fisheries Directorate", "GovernmentBody"),
                ("Norway", "Country", "norway"),
            ),
            mentions_of(
                "f",
                ("Fisheries Directorate", "GovernmentBody"),
                ("Norway", "Country", "norway"),
            ),
        ],
        ontology,
    )
    assert entity_named(res, "Bank of Ohio").articles == ("b",)
    assert entity_named(res, "Grain Board").articles == ("d",)
    norwegian = entity_named(res, "Fisheries Directorate")
    assert norwegian.name == "Norwegian Fisheries Directorate"
    assert dict(norwegian.aliases)["Fisheries Directorate"] == "short-name"


def test_a_misspelt_family_name_beside_the_full_name_is_that_person(ontology):
    res = resolve_entities(
        [
            mentions_of(
                "a",
                ("Claudia Marquardt", "Person"),
                ("Maruqardt", "Organization"),
                ("Marquardt", "Organization"),
                ("Marquardt", "Organization"),
            ),
            # a long name like it in another story is someone else
            mentions_of("b", ("Marqhardt", "Organization")),
        ],
        ontology,
    )
    person = entity_named(res, "Claudia Marquardt")
    assert person.cls == "Person"  # the surnames the model took for firms vote Person
    assert dict(person.aliases)["Maruqardt"] == "short-name.fuzzy"
    assert entity_named(res, "Marqhardt").articles == ("b",)


def test_new_york_stays_the_city_beside_exchanges_and_companies(extract_text, ontology):
    texts = [
        "NEW YORK - Shares of Halvard Mills rose on the New York Stock Exchange on "
        "Monday, and New York's mayor welcomed the news.",
        "Tarrow Sports Associates (New York) said it bought a seat on the New York "
        "Cotton Exchange. The New York Cotton Exchange confirmed the sale.",
        "Copper futures fell on the Commodity Exchange in New York (Comex), traders "
        "in New York said.",
        "Prices of heating oil rose in New York, and the New York Mercantile Exchange "
        "(NYMEX) said trading was heavy. NYMEX will open early, the New York Times "
        "reported.",
        "The First National Bank of Chicago raised its prime rate.",
        "The First National Bank of Boston cut its prime rate.",
    ]
    extractions = [extract_text(t, f"ny{i}") for i, t in enumerate(texts)]
    res = resolve_entities(extractions, ontology)
    place_kinds = ("Place", "Country")
    for entity in res.entities.values():
        forms = {fold(form) for form, _ in entity.aliases}
        if ontology.is_a(entity.cls, ("Organization",)):
            # no organisation is also called by a place's name
            assert not forms & {"new york", "new york city"}, entity
        if ontology.is_a(entity.cls, place_kinds):
            assert not any(
                w in f for f in forms for w in ("exchange", "associates", "times")
            ), entity
    city = res.entities["new-york-city"]
    assert city.cls == "City"
    assert {fold(f) for f, _ in city.aliases} <= {"new york", "new york city"}
    assert set(city.articles) >= {"ny0", "ny1", "ny2", "ny3"}
    by_name = {e.name: e for e in res.entities.values()}
    nymex = by_name["New York Mercantile Exchange"]
    assert dict(nymex.aliases)["NYMEX"] in ("text.same-as", "acronym")
    assert by_name["The New York Times"].cls == "MediaOrganization"
    assert by_name["First National Bank of Chicago"].articles == ("ny4",)
    assert by_name["First National Bank of Boston"].articles == ("ny5",)


def test_a_nom_de_guerre_joins_the_person_and_the_whole_corpus_follows(
    extract_text, ontology
):
    texts = [
        "Officials called Mahmud al-Rashid by the nom-de-guerre he used as a rebel, "
        "“Karimi,” and said Karimi could not be trusted.",
        "Mahmud al-Rashid met envoys in Geneva on Monday.",
    ]
    res = resolve_entities(
        [extract_text(t, f"alias{i}") for i, t in enumerate(texts)], ontology
    )
    person = entity_named(res, "Karimi")
    assert person.name == "Mahmud al-Rashid"
    assert dict(person.aliases)["Karimi"] == "text.same-as"
    assert person.articles == ("alias0", "alias1")


def test_an_organisations_name_spelled_otherwise_is_one_organisation(ontology):
    res = resolve_entities(
        [
            mentions_of("a", ("Pacific Tuna Organisation", "Organization")),
            mentions_of("b", ("Pacific Tuna Organization", "Organization")),
            mentions_of("c", ("General Agreement on Fisheries", "Organization")),
            mentions_of("d", ("General Agreements on Fisheries", "Organization")),
            # a place, another word or one story naming both: two organisations
            mentions_of("e", ("First National Bank of Chicago", "Company")),
            mentions_of("f", ("First National Bank of Boston", "Company")),
            mentions_of("j", ("National Bank of Austria", "Company")),
            mentions_of("k", ("National Bank of Australia", "Company")),
            mentions_of("g", ("Eastern Grain Traders", "Company")),
            mentions_of("h", ("Eastern Grain Growers", "Company")),
            mentions_of(
                "i",
                ("Northern Steel Partners", "Company"),
                ("Northern Steel Partner", "Company"),
            ),
        ],
        ontology,
    )
    tuna = entity_named(res, "Pacific Tuna Organization")
    assert set(tuna.articles) == {"a", "b"}
    assert "name.spelling" in dict(tuna.aliases).values()
    assert set(entity_named(res, "General Agreement on Fisheries").articles) == {
        "c",
        "d",
    }
    for name in (
        "First National Bank of Chicago",
        "First National Bank of Boston",
        "National Bank of Austria",
        "National Bank of Australia",
        "Eastern Grain Traders",
        "Eastern Grain Growers",
        "Northern Steel Partners",
        "Northern Steel Partner",
    ):
        assert len(dict(entity_named(res, name).aliases)) == 1, name


def test_a_name_that_uses_an_acronym_does_not_spell_it_out(ontology):
    res = resolve_entities(
        [
            mentions_of(
                "a", ("EC Commission", "GovernmentBody"), ("EC", "Organization")
            ),
        ],
        ontology,
    )
    assert len(res.entities) == 2


def test_one_word_after_a_place_is_the_organisation_only_in_its_stories(ontology):
    story = mentions_of(
        "a", ("Northern Ontario Brightwater", "Company"), ("Brightwater", "Company")
    )
    # a word any body's name may hold is no short name
    generic = mentions_of(
        "c", ("Ohio Power Company", "Company"), ("Company", "Company")
    )
    res = resolve_entities([story, generic], ontology)
    firm = entity_named(res, "Northern Ontario Brightwater")
    assert dict(firm.aliases)["Brightwater"] == "short-name"
    assert entity_named(res, "Company").articles == ("c",)
    # a story that names only "Brightwater" may mean any firm of that name
    res = resolve_entities(
        [story, mentions_of("b", ("Brightwater", "Company"))], ontology
    )
    assert entity_named(res, "Brightwater").articles == ("a", "b")
    assert entity_named(res, "Northern Ontario Brightwater").articles == ("a",)


def test_one_acronym_spelled_out_as_two_bodies_in_two_stories_is_two(ontology):
    res = resolve_entities(
        [
            mentions_of(
                "a",
                ("DKP", "PoliticalParty"),
                ("Democratic Farmers League", "PoliticalParty"),
                same_as=((0, 1),),
            ),
            mentions_of(
                "b",
                ("Danish Communist Party", "PoliticalParty"),
                ("DKP", "PoliticalParty"),
                same_as=((0, 1),),
            ),
            # other stories' bare "DKP" could be either: they join neither
            mentions_of("c", ("DKP", "PoliticalParty")),
            mentions_of("d", ("DKP", "PoliticalParty")),
        ],
        ontology,
    )
    assert entity_named(res, "Democratic Farmers League").articles == ("a",)
    assert entity_named(res, "Danish Communist Party").articles == ("b",)
    named_dkp = sorted(
        e.articles for e in res.entities.values() if "DKP" in dict(e.aliases)
    )
    assert named_dkp == [("a",), ("b",), ("c", "d")]


def test_an_acronym_and_its_letters_written_as_a_word_are_one_body(ontology):
    res = resolve_entities(
        [
            mentions_of("a", ("TMX", "Company"), ("Tmx", "Company")),
            mentions_of("b", ("TMX", "Company")),
        ],
        ontology,
    )
    assert len(res.entities) == 1


def test_a_body_named_only_by_generic_words_is_the_one_of_its_storys_country(ontology):
    res = resolve_entities(
        [
            mentions_of(
                "a", ("Foreign Ministry", "GovernmentBody"), ("Peru", "Country", "peru")
            ),
            mentions_of(
                "b",
                ("Peru", "Country", "peru"),
                ("Foreign Ministry", "GovernmentBody"),
                ("Peru", "Country", "peru"),
                ("Chile", "Country", "chile"),
            ),
            mentions_of(
                "c",
                ("Foreign Ministry", "GovernmentBody"),
                ("Chile", "Country", "chile"),
            ),
            # two countries as often: whose ministry it is stays open
            mentions_of(
                "d",
                ("Foreign Ministry", "GovernmentBody"),
                ("Peru", "Country", "peru"),
                ("Chile", "Country", "chile"),
            ),
        ],
        ontology,
    )
    ministries = sorted(
        e.articles for e in res.entities.values() if e.name == "Foreign Ministry"
    )
    # every story keeps its ministry: no key of a third one overwrites another's
    assert ministries == [("a", "b"), ("c",), ("d",)]
    # a name with a word of its own is the one body a corpus means, whatever the story
    res = resolve_entities(
        [
            mentions_of(
                "e",
                ("National Security Council", "GovernmentBody"),
                ("Iran", "Country", "iran"),
            ),
            mentions_of(
                "f",
                ("National Security Council", "GovernmentBody"),
                ("Peru", "Country", "peru"),
            ),
        ],
        ontology,
    )
    assert entity_named(res, "National Security Council").articles == ("e", "f")


def test_a_lone_name_tagged_as_a_place_elsewhere_too_stays_a_place(ontology):
    # "Velka" is also a place in a story without Anna Velka, and "Ruda" is a town by more
    # than the model's word (a city): neither is taken for a person
    res = resolve_entities(
        [
            mentions_of("a", ("Anna Velka", "Person"), ("Velka", "Place")),
            mentions_of("b", ("Velka", "Place")),
            mentions_of("c", ("Tom Ruda", "Person"), ("Ruda", "City")),
        ],
        ontology,
    )
    found = sorted((e.name, e.cls, e.articles) for e in res.entities.values())
    assert found == [
        ("Anna Velka", "Person", ("a",)),
        ("Ruda", "City", ("c",)),
        ("Tom Ruda", "Person", ("c",)),
        ("Velka", "Place", ("a", "b")),
    ]


def test_a_lone_name_tagged_as_a_place_joins_its_person_in_its_story(ontology):
    res = resolve_entities(
        [mentions_of("a", ("Anna Velka", "Person"), ("Velka", "Place"))], ontology
    )
    [entity] = res.entities.values()
    assert (entity.name, entity.cls) == ("Anna Velka", "Person")


def test_a_lone_word_for_a_body_the_story_names_in_full_is_no_person(ontology):
    # "Ruritania Power and Light ... said Light spokesman X": the company, not the inventor
    # Hal Light of another story
    res = resolve_entities(
        [
            mentions_of("a", ("Hal Light", "Person")),
            mentions_of(
                "b",
                ("Ruritania Power Light", "Organization"),
                ("Light", "Organization"),
            ),
        ],
        ontology,
    )
    found = sorted((e.name, e.cls) for e in res.entities.values())
    assert ("Hal Light", "Person") in found
    assert not any(
        "Light" in dict(e.aliases) and e.cls == "Person" for e in res.entities.values()
    )
