"""Engine: Oxigraph (pyoxigraph), kg's default for querying.

rdflib's in-memory SPARQL slows down badly on big graphs; Oxigraph is a Rust SPARQL 1.1
engine with the same answers on kg's named queries (tests/test_queries_named.py checks it) and
far lower latency and memory (benchmarks/query_bench.py measures both). A graph file is read
into memory, or once into a persistent store folder that later runs open directly.

Oxigraph follows SERVICE over HTTP by itself, so a query must pass `kg.query.check_query`
before it reaches `run_on_store`; `kg.sandbox` also cuts the worker process off the network.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.query import (
    RDF_LANG_STRING,
    XSD_STRING,
    QueryResult,
    Term,
    bind_values,
    cap_rows,
    check_query,
)
from kg.vocab import STANDARD_PREFIXES

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
_PREFIXES = {prefix: str(namespace) for prefix, namespace in STANDARD_PREFIXES.items()}
_SOURCE_FILE = "kg-source.json"  # which graph file a persistent store holds


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a graph file, from its suffix."""
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        raise QueryError(f"{path}: unknown graph format; use one of {', '.join(sorted(_FORMATS))}") from None


def load_store(path: Path, *, location: Path | None = None) -> ox.Store:
    """Read the graph file `path` into an Oxigraph store.

    With `location`, the store lives in that folder and is reused as long as the graph file
    is unchanged (same size and modification time), so a big graph is parsed once.
    """
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file")
    fmt = rdf_format(path)
    try:
        if location is None:
            store = ox.Store()
            store.load(path=str(path), format=fmt)
            return store
        marker = location / _SOURCE_FILE
        source = _fingerprint(path)
        if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == source:
            return ox.Store(str(location))
        store = ox.Store(str(location))
        store.clear()
        store.bulk_load(path=str(path), format=fmt)
        store.flush()
        marker.write_text(json.dumps(source), encoding="utf-8")
        return store
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"{path}: cannot parse graph ({str(e).splitlines()[0]})") from e
    except OSError as e:
        raise QueryError(f"{location or path}: cannot open store ({e})") from e


def open_store(location: Path) -> ox.Store:
    """Open a store folder written by `load_store` read-only (many processes may share it)."""
    if not (location / _SOURCE_FILE).is_file():
        raise QueryError(f"{location}: not a kg store folder (load a graph into it first)")
    try:
        return ox.Store.read_only(str(location))
    except OSError as e:
        raise QueryError(f"{location}: cannot open store ({e})") from e


def _fingerprint(path: Path) -> dict[str, Any]:
    stat = path.stat()
    return {"source": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


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
    if isinstance(node, ox.Literal):
        datatype = node.datatype.value
        return Term("literal", node.value, None if datatype in (XSD_STRING, RDF_LANG_STRING) else datatype, node.language)
    if isinstance(node, ox.NamedNode):
        return Term("uri", node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    return Term("literal", str(node))  # an RDF-star triple: shown in N-Triples syntax


def run_on_store(store: ox.Store, text: str, bindings: Mapping[str, Identifier] | None = None, *, max_rows: int | None = None) -> QueryResult:
    """Run a checked SELECT or ASK query on `store` with bound parameters.

    Parameters go into the query's parameter row (`kg.query.bind_values`), where Oxigraph
    plans from them; others become Oxigraph substitutions (SPARQL SEP-0007), which need the
    variable in the SELECT projection.
    """
    text, rest = bind_values(text, bindings)
    check_query(text)
    substitutions = {ox.Variable(name): oxigraph_term(value) for name, value in rest.items()}
    try:
        result = store.query(text, prefixes=_PREFIXES, use_default_graph_as_union=True, substitutions=substitutions or None)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(ask=bool(result))
        variables = tuple(v.value for v in result.variables)
        rows = tuple(cap_rows((tuple(None if (v := s[i]) is None else _term(v) for i in range(len(variables))) for s in result), max_rows))
    except (SyntaxError, RuntimeError, OSError) as e:
        raise QueryError(f"query failed: {str(e).splitlines()[0]}") from e
    return QueryResult(variables=variables, terms=rows)
