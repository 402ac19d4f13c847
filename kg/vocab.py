"""Namespaces and IRIs. The ontology namespace is fixed; the data namespaces hang off a
configurable base, and every data IRI kg writes is minted by `mint_iri`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import KGError
from kg.settings import DEFAULT_BASE

KG = Namespace("https://kg.example.org/ontology#")
SCHEMA = Namespace("http://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

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

# An absolute IRI (RFC 3987): a scheme, then no character that IRIs forbid anywhere.
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]+")


def iri_segment(key: str) -> str:
    """One path segment that any strict parser accepts: RFC 3986 unreserved characters
    (letters, digits, `-._~`) stay as they are, everything else is percent-encoded UTF-8.

    Slugs such as "recep-tayyip-erdogan" come out unchanged, so IRIs stay readable; "." and
    ".." are encoded too, as a parser may treat them as dot-segments.
    """
    if not key:
        raise ValueError("an IRI segment cannot be empty")
    segment = quote(key, safe="", errors="surrogatepass")
    return segment.replace(".", "%2E") if segment in (".", "..") else segment


def mint_iri(namespace: str, key: str) -> URIRef:
    """The IRI of `key` in `namespace`: the one place where kg turns a key into an IRI."""
    return URIRef(namespace + iri_segment(key))


def check_base(base: str) -> str:
    """`base` ending in "/" or "#", or a KGError if it is not an absolute IRI."""
    if not _ABSOLUTE_IRI.fullmatch(base):
        raise KGError(
            f"base IRI {base!r} is not an absolute IRI (like https://kg.example.org/)"
        )
    return base if base.endswith(("/", "#")) else base + "/"


@dataclass(frozen=True, slots=True)
class DataNamespaces:
    """Where entities, articles, statements and deals live under one base IRI."""

    entity: Namespace
    article: Namespace
    statement: Namespace
    deal: Namespace

    @classmethod
    def for_base(cls, base: str = DEFAULT_BASE) -> DataNamespaces:
        base = check_base(base)
        return cls(
            entity=Namespace(base + "entity/"),
            article=Namespace(base + "article/"),
            statement=Namespace(base + "statement/"),
            deal=Namespace(base + "deal/"),
        )

    def prefixes(self) -> dict[str, Namespace]:
        return {
            "ent": self.entity,
            "art": self.article,
            "stmt": self.statement,
            "deal": self.deal,
        }

    def entity_iri(self, key: str) -> URIRef:
        return mint_iri(self.entity, key)

    def article_iri(self, article_id: str) -> URIRef:
        return mint_iri(self.article, article_id)

    def statement_iri(self, key: str) -> URIRef:
        return mint_iri(self.statement, key)

    def deal_iri(self, key: str) -> URIRef:
        return mint_iri(self.deal, key)
