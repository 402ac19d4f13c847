"""An output folder is always one whole build: killed (SIGKILL, SIGTERM, SIGINT) at random
moments of a write, or out of disk space, it holds the old build or the new one, file for
file, and no temp file or scratch folder is left behind.

Each killed writer is a process of its own, as a killed `kg build` is; it is forked from a
server process that has imported kg and assembled both builds once, so the 24 kills cost
their writes, not 24 interpreter starts (the kill points are the same: after the first,
second or third "writing", plus up to 50 ms).
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from kg.cli import app
from kg.errors import OutputError
from kg.pipeline.build import build, load
from kg.serialize.extractions import load_extractions

FORMATS = ["ttl", "nt", "nq", "trig", "jsonld", "graphml"]
# A writer server: imports kg, assembles builds A and B and writes A once into a scratch
# folder (so the writers below start writing at once, every lazy import done); then for
# each line it reads it forks a writer, which says its pid, then writes A, B, A... into OUT,
# saying "writing" before each write, until it is killed; the server reaps it (so its pid
# is dead, as a killed build's is) and says "ended".
WRITER = f"""
import os
import sys
from pathlib import Path
from kg.pipeline.build import build
from kg.serialize.extractions import load_extractions
a, b, out, scratch = sys.argv[1:5]
builds = [build(keep=load_extractions(Path(p)).extractions, check=False) for p in (a, b)]
for build in builds:
    build.graph  # assembled before the loop: the kills hit the writes
builds[0].write(scratch, formats={FORMATS!r})
while sys.stdin.readline():
    pid = os.fork()
    if pid == 0:
        try:
            print("pid", os.getpid(), flush=True)
            n = 0
            while True:
                print("writing", flush=True)
                builds[n % 2].write(out, formats={FORMATS!r})
                n += 1
        finally:
            os._exit(1)
    os.waitpid(pid, 0)
    print("ended", flush=True)
"""
KILLS = [signal.SIGKILL] * 10 + [signal.SIGTERM] * 8 + [signal.SIGINT] * 6


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "README.md"
    }


TEXTS = {
    "a": "Turkey bought S-400 missiles from Russia, the defence minister said on Monday.",
    "b": "Greek Prime Minister Kyriakos Mitsotakis met Turkish President Recep Tayyip "
    "Erdogan in Athens. The United States warned Turkey over the purchase.",
    "c": "Poland bought Patriot missiles from the United States, officials said.",
}


@pytest.fixture(scope="module")
def two_builds(nlp, tmp_path_factory):
    """Build A (two short stories) and build B (three), each written once."""
    root = tmp_path_factory.mktemp("kills")
    first = build(texts={k: TEXTS[k] for k in "ab"}, nlp=nlp, check=False).extractions
    second = build(texts=TEXTS, nlp=nlp, check=False).extractions
    # written the way the writer above writes them
    build(keep=first, check=False).write(root / "a", formats=FORMATS)
    build(keep=second, check=False).write(root / "b", formats=FORMATS)
    return root


def _kill_writes(a: Path, b: Path, folder: Path, kills: list[int], seed: int) -> int:
    """Kill a writer `len(kills)` times at random moments; check the folder after each."""
    expected = [_hashes(a), _hashes(b)]
    out = folder / "out"
    build(keep=load_extractions(a).extractions, check=False).write(out, formats=FORMATS)
    (out / "README.md").write_text("kept across builds\n", encoding="utf-8")
    rng = random.Random(seed)
    checked = 0
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            WRITER,
            str(a),
            str(b),
            str(out),
            str(folder / "scratch"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    try:
        for kill in kills:
            server.stdin.write("go\n")
            server.stdin.flush()
            word, pid = server.stdout.readline().split()
            assert word == "pid"
            for _ in range(
                rng.randint(1, 3)
            ):  # during the first, second or third write
                assert server.stdout.readline() == "writing\n"
            time.sleep(rng.uniform(0, 0.05))
            os.kill(int(pid), kill)
            while (line := server.stdout.readline()) == "writing\n":
                pass
            assert line == "ended\n", line
            got = _hashes(out)
            assert got in expected, (
                f"a mixed folder after {kill!r}: "
                f"{[sorted(k for k in got if got[k] != e.get(k)) for e in expected]}"
            )
            assert (out / "README.md").read_text(
                encoding="utf-8"
            ) == "kept across builds\n"
            assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
            beside = [p.name for p in folder.iterdir() if p.name.startswith(".out.")]
            if kill != signal.SIGKILL:
                assert not beside, beside  # an interrupted write cleans up after itself
            checked += 1
    finally:
        server.stdin.close()
        server.wait(timeout=30)
        server.stdout.close()
    # the next write clears what SIGKILL left beside
    build(keep=load_extractions(b).extractions, check=False).write(out, formats=FORMATS)
    assert not [p for p in folder.iterdir() if p.name.startswith(".out.")]
    assert _hashes(out) == expected[1]
    return checked


def test_a_killed_write_leaves_the_old_build_or_the_new_one(two_builds, tmp_path):
    a, b = two_builds / "a", two_builds / "b"
    assert _hashes(a) != _hashes(b) and len(_hashes(a)) == len(FORMATS) + 3
    halves = [KILLS[0::2], KILLS[1::2]]
    folders = [tmp_path / "one", tmp_path / "two"]
    for folder in folders:
        folder.mkdir()
    with ThreadPoolExecutor(2) as pool:  # two writers at a time, one a core
        done = pool.map(_kill_writes, [a, a], [b, b], folders, halves, [11, 12])
        assert sum(done) == len(KILLS) >= 20


def test_a_full_disk_changes_nothing(two_builds, tmp_path, monkeypatch):
    out = tmp_path / "out"
    load(two_builds / "a").write(out, formats=FORMATS)
    before = _hashes(out)
    import kg.serialize.atomic as atomic

    calls = {"n": 0}
    real = os.fsync

    def full(fd):
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(
        OutputError, match=r"no space left on the device.*was not changed"
    ):
        load(two_builds / "b").write(out, formats=FORMATS)
    assert _hashes(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_full_tmpfs_gives_one_line_and_changes_nothing(tmp_path, session_pipeline):
    """On a real full file system, where the machine lets the test mount a small tmpfs:
    `kg build` runs in this process with the session's spaCy pipeline (what is under test
    is the write, not the model loading)."""
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip(
            "cannot mount a tmpfs here; test_a_full_disk_changes_nothing injects ENOSPC"
        )
    try:
        article = tmp_path / "a.txt"
        article.write_text(
            "Poland bought Patriot missiles from the United States, officials said. "
            * 40,
            encoding="utf-8",
        )
        result = CliRunner().invoke(
            app,
            [
                "build",
                str(article),
                "-o",
                str(small / "out"),
                "--format",
                "ttl,nt,nq,trig,jsonld",
            ],
        )
        # the command exits with 1 (an uncaught exception, which would print a traceback,
        # is not a SystemExit) and says why in one line
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        [line] = result.stderr.strip().splitlines()
        assert (
            line.startswith("error: cannot write")
            and "no space left on the device" in line
        )
        assert list(small.iterdir()) == []
    finally:
        subprocess.run(["umount", str(small)], capture_output=True)
