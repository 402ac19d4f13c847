"""Benchmark: render a 2,000-node graph and time it in headless Chromium until it is stable
and answers a click.

    .venv/bin/python benchmarks/viz_bench.py [--nodes 2000] [--runs 3] [--seed 1] [--keep page.html]

The graph is synthetic but shaped like kg's (tests/viz/synthetic.py): typed entities whose
relations fit their types, stories with hubs, several readings per fact, 5% hedged, negated or
hypothetical statements, dated articles and event times. It prints the time to build the page
in Python, then what the first run's overview shows at fit (tests/viz/overview.py: drawn nodes
inside the canvas, how far they spread, the on-screen size of the 20 most central labels and
how many of them overlap), then for each run in a fresh tab: the time from navigation until the
page reports it is stable (physics off and first frame drawn, or stabilisation done), and the
time from pressing the mouse on a node until the frame showing its highlighted neighbourhood is
drawn (and `network.getSelectedNodes()` returns it). Target: stable in < 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(
    0, str(ROOT / "tests")
)  # the DevTools driver shared with the browser tests

from viz.overview import measure  # noqa: E402
from viz.synthetic import synthetic_graph  # noqa: E402

from chromium import Chromium, find_chromium  # noqa: E402
from kg.viz.page import render_html  # noqa: E402
from kg.viz.select import View  # noqa: E402

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
                if run == 0:
                    seen = measure(page)
                    px = [label["px"] for label in seen["labels"]]
                    print(
                        f"overview at fit: {seen['inside']:,} of {seen['nodes']:,} drawn "
                        f"nodes inside the {seen['width']} x {seen['height']} canvas "
                        f"({seen['inside'] / seen['nodes']:.0%}), spread over "
                        f"{seen['spread'][0] / seen['width']:.0%} of its width and "
                        f"{seen['spread'][1] / seen['height']:.0%} of its height; top "
                        f"{len(px)} labels {min(px):.1f}-{max(px):.1f} px on screen, "
                        f"{sum(not label['drawn'] for label in seen['labels'])} not drawn, "
                        f"{len(seen['overlaps'])} overlapping pairs"
                    )
                    page.evaluate("network.fit({ animation: false }), network.redraw()")
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
