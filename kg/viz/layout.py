"""Layout: centrality, node positions and label sizes for the HTML network (networkx, numpy,
scipy).

The browser cannot lay out thousands of nodes with physics without freezing (pyvis#204), so
large networks arrive with positions computed here and physics off. News graphs are bags of
stories: a few large clusters and many small islands. So the layout is community-aware, in two
levels: Louvain communities (networkx) are each laid out alone, then packed as disks, the
largest (with the biggest hubs) first at the centre, linked communities drawn together, into an
ellipse of the page's shape, so that the overview fills a landscape window. Labels are sized
for that overview: the most central entities' labels are legible at the initial fit and kept
apart, the others appear as the zoom makes them readable.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kg.errors import ViewError

SIZE_MEASURES = ("pagerank", "degree")

#: The window the overview is sized for (the canvas of a 1200 x 800 browser window, less the
#: page's header): a larger window shows larger labels, a smaller one smaller labels.
VIEWPORT = (1150.0, 660.0)
ASPECT = VIEWPORT[0] / VIEWPORT[1]
TOP_LABELS = 20  #: labels legible at the overview, kept apart
TOP_LABEL_PX = 13.5  #: their size on screen at the overview (px)
#: a label is drawn once it would be this large on screen (vis drawThreshold) ...
LABEL_THRESHOLD_PX = 8
LABEL_MAX_PX = 24  #: ... and never larger than this (vis maxVisible)
#: a character of a system-ui label, in font sizes (an upper estimate)
CHAR_WIDTH = 0.58
#: Packing communities (layout units): the margin round each one, the gap between two, the
#: pull to the centre (across, up and down: weaker across, for a landscape page) and the pull
#: of the relations between two communities
MARGIN, GAP, GRAVITY, PULL = 0.7, 0.6, (0.02 / 1.74, 0.02 * 1.74), 0.05
MAX_STRETCH = (
    3.0  #: the packing is spread across (or down) at most this much to fit the page
)


def centrality(
    nodes: Iterable[str], edges: Iterable[tuple[str, str]], *, measure: str
) -> dict[str, float]:
    """PageRank (networkx) or degree of each node, edges taken as undirected."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes))
    graph.add_edges_from(sorted(edges))
    if measure == "degree":
        return {node: float(degree) for node, degree in graph.degree()}
    if measure != "pagerank":
        raise ViewError(
            f"unknown size measure {measure!r}; choose from {', '.join(SIZE_MEASURES)}"
        )
    if graph.number_of_nodes() == 0:
        return {}
    return dict(nx.pagerank(graph, max_iter=1000))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where every node goes (vis canvas pixels) and how large its label is drawn."""

    positions: dict[str, tuple[int, int]]
    fonts: dict[str, int]  #: label size in canvas pixels
    communities: dict[str, int]  #: community of each node, 0 the largest
    scale: float  #: the zoom at which the overview fits VIEWPORT


def communities(
    nodes: Sequence[str], edges: Iterable[tuple[str, str]], *, seed: int = 7
) -> list[list[str]]:
    """Louvain communities (networkx), largest first; each sorted. Deterministic."""
    import networkx as nx

    graph = _weighted(nodes, edges)
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def _weighted(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> Any:
    """An undirected graph whose edge weights count the relations between each pair."""
    import networkx as nx

    weight: dict[tuple[str, str], int] = defaultdict(int)
    for a, b in edges:
        if a != b:
            weight[(min(a, b), max(a, b))] += 1
    # sorted, so that nothing depends on the order (or hash seed) of the input
    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes))
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weight.items()))
    return graph


def layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    scale: float = 1.0,
    seed: int = 7,
    rank: dict[str, float] | None = None,
    labels: dict[str, str] | None = None,
    sizes: dict[str, float] | None = None,
) -> Placement:
    """Positions (whole canvas pixels, `scale` pixels to the ideal edge length) and label sizes.

    `rank` orders the nodes (most central first; default: by name), `labels` are the texts
    drawn under them and `sizes` their radii in canvas pixels, both used to keep the top labels
    apart.
    """
    import numpy as np

    edges = list(edges)
    rank = rank or {}
    order = sorted(nodes, key=lambda n: (-round(rank.get(n, 0.0), 12), n))
    if not order:
        return Placement({}, {}, {}, 1.0)
    groups = communities(order, edges, seed=seed)
    graph = _weighted(order, edges)
    boxes = [
        _force_layout(group, graph.subgraph(group).edges(data="weight"), seed=seed)
        for group in groups
    ]
    centres = _pack(groups, boxes, graph, seed=seed)
    pos = {
        node: (x + cx, y + cy)
        for box, (cx, cy) in zip(boxes, centres, strict=True)
        for node, (x, y) in box.items()
    }
    group_of = {node: i for i, group in enumerate(groups) for node in group}
    xy = np.array([pos[n] for n in order]) * scale
    sizes = sizes or {}
    labels = labels or {}
    radius = np.array([sizes.get(n, 10.0) for n in order])
    fit = _fit_scale(xy, radius)
    top = min(TOP_LABELS, len(order))
    fonts = _label_sizes(len(order), top, fit)
    # labels of the top entities never overlap at the overview: move a node whose label would
    # cover a more central one's just clear of it, up or down (labels are wide, not tall)
    boxes_placed: list[tuple[float, float, float, float]] = []
    for i in range(top):
        width = CHAR_WIDTH * fonts[i] * max(len(labels.get(order[i], "")), 1)
        height = 1.25 * fonts[i]
        x, y = xy[i]
        for _ in range(50):
            box = (
                x - width / 2,
                y - radius[i],
                x + width / 2,
                y + radius[i] + 4 + height,
            )
            hit = next((b for b in boxes_placed if _overlap(box, b)), None)
            if hit is None:
                break
            up, down = hit[1] - box[3] - 2, hit[3] - box[1] + 2
            y += up if abs(up) < abs(down) else down
        xy[i] = (x, y)
        boxes_placed.append(box)
    positions = {
        node: (round(float(x)), round(float(y)))
        for node, (x, y) in zip(order, xy, strict=True)
    }
    return Placement(
        positions,
        dict(zip(order, fonts, strict=True)),
        group_of,
        fit,
    )


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _fit_scale(xy: Any, radius: Any) -> float:
    """The zoom at which vis-network's fit shows every node in VIEWPORT (it adds 10%)."""
    width = float((xy[:, 0] + radius).max() - (xy[:, 0] - radius).min())
    height = float((xy[:, 1] + radius).max() - (xy[:, 1] - radius).min())
    return min(
        VIEWPORT[0] / (1.1 * max(width, 1.0)), VIEWPORT[1] / (1.1 * max(height, 1.0)), 1
    )


