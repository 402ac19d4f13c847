"""Shared fixtures: the ontology and the spaCy pipeline are loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Article
from kg.pipeline import Settings, assemble, build, extract
from kg.resources import Ontology, load_ontology

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture(scope="session")
def nlp(ontology: Ontology):
    from kg.nlp import make_nlp

    return make_nlp(ontology)


@pytest.fixture(scope="session")
def extract_text(nlp, ontology):
    """Extract one small text as an article: returns the Extraction."""

    def run(text: str, article_id: str = "t"):
        article = Article(id=article_id, title="", text=text, source=f"{article_id}.txt")
        return extract(article, nlp(text), ontology)

    return run


@pytest.fixture(scope="session")
def graph_of(extract_text, ontology):
    """Build the graph of a few small texts (one article each)."""

    def run(*texts: str):
        extractions = [extract_text(t, f"t{i}") for i, t in enumerate(texts)]
        graph, _, _ = assemble(extractions, ontology)
        return graph

    return run


@pytest.fixture(scope="session")
def seeds_build(nlp, tmp_path_factory):
    """The graph of seeds/, built once, written to a temp folder."""
    from kg.serialize import write_turtle

    result = build([ROOT / "seeds"], Settings(), nlp=nlp)
    out = tmp_path_factory.mktemp("seeds")
    write_turtle(result.graph, out / "graph.ttl")
    return result, out / "graph.ttl"


def asserted(graph) -> set[tuple[str, str, str]]:
    """Asserted facts of a graph as (subject label, predicate, object label or literal)."""
    from rdflib import Literal
    from rdflib.namespace import RDFS

    from kg.vocab import KG

    def name(node) -> str:
        if isinstance(node, Literal):
            return str(node)
        return str(graph.value(node, RDFS.label) or node)

    return {
        (name(s), str(p).removeprefix(str(KG)), name(o))
        for s, p, o in graph
        if str(p).startswith(str(KG)) and str(p).removeprefix(str(KG)) in CORE_PREDICATES
    }


CORE_PREDICATES = {
    "buys", "sells", "delivers", "offers", "operates", "manufactures", "signsAgreementWith",
    "negotiatesWith", "meetsWith", "supports", "opposes", "criticizes", "warns", "sanctions",
    "attacks", "speaksFor", "worksFor", "leaderOf", "memberOf", "locatedIn", "basedIn",
    "capitalOf", "hasRole",
}


@pytest.fixture(scope="session")
def facts_of(graph_of):
    """Asserted (subject, predicate, object) label triples of the graph of some texts."""

    def run(*texts: str) -> set[tuple[str, str, str]]:
        return asserted(graph_of(*texts))

    return run
