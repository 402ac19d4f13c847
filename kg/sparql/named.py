"""Named queries: the questions of ontology/queries/*.rq, with their parameters.

Named queries are `.rq` files with a comment header (title, what it answers, parameters)
and a parameter row `VALUES (?a ?b) { (UNDEF UNDEF) }`. Parameters are bound as RDF terms,
in that row (written as checked SPARQL terms, never spliced in as text); a name like
`Turkey" || true || "` is just a label nobody has.

A query whose answer may run to thousands of rows comes in pages: its `page` parameter
(a number from 1, or `all`) is no term but the line `LIMIT N OFFSET 0` of the subquery that
picks the page's statements, which kg rewrites (OFFSET (page - 1) * N; for `all`, LIMIT
`ALL_PAGES`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.graph.aggregates import name_key
from kg.names import shown
from kg.resources import load_ontology, ontology_dir
from kg.sparql.query import VALUES_ROW
from kg.vocab import KG


class UnknownName(QueryError):
    """A query or parameter value names nothing kg knows (a usage error: `kg query` exits 2);
    the message offers the nearest names."""


def close_names(word: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """The choices nearest `word`, best first: compared folded (`name_key`: case, accents
    and punctuation do not count) by edit distance, so typos find their name."""
    from rapidfuzz import fuzz, process

    keyed: dict[str, str] = {}
    for choice in sorted(choices):
        keyed.setdefault(name_key(choice), choice)
    found = process.extract(
        name_key(word), list(keyed), scorer=fuzz.ratio, limit=limit, score_cutoff=70
    )
    return [keyed[key] for key, _, _ in found]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ "did you mean A or B?" with the names nearest `word`, else the choices listed."""
    choices = sorted(set(choices))
    near = close_names(word, choices)
    if near:
        return f"did you mean {' or '.join(near)}?"
    return f"choose one of: {', '.join(choices) or 'none'}"


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a named query, declared in its header.

    kind: `label` (a name, matched against rdfs:label and skos:altLabel in any case and
    with or without accents: bound folded, as `agg:name` of the aggregates holds them),
    `predicate` (a kg property by local name or label, bound as its IRI), `text` (a
    literal), `date` (2019-02-26, 2019-02 or 2019, bound as that ISO text),
    `choice:a|b|c` (a literal among a few values) or `page` (1, 2, ... or all: which page
    of the answer, written into its `LIMIT N OFFSET 0` line rather than bound).
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
        """Turn `--param k=v` strings into RDF terms for the declared parameters (a page
        is checked, not bound: `prepare` writes it into the text)."""
        declared = {p.name: p for p in self.params}
        for key in values:
            if key not in declared:
                raise UnknownName(
                    f"{self.name} has no parameter {key!r}; {did_you_mean(key, declared)}"
                )
        missing = [p.name for p in self.params if p.required and p.name not in values]
        if missing:
            raise QueryError(
                f"{self.name} needs --param {missing[0]}=... ({declared[missing[0]].help})"
            )
        for key, value in values.items():
            if declared[key].kind == "page":
                page_number(key, value)
        return {
            key: _param_term(declared[key], value)
            for key, value in values.items()
            if declared[key].kind != "page"
        }

    def prepare(self, values: Mapping[str, str]) -> tuple[str, dict[str, Identifier]]:
        """The text to run for `--param k=v` strings (the page asked for written in) and
        the bindings of the other parameters."""
        bindings = self.bind(values)
        return self.paged(values), bindings

    def paged(self, values: Mapping[str, str]) -> str:
        """The text with its page: `LIMIT N OFFSET (page - 1) * N`, `ALL_PAGES` for `all`;
        the first page when none is asked for (or the query has no pages)."""
        page = next((p for p in self.params if p.kind == "page"), None)
        row = PAGE_ROW.search(self.text)
        if page is None or row is None or page.name not in values:
            return self.text
        number = page_number(page.name, values[page.name])
        if number is None:
            return self.text[: row.start(1)] + str(ALL_PAGES) + self.text[row.end(1) :]
        offset = (number - 1) * int(row.group(1))
        return self.text[: row.start(2)] + str(offset) + self.text[row.end(2) :]

    @property
    def page_size(self) -> int | None:
        """How many statements a page holds, if the answer comes in pages."""
        row = PAGE_ROW.search(self.text)
        return (
            int(row.group(1))
            if row and any(p.kind == "page" for p in self.params)
            else None
        )


