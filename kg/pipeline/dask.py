"""Distributed extraction on Dask (dask.distributed): the parse and the per-article
extraction run on a cluster's workers, partitioned by article; everything after it (entity
resolution, facts, the graph) runs once on this machine, as with local workers.

Each task is a chunk of articles; a worker loads kg's spaCy pipeline once (the first task
it runs) and keeps it for the next ones. Results come back as Extraction records and are
yielded in input order, with at most `2 * workers` chunks in flight, so the output equals the
local engine's and the driver's memory stays bounded.

A real cluster: start `dask scheduler` on one host and `dask worker tcp://HOST:8786
--nthreads 1` on each worker host (one thread a worker: spaCy parses in one thread, so use
`--nworkers N` for N cores), all with kg and its model installed and the ontology folder at
the same path (or give `--ontology` a shared path); then
`kg build --corpus C.jsonl.gz --engine dask --scheduler tcp://HOST:8786 -o OUT`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.errors import ArticleError, KGError
from kg.model import Article, Extraction
from kg.pipeline.local import CHUNK_SIZE, chunks, extract_chunk, make_pipeline
from kg.resources import Ontology, load_ontology
from kg.settings import Settings

_PIPELINES: dict[tuple[str | None, str], tuple[Any, Any]] = {}


def extract_on_worker(
    articles: list[Article], settings: Settings
) -> tuple[list[Extraction], list[str]]:
    """Task run on a Dask worker: parse and extract a chunk with this process' pipeline."""
    key = (settings.model, str(settings.ontology_dir))
    if key not in _PIPELINES:
        ontology = load_ontology(settings.ontology_dir)
        _PIPELINES[key] = (make_pipeline(settings, ontology), ontology)
    nlp, ontology = _PIPELINES[key]
    return extract_chunk(articles, nlp, ontology, batch_size=settings.batch_size)


def _client(scheduler: str | None, workers: int) -> Any:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KGError(
            "--engine dask needs dask.distributed: pip install 'kg[dask]'"
        ) from None
    if scheduler:
        try:
            return Client(scheduler, timeout="30s")
        except OSError as e:
            raise KGError(
                f"cannot reach the Dask scheduler at {scheduler} ({e})"
            ) from e
    cluster = LocalCluster(
        n_workers=max(1, workers),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
    )
    return Client(cluster)


def extract(
    articles: Iterable[Article],
    settings: Settings,
    ontology: Ontology,
    *,
    nlp: Any = None,
    on_error: Callable[[ArticleError], None],
    progress: Callable[[int], None] | None = None,
    client: Any = None,
) -> Iterator[Extraction]:
    """The extraction of every article, in input order, on a Dask cluster (the scheduler of
    `settings.scheduler`, the given `client`, else a LocalCluster of `settings.jobs`
    processes). `nlp` is not used: each worker loads its own pipeline."""
    own = client is None
    client = client or _client(settings.scheduler, settings.jobs)
    worker_settings = settings if settings.ontology_dir is None else _resolved(settings)
    try:
        width = 2 * max(
            1, len(client.scheduler_info().get("workers", {})) or settings.jobs
        )
        pending: deque[tuple[int, Any]] = deque()

        def drain() -> Iterator[Extraction]:
            size, future = pending.popleft()
            extractions, failures = future.result()
            future.release()
            for failure in failures:
                on_error(ArticleError(failure))
            if progress is not None:
                progress(size)
            yield from extractions

        for chunk in chunks(articles, CHUNK_SIZE):
            pending.append(
                (
                    len(chunk),
                    client.submit(
                        extract_on_worker, chunk, worker_settings, pure=False
                    ),
                )
            )
            while len(pending) >= width:
                yield from drain()
        while pending:
            yield from drain()
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()


def _resolved(settings: Settings) -> Settings:
    """`settings` with an absolute ontology folder, the same path on every worker."""
    return replace(settings, ontology_dir=Path(settings.ontology_dir).resolve())  # type: ignore[arg-type]
