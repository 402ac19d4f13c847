"""The network page without a browser: what is drawn, filtered, escaped and inlined."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from rdflib import SKOS, Literal, URIRef

from helpers import ENT, make_graph, star
from kg.errors import ViewError
from kg.viz.network import network_data
from kg.viz.page import render_html, write_html
from kg.viz.select import View

HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def by_label(data) -> dict[str, dict]:
    return {n["label"]: n for n in data.nodes}


def edges_between(data, a: str, b: str) -> list[dict]:
    ids = {n["label"]: n["id"] for n in data.nodes}
    return [e for e in data.edges if {e["from"], e["to"]} == {ids[a], ids[b]}]


def test_page_is_self_contained_and_its_policy_allows_only_its_own_scripts(graph_of):
    graph = graph_of("Turkey bought S-400 missiles from Russia.")
    html = render_html(graph, title="<b>t</b>")
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)=", html, re.I)
    assert (
        "cdn" not in html.split("<script>", 1)[0].lower()
        and "bootstrap" not in html.lower()
    )
    assert "&lt;b&gt;t&lt;/b&gt;" in html and "<b>t</b>" not in html
    policy = re.search(
        r'http-equiv="Content-Security-Policy" content="([^"]+)"', html
    ).group(1)
    assert (
        "default-src 'none'" in policy
        and "unsafe-inline" not in policy.split("style-src")[0]
    )
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert (
        len(scripts) == 2
    )  # vis-network and kg's own; the data block is JSON, not a script
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "window.network = network" in html


def test_article_text_cannot_leave_the_data_block(graph_of):
    graph = graph_of(
        f'Turkey bought S-400 missiles from Russia, said Jo {HOSTILE} "Ann </script><!--".'
    )
    graph.add((URIRef(ENT + "turkey"), SKOS.altLabel, Literal(HOSTILE)))
    html = render_html(graph, title=HOSTILE)
    data = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S
    ).group(1)
    assert "<" not in data and ">" not in data
    assert (
        "<img" not in html
        and "<script>alert" not in html
        and "</script><!--" not in html
    )
    assert "onerror=alert(1)" in data  # kept as text, escaped, not dropped


def test_one_node_per_entity_with_predicate_labels_and_sources(graph_of):
    data = network_data(graph_of("Turkey bought S-400 missiles from Russia."))
    labels = by_label(data)
    assert {"Turkey", "Russia", "S-400"} <= set(labels)
    assert len(labels) == len(data.nodes)
    buys = [e for e in data.edges if e["predicate"] == "buys"]
    assert [e["label"] for e in buys] == ["buys"]
    assert "Turkey bought S-400 missiles from Russia." in buys[0]["title"]
    assert labels["Turkey"]["title"].splitlines()[:2] == ["Turkey", "Country"]
    assert {e["from"] for e in data.edges} | {e["to"] for e in data.edges} <= {
        n["id"] for n in data.nodes
    }


def test_predicate_label_comes_from_the_ontology():
    data = network_data(
        make_graph(
            {"a": "Country", "b": "Country"},
            [("a", "signsAgreementWith", "b", "asserted", 0.9)],
        )
    )
    assert [e["label"] for e in data.edges] == ["signs agreement with"]


def test_symmetric_fact_is_one_undirected_edge_with_both_readings():
    graph = make_graph(
        {"a": "Country", "b": "Country"},
        [
            ("a", "signsAgreementWith", "b", "asserted", 0.9, "A signed with B."),
            ("b", "signsAgreementWith", "a", "asserted", 0.7, "B and A signed."),
        ],
    )
    [edge] = network_data(graph).edges
    assert (
        edge["arrows"] == ""
        and "A signed with B." in edge["title"]
        and "B and A signed." in edge["title"]
    )


def test_second_relation_between_a_pair_is_kept_and_curved():
    graph = make_graph(
        {"a": "Country", "b": "Country"},
        [
            ("a", "supports", "b", "asserted", 0.9),
            ("a", "warns", "b", "asserted", 0.9),
            ("b", "criticizes", "a", "asserted", 0.9),
        ],
    )
    edges = edges_between(network_data(graph), "A", "B")
    assert sorted(e["predicate"] for e in edges) == ["criticizes", "supports", "warns"]
    assert sum("smooth" in e for e in edges) == 2


def test_hedged_and_negated_readings_are_dashed_and_marked_not_asserted():
    graph = make_graph(
        {"t": "Country", "f": "WeaponSystem", "p": "WeaponSystem"},
        [
            ("t", "buys", "f", "negated", 0.9, "T did not buy F."),
            ("t", "buys", "p", "hedged", 0.8),
            ("t", "buys", "p", "asserted", 0.9),
        ],
    )
    data = network_data(graph)
    uncertain = [e for e in data.edges if e["modality"] != "asserted"]
    assert sorted(e["modality"] for e in uncertain) == ["hedged", "negated"]
    assert all(e["dashes"] and "(" in e["label"] for e in uncertain)
    assert not any(e["dashes"] for e in data.edges if e["modality"] == "asserted")
    assert data.totals == {"entities": 3, "relations": 1, "uncertain": 2}


def test_types_filter_keeps_subtypes_and_unknown_names_fail():
    graph = make_graph(
        {"a": "Country", "b": "Person", "c": "Company"},
        [
            ("b", "worksFor", "c", "asserted", 0.9),
            ("b", "speaksFor", "a", "asserted", 0.9),
        ],
    )
    assert set(by_label(network_data(graph, View(types=("Organization",))))) == {"C"}
    assert set(by_label(network_data(graph, View(types=("person", "Country"))))) == {
        "A",
        "B",
    }
    with pytest.raises(ViewError, match="Country"):
        network_data(graph, View(types=("Contry",)))


def test_predicate_and_confidence_filters_say_what_they_left_out():
    graph = make_graph(
        {"a": "Country", "b": "Country", "c": "Country"},
        [
            ("a", "supports", "b", "asserted", 0.9),
            ("a", "warns", "c", "asserted", 0.5),
            ("b", "warns", "c", "asserted", 0.95),
        ],
    )
    data = network_data(graph, View(predicates=("warns",), min_confidence=0.6))
    assert [(e["from"][-1], e["to"][-1]) for e in data.edges] == [("b", "c")]
    assert any("below confidence 0.6" in note for note in data.notes)
    with pytest.raises(ViewError):
        network_data(graph, View(predicates=("likes",)))


def test_focus_draws_the_ego_network_to_the_given_depth():
    graph = make_graph(
        {k: "Country" for k in "abcde"},
        [
            ("a", "supports", "b", "asserted", 0.9),
            ("b", "supports", "c", "asserted", 0.9),
            ("c", "supports", "d", "asserted", 0.9),
        ],
    )
    assert set(by_label(network_data(graph, View(focus="b", depth=1)))) == {
        "A",
        "B",
        "C",
    }
    assert set(by_label(network_data(graph, View(focus="B", depth=2)))) == {
        "A",
        "B",
        "C",
        "D",
    }
    with pytest.raises(ViewError, match="no entity"):
        network_data(graph, View(focus="zz"))


def test_max_nodes_keeps_the_most_central_and_names_the_rest():
    data = network_data(star(21), View(max_nodes=11))  # a hub, 10 countries, 10 people
    labels = set(by_label(data))
    assert (
        len(labels) == 11
        and "Hub" in labels
        and all(label.startswith("C") or label == "Hub" for label in labels)
    )
    [note] = data.notes
    assert (
        "11 most central entities (PageRank) of 21" in note
        and "P0, P1" in note.split("left out:")[1]
    )
    sizes = {n["label"]: n["value"] for n in data.nodes}
    assert sizes["Hub"] == max(sizes.values())


def test_large_networks_get_a_computed_layout_and_no_physics():
    small, large = (
        network_data(star(40)),
        network_data(star(40), View(physics_threshold=30)),
    )
    assert (
        small.physics
        and small.options["physics"]["enabled"]
        and not any("x" in n for n in small.nodes)
    )
    assert not large.physics and not large.options["physics"]["enabled"]
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in large.nodes)
    assert len({(n["x"], n["y"]) for n in large.nodes}) == len(large.nodes)


def test_output_is_deterministic_and_writes_nothing_else(tmp_path, monkeypatch):
    graph = star(60)
    monkeypatch.chdir(tmp_path)
    write_html(graph, tmp_path / "a.html", view=View(physics_threshold=10))
    write_html(graph, tmp_path / "b.html", view=View(physics_threshold=10))
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.html",
        "b.html",
    ]  # no lib/ folder


def test_viz_command_applies_the_view_options(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.serialize.formats import write_turtle

    write_turtle(
        make_graph(
            {k: "Country" for k in "abc"},
            [
                ("a", "supports", "b", "asserted", 0.9),
                ("b", "warns", "c", "asserted", 0.9),
            ],
        ),
        tmp_path / "g.ttl",
    )
    result = CliRunner().invoke(
        app,
        [
            "viz",
            str(tmp_path / "g.ttl"),
            "-o",
            str(tmp_path / "g.html"),
            "--focus",
            "A",
            "--depth",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "g.html").read_text()
    assert "Within 1 step of A" in page and ENT + "c" not in page
    result = CliRunner().invoke(
        app,
        [
            "viz",
            str(tmp_path / "g.ttl"),
            "-o",
            str(tmp_path / "h.html"),
            "--types",
            "Country,Planet",
        ],
    )
    assert result.exit_code == 1 and "unknown type 'Planet'" in result.output
