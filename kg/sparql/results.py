"""Results: SPARQL answers written out, for the command line (csv, json, a table) and for
the endpoint (SPARQL 1.1 Query Results JSON, XML, CSV and TSV, chosen by content
negotiation)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from kg.errors import QueryError
from kg.sparql.query import QueryResult, Term

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


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as csv, json or a plain table."""
    if result.ask is not None:
        return json.dumps(result.ask) if fmt == "json" else str(result.ask).lower()
    if fmt == "json":
        return json.dumps(
            [dict(zip(result.variables, row, strict=True)) for row in result.rows],
            ensure_ascii=False,
            indent=2,
        )
    if fmt == "csv":
        return results_csv(result, line_end="\n")
    raise QueryError(f"unknown format {fmt!r}; choose table, csv or json")