_HEADER = re.compile(r"#\s*(title|answers|param|example):\s*(.*)")


_PARAM = re.compile(
    r"(\w+)\s+(label|predicate|text|date|page|choice:[\w|]+)\s+(required|optional)\s+(.+)"
)
# The page row of a paged query: the LIMIT of the subquery that picks a page's statements.
PAGE_ROW = re.compile(r"^[ \t]*LIMIT (\d+) OFFSET (0)[ \t]*$", re.MULTILINE)
# `page=all`: the statements of every page, up to this many (ten times what `kg query`
# shows by default). A LIMIT, not none: without one, Oxigraph joins the page's statements to
# their columns by reading every statement (15 s against 0.2 s on a million triples).
ALL_PAGES = 1_000_000


def page_number(name: str, value: str) -> int | None:
    """A page parameter's value: its number (from 1), or None for `all`."""
    if value.strip().lower() == "all":
        return None
    if not re.fullmatch(r"\s*\d{1,9}\s*", value) or int(value) < 1:
        raise QueryError(f"--param {name}={value!r}: a page number from 1, or all")
    return int(value)


def parse_named_query(path: Path) -> NamedQuery:
    """Read one .rq file and its header; a malformed header names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise QueryError(f"{shown(path)}: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise QueryError(f"{shown(path)}: not UTF-8 text (byte {e.start})") from e
    fields: dict[str, list[str]] = {
        "title": [],
        "answers": [],
        "param": [],
        "example": [],
    }
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
            raise QueryError(
                f"{path}:{number}: header lines are '# title:', '# answers:', '# "
                "param:' or '# example:'"
            )
    params = []
    for value in fields["param"]:
        match = _PARAM.fullmatch(value)
        if not match:
            raise QueryError(
                f"{path}: bad parameter line {value!r}; want 'NAME KIND required|optional HELP'"
            )
        params.append(
            Param(
                match.group(1),
                match.group(2),
                match.group(3) == "required",
                match.group(4),
            )
        )
    if len(fields["title"]) != 1 or len(fields["answers"]) != 1:
        raise QueryError(
            f"{path}: the header needs one '# title:' and one '# answers:' line"
        )
    row = VALUES_ROW.search(text)
    declared = tuple(p.name for p in params if p.kind != "page")
    if any(p.kind == "page" for p in params) and len(PAGE_ROW.findall(text)) != 1:
        raise QueryError(
            f"{path}: a page parameter needs one line LIMIT N OFFSET 0 (the page's rows)"
        )
    if declared and (
        row is None or tuple(row.group(1).replace("?", "").split()) != declared
    ):
        raise QueryError(
            f"{path}: the parameters need the row VALUES "
            f"({' '.join('?' + n for n in declared)}) {{ ({' '.join('UNDEF' for _ in declared)}) }}"
        )
    return NamedQuery(
        name=path.stem,
        title=fields["title"][0],
        answers=fields["answers"][0],
        params=tuple(params),
        example=fields["example"][0] if fields["example"] else "",
        text=text,
    )


def page_note(named: NamedQuery, values: Mapping[str, str], rows: int) -> str | None:
    """What `kg query` says under a page that may not be the last (as many rows as a page
    has statements: fewer, and there is no next page); None otherwise."""
    page = next((p for p in named.params if p.kind == "page"), None)
    size = named.page_size
    if page is None or size is None or rows < size:
        return None
    number = page_number(page.name, values.get(page.name, "1"))
    if number is None:
        return None
    return (
        f"note: page {number} of the answer ({size} statements a page); "
        f"--param {page.name}={number + 1} for the next, {page.name}=all for every row"
    )


def queries_dir(ontology: Path | None = None) -> Path:
    """The folder of named queries: `queries/` of the ontology folder."""
    return ontology_dir(ontology) / "queries"


def named_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query of `directory` (default: the ontology's), by name, in name order."""
    directory = directory or queries_dir()
    return {
        path.stem: parse_named_query(path) for path in sorted(directory.glob("*.rq"))
    }


