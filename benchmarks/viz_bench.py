"""Benchmark: render a 2,000-node graph and time it in headless Chromium until it is stable
and answers a click.

    .venv/bin/python benchmarks/viz_bench.py [--nodes 2000] [--runs 3] [--seed 1] [--keep page.html]

The graph is synthetic but shaped like kg's: typed entities (people, countries, organisations,
places, weapons, deals) whose relations fit their types, hubs by preferential attachment, several
readings per fact, 5% hedged, negated or hypothetical statements. It prints the time to build
the page in Python, then for each run in a fresh tab: the time from navigation until the page
reports it is stable (physics off and first frame drawn, or stabilisation done), and the time
from pressing the mouse on a node until the frame showing its highlighted neighbourhood is
drawn (and `network.getSelectedNodes()` returns it). Target: stable in < 3 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import XSD

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(
    0, str(ROOT / "tests")
)  # the DevTools driver shared with the browser tests

from chromium import Chromium, find_chromium  # noqa: E402
from kg.viz.page import render_html  # noqa: E402
from kg.viz.select import View  # noqa: E402
from kg.vocab import KG, DataNamespaces  # noqa: E402

KINDS = [  # (class, share of entities)
    ("Person", 0.32),
    ("Country", 0.08),
    ("Organization", 0.08),
    ("Company", 0.07),
    ("GovernmentBody", 0.07),
    ("MilitaryAlliance", 0.01),
    ("ArmedGroup", 0.03),
    ("MediaOrganization", 0.04),
    ("City", 0.1),
    ("Facility", 0.04),
    ("WeaponSystem", 0.1),
    ("Deal", 0.06),
]
AGENTS = {
    "Person",
    "Country",
    "Organization",
    "Company",
    "GovernmentBody",
    "MilitaryAlliance",
    "ArmedGroup",
    "MediaOrganization",
}
RELATIONS = [  # (predicate, subject classes, object classes, weight)
    ("buys", {"Country", "Company", "ArmedGroup"}, {"WeaponSystem"}, 6),
    ("sells", {"Country", "Company"}, {"WeaponSystem"}, 4),
    ("manufactures", {"Company", "Country"}, {"WeaponSystem"}, 3),
    ("operates", {"Country", "ArmedGroup"}, {"WeaponSystem"}, 2),
    (
        "signsAgreementWith",
        {"Country", "Company", "GovernmentBody"},
        {"Country", "Company", "GovernmentBody"},
        4,
    ),
    ("negotiatesWith", {"Country", "Person"}, {"Country", "Person"}, 3),
    ("meetsWith", {"Person"}, {"Person"}, 3),
    ("supports", AGENTS, AGENTS, 3),
    ("opposes", AGENTS, AGENTS, 3),
    ("criticizes", AGENTS, AGENTS, 2),
    ("warns", AGENTS, AGENTS, 2),
    ("sanctions", {"Country", "MilitaryAlliance"}, {"Country", "Company", "Person"}, 2),
    (
        "attacks",
        {"Country", "ArmedGroup"},
        {"Country", "ArmedGroup", "City", "Facility"},
        2,
    ),
    (
        "speaksFor",
        {"Person"},
        {"Country", "Organization", "GovernmentBody", "Company"},
        6,
    ),
    (
        "worksFor",
        {"Person"},
        {"Organization", "GovernmentBody", "Company", "MediaOrganization"},
        5,
    ),
    ("leaderOf", {"Person"}, {"Country", "Organization", "ArmedGroup"}, 2),
    ("memberOf", {"Country"}, {"MilitaryAlliance", "Organization"}, 2),
    ("locatedIn", {"City", "Facility"}, {"Country", "City"}, 4),
    (
        "basedIn",
        {"Organization", "Company", "GovernmentBody", "MediaOrganization"},
        {"City", "Country"},
        3,
    ),
]
SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ta",
    "su",
    "ne",
    "vo",
    "la",
    "di",
    "pe",
    "ran",
    "tor",
    "vel",
    "ash",
    "in",
    "om",
    "ur",
    "bek",
    "zan",
]
MODALITIES = ("hedged", "negated", "hypothetical")


def synthetic_graph(nodes: int, *, seed: int = 1, articles: int = 400) -> Graph:
    """A kg-shaped graph of `nodes` entities and deals, about 2.5 relations per entity.

    Entities belong to stories of about 40; 92% of relations stay inside a story (news
    clusters by topic), the rest pick partners by preferential attachment (hubs). Every
    entity has at least one relation.
    """
    rng = random.Random(seed)
    ns = DataNamespaces.for_base()
    graph = Graph(bind_namespaces="none")
    arts = [ns.article[f"a{i:04d}"] for i in range(articles)]
    for i, art in enumerate(arts):
        graph.add((art, RDF.type, KG.Article))
        graph.add(
            (
                art,
                DCTERMS.title,
                Literal(f"Story {i}: {rng.choice(SYLLABLES).title()} talks continue"),
            )
        )
    kinds, weights = zip(*KINDS, strict=True)
    stories = max(1, nodes // 40)
    members: dict[tuple[int, str], list[URIRef]] = {}
    everyone: dict[str, list[URIRef]] = {k: [] for k in kinds}
    kind_of: dict[URIRef, str] = {}
    story_of: dict[URIRef, int] = {}
    label: dict[URIRef, str] = {}
    degree: dict[URIRef, int] = {}
    for i in range(nodes):
        kind = rng.choices(kinds, weights)[0]
        name = " ".join(
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))).title()
            for _ in range(1 + (kind == "Person"))
        )
        node = (ns.deal if kind == "Deal" else ns.entity)[f"n{i}"]
        story_of[node], kind_of[node] = i % stories, kind
        members.setdefault((i % stories, kind), []).append(node)
        everyone[kind].append(node)
        label[node] = f"{name} deal" if kind == "Deal" else name
        degree[node] = 1
        graph.add((node, RDF.type, KG[kind]))
        graph.add((node, RDFS.label, Literal(label[node])))
        graph.add((node, SKOS.prefLabel, Literal(label[node])))
        if rng.random() < 0.3:
            graph.add((node, SKOS.altLabel, Literal(name.upper())))
        for art in rng.sample(arts, rng.randint(1, 4)):
            graph.add((node, KG.mentionedIn, art))

    def pick(classes: set[str], story: int) -> URIRef | None:
        local = rng.random() < 0.92
        pool = [
            n
            for k in sorted(classes)
            for n in (members.get((story, k), []) if local else everyone[k])
        ]
        return rng.choices(pool, [degree[n] ** 1.2 for n in pool])[0] if pool else None

    def relate(s: URIRef, predicate: str, o: URIRef) -> None:
        degree[s] += 1
        degree[o] += 1
        graph.add((s, KG[predicate], o))
        for k in range(rng.randint(1, 3)):
            _statement(
                graph, ns, rng, s, predicate, o, "asserted", rng.choice(arts), label, k
            )
        if rng.random() < 0.05:
            _statement(
                graph,
                ns,
                rng,
                o,
                predicate,
                s,
                rng.choice(MODALITIES),
                rng.choice(arts),
                label,
                9,
            )

    for deal in everyone["Deal"]:
        for role, classes in (
            ("buyer", {"Country", "Company"}),
            ("seller", {"Country", "Company"}),
            ("item", {"WeaponSystem"}),
        ):
            target = pick(classes, story_of[deal]) or rng.choice(
                everyone["WeaponSystem"] if role == "item" else everyone["Country"]
            )
            degree[target] += 1
            graph.add((deal, KG[role], target))
        graph.add(
            (deal, KG.value, Literal(rng.randint(1, 900) * 10**6, datatype=XSD.decimal))
        )
        graph.add((deal, KG.currency, Literal("USD")))
    for node in sorted(kind_of):  # nobody is left alone
        if kind_of[node] == "Deal" or degree[node] > 1:
            continue
        options = [
            (p, o, True) for p, subjects, o, _ in RELATIONS if kind_of[node] in subjects
        ]
        options += [
            (p, subjects, False)
            for p, subjects, objects, _ in RELATIONS
            if kind_of[node] in objects
        ]
        for _ in range(10):
            predicate, classes, as_subject = rng.choice(options)
            partner = pick(classes, story_of[node]) or rng.choice(
                [n for k in sorted(classes) for n in everyone[k]]
            )
            if partner != node:
                relate(node, predicate, partner) if as_subject else relate(
                    partner, predicate, node
                )
                break
    for _ in range(int(nodes * 1.6)):
        predicate, subjects, objects, _ = rng.choices(
            RELATIONS, [r[3] for r in RELATIONS]
        )[0]
        story = rng.randrange(stories)
        s, o = pick(subjects, story), pick(objects, story)
        if s is not None and o is not None and s != o:
            relate(s, predicate, o)
    return graph


def _statement(
    graph: Graph,
    ns: DataNamespaces,
    rng: random.Random,
    s: URIRef,
    predicate: str,
    o: URIRef,
    modality: str,
    article: URIRef,
    label: dict[URIRef, str],
    k: int,
) -> None:
    node = ns.statement[
        f"{s.rsplit('/', 1)[-1]}-{predicate}-{o.rsplit('/', 1)[-1]}-{modality}-{k}"
    ]
    graph.add((node, RDF.type, KG.Statement))
    graph.add((node, RDF.type, RDF.Statement))
    graph.add((node, RDF.subject, s))
    graph.add((node, RDF.predicate, KG[predicate]))
    graph.add((node, RDF.object, o))
    graph.add((node, KG.modality, Literal(modality)))
    graph.add(
        (
            node,
            KG.confidence,
            Literal(f"{rng.uniform(0.55, 0.95):.2f}", datatype=XSD.decimal),
        )
    )
    graph.add((node, PROV.wasDerivedFrom, article))
    verb = {
        "asserted": "",
        "hedged": "may ",
        "negated": "does not ",
        "hypothetical": "would ",
    }[modality]
    graph.add(
        (
            node,
            KG.sentence,
            Literal(
                f"{label[s]} {verb}{predicate} {label[o]}, officials said on "
                f"{rng.choice(SYLLABLES).title()}day."
            ),
        )
    )


# The most central node that a click at its centre would hit (not covered by another node),
# with its position in page coordinates.
CLICKABLE = """(function () {
  var box = document.getElementById("mynetwork").getBoundingClientRect();
  var ids = network.body.data.nodes
    .get({ order: function (a, b) { return b.value - a.value; } })
    .map(function (n) { return n.id; });
  for (var i = 0; i < ids.length; i++) {
    var p = network.canvasToDOM(network.getPosition(ids[i]));
    var inside = p.x > 0 && p.y > 0 && p.x < box.width && p.y < box.height;
    if (inside && network.getNodeAt(p) === ids[i]) {
      return [ids[i], p.x + box.left, p.y + box.top];
    }
  }
  throw new Error("no clickable node");
})()"""


# Time from the mouse press to the end of the first frame drawn after the click.
CLICK_TIMER = """(function () {
  window.clickStart = window.clickDrawn = null;
  document.getElementById("mynetwork").addEventListener(
    "pointerdown",
    function () { window.clickStart = performance.now(); },
    { once: true, capture: true }
  );
  network.once("click", function () {
    network.once("afterDrawing", function () { window.clickDrawn = performance.now(); });
  });
})()"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="also write the page here")
    args = parser.parse_args()
    executable = find_chromium()
    if executable is None:
        sys.exit("chromium not found: apt-get install chromium (or set KG_CHROMIUM)")

    graph = synthetic_graph(args.nodes, seed=args.seed)
    started = time.perf_counter()
    html = render_html(
        graph,
        view=View(max_nodes=args.nodes),
        title=f"Synthetic graph, {args.nodes:,} nodes",
    )
    build_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "graph.html"
        page_path.write_text(html, encoding="utf-8")
        if args.keep:
            args.keep.write_text(html, encoding="utf-8")
        print(
            f"graph: {len(graph):,} triples; page built in {build_seconds:.2f} s, "
            f"{len(html) / 1e6:.1f} MB"
        )
        stable, clicks = [], []
        with Chromium(executable) as browser:
            for run in range(args.runs):
                page = browser.new_page()
                page.goto(page_path.as_uri(), timeout=120)
                page.wait_for("window.kg && window.kg.ready", timeout=120)
                stable.append(page.evaluate("window.kg.readyAt") / 1000)
                shown = page.evaluate(
                    "[network.body.data.nodes.length, network.body.data.edges.length, "
                    "window.kg.data.physics]"
                )
                node, x, y = page.evaluate(CLICKABLE)
                page.evaluate(CLICK_TIMER)
                page.click(x, y)
                page.wait_for(
                    f"network.getSelectedNodes()[0] === {node!r} && window.clickDrawn",
                    timeout=30,
                )
                clicks.append(
                    page.evaluate("(window.clickDrawn - window.clickStart) / 1000")
                )
                page.collect()
                left = [u for u in page.requests if u != page_path.as_uri()]
                print(
                    f"run {run + 1}: {shown[0]:,} nodes, {shown[1]:,} edges, physics "
                    f"{'on' if shown[2] else 'off'}; "
                    f"stable and drawn {stable[-1]:.2f} s after navigation; click "
                    f"answered (highlight drawn) in {clicks[-1] * 1000:.0f} ms; "
                    f"requests leaving the page: {len(left)}"
                )
                page.send("Page.close")
    print(
        f"median: stable in {statistics.median(stable):.2f} s (target < 3 s), click "
        f"{statistics.median(clicks) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
