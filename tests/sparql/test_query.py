"""kg.sparql.query, kg.sparql.engine and kg.sparql.sandbox: checking, binding, both
engines, and the limits."""

import socket
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.serialize.store import load_store, open_store
from kg.sparql.engine import run_on_store
from kg.sparql.query import bind_values, run_query, sparql_term
from kg.sparql.results import format_result
from kg.sparql.sandbox import Limits, Source, Worker, run_limited

CROSS = " . ".join(
    f"?s{i} ?p{i} ?o{i}" for i in range(6)
)  # the graph to the sixth power


@pytest.fixture(scope="module")
def graph(graph_of):
    return graph_of("Turkey bought S-400 missiles from Russia.")


@pytest.fixture(scope="module")
def store(graph):
    store = ox.Store()
    store.load(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture(scope="module")
def ttl(tmp_path_factory, graph):
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    graph.serialize(path, format="turtle")
    return path


def test_select_and_ask(graph):
    result = run_query(graph, "SELECT ?o WHERE { ?s kg:buys ?o }")
    assert result.variables == ("o",) and len(result.rows) == 1
    assert run_query(graph, "ASK { ?s kg:sells ?o }").ask is True
    assert (
        format_result(run_query(graph, "ASK { ?s kg:attacks ?o }"), "table") == "false"
    )


def test_oxigraph_gives_the_same_terms(graph, store):
    for text in (
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    ):
        assert run_query(graph, text) == run_on_store(store, text)


def test_bindings_are_bound_not_formatted(graph, store):
    rows = run_query(
        graph, "SELECT ?s WHERE { ?s rdfs:label ?name }", name=Literal("Turkey")
    ).rows
    assert len(rows) == 1
    rows = run_query(
        graph,
        "SELECT ?s WHERE { ?s rdfs:label ?name }",
        name=Literal('Turkey" || true || "'),
    ).rows
    assert rows == ()
    # Oxigraph substitutes a projected variable
    assert (
        len(
            run_on_store(
                store,
                "SELECT ?s ?name WHERE { ?s rdfs:label ?name }",
                {"name": Literal("Turkey")},
            ).rows
        )
        == 1
    )


ECHO = "SELECT ?x WHERE {\n  VALUES (?x ?y) { (UNDEF UNDEF) }\n}"


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\\"
        ),
        max_size=30,
    )
)
def test_any_bound_value_comes_back_as_itself(graph, store, value):
    assert run_query(graph, ECHO, x=Literal(value)).rows == ((value,),)
    assert run_on_store(store, ECHO, {"x": Literal(value)}).rows == ((value,),)


def test_the_values_row_is_the_only_change():
    text, rest = bind_values(ECHO, {"x": Literal('a"b'), "z": Literal("kept")})
    assert text == ECHO.replace("(UNDEF UNDEF)", '("a\\"b" UNDEF)') and set(rest) == {
        "z"
    }
    assert (
        sparql_term(URIRef("https://kg.example.org/ontology#buys"))
        == "<https://kg.example.org/ontology#buys>"
    )


@pytest.mark.parametrize("value", ["a\\u0022b", "line\nbreak", "nul\x00"])
def test_values_that_could_escape_their_token_are_refused(value):
    with pytest.raises(QueryError, match="backslash or a control character"):
        sparql_term(Literal(value))
    with pytest.raises(QueryError, match="IRI"):
        sparql_term(URIRef("http://x/> } UNION { ?s ?p ?o } <"))


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "SELECT * WHERE " + "{" * 40 + " ?s ?p ?o " + "}" * 40,
    ],
)
def test_queries_that_reach_out_or_nest_deep_are_refused(graph, store, query):
    with pytest.raises(QueryError):
        run_query(graph, query)
    with pytest.raises(QueryError):
        run_on_store(store, query)


def test_csv_and_json(graph):
    result = run_query(graph, "SELECT ?o WHERE { ?s kg:buys ?o }")
    assert format_result(result, "csv").splitlines()[0] == "o"
    assert format_result(result, "json").startswith("[")


def test_a_persistent_store_is_reused_until_the_graph_changes(ttl, tmp_path):
    folder = tmp_path / "store"
    store = load_store(ttl, location=folder)
    count = len(store)
    del store
    assert len(open_store(folder)) == count  # read-only, as the workers open it
    (folder / "kg-source.json").write_text(
        "{}", encoding="utf-8"
    )  # as if the graph changed
    assert len(load_store(ttl, location=folder)) == count
    with pytest.raises(QueryError, match="not a kg store"):
        open_store(tmp_path)


