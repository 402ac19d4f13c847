"""Every output-path failure is one line and exit 1, before any parse where it can be known:
-o naming a file, a path under a file, a folder that cannot be written, a read-only file
system; a query file that is not UTF-8 is one line too; HTML is the same at every size
whatever the hash seed."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from kg.cli import app

runner = CliRunner()
TEXT = "Poland bought Patriot missiles from the United States, officials said."


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: ")
    return line


def test_output_naming_a_file(article, tmp_path):
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["build", str(article), "-o", str(tmp_path / "taken")])
    assert "is a file, not a folder" in _one_line_error(result)


def test_output_under_a_file(article, tmp_path):
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    result = runner.invoke(
        app, ["build", str(article), "-o", str(tmp_path / "taken" / "out")]
    )
    assert f"{tmp_path / 'taken'} is a file, not a folder" in _one_line_error(result)


def test_output_in_a_folder_that_cannot_be_written(article, tmp_path, monkeypatch):
    import kg.pipeline.write as write

    real = write.os.access
    locked = tmp_path / "locked"
    locked.mkdir()
    monkeypatch.setattr(
        write.os, "access", lambda p, mode: real(p, mode) and p != locked
    )
    result = runner.invoke(app, ["build", str(article), "-o", str(locked / "out")])
    assert f"{locked} is not writable" in _one_line_error(result)


def test_output_on_a_read_only_file_system(article, nlp, monkeypatch):
    """/proc takes no new folders: the write fails with one line and nothing changes."""
    monkeypatch.setattr("kg.pipeline.local.make_nlp", lambda ontology, model=None: nlp)
    result = runner.invoke(app, ["build", str(article), "-o", "/proc/kg-test-output"])
    line = _one_line_error(result)
    assert (
        line.startswith("error: cannot write /proc/kg-test-output")
        and "was not changed" in line
    )


def test_a_query_file_that_is_not_utf8(seeds_build, tmp_path):
    _, graph = seeds_build
    query = tmp_path / "q.rq"
    query.write_bytes(b"SELECT * WHERE { ?s ?p '\xff\xfe' }")
    for args in (["--file", str(query)], [str(query)]):
        result = runner.invoke(app, ["query", str(graph), *args])
        assert "q.rq: not UTF-8 text (byte 24)" in _one_line_error(result)


def test_a_file_name_with_a_newline_stays_one_line(tmp_path):
    bad = tmp_path / "two\nlines.txt"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["build", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "two\\nlines.txt: empty file" in result.output
    assert all(
        "lines.txt" not in line or "two\\n" in line
        for line in result.output.splitlines()
    )


def test_large_networks_lay_out_the_same_whatever_the_hash_seed():
    """Positions to the last bit (a huge scale shows float differences) in three processes
    with three hash seeds: networkx yields a subgraph's nodes in set order, so edge
    directions, and with them the float sums of the layout, once followed the hash seed."""
    code = (
        "import hashlib, random; from kg.viz.layout import layout\n"
        "rng = random.Random(3); nodes = []; edges = []\n"
        "for c in range(40):  # a big component and 39 islands\n"
        "    size = rng.randint(2, 6) if c else 120\n"
        "    part = [f'https://e/{c}-{i}' for i in range(size)]; nodes += part\n"
        "    edges += [tuple(rng.sample(part, 2)) for _ in range(size + 2)]\n"
        "positions = sorted(layout(nodes, edges, scale=1e12).positions.items())\n"
        "print(hashlib.sha256(repr(positions).encode()).hexdigest())\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1
