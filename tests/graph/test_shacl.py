"""SHACL: the seeds graph conforms, each kind of damage is caught and named, builds fail loudly."""

import shutil
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS
from typer.testing import CliRunner

from helpers import ROOT, asserted
from kg.cli import app
from kg.errors import ValidationError
from kg.graph.shacl import check_graph, validate_graph
from kg.pipeline.build import Settings, build
from kg.resources import load_ontology
from kg.serialize.formats import write_turtle
from kg.vocab import KG

runner = CliRunner()
TEXT = "Turkey bought S-400 missiles from Russia in 2017, Foreign Minister Mevlut Cavusoglu said."


def test_seeds_graph_conforms(seeds_build):
    result, _ = seeds_build
    report = validate_graph(result.graph)
    assert report.conforms, "\n".join(map(str, report.violations))


@pytest.fixture(scope="module")
def small(graph_of):
    graph = graph_of(TEXT)
    assert validate_graph(graph).conforms
    return graph


def _statement(graph, predicate=KG.buys):
    return next(
        s
        for s in graph.subjects(RDF.predicate, predicate)
        if graph.value(s, KG.modality) == Literal("asserted")
    )


def _entity(graph, label):
    return next(graph.subjects(RDFS.label, Literal(label)))


def _set(node_of, prop, value):
    def damage(graph):
        graph.set((node_of(graph), prop, value))

    return damage


def _drop(node_of, prop):
    def damage(graph):
        graph.remove((node_of(graph), prop, None))

    return damage


def _add(node_of, prop, value):
    def damage(graph):
        graph.add((node_of(graph), prop, value(graph) if callable(value) else value))

    return damage


def _unbacked(graph):
    st = _statement(graph)
    graph.remove((graph.value(st, RDF.subject), KG.buys, graph.value(st, RDF.object)))


def _unsupported(graph):
    graph.add((_entity(graph, "Russia"), KG.sanctions, _entity(graph, "Turkey")))


def _two_buyers(graph):
    deal = next(graph.subjects(RDF.type, KG.Deal))
    graph.add((deal, KG.buyer, _entity(graph, "Russia")))
    graph.add((deal, KG.buyer, _entity(graph, "Turkey")))


