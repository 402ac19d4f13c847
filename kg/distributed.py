"""Distributed extraction on Dask (dask.distributed): the parse and the per-article
extraction run on a cluster's workers, partitioned by article; everything after it (entity
resolution, facts, the graph) runs once on this machine, as with local workers.

Each task is a chunk of articles; a worker loads kg's spaCy pipeline once (the first task
it runs) and keeps it for the next ones. Results come back as extraction records (JSON
lines, kg.store's format) and are written to the shard files in input order, with at most
`2 * workers` chunks in flight, so the output equals the local engine's and the driver's
memory stays bounded.

A real cluster: start `dask scheduler` on one host and `dask worker tcp://HOST:8786
--nthreads 1` on each worker host (one thread a worker: spaCy parses in one thread, so use
`--nworkers N` for N cores), all with kg and its model installed and the ontology folder at
the same path (or give `--ontology` a shared path); then
`kg build --corpus C.jsonl.gz --engine dask --scheduler tcp://HOST:8786 -o OUT`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.model import Article
from kg.parallel import CHUNK_SIZE, Shards, ShardWriter, chunks, extract_chunk

_PIPELINES: dict[tuple[str | None, str], tuple[Any, Any]] = {}


def extract_on_worker(articles: list[Article], model: str | None, ontology_dir: str, batch_size: int) -> list[str]:
    """Task run on a Dask worker: parse and extract a chunk with this process' pipeline."""
    key = (model, ontology_dir)
    if key not in _PIPELINES:
        from kg.nlp import make_nlp
        from kg.resources import load_ontology

        ontology = load_ontology(Path(ontology_dir))
        _PIPELINES[key] = (make_nlp(ontology, model=model), ontology)
    nlp, ontology = _PIPELINES[key]
    return extract_chunk(articles, nlp, ontology, batch_size=batch_size)


def _client(scheduler: str | None, workers: int) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KGError("--engine dask needs dask.distributed: pip install 'kg[dask]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="30s")
        except OSError as e:
            raise KGError(f"cannot reach the Dask scheduler at {scheduler} ({e})") from e
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)


def extract_on_dask(
    articles: Iterable[Article],
    directory: Path,
    *,
    settings: Any,
    scheduler: str | None = None,
    workers: int = 1,
    client: Any = None,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Shards:
    """Extract every article on a Dask cluster (the scheduler at `scheduler`, the given
    `client`, else a LocalCluster of `workers` processes) into shard files."""
    own = client is None
    client = client or _client(scheduler, workers)
    writer = ShardWriter(directory)
    try:
        width = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending: deque[tuple[list[Article], Any]] = deque()
        args = (settings.model, str(Path(settings.ontology_dir).resolve()), settings.batch_size)

        def drain() -> None:
            chunk, future = pending.popleft()
            writer.write(future.result(), chunk)
            future.release()
            if progress is not None:
                progress(len(chunk))

        for chunk in chunks(articles, chunk_size):
            pending.append((chunk, client.submit(extract_on_worker, chunk, *args, pure=False)))
            while len(pending) >= width:
                drain()
        while pending:
            drain()
        return writer.shards()
    finally:
        writer.close()
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
