"""Visualize: the graph as an HTML network to explore, offline, safe and readable at 2,000 nodes.

pyvis 0.3.2 assembles the network but does not write the page. Its own `write_html` fails users:
the default `cdn_resources="local"` still loads vis-network from a CDN and every mode links
bootstrap remotely (pyvis#228, #229), `heading` and the select menu go in unescaped, one tooltip
containing "href" turns every tooltip into HTML, it writes a `lib/` folder into the working
directory, an undirected network drops a second relation between the same pair, `add_node` and
`add_edge` scan lists (quadratic: 8,000 nodes took 8.3 s) and physics freezes the browser beyond
about 1,500 nodes (pyvis#204). So kg uses pyvis for what it does well, the vis-network model:
a directed `pyvis.network.Network` receives pyvis `Node` and `Edge` records (appended under
kg's own index, so building stays linear) and its `Options` set the physics solver, edge
smoothing and interaction; `get_network_data()` reads the result back. The page is kg's template
`templates/graph.html`: the vis-network script shipped inside the pyvis package is inlined, the
data is a JSON block escaped so that no article text can end it, tooltips are plain text, and a
Content-Security-Policy allows exactly the page's two scripts (by hash) and no request at all.
To add a script of your own to a written page, add its hash to that policy; scripts reach the
graph through `window.network` (pyvis' global) and `window.kg` (the data sets and views).

What is drawn: entities (agents, places, products) and deals as nodes, coloured and shaped by
type; asserted facts (plain triples) as labelled edges; hedged, negated and hypothetical
readings, which exist only as `kg:Statement`s, as dashed edges that the page hides until asked.
Small networks are laid out by vis-network itself (Kamada-Kawai start, forceAtlas2 physics,
stabilised before the first frame). Above `View.physics_threshold` nodes the layout comes from
`kg.layout` and physics is off, so the page is still within 3 s at 2,000 nodes (pyvis#204).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.errors import ViewError
from kg.layout import SIZE_MEASURES, centrality, layout
from kg.resources import DEFAULT_ONTOLOGY_DIR, _ontology_graph, class_ancestors
from kg.serialize import write_atomic
from kg.vocab import KG

#: Colour of each entity type (a colour-blind-safe Tableau palette; subtypes near their parent).
PALETTE = {
    "Person": "#e15759",
    "Country": "#4e79a7",
    "Organization": "#59a14f",
    "Company": "#8cd17d",
    "GovernmentBody": "#2f8f83",
    "PoliticalParty": "#b6992d",
    "MilitaryAlliance": "#f28e2b",
    "ArmedGroup": "#9d7660",
    "MediaOrganization": "#a0a0a0",
    "Place": "#76b7b2",
    "City": "#5fa3c4",
    "Region": "#86bcb6",
    "Facility": "#d4a6c8",
    "Product": "#ff9da7",
    "WeaponSystem": "#b07aa1",
    "Deal": "#edc948",
}
#: Shape by branch of the class tree, so the legend reads with or without colour.
SHAPES = {
    "Person": "dot",
    "Country": "diamond",
    "Organization": "square",
    "Place": "triangleDown",
    "Product": "triangle",
    "Deal": "star",
    "Agent": "dot",
}
GLYPHS = {
    "dot": "●",
    "diamond": "◆",
    "square": "■",
    "triangleDown": "▼",
    "triangle": "▲",
    "star": "★",
}
NODE_ROOTS = frozenset({"Agent", "Place", "Product", "Deal"})
#: Object properties that link to articles, alias records or speakers, not entity to entity.
NOT_RELATIONS = frozenset({"mentionedIn", "alias", "credits", "speaker"})
EDGE_COLOUR = "#8d99a6"
UNCERTAIN_COLOUR = "#d9822b"
MAX_READINGS = 4  # sentences per edge tooltip
MAX_SENTENCE = 280
FONT = "system-ui, sans-serif"
PIXELS_PER_UNIT = 95  # layout unit (the ideal edge length) in vis canvas pixels


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


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What kg.ttl says about classes and properties: labels, subclasses, symmetry."""

    labels: dict[str, str]
    ancestors: dict[str, frozenset[str]]
    relations: frozenset[str]
    symmetric: frozenset[str]


