import re

from kg.visualize import network_data, render_html


def test_page_is_self_contained_and_escaped(graph_of):
    graph = graph_of('Turkey bought S-400 missiles from Russia, said <script>alert(1)</script> "Jo <img src=x onerror=alert(1)>".')
    html = render_html(graph, title="<b>t</b>")
    assert not re.search(r"<(script|link)[^>]*\b(src|href)=", html)
    assert "http://" not in html.split("<script>", 1)[0] and "https://" not in html.split("<script>", 1)[0]
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "window.network = network" in html
    assert "&lt;b&gt;t&lt;/b&gt;" in html


def test_network_has_one_node_per_entity_and_labelled_edges(graph_of):
    data = network_data(graph_of("Turkey bought S-400 missiles from Russia."))
    labels = {n["label"] for n in data["nodes"]}
    assert {"Turkey", "Russia", "S-400"} <= labels
    assert {e["label"] for e in data["edges"]} >= {"buys", "sells"}
    assert all("Turkey bought" in e["title"] for e in data["edges"] if e["label"] == "buys")
