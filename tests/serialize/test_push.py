"""kg push: the graph goes into a real Oxigraph server (started on loopback) through the
SPARQL 1.1 Graph Store Protocol and is read back with SPARQL."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import KGError
from kg.graph.rdf import by_article
from kg.serialize.atomic import write_atomic
from kg.serialize.formats import nquads_bytes
from kg.serialize.push import push, split_quad


def _oxigraph() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


@pytest.fixture()
def server(tmp_path):
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(tmp_path / "db"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        "oxigraph did not start: "
                        f"{process.stderr.read().decode() if process.stderr else ''}"
                    )
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _select(base: str, query: str) -> list[dict]:
    request = urllib.request.Request(
        f"{base}/query?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["results"]["bindings"]


def test_push_to_a_real_oxigraph_server_and_read_it_back(seeds_build, server, tmp_path):
    result, _ = seeds_build
    out = tmp_path / "out"
    write_atomic(out / "graph.nq", nquads_bytes(result.graph))
    expected = by_article(result.graph)
    named = {
        str(g.identifier)
        for g in expected.graphs()
        if len(g) and g.identifier != expected.default_graph.identifier
    }

    pushed = push(out, f"{server}/store")
    assert pushed.triples == len(result.graph) and pushed.graphs == len(named)
    pushed_again = push(
        out, f"{server}/store", replace=True
    )  # replace: no duplicates, same content
    assert pushed_again.triples == pushed.triples

    default = _select(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    graphs = _select(
        server, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    )
    counts = {b["g"]["value"]: int(b["n"]["value"]) for b in graphs}
    assert set(counts) == named
    assert int(default[0]["n"]["value"]) + sum(counts.values()) == len(result.graph)
    buyers = _select(
        server,
        "PREFIX kg: <https://kg.example.org/ontology#> PREFIX rdfs: "
        "<http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?b WHERE { ?x kg:buys ?y . ?x rdfs:label ?b . ?y rdfs:label 'S-400' }",
    )
    assert "Turkey" in {b["b"]["value"] for b in buyers}

    request = urllib.request.Request(
        f"{server}/store", headers={"Accept": "application/n-quads"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        back = Dataset()
        back.parse(data=response.read().decode("utf-8"), format="nquads")
    merged = [triple for graph in back.graphs() for triple in graph]
    assert isomorphic(_by_value(merged), _by_value(result.graph))


XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def _by_value(triples) -> Graph:
    """Oxigraph writes an xsd:decimal in its canonical form ("2500000000", not kg's
    "2500000000.0"): the same value, so compare decimals by value."""
    graph = Graph()
    for s, p, o in triples:
        if isinstance(o, Literal) and o.datatype == XSD_DECIMAL:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD_DECIMAL)
        graph.add((s, p, o))
    return graph


def test_push_errors_are_one_line(tmp_path, server):
    with pytest.raises(KGError, match=r"no graph\.nq"):
        push(tmp_path, f"{server}/store")
    write_atomic(
        tmp_path / "graph.nq",
        b"<https://a.example/s> <https://a.example/p> <https://a.example/o> .\n",
    )
    with pytest.raises(KGError, match="HTTP 4"):
        push(tmp_path, f"{server}/no-such-service")
    with pytest.raises(KGError, match="not an http"):
        push(tmp_path, "ftp://example.org/store")


@pytest.mark.parametrize(
    ("line", "graph"),
    [
        ("<s> <p> <o> <g> .\n", "g"),
        ("<s> <p> <o>  .\n", ""),
        ('<s> <p> "a <b> c"^^<http://x> .\n', ""),
        ('<s> <p> "say <b>" <g> .\n', "g"),
        ('<s> <p> "x"@en <g> .\n', "g"),
    ],
)
def test_split_quad(line, graph):
    assert split_quad(line)[0] == graph
