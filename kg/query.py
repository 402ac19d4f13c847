"""Query: SPARQL over a graph, safely; named questions under ontology/queries.

User queries are untrusted: a query that names SERVICE, LOAD or FROM / FROM NAMED could make
an engine open network connections or read local files (rdflib 7.6 fetches http: and reads
file: URLs named in FROM when the graph is a Dataset; Oxigraph follows SERVICE), so such
queries are refused after parsing, before anything runs. Updates are refused too: kg only
reads. `kg.sandbox` adds the time, row and memory limits and runs every user query in a
child process; this module is the engine-neutral part (checking, naming, binding, formatting)
plus the rdflib engine.

Named queries are `.rq` files with a comment header (title, what it answers, parameters)
and a parameter row `VALUES (?a ?b) { (UNDEF UNDEF) }`. Parameters are bound as RDF terms,
in that row (written as checked SPARQL terms, never spliced in as text) or as rdflib
initBindings / Oxigraph substitutions; a name like `Turkey" || true || "` is just a label
nobody has.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.resources import DEFAULT_ONTOLOGY_DIR
from kg.vocab import KG, STANDARD_PREFIXES

QUERIES_DIR = DEFAULT_ONTOLOGY_DIR / "queries"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_FORBIDDEN = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}
_QUERY_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
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
        return tuple(tuple(None if t is None else t.value for t in row) for row in self.terms)


def load_graph(path: Path) -> Graph:
    """Parse an RDF file (format from its suffix); TriG and N-Quads are read with all their
    graphs as the default graph, as Oxigraph's union default graph reads them."""
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file")
    quad_format = _QUAD_SUFFIXES.get(path.suffix.lower())
    graph: Graph = Dataset(default_union=True) if quad_format else Graph()
    try:
        graph.parse(path, format=quad_format)
    except Exception as e:  # rdflib raises parser-specific types
        raise QueryError(f"{path}: cannot parse graph ({e})") from e
    return graph


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
            raise QueryError(f"{_FORBIDDEN[node.name]} is not allowed: queries may not reach other services or files")
    if getattr(prepared.algebra, "datasetClause", None):
        raise QueryError("FROM / FROM NAMED is not allowed: queries may not load other graphs")
    form = _QUERY_FORMS.get(prepared.algebra.name, prepared.algebra.name)
    if form not in ("SELECT", "ASK"):
        raise QueryError(f"{form} queries are not supported; use SELECT or ASK")
    return prepared


def rdflib_term(node: Identifier) -> Term:
    """An rdflib node as an engine-neutral Term."""
    if isinstance(node, Literal):
        datatype = None if node.datatype is None or str(node.datatype) in (XSD_STRING, RDF_LANG_STRING) else str(node.datatype)
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


def run_query(graph: Graph, text: str, *, max_rows: int | None = None, **bindings: Identifier) -> QueryResult:
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
        rows = tuple(cap_rows((tuple(None if v is None else rdflib_term(v) for v in row) for row in result), max_rows))
    except RecursionError:
        raise QueryError("query is nested too deeply") from None
    return QueryResult(variables=variables, terms=rows)


def cap_rows(rows: Iterable[tuple[Term | None, ...]], max_rows: int | None) -> Iterator[tuple[Term | None, ...]]:
    """Yield `rows`, raising QueryError on the first row past `max_rows`."""
    for count, row in enumerate(rows, 1):
        if max_rows is not None and count > max_rows:
            raise QueryError(f"query returned more than {max_rows} rows: add a LIMIT or raise the row limit")
        yield row


