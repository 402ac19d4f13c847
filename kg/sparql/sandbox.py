"""Sandbox: run SPARQL in a worker process under a time, row and memory limit, offline.

Why a process: neither engine can be stopped from a thread (Oxigraph evaluates in Rust;
rdflib 7.6 spent over 60 s on a regex over a cross product of ~1,000 triples), but a process
can be killed at the deadline, capped with RLIMIT_AS, and cut off the network. The checks of
`kg.query.check_query` refuse SERVICE, LOAD and FROM before a query runs; the worker adds
two more walls in case a query slips past the parser: a seccomp filter that makes creating
an IPv4/IPv6 socket fail (Linux x86-64 and arm64), and an audit hook that refuses to open
files or connect once the graph is loaded.

A worker loads its graph once and answers queries until it is closed or killed, so the CLI
pays one fork per run and the server keeps a few workers warm.
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import multiprocessing
import os
import platform
import resource
import signal
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib.term import Identifier

from kg.errors import KGError, QueryError, QueryTimeout
from kg.graph.aggregates import with_aggregates
from kg.serialize.read import read_graph
from kg.serialize.store import beside_store, load_store, open_store
from kg.sparql.engine import run_on_store
from kg.sparql.query import (
    DEFAULT_PREFIXES,
    Prefixes,
    QueryResult,
    graph_prefixes,
    run_query,
)


@dataclass(frozen=True, slots=True)
class Limits:
    """What one query may use; the CLI's --timeout, --max-rows and --max-memory."""

    timeout: float = 30.0  # seconds of wall-clock time
    max_rows: int = 100_000
    max_memory_mb: int = 2048  # on top of what the loaded graph takes
    truncate: bool = (
        False  # past max_rows: the first max_rows rows, marked, not an error
    )


@dataclass(frozen=True, slots=True)
class Source:
    """What a worker queries: a graph file read into memory, or an Oxigraph store folder
    (written by `kg.serialize.store.load_store`) opened read-only."""

    graph: Path | None = None
    store: Path | None = None
    engine: str = "oxigraph"  # or "rdflib"
    prefixes: Prefixes = DEFAULT_PREFIXES  # predefined in queries: the graph file's too


def source_for(
    graph: Path,
    *,
    engine: str = "oxigraph",
    store: Path | None = None,
    beside: bool = False,
) -> Source:
    """Check what to query; with `store`, load `graph` into that Oxigraph store folder first
    (once: the folder is reused while the graph file is unchanged). With `beside` and no
    `store`, a big graph file gets its store folder beside it (`beside_store`); a small one
    is read into memory. Queries may use the prefixes the graph file declares."""
    if engine not in ("oxigraph", "rdflib"):
        raise QueryError(f"unknown engine {engine!r}; choose oxigraph or rdflib")
    if not graph.is_file():
        raise QueryError(
            f"{graph}: no such graph file (build one with `kg build`, or name a graph file)"
        )
    prefixes = graph_prefixes(graph)
    if store is None and beside and engine == "oxigraph":
        store = beside_store(graph)
    if store is not None:
        if engine != "oxigraph":
            raise QueryError("a store folder needs the oxigraph engine")
        load_store(graph, location=store)
        return Source(store=store, prefixes=prefixes)
    return Source(graph=graph, engine=engine, prefixes=prefixes)


Engine = Callable[[str, Mapping[str, Identifier], Limits], QueryResult]