@dataclass(frozen=True, slots=True)
class Entity:
    """A node: entity or deal, with its canonical name and tooltip lines."""

    iri: str
    label: str
    kind: str
    lines: tuple[str, ...]  # tooltip lines after name and type
    search: str


@dataclass(frozen=True, slots=True)
class Reading:
    """One kg:Statement behind an edge: the sentence and where it came from."""

    sentence: str
    source: str  # article title (or id), and the speaker if reported
    confidence: float


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


@dataclass(frozen=True, slots=True)
class NetworkData:
    """Everything the page draws, as plain data (vis-network node and edge records)."""

    nodes: tuple[dict[str, Any], ...]
    edges: tuple[dict[str, Any], ...]
    options: dict[str, Any]
    legend: tuple[dict[str, Any], ...]
    predicates: tuple[dict[str, Any], ...]
    notes: tuple[str, ...]  # what was left out, and why
    physics: bool
    totals: dict[str, int]  # entities, asserted relations, other readings in the graph


# ---------------------------------------------------------------- vocabulary


@cache
def load_vocabulary(directory: Path = DEFAULT_ONTOLOGY_DIR) -> Vocabulary:
    """Labels, class tree and relation properties of the ontology in `directory`."""
    graph = _ontology_graph(Path(directory))
    labels = {
        _local(term): str(label) for term, label in graph.subject_objects(RDFS.label)
    }
    relations = (
        frozenset(_local(p) for p in graph.subjects(RDF.type, OWL.ObjectProperty))
        - NOT_RELATIONS
    )
    symmetric = frozenset(
        _local(p) for p in graph.subjects(RDF.type, OWL.SymmetricProperty)
    )
    return Vocabulary(labels, class_ancestors(graph), relations, symmetric)


def _local(term: object) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _is_node_class(kind: str, vocabulary: Vocabulary) -> bool:
    return bool(vocabulary.ancestors.get(kind, frozenset()) & NODE_ROOTS)


def _shape(kind: str, vocabulary: Vocabulary) -> str:
    if kind in SHAPES:
        return SHAPES[kind]
    for ancestor in ("Organization", "Place", "Product", "Agent"):
        if ancestor in vocabulary.ancestors.get(kind, ()):
            return SHAPES[ancestor]
    return "dot"


# ---------------------------------------------------------------- reading the graph


def _objects(graph: Graph, predicate: URIRef) -> dict[str, list[Any]]:
    """Objects of `predicate` by subject, in one scan of the index (graph.value per node is slow)."""
    found: dict[str, list[Any]] = defaultdict(list)
    for s, o in graph.subject_objects(predicate):
        found[str(s)].append(o)
    return found


