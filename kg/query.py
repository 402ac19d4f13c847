"""Query: run SPARQL over a graph file, safely.

User queries are untrusted: a query that names SERVICE, LOAD or FROM / FROM NAMED could make
rdflib open network connections or read local files, so such queries are refused after
parsing, before anything runs. Updates are refused too: kg query only reads.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.vocab import STANDARD_PREFIXES

_FORBIDDEN = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a SELECT (with their variable names), or the answer of an ASK."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    ask: bool | None = None


def load_graph(path: Path) -> Graph:
    """Parse an RDF file (format from its suffix)."""
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file")
    graph = Graph()
    try:
        graph.parse(path)
    except Exception as e:  # rdflib raises parser-specific types
        raise QueryError(f"{path}: cannot parse graph ({e})") from e
    return graph


def _walk(node: Any) -> Any:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _walk(item)


def check_query(text: str) -> Any:
    """Parse `text` and refuse what could reach the network or the file system."""
    try:
        prepared = prepareQuery(text, initNs=STANDARD_PREFIXES)
    except Exception as e:
        raise QueryError(f"invalid SPARQL: {str(e).splitlines()[0]}") from e
    for node in _walk(prepared.algebra):
        if node.name in _FORBIDDEN:
            raise QueryError(f"{_FORBIDDEN[node.name]} is not allowed: queries may not reach other services or files")
    if getattr(prepared.algebra, "datasetClause", None):
        raise QueryError("FROM / FROM NAMED is not allowed: queries may not load other graphs")
    return prepared


def run_query(graph: Graph, text: str, **bindings: Any) -> QueryResult:
    """Run a SELECT or ASK query with bound parameters (never formatted into the text)."""
    prepared = check_query(text)
    result = graph.query(prepared, initBindings=bindings or None)
    if result.type == "ASK":
        return QueryResult(ask=bool(result.askAnswer))
    if result.type != "SELECT":
        raise QueryError(f"{result.type} queries are not supported; use SELECT or ASK")
    variables = tuple(str(v) for v in result.vars or ())
    rows = tuple(tuple(None if value is None else str(value) for value in row) for row in result)
    return QueryResult(variables=variables, rows=rows)


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as csv, json or a plain table."""
    if result.ask is not None:
        return json.dumps(result.ask) if fmt == "json" else str(result.ask).lower()
    if fmt == "json":
        return json.dumps([dict(zip(result.variables, row, strict=True)) for row in result.rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
        return buffer.getvalue()
    raise QueryError(f"unknown format {fmt!r}; choose table, csv or json")
