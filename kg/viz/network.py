"""The network: vis-network node and edge records (through pyvis), options, legend.

pyvis 0.3.2 assembles the network but does not write the page (see kg.viz.page). kg uses
pyvis for what it does well, the vis-network model: a directed `pyvis.network.Network`
receives pyvis `Node` and `Edge` records (appended under kg's own index, so building stays
linear: pyvis' `add_node` and `add_edge` scan lists, and 8,000 nodes took 8.3 s) and its
`Options` set the physics solver, edge smoothing and interaction; `get_network_data()`
reads the result back.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from kg.errors import ViewError
from kg.resources import Vocabulary, load_ontology
from kg.viz.dates import shown
from kg.viz.layout import (
    LABEL_MAX_PX,
    LABEL_THRESHOLD_PX,
    SIZE_MEASURES,
    layout,
)
from kg.viz.read import (
    MAX_READINGS,
    Entity,
    Relation,
    Source,
    plural,
    read_entities,
    read_relations,
    read_sources,
)
from kg.viz.select import View, select

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


EDGE_COLOUR = "#8d99a6"


UNCERTAIN_COLOUR = "#d9822b"


FONT = "system-ui, sans-serif"


PIXELS_PER_UNIT = 95  # layout unit (the ideal edge length) in vis canvas pixels


NODE_SIZE = (9, 38)  # radius of the least and the most central node, canvas pixels


MAX_ARTICLES = 40  # articles listed for a node in the side panel (the latest)


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
    #: (title, date) of every article a node lists; its `articles` are indexes into this
    articles: tuple[tuple[str, str], ...] = ()
    #: the time filter: the days at which dated edges start or end ("stops"), and how many
    #: edges no date places ("undated")
    time: dict[str, Any] | None = None


def _shape(kind: str, vocabulary: Vocabulary) -> str:
    if kind in SHAPES:
        return SHAPES[kind]
    for ancestor in ("Organization", "Place", "Product", "Agent"):
        if ancestor in vocabulary.ancestors.get(kind, ()):
            return SHAPES[ancestor]
    return "dot"


def _node_record(
    entity: Entity,
    size: float,
    position: tuple[int, int] | None,
    isolated: bool,
    vocabulary: Vocabulary,
    articles: list[int],
    mentions: int,
    font: int | None,
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
    if articles:  # the latest MAX_ARTICLES, and how many there are if more
        record["articles"] = articles
        if mentions > len(articles):
            record["articlesTotal"] = mentions
    if entity.wikidata:
        record["wikidata"] = list(entity.wikidata)
    if position is not None:
        record["x"], record["y"] = position
    if font is not None:
        record["font"] = {"size": font}
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
        facts.append(plural(len(relation.readings), "reading"))
    if relation.span is not None:
        facts.append(f"time {shown(relation.span)}")
    lines.append(" · ".join(facts))
    for reading in relation.readings[:MAX_READINGS]:
        lines.append(f"“{reading.sentence}”")
        lines.append(f"    — {reading.source}")
        if reading.event:
            lines.append(f"    happened {reading.event}")
    if len(relation.readings) > MAX_READINGS:
        lines.append(f"(and {len(relation.readings) - MAX_READINGS} more)")
    uncertain = relation.modality != "asserted"
    colour = UNCERTAIN_COLOUR if uncertain else EDGE_COLOUR
    timed = (
        {"t0": relation.span[0], "t1": relation.span[1]}
        if relation.span is not None
        else {}
    )
    return timed | {
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
            # A small network labels every node. A large one gives each node a label size
            # (kg.viz.layout): the most central are legible at the overview, the others are
            # drawn once the zoom makes them readable, and none grows past LABEL_MAX_PX.
            "scaling": {
                "min": NODE_SIZE[0],
                "max": NODE_SIZE[1],
                "label": {
                    "enabled": False,
                    "drawThreshold": 5 if physics else LABEL_THRESHOLD_PX + 1,
                    "maxVisible": 30 if physics else LABEL_MAX_PX,
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
    vocabulary = vocabulary or load_ontology().vocabulary
    if view.size_by not in SIZE_MEASURES:
        raise ViewError(
            f"unknown size measure {view.size_by!r}; choose from {', '.join(SIZE_MEASURES)}"
        )
    if view.max_nodes < 1 or view.depth < 0:
        raise ViewError("max-nodes must be at least 1 and depth at least 0")
    sources = read_sources(graph)
    entities = read_entities(graph, vocabulary)
    relations = read_relations(graph, entities, vocabulary, sources)
    ids, kept, rank, notes = select(entities, relations, view, vocabulary, sources)
    linked = {n for r in kept for n in (r.source, r.target)}
    if view.focus and ids:
        linked.add(ids[0])  # the focus entity stays visible even without relations
    drawn = [iri for iri in ids if iri in linked]
    physics = len(drawn) <= view.physics_threshold
    top = max(rank.values(), default=1.0) or 1.0
    value = {iri: round(math.sqrt(rank[iri] / top), 4) for iri in ids}
    placement = None
    if not physics:
        low = min(value[iri] for iri in drawn)
        high = max(value[iri] for iri in drawn)
        placement = layout(
            drawn,
            [(r.source, r.target) for r in kept],
            scale=PIXELS_PER_UNIT,
            rank=rank,
            labels={iri: entities[iri].label for iri in drawn},
            sizes={  # vis-network's linear scaling of `value` between the least and most
                iri: NODE_SIZE[0]
                + (NODE_SIZE[1] - NODE_SIZE[0])
                * ((value[iri] - low) / (high - low) if high > low else 0.5)
                for iri in drawn
            },
        )
    found = _article_index(ids, entities, kept, sources)

    def when(a: str) -> tuple[tuple[str, str], str, str]:
        return (sources[a].span or ("", ""), sources[a].title, a)

    # every node's articles, the latest first; the page lists MAX_ARTICLES of them
    latest = {iri: sorted(found[iri], key=when, reverse=True) for iri in ids}
    table = sorted(
        {a for listed in latest.values() for a in listed[:MAX_ARTICLES]}, key=when
    )
    position = {a: i for i, a in enumerate(table)}
    # least central first: vis-network draws later nodes (and their labels) on top
    order = sorted(ids, key=lambda iri: (round(rank[iri], 12), iri))
    nodes = [
        (
            iri,
            entities[iri].label,
            _shape(entities[iri].kind, vocabulary),
            _node_record(
                entities[iri],
                value[iri],
                placement.positions.get(iri) if placement else None,
                iri not in linked,
                vocabulary,
                [position[a] for a in latest[iri][:MAX_ARTICLES]],
                len(latest[iri]),
                placement.fonts.get(iri) if placement else None,
            ),
        )
        for iri in order
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
    stops = sorted({day for r in kept if r.span for day in r.span})
    return NetworkData(
        tuple(records),
        tuple(edges),
        options,
        legend,
        predicates,
        tuple(notes),
        physics,
        totals,
        tuple((sources[a].title, sources[a].date) for a in table),
        {"stops": stops, "undated": sum(1 for r in kept if r.span is None)},
    )


def _article_index(
    ids: list[str],
    entities: dict[str, Entity],
    kept: list[Relation],
    sources: dict[str, Source],
) -> dict[str, set[str]]:
    """The known articles of every node: those that mention it and those its readings cite
    (a build's overview graph keeps only the latter)."""
    found: dict[str, set[str]] = {
        iri: {a for a in entities[iri].articles if a in sources} for iri in ids
    }
    for r in kept:
        cited = {
            reading.article for reading in r.readings if reading.article in sources
        }
        found[r.source] |= cited
        found[r.target] |= cited
    return found
