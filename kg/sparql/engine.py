"""Engine: Oxigraph (pyoxigraph), kg's default for querying.

rdflib's in-memory SPARQL slows down badly on big graphs; Oxigraph is a Rust SPARQL 1.1
engine with the same answers on kg's named queries (tests/test_queries_named.py checks it) and
far lower latency and memory (benchmarks/query_bench.py measures both). A graph file is read
into memory, or once into a persistent store folder that later runs open directly.

Oxigraph follows SERVICE over HTTP by itself, so a query must pass `kg.query.check_query`
before it reaches `run_on_store`; `kg.sparql.sandbox` also cuts the worker process off the network.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.graph.aggregates import AGG, AGGREGATES, add_aggregates
from kg.sparql.query import (
    DEFAULT_PREFIXES,
    XSD_STRING,
    Prefixes,
    QueryResult,
    Term,
    bind_values,
    cap_rows,
    check_query,
    query_form,
    sorted_triples,
)


def oxigraph_term(node: Identifier) -> Any:
    """An rdflib term as a pyoxigraph term (for substitutions)."""
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    raise QueryError(f"cannot bind {node!r}: not an IRI, blank node or literal")


def _term(node: Any) -> Term:
    kind = type(node)
    if kind is ox.Literal:
        language = node.language
        if language:
            return Term("literal", node.value, None, language)
        datatype = node.datatype.value
        return Term("literal", node.value, None if datatype == XSD_STRING else datatype)
    if kind is ox.NamedNode:
        return Term("uri", node.value)
    if kind is ox.BlankNode:
        return Term("bnode", node.value)
    return Term("literal", str(node))  # an RDF-star triple: shown in N-Triples syntax


def _converter() -> Any:
    """`_term` remembering what it made: the names, predicates and articles of an answer
    repeat from row to row, and each is converted once."""
    made: dict[Any, Term] = {}

    def convert(node: Any) -> Term | None:
        if node is None:
            return None
        term = made.get(node)
        if term is None:
            term = made[node] = _term(node)
        return term

    return convert


def run_on_store(
    store: ox.Store,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    max_rows: int | None = None,
    truncate: bool = False,
    prefixes: Prefixes = DEFAULT_PREFIXES,
) -> QueryResult:
    """Run a checked query on `store` with bound parameters.

    Parameters go into the query's parameter row (`kg.query.bind_values`), where Oxigraph
    plans from them; others become Oxigraph substitutions (SPARQL SEP-0007), which need the
    variable in the SELECT projection. A DESCRIBE leaves out the aggregates (derived
    counts, not part of the graph). Past `max_rows` rows (or triples): QueryError, or
    with `truncate` the first `max_rows`, marked truncated.
    """
    text, rest = bind_values(text, bindings)
    check_query(text, prefixes)
    substitutions = {
        ox.Variable(name): oxigraph_term(value) for name, value in rest.items()
    }
    try:
        result = store.query(
            text,
            prefixes=dict(prefixes),
            substitutions=substitutions or None,
            **dataset_of(store),
        )
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(ask=bool(result))
        if isinstance(result, ox.QueryTriples):
            describe = query_form(text, prefixes) == "DESCRIBE"
            triples, truncated = cap_rows(
                (
                    (_term(t.subject), _term(t.predicate), _term(t.object))
                    for t in result
                    if not (describe and t.predicate.value.startswith(AGG))
                ),
                max_rows,
                truncate=truncate,
            )
            return QueryResult(
                triples=sorted_triples(triples),  # type: ignore[arg-type]
                truncated=truncated,
            )
        variables = tuple(v.value for v in result.variables)
        convert, columns = _converter(), range(len(variables))
        rows, truncated = cap_rows(
            (tuple([convert(s[i]) for i in columns]) for s in result),
            max_rows,
            truncate=truncate,
        )
    except (SyntaxError, RuntimeError, OSError) as e:
        raise QueryError(f"query failed: {str(e).splitlines()[0]}") from e
    return QueryResult(variables=variables, terms=rows, truncated=truncated)


def dataset_of(store: ox.Store) -> dict[str, Any]:
    """What a query's default graph is: the store's default graph, which holds the
    aggregates too (`kg.graph.aggregates.add_aggregates`) when the graph has no named
    graphs; else the union of the store's graphs. A store folder written by an older kg,
    with the aggregates in their own named graph and no other, is read as its default graph
    plus that graph."""
    aggregates = ox.NamedNode(AGGREGATES)
    graphs = store.named_graphs()
    first = next(graphs, None)
    if first is None:
        return {}
    if first == aggregates and next(graphs, None) is None:
        return {"default_graph": [ox.DefaultGraph(), aggregates]}
    return {"use_default_graph_as_union": True}


def store_of(graph: Graph) -> ox.Store:
    """An in-memory Oxigraph store holding the triples of an rdflib graph, and their
    aggregates (`kg.graph.aggregates`)."""
    store = ox.Store()
    store.load(
        graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES
    )
    add_aggregates(store)
    return store
