"""Named queries that read precomputed aggregates answer what they answered before.

tests/data/named_reference/ holds the text of those queries before they read
`agg:relation-*` nodes, deal keys, `agg:date`, `agg:eventPeriod` and the places of statements
in an answer (kg.graph.aggregates): plain patterns over the statements. Each reshaped query
must give the same rows, in the same order (a paged one with `page=all`, and its pages one
after the other), on a small graph written here with the awkward cases (a deal without an
item, an event spanning years, a time that does not start with a year, two labels, a
literal object, a statement read from two articles, two modalities), on a synthetic graph
of the benchmark's generator and on the seeds build.
"""

from __future__ import annotations

import importlib.util

import pytest

from helpers import ROOT
from kg.errors import QueryError
from kg.graph.aggregates import with_aggregates
from kg.serialize.read import read_graph
from kg.serialize.store import load_store
from kg.sparql.engine import run_on_store
from kg.sparql.named import named_query, parse_named_query
from kg.sparql.query import run_query

REFERENCE = ROOT / "tests" / "data" / "named_reference"

SMALL = """\
@prefix kg: <https://kg.example.org/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix e: <https://kg.example.org/entity/> .
@prefix a: <https://kg.example.org/article/> .
@prefix s: <https://kg.example.org/statement/> .

e:norland a kg:Country ; rdfs:label "Norland" ; skos:altLabel "Nordia" .
e:sudmark a kg:Country ; rdfs:label "Sudmark", "Südmark Republic" .
e:vexa a kg:WeaponSystem ; rdfs:label "Vexa-9" .
e:ilse a kg:Person ; rdfs:label "Ilse Varnholt" .
e:deal1 a kg:Deal ; rdfs:label "Norland–Sudmark Vexa-9 deal" ;
  kg:buyer e:norland ; kg:seller e:sudmark ; kg:item e:vexa ; kg:value 3.5 .
e:deal2 a kg:Deal ; rdfs:label "Norland arms deal" ; kg:buyer e:norland ;
  kg:currency "EUR" .
e:deal3 a kg:Deal ; kg:seller e:sudmark ; kg:item e:vexa ; kg:date "2019-04-02"^^xsd:date .

a:one dcterms:date "2019-02-10"^^xsd:date .
a:two dcterms:date "2021-07-01"^^xsd:date .
a:three a kg:Article .

s:1 a kg:Statement ; rdf:subject e:norland ; rdf:predicate kg:buys ; rdf:object e:vexa ;
  kg:modality "asserted" ; kg:confidence 0.9 ; kg:rule "buys.verb" ;
  prov:wasDerivedFrom a:one ; kg:startChar 10 ; kg:endChar 60 ;
  kg:sentence "Norland buys the Vexa-9." ;
  kg:eventTime "2018-11"^^xsd:gYearMonth ; kg:eventTimeEnd "2020"^^xsd:gYear ;
  kg:latest "2021-07-01"^^xsd:date .
s:2 a kg:Statement ; rdf:subject e:norland ; rdf:predicate kg:buys ; rdf:object e:vexa ;
  kg:modality "asserted" ; kg:confidence 0.7 ; kg:rule "buys.noun" ;
  prov:wasDerivedFrom a:two, a:three ; kg:startChar 5 ; kg:endChar 40 ;
  kg:sentence "The Vexa-9 purchase by Norland." .
s:3 a kg:Statement ; rdf:subject e:sudmark ; rdf:predicate kg:opposes ; rdf:object e:deal2 ;
  kg:modality "asserted" ; kg:confidence 0.8 ; kg:rule "opposes.verb" ;
  prov:wasDerivedFrom a:one ; kg:startChar 70 ; kg:endChar 120 ;
  kg:sentence "Sudmark opposes the deal." ; kg:eventTime "2019"^^xsd:gYear .
s:4 a kg:Statement ; rdf:subject e:ilse ; rdf:predicate kg:speaksFor ; rdf:object e:sudmark ;
  kg:modality "hedged" ; kg:confidence 0.6 ; kg:rule "speaks.verb" ; kg:speaker e:ilse ;
  prov:wasDerivedFrom a:three ; kg:startChar 0 ; kg:endChar 30 ;
  kg:sentence "Ilse Varnholt may speak for Sudmark." ; kg:eventTime "--05"^^xsd:gMonth .
s:5 a kg:Statement ; rdf:subject e:norland ; rdf:predicate kg:sanctions ; rdf:object e:sudmark ;
  kg:modality "asserted" ; kg:confidence 0.9 ; kg:rule "sanctions.verb" ;
  prov:wasDerivedFrom a:three ; kg:startChar 200 ; kg:endChar 260 ;
  kg:sentence "Norland sanctions Sudmark." ; kg:eventTime "--05"^^xsd:gMonth .
s:6 a kg:Statement ; rdf:subject e:sudmark ; rdf:predicate kg:hasValue ; rdf:object "3.5" ;
  kg:modality "asserted" ; kg:confidence 0.5 ; kg:rule "value" ;
  prov:wasDerivedFrom a:two ; kg:startChar 300 ; kg:endChar 320 ;
  kg:sentence "Sudmark put it at 3.5." ; kg:eventTime "2021-03-04"^^xsd:date .
s:7 a kg:Statement ; rdf:subject e:norland ; rdf:predicate kg:negotiatesWith ;
  rdf:object e:sudmark ; kg:modality "negated", "hypothetical" ; kg:speaker e:sudmark ;
  kg:confidence 0.7 ; kg:rule "talks" ;
  prov:wasDerivedFrom a:one ; kg:startChar 400 ; kg:endChar 450 ;
  kg:sentence "Norland is not talking to Sudmark." .
"""

