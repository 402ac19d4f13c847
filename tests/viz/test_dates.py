"""Dates in the network without a browser: spans of days, --since/--until, article lists,
Wikidata ids and the layout at scale."""

from __future__ import annotations

import pytest
from rdflib import OWL, URIRef
from viz.synthetic import dated_graph, synthetic_graph

from helpers import ENT
from kg.errors import ViewError
from kg.viz.dates import day_range, overlaps, shown
from kg.viz.network import network_data
from kg.viz.select import View


def predicates_of(data) -> list[str]:
    return sorted(e["predicate"] for e in data.edges)


def test_a_date_of_any_precision_is_the_span_of_its_days():
    assert day_range("2019-02-26") == ("2019-02-26", "2019-02-26")
    assert day_range("2019-02") == ("2019-02-01", "2019-02-28")
    assert day_range("2020-02") == ("2020-02-01", "2020-02-29")
    assert day_range("2019") == ("2019-01-01", "2019-12-31")
    assert [day_range(v) for v in ("2019-13", "2019-02-30", "Tuesday", "")] == [
        None
    ] * 4
    assert overlaps(("2019-02-01", "2019-02-28"), "2019-02-26", None)
    assert not overlaps(("2019-02-01", "2019-02-28"), "2019-03-01", "2019-12-31")
    assert shown(("2019-02-01", "2019-04-30")) == "2019-02 to 2019-04"
    assert shown(("2019-01-01", "2019-12-31")) == "2019"


def test_every_edge_carries_the_days_of_its_fact_and_the_page_the_filter_stops():
    data = network_data(dated_graph())
    days = {e["predicate"]: (e.get("t0"), e.get("t1")) for e in data.edges}
    assert days == {
        "buys": ("2018-03-05", "2018-03-05"),  # its reading's event day
        "opposes": ("2019-06-01", "2019-06-30"),  # a month
        "supports": ("2019-02-01", "2019-04-30"),  # eventTime .. eventTimeEnd
        "warns": ("2020-01-10", "2020-01-10"),  # no event time: its article's date
        "negotiatesWith": (None, None),
    }
    assert data.time == {
        "stops": sorted({d for pair in days.values() for d in pair if d}),
        "undated": 1,
    }
    warns = next(e for e in data.edges if e["predicate"] == "warns")
    assert "Eastport raises its voice, 2020-01-10" in warns["title"]


def test_since_and_until_keep_the_facts_of_their_span():
    graph = dated_graph()
    assert predicates_of(network_data(graph, View(since="2019-03"))) == [
        "opposes",
        "supports",
        "warns",
    ]
    spring = network_data(graph, View(since="2019-01-15", until="2019-06-01"))
    assert predicates_of(spring) == ["opposes", "supports"]
    assert any("Only from 2019-01-15 to 2019-06-01" in n for n in spring.notes)
    assert predicates_of(network_data(graph, View(until="2018"))) == ["buys"]
    linked = {n["label"] for n in network_data(graph, View(until="2018")).nodes}
    assert linked == {"Avalon", "Brightshield"}
    with pytest.raises(ViewError, match="not a date"):
        network_data(graph, View(since="spring"))
    with pytest.raises(ViewError, match="after"):
        network_data(graph, View(since="2020", until="2019"))


def test_viz_command_takes_since_and_until(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.serialize.formats import write_turtle

    write_turtle(dated_graph(), tmp_path / "g.ttl")
    run = CliRunner().invoke(
        app,
        [
            *("viz", str(tmp_path / "g.ttl"), "-o", str(tmp_path / "g.html")),
            *("--since", "2019-05", "--until", "2019-12"),
        ],
    )
    assert run.exit_code == 0, run.output
    page = (tmp_path / "g.html").read_text()
    assert '"predicate":"opposes"' in page and '"predicate":"buys"' not in page
    bad = CliRunner().invoke(
        app,
        [
            "viz",
            str(tmp_path / "g.ttl"),
            "-o",
            str(tmp_path / "h.html"),
            "--until",
            "2019-02-30",
        ],
    )
    assert bad.exit_code == 1 and "--until '2019-02-30' is not a date" in bad.output


def test_a_node_lists_its_articles_and_only_well_formed_wikidata_ids():
    graph = dated_graph()
    eastport = URIRef(ENT + "eastport")
    graph.add((eastport, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q4711")))
    graph.add((eastport, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1%22x")))
    graph.add((eastport, OWL.sameAs, URIRef("https://example.org/wikidata/Q5")))
    data = network_data(graph)
    node = next(n for n in data.nodes if n["label"] == "Eastport")
    assert node["wikidata"] == ["Q4711"]
    assert [data.articles[i] for i in node["articles"]] == [
        ("Eastport raises its voice", "2020-01-10")
    ]


def test_the_overview_of_a_thousand_entities_is_laid_out_as_clusters_in_the_page():
    from kg.viz.layout import ASPECT, TOP_LABELS

    data = network_data(synthetic_graph(1000, seed=4), View(max_nodes=1000))
    assert not data.physics
    drawn = [n for n in data.nodes if "x" in n]
    xs, ys = [n["x"] for n in drawn], [n["y"] for n in drawn]
    shape = (max(xs) - min(xs)) / (max(ys) - min(ys))
    assert ASPECT * 0.75 < shape < ASPECT * 1.35  # landscape, like the page
    fonts = sorted((n["font"]["size"] for n in drawn), reverse=True)
    assert fonts[TOP_LABELS - 1] > 2 * fonts[TOP_LABELS]  # the top labels stand out


def test_a_node_lists_its_latest_articles_and_says_how_many_there_are():
    from rdflib import DCTERMS, Literal
    from rdflib.namespace import XSD

    from kg.viz.network import MAX_ARTICLES
    from kg.vocab import KG

    graph = dated_graph()
    dunmark = URIRef(ENT + "dunmark")
    for day in range(1, MAX_ARTICLES + 6):
        article = URIRef(f"https://kg.example.org/article/m{day}")
        graph.add((article, DCTERMS.title, Literal(f"Dunmark, day {day}")))
        when = f"2021-03-{day:02d}" if day <= 31 else f"2021-04-{day - 31:02d}"
        graph.add((article, DCTERMS.date, Literal(when, datatype=XSD.date)))
        graph.add((dunmark, KG.mentionedIn, article))
    data = network_data(graph)
    node = next(n for n in data.nodes if n["label"] == "Dunmark")
    listed = [data.articles[i] for i in node["articles"]]
    assert len(listed) == MAX_ARTICLES and node["articlesTotal"] == MAX_ARTICLES + 6
    assert listed[0] == (f"Dunmark, day {MAX_ARTICLES + 5}", "2021-04-14")
    assert [d for _, d in listed] == sorted((d for _, d in listed), reverse=True)
