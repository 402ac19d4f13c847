"""Helpers the tests share (fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def asserted(graph) -> set[tuple[str, str, str]]:
    """Asserted facts of a graph as (subject label, predicate, object label or literal)."""
    from rdflib import Literal
    from rdflib.namespace import RDFS

    from kg.evaluate import CORE
    from kg.vocab import KG

    def name(node) -> str:
        if isinstance(node, Literal):
            return str(node)
        return str(graph.value(node, RDFS.label) or node)

    return {
        (name(s), str(p).removeprefix(str(KG)), name(o))
        for s, p, o in graph
        if str(p).startswith(str(KG)) and str(p).removeprefix(str(KG)) in CORE
    }


def read_articles(paths, ontology, *, on_error, **settings):
    """The articles of files and folders, as every build reads them."""
    from kg.ingest.read import Inputs, read_inputs
    from kg.settings import Settings

    return read_inputs(
        Inputs(paths=tuple(paths)), ontology, Settings(**settings), on_error=on_error
    )


ENT = "https://kg.example.org/entity/"


def make_graph(
    entities: dict[str, str],
    facts: list[tuple],
    *,
    labels: dict[str, str] | None = None,
) -> object:
    """entities: key -> class; facts: (s, predicate, o, modality, confidence[, sentence])."""
    from rdflib import RDF, RDFS, Graph, Literal, URIRef
    from rdflib.namespace import PROV, XSD

    from kg.vocab import KG

    graph = Graph()
    for key, cls in entities.items():
        node = URIRef(ENT + key)
        graph.add((node, RDF.type, KG[cls]))
        graph.add((node, RDFS.label, Literal((labels or {}).get(key, key.title()))))
    for i, (s, p, o, modality, confidence, *sentence) in enumerate(facts):
        subject, obj = URIRef(ENT + s), URIRef(ENT + o)
        if modality == "asserted":
            graph.add((subject, KG[p], obj))
        st = URIRef(f"https://kg.example.org/statement/{i}")
        graph.add((st, RDF.type, KG.Statement))
        graph.add((st, RDF.subject, subject))
        graph.add((st, RDF.predicate, KG[p]))
        graph.add((st, RDF.object, obj))
        graph.add((st, KG.modality, Literal(modality)))
        graph.add((st, KG.confidence, Literal(str(confidence), datatype=XSD.decimal)))
        graph.add(
            (st, KG.sentence, Literal(sentence[0] if sentence else f"{s} {p} {o}."))
        )
        graph.add(
            (st, PROV.wasDerivedFrom, URIRef("https://kg.example.org/article/a1"))
        )
    return graph


def star(n: int):
    """A hub country bought from by n - 1 buyers, each with a person speaking for it."""
    entities = (
        {"hub": "WeaponSystem"}
        | {f"c{i}": "Country" for i in range(n // 2)}
        | {f"p{i}": "Person" for i in range(n - 1 - n // 2)}
    )
    facts = [(f"c{i}", "buys", "hub", "asserted", 0.9) for i in range(n // 2)]
    facts += [
        (f"p{i}", "speaksFor", f"c{i % (n // 2)}", "asserted", 0.8)
        for i in range(n - 1 - n // 2)
    ]
    return make_graph(entities, facts)


def tangle(n: int, *, seed: int = 5):
    """n countries with random relations among them, both ways round (a graph whose layout
    must not depend on the order anything arrives in)."""
    import random

    rng = random.Random(seed)
    entities = {f"c{i}": "Country" for i in range(n)}
    predicates = ["supports", "opposes", "negotiatesWith", "warns"]
    facts = []
    for _ in range(2 * n):
        a, b = rng.sample(range(n), 2)
        facts.append((f"c{a}", rng.choice(predicates), f"c{b}", "asserted", 0.9))
    return make_graph(entities, facts)


def assert_types(mentions, present, absent, ontology) -> None:
    """(name, class) pairs a text's mentions must and must not have; a subclass of the
    expected class counts ("Company" is an "Organization")."""
    found = {(m.name, m.label) for m in mentions}
    for name, cls in present:
        assert any(n == name and ontology.is_a(c, (cls,)) for n, c in found), (
            name,
            cls,
            found,
        )
    for name, cls in absent:
        assert (name, cls) not in found, (name, cls, found)


def assert_facts(facts, expected, forbidden) -> None:
    """Facts a text must give and must not give."""
    assert expected <= facts, f"missing {sorted(expected - facts)}; got {sorted(facts)}"
    assert not (forbidden & facts), f"asserted {sorted(forbidden & facts)}"