CASES = {
    "relations-between": [
        {"a": "Norland", "b": "Sudmark"},
        {"a": "Sudmark", "b": "Norland"},
        {"a": "Nordia", "b": "Vexa-9"},
        {"a": "Turkey", "b": "S-400"},
        {"a": "Turkey", "b": "Russia"},
    ],
    "since": [
        {"entity": "Norland", "since": "2019"},
        {"entity": "Sudmark", "since": "2021-03"},
        {"entity": "Vexa-9", "since": "2021-07-01"},
        {"entity": "Turkey", "since": "2021"},
        {"entity": "S-400", "since": "2019-05"},
    ],
    "deals": [
        {},
        {"item": "Vexa-9"},
        {"buyer": "Nordia"},
        {"seller": "Sudmark", "item": "vexa 9"},
        {"item": "S-400"},
        {"buyer": "Turkey", "seller": "Russia"},
    ],
    "about": [
        {"entity": "Norland"},
        {"entity": "Südmark"},
        {"entity": "Mevlut Cavusoglu"},
    ],
    "timeline": [{"entity": "Vexa-9"}, {"entity": "Sudmark"}, {"entity": "S-400"}],
    "hedged-claims": [
        {},
        {"modality": "negated"},
        {"entity": "Sudmark"},
        {"modality": "hedged", "entity": "Ilse Varnholt"},
        {"modality": "hedged"},
        {"entity": "Turkey"},
    ],
    "between": [
        {"from": "2019", "to": "2019"},
        {"from": "2020-06", "to": "2021-12-31"},
        {"from": "2019-02", "to": "2018"},
        {"from": "2017", "to": "2022", "predicate": "buys"},
        {"from": "2019-01", "to": "2019-03"},
        {"from": "2015-05-06", "to": "2016", "predicate": "sanctions"},
    ],
}


