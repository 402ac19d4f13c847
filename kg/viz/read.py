"""Reading a graph for the network: entities and deals as nodes, facts as relations with
the sentences behind them, whatever file or build the graph came from."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.resources import Vocabulary
from kg.viz.dates import Span, day_range, merge
from kg.vocab import KG

NODE_ROOTS = frozenset({"Agent", "Place", "Product", "Deal"})


#: Object properties that link to articles, alias records or speakers, not entity to entity.
NOT_RELATIONS = frozenset({"mentionedIn", "alias", "credits", "speaker"})


MAX_READINGS = 4  # sentences per edge tooltip


MAX_SENTENCE = 280


@dataclass(frozen=True, slots=True)
class Source:
    """An article: its title (or id) and date as written in the graph, and the days it covers."""

    iri: str
    title: str
    date: str  # "2019-02-26", "2019-02", "2019" or ""
    span: Span | None


@dataclass(frozen=True, slots=True)
class Entity:
    """A node: entity or deal, with its canonical name and tooltip lines."""

    iri: str
    label: str
    kind: str
    lines: tuple[str, ...]  # tooltip lines after name and type
    search: str
    articles: tuple[str, ...] = ()  # IRIs of the articles that mention it, sorted
    wikidata: tuple[str, ...] = ()  # Wikidata ids (Q42), sorted
    span: Span | None = None  # a deal's own date (kg:date)


@dataclass(frozen=True, slots=True)
class Reading:
    """One kg:Statement behind an edge: the sentence and where it came from."""

    sentence: str
    source: str  # article title (or id), and the speaker if reported
    confidence: float
    article: str = ""  # IRI of the article
    date: str = ""  # the article's date, as written
    event: str = ""  # when the event happened: "2017-12 (“December 2017”)"
    span: Span | None = (
        None  # the days of the event (kg:eventTime..kg:eventTimeEnd, and the
    )
    # fact's kg:earliest..kg:latest)


@dataclass(frozen=True, slots=True)
class Relation:
    """An edge: a fact of one modality between two nodes, with its readings."""

    source: str
    predicate: str
    target: str
    modality: str  # "asserted" for plain triples, else the statements' modality
    confidence: float | None  # best reading; None when nothing records one (deal roles)
    readings: tuple[Reading, ...]
    symmetric: bool = False
    #: when it happened: its readings' event times, else their articles' dates (a deal's role:
    #: the deal's date, else its articles'); None when nothing dates it
    span: Span | None = None


def local_name(term: object) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _is_node_class(kind: str, vocabulary: Vocabulary) -> bool:
    return bool(vocabulary.ancestors.get(kind, frozenset()) & NODE_ROOTS)


def _objects(graph: Graph, predicate: URIRef) -> dict[str, list[Any]]:
    """Objects of `predicate` by subject, in one scan (graph.value per node is slow)."""
    found: dict[str, list[Any]] = defaultdict(list)
    for s, o in graph.subject_objects(predicate):
        found[str(s)].append(o)
    return found


WIKIDATA = re.compile(r"[QPL][1-9][0-9]{0,11}")


def read_sources(graph: Graph) -> dict[str, Source]:
    """Every titled or dated article of the graph."""
    titles: dict[str, list[str]] = defaultdict(list)
    dates: dict[str, list[str]] = defaultdict(list)
    for a, t in graph.subject_objects(DCTERMS.title):
        if str(t).strip():
            titles[str(a)].append(" ".join(str(t).split()))
    for a, d in graph.subject_objects(DCTERMS.date):
        if day_range(d) is not None:
            dates[str(a)].append(str(d).strip())
    return {
        iri: Source(
            iri,
            min(titles[iri]) if titles.get(iri) else local_name(iri),
            min(dates[iri]) if dates.get(iri) else "",
            day_range(min(dates[iri])) if dates.get(iri) else None,
        )
        for iri in sorted(titles.keys() | dates.keys())
    }


def read_entities(graph: Graph, vocabulary: Vocabulary) -> dict[str, Entity]:
    """Every entity and deal of the graph, with its tooltip lines."""
    kinds: dict[str, str] = {}
    for node, cls in graph.subject_objects(RDF.type):
        kind = local_name(cls)
        if (
            isinstance(node, URIRef)
            and str(cls).startswith(str(KG))
            and _is_node_class(kind, vocabulary)
        ):
            # several types: the most specific (deepest in the class tree) wins
            previous = kinds.get(str(node))
            if previous is None or (len(vocabulary.ancestors[kind]), kind) > (
                len(vocabulary.ancestors[previous]),
                previous,
            ):
                kinds[str(node)] = kind
    pref, labels, alt = (
        _objects(graph, SKOS.prefLabel),
        _objects(graph, RDFS.label),
        _objects(graph, SKOS.altLabel),
    )
    same_as, roles = _objects(graph, OWL.sameAs), _objects(graph, KG.hasRole)
    deal_dates = _objects(graph, KG.date)
    sources = _objects(graph, KG.mentionedIn)
    for node, articles in _objects(graph, PROV.wasDerivedFrom).items():
        if node in kinds:
            sources[node].extend(articles)
    names = {
        node: str(min(pref.get(node) or labels.get(node) or [local_name(node)]))
        for node in kinds
    }
    entities: dict[str, Entity] = {}
    for node in sorted(kinds):
        kind, label = kinds[node], names[node]
        aliases = sorted({str(a) for a in alt.get(node, ())} - {label})
        lines = []
        wikidata = sorted(
            {
                local_name(o)
                for o in same_as.get(node, ())
                if "wikidata.org/" in str(o) and WIKIDATA.fullmatch(local_name(o))
            }
        )
        if wikidata:
            lines.append("Wikidata " + ", ".join(wikidata))
        if aliases:
            lines.append(
                "also: "
                + ", ".join(aliases[:12])
                + (f" and {len(aliases) - 12} more" if len(aliases) > 12 else "")
            )
        if roles.get(node):
            lines.append("role: " + ", ".join(sorted({str(r) for r in roles[node]})))
        if kind == "Deal":
            lines.extend(_deal_lines(graph, URIRef(node), names))
        articles = tuple(sorted({str(a) for a in sources.get(node, ())}))
        if articles:
            lines.append(f"in {plural(len(articles), 'article')}")
        entities[node] = Entity(
            node,
            label,
            kind,
            tuple(lines),
            " ".join([label, *aliases]).casefold(),
            articles,
            tuple(wikidata),
            merge([s for d in deal_dates.get(node, ()) if (s := day_range(d))]),
        )
    return entities


def _deal_lines(graph: Graph, deal: URIRef, names: dict[str, str]) -> list[str]:
    parts = []
    for role in ("buyer", "seller", "item"):
        found = sorted(
            names.get(str(o), local_name(o)) for o in graph.objects(deal, KG[role])
        )
        if found:
            parts.append(f"{role}: {', '.join(found)}")
    lines = [" · ".join(parts)] if parts else []
    value, currency, date = (
        graph.value(deal, KG.value),
        graph.value(deal, KG.currency),
        graph.value(deal, KG.date),
    )
    if value is not None:
        lines.append(f"value: {value} {currency or ''}".rstrip())
    if date is not None:
        lines.append(f"date: {date}")
    return lines


def read_relations(
    graph: Graph,
    entities: dict[str, Entity],
    vocabulary: Vocabulary,
    sources: dict[str, Source] | None = None,
) -> list[Relation]:
    """Asserted facts between drawn nodes, and each other modality's readings as its own relation.

    Symmetric facts (stored in both directions) become one relation. Readings come from the
    kg:Statement records: sentence, article (title and date), event time, confidence, speaker.
    """
    if sources is None:
        sources = read_sources(graph)
    field_of = {
        name: {str(s): o for s, o in graph.subject_objects(term)}
        for name, term in (
            ("s", RDF.subject),
            ("p", RDF.predicate),
            ("o", RDF.object),
            ("modality", KG.modality),
            ("confidence", KG.confidence),
            ("sentence", KG.sentence),
            ("article", PROV.wasDerivedFrom),
            ("speaker", KG.speaker),
            ("verb", KG.reportingVerb),
            ("time", KG.eventTime),
            ("end", KG.eventTimeEnd),
            ("words", KG.eventTimeText),
            ("earliest", KG.earliest),
            ("latest", KG.latest),
        )
    }
    readings: dict[tuple[str, str, str, str], set[Reading]] = defaultdict(set)
    for statement, p in field_of["p"].items():
        s, o = str(field_of["s"].get(statement)), str(field_of["o"].get(statement))
        if (
            s not in entities
            or o not in entities
            or local_name(p) not in relation_properties(vocabulary)
        ):
            continue
        sentence = " ".join(str(field_of["sentence"].get(statement, "")).split())
        if len(sentence) > MAX_SENTENCE:
            sentence = sentence[: MAX_SENTENCE - 1] + "…"
        article = field_of["article"].get(statement)
        known = sources.get(str(article)) if article is not None else None
        source = (
            known.title
            if known
            else (local_name(article) if article is not None else "")
        )
        if known and known.date:
            source = f"{source}, {known.date}"
        speaker = field_of["speaker"].get(statement)
        if speaker is not None:
            name = (
                entities[str(speaker)].label
                if str(speaker) in entities
                else local_name(speaker)
            )
            source = f"{source} · reported by {name}"
        confidence = field_of["confidence"].get(statement)
        event, span = _event(statement, field_of)
        reading = Reading(
            sentence,
            source,
            float(confidence.toPython()) if isinstance(confidence, Literal) else 0.0,
            str(article) if article is not None else "",
            known.date if known else "",
            event,
            span,
        )
        readings[
            (s, local_name(p), o, str(field_of["modality"].get(statement, "asserted")))
        ].add(reading)

    keys = set()
    for predicate in sorted(relation_properties(vocabulary)):
        for s, o in graph.subject_objects(KG[predicate]):
            if str(s) in entities and str(o) in entities:
                keys.add((str(s), predicate, str(o), "asserted"))
    keys |= {key for key in readings if key[3] != "asserted"}
    relations = []
    for source, predicate, target, modality in sorted(keys):
        symmetric = predicate in vocabulary.symmetric
        if (
            symmetric
            and (target, predicate, source, modality) in keys
            and target < source
        ):
            continue  # drawn once, from the other end
        found = readings.get((source, predicate, target, modality), set())
        if symmetric:
            found = found | readings.get((target, predicate, source, modality), set())
        ordered = tuple(
            sorted(found, key=lambda r: (-r.confidence, r.source, r.sentence))
        )
        confidence = ordered[0].confidence if ordered else None
        relations.append(
            Relation(
                source,
                predicate,
                target,
                modality,
                confidence,
                ordered,
                symmetric,
                _relation_span(ordered, entities.get(source), sources),
            )
        )
    return relations


def _event(
    statement: str, field_of: dict[str, dict[str, Any]]
) -> tuple[str, Span | None]:
    """A reading's event time as shown ("2017-12 (“December 2017”)") and the days it covers,
    with the span of its fact's dated readings (kg:earliest..kg:latest) if recorded."""
    start, end = field_of["time"].get(statement), field_of["end"].get(statement)
    spans = [
        span
        for value in (
            start,
            end,
            field_of["earliest"].get(statement),
            field_of["latest"].get(statement),
        )
        if value is not None and (span := day_range(value)) is not None
    ]
    if start is None or day_range(start) is None:
        return "", merge(spans)
    shown = str(start).strip()
    if end is not None and day_range(end) is not None and str(end).strip() != shown:
        shown += f" to {str(end).strip()}"
    words = " ".join(str(field_of["words"].get(statement, "")).split())
    if words and words != shown:
        shown += f" (“{words[:80]}”)"
    return shown, merge(spans)


def _relation_span(
    readings: tuple[Reading, ...], subject: Entity | None, sources: dict[str, Source]
) -> Span | None:
    """When a fact happened: its readings' event times, else the dates of their articles;
    a deal's role: the deal's date, else its articles' dates."""
    events = [r.span for r in readings if r.span is not None]
    if events:
        return merge(events)
    articles = [r.article for r in readings]
    if not readings and subject is not None:
        if subject.span is not None:
            return subject.span
        articles = list(subject.articles) if subject.kind == "Deal" else []
    return merge(
        [
            known.span
            for a in articles
            if (known := sources.get(a)) is not None and known.span is not None
        ]
    )


def relation_properties(vocabulary: Vocabulary) -> frozenset[str]:
    """The object properties drawn as edges (not links to articles, aliases or speakers)."""
    return vocabulary.object_properties - NOT_RELATIONS


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else words or word + 's'}"
