"""The network page in headless Chromium with the network cut off (see tests/chromium.py).

One browser serves the session; each test opens its own tab. Without chromium these tests
skip, except in CI (CI=true), where .ci/run installs it and its absence is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, Literal, URIRef

from chromium import Chromium, Page, find_chromium
from kg.viz.network import network_data
from kg.viz.page import write_html
from kg.viz.select import View
from kg.vocab import KG

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '<img src=x onerror="window.pwned=1">',
    "<script>window.pwned=2</script>",
    "<svg onload=alert(3)>",
)
# Installed before any script of the page runs: records what the Content-Security-Policy blocks.
WATCH_POLICY = "window.violations = []; document.addEventListener('securitypolicyviolation', function (e) { window.violations.push(e.violatedDirective + ' ' + e.blockedURI); });"  # noqa: E501
NODE_AT = """(function (id) {
  var p = network.canvasToDOM(network.getPosition(id));
  var box = document.getElementById("mynetwork").getBoundingClientRect();
  return [p.x + box.left, p.y + box.top];
})(%r)"""


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing in CI: .ci/run must install it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with Chromium(executable) as chromium:
        yield chromium


def open_page(browser: Chromium, path: Path, *, ready: bool = True) -> Page:
    page = browser.new_page()
    page.send("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_POLICY})
    page.goto(path.as_uri())
    if ready:
        page.wait_for("window.kg && window.kg.ready", timeout=60)
    return page


def left_the_page(page: Page, path: Path) -> list[str]:
    page.collect()
    return [url for url in page.requests if url != path.as_uri()]


def test_the_request_recorder_sees_remote_assets(browser, tmp_path):
    """The check below can fail: a page that links a CDN script is caught, and nothing loads."""
    path = tmp_path / "remote.html"
    path.write_text(
        '<script src="https://cdn.example.org/vis-network.min.js"></script><img src="http://example.com/x.png"><p>x</p>'
    )
    page = open_page(browser, path, ready=False)
    assert page.evaluate("typeof vis") == "undefined"
    assert sorted(left_the_page(page, path)) == [
        "http://example.com/x.png",
        "https://cdn.example.org/vis-network.min.js",
    ]


def test_seeds_network_opens_offline_with_every_node_and_edge(
    browser, seeds_build, tmp_path
):
    graph = seeds_build[0].graph
    data = network_data(graph)
    path = tmp_path / "graph.html"
    write_html(graph, path)
    page = open_page(browser, path)

    linked = [n for n in data.nodes if not n["isolated"]]
    asserted = [e for e in data.edges if e["modality"] == "asserted"]
    assert len(linked) > 30 and len(asserted) > 30
    assert page.evaluate(
        "[network.body.data.nodes.length, network.body.data.edges.length]"
    ) == [len(linked), len(asserted)]
    assert page.evaluate("kg.nodes.length") == len(data.nodes)
    assert page.evaluate("document.getElementById('count').textContent").startswith(
        f"{len(linked)} of {len(data.nodes)} entities"
    )
    turkey = next(n["id"] for n in data.nodes if n["label"] == "Turkey")
    page.click(*page.evaluate(NODE_AT % turkey))
    page.wait_for(f"network.getSelectedNodes()[0] === {turkey!r}")
    near = page.evaluate("kg.focus.nodes")
    assert (
        sorted(near)
        == sorted({turkey, *page.evaluate(f"network.getConnectedNodes({turkey!r})")})
        and len(near) > 5
    )
    assert page.evaluate("document.getElementById('details').textContent").startswith(
        "Turkey\nCountry"
    )

    page.evaluate(
        "var s = document.getElementById('search'); s.value = 's-400'; "
        "s.dispatchEvent(new Event('change'))"
    )
    s400 = next(n["id"] for n in data.nodes if n["label"] == "S-400")
    assert page.evaluate("network.getSelectedNodes()") == [s400]
    page.evaluate("document.querySelector('input[data-kind=\"WeaponSystem\"]').click()")
    assert page.evaluate(f"network.body.data.nodes.get({s400!r})") is None

    page.evaluate("document.getElementById('uncertain').click()")
    weapons = {n["id"] for n in data.nodes if n["kind"] == "WeaponSystem"}
    unarmed = [
        e for e in data.edges if e["from"] not in weapons and e["to"] not in weapons
    ]
    assert page.evaluate(
        "[network.body.data.nodes.length, network.body.data.edges.length]"
    ) == [len(linked) - len(weapons & {n["id"] for n in linked}), len(unarmed)]

    # entities without relations are a list to filter, never drawn
    orphans = [n for n in data.nodes if n["isolated"]]
    assert orphans
    page.evaluate("document.getElementById('orphans-open').click()")
    listed = page.evaluate(
        "Array.from(document.querySelectorAll('#orphan-list button')).map(b => b.textContent)"
    )
    assert sorted(listed) == sorted(n["label"] for n in orphans)
    wanted = orphans[0]["label"]
    page.evaluate(
        "var f = document.getElementById('orphan-filter'); "
        f"f.value = {wanted.lower()!r}; f.dispatchEvent(new Event('input'))"
    )
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('#orphan-list button')).map(b => b.textContent)"
    )
    assert wanted in shown and len(shown) < len(listed)
    page.evaluate("document.querySelector('#orphan-list button').click()")
    assert page.evaluate("document.getElementById('details').textContent").startswith(
        shown[0] + "\n"
    )
    assert page.evaluate(f"network.body.data.nodes.get({orphans[0]['id']!r})") is None

    assert left_the_page(page, path) == []
    assert page.errors == [] and page.evaluate("window.violations") == []


def test_hostile_article_runs_no_script(browser, graph_of, tmp_path):
    hostile = " ".join(PAYLOADS)
    graph = graph_of(
        f'Turkey bought S-400 missiles from Russia, said Jo {hostile} "Ann {hostile}".'
    )
    mallory, turkey = (
        URIRef("https://kg.example.org/entity/mallory"),
        URIRef("https://kg.example.org/entity/turkey"),
    )
    graph.add((mallory, RDF.type, KG.Person))
    graph.add((mallory, RDFS.label, Literal(f"Mallory {hostile}")))
    graph.add(
        (mallory, SKOS.altLabel, Literal(f"{hostile} href"))
    )  # "href" made pyvis switch tooltips to HTML
    graph.add((mallory, KG.speaksFor, turkey))
    statement = URIRef("https://kg.example.org/statement/hostile")
    for p, o in (
        (RDF.type, KG.Statement),
        (RDF.subject, mallory),
        (RDF.predicate, KG.speaksFor),
        (RDF.object, turkey),
        (KG.modality, Literal("asserted")),
        (KG.sentence, Literal(f"Mallory {hostile} spoke for Turkey.")),
    ):
        graph.add((statement, p, o))
    # an article title, an entity without relations and a Wikidata link that try markup
    from rdflib.namespace import XSD

    article = URIRef("https://kg.example.org/article/hostile")
    graph.add((article, DCTERMS.title, Literal(f"Title {hostile}")))
    graph.add((article, DCTERMS.date, Literal("2019-02-26", datatype=XSD.date)))
    eve = URIRef("https://kg.example.org/entity/eve")
    graph.add((eve, RDF.type, KG.Person))
    graph.add((eve, RDFS.label, Literal(f"Eve {hostile}")))
    graph.add((eve, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q42")))
    graph.add((eve, OWL.sameAs, URIRef('http://www.wikidata.org/entity/Q1"onclick=x')))
    for node in (eve, mallory):
        graph.add((node, KG.mentionedIn, article))
    path = tmp_path / "hostile.html"
    write_html(graph, path, view=View(), title=f"Graph {hostile}")
    page = open_page(browser, path)
    page.evaluate("document.getElementById('orphans-open').click()")
    page.evaluate("document.querySelector('#orphan-list button').click()")
    assert page.evaluate("document.getElementById('details').textContent").startswith(
        f"Eve {hostile}\n"
    )
    assert page.evaluate(
        "Array.from(document.querySelectorAll('#wikidata a')).map(a => a.href)"
    ) == ["https://www.wikidata.org/wiki/Q42"]
    assert page.evaluate("document.getElementById('articles').textContent") == (
        f"2019-02-26Title {hostile}"
    )
    page.evaluate("document.getElementById('uncertain').click()")

    for node in page.evaluate(
        "network.body.data.nodes.getIds()"
    ):  # every tooltip and details panel
        x, y = page.evaluate(NODE_AT % node)
        page.mouse("mouseMoved", x, y)
        page.wait_for(
            "document.querySelector('div.vis-tooltip') && "
            "document.querySelector('div.vis-tooltip').style.visibility === 'visible'"
        )
        page.click(x, y)
        page.mouse("mouseMoved", 1, 1)
    x, y = page.evaluate(NODE_AT % str(mallory))
    page.mouse("mouseMoved", x, y)
    tooltip = page.wait_for(
        "document.querySelector('div.vis-tooltip').style.visibility === 'visible' && "
        "document.querySelector('div.vis-tooltip').textContent"
    )
    assert "Mallory <img src=x onerror=alert(1)>" in tooltip  # shown as text
    page.click(
        *page.evaluate(
            "[document.body.clientWidth - 5, document.body.clientHeight - 5]"
        )
    )

    page.collect()
    assert page.dialogs == [] and page.evaluate("window.pwned") is None
    assert page.evaluate(
        "[document.images.length, document.scripts.length, document.querySelectorAll('svg').length]"
    ) == [0, 3, 0]
    assert page.evaluate("document.title") == f"Graph {hostile}"
    assert (
        page.evaluate("window.violations") == []
    )  # escaping held; the policy had nothing to block
    assert page.errors == [] and left_the_page(page, path) == []


def test_large_network_is_drawn_at_its_computed_layout_without_physics(
    browser, tmp_path
):
    from helpers import star

    graph = star(401)
    data = network_data(graph)
    assert not data.physics
    path = tmp_path / "large.html"
    write_html(graph, path)
    page = open_page(browser, path)
    assert page.evaluate(
        "[network.body.data.nodes.length, network.body.data.edges.length]"
    ) == [401, 400]
    hub = next(n for n in data.nodes if n["label"] == "Hub")
    assert page.evaluate(f"network.getPositions([{hub['id']!r}])[{hub['id']!r}]") == {
        "x": hub["x"],
        "y": hub["y"],
    }
    assert page.errors == [] and left_the_page(page, path) == []


def test_overview_of_1200_entities_fills_the_page_with_legible_apart_top_labels(
    browser, tmp_path
):
    from viz.overview import measure
    from viz.synthetic import synthetic_graph

    graph = synthetic_graph(1200, seed=2)
    path = tmp_path / "large.html"
    write_html(graph, path, view=View(max_nodes=1200))
    page = open_page(browser, path)
    seen = measure(page)
    assert seen["nodes"] >= 1000
    assert seen["inside"] / seen["nodes"] >= 0.8
    # the drawing spreads across the page, not a round patch in its middle
    assert (
        seen["spread"][0] / seen["width"] > 0.7
        and seen["spread"][1] / seen["height"] > 0.7
    )
    labels = seen["labels"]
    assert len(labels) == 20 and all(label["drawn"] for label in labels)
    assert min(label["px"] for label in labels) >= 11, labels
    assert seen["overlaps"] == []
    assert page.errors == [] and left_the_page(page, path) == []


def test_overlap_check_sees_overlapping_boxes():
    """The label check above can fail: two boxes that share a corner area are caught."""
    from viz.overview import overlapping

    assert overlapping([[0, 0, 10, 5], [9, 4, 20, 9], [30, 0, 40, 5]]) == [(1, 0)]


EDGES_SHOWN = "network.body.data.edges.get().map(e => e.predicate).sort().join(' ')"


def test_time_sliders_hide_and_show_the_edges_of_other_times(browser, tmp_path):
    from viz.synthetic import dated_graph

    path = tmp_path / "dated.html"
    write_html(dated_graph(), path)
    page = open_page(browser, path)
    stops = page.evaluate("kg.data.time.stops")
    assert stops == [
        "2018-03-05",
        "2019-02-01",
        "2019-04-30",
        "2019-06-01",
        "2019-06-30",
        "2020-01-10",
    ]
    everything = "buys negotiatesWith opposes supports warns"
    assert page.evaluate(EDGES_SHOWN) == everything

    def move(slider: str, stop: str, expected: str) -> None:
        page.evaluate(
            f"var s = document.getElementById({slider!r}); s.value = {stops.index(stop)}; "
            "s.dispatchEvent(new Event('input'))"
        )
        page.wait_for(f"!kg.time.pending && {EDGES_SHOWN} === {expected!r}")

    move("time-from", "2019-02-01", "negotiatesWith opposes supports warns")
    assert page.evaluate("document.getElementById('time-label').textContent") == (
        "2019-02-01 – 2020-01-10"
    )
    # Brightshield's only relation is outside: it goes too
    assert "Brightshield" not in page.evaluate(
        "network.body.data.nodes.get().map(n => n.label)"
    )
    move("time-to", "2019-04-30", "negotiatesWith supports")
    move("time-from", "2019-06-01", "negotiatesWith opposes")  # "to" follows "from"
    assert page.evaluate("document.getElementById('time-to').value") == str(
        stops.index("2019-06-01")
    )
    page.evaluate("document.getElementById('undated').click()")
    page.wait_for(f"!kg.time.pending && {EDGES_SHOWN} === 'opposes'")
    assert sorted(page.evaluate("network.body.data.nodes.get().map(n => n.label)")) == [
        "Corvia",
        "Dunmark",
    ]
    move("time-to", "2020-01-10", "opposes warns")
    move("time-from", "2018-03-05", "buys opposes supports warns")
    page.evaluate("document.getElementById('undated').click()")
    page.wait_for(f"!kg.time.pending && {EDGES_SHOWN} === {everything!r}")
    assert page.evaluate("network.body.data.nodes.length") == 5

    # the side panel of a node found by the search box: its articles with their dates
    page.evaluate(
        "var s = document.getElementById('search'); s.value = 'Eastport'; "
        "s.dispatchEvent(new Event('change'))"
    )
    page.wait_for("!document.getElementById('side').hidden")
    assert page.evaluate("document.getElementById('articles').textContent") == (
        "2020-01-10Eastport raises its voice"
    )
    assert page.errors == [] and left_the_page(page, path) == []