class Worker:
    """A child process holding one graph, answering one query at a time under `limits`."""

    def __init__(
        self, source: Source, limits: Limits, *, start_method: str = "fork"
    ) -> None:
        self.limits = limits
        context = multiprocessing.get_context(start_method)
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child, source, limits), daemon=True
        )
        self._process.start()
        child.close()
        # loading is part of the time a query may take: a hostile file (an RDF/XML entity
        # bomb) must not hold the worker past the limit either
        if not self._conn.poll(limits.timeout):
            self.close()
            raise QueryTimeout(
                f"loading the graph ran past the time limit of {limits.timeout:g} s and was "
                "stopped (raise --timeout, or load it once into a --store folder)"
            )
        try:
            status, payload = self._conn.recv()
        except EOFError:
            self.close()
            raise QueryError(
                f"the query worker died while loading the graph ({_death(self._process.exitcode)})"
            ) from None
        if status != "ready":
            self.close()
            raise QueryError(payload)

    @property
    def alive(self) -> bool:
        """False once the worker was killed (time limit) or died (memory limit)."""
        return self._process.is_alive()

    def query(
        self, text: str, bindings: Mapping[str, Identifier] | None = None
    ) -> QueryResult:
        """Run `text` with `bindings` in the worker; raises QueryError when a limit is hit."""
        if not self.alive:
            raise QueryError("the query worker is not running")
        self._conn.send((text, dict(bindings or {})))
        if not self._conn.poll(self.limits.timeout):
            self.close()
            raise QueryTimeout(
                f"query ran past the time limit of {self.limits.timeout:g} s and was stopped"
            )
        try:
            status, payload = self._conn.recv()
        except EOFError:
            self._process.join(1)
            code = self._process.exitcode
            self.close()
            raise QueryError(
                f"query stopped: the worker died ({_death(code)}), most likely over "
                f"the memory limit of {self.limits.max_memory_mb} MiB"
            ) from None
        if status == "ok":
            return payload  # type: ignore[no-any-return]
        raise QueryError(payload)

    def close(self) -> None:
        """Stop the worker (at once: it may be in the middle of a query)."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._conn.close()

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_limited(
    source: Source,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    limits: Limits = Limits(),
) -> QueryResult:
    """Load `source` in a fresh worker, run one query under `limits`, stop the worker."""
    with Worker(source, limits) as worker:
        return worker.query(text, bindings)


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        return f"signal {signal.Signals(-code).name}"
    return f"exit code {code}"


# ------------------------------------------------------------------ inside the worker


def _serve(conn: Any, source: Source, limits: Limits) -> None:
    deny_network()
    try:
        engine = _open_engine(source)
    except KGError as e:
        conn.send(("error", str(e)))
        return
    _quiet()
    _limit_memory(limits.max_memory_mb)
    _deny_files_and_sockets()
    conn.send(("ready", None))
    while True:
        try:
            text, bindings = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", engine(text, bindings, limits)))
        except QueryError as e:
            conn.send(("error", str(e)))
        except MemoryError:
            conn.send(
                (
                    "error",
                    f"query ran over the memory limit of {limits.max_memory_mb} MiB "
                    "and was stopped",
                )
            )
        except RecursionError:
            conn.send(("error", "query is nested too deeply"))
        except Exception as e:  # an engine bug must not kill the worker silently
            conn.send(
                (
                    "error",
                    f"query failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}",
                )
            )


def _open_engine(source: Source) -> Engine:
    if source.engine == "rdflib":
        if source.graph is None:
            raise QueryError("the rdflib engine reads a graph file, not a store folder")
        try:
            graph = with_aggregates(read_graph(source.graph, union=True))
        except KGError as e:
            raise QueryError(str(e)) from None
        return lambda text, bindings, limits: run_query(
            graph,
            text,
            max_rows=limits.max_rows,
            truncate=limits.truncate,
            prefixes=source.prefixes,
            **bindings,
        )
    if source.engine != "oxigraph":
        raise QueryError(f"unknown engine {source.engine!r}; choose oxigraph or rdflib")
    if source.store is not None:
        store = open_store(source.store)
    elif source.graph is not None:
        store = load_store(source.graph)
    else:
        raise QueryError("nothing to query: give a graph file or a store folder")
    return lambda text, bindings, limits: run_on_store(
        store,
        text,
        bindings,
        max_rows=limits.max_rows,
        truncate=limits.truncate,
        prefixes=source.prefixes,
    )


def _quiet() -> None:
    """A query over the memory limit aborts the worker, and Rust and faulthandler would
    print a backtrace: the parent reports it in one line instead."""
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _limit_memory(max_memory_mb: int) -> None:
    """Cap the address space at what the worker uses now plus `max_memory_mb`; past it
    Python raises MemoryError and Rust aborts the worker, which the parent reports."""
    with contextlib.suppress(OSError, ValueError):
        status = Path("/proc/self/status").read_text(encoding="ascii")
        size_kb = next(
            int(line.split()[1])
            for line in status.splitlines()
            if line.startswith("VmSize:")
        )
        limit = size_kb * 1024 + max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _deny_files_and_sockets() -> None:
    """Once the graph is loaded a query has no reason to open a file (but an import may)
    or a connection: refuse both (PEP 578 audit hook; it covers Python code, so rdflib)."""
    roots = tuple(
        {
            str(Path(p).resolve())
            for p in (
                sys.prefix,
                sys.base_prefix,
                sys.exec_prefix,
                Path(__file__).parent,
            )
        }
    )

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.realpath(os.fsdecode(args[0]))
            if not path.startswith(roots):
                raise PermissionError(f"queries may not open files ({path})")
        elif event in (
            "socket.connect",
            "socket.getaddrinfo",
            "urllib.Request",
            "subprocess.Popen",
            "os.system",
        ):
            raise PermissionError("queries may not reach the network or run programs")

    sys.addaudithook(hook)


# seccomp: (audit arch, number of the socket syscall) of the architectures handled
_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}


class _SockFilter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    ]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def deny_network() -> bool:
    """Make socket(AF_INET/AF_INET6, ...) fail with EACCES in this process from now on.

    A seccomp-BPF filter, so it holds for Rust code too (Oxigraph's SERVICE client). Returns
    False where it cannot be installed (not Linux x86-64/arm64, or seccomp unavailable);
    the parser check still refuses SERVICE there.
    """
    arch = _ARCHES.get(platform.machine())
    if sys.platform != "linux" or arch is None:
        return False
    audit_arch, nr_socket = arch
    ld_abs, jeq, ja, ret = (
        0x20,
        0x15,
        0x05,
        0x06,
    )  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_JMP|BPF_JA, BPF_RET|BPF_K
    allow, deny = (
        0x7FFF0000,
        0x00050000 | 13,
    )  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EACCES
    program = [
        (ld_abs, 0, 0, 4),  # seccomp_data.arch
        (jeq, 0, 7, audit_arch),  # another ABI: allow
        (ld_abs, 0, 0, 0),  # seccomp_data.nr
        (jeq, 2, 0, nr_socket),
        (jeq, 1, 0, nr_socket | 0x40000000),  # the x32 ABI's number for socket
        (ja, 0, 0, 3),  # not socket: allow
        (ld_abs, 0, 0, 16),  # seccomp_data.args[0] (low half): the address family
        (jeq, 2, 0, 2),  # AF_INET
        (jeq, 1, 0, 10),  # AF_INET6
        (ret, 0, 0, allow),
        (ret, 0, 0, deny),
    ]
    filters = (_SockFilter * len(program))(*[_SockFilter(*op) for op in program])
    fprog = _SockFprog(len(program), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
        return False
    return bool(
        libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(fprog), 0, 0) == 0
    )
