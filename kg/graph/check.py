"""Checking a build: the SHACL shapes over the whole graph, a chunk of articles at a time,
and repairs, so that one bad reading never costs the build.

pyshacl holds a graph and its report in memory, so a corpus graph is checked in chunks (in
`jobs` worker processes): the readings, deals and records of a few hundred articles, with a
view of every entity they point at (its types, label and the mentions in those articles);
and the whole records of entities, a few thousand at a time, with the articles they cite.
Every triple of the graph is in some chunk, and every shape of ontology/shapes.ttl looks at a
node and the types of its neighbours only, so the chunks together find what a check of the
whole graph finds, and a hub entity's long record is checked once, not with every chunk.

A violation is repaired by leaving out what caused it: the reading (statement) at fault, the
facts of an entity whose value breaks a shape, a deal, or as a last resort an entity. Each
repair is reported with the article's file and sentence; `strict` raises instead.
"""

from __future__ import annotations

import multiprocessing
import signal
from dataclasses import dataclass, replace

from rdflib import Graph

from kg.errors import ValidationError
from kg.graph.canonical import Layers
from kg.graph.rdf import (
    add_articles,
    add_credits,
    add_deals,
    add_entities,
    add_facts,
    add_filed,
    new_graph,
)
from kg.graph.shacl import Report, Violation, validate_graph
from kg.resources import Ontology
from kg.vocab import KG, DataNamespaces

CHUNK_ARTICLES = 250  # articles whose readings pyshacl checks at once
CHUNK_TRIPLES = 20_000  # about as many triples of entity records at once


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


def _plan(layers: Layers, size: int) -> list[tuple[str, tuple[str, ...]]]:
    """The chunks: ("articles", ids) for the facts of `size` articles at a time, and
    ("entities", keys) for the whole records of entities, about CHUNK_TRIPLES at a time."""
    ids = [e.article.id for e in layers.extractions]
    plan: list[tuple[str, tuple[str, ...]]] = [
        ("articles", tuple(ids[i : i + size])) for i in range(0, len(ids), size)
    ]
    group: list[str] = []
    weight = 0
    for key in sorted(layers.entities):
        entity = layers.entities[key]
        cost = 5 + 4 * len(entity.aliases) + 5 * len(entity.articles)
        if group and weight + cost > CHUNK_TRIPLES:
            plan.append(("entities", tuple(group)))
            group, weight = [], 0
        group.append(key)
        weight += cost
    if group:
        plan.append(("entities", tuple(group)))
    return plan


def chunk_graph(
    layers: Layers, kind: str, members: tuple[str, ...], *, base: str
) -> Graph:
    """The graph of one chunk of the plan.

    An "articles" chunk holds the articles, their facts and deals, and a view of every
    entity those point at (its types, label and the mentions in these articles): enough for
    every shape about a reading. An "entities" chunk holds whole entity records with the
    articles they cite (and the datelines that name them). Together they hold every triple
    of the graph.
    """
    ns = DataNamespaces.for_base(base)
    articles = {e.article.id: e.article for e in layers.extractions}
    graph = new_graph(ns)
    if kind == "entities":
        entities = [layers.entities[k] for k in members]
        keys = set(members)
        filed = [f for f in layers.filed if f[1] in keys]
        cited = sorted(
            {a for e in entities for a in e.articles} | {a for a, _ in filed}
        )
        add_articles(graph, (articles[a] for a in cited), ns)
        add_entities(graph, entities, ns)
        add_filed(graph, filed, ns)
        return graph
    chunk = set(members)
    facts = [f for f in layers.facts if f.article in chunk]
    deals = sorted(
        {d.key for d in layers.deals.values() if chunk & set(d.articles)}
        | {f.deal for f in facts if f.deal}
    )
    credits = [c for c in layers.credits if c[0] in chunk]
    filed = [f for f in layers.filed if f[0] in chunk]
    keys = {k for f in facts for k in (f.subject, f.object, f.speaker) if k}
    keys |= {
        k
        for d in deals
        for k in (
            layers.deals[d].buyer,
            layers.deals[d].seller,
            layers.deals[d].item,
            *layers.deals[d].parties,
        )
        if k
    }
    keys |= {entity for _, entity in credits} | {entity for _, entity in filed}
    views = []
    cited = set(chunk) | {a for d in deals for a in layers.deals[d].articles}
    for key in sorted(k for k in keys if k in layers.entities):
        entity = layers.entities[key]
        mentions = (
            tuple(a for a in entity.articles if a in chunk) or entity.articles[:1]
        )
        cited.update(mentions)
        views.append(replace(entity, aliases=(), articles=mentions))
    add_articles(graph, (articles[a] for a in sorted(cited)), ns)
    add_entities(graph, views, ns)
    add_deals(graph, (layers.deals[d] for d in deals), layers.names, ns)
    add_facts(graph, facts, ns)
    add_credits(graph, credits, ns)
    add_filed(graph, filed, ns)
    return graph


