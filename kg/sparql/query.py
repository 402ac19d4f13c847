"""Query: SPARQL over a graph, safely; named questions under ontology/queries.

User queries are untrusted: a query that names SERVICE, LOAD or FROM / FROM NAMED could make
an engine open network connections or read local files (rdflib 7.6 fetches http: and reads
file: URLs named in FROM when the graph is a Dataset; Oxigraph follows SERVICE), so such
queries are refused after parsing, before anything runs. Updates are refused too: kg only
reads. `kg.sparql.sandbox` adds the time, row and memory limits and runs every user query in a
child process; this module is the engine-neutral part (checking, naming, binding, formatting)
plus the rdflib engine.

Named queries are `.rq` files with a comment header (title, what it answers, parameters)
and a parameter row `VALUES (?a ?b) { (UNDEF UNDEF) }`. Parameters are bound as RDF terms,
in that row (written as checked SPARQL terms, never spliced in as text) or as rdflib
initBindings / Oxigraph substitutions; a name like `Turkey" || true || "` is just a label
nobody has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.vocab import STANDARD_PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_FORBIDDEN = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}
_QUERY_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
# Formats rdflib reads into a Dataset (quads); everything else is read as one graph.
_QUAD_SUFFIXES = {".trig": "trig", ".nq": "nquads"}


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term of a result row, the same whichever engine produced it.

    It follows the SPARQL JSON results model; a simple literal has no datatype (RDF 1.1 makes
    it xsd:string, which rdflib leaves out and Oxigraph spells out).
    """

    kind: str  # "uri", "literal" or "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a SELECT (with their variable names), or the answer of an ASK."""

    variables: tuple[str, ...] = ()
    terms: tuple[tuple[Term | None, ...], ...] = ()
    ask: bool | None = None

    @property
    def rows(self) -> tuple[tuple[str | None, ...], ...]:
        """The rows as plain strings (lexical forms and IRIs), None where unbound."""
        return tuple(
            tuple(None if t is None else t.value for t in row) for row in self.terms
        )


def _walk(node: Any) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _walk(item)


@lru_cache(maxsize=256)
def check_query(text: str) -> Any:
    """Parse `text` and refuse what could reach the network or the file system.

    Returns rdflib's prepared query (cached: parsing costs more than a small query). Raises
    QueryError if the text is not a SELECT or ASK query, or names SERVICE, LOAD, FROM or
    FROM NAMED.
    """
    try:
        prepared = prepareQuery(text, initNs=STANDARD_PREFIXES)
    except RecursionError:
        raise QueryError("query is nested too deeply") from None
    except Exception as e:
        raise QueryError(f"invalid SPARQL: {str(e).splitlines()[0]}") from e
    for node in _walk(prepared.algebra):
        if node.name in _FORBIDDEN:
            raise QueryError(
                f"{_FORBIDDEN[node.name]} is not allowed: queries may not reach other "
                "services or files"
            )
    if getattr(prepared.algebra, "datasetClause", None):
        raise QueryError(
            "FROM / FROM NAMED is not allowed: queries may not load other graphs"
        )
    form = _QUERY_FORMS.get(prepared.algebra.name, prepared.algebra.name)
    if form not in ("SELECT", "ASK"):
        raise QueryError(f"{form} queries are not supported; use SELECT or ASK")
    return prepared


def rdflib_term(node: Identifier) -> Term:
    """An rdflib node as an engine-neutral Term."""
    if isinstance(node, Literal):
        datatype = (
            None
            if node.datatype is None
            or str(node.datatype) in (XSD_STRING, RDF_LANG_STRING)
            else str(node.datatype)
        )
        value = str(node)
        if datatype == XSD_DECIMAL and isinstance(node.value, Decimal):
            value = _canonical_decimal(node.value)
        return Term("literal", value, datatype, node.language)
    if isinstance(node, BNode):
        return Term("bnode", str(node))
    return Term("uri", str(node))


