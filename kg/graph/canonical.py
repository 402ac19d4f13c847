"""Canonical layers: the extractions of all articles resolved into one set of entities,
deals and facts (every reading), before anything is RDF.

This is kg.graph's input to both writers: the rdflib graph of `kg.graph.rdf` and the
streamed N-Quads of `kg.serialize.stream`, so the two give the same triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.graph.facts import (
    CanonicalDeal,
    Fact,
    canonical_deals,
    canonical_facts,
    fact_spans,
    infer_speaks_for,
    symmetric_closure,
)
from kg.graph.resolve import resolve_entities
from kg.model import Entity, Extraction
from kg.resources import Ontology


@dataclass(frozen=True, slots=True)
class Layers:
    """What the graph of a set of extractions holds, before it is RDF: the articles (by
    id), canonical entities, deals, facts (every reading), credits (article id, entity) and
    the places datelines say stories were filed from (article id, entity)."""

    extractions: list[Extraction]
    entities: dict[str, Entity]
    deals: dict[str, CanonicalDeal]
    facts: list[Fact]
    credits: list[tuple[str, str]]
    filed: list[tuple[str, str]] = field(
        default_factory=list
    )  # article, dateline place

    @property
    def names(self) -> dict[str, str]:
        return {key: entity.name for key, entity in self.entities.items()}

    @property
    def asserted(self) -> int:
        return sum(1 for f in self.facts if f.modality == "asserted")


def canonical_layers(extractions: list[Extraction], ontology: Ontology) -> Layers:
    """Resolve entities across articles, then canonical deals and facts (kg.graph.rdf's input,
    shared by the rdflib graph and the streamed N-Quads of kg.serialize.stream)."""
    extractions = sorted(
        extractions, key=lambda e: e.article.id
    )  # same graph in any order
    resolution = resolve_entities(extractions, ontology)
    deals, deal_key = canonical_deals(extractions, resolution)
    facts = canonical_facts(extractions, resolution, deal_key, ontology)
    facts = fact_spans(
        symmetric_closure(facts + infer_speaks_for(extractions, resolution, facts))
    )
    credits = sorted(
        {
            (e.article.id, resolution.key_of[(e.article.id, i)])
            for e in extractions
            for i, m in enumerate(e.mentions)
            if m.rule == "credit"
            and (e.article.id, i) in resolution.key_of
            and resolution.entities[resolution.key_of[(e.article.id, i)]].cls
            == "MediaOrganization"
        }
    )
    filed = sorted(
        {
            (e.article.id, resolution.key_of[(e.article.id, i)])
            for e in extractions
            for i, m in enumerate(e.mentions)
            if m.rule == "dateline" and (e.article.id, i) in resolution.key_of
        }
    )
    return Layers(extractions, resolution.entities, deals, facts, credits, filed)
