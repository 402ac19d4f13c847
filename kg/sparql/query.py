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
from pathlib import Path
from typing import Any, NamedTuple

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.graph.aggregates import AGG
from kg.vocab import STANDARD_PREFIXES, DataNamespaces

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


class Term(NamedTuple):
    """One RDF term of a result row, the same whichever engine produced it.

    It follows the SPARQL JSON results model; a simple literal has no datatype (RDF 1.1 makes
    it xsd:string, which rdflib leaves out and Oxigraph spells out). A named tuple: an
    answer of thousands of rows makes tens of thousands, and a tuple is made five times
    faster than a frozen dataclass.
    """

    kind: str  # "uri", "literal" or "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a SELECT (with their variable names), the answer of an ASK, or the triples of
    a CONSTRUCT or DESCRIBE (sorted, so the same graph is always written the same way).

    `truncated`: the rows stop at the row limit (the query had more).
    """

    variables: tuple[str, ...] = ()
    terms: tuple[tuple[Term | None, ...], ...] = ()
    ask: bool | None = None
    triples: tuple[tuple[Term, Term, Term], ...] | None = None
    truncated: bool = False

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


Prefixes = tuple[tuple[str, str], ...]  # (prefix, namespace IRI), sorted: hashable


def query_prefixes(extra: Mapping[str, str] | None = None) -> Prefixes:
    """The prefixes every query may use without declaring them: kg's standard ones, the data
    namespaces of the default base (ent:, art:, stmt:, deal:), agg: (kg's aggregates) and
    `extra` (those a graph file declares), which win."""
    found = {prefix: str(ns) for prefix, ns in STANDARD_PREFIXES.items()}
    found.update(
        {prefix: str(ns) for prefix, ns in DataNamespaces.for_base().prefixes().items()}
    )
    found["agg"] = AGG
    found.update(extra or {})
    return tuple(sorted(found.items()))


DEFAULT_PREFIXES = query_prefixes()
_PREFIX_LINE = re.compile(
    r"\s*(?:@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^<>\"{}|^`\\\s]*)>\s*\."
    r"|PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\"{}|^`\\\s]*)>)\s*",
    re.IGNORECASE,
)


def graph_prefixes(path: Path, *, head: int = 1 << 16) -> Prefixes:
    """The query prefixes for a graph file: the defaults plus the prefixes its Turtle or
    TriG header declares (read from its first `head` bytes; other formats declare none)."""
    extra: dict[str, str] = {}
    if path.suffix.lower() in (".ttl", ".trig", ".n3"):
        try:
            with path.open("rb") as handle:
                text = handle.read(head).decode("utf-8", "replace")
        except OSError:
            text = ""
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            match = _PREFIX_LINE.fullmatch(line)
            if match is None:
                break
            prefix = match.group(1) or match.group(3) or ""
            if prefix:
                extra[prefix] = match.group(2) or match.group(4)
    return query_prefixes(extra)


def check_query(text: str, prefixes: Prefixes = DEFAULT_PREFIXES) -> Any:
    """Parse `text` and refuse what could reach the network or the file system.

    Returns rdflib's prepared query (cached: parsing costs more than a small query). Raises
    QueryError if the text is not a SELECT, ASK, CONSTRUCT or DESCRIBE query, or names
    SERVICE, LOAD, FROM or FROM NAMED. `prefixes` are predefined.
    """
    return _check_query(text, prefixes)


@lru_cache(maxsize=256)
def _check_query(text: str, prefixes: Prefixes) -> Any:
    try:
        prepared = prepareQuery(text, initNs=dict(prefixes))
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
    if form not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
        raise QueryError(
            f"{form} queries are not supported; use SELECT, ASK, CONSTRUCT or DESCRIBE"
        )
    return prepared


def query_form(text: str, prefixes: Prefixes = DEFAULT_PREFIXES) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of a checked query."""
    name = check_query(text, prefixes).algebra.name
    return _QUERY_FORMS.get(name, name)


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
    graph: Graph,
    text: str,
    *,
    max_rows: int | None = None,
    truncate: bool = False,
    prefixes: Prefixes = DEFAULT_PREFIXES,
    **bindings: Identifier,
) -> QueryResult:
    """Run a query on an rdflib graph with bound parameters.

    `bindings` map variable names to RDF terms: written as terms into the query's parameter
    row (`bind_values`), else passed as rdflib initBindings; never formatted into the text.
    Raises QueryError for an unsafe query or more than `max_rows` rows (with `truncate`, the
    first `max_rows` rows come back, marked truncated).
    """
    text, rest = bind_values(text, bindings)
    prepared = check_query(text, prefixes)
    try:
        result = graph.query(prepared, initBindings=rest or None)
        if result.type == "ASK":
            return QueryResult(ask=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            describe = result.type == "DESCRIBE"
            triples, truncated = cap_rows(
                (
                    tuple(rdflib_term(t) for t in triple)
                    for triple in result
                    if not (describe and str(triple[1]).startswith(AGG))
                ),
                max_rows,
                truncate=truncate,
            )
            return QueryResult(
                triples=sorted_triples(triples),  # type: ignore[arg-type]
                truncated=truncated,
            )
        variables = tuple(str(v) for v in result.vars or ())
        rows, truncated = cap_rows(
            (
                tuple(None if v is None else rdflib_term(v) for v in row)
                for row in result
            ),
            max_rows,
            truncate=truncate,
        )
    except RecursionError:
        raise QueryError("query is nested too deeply") from None
    return QueryResult(variables=variables, terms=rows, truncated=truncated)


def term_key(term: Term | None) -> tuple[str, str, str, str]:
    """A total order on terms (None first), for sorting rows and triples."""
    if term is None:
        return ("", "", "", "")
    return (term.kind, term.value, term.datatype or "", term.lang or "")


def sorted_triples(
    triples: Iterable[tuple[Term, Term, Term]],
) -> tuple[tuple[Term, Term, Term], ...]:
    """Distinct triples in one order, whatever order an engine produced them in."""
    return tuple(sorted(set(triples), key=lambda t: tuple(map(term_key, t))))


def cap_rows(
    rows: Iterable[tuple[Term | None, ...]],
    max_rows: int | None,
    *,
    truncate: bool = False,
) -> tuple[tuple[tuple[Term | None, ...], ...], bool]:
    """The rows up to `max_rows`, and whether there were more. Past `max_rows`, QueryError
    unless `truncate` (then the rest is not even computed)."""
    if max_rows is None:
        return tuple(rows), False
    kept = []
    for count, row in enumerate(rows, 1):
        if count > max_rows:
            if truncate:
                return tuple(kept), True
            raise QueryError(
                f"query returned more than {max_rows} rows: add a LIMIT or raise the row limit"
            )
        kept.append(row)
    return tuple(kept), False


# A named query's parameter row: VALUES (?a ?b) { (UNDEF UNDEF) }, on a line of its own.
VALUES_ROW = re.compile(
    r"^[ \t]*VALUES \(((?:\?\w+ ?)+)\) \{ \(((?:UNDEF ?)+)\) \}[ \t]*$", re.MULTILINE
)
_UNSAFE_IN_LITERAL = re.compile(r"[\\\x00-\x1f\x7f]")
_UNSAFE_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def bind_values(
    text: str, bindings: Mapping[str, Identifier] | None
) -> tuple[str, dict[str, Identifier]]:
    """Write the bound parameters into the query's parameter rows (`VALUES (?a ?b) { (UNDEF
    UNDEF) }`: usually one, or one per branch of a UNION that starts from the parameters),
    as SPARQL terms; returns the text and the bindings no row has a slot for.

    A VALUES row is how SPARQL binds a value, and it lets Oxigraph plan from the value (40
    times faster than its substitutions, which it applies after planning, on 200k triples).
    The terms are written so that they cannot end early: a literal may hold no backslash or
    control character and its quotes are escaped; an IRI may hold none of <>"{}|^`\\ or
    spaces. Nothing else of the text changes.
    """
    bindings = dict(bindings or {})
    if not bindings:
        return text, bindings
    used: set[str] = set()

    def fill(row: re.Match[str]) -> str:
        names = row.group(1).replace("?", "").split()
        used.update(name for name in names if name in bindings)
        terms = " ".join(
            sparql_term(bindings[name]) if name in bindings else "UNDEF"
            for name in names
        )
        return (
            row.group(0)[: row.start(2) - row.start()]
            + terms
            + row.group(0)[row.end(2) - row.start() :]
        )

    text = VALUES_ROW.sub(fill, text)
    return text, {name: term for name, term in bindings.items() if name not in used}


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
