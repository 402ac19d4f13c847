"""Aggregates (kg.graph.aggregates): the counts written once at load time are the counts a
query would make, on both engines, and a store folder keeps them."""

from __future__ import annotations

import json

import pytest

from kg.graph.aggregates import (
    AGG,
    AGGREGATES,
    VERSION,
    add_aggregates,
    name_key,
    with_aggregates,
)
from kg.serialize.read import read_graph
from kg.serialize.store import load_store
from kg.sparql.engine import dataset_of, run_on_store
from kg.sparql.query import run_query

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

COUNTED = """
SELECT ?e (COUNT(DISTINCT ?other) AS ?neighbours) (COUNT(DISTINCT ?statement) AS ?statements)
WHERE {
  { ?statement rdf:subject ?e ; rdf:object ?other } UNION
  { ?statement rdf:object ?e ; rdf:subject ?other }
  ?statement a kg:Statement .
  FILTER (isIRI(?other) && ?other != ?e && !isLiteral(?e))
}
GROUP BY ?e
"""
STORED = (
    "SELECT ?e ?neighbours ?statements "
    "WHERE { ?e agg:neighbours ?neighbours ; agg:statements ?statements }"
)
READINGS = """
SELECT ?s ?p ?o (COUNT(DISTINCT ?statement) AS ?n) WHERE {
  ?statement rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality "asserted" .
} GROUP BY ?s ?p ?o
"""
STORED_READINGS = (
    "SELECT ?s ?p ?o ?n WHERE { ?f agg:subject ?s ; agg:predicate ?p ; agg:object ?o ; "
    "agg:readings ?n }"
)


@pytest.fixture(scope="module")
def store(seeds_build):
    return load_store(seeds_build[1])


def rows(result) -> set[tuple]:
    return {tuple(row) for row in result.rows}


def test_degree_and_readings_are_what_a_query_counts(store, seeds_build):
    assert rows(run_on_store(store, STORED)) == rows(run_on_store(store, COUNTED))
    assert rows(run_on_store(store, STORED_READINGS)) == rows(
        run_on_store(store, READINGS)
    )
    graph = with_aggregates(read_graph(seeds_build[1]))
    assert rows(run_query(graph, STORED)) == rows(run_on_store(store, STORED))


def test_the_ranks_follow_the_degree(store):
    ranked = run_on_store(
        store,
        "SELECT ?r ?n ?s WHERE { ?e agg:degreeRank ?r ; agg:neighbours ?n ; "
        "agg:statements ?s } ORDER BY ?r",
    ).rows
    assert [int(r) for r, _, _ in ranked] == list(range(1, len(ranked) + 1))
    keys = [(-int(n), -int(s)) for _, n, s in ranked]
    assert keys == sorted(keys)


def test_names_are_folded():
    assert name_key("Türkiye ") == name_key("TURKIYE") == "turkiye"
    assert name_key("S-400") == name_key("s 400")
    assert name_key("Москва") == "москва"  # no Latin letters: still a name


def test_a_store_folder_keeps_its_aggregates_and_recounts_an_old_one(
    seeds_build, tmp_path
):
    import pyoxigraph as ox

    folder = tmp_path / "store"
    first = load_store(seeds_build[1], location=folder)
    count = len(first)
    # a graph without named graphs: the aggregates sit in the default graph, with the
    # version that counted them, and queries read that one graph
    version = ox.Quad(
        ox.NamedNode(AGG + "graph"),
        ox.NamedNode(AGG + "version"),
        ox.Literal(str(VERSION), datatype=ox.NamedNode(XSD_INTEGER)),
        ox.DefaultGraph(),
    )
    assert version in first
    assert list(first.named_graphs()) == []
    assert dataset_of(first) == {}
    # the layout of an older kg: the same aggregates in their own named graph
    moved = [q for q in first if q.predicate.value.startswith(AGG)]
    for quad in moved:
        first.remove(quad)
    first.bulk_extend(
        ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(AGGREGATES))
        for q in moved
    )
    assert dataset_of(first) == {
        "default_graph": [ox.DefaultGraph(), ox.NamedNode(AGGREGATES)]
    }
    assert rows(run_on_store(first, STORED)) == rows(run_on_store(first, COUNTED))
    first.flush()
    del first
    marker = folder / "kg-source.json"
    written = json.loads(marker.read_text(encoding="utf-8"))
    marker.write_text(json.dumps(written["source"]), encoding="utf-8")  # an older kg's
    again = load_store(seeds_build[1], location=folder)
    assert len(again) == count
    assert list(again.named_graphs()) == [] and version in again
    assert json.loads(marker.read_text(encoding="utf-8")) == written
    add_aggregates(again)  # counted again: replaced, not added
    assert len(again) == count


def test_a_graph_with_named_graphs_keeps_the_aggregates_in_theirs(tmp_path):
    import pyoxigraph as ox

    path = tmp_path / "g.nq"
    path.write_text(
        "<https://kg.example.org/e/a> <http://www.w3.org/2000/01/rdf-schema#label> "
        '"Alpha" <https://kg.example.org/g/1> .\n',
        encoding="utf-8",
    )
    store = load_store(path)
    assert store.contains_named_graph(ox.NamedNode(AGGREGATES))
    assert dataset_of(store) == {"use_default_graph_as_union": True}
    found = run_on_store(store, 'SELECT ?e WHERE { ?e agg:name "alpha" }').rows
    assert found == (("https://kg.example.org/e/a",),)