def _label_sizes(count: int, top: int, fit: float) -> list[int]:
    """Label size (canvas pixels) by rank: the top ones TOP_LABEL_PX on screen at the fit, the
    others drawn from a zoom that grows with their rank, from 1.6 to 8 times the fit."""
    fonts = [math.ceil(TOP_LABEL_PX / fit)] * top
    rest = count - top
    for i in range(rest):
        zoom = fit * 1.6 * 5 ** (i / max(rest - 1, 1))
        fonts.append(max(int(LABEL_THRESHOLD_PX / zoom), 1))
    return fonts


def _pack(
    groups: list[list[str]],
    boxes: list[dict[str, tuple[float, float]]],
    graph: Any,
    *,
    seed: int,
    iterations: int = 300,
) -> list[tuple[float, float]]:
    """Centres of the communities, packed as disks into an ellipse of the page's shape.

    The largest start at the centre of a sunflower spiral and the rest around them in order
    of size; then disks that overlap push apart, communities linked by relations pull
    together, and a pull to the centre, weaker across than up and down, keeps the whole a
    landscape ellipse (as d3-force's collide, link, x and y forces do).
    """
    import numpy as np

    k = len(groups)
    sizes = np.array([len(g) for g in groups], dtype=float)
    radius = np.array(
        [
            max((math.hypot(x, y) for x, y in box.values()), default=0.0) + MARGIN
            for box in boxes
        ]
    )
    if k == 1:
        return [(0.0, 0.0)]
    group_of = {node: i for i, group in enumerate(groups) for node in group}
    links: dict[tuple[int, int], float] = defaultdict(float)
    for a, b, w in graph.edges(data="weight"):
        ga, gb = group_of[a], group_of[b]
        if ga != gb:
            links[(min(ga, gb), max(ga, gb))] += w
    pairs = sorted(links)
    src = np.array([a for a, _ in pairs], dtype=np.intp)
    dst = np.array([b for _, b in pairs], dtype=np.intp)
    strength = np.array([links[p] for p in pairs], dtype=float)
    # a sunflower spiral, each disk's distance from the centre as the area before it
    area = np.cumsum(np.pi * (radius + 0.6) ** 2)
    angle = np.arange(k) * math.pi * (3 - math.sqrt(5))
    spread = np.sqrt(np.maximum(area - area[0], 0) / math.pi)
    pos = np.stack(
        [spread * np.cos(angle) * math.sqrt(ASPECT), spread * np.sin(angle)], axis=1
    )
    pos /= math.sqrt(math.sqrt(ASPECT))
    mass = sizes + 1.0
    gravity = np.array(GRAVITY)
    gap = GAP
    for step in range(iterations):
        heat = 1.0 - step / iterations
        move = -gravity * pos * heat
        if len(pairs):
            delta = pos[dst] - pos[src]
            pull = delta * (PULL * np.minimum(strength, 4.0))[:, None] * heat
            np.add.at(move, src, pull / mass[src, None] * mass.mean())
            np.add.at(move, dst, -pull / mass[dst, None] * mass.mean())
        pos += move
        # collisions: every overlapping pair is pushed apart, the lighter disk further
        for _ in range(2):
            delta = pos[:, None, :] - pos[None, :, :]
            dist = np.sqrt((delta**2).sum(axis=2))
            np.fill_diagonal(dist, np.inf)
            need = radius[:, None] + radius[None, :] + gap
            over = np.maximum(need - dist, 0.0)
            if not over.any():
                break
            unit = delta / np.maximum(dist, 1e-9)[:, :, None]
            share = mass[None, :] / (mass[:, None] + mass[None, :])
            pos += (unit * (over * share)[:, :, None]).sum(axis=1) * 0.5
    pos -= (pos * mass[:, None]).sum(axis=0) / mass.sum()
    _stretch(pos, radius)
    return [(float(x), float(y)) for x, y in pos]


