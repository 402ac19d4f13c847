"""Checking an ontology folder: every file a build or a query reads, loaded and
cross-checked, so that a broken file stops `kg check` (with its file and line) rather than a
build half-way through."""

from __future__ import annotations

from pathlib import Path

from kg.resources import load_ontology
from kg.sparql.named import named_queries


def check_ontology(directory: Path | str | None = None) -> str:
    """Load every file of the ontology folder; return a one-line summary.

    Raises DataFileError or QueryError naming the file (and line) at fault.
    """
    ontology = load_ontology(directory)
    queries = named_queries(ontology.queries_dir)
    return (
        f"{len(ontology.gazetteer)} gazetteer entries, {len(ontology.rules)} relation rules, "
        f"{len(ontology.entity_patterns)} entity patterns, {len(ontology.titles.heads)} job "
        f"titles, {len(queries)} named queries"
    )
