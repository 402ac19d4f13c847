"""Server: a read-only SPARQL 1.1 Protocol endpoint over a graph, for YASGUI, SPARQLWrapper,
rdflib's SPARQLStore or a browser.

`GET/POST /sparql` answers `query=` (or an application/sparql-query body) in SPARQL JSON,
XML, CSV or TSV by the Accept header; `/` is an offline query page; `/queries/NAME?k=v` runs a
named query with bound parameters. Updates are refused with 403, SERVICE / FROM with 400,
and every query runs in a worker process (`kg.sparql.sandbox`) under the time, row and memory
limits, cut off the network. The graph is loaded once into an Oxigraph store folder that
the workers open read-only, so a worker killed at the time limit is replaced in a moment.

The standard library's threaded HTTP server is enough for a local endpoint: it binds to
127.0.0.1 unless told otherwise, and sends no CORS header unless `--cors ORIGIN` names the one
origin whose pages may read it, so other web sites cannot. CONSTRUCT and DESCRIBE answer a
graph (Turtle, N-Triples, JSON-LD or RDF/XML by the Accept header); queries may use the
prefixes the graph file declares.

`oxigraph serve-read-only` (the oxigraph package) could serve the same store folder, but
without kg's guard (the SERVICE/FROM/LOAD check, the time, row and memory limits, the worker
cut off the network), so kg serves it itself.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from rdflib.term import Identifier

from kg.errors import QueryError, QueryTimeout
from kg.serialize.store import beside_store, load_store
from kg.sparql.named import named_queries, named_query
from kg.sparql.query import DEFAULT_PREFIXES, Prefixes, QueryResult, graph_prefixes
from kg.sparql.results import (
    GRAPH_FORMATS,
    MEDIA_TYPES,
    WRITERS,
    format_graph,
    negotiate,
    negotiate_graph,
)
from kg.sparql.sandbox import Limits, Source, Worker

MAX_BODY = 1 << 20  # bytes of a POSTed query
LOOPBACK = ("127.0.0.1", "localhost", "::1")
TEMPLATE = Path(__file__).resolve().parent / "templates" / "sparql.html"


class Pool:
    """A few warm workers over one store folder; a killed worker is replaced in the
    background so the next query need not wait for it."""

    def __init__(
        self, source: Source, limits: Limits, size: int, *, most: int | None = None
    ) -> None:
        self.source, self.limits = source, limits
        # slow queries hold their workers until the time limit: past `size` busy workers a
        # new one is started (they open the store folder read-only, which is quick), up to
        # `most`, so a fast query is not stuck behind two slow ones
        self.size, self.most = size, max(size, most or 4 * size)
        # Workers fork from a clean, single-threaded server process that has imported the
        # engines once (forking the threaded HTTP server itself is unsafe).
        multiprocessing.get_context("forkserver").set_forkserver_preload(
            ["kg.sparql.sandbox", "kg.sparql.engine"]
        )
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._workers: set[Worker] = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = Worker(self.source, self.limits, start_method="forkserver")
        with self._lock:
            self._workers.add(worker)
        self._idle.put(worker)

    def query(
        self, text: str, bindings: Mapping[str, Identifier] | None = None
    ) -> QueryResult:
        """Run one query on an idle worker; raises QueryError (limits) or queue.Empty (busy)."""
        try:
            worker = self._idle.get(timeout=0.05)
        except queue.Empty:
            with self._lock:
                grow = len(self._workers) < self.most
            if grow:
                self._add()
            worker = self._idle.get(timeout=self.limits.timeout)
        try:
            return worker.query(text, bindings)
        finally:
            with self._lock:
                surplus = len(self._workers) > self.size
            if worker.alive and not surplus:
                self._idle.put(worker)
            else:
                with self._lock:
                    self._workers.discard(worker)
                if worker.alive:
                    worker.close()  # an extra worker, started for a busy moment
                elif not surplus:
                    threading.Thread(target=self._add, daemon=True).start()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.close()


# ------------------------------------------------------------------ HTTP


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-sparql"
    pool: Pool
    page: bytes
    prefixes: Prefixes = DEFAULT_PREFIXES  # predefined in queries, used to write graphs
    hosts: frozenset[str] | None = None  # Host headers accepted; None: any
    cors: str | None = (
        None  # the one origin whose pages may read the answers ("*": any)
    )

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the CLI reports what matters; access logs are not kept."""

    def _host_ok(self) -> bool:
        """On loopback, answer only requests addressed to loopback: a web page that points
        its own host name at 127.0.0.1 (DNS rebinding) cannot read the graph."""
        if self.hosts is None or (self.headers.get("Host") or "").lower() in self.hosts:
            return True
        self._error(
            HTTPStatus.FORBIDDEN, "requests must be addressed to the loopback address"
        )
        return False

    def do_GET(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if (
            url.path in ("/", "/sparql")
            and "query" not in params
            and "update" not in params
        ):
            self._send(HTTPStatus.OK, self.page, "text/html; charset=utf-8")
        elif url.path in ("/", "/sparql"):
            self._sparql(params)
        elif url.path == "/queries":
            self._send(
                HTTPStatus.OK,
                json.dumps(_catalogue(), ensure_ascii=False).encode(),
                "application/json",
            )
        elif url.path.startswith("/queries/"):
            self._named(url.path.removeprefix("/queries/"), params)
        else:
            self._error(
                HTTPStatus.NOT_FOUND,
                f"no such page {url.path}; the endpoint is /sparql",
            )

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path not in ("/", "/sparql"):
            self._error(
                HTTPStatus.NOT_FOUND, f"no such endpoint {url.path}; POST to /sparql"
            )
            return
        length = (
            int(self.headers.get("Content-Length") or 0)
            if (self.headers.get("Content-Length") or "0").isdigit()
            else -1
        )
        if length < 0:
            self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
            return
        if length > MAX_BODY:
            self._error(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"query over {MAX_BODY} bytes"
            )
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-update":
            params["update"] = [body]
        elif media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            self._error(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "POST application/sparql-query or an HTML form (query=...)",
            )
            return
        self._sparql(params)

    def do_OPTIONS(self) -> None:
        """A CORS preflight: granted to the --cors origin only; without --cors, refused (a
        page of another origin then cannot send its query)."""
        if not self._host_ok():
            return
        if self._allowed_origin() is None:
            self._error(
                HTTPStatus.FORBIDDEN,
                "cross-origin requests are off (start kg serve with --cors ORIGIN)"
                if self.cors is None
                else f"only pages of {self.cors} may query this endpoint",
            )
            return
        self._send(
            HTTPStatus.NO_CONTENT,
            b"",
            "text/plain; charset=utf-8",
            {
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Accept, Content-Type",
                "Access-Control-Max-Age": "600",
            },
        )

    def _allowed_origin(self) -> str | None:
        """The Origin header when --cors grants it, else None."""
        origin = self.headers.get("Origin")
        if self.cors is None or origin is None:
            return None
        return origin if self.cors in ("*", origin) else None

    def do_PUT(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "read-only endpoint")

    do_DELETE = do_PATCH = do_PUT

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(
                HTTPStatus.FORBIDDEN, "read-only endpoint: SPARQL UPDATE is refused"
            )
        elif "default-graph-uri" in params or "named-graph-uri" in params:
            self._error(
                HTTPStatus.BAD_REQUEST,
                "default-graph-uri / named-graph-uri are not allowed: the endpoint "
                "queries its own graph only",
            )
        elif len(params.get("query", [])) != 1 or not params["query"][0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query (query=...)")
        else:
            self._answer(params["query"][0], {}, params)

    def _named(self, name: str, params: dict[str, list[str]]) -> None:
        try:
            named = named_query(name)
            values = {k: v[-1] for k, v in params.items() if k != "format"}
            text, bindings = named.prepare(values)
        except QueryError as e:
            self._error(
                HTTPStatus.BAD_REQUEST
                if name in named_queries()
                else HTTPStatus.NOT_FOUND,
                str(e),
            )
            return
        self._answer(text, bindings, params)

    def _answer(
        self,
        text: str,
        bindings: Mapping[str, Identifier],
        params: dict[str, list[str]],
    ) -> None:
        accept = self.headers.get("Accept") or ""
        wanted = (params.get("format") or [None])[-1]
        try:
            result = self.pool.query(text, bindings)
        except queue.Empty:
            self._error(
                HTTPStatus.SERVICE_UNAVAILABLE, "every query worker is busy; try again"
            )
            return
        except QueryTimeout as e:
            self._error(HTTPStatus.GATEWAY_TIMEOUT, str(e))
            return
        except QueryError as e:
            self._error(HTTPStatus.BAD_REQUEST, str(e))
            return
        if result.triples is not None:  # CONSTRUCT or DESCRIBE: a graph
            syntax = negotiate_graph(accept, wanted)
            self._send(
                HTTPStatus.OK,
                format_graph(result, syntax, self.prefixes).encode("utf-8"),
                f"{GRAPH_FORMATS[syntax][1]}; charset=utf-8",
            )
            return
        fmt = negotiate(accept, wanted)
        self._send(
            HTTPStatus.OK,
            WRITERS[fmt](result).encode("utf-8"),
            f"{MEDIA_TYPES[fmt]}; charset=utf-8",
        )

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(
            status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8"
        )

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        media: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            origin = self._allowed_origin()
            if origin is not None:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Vary", "Origin")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
            elif self.cors is not None:
                self.send_header("Vary", "Origin")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away: nothing to answer, nothing to report


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that disconnects is no error of the server's: no traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def serve(
    graph: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    limits: Limits | None = None,
    workers: int = 2,
    store: Path | None = None,
    cors: str | None = None,
    on_ready: Callable[[str], None] = lambda url: None,
) -> None:
    """Load `graph` and answer SPARQL on http://HOST:PORT/sparql until interrupted.

    The graph goes into `store` (kept, and reused while the graph is unchanged), for a graph
    file over 16 MiB into the folder `kg query` keeps beside it (`beside_store`), else into
    a temporary folder removed at exit. `cors`: the origin (or "*") whose web pages may read
    the answers; by default none. `on_ready` gets the endpoint URL once queries work.
    """
    store = store or beside_store(
        graph
    )  # a big graph file: kept beside it, as kg query does
    folder = store or Path(tempfile.mkdtemp(prefix="kg-store-"))
    signal.signal(
        signal.SIGTERM, _interrupt
    )  # stop as on Ctrl-C: workers and folder go
    try:
        loaded = load_store(graph, location=folder)
        del loaded  # the workers open the folder read-only
        prefixes = graph_prefixes(graph)
        pool = Pool(
            Source(store=folder, prefixes=prefixes), limits or Limits(), workers
        )
        try:
            handler = type(
                "Handler",
                (_Handler,),
                {
                    "pool": pool,
                    "page": _page(prefixes),
                    "prefixes": prefixes,
                    "cors": cors,
                },
            )
            with _Server((host, port), handler) as httpd:
                if host in LOOPBACK:
                    bound = httpd.server_address[1]
                    handler.hosts = frozenset(
                        f"{name}:{bound}"
                        for name in ("127.0.0.1", "localhost", "[::1]")
                    )
                on_ready(f"http://{_url_host(host)}:{httpd.server_address[1]}/sparql")
                httpd.serve_forever()
        finally:
            pool.close()
    finally:
        if store is None:
            shutil.rmtree(folder, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _catalogue() -> list[dict[str, Any]]:
    """The named queries, as the page and GET /queries show them."""
    return [
        {
            "name": q.name,
            "title": q.title,
            "answers": q.answers,
            "text": q.text,
            "params": [
                {"name": p.name, "kind": p.kind, "required": p.required, "help": p.help}
                for p in q.params
            ],
        }
        for q in named_queries().values()
    ]


def _page(prefixes: Prefixes = DEFAULT_PREFIXES) -> bytes:
    """The query page, with the named queries and the prefixes inlined (no CDN: it works
    offline)."""

    def script_data(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False).replace(
            "<", "\\u003c"
        )  # no </script>

    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("/*QUERIES*/[]", script_data(_catalogue()))
        .replace("/*PREFIXES*/{}", script_data(dict(prefixes)))
        .encode("utf-8")
    )
