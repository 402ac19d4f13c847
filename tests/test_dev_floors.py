"""Quality floors on the development gold sets, so that quality cannot regress silently.

The sets live outside the repository (`../shared/gold`, with the scorer in `../shared/eval`);
nothing of them is copied here. Where they are absent the test skips with a message.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import ROOT

SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"
SCORER = SHARED / "eval" / "score.py"

# (folder, gold file): floors on the scorer's summary (issue 13's acceptance)
SETS = {
    "dev-articles": {"events_recall": 0.60, "events_precision": 0.90, "facts_f1": 0.80},
    "dev-articles-2": {
        "events_recall": 0.60,
        "events_precision": 0.90,
        "facts_f1": 0.75,
    },
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_dev_set_floors(name, nlp, tmp_path):
    folder, gold = GOLD / name, GOLD / f"{name}.tsv"
    if not (folder.is_dir() and gold.is_file() and SCORER.is_file()):
        pytest.skip(f"{GOLD} with {name}/ and the scorer {SCORER} not found")
    from kg.pipeline.build import build
    from kg.serialize.formats import write_turtle

    result = build(folder, nlp=nlp)
    graph = tmp_path / "graph.ttl"
    write_turtle(result.graph, graph)
    run = subprocess.run(
        [sys.executable, str(SCORER), str(graph), str(gold), "--only", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = _summary(run.stdout)
    assert summary["must_not"] == 0, summary
    for key, floor in SETS[name].items():
        assert summary[key] is not None and summary[key] >= floor, (key, summary)


def _summary(output: str) -> dict[str, float | None]:
    """The scorer's last line: key=value pairs."""
    values: dict[str, float | None] = {}
    for pair in output.strip().splitlines()[-1].split():
        key, _, value = pair.partition("=")
        values[key] = json.loads(value) if value not in ("None", "") else None
    return values
