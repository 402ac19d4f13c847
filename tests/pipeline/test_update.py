"""Incremental builds: build(A) then update(B) equals build(A ∪ B); removing B gives
back build(A)."""

import shutil
from dataclasses import replace

import pytest
from rdflib import Literal
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import PROV, RDF
from typer.testing import CliRunner

from helpers import ROOT
from kg.cli import app
from kg.errors import ArticleError, KGError
from kg.pipeline.build import Settings, build, remove
from kg.serialize.extractions import FILE_NAME, load_extractions, save_extractions
from kg.serialize.formats import turtle_bytes
from kg.vocab import KG


def _assert_same(got, want):
    """Isomorphic (with a readable diff when not), then byte-identical Turtle."""
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(got, want)
        pytest.fail(
            f"only in result:\n{only_got.serialize(format='nt')}\nonly "
            f"expected:\n{only_want.serialize(format='nt')}"
        )
    assert turtle_bytes(got) == turtle_bytes(want)


@pytest.fixture(scope="module")
def halves(tmp_path_factory):
    """seeds/ split into two folders: A (three files, four stories) and B (two files)."""
    root = tmp_path_factory.mktemp("halves")
    files = sorted((ROOT / "seeds").glob("*.txt"))
    for folder, part in (("A", files[:3]), ("B", files[3:])):
        (root / folder).mkdir()
        for file in part:
            shutil.copy(file, root / folder / file.name)
    return root / "A", root / "B"


@pytest.fixture(scope="module")
def builds(nlp, halves, tmp_path_factory):
    a_dir, b_dir = halves
    full = build([a_dir, b_dir], nlp=nlp)
    only_a = build([a_dir], nlp=nlp)
    store = tmp_path_factory.mktemp("store")
    save_extractions(store, only_a.extractions, base=Settings().base)
    updated = build([b_dir], nlp=nlp, keep=load_extractions(store).extractions)
    return full, only_a, updated


def test_update_equals_building_everything_at_once(builds):
    full, _, updated = builds
    assert updated.read == 2 and len(updated.extractions) == len(full.extractions) == 6
    _assert_same(updated.graph, full.graph)
    assert (
        updated.extractions == full.extractions
    )  # the store round-trips every record exactly


def test_removing_b_gives_back_build_of_a(builds, halves):
    _, only_a, updated = builds
    _, b_dir = halves
    b_ids = sorted(
        {e.article.id for e in updated.extractions}
        - {e.article.id for e in only_a.extractions}
    )
    back = remove([str(b_dir / f"{b_ids[0]}.txt"), b_ids[1]], updated.extractions)
    assert back.read == 2
    _assert_same(back.graph, only_a.graph)


def _sources(graph):
    """Asserted facts -> the articles whose statements support them."""
    found: dict[tuple, set] = {}
    for st in graph.subjects(KG.modality, Literal("asserted")):
        fact = (
            graph.value(st, RDF.subject),
            graph.value(st, RDF.predicate),
            graph.value(st, RDF.object),
        )
        found.setdefault(fact, set()).add(graph.value(st, PROV.wasDerivedFrom))
    return found


def test_withdrawn_sources_leave_shared_facts_and_take_their_own(builds):
    full, only_a, _ = builds
    a_articles = set(only_a.graph.subjects(RDF.type, KG.Article))
    before, after = _sources(full.graph), _sources(only_a.graph)
    shared = [
        f
        for f, arts in before.items()
        if arts & a_articles and arts - a_articles and f in after
    ]
    only_b = [f for f, arts in before.items() if not arts & a_articles]
    assert shared and only_b
    for fact in shared:
        assert fact in only_a.graph and after[fact] == before[fact] & a_articles
    for fact in only_b:
        assert fact not in only_a.graph and fact not in after


def test_an_article_read_again_replaces_its_stored_version(nlp, halves, builds):
    full, only_a, _ = builds
    a_dir, _ = halves
    a_ids = {e.article.id for e in only_a.extractions}
    stale = [
        replace(e, article=replace(e.article, title="stale"), relations=())
        if e.article.id in a_ids
        else e
        for e in full.extractions
    ]
    again = build([a_dir], nlp=nlp, keep=stale)
    _assert_same(again.graph, full.graph)


def test_removing_an_unknown_article_is_an_error(builds):
    full, _, _ = builds
    with pytest.raises(ArticleError, match="no article 'nope'"):
        remove(["nope"], full.extractions)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("", r"extractions.jsonl:1: not a kg-extractions file"),
        (
            '{"format": "kg-extractions", "version": 99}\n',
            r":1: not a kg-extractions file of version 1",
        ),
        (
            '{"format": "kg-extractions", "version": 1}\n{"article": \n',
            r"extractions.jsonl:2: not JSON",
        ),
        (
            '{"format": "kg-extractions", "version": 1}\n{"mentions": []}\n',
            r"extractions.jsonl:2: not an extraction record",
        ),
        (
            '{"format": "kg-extractions", "version": 1}\n{"article": {"id": "a", "colour": 1}}\n',
            r":2: not an extraction record",
        ),
    ],
)
def test_a_damaged_store_is_reported_with_its_line(tmp_path, content, error):
    (tmp_path / FILE_NAME).write_text(content, encoding="utf-8")
    with pytest.raises(KGError, match=error):
        load_extractions(tmp_path)


def test_update_of_a_folder_without_a_store_is_an_error(tmp_path):
    with pytest.raises(KGError, match="no such file; build the graph"):
        load_extractions(tmp_path)


def test_build_update_remove_commands(tmp_path, session_pipeline):
    """The CLI round trip on two one-line articles, every format kept up to date (with
    the session's spaCy pipeline: the commands, not the model loading, are under test)."""
    runner = CliRunner()
    for name, text in (
        ("a", "Turkey bought S-400 missiles from Russia."),
        ("b", "India bought S-400 missiles from Russia."),
    ):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(tmp_path / "a"), "-o", str(out), "--format", "ttl,trig"]
    )
    assert result.exit_code == 0, result.output
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    result = runner.invoke(app, ["build", str(tmp_path / "b"), "--update", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 articles added (2 in the graph)" in result.output
    assert (
        b"India" in (out / "graph.trig").read_bytes()
    )  # formats already there are rewritten
    result = runner.invoke(app, ["remove", "b", "--update", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 articles removed (1 left)" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    result = runner.invoke(
        app,
        [
            "build",
            str(tmp_path / "b"),
            "--update",
            str(out),
            "-o",
            str(tmp_path / "elsewhere"),
        ],
    )
    assert result.exit_code == 2


def test_article_order_does_not_matter(builds, ontology):
    from kg.graph.canonical import canonical_layers
    from kg.graph.rdf import assemble

    full, _, _ = builds
    graph = assemble(canonical_layers(list(reversed(full.extractions)), ontology))
    assert turtle_bytes(graph) == turtle_bytes(full.graph)