# The layers a worker process checks: set before the workers fork, so that no chunk is
# pickled (a corpus' layers are large; each worker builds its chunks' graphs itself).
_SHARED: dict[str, object] = {}


def _quiet_worker() -> None:
    # the driver handles Ctrl-C and stops the pool; SIGTERM (how the pool stops a worker)
    # must end a worker at once, not run the handler the CLI installed before forking
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _check_chunk(index: int) -> list[Violation]:
    layers, plan, base, ontology = (
        _SHARED[k] for k in ("layers", "plan", "base", "ontology")
    )
    kind, members = plan[index]  # type: ignore[index]
    graph = chunk_graph(layers, kind, members, base=base)  # type: ignore[arg-type]
    return list(validate_graph(graph, ontology=ontology).violations)  # type: ignore[arg-type]


def validate_layers(
    layers: Layers,
    ontology: Ontology,
    *,
    base: str,
    size: int = CHUNK_ARTICLES,
    jobs: int = 1,
    touching: tuple[set[str], set[str]] | None = None,
) -> tuple[Report, int]:
    """Check the whole graph of `layers`, a chunk at a time (in `jobs` processes); the
    report and the number of chunks. With `touching` (article ids, entity keys), only the
    chunks that hold one of them."""
    plan = _plan(layers, size)
    if touching is not None:
        articles, entities = touching
        plan = [
            (kind, members)
            for kind, members in plan
            if set(members) & (articles if kind == "articles" else entities)
        ]
    violations: set[Violation] = set()
    _SHARED.update(layers=layers, plan=plan, base=base, ontology=ontology)
    try:
        if (
            jobs > 1
            and len(plan) > 1
            and "fork" in multiprocessing.get_all_start_methods()
        ):
            with multiprocessing.get_context("fork").Pool(
                min(jobs, len(plan)), initializer=_quiet_worker
            ) as pool:
                for found in pool.imap_unordered(_check_chunk, range(len(plan))):
                    violations.update(found)
        else:
            for index in range(len(plan)):
                violations.update(_check_chunk(index))
    finally:
        _SHARED.clear()
    ordered = tuple(
        sorted(violations, key=lambda v: (v.node, v.shape, v.message, v.focus))
    )
    return Report(not ordered, ordered), len(plan)


def check_layers(
    layers: Layers,
    ontology: Ontology,
    *,
    base: str,
    strict: bool = False,
    jobs: int = 1,
) -> Checked:
    """Check the graph of `layers`; leave out what violates a shape (or, with `strict`,
    raise ValidationError naming the first violation)."""
    report, chunks = validate_layers(layers, ontology, base=base, jobs=jobs)
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
        # what was left out can only change the chunks that held it: check those again
        again, _ = validate_layers(
            repaired,
            ontology,
            base=base,
            jobs=jobs,
            touching=_touched(layers, repaired),
        )
        # and what no repair answered stays where the first pass found it
        answered = {r.violation for r in repairs}
        unanswered = {v for v in report.violations if v not in answered}
        remaining = tuple(
            sorted(
                set(again.violations) | unanswered,
                key=lambda v: (v.node, v.shape, v.message, v.focus),
            )
        )
    else:
        remaining = report.violations
    return Checked(repaired, tuple(repairs), remaining, chunks)


def _touched(before: Layers, after: Layers) -> tuple[set[str], set[str]]:
    """The articles and entities whose chunks a repair changed. An article's chunk holds
    its facts, deals and the views of their entities: every fact, deal or entity left out
    changes the chunks of its articles. An entity's record (its chunk of the "entities"
    kind) changes only when a dateline place or credit of it is left out and it stays."""
    articles: set[str] = set()
    entities: set[str] = set()
    kept = set(after.facts)
    articles.update(f.article for f in before.facts if f not in kept)
    for key, deal in before.deals.items():
        if key not in after.deals:
            articles.update(deal.articles)
    for key, entity in before.entities.items():
        if key not in after.entities:
            articles.update(entity.articles)
    for article, entity in {*before.credits, *before.filed} - {
        *after.credits,
        *after.filed,
    }:
        articles.add(article)
        if entity in after.entities:
            entities.add(entity)
    return articles, entities


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
        if k not in drop_deals
        and not {d.buyer, d.seller, d.item, *d.parties} & set(drop_entities)
    }
    credits = [c for c in layers.credits if c[1] not in drop_entities]
    filed = [f for f in layers.filed if f[1] not in drop_entities]
    return replace(
        layers,
        entities=entities,
        deals=deals,
        facts=kept_facts,
        credits=credits,
        filed=filed,
    ), repairs