def _pairs(names):
    return [(name, params) for name in names for params in CASES[name]]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("small") / "small.ttl"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """About 30,000 triples of the query benchmark's generator (seeded)."""
    spec = importlib.util.spec_from_file_location(
        "query_bench", ROOT / "benchmarks" / "query_bench.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.nt"
    bench.generate(path, 30_000)
    return path


@pytest.fixture(scope="module")
def synthetic_store(synthetic):
    """The synthetic graph loaded once (with its aggregates): the queries only read it."""
    return load_store(synthetic)


@pytest.fixture(scope="module")
def small_store(small):
    return load_store(small)


def same_answer(store, name, params):
    """The rows of the query now (every page) and before are the same; so are its pages,
    one after the other, when it has pages."""
    query = named_query(name)
    before = parse_named_query(REFERENCE / f"{name}.rq")
    every = {**params, "page": "all"} if query.page_size else params
    now = run_on_store(store, *query.prepare(every))
    then = run_on_store(store, before.text, before.bind(params))
    assert now.variables == then.variables
    assert now.terms == then.terms
    if query.page_size:
        pages, number = [], 1
        while rows := run_on_store(
            store, *query.prepare({**params, "page": str(number)})
        ).terms:
            pages += rows
            number += 1
        assert tuple(pages) == now.terms
    return now


def test_a_page_is_a_limit_and_an_offset():
    query = named_query("about")
    assert query.page_size == 200
    first, _ = query.prepare({"entity": "x"})
    third, _ = query.prepare({"entity": "x", "page": "3"})
    every, _ = query.prepare({"entity": "x", "page": "all"})
    assert "LIMIT 200 OFFSET 0" in first and "LIMIT 200 OFFSET 400" in third
    assert "LIMIT 1000000 OFFSET 0" in every
    assert first == query.text and query.bind({"entity": "x", "page": "2"}).keys() == {
        "entity"
    }
    for bad in ("0", "-1", "two", "1; DROP"):
        with pytest.raises(QueryError, match="a page number from 1, or all"):
            query.prepare({"entity": "x", "page": bad})
    assert named_query("since").page_size is None


def test_pages_of_a_synthetic_graph_are_200_statements(synthetic_store):
    store = synthetic_store
    query = named_query("hedged-claims")
    first = run_on_store(store, *query.prepare({})).terms
    every = run_on_store(store, *query.prepare({"page": "all"})).terms
    assert 200 <= len(first) < len(every)
    assert first == every[: len(first)]


@pytest.mark.parametrize(("name", "params"), _pairs(CASES))
def test_the_small_graph(small, small_store, name, params):
    store = small_store
    same_answer(store, name, params)
    query = named_query(name)
    on_rdflib = run_query(
        with_aggregates(read_graph(small)), query.text, **query.bind(params)
    )
    assert on_rdflib.terms == run_on_store(store, query.text, query.bind(params)).terms


def test_the_small_graph_has_rows_for_the_awkward_cases(small):
    store = load_store(small)

    def rows(name, **params):
        return same_answer(store, name, params).rows

    # either way round, through the deal the object is, once per label of the other
    between_them = rows("relations-between", a="Sudmark", b="Norland")
    assert between_them == rows("relations-between", a="Norland", b="Sudmark")
    assert {r[:4] for r in between_them} == {
        ("Norland", "negotiatesWith", "Sudmark", "negated"),
        ("Norland", "negotiatesWith", "Südmark Republic", "negated"),
        ("Norland", "negotiatesWith", "Sudmark", "hypothetical"),
        ("Norland", "negotiatesWith", "Südmark Republic", "hypothetical"),
        ("Norland", "sanctions", "Sudmark", "asserted"),
        ("Norland", "sanctions", "Südmark Republic", "asserted"),
        ("Sudmark", "opposes", "Norland arms deal", "asserted"),
        ("Südmark Republic", "opposes", "Norland arms deal", "asserted"),
    }
    assert rows("relations-between", a="Nordia", b="Vexa-9") == (
        ("Norland", "buys", "Vexa-9", "asserted", "2"),
    )
    # a deal with no seller or item is found by its buyer, and by no item name
    assert {r[0].rsplit("/", 1)[1] for r in rows("deals", buyer="Nordia")} == {
        "deal1",
        "deal2",
    }
    assert {r[0].rsplit("/", 1)[1] for r in rows("deals", item="vexa 9")} == {
        "deal1",
        "deal3",
    }
    # an event from 2018-11 to 2020 is in 2019 and in a period that ends in 2018
    assert [r[3] for r in rows("between", **{"from": "2019", "to": "2019"})] == [
        "buys",
        "opposes",
        "opposes",
    ]
    assert [r[3] for r in rows("between", **{"from": "2019-02", "to": "2018"})] == [
        "buys"
    ]
    # since: kg:latest first (2021-07-01 for both readings), else the event time
    assert rows("since", entity="Vexa-9", since="2021-07-01") == (
        ("Norland", "buys", "Vexa-9", "2021-07-01", "2"),
    )
    assert [r[:2] for r in rows("since", entity="Sudmark", since="2021-03")] == [
        ("Sudmark", "hasValue"),
        ("Südmark Republic", "hasValue"),
    ]
    # a reading with two modalities is two claims; a speaker's two labels, two rows
    claims = rows("hedged-claims", entity="Nordia")
    assert len(claims) == 8  # and two object labels
    assert {(r[1], r[3], r[4]) for r in claims} == {
        ("negotiatesWith", m, speaker)
        for m in ("hypothetical", "negated")
        for speaker in ("Sudmark", "Südmark Republic")
    }


@pytest.mark.parametrize(("name", "params"), _pairs(CASES))
def test_a_synthetic_graph(synthetic_store, name, params):
    same_answer(synthetic_store, name, params)


@pytest.fixture(scope="module")
def seeds_store(seeds_build):
    return load_store(seeds_build[1])


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("relations-between", {"a": "Turkey", "b": "Russia"}),
        ("relations-between", {"a": "Turkey", "b": "S-400"}),
        ("since", {"entity": "Turkey", "since": "2019-06"}),
        ("since", {"entity": "S-400", "since": "2017"}),
        ("deals", {}),
        ("deals", {"item": "S-400"}),
        ("between", {"from": "2017", "to": "2018"}),
        ("between", {"from": "2019-01", "to": "2019-12-31", "predicate": "delivers"}),
        ("about", {"entity": "Mevlut Cavusoglu"}),
        ("timeline", {"entity": "S-400"}),
        ("hedged-claims", {}),
        ("hedged-claims", {"modality": "hypothetical"}),
    ],
)
def test_the_seeds(seeds_store, name, params):
    same_answer(seeds_store, name, params)
