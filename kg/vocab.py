"""Namespaces. The ontology namespace is fixed; the data namespaces hang off a configurable base."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KG = Namespace("https://kg.example.org/ontology#")
SCHEMA = Namespace("http://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
DEFAULT_BASE = "https://kg.example.org/"

STANDARD_PREFIXES = {
    "kg": KG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "prov": PROV,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "wd": WD,
}


@dataclass(frozen=True, slots=True)
class DataNamespaces:
    """Where entities, articles, statements and deals live under one base IRI."""

    entity: Namespace
    article: Namespace
    statement: Namespace
    deal: Namespace

    @classmethod
    def for_base(cls, base: str = DEFAULT_BASE) -> DataNamespaces:
        base = base if base.endswith(("/", "#")) else base + "/"
        return cls(
            entity=Namespace(base + "entity/"),
            article=Namespace(base + "article/"),
            statement=Namespace(base + "statement/"),
            deal=Namespace(base + "deal/"),
        )

    def prefixes(self) -> dict[str, Namespace]:
        return {"ent": self.entity, "art": self.article, "stmt": self.statement, "deal": self.deal}
