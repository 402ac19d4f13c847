import pyoxigraph
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from helpers import asserted
from kg.errors import KGError
from kg.graph.canonical import canonical_layers
from kg.graph.rdf import assemble, by_article
from kg.model import Article, Extraction, Mention, Relation
from kg.names import fold
from kg.serialize.formats import FORMATS, turtle_bytes
from kg.vocab import KG, DataNamespaces, check_base, iri_segment, mint_iri


def test_asserted_fact_is_a_triple_with_provenance(graph_of):
    graph = graph_of("Turkey bought S-400 missiles from Russia in 2017.")
    facts = asserted(graph)
    assert ("Turkey", "buys", "S-400") in facts
    assert ("Russia", "sells", "S-400") in facts
    statements = [
        s
        for s in graph.subjects(RDF.type, KG.Statement)
        if graph.value(s, RDF.predicate) == KG.buys
    ]
    assert statements
    statement = statements[0]
    assert graph.value(statement, KG.modality) == Literal("asserted")
    assert "Turkey bought" in str(graph.value(statement, KG.sentence))
    assert 0 < float(graph.value(statement, KG.confidence)) <= 1
    assert graph.value(statement, KG.rule) is not None
    assert int(graph.value(statement, KG.startChar)) == 0


def test_hedged_fact_is_only_a_statement(graph_of):
    graph = graph_of(
        "The purchase could result in the United States imposing sanctions on Turkey."
    )
    assert not any(p == "sanctions" for _, p, _ in asserted(graph))
    moods = {
        str(graph.value(s, KG.modality))
        for s in graph.subjects(RDF.predicate, KG.sanctions)
    }
    assert moods and moods <= {"hedged", "hypothetical"}


def test_deal_is_an_nary_node(graph_of):
    graph = graph_of(
        "Turkey signed a $2.5 billion deal with Russia to buy S-400 missiles in December 2017."
    )
    [deal] = list(graph.subjects(RDF.type, KG.Deal))
    assert graph.value(deal, KG.value).toPython() == 2_500_000_000
    assert str(graph.value(deal, KG.currency)) == "USD"
    assert str(graph.value(deal, KG.date)) == "2017-12"
    labels = {
        str(graph.value(graph.value(deal, p), KG.label) or graph.value(deal, p))
        for p in (KG.buyer, KG.seller, KG.item)
    }
    assert len(labels) == 3


def test_same_input_gives_the_same_bytes(graph_of):
    text = "Russia and Turkey signed a deal. US officials warned Ankara."
    assert turtle_bytes(graph_of(text)) == turtle_bytes(graph_of(text))
    assert b"_:" not in turtle_bytes(graph_of(text))


# --- IRIs, named graphs and hostile names -------------------------------------------------

HOSTILE = [
    'He said "hi" \\ <b>bold</b> & {x} | ^`',
    "line one\nline two\r\n\ttabbed\x0b\x0c\x00\x1f\x7f",
    "Turkey 🇹🇷 buys 🚀 S-400 👍🏽",
    "رجب طيب أردوغان",  # right-to-left
    "\u202eevil\u202c and \u2028 separators \u2029",
    "ends with a dot.",
    "..",
    "x" * 10_000,
    "Ελληνικά" * 1_250,
]


def _valid_iri(iri: str) -> bool:
    try:
        pyoxigraph.NamedNode(iri)  # Oxigraph validates IRIs strictly (RFC 3987)
    except ValueError:
        return False
    return True


@given(st.text(min_size=1), st.text(min_size=1))
@example("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan")
@example(".", "%2E")
@example("..", "%2E%2E")
def test_mint_iri_is_valid_readable_and_injective(key, other):
    iri = mint_iri("https://kg.example.org/entity/", key)
    assert _valid_iri(str(iri))
    assert set(iri_segment(key)) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%"
    )
    assert (iri_segment(key) == iri_segment(other)) == (key == other)


def test_slug_keys_stay_readable():
    assert (
        str(DataNamespaces.for_base().entity_iri("recep-tayyip-erdogan"))
        == "https://kg.example.org/entity/recep-tayyip-erdogan"
    )
    assert (
        str(DataNamespaces.for_base("http://example.com/kg").article_iri("a b"))
        == "http://example.com/kg/article/a%20b"
    )


@pytest.mark.parametrize(
    "base",
    ["not an iri", "https://kg.example.org/a b/", "kg.example.org/", "https://x/<y>/"],
)
def test_invalid_base_iri_is_refused(base):
    with pytest.raises(KGError, match="not an absolute IRI"):
        check_base(base)