def _canonical_decimal(value: Decimal) -> str:
    """XSD 1.1 canonical form (what Oxigraph prints): 2500000000.0 -> 2500000000, 0.50 -> 0.5."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def run_query(
    graph: Graph, text: str, *, max_rows: int | None = None, **bindings: Identifier
) -> QueryResult:
    """Run a SELECT or ASK query on an rdflib graph with bound parameters.

    `bindings` map variable names to RDF terms: written as terms into the query's parameter
    row (`bind_values`), else passed as rdflib initBindings; never formatted into the text.
    Raises QueryError for an unsafe query or more than `max_rows` rows.
    """
    text, rest = bind_values(text, bindings)
    prepared = check_query(text)
    try:
        result = graph.query(prepared, initBindings=rest or None)
        if result.type == "ASK":
            return QueryResult(ask=bool(result.askAnswer))
        variables = tuple(str(v) for v in result.vars or ())
        rows = tuple(
            cap_rows(
                (
                    tuple(None if v is None else rdflib_term(v) for v in row)
                    for row in result
                ),
                max_rows,
            )
        )
    except RecursionError:
        raise QueryError("query is nested too deeply") from None
    return QueryResult(variables=variables, terms=rows)


def cap_rows(
    rows: Iterable[tuple[Term | None, ...]], max_rows: int | None
) -> Iterator[tuple[Term | None, ...]]:
    """Yield `rows`, raising QueryError on the first row past `max_rows`."""
    for count, row in enumerate(rows, 1):
        if max_rows is not None and count > max_rows:
            raise QueryError(
                f"query returned more than {max_rows} rows: add a LIMIT or raise the row limit"
            )
        yield row


# A named query's parameter row: VALUES (?a ?b) { (UNDEF UNDEF) }, on a line of its own.
VALUES_ROW = re.compile(
    r"^[ \t]*VALUES \(((?:\?\w+ ?)+)\) \{ \(((?:UNDEF ?)+)\) \}[ \t]*$", re.MULTILINE
)
_UNSAFE_IN_LITERAL = re.compile(r"[\\\x00-\x1f\x7f]")
_UNSAFE_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def bind_values(
    text: str, bindings: Mapping[str, Identifier] | None
) -> tuple[str, dict[str, Identifier]]:
    """Write the bound parameters into the query's parameter row (`VALUES (?a ?b) { (UNDEF
    UNDEF) }`), as SPARQL terms; returns the text and the bindings it has no slot for.

    A VALUES row is how SPARQL binds a value, and it lets Oxigraph plan from the value (40
    times faster than its substitutions, which it applies after planning, on 200k triples).
    The terms are written so that they cannot end early: a literal may hold no backslash or
    control character and its quotes are escaped; an IRI may hold none of <>"{}|^`\\ or
    spaces. Nothing else of the text changes.
    """
    rest = dict(bindings or {})
    row = VALUES_ROW.search(text)
    if row is None or not rest:
        return text, rest
    names = row.group(1).replace("?", "").split()
    terms = " ".join(
        sparql_term(rest.pop(name)) if name in rest else "UNDEF" for name in names
    )
    return text[: row.start(2)] + terms + text[row.end(2) :], rest


def sparql_term(term: Identifier) -> str:
    """`term` in SPARQL syntax, refusing what could escape its token."""
    if isinstance(term, URIRef):
        if _UNSAFE_IN_IRI.search(term):
            raise QueryError(
                f"cannot bind the IRI {str(term)!r}: it holds a character IRIs may not have"
            )
        return f"<{term}>"
    if isinstance(term, Literal):
        if _UNSAFE_IN_LITERAL.search(term):
            raise QueryError(
                f"cannot bind {str(term)!r}: a value may not hold a backslash or a "
                "control character"
            )
        text = '"' + str(term).replace('"', '\\"') + '"'
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", term.language):
                raise QueryError(
                    f"cannot bind {str(term)!r}: bad language tag {term.language!r}"
                )
            return f"{text}@{term.language}"
        return (
            text
            if term.datatype is None
            else f"{text}^^{sparql_term(URIRef(term.datatype))}"
        )
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be bound")
