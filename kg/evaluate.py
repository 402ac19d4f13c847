"""Evaluate: score a graph against a gold annotation (the TSV format of tests/data/seeds.tsv).

Gold rows: E (an entity: canonical name, accepted types, aliases), R (a fact the graph should
state), N (true but peripheral: neither rewarded nor penalised), X (must not be stated), B
(boilerplate that must not become a node). Entities match a node by any of its labels after
folding case, accents and punctuation; a place node named like a metonym ("Ankara" the city)
does not match the state it can stand for. "<item> deal" matches the item or a Deal node whose
label names the item.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from kg.errors import DataFileError
from kg.names import fold
from kg.vocab import KG

CORE = frozenset(
    {
        "buys",
        "sells",
        "delivers",
        "offers",
        "operates",
        "manufactures",
        "signsAgreementWith",
        "negotiatesWith",
        "meetsWith",
        "supports",
        "opposes",
        "criticizes",
        "warns",
        "sanctions",
        "attacks",
        "speaksFor",
        "worksFor",
        "leaderOf",
        "memberOf",
        "locatedIn",
        "basedIn",
        "capitalOf",
        "hasRole",
    }
)
PLACES = frozenset({"Place", "City", "Region", "Facility"})
Fact = tuple[str, str, str]


def norm(text: str) -> str:
    """Fold for matching: accents, case, possessive, punctuation and a leading "the"."""
    return re.sub(r"^the ", "", fold(str(text)))


@dataclass(frozen=True, slots=True)
class Gold:
    """A gold annotation."""

    entities: dict[
        str, tuple[frozenset[str], frozenset[str]]
    ]  # name -> (types, folded names)
    facts: frozenset[Fact]
    neutral: frozenset[Fact]
    forbidden: frozenset[Fact]
    boilerplate: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Scores:
    """What the evaluation measured."""

    precision: float
    recall: float
    f1: float
    entity_recall: float
    duplicate_nodes: int
    type_accuracy: float
    must_not: int
    boilerplate_nodes: int
    per_predicate: dict[str, tuple[int, int]] = field(default_factory=dict)
    missed: tuple[Fact, ...] = ()
    false: tuple[Fact, ...] = ()

    def summary(self) -> str:
        return (
            f"facts_precision={self.precision:.3f} facts_recall={self.recall:.3f} "
            f"facts_f1={self.f1:.3f} "
            f"entities_recall={self.entity_recall:.3f} duplicate_nodes={self.duplicate_nodes} "
            f"type_accuracy={self.type_accuracy:.3f} must_not={self.must_not} "
            f"boilerplate_nodes={self.boilerplate_nodes}"
        )


def read_gold(path: Path) -> Gold:
    """Parse a gold TSV file; a malformed row stops with its line number."""
    entities: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    kinds: dict[str, set[Fact]] = {"R": set(), "N": set(), "X": set()}
    boilerplate: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DataFileError(f"{path}: cannot read ({e.strerror})") from e
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        kind = cols[0]
        if kind == "E" and len(cols) >= 3:
            aliases = [a for a in (cols[3].split("|") if len(cols) > 3 else []) if a]
            entities[cols[1]] = (
                frozenset(cols[2].split("|")),
                frozenset({norm(cols[1]), *map(norm, aliases)}),
            )
        elif kind in kinds and len(cols) >= 4:
            kinds[kind].add((cols[1], cols[2], cols[3]))
        elif kind == "B" and len(cols) >= 2:
            boilerplate.append(norm(cols[1]))
        else:
            raise DataFileError(f"{path}:{number}: unknown or short row {kind!r}")
    return Gold(
        entities,
        frozenset(kinds["R"]),
        frozenset(kinds["N"]),
        frozenset(kinds["X"]),
        tuple(boilerplate),
    )


def _local(term: object) -> str:
    return re.split(r"[#/:]", str(term).rstrip("/#"))[-1]


def evaluate(graph: Graph, gold: Gold) -> Scores:
    """Match the graph's asserted facts and entities against the gold annotation."""
    names: dict[object, set[str]] = defaultdict(set)
    types: dict[object, set[str]] = defaultdict(set)
    for s, p, o in graph:
        if p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) and isinstance(o, Literal):
            names[s].add(norm(o))
        elif p == RDF.type:
            types[s].add(_local(o))
    canonical = {norm(n): n for n in gold.entities}
    alias = {a: n for n, (_, folded) in gold.entities.items() for a in folded}

    def entity(node: object) -> str | None:
        for n in names.get(node, ()):
            if n in canonical:
                return canonical[n]
        for n in names.get(node, ()):
            hit = alias.get(n)
            if hit and not (
                types[node]
                and types[node] <= PLACES
                and not gold.entities[hit][0] & PLACES
            ):
                return hit
        return None

    nodes_of: dict[str, set[object]] = defaultdict(set)
    for node in set(names) | set(types):
        hit = entity(node)
        if hit:
            nodes_of[hit].add(node)
    roles = {(s, o) for s, p, o in gold.facts | gold.neutral if p == "hasRole"}
    deals = sorted(
        {
            o
            for _, _, o in gold.facts | gold.neutral | gold.forbidden
            if o.endswith(" deal") and o.removesuffix(" deal") in gold.entities
        }
    )
    mapped: set[Fact] = set()
    unmapped: set[Fact] = set()
    for s, p, o in graph:
        predicate = (
            _local(p) if isinstance(p, URIRef) and str(p).startswith(str(KG)) else ""
        )
        if predicate not in CORE or isinstance(s, Literal):
            continue
        subject = entity(s)
        if predicate == "hasRole":
            role = next(
                (r for subj, r in roles if subj == subject and norm(r) in norm(o)), None
            )
            (mapped if subject and role else unmapped).add(
                (subject or str(s), predicate, role or str(o))
            )
            continue
        if isinstance(o, Literal):
            continue
        obj = entity(o)
        candidates = [(subject, predicate, obj)] if subject and obj else []
        for deal in deals if subject else ():
            folded = gold.entities[deal.removesuffix(" deal")][1]
            if obj == deal.removesuffix(" deal") or (
                "Deal" in types[o] and any(f in n for f in folded for n in names[o])
            ):
                candidates.append((subject, predicate, deal))  # type: ignore[arg-type]
        fact = next((c for c in candidates if c in gold.facts), None) or next(
            (c for c in candidates if c in gold.neutral), None
        )
        fact = fact or (candidates[0] if candidates else None)
        if fact:
            mapped.add(fact)  # type: ignore[arg-type]
        else:
            unmapped.add((subject or str(s), predicate, obj or str(o)))
    true = mapped & gold.facts
    false = (mapped - gold.facts - gold.neutral) | unmapped
    precision = len(true) / (len(true) + len(false)) if true or false else 0.0
    recall = len(true) / len(gold.facts) if gold.facts else 0.0
    found = {e for e in gold.entities if nodes_of.get(e)}
    typed = {
        e for e in found if any(types[n] & gold.entities[e][0] for n in nodes_of[e])
    }
    per_predicate: dict[str, tuple[int, int]] = {}
    for s, p, o in gold.facts:
        hit, total = per_predicate.get(p, (0, 0))
        per_predicate[p] = (hit + ((s, p, o) in true), total + 1)
    boiler = {
        b for b in gold.boilerplate for ns in names.values() for n in ns if b and b in n
    }
    return Scores(
        precision=precision,
        recall=recall,
        f1=2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        entity_recall=len(found) / len(gold.entities) if gold.entities else 0.0,
        duplicate_nodes=sum(len(nodes_of[e]) - 1 for e in found),
        type_accuracy=len(typed) / len(found) if found else 0.0,
        must_not=len(mapped & gold.forbidden),
        boilerplate_nodes=len(boiler),
        per_predicate=dict(sorted(per_predicate.items())),
        missed=tuple(sorted(gold.facts - true)),
        false=tuple(sorted(false, key=str)),
    )
