"""Building: inputs -> articles -> extractions -> canonical layers, one path for every input.

Files, folders, JSONL corpora and texts are read by `kg.ingest.read_inputs`; an engine
(`local`: this process or worker processes; `dask`: a cluster) parses and extracts them;
entities are resolved once over all articles (`kg.graph.canonical`). The result is a
`Build`: the graph as rdflib, networkx or SPARQL answers, and `write()` for its files. Every
option means the same on every path.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.errors import ArticleError, KGError
from kg.graph.canonical import Layers, canonical_layers
from kg.graph.check import check_layers
from kg.graph.rdf import assemble
from kg.ingest.read import Duplicate, Inputs, read_inputs
from kg.model import Article, Extraction
from kg.pipeline.write import write_build
from kg.resources import Ontology, load_ontology
from kg.serialize.extractions import load_extractions
from kg.serialize.formats import entity_network
from kg.settings import Settings
from kg.sparql.engine import run_on_store, store_of
from kg.sparql.named import resolve_query
from kg.vocab import DataNamespaces

# Engines by name: each module has `extract(articles, settings, ontology, *, nlp, on_error,
# progress) -> Iterator[Extraction]`; imported only when there is text to parse.
ENGINES = {"local": "kg.pipeline.local", "dask": "kg.pipeline.dask"}
# Above this many articles the graph is not held as an rdflib Graph for writing: N-Quads
# and N-Triples are streamed, and the HTML page draws the most mentioned entities.
STREAM_ABOVE = 500


def engine(name: str) -> Any:
    """The engine module called `name`; a KGError lists the engines there are."""
    if name not in ENGINES:
        raise KGError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")
    return importlib.import_module(ENGINES[name])


class Build:
    """A built graph: its canonical layers and what went into them.

    `graph` is the rdflib Graph (made on first use), `to_networkx()` the entity network,
    `query()` answers SPARQL or a named query, `write()` writes the build's files.
    """

    def __init__(
        self,
        layers: Layers,
        settings: Settings,
        ontology: Ontology,
        *,
        read: int = 0,
        words: int = 0,
        seconds: float = 0.0,
        errors: tuple[str, ...] = (),
        duplicates: tuple[str, ...] = (),
    ) -> None:
        self.layers = layers
        self.settings = settings
        self.ontology = ontology
        self.read = read  # articles read (or removed) by this run
        self.words = words  # words of the articles read
        self.seconds = seconds
        self.errors = errors  # one line per input skipped
        self.duplicates = duplicates  # one line per text read twice
        self.repairs: tuple[
            str, ...
        ] = ()  # what the SHACL check left out, one line each
        self.unrepaired: tuple[str, ...] = ()  # violations no repair could fix
        self.checked = ""  # what the SHACL check found, in one line
        self._store: Any = None  # an Oxigraph store of the graph, for query()

    def __repr__(self) -> str:
        return (
            f"<kg.Build: {len(self.extractions)} articles, {self.entities} entities, "
            f"{self.facts} facts>"
        )

    @property
    def extractions(self) -> tuple[Extraction, ...]:
        """What was read from every article in the graph, by article id."""
        return tuple(self.layers.extractions)

    @property
    def entities(self) -> int:
        return len(self.layers.entities)

    @property
    def facts(self) -> int:
        """Asserted facts (readings of any modality are statements)."""
        return self.layers.asserted

    @property
    def large(self) -> bool:
        """Too many articles to write through an rdflib Graph: files are streamed."""
        return len(self.layers.extractions) > STREAM_ABOVE

    @cached_property
    def graph(self) -> Graph:
        """The whole graph as an rdflib Graph."""
        return assemble(self.layers, base=self.settings.base)

    def check(self) -> None:
        """Check the whole graph against ontology/shapes.ttl, a chunk of articles at a time.

        What violates a shape is left out and listed in `repairs` (a reading, an entity's
        facts, a deal); with `settings.strict` a violation raises ValidationError instead.
        """
        checked = check_layers(
            self.layers,
            self.ontology,
            base=self.settings.base,
            strict=self.settings.strict,
            jobs=self.settings.jobs,
        )
        if checked.repairs:
            self.layers = checked.layers
            self.__dict__.pop("graph", None)  # made again from the repaired layers
            self._store = None
        self.repairs = tuple(str(r) for r in checked.repairs)
        self.unrepaired = tuple(str(v) for v in checked.remaining)
        self.checked = f"SHACL: the whole graph ({checked.chunks} chunks) " + (
            "conforms"
            if not checked.repairs and not checked.remaining
            else f"conforms after leaving out {len(checked.repairs)} readings or nodes"
            if not checked.remaining
            else f"has {len(checked.remaining)} violations that could not be repaired"
        )

    def report_lines(self) -> Iterator[str]:
        """The lines of report.txt: what was skipped, read twice or left out, and the check."""
        yield "# kg build report: inputs skipped, texts read twice, readings left out, SHACL"
        for error in self.errors:
            yield f"skipped: {error}"
        for duplicate in self.duplicates:
            yield f"duplicate: {duplicate}"
        for repair in self.repairs:
            yield f"left out: {repair}"
        for violation in self.unrepaired:
            yield f"violation: {violation}"
        if self.checked:
            yield self.checked

    def to_networkx(self) -> Any:
        """The entity network as a networkx MultiDiGraph: a node per entity and deal (label,
        type, Wikidata IRI, roles), an edge per asserted fact (predicate, supporting
        statements and articles) and from each deal to its parties and item."""
        return entity_network(self.graph)

    def query(self, query: str, **params: str) -> Any:
        """Answer a named query (`kg query --list`) with its parameters, or SPARQL text
        (SELECT or ASK; parameters bound as literals). Returns a QueryResult."""
        text, bindings, _ = resolve_query(query, params=params)
        if self._store is None:
            self._store = store_of(self.graph)
        return run_on_store(self._store, text, bindings)

    def write(
        self,
        folder: str | os.PathLike[str],
        *,
        formats: Iterable[str] = ("ttl",),
        stream: bool | None = None,
        store: str | os.PathLike[str] | None = None,
    ) -> list[Path]:
        """Write the graph files, graph.html and extractions.jsonl into `folder`; return
        the files written. `stream` (default: for large builds) streams N-Quads/N-Triples;
        `store` also bulk-loads the graph into an Oxigraph store folder."""
        return write_build(
            self,
            Path(folder),
            formats=tuple(formats),
            stream=self.large if stream is None else stream,
            store=Path(store) if store is not None else None,
        )


def _paths(
    values: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None,
) -> tuple[Path, ...]:
    if values is None:
        return ()
    if isinstance(values, (str, os.PathLike)):
        return (Path(values),)
    return tuple(Path(v) for v in values)


def _texts(
    values: str | Mapping[str, str] | Iterable[str] | None,
) -> tuple[tuple[str, str], ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        return (("text-1", values),)
    if isinstance(values, Mapping):
        return tuple((str(k), v) for k, v in values.items())
    return tuple((f"text-{i}", v) for i, v in enumerate(values, 1))


def build(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    settings: Settings | None = None,
    *,
    texts: str | Mapping[str, str] | Iterable[str] | None = None,
    corpus: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    limit: int | None = None,
    keep: Iterable[Extraction] = (),
    nlp: Any = None,
    on_error: Callable[[ArticleError], None] | None = None,
    on_duplicate: Callable[[Duplicate], None] | None = None,
    progress: Callable[[int], None] | None = None,
    check: bool = True,
    **options: Any,
) -> Build:
    """Build the graph of article files and folders, JSONL corpora and texts.

    Args:
        paths: files or folders (.txt, .html; folders searched recursively).
        texts: article texts: one string, a list, or a mapping of id -> text.
        corpus: JSONL corpora (`.jsonl`, `.jsonl.gz`), one article a line; `limit` caps the
            records read from each.
        settings: a Settings record; `**options` set its fields instead (jobs=2, model=...).
        keep: extractions already made (an incremental build: an article read again
            replaces its kept version).
        on_error, on_duplicate, progress: hear of each skipped input, each text read twice,
            and each article extracted.
        check: check the graph against the SHACL shapes (`Build.check`).

    Every input that cannot be used is reported through `on_error` and left out; the
    returned Build lists them in `errors`.
    """
    settings = replace(settings or Settings(), **options)
    started = time.perf_counter()
    errors: list[str] = []
    duplicates: list[Duplicate] = []

    def report(error: ArticleError) -> None:
        errors.append(str(error))
        if on_error is not None:
            on_error(error)

    def report_duplicate(duplicate: Duplicate) -> None:
        duplicates.append(duplicate)
        if on_duplicate is not None:
            on_duplicate(duplicate)

    ontology = load_ontology(settings.ontology_dir)
    inputs = Inputs(_paths(paths), _paths(corpus), _texts(texts), limit)
    counts = {"articles": 0, "words": 0}

    def counted(articles: Iterator[Article]) -> Iterator[Article]:
        for article in articles:
            counts["articles"] += 1
            counts["words"] += len(article.text.split())
            yield article

    extractions: list[Extraction] = []
    if inputs:
        articles = read_inputs(
            inputs, ontology, settings, on_error=report, on_duplicate=report_duplicate
        )
        first = next(
            articles, None
        )  # with nothing to parse, the model is not even loaded
        if first is not None:
            stream = counted(_chain(first, articles))
            extract = engine(settings.engine).extract
            extractions = list(
                extract(
                    stream,
                    settings,
                    ontology,
                    nlp=nlp,
                    on_error=report,
                    progress=progress,
                )
            )
    extractions = _with_duplicates(extractions, duplicates)
    fresh = {e.article.id for e in extractions}
    extractions += [e for e in keep if e.article.id not in fresh]
    result = Build(
        canonical_layers(extractions, ontology),
        settings,
        ontology,
        read=counts["articles"],
        words=counts["words"],
        errors=tuple(errors),
        duplicates=tuple(str(d) for d in duplicates),
    )
    if check:
        result.check()
    result.seconds = time.perf_counter() - started
    return result


def _chain(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest


def _with_duplicates(
    extractions: list[Extraction], duplicates: list[Duplicate]
) -> list[Extraction]:
    """Record the files that repeated an article's text as its further sources."""
    if not duplicates:
        return extractions
    extra: dict[str, list[str]] = {}
    for duplicate in duplicates:
        for article_id in duplicate.article_ids:
            sources = extra.setdefault(article_id, [])
            if duplicate.source not in sources:
                sources.append(duplicate.source)
    out = []
    for extraction in extractions:
        sources = extra.get(extraction.article.id)
        if sources:
            article = extraction.article
            added = tuple(
                s
                for s in sources
                if s != article.source and s not in article.also_sources
            )
            extraction = replace(
                extraction,
                article=replace(article, also_sources=article.also_sources + added),
            )
        out.append(extraction)
    return out


