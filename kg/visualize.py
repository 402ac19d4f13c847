"""Visualize: the graph as a self-contained, offline HTML network.

pyvis (vis-network) draws it. The page is written from kg's own template rather than pyvis'
because pyvis 0.3.2 links bootstrap and vis from CDNs and turns tooltips into HTML; here the
vis-network script that ships inside the pyvis package is inlined, data goes in as JSON
(escaped so that no article text can close the script), and tooltips stay plain text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.serialize import write_atomic
from kg.vocab import KG

PALETTE = {
    "Person": "#e15759",
    "Country": "#4e79a7",
    "Organization": "#59a14f",
    "Company": "#8cd17d",
    "GovernmentBody": "#499894",
    "PoliticalParty": "#b6992d",
    "MilitaryAlliance": "#f28e2b",
    "ArmedGroup": "#9d7660",
    "MediaOrganization": "#bab0ac",
    "Place": "#76b7b2",
    "City": "#76b7b2",
    "Region": "#86bcb6",
    "Facility": "#d4a6c8",
    "Product": "#ff9da7",
    "WeaponSystem": "#ff9d9a",
    "Deal": "#edc948",
}
SHAPES = {"Person": "dot", "Country": "diamond", "WeaponSystem": "triangle", "Product": "triangle", "Deal": "square"}


def _local(term: object) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def _script_safe(value: object) -> str:
    """JSON that can sit inside <script>: no "</", "<!--" or line separators survive."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def network_data(graph: Graph) -> dict[str, object]:
    """Nodes (entities and deals) and edges (asserted relations) with text tooltips."""
    classes = {KG[c] for c in PALETTE}
    nodes: dict[str, dict[str, object]] = {}
    for node, cls in sorted(graph.subject_objects(RDF.type)):
        if cls not in classes or not isinstance(node, URIRef):
            continue
        label = str(graph.value(node, RDFS.label) or _local(node))
        aliases = sorted({str(a) for a in graph.objects(node, SKOS.altLabel)})
        kind = _local(cls)
        tooltip = f"{label}\n{kind}" + (f"\nalso: {', '.join(aliases[:12])}" if aliases else "")
        nodes[str(node)] = {
            "id": str(node),
            "label": label,
            "group": kind,
            "title": tooltip,
            "color": PALETTE.get(kind, "#999999"),
            "shape": SHAPES.get(kind, "dot"),
            "search": " ".join([label, *aliases]).lower(),
        }
    sentences: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for statement in graph.subjects(RDF.type, KG.Statement):
        triple = (str(graph.value(statement, RDF.subject)), str(graph.value(statement, RDF.predicate)), str(graph.value(statement, RDF.object)))
        sentence = graph.value(statement, KG.sentence)
        if sentence is not None and graph.value(statement, KG.modality) == Literal("asserted"):
            sentences[triple].append(str(sentence))
    edges = []
    for s, p, o in sorted(graph):
        if str(s) in nodes and str(o) in nodes and str(p).startswith(str(KG)) and p not in (KG.mentionedIn,):
            evidence = sorted(set(sentences.get((str(s), str(p), str(o)), [])))
            title = f"{nodes[str(s)]['label']} {_local(p)} {nodes[str(o)]['label']}" + "".join(f"\n• {t}" for t in evidence[:5])
            edges.append({"from": str(s), "to": str(o), "label": _local(p), "title": title, "arrows": "to"})
    degree: dict[str, int] = defaultdict(int)
    for edge in edges:
        degree[str(edge["from"])] += 1
        degree[str(edge["to"])] += 1
    for key, node in nodes.items():
        node["value"] = 1 + degree[key]
    for node in nodes.values():
        node.pop("search_hidden", None)
    return {"nodes": list(nodes.values()), "edges": edges}


def render_html(graph: Graph, *, title: str = "kg knowledge graph") -> str:
    """The page as a string: vis-network inlined, no remote asset."""
    data = network_data(graph)
    present = sorted({str(n["group"]) for n in data["nodes"]})  # type: ignore[union-attr]
    payload = {
        **data,
        "title": title,
        "omitted": "",
        "legend": [{"label": kind, "color": PALETTE[kind]} for kind in present if kind in PALETTE],
        "options": {
            "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 200}},
            "layout": {"randomSeed": 7},
            "interaction": {"hover": True, "tooltipDelay": 150},
            "edges": {"font": {"size": 10, "align": "middle"}, "smooth": {"type": "dynamic"}},
            "nodes": {"scaling": {"min": 8, "max": 40}, "font": {"size": 14}},
        },
    }
    js, css = _vis_assets()
    template = (resources.files("kg") / "templates" / "graph.html").read_text(encoding="utf-8")
    escaped_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        template.replace("__TITLE__", escaped_title)
        .replace("__VIS_CSS__", css.replace("</", "<\\/"))
        .replace("__DATA__", _script_safe(payload))
        .replace("__VIS_JS__", js.replace("</script", "<\\/script"))
    )


def write_html(graph: Graph, path: Path, *, title: str = "kg knowledge graph") -> None:
    """Write the network page atomically."""
    write_atomic(path, render_html(graph, title=title).encode("utf-8"))
