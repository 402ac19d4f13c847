"""Layout: centrality and node positions for the HTML network (networkx, numpy, scipy).

The browser cannot lay out thousands of nodes with physics without freezing (pyvis#204), so
large networks arrive with positions computed here and physics off.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from kg.errors import ViewError

SIZE_MEASURES = ("pagerank", "degree")


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


def layout(
    nodes: list[str],
    edges: Iterable[tuple[str, str]],
    *,
    scale: float = 1.0,
    seed: int = 7,
) -> dict[str, tuple[int, int]]:
    """Positions, rounded to whole units of `scale` (one unit is the ideal edge length).

    Each connected component is laid out alone; the largest sits at the centre and the others
    fill rows beneath it, largest first, as Graphviz' `pack` does, so that small islands
    neither drift off nor shrink the initial zoom.
    """
    import networkx as nx

    # sorted, so that the positions never depend on the order (or hash seed) of the input
    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes))
    graph.add_edges_from(sorted((min(a, b), max(a, b)) for a, b in edges if a != b))
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)),
        key=lambda c: (-len(c), c[0]),
    )
    boxes = [
        _component_layout(c, graph.subgraph(c).edges(), seed=seed) for c in components
    ]
    if not boxes:
        return {}
    gap = 1.5
    main_x = [x for x, _ in boxes[0].values()]
    width = max(max(main_x) - min(main_x), 12.0)
    left = -width / 2
    cursor_x, cursor_y = left, max(y for _, y in boxes[0].values()) + 2 * gap
    row_height = 0.0
    placed: dict[str, tuple[int, int]] = {}
    for index, box in enumerate(boxes):
        xs, ys = [x for x, _ in box.values()], [y for _, y in box.values()]
        dx = dy = 0.0
        if index:
            if cursor_x + max(xs) - min(xs) > left + width and cursor_x > left:
                cursor_x, cursor_y, row_height = left, cursor_y + row_height + gap, 0.0
            dx, dy = cursor_x - min(xs), cursor_y - min(ys)
            cursor_x += max(xs) - min(xs) + gap
            row_height = max(row_height, max(ys) - min(ys))
        for node, (x, y) in box.items():
            placed[node] = (round((x + dx) * scale), round((y + dy) * scale))
    return placed


def _component_layout(
    nodes: list[str],
    edges: Iterable[tuple[str, str]],
    *,
    seed: int,
    iterations: int = 70,
) -> dict[str, tuple[float, float]]:
    """One connected component by the grid variant of Fruchterman and Reingold (1991).

    Repulsion acts only between nodes closer than twice the ideal edge length (pairs found
    with a k-d tree), so an iteration costs about O(n + m) instead of the O(n²) of networkx'
    spring_layout, which took 9 s for 2,000 nodes on a 2-core machine. Deterministic.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(nodes)
    if n <= 2:
        return {node: (float(i), 0.0) for i, node in enumerate(nodes)}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array(
        sorted({(min(index[a], index[b]), max(index[a], index[b])) for a, b in edges}),
        dtype=np.intp,
    )
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
        move -= 0.01 * pos  # weak gravity keeps loosely attached branches near
        length = np.maximum(np.linalg.norm(move, axis=1, keepdims=True), 1e-9)
        pos += move / length * np.minimum(length, step)
        step = max(step * 0.94, 0.03)
    pos -= pos.mean(axis=0)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos, strict=True)}