def read_entities(graph: Graph, vocabulary: Vocabulary) -> dict[str, Entity]:
    """Every entity and deal of the graph, with its tooltip lines."""
    kinds: dict[str, str] = {}
    for node, cls in graph.subject_objects(RDF.type):
        kind = _local(cls)
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
    sources = _objects(graph, KG.mentionedIn)
    for node, articles in _objects(graph, PROV.wasDerivedFrom).items():
        if node in kinds:
            sources[node].extend(articles)
    names = {
        node: str(min(pref.get(node) or labels.get(node) or [_local(node)]))
        for node in kinds
    }
    entities: dict[str, Entity] = {}
    for node in sorted(kinds):
        kind, label = kinds[node], names[node]
        aliases = sorted({str(a) for a in alt.get(node, ())} - {label})
        lines = []
        wikidata = sorted(
            _local(o) for o in same_as.get(node, ()) if "wikidata" in str(o)
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
        count = len(set(sources.get(node, ())))
        if count:
            lines.append(f"in {_plural(count, 'article')}")
        entities[node] = Entity(
            node, label, kind, tuple(lines), " ".join([label, *aliases]).casefold()
        )
    return entities


def _deal_lines(graph: Graph, deal: URIRef, names: dict[str, str]) -> list[str]:
    parts = []
    for role in ("buyer", "seller", "item"):
        found = sorted(
            names.get(str(o), _local(o)) for o in graph.objects(deal, KG[role])
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
    graph: Graph, entities: dict[str, Entity], vocabulary: Vocabulary
) -> list[Relation]:
    """Asserted facts between drawn nodes, and each other modality's readings as its own relation.

    Symmetric facts (stored in both directions) become one relation. Readings come from the
    kg:Statement records: sentence, article, confidence, speaker.
    """
    titles = {
        str(a): str(t)
        for a, t in graph.subject_objects(DCTERMS.title)
        if str(t).strip()
    }
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
        )
    }
    readings: dict[tuple[str, str, str, str], set[Reading]] = defaultdict(set)
    for statement, p in field_of["p"].items():
        s, o = str(field_of["s"].get(statement)), str(field_of["o"].get(statement))
        if (
            s not in entities
            or o not in entities
            or _local(p) not in vocabulary.relations
        ):
            continue
        sentence = " ".join(str(field_of["sentence"].get(statement, "")).split())
        if len(sentence) > MAX_SENTENCE:
            sentence = sentence[: MAX_SENTENCE - 1] + "…"
        article = field_of["article"].get(statement)
        source = titles.get(
            str(article), _local(article) if article is not None else ""
        )
        speaker = field_of["speaker"].get(statement)
        if speaker is not None:
            name = (
                entities[str(speaker)].label
                if str(speaker) in entities
                else _local(speaker)
            )
            source = f"{source} · reported by {name}"
        confidence = field_of["confidence"].get(statement)
        reading = Reading(
            sentence,
            source,
            float(confidence.toPython()) if isinstance(confidence, Literal) else 0.0,
        )
        readings[
            (s, _local(p), o, str(field_of["modality"].get(statement, "asserted")))
        ].add(reading)

    keys = set()
    for predicate in vocabulary.relations:
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
                source, predicate, target, modality, confidence, ordered, symmetric
            )
        )
    return relations


