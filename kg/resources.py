"""Locate, load and check the data files under ontology/: one place for every path.

The files are strict: a malformed line stops the run with its file and line number, because a
silently skipped gazetteer entry or rule would change the graph without anyone noticing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import DataFileError

DEFAULT_ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A known entity: a country, capital, city, organisation, outlet, product or seat."""

    id: str
    name: str
    cls: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    wikidata: str | None = None
    geonames: int | None = None
    capital: str | None = None  # id of the capital city (countries)
    capital_of: str | None = None  # id of the country (capital cities)
    seat_of: str | None = None  # id of the country (seats of government)
    country: str | None = None  # id of the country it belongs to or comes from
    manufacturer: str | None = None  # maker's name (products)


@dataclass(frozen=True, slots=True)
class Rule:
    """A relation rule from relations.jsonl (see ontology/README.md for the fields)."""

    id: str
    predicate: str
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    subject: tuple[str, ...]
    object: tuple[str, ...]
    subject_classes: tuple[str, ...]
    object_classes: tuple[str, ...]
    confidence: float
    seller: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    symmetric: bool = False
    deal: bool = False
    object_is_deal: bool = False
    literal: bool = False  # arguments must be named: no group nouns or pronouns
    forbids: tuple[str, ...] = ()  # paths that must not exist ("hit X with sanctions" is no attack)


@dataclass(frozen=True, slots=True, eq=False)
class Ontology:
    """Every data file of ontology/, loaded once (hashed by identity, so caches can key on it)."""

    directory: Path
    gazetteer: tuple[GazetteerEntry, ...]
    rules: tuple[Rule, ...]
    label_map: dict[str, str]
    lexicon: dict[str, Any]
    roles: dict[str, Any]
    cleaning: dict[str, Any]
    entity_patterns: tuple[dict[str, Any], ...]
    by_id: dict[str, GazetteerEntry]
    ancestors: dict[str, frozenset[str]]
    bounds: dict[str, tuple[str | None, str | None]]  # property -> (domain, range) in kg.ttl

    def entry(self, entity_id: str | None) -> GazetteerEntry | None:
        """Return the gazetteer entry with this id, if any."""
        return self.by_id.get(entity_id) if entity_id else None

    def is_a(self, cls: str, wanted: tuple[str, ...] | frozenset[str]) -> bool:
        """Is `cls` one of `wanted` or a subclass of one of them?"""
        return bool(self.ancestors.get(cls, frozenset({cls})) & set(wanted))

    def fits(self, predicate: str, subject_cls: str, object_cls: str | None) -> bool:
        """Do the classes fit the predicate's rdfs:domain and rdfs:range in kg.ttl?"""
        domain, range_ = self.bounds.get(predicate, (None, None))
        if domain and not self.is_a(subject_cls, (domain,)):
            return False
        return not (range_ and object_cls is not None and not self.is_a(object_cls, (range_,)))

    def words(self, name: str) -> frozenset[str]:
        """Return a word list of lexicon.json as a set."""
        return frozenset(self.lexicon[name])


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; raise DataFileError on bad JSON."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DataFileError(f"{path}: cannot read ({e.strerror})") from e
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            raise DataFileError(f"{path}:{number}: invalid JSON ({e.msg})") from e
        if not isinstance(value, dict):
            raise DataFileError(f"{path}:{number}: expected a JSON object")
        yield number, value


