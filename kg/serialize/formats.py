"""Serialize: write graph files atomically and deterministically, in every format kg offers,
and read them back.

A file is written to a temporary name in the same folder and renamed over the old one, so an
interrupted run leaves the previous file intact; readers never see half a file. Equal graphs
give equal bytes in every format: kg mints no blank nodes, and each writer sorts what rdflib
or networkx would emit in hash or insertion order (N-Triples and N-Quads lines, TriG graphs,
JSON-LD nodes and values, GraphML nodes and edges).

Formats: `ttl` (the default), `nt` and `jsonld` hold every triple in one graph, provenance as
kg:Statement reifications; `nq` and `trig` put each article's statements in a named graph
(see `kg.graph.by_article`); `graphml` is the entity network for Gephi (no provenance).
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.errors import KGError
from kg.graph.rdf import by_article
from kg.serialize.atomic import write_atomic
from kg.vocab import KG


def turtle_bytes(graph: Graph) -> bytes:
    """The graph as Turtle; rdflib sorts subjects, predicates and objects, and kg mints no
    blank nodes, so equal graphs give equal bytes."""
    return graph.serialize(format="turtle", encoding="utf-8")


def write_turtle(graph: Graph, path: Path) -> None:
    """Write `graph` to `path` as Turtle, atomically."""
    write_atomic(path, turtle_bytes(graph))


def _sorted_lines(data: bytes) -> bytes:
    # N-Triples and N-Quads escape line breaks inside literals: one line is one statement
    return b"".join(sorted(line + b"\n" for line in data.split(b"\n") if line.strip()))


def ntriples_bytes(graph: Graph) -> bytes:
    """The graph as N-Triples, lines sorted."""
    return _sorted_lines(graph.serialize(format="nt", encoding="utf-8"))


def nquads_bytes(graph: Graph) -> bytes:
    """The graph as N-Quads with one named graph per article, lines sorted."""
    return _sorted_lines(by_article(graph).serialize(format="nquads", encoding="utf-8"))


def trig_bytes(graph: Graph) -> bytes:
    """The graph as TriG with one named graph per article: the default graph first, then
    the named graphs by IRI (rdflib keeps graphs in a set, whose order changes per run)."""
    dataset = by_article(graph)
    serializer = TrigSerializer(dataset)
    default = dataset.default_graph.identifier
    unique = {g.identifier: g for g in serializer.contexts}
    serializer.contexts = [
        unique[name] for name in sorted(unique, key=lambda n: (n != default, str(n)))
    ]
    stream = io.BytesIO()
    serializer.serialize(stream, encoding="utf-8")
    return stream.getvalue()


def _json_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def jsonld_bytes(graph: Graph) -> bytes:
    """The graph as compact JSON-LD (the graph's prefixes as context), nodes sorted by @id
    and the values of each property sorted, since rdflib emits them in store order."""
    context = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    document = json.loads(
        graph.serialize(format="json-ld", context=context, encoding="utf-8")
    )
    nodes = document.pop("@graph", None)
    if nodes is None:  # a single node is written without @graph
        document.pop("@context", None)
        nodes = [document] if document else []
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=_json_key)
    nodes.sort(key=lambda node: _json_key(node.get("@id", node)))
    text = json.dumps(
        {"@context": context, "@graph": nodes},
        indent=2,
        sort_keys=True,
        ensure_ascii=False,
    )
    return (text + "\n").encode("utf-8")


def _local(iri: URIRef) -> str:
    return str(iri).removeprefix(str(KG))


def entity_network(graph: Graph) -> Any:
    """The entity network as a networkx MultiDiGraph: a node per entity and deal (label,
    type, Wikidata IRI, roles), an edge per asserted fact between them (predicate, how many
    statements and articles support it) and from each deal to its parties and item."""

    support: dict[tuple[URIRef, URIRef, URIRef], list[URIRef]] = defaultdict(list)
    for st in graph.subjects(KG.modality, Literal("asserted")):
        fact = (
            graph.value(st, RDF.subject),
            graph.value(st, RDF.predicate),
            graph.value(st, RDF.object),
        )
        support[fact].append(graph.value(st, PROV.wasDerivedFrom))  # type: ignore[index]
    nodes = sorted(
        {*graph.subjects(SKOS.prefLabel, None), *graph.subjects(RDF.type, KG.Deal)}
    )
    network = nx.MultiDiGraph()
    for node in nodes:
        attributes = {
            "label": str(graph.value(node, RDFS.label) or node),
            "type": _local(graph.value(node, RDF.type)),
            "iri": str(node),
        }
        same_as = sorted(str(o) for o in graph.objects(node, OWL.sameAs))
        if same_as:
            attributes["wikidata"] = " ".join(same_as)
        roles = sorted(str(o) for o in graph.objects(node, KG.hasRole))
        if roles:
            attributes["roles"] = "; ".join(roles)
        network.add_node(str(node), **attributes)
    members = set(nodes)
    edges = sorted(
        (s, o, p)
        for s, p, o in graph
        if s in members and o in members and str(p).startswith(str(KG))
    )
    for s, o, p in edges:
        sources = support.get((s, p, o), [])
        network.add_edge(
            str(s),
            str(o),
            key=_local(p),
            label=_local(p),
            statements=len(sources),
            articles=len(set(sources)),
        )
    return network


def graphml_bytes(graph: Graph) -> bytes:
    """The entity network (`entity_network`) as GraphML for Gephi."""
    network = entity_network(graph)
    stream = io.BytesIO()
    nx.write_graphml(network, stream, encoding="utf-8", prettyprint=True)
    return stream.getvalue()


FORMATS: dict[str, Callable[[Graph], bytes]] = {
    "ttl": turtle_bytes,
    "nt": ntriples_bytes,
    "nq": nquads_bytes,
    "trig": trig_bytes,
    "jsonld": jsonld_bytes,
    "graphml": graphml_bytes,
}


def parse_formats(text: str) -> tuple[str, ...]:
    """ "ttl,trig" -> ("ttl", "trig"); a KGError names an unknown format and the choices."""
    names = tuple(
        dict.fromkeys(
            n.strip().lower().lstrip(".") for n in text.split(",") if n.strip()
        )
    )
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise KGError(
            f"unknown format {', '.join(unknown) or repr(text)}: choose from {', '.join(FORMATS)}"
        )
    return names


def graph_files(directory: Path) -> tuple[str, ...]:
    """The formats of the graph.* files already in `directory`, in registry order."""
    return tuple(name for name in FORMATS if (directory / f"graph.{name}").is_file())


def write_graph_files(
    graph: Graph, directory: Path, formats: Iterable[str]
) -> list[Path]:
    """Write `directory/graph.<format>` for each format; all are serialized before the first
    is written, so a failing writer leaves every old file in place."""
    data = {directory / f"graph.{name}": FORMATS[name](graph) for name in formats}
    for path, content in data.items():
        write_atomic(path, content)
    return list(data)
