"""Results: SPARQL answers written out, for the command line (csv, json, a table) and for
the endpoint (SPARQL 1.1 Query Results JSON, XML, CSV and TSV, chosen by content
negotiation)."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from kg.errors import QueryError
from kg.sparql.query import DEFAULT_PREFIXES, Prefixes, QueryResult, Term

MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


def _json_term(term: Term) -> dict[str, str]:
    out = {"type": term.kind, "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.datatype:
        out["datatype"] = term.datatype
    return out


def results_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.ask is not None:
        return json.dumps({"head": {}, "boolean": result.ask})
    bindings = [
        {
            v: _json_term(t)
            for v, t in zip(result.variables, row, strict=True)
            if t is not None
        }
        for row in result.terms
    ]
    return json.dumps(
        {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
        ensure_ascii=False,
    )


def _xml_term(term: Term) -> str:
    if term.kind == "uri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    attrs = (
        f" xml:lang={quoteattr(term.lang)}"
        if term.lang
        else f" datatype={quoteattr(term.datatype)}"
        if term.datatype
        else ""
    )
    return f"<literal{attrs}>{escape(term.value)}</literal>"


def results_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    parts = [
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
    ]
    if result.ask is not None:
        parts.append(f"<head/><boolean>{str(result.ask).lower()}</boolean>")
    else:
        parts.append(
            "<head>"
            + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables)
            + "</head><results>"
        )
        for row in result.terms:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row, strict=True)
                if t is not None
            )
            parts.append(f"<result>{cells}</result>")
        parts.append("</results>")
    parts.append("</sparql>\n")
    return "\n".join(parts)


def results_csv(result: QueryResult, *, line_end: str = "\r\n") -> str:
    """SPARQL 1.1 Query Results CSV (values only, CRLF line ends unless `line_end`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    if result.ask is not None:
        writer.writerows([["boolean"], [str(result.ask).lower()]])
    else:
        writer.writerow(result.variables)
        writer.writerows(
            [["" if t is None else t.value for t in row] for row in result.terms]
        )
    return buffer.getvalue()


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    text = (
        '"'
        + term.value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
        + '"'
    )
    return text + (
        f"@{term.lang}"
        if term.lang
        else f"^^<{term.datatype}>"
        if term.datatype
        else ""
    )


def results_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV (terms in Turtle syntax)."""
    if result.ask is not None:
        return f"?boolean\n{str(result.ask).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.terms]
    return "\n".join(lines) + "\n"


WRITERS: dict[str, Callable[[QueryResult], str]] = {
    "json": results_json,
    "xml": results_xml,
    "csv": results_csv,
    "tsv": results_tsv,
}


def negotiate(accept: str, format_param: str | None) -> str:
    """Pick json, xml, csv or tsv from a `format` parameter or the Accept header (JSON by
    default, as most clients expect)."""
    if format_param:
        wanted = format_param.lower().rsplit("/", 1)[-1].removeprefix("sparql-results+")
        return (
            "tsv"
            if wanted == "tab-separated-values"
            else wanted
            if wanted in MEDIA_TYPES
            else "json"
        )
    best, best_q = "json", 0.0
    for part in accept.split(","):
        media, *options = (p.strip() for p in part.split(";"))
        q = next(
            (
                float(o[2:])
                for o in options
                if o.startswith("q=") and o[2:].replace(".", "", 1).isdigit()
            ),
            1.0,
        )
        for fmt, name in MEDIA_TYPES.items():
            if media == name and q > best_q:
                best, best_q = fmt, q
        if media in ("application/json", "application/xml", "text/xml") and q > best_q:
            best, best_q = ("json" if media.endswith("json") else "xml"), q
    return best


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_REALS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}


def json_value(term: Term | None) -> str | int | float | bool | None:
    """A term as a JSON value: numbers and booleans typed (an xsd:integer count is 3, not
    "3"), everything else its lexical form; a malformed number stays text."""
    if term is None:
        return None
    if term.kind == "literal" and term.datatype:
        try:
            if term.datatype in _INTEGERS:
                return int(term.value)
            if term.datatype in _REALS:
                number = float(term.value)
                return number if math.isfinite(number) else term.value
        except ValueError:
            return term.value
        if term.datatype == _XSD + "boolean" and term.value in (
            "true",
            "false",
            "1",
            "0",
        ):
            return term.value in ("true", "1")
    return term.value


def shorten(iri: str, prefixes: Prefixes) -> str:
    """`iri` as prefix:local with the longest namespace of `prefixes` whose local part is a
    plain name (ent:turkey), else the IRI itself."""
    best: tuple[str, str] | None = None
    for prefix, namespace in prefixes:
        if (
            iri.startswith(namespace)
            and _LOCAL.fullmatch(iri[len(namespace) :])
            and (best is None or len(namespace) > len(best[1]))
        ):
            best = (prefix, namespace)
    return iri if best is None else f"{best[0]}:{iri[len(best[1]) :]}"


_LOCAL = re.compile(r"(?:\w[\w.-]*(?<!\.))?")


def table_cell(term: Term | None, prefixes: Prefixes) -> str:
    """A term as a table shows it: IRIs shortened, literals as their text."""
    if term is None:
        return ""
    if term.kind == "uri":
        return shorten(term.value, prefixes)
    if term.kind == "bnode":
        return f"_:{term.value}"
    return term.value


SHORT_CELL = (
    40  # characters: a column no longer than this is kept on one line, if it fits
)
MIN_LONG = 20  # characters: the least a wrapped (long) column gets


def format_table(result: QueryResult, *, width: int, prefixes: Prefixes) -> str:
    """The rows as a box table `width` columns wide: long values wrap (`fold`), none is cut."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    cells = [[table_cell(t, prefixes) for t in row] for row in result.terms]
    longest = [
        max([len(variable), *(len(row[i]) for row in cells)])
        for i, variable in enumerate(result.variables)
    ]
    # short columns (names, ids, numbers) whole on one line, long ones (sentences) wrapped
    # in the width left, if that leaves them MIN_LONG characters; else every column wraps
    short = [n if n <= SHORT_CELL else 0 for n in longest]
    needed = sum(short) + MIN_LONG * short.count(0) + 3 * len(longest) + 1
    table = Table(show_lines=False)
    for variable, n in zip(result.variables, short, strict=True):
        if needed > width:
            table.add_column(escape(variable), overflow="fold")
        elif n:
            table.add_column(escape(variable), overflow="fold", min_width=n)
        else:
            table.add_column(escape(variable), overflow="fold", ratio=1)
    for row in cells:
        table.add_row(*map(escape, row))
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False).print(table)
    return buffer.getvalue()


