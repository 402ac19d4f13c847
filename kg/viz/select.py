"""Selecting what to draw: a focus entity's neighbourhood, types, predicates, confidence, a
span of time, and at most `max_nodes` entities, the most central first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches

from kg.errors import ViewError
from kg.resources import Vocabulary
from kg.viz.dates import bound, overlaps
from kg.viz.layout import centrality
from kg.viz.read import (
    Entity,
    Relation,
    Source,
    local_name,
    plural,
    relation_properties,
)


@dataclass(frozen=True, slots=True)
class View:
    """What part of the graph the page shows. `kg viz` options map onto these fields."""

    #: an entity (label, alias, key or IRI) whose ego network is drawn
    focus: str | None = None
    depth: int = 2  #: steps out from the focus entity
    max_nodes: int = 2000  #: beyond this, only the most central entities stay
    types: tuple[str, ...] = ()  #: entity types to keep, with subtypes; () keeps all
    predicates: tuple[str, ...] = ()  #: relations to keep; () keeps all
    min_confidence: float = 0.0  #: drop relations whose best reading is less sure
    size_by: str = "pagerank"  #: node size by "pagerank" or "degree"
    physics_threshold: int = 150  #: above: layout computed in Python, physics off
    #: keep the facts whose time (event time, else article date) overlaps since..until, and
    #: the entities with such a fact or mentioned in an article of that time: 2019-02-26,
    #: 2019-02 or 2019 (a month or year counts from its first day to its last)
    since: str | None = None
    until: str | None = None


def _resolve_names(
    wanted: Iterable[str], choices: dict[str, str], what: str
) -> set[str]:
    """Map user-given names (local names or labels, any case) onto local names."""
    folded = {name.casefold(): name for name in choices} | {
        label.casefold(): name for name, label in choices.items()
    }
    found = set()
    for name in wanted:
        key = name.strip().casefold()
        if key not in folded:
            hint = get_close_matches(key, list(folded), n=3)
            raise ViewError(
                f"unknown {what} {name!r}"
                + (
                    f"; did you mean {', '.join(folded[h] for h in hint)}?"
                    if hint
                    else f"; choose from {', '.join(sorted(choices))}"
                )
            )
        found.add(folded[key])
    return found


def find_entity(name: str, entities: dict[str, Entity]) -> str:
    """The IRI of the entity called `name` (IRI, key, label or alias, any case)."""
    key = name.strip().casefold()
    for iri, entity in entities.items():
        if key in (iri.casefold(), local_name(iri).casefold(), entity.label.casefold()):
            return iri
    matches = [
        iri
        for iri, entity in entities.items()
        if key in entity.search.split(" ") or f" {key} " in f" {entity.search} "
    ]
    if matches:
        return sorted(matches, key=lambda iri: (len(entities[iri].label), iri))[0]
    hint = get_close_matches(key, [e.label.casefold() for e in entities.values()], n=3)
    raise ViewError(
        f"no entity called {name!r} in the graph"
        + (f"; did you mean {', '.join(hint)}?" if hint else "")
    )


def _ego(focus: str, relations: list[Relation], depth: int) -> dict[str, int]:
    """Distance from `focus` of every node within `depth` steps (asserted relations, either way)."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for r in relations:
        if r.modality == "asserted":
            neighbours[r.source].add(r.target)
            neighbours[r.target].add(r.source)
    distance = {focus: 0}
    frontier = [focus]
    for step in range(1, depth + 1):
        frontier = sorted(
            {n for node in frontier for n in neighbours[node]} - distance.keys()
        )
        distance.update((n, step) for n in frontier)
    return distance


def _asserted_pairs(relations: Iterable[Relation]) -> list[tuple[str, str]]:
    return [(r.source, r.target) for r in relations if r.modality == "asserted"]