# ------------------------------------------------------------------ named queries


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a named query, declared in its header.

    kind: `label` (a name, bound as a literal and matched against rdfs:label, else
    skos:altLabel), `predicate` (a kg property by local name or label, bound as its IRI),
    `text` (a literal) or `choice:a|b|c` (a literal among a few values).
    """

    name: str
    kind: str
    required: bool
    help: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query of ontology/queries: its file stem, header and text."""

    name: str
    title: str
    answers: str
    params: tuple[Param, ...]
    example: str
    text: str

    def bind(self, values: Mapping[str, str]) -> dict[str, Identifier]:
        """Turn `--param k=v` strings into RDF terms for the declared parameters."""
        declared = {p.name: p for p in self.params}
        for key in values:
            if key not in declared:
                choices = ", ".join(declared) or "none"
                raise QueryError(f"{self.name} has no parameter {key!r}; its parameters: {choices}")
        missing = [p.name for p in self.params if p.required and p.name not in values]
        if missing:
            raise QueryError(f"{self.name} needs --param {missing[0]}=... ({declared[missing[0]].help})")
        return {key: _param_term(declared[key], value) for key, value in values.items()}


_HEADER = re.compile(r"#\s*(title|answers|param|example):\s*(.*)")
_PARAM = re.compile(r"(\w+)\s+(label|predicate|text|choice:[\w|]+)\s+(required|optional)\s+(.+)")


def parse_named_query(path: Path) -> NamedQuery:
    """Read one .rq file and its header; a malformed header names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise QueryError(f"{path}: {e.strerror}") from e
    fields: dict[str, list[str]] = {"title": [], "answers": [], "param": [], "example": []}
    last: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#") or not line.strip("# "):
            break  # the header ends at the first blank comment line; notes may follow
        match = _HEADER.match(line)
        if match:
            last = fields[match.group(1)]
            last.append(match.group(2).strip())
        elif line.startswith("#   ") and last:
            last[-1] += " " + line[1:].strip()
        else:
            raise QueryError(f"{path}:{number}: header lines are '# title:', '# answers:', '# param:' or '# example:'")
    params = []
    for value in fields["param"]:
        match = _PARAM.fullmatch(value)
        if not match:
            raise QueryError(f"{path}: bad parameter line {value!r}; want 'NAME KIND required|optional HELP'")
        params.append(Param(match.group(1), match.group(2), match.group(3) == "required", match.group(4)))
    if len(fields["title"]) != 1 or len(fields["answers"]) != 1:
        raise QueryError(f"{path}: the header needs one '# title:' and one '# answers:' line")
    row = _VALUES_ROW.search(text)
    declared = tuple(p.name for p in params)
    if declared and (row is None or tuple(row.group(1).replace("?", "").split()) != declared):
        raise QueryError(f"{path}: the parameters need the row VALUES ({' '.join('?' + n for n in declared)}) {{ ({' '.join('UNDEF' for _ in declared)}) }}")
    return NamedQuery(
        name=path.stem,
        title=fields["title"][0],
        answers=fields["answers"][0],
        params=tuple(params),
        example=fields["example"][0] if fields["example"] else "",
        text=text,
    )


# A named query's parameter row: VALUES (?a ?b) { (UNDEF UNDEF) }, on a line of its own.
_VALUES_ROW = re.compile(r"^[ \t]*VALUES \(((?:\?\w+ ?)+)\) \{ \(((?:UNDEF ?)+)\) \}[ \t]*$", re.MULTILINE)
_UNSAFE_IN_LITERAL = re.compile(r"[\\\x00-\x1f\x7f]")
_UNSAFE_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def bind_values(text: str, bindings: Mapping[str, Identifier] | None) -> tuple[str, dict[str, Identifier]]:
    """Write the bound parameters into the query's parameter row (`VALUES (?a ?b) { (UNDEF
    UNDEF) }`), as SPARQL terms; returns the text and the bindings it has no slot for.

    A VALUES row is how SPARQL binds a value, and it lets Oxigraph plan from the value (40
    times faster than its substitutions, which it applies after planning, on 200k triples).
    The terms are written so that they cannot end early: a literal may hold no backslash or
    control character and its quotes are escaped; an IRI may hold none of <>"{}|^`\\ or
    spaces. Nothing else of the text changes.
    """
    rest = dict(bindings or {})
    row = _VALUES_ROW.search(text)
    if row is None or not rest:
        return text, rest
    names = row.group(1).replace("?", "").split()
    terms = " ".join(sparql_term(rest.pop(name)) if name in rest else "UNDEF" for name in names)
    return text[: row.start(2)] + terms + text[row.end(2) :], rest


def sparql_term(term: Identifier) -> str:
    """`term` in SPARQL syntax, refusing what could escape its token."""
    if isinstance(term, URIRef):
        if _UNSAFE_IN_IRI.search(term):
            raise QueryError(f"cannot bind the IRI {str(term)!r}: it holds a character IRIs may not have")
        return f"<{term}>"
    if isinstance(term, Literal):
        if _UNSAFE_IN_LITERAL.search(term):
            raise QueryError(f"cannot bind {str(term)!r}: a value may not hold a backslash or a control character")
        text = '"' + str(term).replace('"', '\\"') + '"'
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", term.language):
                raise QueryError(f"cannot bind {str(term)!r}: bad language tag {term.language!r}")
            return f"{text}@{term.language}"
        return text if term.datatype is None else f"{text}^^{sparql_term(URIRef(term.datatype))}"
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be bound")


def named_queries(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every named query of `directory`, by name, in name order."""
    return {path.stem: parse_named_query(path) for path in sorted(directory.glob("*.rq"))}