def rdflib_node(term: Term) -> Any:
    """A Term as an rdflib node."""
    from rdflib import BNode, Literal, URIRef

    if term.kind == "uri":
        return URIRef(term.value)
    if term.kind == "bnode":
        return BNode(term.value)
    return Literal(
        term.value,
        lang=term.lang,
        datatype=URIRef(term.datatype) if term.datatype and not term.lang else None,
    )


GRAPH_FORMATS = {  # name: (rdflib format, media type)
    "turtle": ("turtle", "text/turtle"),
    "nt": ("nt", "application/n-triples"),
    "jsonld": ("json-ld", "application/ld+json"),
    "xml": ("xml", "application/rdf+xml"),
}


_GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
}
_GRAPH_NAMES = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "json": "jsonld",
    "xml": "xml",
    "rdfxml": "xml",
    "rdf+xml": "xml",
}


def negotiate_graph(accept: str, format_param: str | None) -> str:
    """Pick the syntax of a CONSTRUCT or DESCRIBE answer (a GRAPH_FORMATS key) from a
    `format` parameter or the Accept header; Turtle by default."""
    if format_param:
        wanted = format_param.lower().rsplit("/", 1)[-1]
        return _GRAPH_NAMES.get(
            wanted, _GRAPH_MEDIA.get(format_param.lower(), "turtle")
        )
    best, best_q = "turtle", 0.0
    for part in accept.split(","):
        media, *options = (p.strip().lower() for p in part.split(";"))
        q = next(
            (
                float(o[2:])
                for o in options
                if o.startswith("q=") and o[2:].replace(".", "", 1).isdigit()
            ),
            1.0,
        )
        if media in _GRAPH_MEDIA and q > best_q:
            best, best_q = _GRAPH_MEDIA[media], q
    return best


def format_graph(result: QueryResult, fmt: str, prefixes: Prefixes) -> str:
    """The triples of a CONSTRUCT or DESCRIBE in `fmt` (GRAPH_FORMATS), the prefixes bound."""
    from rdflib import Graph

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes:
        graph.bind(prefix, namespace)
    for triple in result.triples or ():
        graph.add(tuple(rdflib_node(t) for t in triple))  # type: ignore[arg-type]
    return graph.serialize(format=GRAPH_FORMATS[fmt][0])


def format_result(
    result: QueryResult,
    fmt: str,
    *,
    width: int = 100,
    prefixes: Prefixes = DEFAULT_PREFIXES,
) -> str:
    """Render a result as a table, csv or json (numbers typed); the triples of a CONSTRUCT
    or DESCRIBE as Turtle (table), N-Triples (csv) or JSON-LD (json)."""
    if fmt not in ("table", "csv", "json"):
        raise QueryError(f"unknown format {fmt!r}; choose table, csv or json")
    if result.ask is not None:
        return json.dumps(result.ask) if fmt == "json" else str(result.ask).lower()
    if result.triples is not None:
        return format_graph(
            result, {"table": "turtle", "csv": "nt", "json": "jsonld"}[fmt], prefixes
        )
    if fmt == "json":
        return json.dumps(
            [
                {v: json_value(t) for v, t in zip(result.variables, row, strict=True)}
                for row in result.terms
            ],
            ensure_ascii=False,
            indent=2,
        )
    if fmt == "csv":
        return results_csv(result, line_end="\n")
    return format_table(result, width=width, prefixes=prefixes)