def _extraction(name: str, article_id: str) -> Extraction:
    """An article naming a person called `name` who works for Turkey (no spaCy needed)."""
    text = f"{name} works for Turkey."
    article = Article(article_id, name, text, f"{name}.txt")
    mentions = (
        Mention(0, len(name), name, "Person", name),
        Mention(
            len(name) + 11,
            len(name) + 17,
            "Turkey",
            "Country",
            "Turkey",
            "turkey",
            "gazetteer",
        ),
    )
    relation = Relation(0, "worksFor", 1, 0, len(text), "test.rule", 0.9)
    role = Relation(
        0, "hasRole", None, 0, len(text), "test.role", 0.5, "hedged", value=name
    )
    return Extraction(article, mentions, (relation, role))


_OXIGRAPH = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}


_RDFLIB = {
    "ttl": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
}


def _rdflib_parse(data: bytes, fmt: str) -> Graph:
    if fmt in ("nq", "trig"):
        dataset = Dataset()
        dataset.parse(data=data, format=_RDFLIB[fmt])
        graph = Graph()
        for s, p, o, _ in dataset.quads():
            graph.add((s, p, o))
        return graph
    return Graph().parse(data=data, format=_RDFLIB[fmt])


@settings(max_examples=20, deadline=None)
@given(
    name=st.text(min_size=1, max_size=300), article_id=st.text(min_size=1, max_size=40)
)
@example(name=HOSTILE[0], article_id="a<b>")
@example(name=HOSTILE[1], article_id="..")
@example(name=HOSTILE[2], article_id="🇹🇷")
@example(name=HOSTILE[3], article_id="مقال")
@example(name=HOSTILE[4], article_id="x y")
@example(name=HOSTILE[5], article_id="a.")
@example(name=HOSTILE[6], article_id="%41")
@example(name=HOSTILE[7], article_id="long")
@example(name=HOSTILE[8], article_id="long")
def test_any_name_round_trips_through_rdflib_and_oxigraph(ontology, name, article_id):
    graph = assemble(canonical_layers([_extraction(name, article_id)], ontology))
    assert all(
        _valid_iri(str(term))
        for triple in graph
        for term in triple
        if isinstance(term, URIRef)
    )
    assert (None, DCTERMS.title, Literal(name)) in graph
    if fold(
        name
    ):  # a name with no Latin letter or digit makes no entity (kg.graph.resolve)
        assert (None, RDFS.label, Literal(name)) in graph
    for fmt in _RDFLIB:
        data = FORMATS[fmt](graph)
        assert set(_rdflib_parse(data, fmt)) == set(graph), (
            fmt
        )  # no blank nodes: equal sets
        quads = list(pyoxigraph.parse(data, _OXIGRAPH[fmt]))
        assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(graph), (
            fmt
        )


def test_statements_live_in_the_named_graph_of_their_article(graph_of):
    graph = graph_of(
        "Turkey bought S-400 missiles from Russia.", "India bought S-400 missiles."
    )
    dataset = by_article(graph)
    named = {
        g.identifier: g
        for g in dataset.graphs()
        if g.identifier != dataset.default_graph.identifier
    }
    articles = set(graph.subjects(RDF.type, KG.Article))
    assert set(named) == articles
    for article, subgraph in named.items():
        statements = set(subgraph.subjects(RDF.type, KG.Statement))
        assert statements and all(
            subgraph.value(s, PROV.wasDerivedFrom) == article for s in statements
        )
    assert not set(dataset.default_graph.subjects(RDF.type, KG.Statement))
    assert sum(len(g) for g in dataset.graphs()) == len(graph)


def test_alias_records_are_typed(graph_of):
    graph = graph_of("Turkey bought S-400 missiles from Russia.")
    records = set(graph.objects(None, KG.alias))
    assert records and records == set(graph.subjects(RDF.type, KG.AliasRecord))


def test_negated_or_hypothetical_purchase_makes_no_deal(graph_of):
    graph = graph_of(
        "Turkey did not buy F-35 jets. Greece would be open to buying Patriot systems."
    )
    assert not list(graph.subjects(RDF.type, KG.Deal))
    moods = sorted(
        str(graph.value(s, KG.modality)) for s in graph.subjects(RDF.predicate, KG.buys)
    )
    assert moods == ["hypothetical", "negated"]


def test_demonyms_and_capitals_are_hidden_labels(graph_of):
    """ "Chinese" and "Beijing" standing for China are findable, but no names of China:
    the scorer and every reader of skos:altLabel would take them for one."""
    from rdflib.namespace import SKOS

    graph = graph_of(
        "Chinese officials met Japanese envoys in Tokyo. China said talks went well.",
        "Beijing warned that China would respond to the tariffs.",
    )
    china = next(s for s, o in graph.subject_objects(RDFS.label) if str(o) == "China")
    shown = {str(o) for o in graph.objects(china, SKOS.altLabel)}
    hidden = {str(o) for o in graph.objects(china, SKOS.hiddenLabel)}
    assert "Chinese" in hidden and "Chinese" not in shown
    assert "Beijing" not in shown
