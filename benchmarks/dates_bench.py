"""How much of a corpus build is dated: articles with a publication date (and how it was
found), and asserted readings with an event time read from their own sentence.

    .venv/bin/python benchmarks/dates_bench.py \
        --corpus ../shared/corpus/news_corpus.jsonl.gz --limit 2000 [--build DIR]

Without --build it runs `kg build --corpus ... --limit N --jobs 2 --format ttl` into a
temporary folder; with --build it reads a folder an earlier build wrote. It reads the
build's extractions.jsonl (every article and every reading, as extracted) and prints what
it counted. The corpus is read where it lies and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path


def measure(build: Path) -> dict[str, object]:
    articles = 0
    dated: Counter[str] = Counter()
    asserted = timed = 0
    dateline = dateline_timed = 0  # the places datelines state, dated by the dateline
    precision: Counter[str] = Counter()
    with (build / "extractions.jsonl").open(encoding="utf-8") as lines:
        next(lines)  # the header
        for line in lines:
            record = json.loads(line)
            article = record["article"]
            articles += 1
            if article.get("date"):
                dated[article.get("date_how") or "unknown"] += 1
            for relation in record["relations"]:
                if relation["modality"] != "asserted":
                    continue
                asserted += 1
                if relation["rule"] == "locatedIn.dateline":
                    dateline += 1
                    dateline_timed += bool(relation.get("time"))
                if relation.get("time"):
                    timed += 1
                    precision[
                        {10: "day", 7: "month", 4: "year"}[len(relation["time"])]
                    ] += 1
    return {
        "articles": articles,
        "dated": sum(dated.values()),
        "dated_by": dict(dated.most_common()),
        "asserted_readings": asserted,
        "with_event_time": timed,
        "dateline_readings": dateline,
        "dateline_with_time": dateline_timed,
        "event_time_precision": dict(precision.most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--build", type=Path, help="a folder an earlier build wrote")
    args = parser.parse_args()
    if args.build is None:
        if args.corpus is None:
            parser.error("give --corpus (to build) or --build (a built folder)")
        folder = Path(tempfile.mkdtemp(prefix="kg-dates-"))
        kg = Path(sys.executable).with_name("kg")
        subprocess.run(
            [str(kg), "build", "--corpus", str(args.corpus), "--limit", str(args.limit),
             "--jobs", "2", "--format", "ttl", "-o", str(folder)],
            check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        build = folder
    else:
        build = args.build
    found = measure(build)
    share = found["dated"] / found["articles"] if found["articles"] else 0.0
    timed = (
        found["with_event_time"] / found["asserted_readings"]
        if found["asserted_readings"]
        else 0.0
    )
    print(f"build {build}")
    print(f"articles {found['articles']}, dated {found['dated']} ({share:.1%})")
    print(f"  by {found['dated_by']}")
    print(
        f"asserted readings {found['asserted_readings']}, with an event time from their "
        f"own sentence {found['with_event_time']} ({timed:.1%})"
    )
    print(f"  precision {found['event_time_precision']}")
    rest = found["asserted_readings"] - found["dateline_readings"]
    rest_timed = found["with_event_time"] - found["dateline_with_time"]
    print(
        f"  of which the places of datelines {found['dateline_readings']}, dated by the "
        f"dateline {found['dateline_with_time']}; the other readings "
        f"{rest_timed}/{rest} ({rest_timed / rest if rest else 0.0:.1%})"
    )


if __name__ == "__main__":
    main()