def _stretch(pos: Any, radius: Any) -> None:
    """Spread the disks' centres across (or down) until the packing has the page's shape, so
    that the overview fills the window rather than a round patch of it. Spreading never makes
    two disks overlap; it stops at MAX_STRETCH."""

    def aspect(axis: int, factor: float) -> float:
        moved = pos.copy()
        moved[:, axis] *= factor
        width = (moved[:, 0] + radius).max() - (moved[:, 0] - radius).min()
        height = (moved[:, 1] + radius).max() - (moved[:, 1] - radius).min()
        return float(width / max(height, 1e-9))

    axis = 0 if aspect(0, 1.0) < ASPECT else 1
    wanted = ASPECT if axis == 0 else 1 / ASPECT

    def shape(factor: float) -> float:
        found = aspect(axis, factor)
        return found if axis == 0 else 1 / found

    if shape(1.0) >= wanted:
        return
    low, high = 1.0, MAX_STRETCH
    if shape(high) > wanted:
        for _ in range(30):  # bisection: the shape grows with the factor
            middle = (low + high) / 2
            low, high = (middle, high) if shape(middle) < wanted else (low, middle)
    pos[:, axis] *= high


def _force_layout(
    nodes: list[str],
    edges: Iterable[tuple[str, str, Any]],
    *,
    seed: int,
    iterations: int = 70,
) -> dict[str, tuple[float, float]]:
    """One community by the grid variant of Fruchterman and Reingold (1991), centred at 0.

    Repulsion acts only between nodes closer than twice the ideal edge length (pairs found
    with a k-d tree), so an iteration costs about O(n + m) instead of the O(n²) of networkx'
    spring_layout, which took 9 s for 2,000 nodes on a 2-core machine. Deterministic.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (-0.5, 0.0), nodes[1]: (0.5, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array(
        sorted(
            {(min(index[a], index[b]), max(index[a], index[b])) for a, b, _ in edges}
        ),
        dtype=np.intp,
    ).reshape(-1, 2)
    src, dst = pairs[:, 0], pairs[:, 1]
    side = math.sqrt(n) * 1.5
    pos = np.random.default_rng(seed).uniform(-side / 2, side / 2, size=(n, 2))
    step = side / 5

    def scatter(at: Any, values: Any) -> Any:
        return np.stack(
            [np.bincount(at, values[:, 0], n), np.bincount(at, values[:, 1], n)], axis=1
        )

    for _ in range(iterations):
        near = cKDTree(pos).query_pairs(2.0, output_type="ndarray")
        a, b = near[:, 0], near[:, 1]
        delta = pos[a] - pos[b]
        push = (
            delta / np.maximum((delta * delta).sum(axis=1), 1e-4)[:, None]
        )  # k²/d, k = 1
        move = scatter(a, push) - scatter(b, push)
        delta = pos[src] - pos[dst]
        pull = delta * np.sqrt((delta * delta).sum(axis=1))[:, None]  # d²/k
        move += scatter(dst, pull) - scatter(src, pull)
        move -= 0.05 * pos  # gravity keeps loosely attached branches (and islands) near
        length = np.maximum(np.linalg.norm(move, axis=1, keepdims=True), 1e-9)
        pos += move / length * np.minimum(length, step)
        step = max(step * 0.94, 0.03)
    pos -= pos.mean(axis=0)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos, strict=True)}
