"""`kg query` for a person at a terminal: did-you-mean, names in any case and accent, tables
that fit the width, typed JSON, truncation with a note, the graph's prefixes predefined.

The graph is written by hand (invented names) so that it holds what the checks need: an
accented label, an alias, a fact read twice, an id longer than a narrow table.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.sparql.named import close_names, named_query
from kg.sparql.query import DEFAULT_PREFIXES, QueryResult, Term
from kg.sparql.results import format_result, json_value, shorten

GRAPH = """\
@prefix kg: <https://kg.example.org/ontology#> .
@prefix ent: <https://kg.example.org/entity/> .
@prefix stmt: <https://kg.example.org/statement/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xyz: <https://other.example.org/vocabulary/> .

ent:zolland a kg:Country ; rdfs:label "Zölland" ; skos:altLabel "Zoll Republic" ;
    xyz:motto "Onward" .
ent:frobnitz-9 a kg:WeaponSystem ; rdfs:label "Frobnitz-9" .
ent:quarvia a kg:Country ; rdfs:label "Quarvia" .
ent:zolland kg:buys ent:frobnitz-9 .
ent:quarvia kg:buys ent:frobnitz-9 .
stmt:one a kg:Statement ; rdf:subject ent:zolland ; rdf:predicate kg:buys ;
    rdf:object ent:frobnitz-9 ; kg:modality "asserted" .
stmt:two a kg:Statement ; rdf:subject ent:zolland ; rdf:predicate kg:buys ;
    rdf:object ent:frobnitz-9 ; kg:modality "asserted" .
stmt:three a kg:Statement ; rdf:subject ent:quarvia ; rdf:predicate kg:buys ;
    rdf:object ent:frobnitz-9 ; kg:modality "asserted" .
ent:a-very-long-entity-key-that-no-narrow-column-could-hold-on-one-line
    a kg:Person ; rdfs:label "Long" .
