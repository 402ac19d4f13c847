from rdflib import Literal
from rdflib.namespace import RDF

from kg.serialize import turtle_bytes
from kg.vocab import KG

from conftest import asserted


def test_asserted_fact_is_a_triple_with_provenance(graph_of):
    graph = graph_of("Turkey bought S-400 missiles from Russia in 2017.")
    facts = asserted(graph)
    assert ("Turkey", "buys", "S-400") in facts
    assert ("Russia", "sells", "S-400") in facts
    statements = [s for s in graph.subjects(RDF.type, KG.Statement) if graph.value(s, RDF.predicate) == KG.buys]
    assert statements
    st = statements[0]
    assert graph.value(st, KG.modality) == Literal("asserted")
    assert "Turkey bought" in str(graph.value(st, KG.sentence))
    assert 0 < float(graph.value(st, KG.confidence)) <= 1
    assert graph.value(st, KG.rule) is not None
    assert int(graph.value(st, KG.startChar)) == 0


def test_hedged_fact_is_only_a_statement(graph_of):
    graph = graph_of("The purchase could result in the United States imposing sanctions on Turkey.")
    assert not any(p == "sanctions" for _, p, _ in asserted(graph))
    moods = {str(graph.value(s, KG.modality)) for s in graph.subjects(RDF.predicate, KG.sanctions)}
    assert moods and moods <= {"hedged", "hypothetical"}


def test_deal_is_an_nary_node(graph_of):
    graph = graph_of("Turkey signed a $2.5 billion deal with Russia to buy S-400 missiles in December 2017.")
    [deal] = list(graph.subjects(RDF.type, KG.Deal))
    assert str(graph.value(deal, KG.value)) == "2500000000"
    assert str(graph.value(deal, KG.currency)) == "USD"
    assert str(graph.value(deal, KG.date)) == "2017-12"
    labels = {str(graph.value(graph.value(deal, p), KG.label) or graph.value(deal, p)) for p in (KG.buyer, KG.seller, KG.item)}
    assert len(labels) == 3


def test_same_input_gives_the_same_bytes(graph_of):
    text = "Russia and Turkey signed a deal. US officials warned Ankara."
    assert turtle_bytes(graph_of(text)) == turtle_bytes(graph_of(text))
    assert b"_:" not in turtle_bytes(graph_of(text))