@pytest.mark.parametrize(
    ("damage", "shape"),
    [
        (
            _set(_statement, KG.confidence, Literal(Decimal("1.5"))),
            "kg:StatementShape-confidence",
        ),
        (
            _set(_statement, KG.confidence, Literal("0.9")),
            "kg:StatementShape-confidence",
        ),
        (_set(_statement, KG.modality, Literal("maybe")), "kg:StatementShape-modality"),
        (
            _add(_statement, KG.modality, Literal("hedged")),
            "kg:StatementShape-modality",
        ),
        (_set(_statement, KG.startChar, Literal(10_000)), "kg:StatementShape-start"),
        (_drop(_statement, KG.rule), "kg:StatementShape-rule"),
        (_drop(_statement, PROV.wasDerivedFrom), "kg:StatementShape-source"),
        (
            _set(
                _statement,
                PROV.wasDerivedFrom,
                URIRef("https://kg.example.org/article/nowhere"),
            ),
            "kg:StatementShape-source",
        ),
        (_drop(_statement, KG.sentence), "kg:StatementShape-sentence"),
        (_set(_statement, RDF.predicate, KG.none), "kg:StatementShape-predicate"),
        (_unbacked, "kg:UnbackedStatementShape"),
        (_unsupported, "kg:UnsupportedFactShape"),
        (
            _add(lambda g: _entity(g, "Turkey"), RDFS.label, Literal("Türkiye")),
            "kg:EntityShape-label",
        ),
        (_drop(lambda g: _entity(g, "Turkey"), RDF.type), "kg:EntityShape-type"),
        (
            _add(lambda g: _entity(g, "Turkey"), RDF.type, KG.Person),
            "kg:EntityShape-type",
        ),
        (
            _add(lambda g: _entity(g, "Turkey"), KG.hasRole, Literal("President")),
            "kg:PersonFactShape",
        ),
        (
            _add(lambda g: _entity(g, "Mevlut Cavusoglu"), KG.hasRole, Literal(3)),
            "kg:PersonFactShape (kg:hasRole)",
        ),
        (
            _add(
                lambda g: _entity(g, "Turkey"), KG.buys, lambda g: _entity(g, "Russia")
            ),
            "kg:AgentFactShape (kg:buys)",
        ),
        (_two_buyers, "kg:DealShape (kg:buyer)"),
    ],
)
def test_each_kind_of_damage_is_named(small, damage, shape):
    graph = Graph() + small  # a copy, with the prefixes that name nodes in messages
    damage(graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert shape in {v.shape for v in report.violations}, report.violations


def test_check_graph_names_the_node_and_the_shape(small):
    graph = Graph() + small
    graph.set((_statement(graph), KG.confidence, Literal(Decimal("1.5"))))
    with pytest.raises(
        ValidationError, match=r"stmt:\w+: kg:StatementShape-confidence: "
    ):
        check_graph(graph)


def test_validate_command(small, tmp_path):
    good = tmp_path / "good.ttl"
    write_turtle(small, good)
    result = runner.invoke(app, ["validate", str(good)])
    assert result.exit_code == 0 and result.stdout.strip() == "conforms"
    bad_graph = Graph() + small
    bad_graph.set((_statement(bad_graph), KG.confidence, Literal(Decimal("2"))))
    bad = tmp_path / "bad.ttl"
    write_turtle(bad_graph, bad)
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert (
        result.stdout.startswith("stmt:")
        and "kg:StatementShape-confidence" in result.stdout
    )
    assert "1 SHACL violations" in result.output


def _unquoted_statements_break_a_shape(tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    with (ontology / "shapes.ttl").open("a", encoding="utf-8") as shapes:
        shapes.write(
            "\nkg:EveryStatementQuoted a sh:NodeShape ; sh:targetClass kg:Statement ;\n"
            "    sh:property [ sh:path kg:speaker ; sh:minCount 1 ] .\n"
        )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Turkey bought S-400 missiles from Russia.", encoding="utf-8"
    )
    (folder / "b.txt").write_text(
        "Poland bought Patriot missiles from the United States, Defence Minister Mariusz "
        "Blaszczak said.",
        encoding="utf-8",
    )
    return ontology, folder


def test_a_reading_that_breaks_a_shape_is_left_out_and_reported(nlp, tmp_path):
    ontology, folder = _unquoted_statements_break_a_shape(tmp_path)
    result = build(folder, Settings(ontology_dir=ontology), nlp=nlp)
    assert result.repairs and all(
        "kg:EveryStatementQuoted (kg:speaker)" in r for r in result.repairs
    )
    assert any(
        r.startswith(f"{folder / 'a.txt'}: the reading Turkey buys S-400")
        for r in result.repairs
    )
    assert "conforms after leaving out" in result.checked and not result.unrepaired
    assert ("Turkey", "buys", "S-400") not in asserted(result.graph)
    assert ("Poland", "buys", "Patriot") in asserted(result.graph)  # quoted: it stays
    assert validate_graph(result.graph, ontology=load_ontology(ontology)).conforms
    result.write(tmp_path / "out")
    report = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert "left out: " in report and "Turkey buys S-400" in report


def test_strict_fails_on_a_reading_that_breaks_a_shape(nlp, tmp_path):
    ontology, folder = _unquoted_statements_break_a_shape(tmp_path)
    with pytest.raises(
        ValidationError, match=r"kg:EveryStatementQuoted \(kg:speaker\)"
    ):
        build(folder, Settings(ontology_dir=ontology, strict=True), nlp=nlp)


def test_two_readings_of_one_sentence_are_two_statements(nlp, tmp_path):
    """One sentence, one fact, two speakers and reporting verbs: two kg:Statements."""
    (tmp_path / "a.txt").write_text(
        "Canada's ambassador, Yves Fortier, said the resolution contained a one-sided "
        "account, and Fortier added that Canada would vote against it.",
        encoding="utf-8",
    )
    result = build(tmp_path / "a.txt", nlp=nlp)
    assert not result.repairs and not result.unrepaired


@pytest.mark.parametrize("command", ["validate", "remove"])
def test_new_commands_have_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_a_repair_checks_again_only_the_chunks_it_changed(extract_text, ontology):
    from kg.graph.canonical import canonical_layers
    from kg.graph.check import validate_layers
    from kg.vocab import DEFAULT_BASE

    texts = {
        "a": "Turkey bought S-400 missiles from Russia.",
        "b": "Poland bought Patriot missiles from the United States.",
        "c": "India signed a deal with France for Rafale jets.",
    }
    layers = canonical_layers(
        [extract_text(t, key) for key, t in texts.items()], ontology
    )
    whole, chunks = validate_layers(layers, ontology, base=DEFAULT_BASE, size=1)
    assert whole.conforms and chunks > 3  # one chunk per article, then entity records
    poland = next(k for k, e in layers.entities.items() if e.name == "Poland")
    report, again = validate_layers(
        layers, ontology, base=DEFAULT_BASE, size=1, touching=({"b"}, {poland})
    )
    # the chunk of article b and the entity chunk holding Poland's record
    assert report.conforms and again == 2
