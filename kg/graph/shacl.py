"""Validate: check a graph against the SHACL shapes of ontology/shapes.ttl with pyshacl.

The shapes say what a trustworthy graph looks like (every statement has one modality, a
confidence in [0, 1], one source article, offsets with start <= end; every entity one label
and one ontology class; an asserted statement is backed by its triple and every asserted
triple by a statement...). ontology/kg.ttl is mixed into the data graph so that sh:class sees
the class hierarchy; no RDFS/OWL inference runs, which keeps a seeds build well under a
second of validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.resources import Ontology, load_ontology, parse_turtle


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: the node at fault, the shape it breaks, and why; `focus`, `path`
    and `value` are the result's IRIs (or literal text), for repairs."""

    node: str
    shape: str
    message: str
    focus: str = ""
    path: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        return f"{self.node}: {self.shape}: {self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    """Whether the graph conforms, and its violations sorted by node and shape."""

    conforms: bool
    violations: tuple[Violation, ...] = ()


@cache
def _shapes(ontology: Ontology) -> tuple[Graph, Graph]:
    """The parsed shapes.ttl and kg.ttl of `ontology` (parsed once per ontology)."""
    return parse_turtle(ontology.shapes_file), parse_turtle(ontology.schema_file)


def _name(node: Node, graph: Graph) -> str:
    """A short name: a CURIE where a prefix is bound, else the IRI."""
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.curie(node, generate=False)
        except (KeyError, ValueError):
            return str(node)
    return str(node)


def _shape_name(shape: Node, shapes: Graph) -> str:
    """Named shapes by name; an anonymous property shape as its node shape and path."""
    if not isinstance(shape, BNode):
        return _name(shape, shapes)
    parent = shapes.value(None, SH.property, shape)
    path = shapes.value(shape, SH.path)
    owner = _name(parent, shapes) if parent is not None else "shape"
    return f"{owner} ({_name(path, shapes)})" if path is not None else owner


def validate_graph(graph: Graph, *, ontology: Ontology | None = None) -> Report:
    """Check `graph` against the ontology's shapes.ttl, with its kg.ttl mixed in."""
    import pyshacl

    shapes, schema = _shapes(ontology or load_ontology())
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        ont_graph=schema,
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    violations = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        text = str(message) if message is not None else "violation"
        if value is not None and value != focus:
            text += f" (value {_name(value, graph)})"
        path = results.value(result, SH.resultPath)
        violations.add(
            Violation(
                _name(focus, graph),
                _shape_name(shape, shapes),
                text,
                str(focus),
                str(path) if isinstance(path, URIRef) else None,
                str(value) if value is not None else None,
            )
        )
    return Report(
        bool(conforms),
        tuple(sorted(violations, key=lambda v: (v.node, v.shape, v.message))),
    )


def check_graph(graph: Graph, *, ontology: Ontology | None = None) -> None:
    """Raise ValidationError naming the first violation (and how many there are)."""
    report = validate_graph(graph, ontology=ontology)
    if not report.conforms:
        first = report.violations[0] if report.violations else "no details"
        more = (
            f" (and {len(report.violations) - 1} more; run kg validate)"
            if len(report.violations) > 1
            else ""
        )
        raise ValidationError(f"graph violates ontology/shapes.ttl: {first}{more}")
