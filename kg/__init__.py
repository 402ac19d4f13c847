"""kg: turn news articles into a knowledge graph an analyst can trust, query and look at.

The pipeline: ingest (files, corpora, texts -> cleaned articles) -> nlp (spaCy: entities,
relations, roles) -> graph (canonical entities and facts, RDF, SHACL) -> serialize (files),
sparql (queries, endpoint), viz (HTML network). The command line is a thin layer over this
API:

    >>> import kg
    >>> graph = kg.build("seeds")                      # files or folders
    >>> graph = kg.build(texts=["Turkey bought the S-400 from Russia."])
    >>> graph.query("who-buys-what", buyer="Turkey").rows
    >>> graph.to_networkx(), graph.graph               # networkx, rdflib
    >>> graph.write("output", formats=["ttl", "graphml"])
    >>> kg.load("output")                              # a build written before

Names are imported on first use, so `import kg` does not load spaCy (nor rdflib).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "build": "kg.pipeline.build",
    "load": "kg.pipeline.build",
    "remove": "kg.pipeline.build",
    "Build": "kg.pipeline.build",
    "Settings": "kg.settings",
    "KGError": "kg.errors",
    "load_ontology": "kg.resources",
    "read_graph": "kg.serialize.read",
    "write_html": "kg.viz.page",
    "QueryResult": "kg.sparql.query",
}
__all__ = [
    "Build",
    "KGError",
    "QueryResult",
    "Settings",
    "build",
    "load",
    "load_ontology",
    "read_graph",
    "remove",
    "write_html",
]

if TYPE_CHECKING:
    from kg.errors import KGError
    from kg.pipeline.build import Build, build, load, remove
    from kg.resources import load_ontology
    from kg.serialize.read import read_graph
    from kg.settings import Settings
    from kg.sparql.query import QueryResult
    from kg.viz.page import write_html


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