"""


@pytest.fixture(scope="module")
def ttl(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "graph.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    return path


def kg_query(*args: str, **env: str):
    return CliRunner().invoke(app, ["query", *args], env=env or None)


def test_a_misspelt_query_name_gets_a_did_you_mean_and_exit_2(ttl):
    result = kg_query(str(ttl), "who-buys-waht")
    assert result.exit_code == 2
    assert (
        "no named query 'who-buys-waht'; did you mean who-buys-what?" in result.output
    )


def test_misspelt_parameters_and_values_get_a_did_you_mean(ttl):
    assert (
        "did you mean buyer?"
        in kg_query(str(ttl), "who-buys-what", "-p", "byer=x").output
    )
    choice = kg_query(str(ttl), "hedged-claims", "-p", "modality=hegded")
    assert choice.exit_code == 2 and "did you mean hedged?" in choice.output
    name = kg_query(str(ttl), "who-buys-what", "-p", "buyer=Quarvai")
    assert name.exit_code == 2 and "did you mean Quarvia?" in name.output
    with pytest.raises(QueryError, match="did you mean buys"):
        named_query("fact-sources").bind(
            {"subject": "a", "predicate": "byus", "object": "b"}
        )
    assert close_names("Zollandd", ["Zölland", "Quarvia"]) == ["Zölland"]


@pytest.mark.parametrize(
    "buyer", ["Zölland", "zolland", "ZOLLAND", "zöLLand ", "zoll republic"]
)
def test_names_match_in_any_case_with_or_without_accents(ttl, buyer):
    result = kg_query(
        str(ttl), "who-buys-what", "-p", f"buyer={buyer}", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["Zölland,Frobnitz-9,,2"]


def test_json_numbers_are_typed(ttl):
    result = kg_query(str(ttl), "who-buys-what", "--format", "json")
    rows = json.loads(result.stdout)
    assert [(r["buyerName"], r["sentences"]) for r in rows] == [
        ("Quarvia", 1),
        ("Zölland", 2),
    ]
    assert rows[0]["sellerName"] is None
    assert (
        json_value(Term("literal", "0.75", "http://www.w3.org/2001/XMLSchema#decimal"))
        == 0.75
    )
    assert (
        json_value(Term("literal", "true", "http://www.w3.org/2001/XMLSchema#boolean"))
        is True
    )
    assert (
        json_value(Term("literal", "n/a", "http://www.w3.org/2001/XMLSchema#integer"))
        == "n/a"
    )
    assert json_value(
        Term("literal", "2019-02-26", "http://www.w3.org/2001/XMLSchema#date")
    ) == ("2019-02-26")


@pytest.mark.parametrize("width", [40, 72, 140])
def test_the_table_fits_the_width_and_cuts_no_id(ttl, width):
    query = "SELECT ?entity ?label WHERE { ?entity rdfs:label ?label } ORDER BY ?label"
    for result in (
        kg_query(str(ttl), query, "--width", str(width)),
        kg_query(str(ttl), query, COLUMNS=str(width)),  # the terminal's width
    ):
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert max(map(len, lines)) <= width and "…" not in result.stdout
        cells = "".join(line.strip("│┃ ").split("│")[0].strip() for line in lines[3:-1])
        key = "ent:a-very-long-entity-key-that-no-narrow-column-could-hold-on-one-line"
        assert key in cells  # shortened with the graph's prefix, folded, never cut
        assert "https://kg.example.org/entity/" not in result.stdout


def test_iris_are_shortened_with_the_longest_namespace():
    prefixes = (("a", "http://x.org/"), ("b", "http://x.org/deep/"))
    assert shorten("http://x.org/deep/thing", prefixes) == "b:thing"
    assert (
        shorten("http://x.org/a/b", prefixes) == "http://x.org/a/b"
    )  # not a local name


def test_max_rows_truncates_with_a_note(ttl):
    result = kg_query(
        str(ttl),
        "SELECT ?s WHERE { ?s a ?t } ORDER BY ?s",
        "--max-rows",
        "2",
        "--format",
        "csv",
    )
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3  # the header and two rows
    assert "note: the first 2 rows; the query has more" in result.stderr


def test_the_graphs_prefixes_are_predefined(ttl):
    described = kg_query(str(ttl), "DESCRIBE ent:zolland")
    assert described.exit_code == 0, described.output
    assert 'rdfs:label "Zölland"' in described.stdout and "agg:" not in described.stdout
    declared = kg_query(
        str(ttl), "SELECT ?m WHERE { ?e xyz:motto ?m }", "--format", "csv"
    )
    assert declared.stdout.splitlines() == ["m", "Onward"]
    constructed = kg_query(
        str(ttl),
        "CONSTRUCT { ?e kg:buys ?i } WHERE { ?e kg:buys ?i }",
        "--format",
        "csv",
    )
    assert sorted(constructed.stdout.splitlines()) == [
        "<https://kg.example.org/entity/quarvia> <https://kg.example.org/ontology#buys> "
        "<https://kg.example.org/entity/frobnitz-9> .",
        "<https://kg.example.org/entity/zolland> <https://kg.example.org/ontology#buys> "
        "<https://kg.example.org/entity/frobnitz-9> .",
    ]


def test_a_table_of_no_rows_and_an_ask():
    empty = QueryResult(variables=("a", "b"))
    assert "a" in format_result(empty, "table", width=40, prefixes=DEFAULT_PREFIXES)
    assert format_result(QueryResult(ask=True), "json") == "true"


def test_a_big_graph_file_gets_a_store_folder_beside_it_that_later_calls_reuse(
    ttl, tmp_path, monkeypatch
):
    import shutil

    import kg.serialize.store as store_module

    graph = tmp_path / "graph.ttl"
    shutil.copy(ttl, graph)
    monkeypatch.setattr(store_module, "BIG_GRAPH", 0)  # every file counts as big
    first = kg_query(str(graph), "who-buys-what", "--format", "csv")
    folder = tmp_path / "graph.ttl.store"
    assert first.exit_code == 0 and (folder / "kg-source.json").is_file()
    assert f"into the store folder {folder} (once" in first.stderr
    stamp = (folder / "kg-source.json").stat().st_mtime_ns
    again = kg_query(str(graph), "who-buys-what", "--format", "csv")
    assert again.stdout == first.stdout and "store folder" not in again.stderr
    assert (folder / "kg-source.json").stat().st_mtime_ns == stamp  # not loaded again
    graph.write_text(GRAPH.replace('"Quarvia"', '"Quarvia Major"'), encoding="utf-8")
    changed = kg_query(str(graph), "who-buys-what", "--format", "csv")
    assert "Quarvia Major,Frobnitz-9,,1" in changed.stdout  # a changed file is reloaded