def named_query(name: str, directory: Path = QUERIES_DIR) -> NamedQuery:
    """The named query `name`; raises QueryError listing the names there are."""
    path = directory / f"{name}.rq"
    if not re.fullmatch(r"[\w-]+", name) or not path.is_file():
        raise QueryError(f"no named query {name!r}; choose one of: {', '.join(named_queries(directory))}")
    return parse_named_query(path)


def resolve_query(query: str | None, *, file: Path | None = None, params: Mapping[str, str] | None = None) -> tuple[str, dict[str, Identifier], NamedQuery | None]:
    """What `kg query` was asked: the SPARQL text, its bindings and the named query if any.

    `query` is a named query (its parameters typed by its header), a .rq file or SPARQL text
    (`params` bound as plain literals); `file` is a .rq file given with --file.
    """
    params = dict(params or {})
    if query is not None and query in named_queries():
        named = named_query(query)
        return named.text, named.bind(params), named
    if query is not None and query.endswith(".rq") and "{" not in query:
        file = Path(query)
    if file is not None:
        try:
            query = file.read_text(encoding="utf-8")
        except OSError as e:
            raise QueryError(f"{file}: {e.strerror}") from e
    if query is None:
        raise QueryError("no query given")
    return query, {name: Literal(value) for name, value in params.items()}, None


def _param_term(param: Param, value: str) -> Identifier:
    if param.kind == "predicate":
        return predicate_iri(value)
    if param.kind.startswith("choice:"):
        choices = param.kind.removeprefix("choice:").split("|")
        if value not in choices:
            raise QueryError(f"--param {param.name}={value!r}: choose one of {', '.join(choices)}")
    return Literal(value)


def predicate_iri(value: str) -> URIRef:
    """The kg property named `value` (local name `buys`, CURIE `kg:buys` or label `signs
    agreement with`), checked against ontology/kg.ttl."""
    properties = _kg_properties()
    key = value.removeprefix("kg:")
    if key in properties.values():
        return KG[key]
    if key.lower() in properties:
        return KG[properties[key.lower()]]
    raise QueryError(f"unknown predicate {value!r}; choose one of: {', '.join(sorted(set(properties.values())))}")


@cache
def _kg_properties() -> dict[str, str]:
    """Label (lower case) and local name -> local name of every property in kg.ttl."""
    from rdflib import OWL, RDF, RDFS

    graph = Graph()
    graph.parse(DEFAULT_ONTOLOGY_DIR / "kg.ttl", format="turtle")
    names: dict[str, str] = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in graph.subjects(RDF.type, kind):
            if str(prop).startswith(str(KG)):
                local = str(prop).removeprefix(str(KG))
                names[local.lower()] = local
                for label in graph.objects(prop, RDFS.label):
                    names[str(label).lower()] = local
    return names


# ------------------------------------------------------------------ output


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
