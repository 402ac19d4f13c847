"""The overview of a network page measured in headless Chromium, for the browser test at scale
and benchmarks/viz_bench.py: how many drawn nodes are inside the window, how far the drawing
spreads, and the size and place of the most central labels as vis-network drew them."""

from __future__ import annotations

from typing import Any

# What the overview shows, measured in the page: every drawn node's place on screen, and for
# the most central ones the label vis-network drew (its box from vis' own text measurement,
# Label.size, and its size on screen: the font times the zoom, capped at maxVisible).
OVERVIEW = """(function (top) {
  network.fit({ animation: false });
  network.redraw();
  var canvas = document.getElementById("mynetwork");
  var width = canvas.clientWidth, height = canvas.clientHeight, scale = network.getScale();
  var ids = network.body.data.nodes.getIds(), positions = network.getPositions(ids);
  var inside = 0, xs = [], ys = [];
  ids.forEach(function (id) {
    var p = network.canvasToDOM(positions[id]);
    xs.push(p.x); ys.push(p.y);
    if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) { inside += 1; }
  });
  var scaling = network.body.nodes[ids[0]].options.scaling.label;
  var ranked = network.body.data.nodes.get().sort(function (a, b) {
    return b.value - a.value || (a.id < b.id ? -1 : 1);
  }).slice(0, top);
  var labels = ranked.map(function (n) {
    var label = network.body.nodes[n.id].labelModule, font = label.fontOptions.size * scale;
    var a = network.canvasToDOM({ x: label.size.left, y: label.size.top });
    var b = network.canvasToDOM({
      x: label.size.left + label.size.width, y: label.size.top + label.size.height
    });
    return { text: n.label, px: Math.min(font, scaling.maxVisible),
             drawn: font >= scaling.drawThreshold - 1, box: [a.x, a.y, b.x, b.y] };
  });
  return { nodes: ids.length, inside: inside, width: width, height: height,
           spread: [Math.max.apply(null, xs) - Math.min.apply(null, xs),
                    Math.max.apply(null, ys) - Math.min.apply(null, ys)],
           labels: labels };
})(%d)"""


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[:i])
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def measure(page: Any, top: int = 20) -> dict[str, Any]:
    """The overview at fit (see OVERVIEW), with the pairs of top labels that overlap."""
    seen = page.evaluate(OVERVIEW % top)
    seen["overlaps"] = overlapping([label["box"] for label in seen["labels"]])
    return seen
