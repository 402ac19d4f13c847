"""Push: load a built graph into a SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph
server, Apache Jena Fuseki, GraphDB...), streamed in bounded memory.

The graph is read from DIR/graph.nq (the layout of `kg build --format nq`: each article's
statements in its named graph), else from the first of graph.trig, graph.ttl, graph.nt,
graph.jsonld (through rdflib, for graphs that fit in memory). Each named graph is sent with
`POST ENDPOINT?graph=IRI` and the default graph with `POST ENDPOINT?default`, as N-Triples:
the protocol's "merge" operation, so a push adds to what the store holds. Lines are
buffered up to `batch` and sent graph by graph, so memory stays bounded however large the
file. `replace=True` first empties each graph the push writes to (`DELETE`, the protocol's
"drop", once per graph; a graph the store lacks is fine).
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

BATCH = 50_000  # lines held before they are sent
_DEFAULT = ""  # the default graph's key
_CONVERTED = ("trig", "ttl", "nt", "jsonld")


@dataclass(frozen=True, slots=True)
class Pushed:
    """What a push sent."""

    source: Path
    triples: int
    graphs: int  # named graphs (the default graph not counted)
    requests: int


def _quads(directory: Path) -> tuple[Path, Iterator[str]]:
    """The graph file to send and its N-Quads lines."""
    nquads = directory / "graph.nq"
    if nquads.is_file():
        return nquads, _lines(nquads)
    for fmt in _CONVERTED:
        path = directory / f"graph.{fmt}"
        if path.is_file():
            from kg.serialize.formats import nquads_bytes, read_graph

            data = nquads_bytes(read_graph(path)).decode("utf-8")
            return path, iter(data.splitlines(keepends=True))
    raise KGError(
        f"{directory}: no graph.nq (or graph.trig, .ttl, .nt, .jsonld); build it with "
        f"`kg build ... -o {directory}`"
    )


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        yield from handle


def split_quad(line: str) -> tuple[str, str]:
    """An N-Quads line -> (graph IRI, or "" for the default graph; the N-Triples line).
    Subjects and predicates are IRIs (kg mints no blank nodes, and an IRI holds no '>')."""
    body = line.rstrip()
    if not body.endswith("."):
        raise KGError(f"not an N-Quads line: {line[:80]!r}")
    body = body[:-1].rstrip()
    start = body.rfind("<")  # an IRI holds no '<': this starts the last IRI of the line
    if (
        body.endswith(">") and start > 0 and body[start - 1] == " "
    ):  # not a datatype (^^<)
        head = body[:start].rstrip()
        # an IRI object is last too: the IRI is a graph name only when an object precedes it
        subject_end = head.find(">") + 1
        predicate_end = head.find(">", subject_end) + 1
        if predicate_end > 0 and head[predicate_end:].strip():
            return body[start + 1 : -1], head + " .\n"
    return _DEFAULT, body + " .\n"


class _Endpoint:
    def __init__(self, url: str, *, auth: str | None, timeout: float) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise KGError(f"{url}: not an http(s) Graph Store Protocol endpoint URL")
        self.url = url
        self.timeout = timeout
        self.headers = {}
        if auth:
            self.headers["Authorization"] = "Basic " + base64.b64encode(
                auth.encode("utf-8")
            ).decode("ascii")
        self.requests = 0

    def _target(self, graph: str) -> str:
        query = (
            "default" if graph == _DEFAULT else urllib.parse.urlencode({"graph": graph})
        )
        return f"{self.url}{'&' if '?' in self.url else '?'}{query}"

    def send(
        self, method: str, graph: str, body: bytes = b"", *, missing_ok: bool = False
    ) -> None:
        headers = dict(self.headers)
        if body:
            headers["Content-Type"] = "application/n-triples"
        request = urllib.request.Request(
            self._target(graph), data=body or None, method=method, headers=headers
        )
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as e:
            if missing_ok and e.code == 404:
                return
            detail = e.read()[:200].decode("utf-8", "replace").strip()
            raise KGError(
                f"{method} {self._target(graph)}: HTTP {e.code} "
                f"{e.reason}{': ' + detail if detail else ''}"
            ) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise KGError(
                f"{method} {self._target(graph)}: cannot reach the endpoint ({reason})"
            ) from None


def push(
    directory: Path,
    endpoint: str,
    *,
    replace: bool = False,
    auth: str | None = None,
    batch: int = BATCH,
    timeout: float = 300.0,
) -> Pushed:
    """Send the graph built in `directory` to the Graph Store Protocol `endpoint`."""
    source, lines = _quads(directory)
    target = _Endpoint(endpoint, auth=auth, timeout=timeout)
    buffered: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    held = triples = 0

    def flush() -> None:
        for graph in sorted(buffered):
            if replace and graph not in seen:
                target.send("DELETE", graph, missing_ok=True)
            seen.add(graph)
            target.send("POST", graph, "".join(buffered[graph]).encode("utf-8"))
        buffered.clear()

    for line in lines:
        if not line.strip():
            continue
        graph, triple = split_quad(line)
        buffered[graph].append(triple)
        held += 1
        triples += 1
        if held >= batch:
            flush()
            held = 0
    flush()
    return Pushed(source, triples, len(seen - {_DEFAULT}), target.requests)
