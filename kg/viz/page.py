"""Visualize: the graph as an HTML network to explore, offline, safe and readable at 2,000 nodes.

pyvis 0.3.2 assembles the network but does not write the page. Its own `write_html` fails users:
the default `cdn_resources="local"` still loads vis-network from a CDN and every mode links
bootstrap remotely (pyvis#228, #229), `heading` and the select menu go in unescaped, one tooltip
containing "href" turns every tooltip into HTML, it writes a `lib/` folder into the working
directory, an undirected network drops a second relation between the same pair, `add_node` and
`add_edge` scan lists (quadratic: 8,000 nodes took 8.3 s) and physics freezes the browser beyond
about 1,500 nodes (pyvis#204). So kg uses pyvis for what it does well, the vis-network model:
a directed `pyvis.network.Network` receives pyvis `Node` and `Edge` records (appended under
kg's own index, so building stays linear) and its `Options` set the physics solver, edge
smoothing and interaction; `get_network_data()` reads the result back. The page is kg's template
`templates/graph.html`: the vis-network script shipped inside the pyvis package is inlined, the
data is a JSON block escaped so that no article text can end it, tooltips are plain text, and a
Content-Security-Policy allows exactly the page's two scripts (by hash) and no request at all.
To add a script of your own to a written page, add its hash to that policy; scripts reach the
graph through `window.network` (pyvis' global) and `window.kg` (the data sets and views).

What is drawn: entities (agents, places, products) and deals as nodes, coloured and shaped by
type; asserted facts (plain triples) as labelled edges; hedged, negated and hypothetical
readings, which exist only as `kg:Statement`s, as dashed edges that the page hides until asked;
entities without relations as a list to filter (drawn, thousands of them would bury the rest).
Every edge carries the days of its fact (t0, t1) for the page's time sliders, every node the
indexes of its latest articles (titles and dates listed once, in `articles`) and its Wikidata
ids, which the side panel links (checked again in the page: only Q/P/L numbers become links).
Small networks are laid out by vis-network itself (Kamada-Kawai start, forceAtlas2 physics,
stabilised before the first frame). Above `View.physics_threshold` nodes the layout comes from
`kg.viz.layout` and physics is off, so the page is still within 3 s at 2,000 nodes (pyvis#204).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from pathlib import Path

from rdflib import Graph

from kg.serialize.atomic import write_atomic
from kg.viz.network import network_data
from kg.viz.select import View


def _script_safe(value: object) -> str:
    """JSON that can sit inside <script>: no "</", "<!--" or line separators survive."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def render_html(
    graph: Graph, *, view: View = View(), title: str = "kg knowledge graph"
) -> str:
    """The page as a string: vis-network and the data inlined, no remote asset, no request."""
    data = network_data(graph, view)
    payload = {
        "title": title,
        "nodes": data.nodes,
        "edges": data.edges,
        "options": data.options,
        "legend": data.legend,
        "predicates": data.predicates,
        "notes": data.notes,
        "physics": data.physics,
        "totals": data.totals,
        "articles": data.articles,
        "time": data.time,
    }
    template = (resources.files("kg.viz") / "templates" / "graph.html").read_text(
        encoding="utf-8"
    )
    head, rest = template.split("<!--VIS-->", 1)
    vis_js = (
        resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js"
    ).read_text(encoding="utf-8")
    vis_js = vis_js.replace("</script", "<\\/script")
    app_js = rest.split("<script>", 1)[1].split("</script>", 1)[0]
    policy = (
        f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    page = head.replace("__CSP__", policy).replace("__TITLE__", html.escape(title))
    return (
        page
        + f"<script>{vis_js}</script>"
        + rest.replace("__DATA__", _script_safe(payload))
    )


def write_html(
    graph: Graph, path: Path, *, view: View = View(), title: str = "kg knowledge graph"
) -> None:
    """Write the network page atomically."""
    write_atomic(path, render_html(graph, view=view, title=title).encode("utf-8"))
