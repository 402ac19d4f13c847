"""Shared fixtures: the ontology and the spaCy pipeline are loaded once per session."""

from __future__ import annotations

import pytest

from helpers import ROOT, asserted
from kg.graph.canonical import canonical_layers
from kg.graph.rdf import assemble
from kg.model import Article
from kg.pipeline.build import build
from kg.resources import Ontology, load_ontology


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture(scope="session")
def nlp(ontology: Ontology):
    from kg.nlp.components import make_nlp

    return make_nlp(ontology)


@pytest.fixture(scope="session")
def extract_text(nlp, ontology):
    """Extract one small text as an article: returns the Extraction."""

    from kg.nlp.extract import extract

    def run(text: str, article_id: str = "t"):
        article = Article(
            id=article_id, title="", text=text, source=f"{article_id}.txt"
        )
        return extract(article, nlp(text), ontology)

    return run


@pytest.fixture(scope="session")
def graph_of(extract_text, ontology):
    """Build the graph of a few small texts (one article each)."""

    def run(*texts: str):
        extractions = [extract_text(t, f"t{i}") for i, t in enumerate(texts)]
        return assemble(canonical_layers(extractions, ontology))

    return run


@pytest.fixture(scope="session")
def seeds_build(nlp, tmp_path_factory):
    """The graph of seeds/, built once, written to a temp folder."""
    from kg.serialize.formats import write_turtle

    result = build(ROOT / "seeds", nlp=nlp)
    out = tmp_path_factory.mktemp("seeds")
    write_turtle(result.graph, out / "graph.ttl")
    return result, out / "graph.ttl"


@pytest.fixture()
def session_pipeline(monkeypatch, nlp):
    """Commands run in this process build with the session's spaCy pipeline (forked into
    workers) instead of loading the model again: for tests of what a command does, not of
    how it loads the model (the tests that run `python -m kg` in a process of its own load
    it the real way)."""
    monkeypatch.setattr("kg.pipeline.local.make_nlp", lambda ontology, model=None: nlp)


@pytest.fixture(scope="session")
def facts_of(graph_of):
    """Asserted (subject, predicate, object) label triples of the graph of some texts."""

    def run(*texts: str) -> set[tuple[str, str, str]]:
        return asserted(graph_of(*texts))

    return run
