"""Checking a build: the SHACL shapes over the whole graph, a chunk of articles at a time,
and repairs, so that one bad reading never costs the build.

pyshacl holds a graph and its report in memory, so a corpus graph is checked in chunks: the
graph of a few hundred articles with every node its triples point at (the entities, deals and
articles), which is the whole graph's subgraph around those articles. Every triple of the
graph is in some chunk and every shape of ontology/shapes.ttl looks at a node and the types
of its neighbours only, so the chunks together find what a check of the whole graph finds.

A violation is repaired by leaving out what caused it: the reading (statement) at fault, the
facts of an entity whose value breaks a shape, a deal, or as a last resort an entity. Each
repair is reported with the article's file and sentence; `strict` raises instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

from rdflib import Graph
from rdflib.namespace import RDF

from kg.errors import ValidationError
from kg.graph.canonical import Layers
from kg.graph.facts import Fact
from kg.graph.rdf import (
    add_articles,
    add_credits,
    add_deals,
    add_entities,
    add_facts,
    new_graph,
)
from kg.graph.shacl import Report, Violation, validate_graph
from kg.resources import Ontology
from kg.vocab import KG, DataNamespaces

CHUNK_ARTICLES = 250  # articles whose graph pyshacl checks at once


@dataclass(frozen=True, slots=True)
class Repair:
    """What a violation made the build leave out, and where it came from."""

    source: str  # the article's file (or FILE#ID)
    sentence: str
    what: str  # "statement stmt:... (Canada opposes resolution)" / "entity ..."
    violation: Violation

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        quoted = f' "{self.sentence}"' if self.sentence else ""
        why = f"{self.violation.shape}: {self.violation.message}"
        return f"{where}{self.what}{quoted}: {why}"


@dataclass(frozen=True, slots=True)
class Checked:
    """The layers after the check, what was left out, and what could not be repaired."""

    layers: Layers
    repairs: tuple[Repair, ...]
    remaining: tuple[Violation, ...]
    chunks: int


def chunk_graphs(
    layers: Layers, *, base: str, size: int = CHUNK_ARTICLES
) -> Iterator[Graph]:
    """The graph around each chunk of `size` articles (see the module docstring)."""
    ns = DataNamespaces.for_base(base)
    ids = [e.article.id for e in layers.extractions]
    facts_of: dict[str, list[Fact]] = defaultdict(list)
    for fact in layers.facts:
        facts_of[fact.article].append(fact)
    entities_of: dict[str, set[str]] = defaultdict(set)
    for entity in layers.entities.values():
        for article in entity.articles:
            entities_of[article].add(entity.key)
    deals_of: dict[str, set[str]] = defaultdict(set)
    for deal in layers.deals.values():
        for article in deal.articles:
            deals_of[article].add(deal.key)
    for start in range(0, len(ids), size):
        chunk = set(ids[start : start + size])
        facts = [f for a in sorted(chunk) for f in facts_of[a]]
        deals = set().union(*(deals_of[a] for a in chunk)) | {
            f.deal for f in facts if f.deal
        }
        keys = set().union(*(entities_of[a] for a in chunk))
        keys |= {k for f in facts for k in (f.subject, f.object, f.speaker) if k}
        keys |= {
            k
            for d in deals
            for k in (
                layers.deals[d].buyer,
                layers.deals[d].seller,
                layers.deals[d].item,
            )
            if k
        }
        entities = [layers.entities[k] for k in sorted(keys) if k in layers.entities]
        graph = new_graph(ns)
        add_articles(
            graph, (e.article for e in layers.extractions if e.article.id in chunk), ns
        )
        cited = {a for e in entities for a in e.articles} | {
            a for d in deals for a in layers.deals[d].articles
        }
        for article in sorted(cited - chunk):
            graph.add((ns.article_iri(article), RDF.type, KG.Article))
        add_entities(graph, entities, ns)
        add_deals(graph, (layers.deals[d] for d in sorted(deals)), layers.names, ns)
        add_facts(graph, facts, ns)
        add_credits(graph, (c for c in layers.credits if c[0] in chunk), ns)
        yield graph


def validate_layers(
    layers: Layers, ontology: Ontology, *, base: str, size: int = CHUNK_ARTICLES
) -> tuple[Report, int]:
    """Check the whole graph of `layers`, a chunk at a time; the report and the chunks."""
    violations: set[Violation] = set()
    chunks = 0
    for graph in chunk_graphs(layers, base=base, size=size):
        chunks += 1
        violations.update(validate_graph(graph, ontology=ontology).violations)
    ordered = tuple(
        sorted(violations, key=lambda v: (v.node, v.shape, v.message, v.focus))
    )
    return Report(not ordered, ordered), chunks


def check_layers(
    layers: Layers, ontology: Ontology, *, base: str, strict: bool = False
) -> Checked:
    """Check the graph of `layers`; leave out what violates a shape (or, with `strict`,
    raise ValidationError naming the first violation)."""
    report, chunks = validate_layers(layers, ontology, base=base)
    if report.conforms:
        return Checked(layers, (), (), chunks)
    if strict:
        first = report.violations[0]
        more = (
            f" (and {len(report.violations) - 1} more)"
            if len(report.violations) > 1
            else ""
        )
        raise ValidationError(f"graph violates ontology/shapes.ttl: {first}{more}")
    repaired, repairs = _repair(layers, report.violations, base=base)
    remaining: tuple[Violation, ...] = ()
    if repairs:
        again, _ = validate_layers(repaired, ontology, base=base)
        remaining = again.violations
    else:
        remaining = report.violations
    return Checked(repaired, tuple(repairs), remaining, chunks)


def _repair(
    layers: Layers, violations: tuple[Violation, ...], *, base: str
) -> tuple[Layers, list[Repair]]:
    ns = DataNamespaces.for_base(base)
    statement = {str(ns.statement_iri(f.key)): f for f in layers.facts}
    entity = {str(ns.entity_iri(k)): k for k in layers.entities}
    deal = {str(ns.deal_iri(k)): k for k in layers.deals}
    source = {e.article.id: e.article.source for e in layers.extractions}
    names = layers.names
    drop_facts: dict[str, Violation] = {}  # fact key -> why
    drop_entities: dict[str, Violation] = {}
    drop_deals: dict[str, Violation] = {}
    for violation in violations:
        if violation.focus in statement:
            drop_facts.setdefault(statement[violation.focus].key, violation)
        elif violation.focus in deal:
            drop_deals.setdefault(deal[violation.focus], violation)
        elif violation.focus in entity:
            key = entity[violation.focus]
            predicate = violation.path.removeprefix(str(KG)) if violation.path else None
            target = entity.get(violation.value or "", violation.value)
            culprits = [
                f
                for f in layers.facts
                if f.subject == key
                and f.predicate == predicate
                and (f.object or f.value) == target
            ]
            for fact in culprits:
                drop_facts.setdefault(fact.key, violation)
            if not culprits:
                drop_entities.setdefault(key, violation)
    repairs: list[Repair] = []
    for key, violation in sorted(drop_entities.items()):
        articles = layers.entities[key].articles
        repairs.append(
            Repair(
                source.get(articles[0], "") if articles else "",
                "",
                f"entity {names[key]!r}",
                violation,
            )
        )
    for key, violation in sorted(drop_deals.items()):
        articles = layers.deals[key].articles
        repairs.append(
            Repair(
                source.get(articles[0], "") if articles else "",
                "",
                f"deal {key}",
                violation,
            )
        )
    kept_facts = []
    for fact in layers.facts:
        why = drop_facts.get(fact.key)
        gone = (
            fact.subject in drop_entities
            or fact.object in drop_entities
            or fact.deal in drop_deals
        )
        if why is None and not gone:
            kept_facts.append(fact)
            continue
        if why is not None:
            target = names.get(
                fact.object or "", fact.object or fact.value or fact.deal or ""
            )
            what = f"the reading {names.get(fact.subject, fact.subject)} {fact.predicate} {target}"
            repairs.append(
                Repair(source.get(fact.article, fact.article), fact.sentence, what, why)
            )
    entities = {k: e for k, e in layers.entities.items() if k not in drop_entities}
    deals = {
        k: d
        for k, d in layers.deals.items()
        if k not in drop_deals and not {d.buyer, d.seller, d.item} & set(drop_entities)
    }
    credits = [c for c in layers.credits if c[1] not in drop_entities]
    return replace(
        layers, entities=entities, deals=deals, facts=kept_facts, credits=credits
    ), repairs
