"""Scale path: worker processes, shard files, the streamed N-Quads/N-Triples writer (equal
to the rdflib path on the seeds), the bounded HTML overview, and the resolution indexes
that replaced all-pairs scans."""

from __future__ import annotations

import itertools
import random
import re

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from helpers import ROOT
from kg.graph.canonical import canonical_layers
from kg.graph.rdf import by_article, overview_graph
from kg.graph.resolve import _fuzzy_candidates, _fuzzy_same, _name
from kg.ingest.read import Inputs, read_inputs
from kg.pipeline import local
from kg.pipeline.build import build, load
from kg.serialize.formats import nquads_bytes, ntriples_bytes
from kg.serialize.stream import SortedLines
from kg.settings import Settings
from kg.vocab import DataNamespaces


def test_streamed_graph_equals_the_rdflib_graph_on_the_seeds(seeds_build, tmp_path):
    result, _ = seeds_build
    # the seeds' records as already extracted: the stream writer is under test, not the parse
    kept = build(keep=result.extractions)
    kept.write(tmp_path, formats=("nq", "nt"), stream=True)
    assert (tmp_path / "graph.nq").read_bytes() == nquads_bytes(result.graph)
    assert (tmp_path / "graph.nt").read_bytes() == ntriples_bytes(result.graph)
    dataset = Dataset()
    dataset.parse(tmp_path / "graph.nq", format="nquads")
    expected = by_article(result.graph)
    assert sorted(str(g.identifier) for g in dataset.graphs()) == sorted(
        str(g.identifier) for g in expected.graphs()
    )
    merged = dataset.default_graph
    for graph in dataset.graphs():
        for triple in graph:
            merged.add(triple)
    assert isomorphic(merged, result.graph)
    assert (kept.entities, kept.facts) == (result.entities, result.facts)
    assert (tmp_path / "graph.html").is_file() and (
        tmp_path / "extractions.jsonl"
    ).is_file()
    assert not (tmp_path / ".shards").exists()
    assert load(tmp_path).graph.isomorphic(result.graph)


def test_two_worker_processes_give_the_same_records_as_one(nlp, ontology, monkeypatch):
    articles = list(
        read_inputs(Inputs(paths=(ROOT / "seeds",)), ontology, on_error=lambda e: None)
    )[:3]
    monkeypatch.setattr(local, "CHUNK_SIZE", 2)
    one = list(
        local.extract(
            articles, Settings(batch_size=4), ontology, nlp=nlp, on_error=pytest.fail
        )
    )
    two = list(
        local.extract(
            articles,
            Settings(batch_size=4, jobs=2),
            ontology,
            nlp=nlp,
            on_error=pytest.fail,
        )
    )
    assert one == two and [e.article for e in one] == articles


def test_external_sort_writes_sorted_unique_lines(tmp_path):
    rng = random.Random(7)
    lines = [
        f'<s{rng.randrange(500)}> <p> "é{rng.randrange(9)}" .\n' for _ in range(3000)
    ]
    sink = SortedLines(tmp_path / "scratch", run_lines=200)
    for part in local.chunks(lines, 100):
        sink.add(part)
    assert sink.write(tmp_path / "out.nt") == len(set(lines))
    assert (tmp_path / "out.nt").read_text(encoding="utf-8").splitlines(
        keepends=True
    ) == sorted(set(lines))
    assert list((tmp_path / "scratch").iterdir()) == []


def test_html_overview_is_bounded(seeds_build, ontology):
    result, _ = seeds_build
    layers = canonical_layers(list(result.extractions), ontology)
    graph = overview_graph(layers, DataNamespaces.for_base(), entities=5)
    from rdflib.namespace import SKOS

    shown = set(graph.subjects(SKOS.prefLabel, None))
    assert len(shown) == 5
    top = sorted(layers.entities.values(), key=lambda e: (-len(e.articles), e.key))[:5]
    assert {str(s).rsplit("/", 1)[-1] for s in shown} == {e.key for e in top}


def test_fuzzy_candidates_are_every_pair_a_full_scan_would_accept():
    rng = random.Random(3)
    first = ["john", "jane", ""]
    last = [
        "johnson",
        "jonhson",
        "johnsen",
        "smithers",
        "smithres",
        "erdogan",
        "erdogen",
        "li",
        "cavusoglu",
        "cavusglu",
    ]
    persons = sorted(
        {
            f"name:{(rng.choice(first) + ' ').lstrip()}{rng.choice(last)}"
            + rng.choice(["", "@a1", "@a2", "@a3"])
            for _ in range(120)
        }
    )
    expected = [
        (a, b)
        for a, b in itertools.combinations(persons, 2)
        if _fuzzy_same(_name(a), _name(b))
    ]
    found = [
        (a, b) for a, b in _fuzzy_candidates(persons) if _fuzzy_same(_name(a), _name(b))
    ]
    assert found == expected and expected


def test_two_jobs_give_the_same_build(seeds_build, nlp):
    from kg.serialize.formats import turtle_bytes

    result, _ = seeds_build
    parallel = build(ROOT / "seeds", jobs=2, nlp=nlp)
    assert turtle_bytes(parallel.graph) == turtle_bytes(result.graph)


def test_build_command_on_a_corpus_with_a_store(tmp_path):
    import gzip
    import json

    from pyoxigraph import NamedNode, Store
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.graph.aggregates import AGGREGATES

    records = [
        {
            "id": f"s{i}",
            "title": path.stem,
            "text": path.read_text(encoding="utf-8"),
            "source": "seeds",
        }
        for i, path in enumerate(
            sorted((ROOT / "seeds").glob("*.txt"), key=lambda p: p.stat().st_size)[:1]
        )
    ]
    corpus = tmp_path / "c.jsonl.gz"
    corpus.write_bytes(
        gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode("utf-8"))
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "build",
            "--corpus",
            str(corpus),
            "--stream",
            "--store",
            str(out / "ox"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    report = (out / "report.txt").read_text(encoding="utf-8")
    assert re.search(r"SHACL: the whole graph \(\d+ chunks?\) conforms", report)
    lines = (out / "graph.nq").read_text(encoding="utf-8").splitlines()
    store = Store.read_only(str(out / "ox"))
    aggregates = NamedNode(AGGREGATES)  # counted into the store, not part of the graph
    graph_quads = [q for q in store if q.graph_name != aggregates]
    assert len(graph_quads) == len(lines) > 100
    titles = {
        str(r["t"].value)
        for r in store.query(
            "SELECT ?t WHERE { ?a <http://purl.org/dc/terms/title> ?t }"
        )
    }
    assert titles >= {r["title"] for r in records}
    assert f"{corpus}#s0" in (out / "graph.nq").read_text(encoding="utf-8")
