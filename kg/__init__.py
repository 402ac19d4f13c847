"""kg: turn news articles into a knowledge graph an analyst can trust, query and look at.

Stages: ingest -> clean -> nlp -> entities -> relations -> resolve -> facts -> graph ->
serialize / query / visualize. `build` composes them.
"""

from kg.pipeline import Settings, assemble, build, extract, read_articles
from kg.query import run_query
from kg.resources import load_ontology
from kg.serialize import write_turtle
from kg.visualize import write_html

__all__ = ["Settings", "assemble", "build", "extract", "load_ontology", "read_articles", "run_query", "write_html", "write_turtle"]
__version__ = "0.1.0"