# ------------------------------------------------------------------ limits, in a worker


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_worker_stops_a_slow_query_and_reports_the_limits(ttl, engine):
    limits = Limits(timeout=1.5, max_rows=5)
    with Worker(Source(graph=ttl, engine=engine), limits) as worker:
        assert worker.query("ASK { ?s kg:buys ?o }").ask is True
        with pytest.raises(QueryError, match="more than 5 rows"):
            worker.query("SELECT * WHERE { ?s ?p ?o }")
        started = time.monotonic()
        with pytest.raises(QueryError, match=r"time limit of 1\.5 s"):
            worker.query(
                "SELECT (COUNT(*) AS ?n) WHERE "
                f"{{ {CROSS} FILTER(REGEX(CONCAT(STR(?o1), STR(?o5)), '(.*)*x')) }}"
            )
        assert time.monotonic() - started < 6
        assert not worker.alive


def test_a_worker_stops_a_query_over_the_memory_limit(ttl):
    limits = Limits(timeout=60, max_memory_mb=64)
    with pytest.raises(QueryError, match="memory limit of 64 MiB"):
        run_limited(
            Source(graph=ttl),
            "SELECT (GROUP_CONCAT(CONCAT(STR(?o1), STR(?o2), STR(?o3))) AS ?x) WHERE "
            f"{{ {CROSS} }}",
            limits=limits,
        )


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_service_is_refused_without_a_connection_attempt(ttl, engine):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        with pytest.raises(QueryError, match="SERVICE is not allowed"):
            run_limited(
                Source(graph=ttl, engine=engine),
                f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            )
        with pytest.raises(TimeoutError):
            listener.accept()


def test_the_worker_cannot_open_a_network_socket_even_from_rust():
    """The wall behind the parser check: after deny_network, Oxigraph's own HTTP client
    (SERVICE run directly, without kg's check) cannot connect."""
    code = (
        "import socket, pyoxigraph as ox\n"
        "from kg.sparql.sandbox import deny_network\n"
        "listener = socket.socket(); listener.bind(('127.0.0.1', 0)); "
        "listener.listen(); listener.settimeout(0.5)\n"
        "if not deny_network():\n"
        "    print('unsupported'); raise SystemExit\n"
        "try:\n"
        "    list(ox.Store().query(f'SELECT * WHERE "
        "{{ SERVICE <http://127.0.0.1:{listener.getsockname()[1]}/> {{ ?s ?p ?o }} }}'))\n"
        "except OSError as e:\n"
        "    print('refused:', e)\n"
        "try:\n"
        "    listener.accept(); print('connected')\n"
        "except TimeoutError:\n"
        "    print('no connection')\n"
        "socket.socket(socket.AF_UNIX).close(); print('unix sockets still work')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    if out.startswith("unsupported"):
        pytest.skip("seccomp filters cannot be installed here")
    assert (
        "refused: Permission denied" in out
        and "no connection" in out
        and "unix sockets still work" in out
    )


def test_the_worker_cannot_open_files_once_loaded(ttl):
    code = (
        "from kg.sparql.sandbox import _deny_files_and_sockets\n"
        "_deny_files_and_sockets()\n"
        "import json  # imports still work\n"
        "try:\n"
        f"    open({str(ttl)!r}); print('opened')\n"
        "except PermissionError as e:\n"
        "    print('refused:', e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert out.startswith("refused: queries may not open files")


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_quads_are_read_as_one_graph_by_both_engines(graph, tmp_path, suffix):
    from rdflib import Dataset

    from kg.serialize.read import read_graph

    dataset = Dataset()
    named = dataset.graph(URIRef("https://kg.example.org/graph/t0"))
    for triple in graph:
        named.add(triple)
    path = tmp_path / f"graph{suffix}"
    dataset.serialize(path, format="trig" if suffix == ".trig" else "nquads")
    text = "SELECT ?o WHERE { ?s kg:buys ?o }"
    expected = run_query(graph, text)
    assert (
        run_query(read_graph(path, union=True), text)
        == expected
        == run_on_store(load_store(path), text)
    )
