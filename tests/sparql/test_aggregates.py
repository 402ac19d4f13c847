"""Aggregates (kg.graph.aggregates): the counts written once at load time are the counts a
query would make, on both engines, and a store folder keeps them."""

from __future__ import annotations

import json

import pytest

from kg.graph.aggregates import AGGREGATES, name_key, with_aggregates
from kg.serialize.read import read_graph
from kg.serialize.store import load_store
from kg.sparql.engine import run_on_store
from kg.sparql.query import run_query

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
    assert first.contains_named_graph(ox.NamedNode(AGGREGATES))
    del first
    marker = folder / "kg-source.json"
    written = json.loads(marker.read_text(encoding="utf-8"))
    marker.write_text(json.dumps(written["source"]), encoding="utf-8")  # an older kg's
    again = load_store(seeds_build[1], location=folder)
    assert len(again) == count
    assert json.loads(marker.read_text(encoding="utf-8")) == written