def named_query(name: str, directory: Path | None = None) -> NamedQuery:
    """The named query `name`; raises QueryError listing the names there are."""
    directory = directory or queries_dir()
    path = directory / f"{name}.rq"
    if not re.fullmatch(r"[\w-]+", name) or not path.is_file():
        raise UnknownName(
            f"no named query {name!r}; {did_you_mean(name, named_queries(directory))}"
        )
    return parse_named_query(path)


def resolve_query(
    query: str | None,
    *,
    file: Path | None = None,
    params: Mapping[str, str] | None = None,
) -> tuple[str, dict[str, Identifier], NamedQuery | None]:
    """What `kg query` was asked: the SPARQL text, its bindings and the named query if any.

    `query` is a named query (its parameters typed by its header), a .rq file or SPARQL text
    (`params` bound as plain literals); `file` is a .rq file given with --file.
    """
    params = dict(params or {})
    if (
        query is not None
        and re.fullmatch(r"[\w-]+", query)
        and not (query.endswith(".rq") and Path(query).is_file())
    ):
        named = named_query(query)  # a word is a query name: did you mean ...?
        return *named.prepare(params), named
    if query is not None and query.endswith(".rq") and "{" not in query:
        file = Path(query)
    if file is not None:
        try:
            named = parse_named_query(file)
        except QueryError:
            named = None  # no header: plain SPARQL, parameters bound as plain literals
        if named is not None:
            return *named.prepare(params), named
        try:
            query = file.read_text(encoding="utf-8")
        except OSError as e:
            raise QueryError(f"{shown(file)}: {e.strerror}") from e
        except UnicodeDecodeError as e:
            raise QueryError(
                f"{shown(file)}: not UTF-8 text (byte {e.start}); save the query as UTF-8"
            ) from e
    if query is None:
        raise QueryError("no query given")
    return query, {name: Literal(value) for name, value in params.items()}, None


def name_literal(value: str) -> Literal:
    """A name as a `label` parameter binds it: folded, as `agg:name` holds names."""
    return Literal(name_key(value))


def _param_term(param: Param, value: str) -> Identifier:
    if param.kind == "label":
        return name_literal(value)
    if param.kind == "predicate":
        return predicate_iri(value)
    if param.kind == "date":
        from kg.ingest.dates import parse_date_value

        found = parse_date_value(value)
        if found is None:
            raise QueryError(
                f"--param {param.name}={value!r}: not a date (2019-02-26, 2019-02 or 2019)"
            )
        return Literal(found.value)
    if param.kind.startswith("choice:"):
        choices = param.kind.removeprefix("choice:").split("|")
        if value not in choices:
            raise UnknownName(
                f"--param {param.name}={value!r}: {did_you_mean(value, choices)}"
            )
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
    raise UnknownName(
        f"unknown predicate {value!r}; {did_you_mean(key, properties.values())}"
    )


def _kg_properties() -> dict[str, str]:
    """Label (lower case) and local name -> local name of every property in kg.ttl."""
    vocabulary = load_ontology().vocabulary
    names: dict[str, str] = {}
    for local in sorted(vocabulary.object_properties | vocabulary.datatype_properties):
        names[local.lower()] = local
        if local in vocabulary.labels:
            names[vocabulary.labels[local].lower()] = local
    return names
