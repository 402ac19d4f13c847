import pytest

from kg.errors import QueryError
from kg.query import format_result, run_query


@pytest.fixture(scope="module")
def graph(graph_of):
    return graph_of("Turkey bought S-400 missiles from Russia.")


def test_select_and_ask(graph):
    result = run_query(graph, "SELECT ?o WHERE { ?s kg:buys ?o }")
    assert result.variables == ("o",) and len(result.rows) == 1
    assert run_query(graph, "ASK { ?s kg:sells ?o }").ask is True
    assert format_result(run_query(graph, "ASK { ?s kg:attacks ?o }"), "table") == "false"


def test_bindings_are_bound_not_formatted(graph):
    from rdflib import Literal

    rows = run_query(graph, "SELECT ?s WHERE { ?s rdfs:label ?name }", name=Literal("Turkey")).rows
    assert len(rows) == 1
    rows = run_query(graph, "SELECT ?s WHERE { ?s rdfs:label ?name }", name=Literal('Turkey" || true || "')).rows
    assert rows == ()


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    ],
)
def test_queries_that_reach_out_are_refused(graph, query):
    with pytest.raises(QueryError):
        run_query(graph, query)


def test_csv_and_json(graph):
    result = run_query(graph, "SELECT ?o WHERE { ?s kg:buys ?o }")
    assert format_result(result, "csv").splitlines()[0] == "o"
    assert format_result(result, "json").startswith("[")