# ---------------------------------------------------------------- choosing what to show


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
        if key in (iri.casefold(), _local(iri).casefold(), entity.label.casefold()):
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


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def select(
    entities: dict[str, Entity],
    relations: list[Relation],
    view: View,
    vocabulary: Vocabulary,
) -> tuple[list[str], list[Relation], dict[str, float], list[str]]:
    """Apply the view: type, predicate and confidence filters, focus, then the top-N cut.

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
            f"Only types {', '.join(sorted(wanted))}: {_plural(len(entities) - len(keep), 'entity', 'entities')} of other types left out"
        )
    rels = [r for r in relations if r.source in keep and r.target in keep]
    if view.predicates:
        present = {r.predicate for r in relations} | set(vocabulary.relations)
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
            f"{_plural(before - len(rels), 'relation')} below confidence {view.min_confidence:g} left out"
        )
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
        notes.append(f"Within {_plural(view.depth, 'step')} of {entities[focus].label}")
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
            f"The {view.max_nodes:,} {closest} entities ({measure}) of {len(keep):,}; left out: {names}, with {_plural(dropped, 'relation')}"
        )
        rank = {n: rank[n] for n in order}
    return order, rels, rank, notes


# ---------------------------------------------------------------- the vis-network model


def _node_record(
    entity: Entity,
    size: float,
    position: tuple[int, int] | None,
    isolated: bool,
    vocabulary: Vocabulary,
) -> dict[str, Any]:
    colour = PALETTE.get(entity.kind, "#9c9c9c")
    kind_label = vocabulary.labels.get(entity.kind, entity.kind)
    record: dict[str, Any] = {
        "title": "\n".join([entity.label, kind_label, *entity.lines]),
        "value": size,
        "kind": entity.kind,
        "search": entity.search,
        "isolated": isolated,
        "color": {
            "background": colour,
            "border": _darker(colour),
            "highlight": {"background": colour, "border": "#1a1a1a"},
            "hover": {"background": colour, "border": "#1a1a1a"},
        },
    }
    if position is not None:
        record["x"], record["y"] = position
    return record


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def _edge_record(
    relation: Relation, entities: dict[str, Entity], vocabulary: Vocabulary
) -> dict[str, Any]:
    label = vocabulary.labels.get(relation.predicate, relation.predicate)
    source, target = entities[relation.source].label, entities[relation.target].label
    arrow = "↔" if relation.symmetric else "→"
    lines = [f"{source} {arrow} {label} {arrow} {target}"]
    facts = [relation.modality]
    if relation.confidence is not None:
        facts.append(f"confidence {relation.confidence:.2f}")
    if relation.readings:
        facts.append(_plural(len(relation.readings), "reading"))
    lines.append(" · ".join(facts))
    for reading in relation.readings[:MAX_READINGS]:
        lines.append(f"“{reading.sentence}”")
        lines.append(f"    — {reading.source}")
    if len(relation.readings) > MAX_READINGS:
        lines.append(f"(and {len(relation.readings) - MAX_READINGS} more)")
    uncertain = relation.modality != "asserted"
    colour = UNCERTAIN_COLOUR if uncertain else EDGE_COLOUR
    return {
        "label": label if not uncertain else f"{label} ({relation.modality})",
        "title": "\n".join(lines),
        "predicate": relation.predicate,
        "modality": relation.modality,
        "arrows": "" if relation.symmetric else "to",
        "dashes": uncertain,
        "value": len(relation.readings) or 1,
        "color": {"color": colour, "highlight": "#1f3a5f", "hover": "#1f3a5f"},
    }


def _spread_parallel(edges: list[dict[str, Any]]) -> None:
    """Curve the second and later edges between one pair so that their labels do not overlap."""
    seen: dict[frozenset[str], int] = defaultdict(int)
    for edge in edges:
        pair = frozenset((edge["from"], edge["to"]))
        count = seen[pair]
        seen[pair] += 1
        if count:
            clockwise = (count % 2 == 1) == (edge["from"] < edge["to"])
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": 0.25 * ((count + 1) // 2),
            }


def _pyvis_network(
    nodes: list[tuple[str, str, str, dict[str, Any]]],
    edges: list[tuple[str, str, dict[str, Any]]],
    *,
    physics: bool,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """Assemble the vis-network records and options with pyvis, without its page.

    `Network.add_node`/`add_edge` check membership by scanning lists (quadratic), so the pyvis
    `Node` and `Edge` records are appended directly; the ids are unique by construction.
    """
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

    net = Network(
        directed=True, cdn_resources="in_line"
    )  # writes nothing: only write_html would
    for node_id, label, shape, options in nodes:
        record = Node(node_id, shape, label=label, **options).options
        net.nodes.append(record)
        net.node_ids.append(node_id)
        net.node_map[node_id] = record
    for index, (source, target, options) in enumerate(edges):
        net.edges.append(
            Edge(source, target, directed=True, id=f"e{index}", **options).options
        )
    if physics:
        net.force_atlas_2based(
            gravity=-130,
            central_gravity=0.02,
            spring_length=120,
            spring_strength=0.05,
            damping=0.6,
            overlap=1,
        )
        net.options.physics.stabilization.iterations = 400
        net.options.physics.stabilization.updateInterval = 100
        net.set_edge_smooth("continuous")
    else:
        net.toggle_physics(False)
        net.options.edges.smooth.enabled = False
        net.toggle_hide_edges_on_drag(True)
    net.inherit_edge_colors(False)
    records, links, _heading, _height, _width, options_json = net.get_network_data()
    return records, links, json.loads(options_json)


def _vis_options(*, physics: bool) -> dict[str, Any]:
    """What kg adds to pyvis' options: fonts, scaling, interaction."""
    return {
        "layout": {"randomSeed": 7, "improvedLayout": physics},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1.5,
            "font": {
                "size": 19,
                "face": FONT,
                "color": "#1a1a1a",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            # A small network labels every node. A large one grows labels with centrality
            # and draws each only once the zoom makes it readable.
            "scaling": {
                "min": 9,
                "max": 38,
                "label": {
                    "enabled": not physics,
                    "min": 10,
                    "max": 60,
                    "drawThreshold": 5 if physics else 10,
                    "maxVisible": 24,
                },
            },
        },
        "edges": {
            "font": {
                "size": 13,
                "face": FONT,
                "color": "#4a4a4a",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "horizontal",
            },
            "arrows": {"to": {"scaleFactor": 0.55}},
            "scaling": {"min": 1, "max": 4, "label": {"enabled": False}},
            "selectionWidth": 2,
        },
    }


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = (
            _merge(merged[key], value)
            if isinstance(value, dict) and isinstance(merged.get(key), dict)
            else value
        )
    return merged