def select(
    entities: dict[str, Entity],
    relations: list[Relation],
    view: View,
    vocabulary: Vocabulary,
    sources: dict[str, Source] | None = None,
) -> tuple[list[str], list[Relation], dict[str, float], list[str]]:
    """Apply the view: type, predicate, confidence and time filters, focus, then the top-N cut.

    Returns the kept node IRIs (most central first), kept relations, centrality of every kept
    node, and notes saying what was left out.
    """
    notes: list[str] = []
    keep = set(entities)
    if view.types:
        kinds = {e.kind for e in entities.values()} | {
            a for e in entities.values() for a in vocabulary.ancestors[e.kind]
        }
        wanted = _resolve_names(
            view.types, {k: vocabulary.labels.get(k, k) for k in kinds}, "type"
        )
        keep = {
            iri for iri in keep if vocabulary.ancestors[entities[iri].kind] & wanted
        }
        notes.append(
            f"Only types {', '.join(sorted(wanted))}: "
            f"{plural(len(entities) - len(keep), 'entity', 'entities')} of other types left out"
        )
    rels = [r for r in relations if r.source in keep and r.target in keep]
    if view.predicates:
        present = {r.predicate for r in relations} | set(
            relation_properties(vocabulary)
        )
        wanted = _resolve_names(
            view.predicates,
            {p: vocabulary.labels.get(p, p) for p in present},
            "predicate",
        )
        rels = [r for r in rels if r.predicate in wanted]
        keep = {n for r in rels for n in (r.source, r.target)}
        notes.append(
            f"Only relations {', '.join(sorted(wanted))}: entities without one left out"
        )
    if view.min_confidence > 0:
        before = len(rels)
        rels = [
            r
            for r in rels
            if r.confidence is None or r.confidence >= view.min_confidence
        ]
        notes.append(
            f"{plural(before - len(rels), 'relation')} below confidence "
            f"{view.min_confidence:g} left out"
        )
    if view.since is not None or view.until is not None:
        keep, rels = _in_time(entities, keep, rels, view, sources or {}, notes)
    distance: dict[str, int] = {}
    if view.focus:
        focus = find_entity(view.focus, entities)
        if focus not in keep:
            raise ViewError(
                f"{entities[focus].label!r} is left out by the type or predicate filter"
            )
        distance = _ego(focus, rels, view.depth)
        keep &= distance.keys()
        rels = [r for r in rels if r.source in keep and r.target in keep]
        notes.append(f"Within {plural(view.depth, 'step')} of {entities[focus].label}")
    rank = centrality(keep, _asserted_pairs(rels), measure=view.size_by)
    order = sorted(keep, key=lambda n: (distance.get(n, 0), -round(rank[n], 12), n))
    if len(order) > view.max_nodes:
        left = order[view.max_nodes :]
        order = order[: view.max_nodes]
        kept = set(order)
        dropped = sum(1 for r in rels if r.source not in kept or r.target not in kept)
        rels = [r for r in rels if r.source in kept and r.target in kept]
        names = ", ".join(entities[n].label for n in left[:8]) + (
            f" and {len(left) - 8:,} more" if len(left) > 8 else ""
        )
        measure = "PageRank" if view.size_by == "pagerank" else "degree"
        closest = "closest, then most central" if view.focus else "most central"
        notes.append(
            f"The {view.max_nodes:,} {closest} entities ({measure}) of {len(keep):,}; "
            f"left out: {names}, with {plural(dropped, 'relation')}"
        )
        rank = {n: rank[n] for n in order}
    return order, rels, rank, notes


def _in_time(
    entities: dict[str, Entity],
    keep: set[str],
    rels: list[Relation],
    view: View,
    sources: dict[str, Source],
    notes: list[str],
) -> tuple[set[str], list[Relation]]:
    """The facts whose time overlaps the view's span, and the entities with one of them or
    mentioned in an article of that span."""
    since, until = bound(view.since, "--since"), bound(view.until, "--until")
    first = since[0] if since else None
    last = until[1] if until else None
    if first is not None and last is not None and first > last:
        raise ViewError(f"--since {view.since} is after --until {view.until}")
    undated = sum(1 for r in rels if r.span is None)
    kept = [r for r in rels if r.span is not None and overlaps(r.span, first, last)]
    linked = {n for r in kept for n in (r.source, r.target)}
    mentioned = {
        iri
        for iri in keep
        if any(
            (known := sources.get(a)) is not None
            and known.span is not None
            and overlaps(known.span, first, last)
            for a in entities[iri].articles
        )
        or (
            entities[iri].span is not None and overlaps(entities[iri].span, first, last)
        )
    }
    left = len(keep - linked - mentioned)
    span = (
        f"from {view.since} to {view.until}"
        if first and last
        else (f"since {view.since}" if first else f"until {view.until}")
    )
    notes.append(
        f"Only {span}: {plural(len(rels) - len(kept) - undated, 'relation')} of other "
        f"times and {plural(undated, 'undated relation')} left out, with "
        f"{plural(left, 'entity', 'entities')}"
    )
    return (keep & (linked | mentioned)), kept
