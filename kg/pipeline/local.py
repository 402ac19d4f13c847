"""The local engine: parse and extract in this process, or in `jobs` worker processes.

kg.pipeline imports an engine only when there is text to parse, so that building from
stored extractions (or importing kg) does not load spaCy.

The spaCy parse dominates the cost of a build and each article is independent, so with
`jobs > 1` articles go in chunks to worker processes, each with its own copy of the
pipeline. With the `fork` start method (Linux) the model is loaded once, before the workers
start, and shared copy-on-write; elsewhere each worker loads it. A worker sends back its
chunk's Extraction records (small next to a parsed Doc) and the reports of articles it had
to skip; the driver yields them in input order, so the output does not depend on which
worker was faster. At most `2 * jobs` chunks are in flight, so memory stays bounded however
long the input.

Why not `nlp.pipe(n_process=N)`: it ships every parsed Doc back to one process, which then
runs the extraction alone; here the extraction runs in the workers too.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from kg.errors import ArticleError
from kg.model import Article, Extraction
from kg.nlp.components import make_nlp
from kg.nlp.extract import extract_articles
from kg.resources import Ontology, load_ontology
from kg.settings import Settings

CHUNK_SIZE = 64  # articles a worker takes at a time


def chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_chunk(
    articles: list[Article], nlp: Any, ontology: Ontology, *, batch_size: int
) -> tuple[list[Extraction], list[str]]:
    """Parse and extract a chunk; return its extractions and the reports of failures."""
    failures: list[str] = []
    extractions = list(
        extract_articles(
            articles,
            nlp,
            ontology,
            batch_size=batch_size,
            on_error=lambda e: failures.append(str(e)),
        )
    )
    return extractions, failures


def make_pipeline(settings: Settings, ontology: Ontology) -> Any:
    """kg's spaCy pipeline for `settings` (the one place the engines load it)."""
    return make_nlp(ontology, model=settings.model)


# Set in the driver before the workers fork (or by _init_worker under spawn): the pipeline,
# ontology and batch size every task of this process uses.
_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings) -> None:
    # the driver handles Ctrl-C and stops the pool; SIGTERM (how the pool stops a worker)
    # must end a worker at once, not run a handler the driver installed before forking
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if "nlp" in _WORKER:
        return  # forked with the driver's pipeline
    ontology = load_ontology(settings.ontology_dir)
    _WORKER.update(
        nlp=make_pipeline(settings, ontology),
        ontology=ontology,
        batch_size=settings.batch_size,
    )


def _work(articles: list[Article]) -> tuple[list[Extraction], list[str]]:
    return extract_chunk(
        articles, _WORKER["nlp"], _WORKER["ontology"], batch_size=_WORKER["batch_size"]
    )


def extract(
    articles: Iterable[Article],
    settings: Settings,
    ontology: Ontology,
    *,
    nlp: Any = None,
    on_error: Callable[[ArticleError], None],
    progress: Callable[[int], None] | None = None,
) -> Iterator[Extraction]:
    """The extraction of every article, in input order, with `settings.jobs` processes."""
    if settings.jobs <= 1:
        nlp = nlp or make_pipeline(settings, ontology)

        def counted() -> Iterator[Article]:
            for article in articles:
                yield article
                if progress is not None:
                    progress(1)

        yield from extract_articles(
            counted(), nlp, ontology, batch_size=settings.batch_size, on_error=on_error
        )
        return
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        _WORKER.update(
            nlp=nlp or make_pipeline(settings, ontology),
            ontology=ontology,
            batch_size=settings.batch_size,
        )
    try:
        with context.Pool(
            settings.jobs, initializer=_init_worker, initargs=(settings,)
        ) as pool:
            pending: deque[tuple[int, Any]] = deque()
            for chunk in chunks(articles, CHUNK_SIZE):
                pending.append((len(chunk), pool.apply_async(_work, (chunk,))))
                while len(pending) >= 2 * settings.jobs:
                    yield from _drain(pending, on_error, progress)
            while pending:
                yield from _drain(pending, on_error, progress)
    finally:
        _WORKER.clear()


def _drain(
    pending: deque[tuple[int, Any]],
    on_error: Callable[[ArticleError], None],
    progress: Callable[[int], None] | None,
) -> Iterator[Extraction]:
    size, result = pending.popleft()
    extractions, failures = result.get()
    for failure in failures:
        on_error(ArticleError(failure))
    if progress is not None:
        progress(size)
    yield from extractions
