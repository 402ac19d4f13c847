"""Every output format: byte-identical across builds, parsed by rdflib, Oxigraph and networkx."""

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from typer.testing import CliRunner

from helpers import ROOT
from kg.cli import app
from kg.errors import KGError
from kg.serialize.extractions import save_extractions
from kg.serialize.formats import FORMATS, parse_formats, write_graph_files
from kg.serialize.read import read_graph
from kg.vocab import KG

RDF_FORMATS = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}


@pytest.fixture(scope="module")
def seeds_files(seeds_build, tmp_path_factory):
    """The seeds graph in every format, and its stored extractions, written in this process."""
    result, _ = seeds_build
    out = tmp_path_factory.mktemp("formats")
    write_graph_files(result.graph, out, FORMATS)
    save_extractions(out, result.extractions, base="https://kg.example.org/")
    return result, out


def test_two_builds_of_seeds_give_identical_bytes_in_every_format(
    seeds_files, tmp_path
):
    """The second build runs in another process with another hash seed, so any set or dict
    order that leaks into a file shows up here."""
    _, first = seeds_files
    env = {**os.environ, "PYTHONHASHSEED": "2024"}
    command = [
        sys.executable,
        "-m",
        "kg",
        "build",
        str(ROOT / "seeds"),
        "-o",
        str(tmp_path),
        "--format",
        ",".join(FORMATS),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    for name in [*(f"graph.{f}" for f in FORMATS), "extractions.jsonl"]:
        assert (tmp_path / name).read_bytes() == (first / name).read_bytes(), name


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_oxigraph_and_rdflib_read_back_the_same_triples(seeds_files, fmt):
    result, out = seeds_files
    path = out / f"graph.{fmt}"
    quads = list(pyoxigraph.parse(path=path, format=RDF_FORMATS[fmt]))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(result.graph)
    assert set(read_graph(path)) == set(
        result.graph
    )  # no blank nodes: set equality is isomorphism
    graphs = {q.graph_name for q in quads}
    if fmt in (
        "nq",
        "trig",
    ):  # the default graph and one named graph per article with statements
        articles = {str(a) for a in result.graph.subjects(RDF.type, KG.Article)}
        assert {
            str(g.value) for g in graphs if isinstance(g, pyoxigraph.NamedNode)
        } == articles
        assert pyoxigraph.DefaultGraph() in graphs
    else:
        assert graphs == {pyoxigraph.DefaultGraph()}


def test_graphml_is_the_entity_network(seeds_files):
    result, out = seeds_files
    network = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    entities = set(result.graph.subjects(SKOS.prefLabel, None)) | set(
        result.graph.subjects(RDF.type, KG.Deal)
    )
    assert set(network.nodes) == {str(e) for e in entities}
    turkey = next(
        n for n, data in network.nodes(data=True) if data["label"] == "Turkey"
    )
    assert network.nodes[turkey]["type"] == "Country" and network.nodes[turkey][
        "wikidata"
    ].startswith("http://www.wikidata.org/entity/Q")
    buys = [(u, v, d) for u, v, d in network.edges(data=True) if d["label"] == "buys"]
    assert buys and all(d["statements"] >= 1 and d["articles"] >= 1 for _, _, d in buys)
    assert len(buys) == len(set(result.graph.triples((None, KG.buys, None))))


def test_format_list_is_checked():
    assert parse_formats("ttl, TRIG,.nq,ttl") == ("ttl", "trig", "nq")
    with pytest.raises(
        KGError,
        match="unknown format xml: choose from ttl, nt, nq, trig, jsonld, graphml",
    ):
        parse_formats("ttl,xml")


def test_build_with_an_unknown_format_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(
        app,
        ["build", str(ROOT / "seeds"), "-o", str(tmp_path), "--format", "ttl,rdfxml"],
    )
    assert result.exit_code == 2 and "rdfxml" in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_supporting_sentences_query_traces_a_fact_to_its_sentences(seeds_files, fmt):
    """Acceptance: for "Turkey buys S-400", every supporting sentence with its article,
    offsets (which cut exactly that sentence out of the source file) and confidence."""
    from rdflib import Literal

    from kg.ingest.decode import decode
    from kg.ingest.files import read_bytes
    from kg.model import MODALITIES
    from kg.sparql.query import run_query

    result, out = seeds_files
    graph = read_graph(out / f"graph.{fmt}")
    query = (ROOT / "tests" / "data" / "queries" / "supporting-sentences.rq").read_text(
        encoding="utf-8"
    )
    rows = run_query(
        graph,
        query,
        subject=Literal("Turkey"),
        predicate=Literal("buys"),
        object=Literal("S-400"),
    )
    found = [dict(zip(rows.variables, row, strict=True)) for row in rows.rows]
    statements = [
        st
        for st in result.graph.subjects(RDF.predicate, KG.buys)
        if str(result.graph.value(result.graph.value(st, RDF.subject), RDFS.label))
        == "Turkey"
        and str(result.graph.value(result.graph.value(st, RDF.object), RDFS.label))
        == "S-400"
    ]
    assert len(found) == len(statements) >= 2
    assert len({row["article"] for row in found}) >= 2
    for row in found:
        assert (URIRef(row["article"]), RDF.type, KG.Article) in result.graph
        source, _ = decode(read_bytes(Path(row["file"])), source=Path(row["file"]))
        start, end = int(row["start"]), int(row["end"])
        assert 0 <= start < end <= len(source)
        assert " ".join(source[start:end].split()) == row["sentence"]
        assert 0 <= float(row["confidence"]) <= 1 and row["modality"] in MODALITIES
        assert row["title"] and row["rule"]


def test_oxigraph_finds_each_statement_in_the_graph_of_its_article(seeds_files):
    """In a quad store the statements sit in named graphs, the entities in the default graph."""
    result, out = seeds_files
    store = pyoxigraph.Store()
    store.load(path=out / "graph.trig", format=pyoxigraph.RdfFormat.TRIG)
    rows = list(
        store.query("""
        PREFIX kg: <https://kg.example.org/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?article ?source WHERE {
          GRAPH ?article {
            ?st rdf:subject ?s ; rdf:predicate kg:buys ; prov:wasDerivedFrom ?source
          }
          ?s a kg:Country .
          ?article a kg:Article .
        }""")
    )
    buys = [
        st
        for st in result.graph.subjects(RDF.predicate, KG.buys)
        if (result.graph.value(st, RDF.subject), RDF.type, KG.Country) in result.graph
    ]
    assert len(rows) == len(buys) > 0
    assert all(row["article"] == row["source"] for row in rows)
