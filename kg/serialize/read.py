"""Reading graph files: any RDF file kg writes (or Oxigraph reads), as one rdflib Graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import KGError

# rdflib's parser names by file suffix: the formats kg writes, and RDF/XML and N3
RDFLIB_FORMATS = {
    "ttl": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "n3": "n3",
    "rdf": "xml",
    "owl": "xml",
    "xml": "xml",
}
_QUADS = ("nquads", "trig")


def check_syntax(path: Path) -> None:
    """Parse `path` strictly with Oxigraph (as SPARQL stores will), raising KGError with the
    line and column of the first error: rdflib accepts things strict parsers refuse (an IRI
    with a space, a bad language tag)."""
    import pyoxigraph as ox

    from kg.serialize.store import rdf_format

    fmt = rdf_format(path)
    try:
        with path.open("rb") as handle:
            for _ in ox.parse(handle, format=fmt):
                pass
    except SyntaxError as e:
        raise KGError(
            f"{path}: not valid {fmt.name} for strict parsers ({str(e).splitlines()[0]})"
        ) from e
    except OSError as e:
        raise KGError(f"{path}: cannot read ({e.strerror})") from e


def read_graph(path: Path, *, union: bool = False) -> Graph:
    """Parse a graph file (format from its suffix) into one graph.

    The named graphs of TriG and N-Quads are merged into one graph, or, with `union`, kept
    as a Dataset whose default graph is their union (what SPARQL's GRAPH patterns need, and
    how Oxigraph reads them).
    """
    rdf_format = RDFLIB_FORMATS.get(path.suffix.lower().lstrip("."))
    if rdf_format is None:
        raise KGError(
            f"{path}: not an RDF file kg reads (suffix one of {', '.join(RDFLIB_FORMATS)})"
        )
    if not path.is_file():
        raise KGError(f"{path}: no such graph file")
    try:
        if rdf_format in _QUADS:
            dataset = Dataset(default_union=union)
            dataset.parse(path, format=rdf_format)
            if union:
                return dataset
            graph = Graph(bind_namespaces="none")
            for prefix, namespace in dataset.namespaces():
                graph.bind(prefix, namespace)
            for s, p, o, _ in dataset.quads():
                graph.add((s, p, o))
            return graph
        return Graph(bind_namespaces="none").parse(path, format=rdf_format)
    except Exception as e:  # rdflib raises parser-specific types
        raise KGError(f"{path}: cannot parse graph ({e})") from e
