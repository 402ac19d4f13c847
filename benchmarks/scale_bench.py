"""Corpus-scale benchmark: what `kg build` costs on top of the spaCy parse, and what worker
processes buy.

    .venv/bin/python benchmarks/scale_bench.py \
        --corpus ../shared/corpus/news_corpus.jsonl.gz --limit 2000 --jobs 1,2

Every run is a child process, so each starts cold and its peak RSS is its own (the largest
of the child and its worker processes, from getrusage). Runs:

- bare nlp.pipe: the same spaCy model (without kg's components), the same batch size and
  the same disabled components, one process, over the cleaned texts `kg build` parses;
  timed from loading the model to the last Doc.
- kg build --jobs N: the whole `kg build --corpus ... --stream` command in-process, timed
  end to end (reading and cleaning the corpus, model, parse, extraction, resolution,
  streamed N-Quads, SHACL sample, HTML overview, extractions.jsonl).

words = whitespace-separated words of the cleaned article texts (the same in every run).
The corpus is read from where it lies and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # kB on Linux


def _texts(corpus: Path, limit: int | None) -> list[str]:
    from kg.ingest.read import Inputs, read_inputs
    from kg.resources import load_ontology

    inputs = Inputs(corpora=(corpus,), limit=limit)
    return [
        a.text for a in read_inputs(inputs, load_ontology(), on_error=lambda e: None)
    ]


def child_bare(
    corpus: Path, limit: int | None, batch_size: int, model: str | None
) -> dict[str, float]:
    """nlp.pipe alone over the cleaned texts."""
    from kg.nlp.components import load_model

    texts = _texts(corpus, limit)
    started = time.perf_counter()
    nlp = load_model(model)
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds = time.perf_counter() - started
    return {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "seconds": seconds,
        "rss_mb": _peak_rss_mb(),
        "pipes": ",".join(nlp.pipe_names),
    }


def child_build(
    corpus: Path, limit: int | None, batch_size: int, model: str | None, jobs: int
) -> dict[str, float]:
    """The whole kg build command, in this process."""
    from kg.pipeline.build import build

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as out:
        started = time.perf_counter()
        result = build(
            corpus=corpus, limit=limit, model=model, batch_size=batch_size, jobs=jobs
        )
        written = result.write(out, formats=("nq",), stream=True)
        quads = sum(1 for _ in written[0].open(encoding="utf-8"))
        seconds = time.perf_counter() - started
    return {
        "articles": result.read,
        "words": result.words,
        "seconds": seconds,
        "rss_mb": _peak_rss_mb(),
        "quads": quads,
    }


def _run_child(args: argparse.Namespace, kind: str, jobs: int = 1) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--corpus",
        str(args.corpus),
        "--batch-size",
        str(args.batch_size),
        "--child",
        kind,
        "--jobs",
        str(jobs),
    ]
    if args.limit:
        command += ["--limit", str(args.limit)]
    if args.model:
        command += ["--model", args.model]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="JSONL(.gz) corpus")
    parser.add_argument(
        "--limit", type=int, default=None, help="records to read (default: all)"
    )
    parser.add_argument(
        "--jobs", default="1,2", help="worker counts to run kg build with"
    )
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--model", default=None)
    parser.add_argument("--child", choices=["bare", "build"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bare":
        print(
            json.dumps(child_bare(args.corpus, args.limit, args.batch_size, args.model))
        )
        return
    if args.child == "build":
        print(
            json.dumps(
                child_build(
                    args.corpus, args.limit, args.batch_size, args.model, int(args.jobs)
                )
            )
        )
        return

    jobs = [int(j) for j in args.jobs.split(",")]
    load = os.getloadavg()
    rows = [("bare nlp.pipe", _run_child(args, "bare"))]
    for n in jobs:
        rows.append((f"kg build --jobs {n}", _run_child(args, "build", n)))
    bare = rows[0][1]
    print(
        f"corpus {args.corpus} ({'all' if args.limit is None else args.limit} "
        f"records), batch size {args.batch_size}, "
        f"{os.cpu_count()} CPUs, load average before {load[0]:.2f} after {os.getloadavg()[0]:.2f}"
    )
    print(f"bare pipeline: {bare['pipes']}")
    print(
        f"{'run':<20} {'articles':>8} {'words':>9} {'seconds':>8} {'words/s':>8} "
        f"{'vs bare':>8} {'speed-up':>8} {'peak RSS':>9}"
    )
    first_build = rows[1][1]["words"] / rows[1][1]["seconds"] if len(rows) > 1 else None
    for name, r in rows:
        rate = r["words"] / r["seconds"]
        ratio = f"{rate / (bare['words'] / bare['seconds']):.2f}"
        speed = (
            f"{rate / first_build:.2f}x"
            if first_build and name.startswith("kg")
            else ""
        )
        print(
            f"{name:<20} {r['articles']:>8} {r['words']:>9} {r['seconds']:>8.1f} "
            f"{rate:>8.0f} {ratio:>8} {speed:>8} {r['rss_mb']:>7.0f} MB"
        )


if __name__ == "__main__":
    main()