def remove(
    articles: Iterable[str],
    kept: Iterable[Extraction],
    settings: Settings | None = None,
) -> Build:
    """The build of the `kept` extractions without `articles` (ids, article IRIs or source
    files): facts only they support disappear, shared facts lose them as a source. The
    result's `read` counts the articles removed."""
    settings = settings or Settings()
    started = time.perf_counter()
    kept = list(kept)
    namespaces = DataNamespaces.for_base(settings.base)
    names = {
        e.article.id: {
            e.article.id,
            str(namespaces.article_iri(e.article.id)),
            os.path.normpath(e.article.source),
        }
        for e in kept
    }
    gone = set()
    for ref in articles:
        found = {
            aid
            for aid, refs in names.items()
            if ref in refs or os.path.normpath(ref) in refs
        }
        if not found:
            raise ArticleError(
                f"no article {ref!r} in the graph ({len(kept)} articles; give an id, "
                "IRI or source file)"
            )
        gone |= found
    ontology = load_ontology(settings.ontology_dir)
    remaining = [e for e in kept if e.article.id not in gone]
    result = Build(
        canonical_layers(remaining, ontology), settings, ontology, read=len(gone)
    )
    if not result.large:
        result.check()
    result.seconds = time.perf_counter() - started
    return result


def load(
    folder: str | os.PathLike[str], *, settings: Settings | None = None, **options: Any
) -> Build:
    """The build stored in `folder` (its extractions.jsonl), without parsing anything."""
    stored = load_extractions(Path(folder))
    settings = replace(settings or Settings(base=stored.base), **options)
    return build(settings=settings, keep=stored.extractions)