def network_data(
    graph: Graph, view: View = View(), *, vocabulary: Vocabulary | None = None
) -> NetworkData:
    """The nodes, edges, options, legend and notes of the page, without a browser."""
    vocabulary = vocabulary or load_vocabulary()
    if view.size_by not in SIZE_MEASURES:
        raise ViewError(
            f"unknown size measure {view.size_by!r}; choose from {', '.join(SIZE_MEASURES)}"
        )
    if view.max_nodes < 1 or view.depth < 0:
        raise ViewError("max-nodes must be at least 1 and depth at least 0")
    entities = read_entities(graph, vocabulary)
    relations = read_relations(graph, entities, vocabulary)
    ids, kept, rank, notes = select(entities, relations, view, vocabulary)
    physics = len(ids) <= view.physics_threshold
    positions = (
        {}
        if physics
        else layout(ids, [(r.source, r.target) for r in kept], scale=PIXELS_PER_UNIT)
    )
    top = max(rank.values(), default=1.0) or 1.0
    linked = {n for r in kept for n in (r.source, r.target)}
    if view.focus and ids:
        linked.add(ids[0])  # the focus entity stays visible even without relations
    nodes = [
        (
            iri,
            entities[iri].label,
            _shape(entities[iri].kind, vocabulary),
            _node_record(
                entities[iri],
                round(math.sqrt(rank[iri] / top), 4),
                positions.get(iri),
                iri not in linked,
                vocabulary,
            ),
        )
        for iri in sorted(ids)
    ]
    links = [(r.source, r.target, _edge_record(r, entities, vocabulary)) for r in kept]
    records, edges, options = _pyvis_network(nodes, links, physics=physics)
    _spread_parallel(edges)
    options = _merge(options, _vis_options(physics=physics))
    kinds = defaultdict(int)
    for iri in ids:
        kinds[entities[iri].kind] += 1
    legend = tuple(
        {
            "kind": kind,
            "label": vocabulary.labels.get(kind, kind),
            "color": PALETTE.get(kind, "#9c9c9c"),
            "glyph": GLYPHS[_shape(kind, vocabulary)],
            "count": count,
        }
        for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
    )
    by_predicate: dict[str, int] = defaultdict(int)
    for r in kept:
        by_predicate[r.predicate] += 1
    predicates = tuple(
        {"predicate": p, "label": vocabulary.labels.get(p, p), "count": c}
        for p, c in sorted(by_predicate.items(), key=lambda item: (-item[1], item[0]))
    )
    totals = {
        "entities": len(entities),
        "relations": sum(1 for r in relations if r.modality == "asserted"),
        "uncertain": sum(1 for r in relations if r.modality != "asserted"),
    }
    return NetworkData(
        tuple(records),
        tuple(edges),
        options,
        legend,
        predicates,
        tuple(notes),
        physics,
        totals,
    )


# ---------------------------------------------------------------- the page


def _script_safe(value: object) -> str:
    """JSON that can sit inside <script>: no "</", "<!--" or line separators survive."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def render_html(
    graph: Graph, *, view: View = View(), title: str = "kg knowledge graph"
) -> str:
    """The page as a string: vis-network and the data inlined, no remote asset, no request."""
    data = network_data(graph, view)
    payload = {
        "title": title,
        "nodes": data.nodes,
        "edges": data.edges,
        "options": data.options,
        "legend": data.legend,
        "predicates": data.predicates,
        "notes": data.notes,
        "physics": data.physics,
        "totals": data.totals,
    }
    template = (resources.files("kg") / "templates" / "graph.html").read_text(
        encoding="utf-8"
    )
    head, rest = template.split("<!--VIS-->", 1)
    vis_js = (
        resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js"
    ).read_text(encoding="utf-8")
    vis_js = vis_js.replace("</script", "<\\/script")
    app_js = rest.split("<script>", 1)[1].split("</script>", 1)[0]
    policy = f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    page = head.replace("__CSP__", policy).replace("__TITLE__", html.escape(title))
    return (
        page
        + f"<script>{vis_js}</script>"
        + rest.replace("__DATA__", _script_safe(payload))
    )


def write_html(
    graph: Graph, path: Path, *, view: View = View(), title: str = "kg knowledge graph"
) -> None:
    """Write the network page atomically."""
    write_atomic(path, render_html(graph, view=view, title=title).encode("utf-8"))