def read_json(path: Path) -> Any:
    """Read one JSON file; raise DataFileError naming the file on any problem."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise DataFileError(f"{path}: cannot read ({e.strerror})") from e
    except json.JSONDecodeError as e:
        raise DataFileError(f"{path}:{e.lineno}: invalid JSON ({e.msg})") from e


def _tuple(value: Any, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise DataFileError(f"{where}: field {field!r} must be a string or a list of strings")


def _gazetteer_entry(obj: dict[str, Any], where: str) -> GazetteerEntry:
    for required in ("id", "name", "class"):
        if not isinstance(obj.get(required), str) or not obj[required]:
            raise DataFileError(f"{where}: missing string field {required!r}")
    capital = obj.get("capital")
    return GazetteerEntry(
        id=obj["id"],
        name=obj["name"],
        cls=obj["class"],
        aliases=_tuple(obj.get("aliases"), where, "aliases"),
        demonyms=_tuple(obj.get("demonyms"), where, "demonyms"),
        wikidata=obj.get("wikidata"),
        geonames=obj.get("geonames"),
        capital=capital["id"] if isinstance(capital, dict) else capital,
        capital_of=obj.get("capitalOf"),
        seat_of=obj.get("seatOf"),
        country=obj.get("country"),
        manufacturer=obj.get("manufacturer"),
    )


def load_gazetteer(directory: Path) -> tuple[GazetteerEntry, ...]:
    """Load every gazetteer/*.jsonl file; ids must be unique across files."""
    entries: dict[str, GazetteerEntry] = {}
    files = sorted((directory / "gazetteer").glob("*.jsonl"))
    if not files:
        raise DataFileError(f"{directory / 'gazetteer'}: no *.jsonl gazetteer files")
    for path in files:
        for number, obj in read_jsonl(path):
            where = f"{path}:{number}"
            entry = _gazetteer_entry(obj, where)
            if entry.id in entries:
                raise DataFileError(f"{where}: duplicate gazetteer id {entry.id!r}")
            entries[entry.id] = entry
    return tuple(entries[k] for k in sorted(entries))


def load_rules(path: Path, *, predicates: frozenset[str]) -> tuple[Rule, ...]:
    """Load relations.jsonl; every predicate must be declared in kg.ttl."""
    rules: list[Rule] = []
    seen: set[str] = set()
    for number, obj in read_jsonl(path):
        where = f"{path}:{number}"
        for required in ("id", "predicate", "lemmas"):
            if required not in obj:
                raise DataFileError(f"{where}: missing field {required!r}")
        if obj["id"] in seen:
            raise DataFileError(f"{where}: duplicate rule id {obj['id']!r}")
        seen.add(obj["id"])
        if obj["predicate"] not in predicates:
            raise DataFileError(
                f"{where}: unknown predicate {obj['predicate']!r}; "
                f"declared in kg.ttl: {', '.join(sorted(predicates))}"
            )
        rules.append(
            Rule(
                id=obj["id"],
                predicate=obj["predicate"],
                lemmas=_tuple(obj["lemmas"], where, "lemmas"),
                pos=_tuple(obj.get("pos", ["VERB"]), where, "pos"),
                subject=_tuple(obj.get("subject", ["nsubj"]), where, "subject"),
                object=_tuple(obj.get("object", ["dobj"]), where, "object"),
                subject_classes=_tuple(obj.get("subject_classes", ["Agent"]), where, "subject_classes"),
                object_classes=_tuple(obj.get("object_classes", ["Agent"]), where, "object_classes"),
                confidence=float(obj.get("confidence", 0.8)),
                seller=_tuple(obj.get("seller"), where, "seller"),
                recipient=_tuple(obj.get("recipient"), where, "recipient"),
                requires=_tuple(obj.get("requires"), where, "requires"),
                symmetric=bool(obj.get("symmetric", False)),
                deal=bool(obj.get("deal", False)),
                object_is_deal=bool(obj.get("object_is_deal", False)),
                literal=bool(obj.get("literal", False)),
                forbids=_tuple(obj.get("forbids"), where, "forbids"),
            )
        )
    return tuple(rules)


def _ontology_graph(directory: Path) -> Any:
    from rdflib import Graph

    graph = Graph()
    path = directory / "kg.ttl"
    try:
        graph.parse(path, format="turtle")
    except Exception as e:  # rdflib raises many parser types
        raise DataFileError(f"{path}: cannot parse ({e})") from e
    return graph


def _local(term: Any) -> str:
    return str(term).rsplit("#", 1)[-1]


def declared_terms(graph: Any) -> frozenset[str]:
    """Local names of the classes and properties declared in kg.ttl."""
    from rdflib import OWL, RDF

    names = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in graph.subjects(RDF.type, kind):
            names.add(_local(term))
    return frozenset(names)


def property_bounds(graph: Any) -> dict[str, tuple[str | None, str | None]]:
    """Each object property of kg.ttl with the local names of its rdfs:domain and rdfs:range."""
    from rdflib import OWL, RDF, RDFS

    bounds: dict[str, tuple[str | None, str | None]] = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in graph.subjects(RDF.type, kind):
            domain = graph.value(prop, RDFS.domain)
            range_ = graph.value(prop, RDFS.range) if kind == OWL.ObjectProperty else None
            bounds[_local(prop)] = (_local(domain) if domain else None, _local(range_) if range_ else None)
    return bounds


def class_ancestors(graph: Any) -> dict[str, frozenset[str]]:
    """Each class of kg.ttl with itself and all its superclasses (local names)."""
    from rdflib import OWL, RDF, RDFS

    parents: dict[str, set[str]] = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        parents.setdefault(_local(cls), set())
        for parent in graph.objects(cls, RDFS.subClassOf):
            if str(parent).startswith(str(cls).rsplit("#", 1)[0]):
                parents[_local(cls)].add(_local(parent))

    def up(name: str) -> frozenset[str]:
        seen = {name}
        todo = [name]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return frozenset(seen)

    return {name: up(name) for name in parents}


@cache
def load_ontology(directory: Path = DEFAULT_ONTOLOGY_DIR) -> Ontology:
    """Load and cross-check every file under `directory` (cached per directory)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise DataFileError(f"{directory}: ontology directory not found")
    graph = _ontology_graph(directory)
    terms = declared_terms(graph)
    label_map = read_json(directory / "label_map.json")
    for label, cls in label_map.items():
        if cls not in terms:
            raise DataFileError(f"{directory / 'label_map.json'}: {label} maps to undeclared class {cls!r}")
    gazetteer = load_gazetteer(directory)
    for entry in gazetteer:
        if entry.cls not in terms:
            raise DataFileError(f"gazetteer entry {entry.id!r}: undeclared class {entry.cls!r}")
    patterns = tuple(obj for _, obj in read_jsonl(directory / "entity_patterns.jsonl"))
    return Ontology(
        directory=directory,
        gazetteer=gazetteer,
        rules=load_rules(directory / "relations.jsonl", predicates=terms),
        label_map=label_map,
        lexicon=read_json(directory / "lexicon.json"),
        roles=read_json(directory / "roles.json"),
        cleaning=read_json(directory / "cleaning.json"),
        entity_patterns=patterns,
        by_id={e.id: e for e in gazetteer},
        ancestors=class_ancestors(graph),
        bounds=property_bounds(graph),
    )
