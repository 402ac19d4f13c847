"""Hostile input end to end: every bad file gets one clear message, the good ones their facts,
and an interrupted build never damages the previous output."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF
from typer.testing import CliRunner

from helpers import ROOT, asserted, read_articles
from kg.cli import app
from kg.ingest.files import decode, find_article_files, read_bytes
from kg.ingest.split import split_article
from kg.pipeline.build import build
from kg.settings import Settings
from kg.vocab import KG

HOSTILE = ROOT / "tests" / "data" / "hostile"
runner = CliRunner()

SKIPPED = {
    "binary.txt": "binary file (NUL bytes)",
    "boilerplate_only.txt": "no article text left after cleaning",
    "empty.txt": "empty file",
    "german.txt": "not English (detected de)",
    "invisible_only.txt": "no readable text",
    "whitespace_only.txt": "only whitespace",
    "fifo.txt": "not a regular file (a FIFO)",
    "loop.txt": "cannot read (Too many levels of symbolic links)",
    "bad-\ufffd-name.txt": "empty file",
}
BUYS = {
    "good_utf8.txt": ("Turkey", "S-400"),
    "utf8_bom.txt": ("India", "S-400"),
    "utf16_bom.txt": ("China", "Su-35"),
    "utf16le_no_bom.txt": ("Egypt", "Rafale"),
    "windows1252.txt": ("Qatar", "Rafale"),
    "latin1.txt": ("Greece", "F-35"),
    "mojibake.txt": ("Algeria", "Su-57"),
    "control_chars.txt": ("Vietnam", "Su-30"),
    "surrogate_bytes.txt": ("Indonesia", "Rafale"),
    "page.html": ("Poland", "F-35"),
    "html_saved_as.txt": ("Japan", "F-35"),
    "copies/morocco.txt": ("Morocco", "F-16"),
    "markup_names.txt": ("Saudi Arabia", "F-15"),
    "deep.txt": ("Chile", "F-16"),
}
DEPTH = 1200


@pytest.fixture
def use_session_model(monkeypatch, nlp):
    """The CLI builds with the session's spaCy pipeline instead of loading its own."""
    monkeypatch.setattr("kg.pipeline.local.make_nlp", lambda ontology, model=None: nlp)


@pytest.fixture
def scratch(tmp_path):
    """A folder for deep trees: in /dev/shm where there is one (on this disk each rmdir of a
    1,200-level tree took 3 ms, on tmpfs 6 µs), removed level by level at the end because
    shutil.rmtree, and so pytest's own clean-up, recurses and fails."""
    shm = Path("/dev/shm")
    folder = (
        Path(tempfile.mkdtemp(dir=shm))
        if shm.is_dir() and os.access(shm, os.W_OK)
        else tmp_path / "scratch"
    )
    folder.mkdir(exist_ok=True)
    yield folder
    home = os.getcwd()
    try:
        os.chdir(folder)
        names: list[str] = []
        while True:  # files and links go on the way down, folders on the way up
            entries = list(os.scandir("."))
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False):
                    os.unlink(entry.name)
            subfolders = [e.name for e in entries if e.is_dir(follow_symlinks=False)]
            if subfolders:
                os.chdir(subfolders[0])
                names.append(subfolders[0])
            elif names:
                os.chdir("..")
                os.rmdir(names.pop())
            else:
                break
    finally:
        os.chdir(home)
    folder.rmdir()


def make_deep(top: Path, depth: int, name: str, text: str) -> None:
    """`top`/d/d/.../d (depth levels) holding one file, made with chdir: a call on a
    1,200-level path would itself walk 1,200 names."""
    home = os.getcwd()
    try:
        os.chdir(top)
        for _ in range(depth):
            os.mkdir("d")
            os.chdir("d")
        Path(name).write_text(text, encoding="utf-8")
    finally:
        os.chdir(home)


@pytest.fixture
def hostile(scratch):
    """tests/data/hostile plus what git cannot hold: a FIFO, symlink loops, a folder 1,200
    levels deep and a file name that is not UTF-8."""
    folder = scratch / "hostile"
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("README.md"))
    os.mkfifo(folder / "fifo.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "copies" / "up").symlink_to(folder)
    Path(os.fsdecode(bytes(folder) + b"/bad-\xff-name.txt")).write_bytes(b"")
    (folder / "deep").mkdir()
    make_deep(
        folder / "deep",
        DEPTH,
        "deep.txt",
        "Chile bought F-16 fighter jets from the manufacturer last year, officials said on Monday. "
        "The deal was signed after long talks between the two governments.\n",
    )
    return folder


def test_a_folder_1200_levels_deep_is_walked_without_recursion(scratch):
    make_deep(scratch, DEPTH, "bottom.txt", "found")
    assert [p.name for p in find_article_files([scratch])] == ["bottom.txt"]


def test_a_build_over_hostile_files_reports_each_bad_file_and_keeps_the_good(
    hostile, tmp_path, use_session_model
):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(hostile), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    lines = result.output.splitlines()
    skipped = [line for line in lines if line.startswith("skipped: ")]
    assert len(skipped) == len(SKIPPED), skipped
    for name, reason in SKIPPED.items():
        assert (
            sum(
                line.startswith(f"skipped: {hostile / name}: {reason}")
                for line in skipped
            )
            == 1
        ), (name, skipped)
    [duplicate] = [line for line in lines if line.startswith("duplicate: ")]
    assert (
        f"{hostile / 'duplicate_of_morocco.txt'}: same text as {hostile / 'copies' / 'morocco.txt'}"
        in duplicate
    )
    assert (
        f"{len(BUYS)} articles" in lines[-1]
        and f"{len(SKIPPED)} skipped, 1 duplicates" in lines[-1]
    )

    graph = Graph().parse(out / "graph.ttl", format="turtle")
    facts = asserted(graph)
    for name, (buyer, item) in BUYS.items():
        assert (buyer, "buys", item) in facts, name
    labels = {str(o) for o in graph.objects(None, KG.sourceFile)}
    assert {
        str(hostile / "copies" / "morocco.txt"),
        str(hostile / "duplicate_of_morocco.txt"),
    } <= labels
    [morocco] = graph.subjects(
        KG.sourceFile, Literal(str(hostile / "duplicate_of_morocco.txt"))
    )
    assert len(set(graph.objects(morocco, KG.sourceFile))) == 2
    # a UTF-8 BOM used to turn "Vladimir Putin" into "Putin"
    assert ("Vladimir Putin", "meetsWith", "Recep Tayyip Erdogan") in facts or (
        "Recep Tayyip Erdogan",
        "meetsWith",
        "Vladimir Putin",
    ) in facts

    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in page and "onerror=alert" not in page

    # provenance: every statement's start offset points at its sentence in the file as decoded
    for statement in graph.subjects(RDF.type, KG.Statement):
        source = Path(
            str(graph.value(graph.value(statement, PROV.wasDerivedFrom), KG.sourceFile))
        )
        text, _ = decode(read_bytes(source), source=source)
        start, end = (
            int(graph.value(statement, KG.startChar)),
            int(graph.value(statement, KG.endChar)),
        )
        first_word = str(graph.value(statement, KG.sentence)).split()[0]
        assert 0 <= start < end <= len(text)
        assert text[start:].startswith(first_word), (source.name, start, first_word)


def test_strict_fails_on_any_bad_file_and_writes_nothing(tmp_path, use_session_model):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HOSTILE / "good_utf8.txt", folder)
    shutil.copy(HOSTILE / "empty.txt", folder)
    result = runner.invoke(
        app, ["build", str(folder), "-o", str(tmp_path / "out"), "--strict"]
    )
    assert result.exit_code == 1
    assert (
        "skipped: " in result.output
        and "empty.txt: empty file" in result.output
        and "--strict" in result.output
    )
    assert not (tmp_path / "out").exists()
    result = runner.invoke(app, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0 and (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.parametrize(
    "arguments",
    [["build"], ["build", "x", "--max-bytes", "0"], ["build", "x", "--no-such-option"]],
)
def test_usage_errors_exit_2(arguments):
    assert runner.invoke(app, arguments).exit_code == 2


def test_a_50_mb_single_line_is_refused_in_bounded_memory(tmp_path):
    huge = tmp_path / "huge.txt"
    line = (
        b"Turkey bought missiles from Russia on Monday and officials said so. " * 15_000
    )  # ~1 MB
    with huge.open("wb") as handle:
        for _ in range(50):
            handle.write(line)
    assert huge.stat().st_size > 50_000_000
    measure = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from kg.ingest.read import Inputs, read_inputs\n"
        "from kg.resources import load_ontology\n"
        "ontology = load_ontology()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "errors = []\n"
        "articles = list(read_inputs(Inputs(paths=(Path(sys.argv[1]),)), ontology, "
        "on_error=errors.append))\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before, len(articles))\n"
        "print(errors[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", measure, str(huge)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    growth_kb, articles = map(int, done.stdout.splitlines()[0].split())
    message = done.stdout.splitlines()[1]
    print(f"50 MB line: peak RSS grew {growth_kb} kB; message: {message}")
    assert articles == 0 and growth_kb < 20_000
    assert (
        message
        == f"{huge}: too large (51.0 MB, the limit is 20 MB; raise it with --max-bytes)"
    )
    result = runner.invoke(app, ["build", str(huge), "-o", str(tmp_path / "out")])
    assert (
        result.exit_code == 1
        and "too large" in result.output
        and "no article could be read" in result.output
    )


def test_a_long_single_line_is_read_in_parts_that_keep_their_offsets(
    tmp_path, ontology
):
    sentence = (
        "Turkey bought missiles from Russia on Monday and officials said so in Ankara. "
    )
    raw = sentence * 13_000  # 1 MB, one line
    path = tmp_path / "long.txt"
    path.write_text(raw, encoding="utf-8")
    started = time.perf_counter()
    parts = list(
        read_articles([path], ontology, on_error=pytest.fail, max_part_chars=20_000)
    )
    seconds = time.perf_counter() - started
    print(f"1 MB line read in {seconds:.2f} s as {len(parts)} parts")
    assert len(parts) == -(-len(raw.strip()) // 20_000) or len(parts) > 40
    assert [p.id for p in parts[:3]] == ["long", "long-part2", "long-part3"]
    for part in parts:
        assert (
            0 < len(part.text) <= 20_000
            and part.text.startswith("Turkey")
            and part.text.endswith("Ankara.")
        )
        start = part.source_offset(0)
        assert raw[start : start + len(part.text)] == part.text


def test_parts_stay_below_the_models_limit(nlp, tmp_path):
    """spaCy raises E088 over nlp.max_length; the build splits below it whatever the settings."""
    path = tmp_path / "long.txt"
    path.write_text(
        "".join(
            f"Turkey bought {i} S-400 missiles from Russia, officials said.\n\n"
            for i in range(80)
        ),
        encoding="utf-8",
    )
    saved = nlp.max_length
    nlp.max_length = 1_500
    try:
        result = build([path], settings=Settings(max_part_chars=50_000), nlp=nlp)
    finally:
        nlp.max_length = saved
    assert len(result.extractions) > 3 and ("Turkey", "buys", "S-400") in asserted(
        result.graph
    )


def test_split_article_cuts_at_paragraphs_then_sentences():
    from kg.model import Article

    text = "One two three. Four five six.\n\nSeven eight nine."
    article = Article(
        id="a", title="", text=text, source="a.txt", segments=((0, 10, len(text)),)
    )
    parts = split_article(article, max_chars=17)
    assert [p.text for p in parts] == [
        "One two three.",
        "Four five six.",
        "Seven eight nine.",
    ]
    assert [p.source_offset(0) for p in parts] == [10, 25, 41]


def test_same_names_in_two_folders_get_distinct_stable_ids(tmp_path, ontology):
    story = "Turkey bought S-400 missiles from Russia, officials said on Monday. {}\n"
    for folder, extra in (
        ("a", "The talks were long."),
        ("b", "The talks were short."),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(
            story.format(extra), encoding="utf-8"
        )
    (tmp_path / "story.html").write_text(
        f"<html><body><p>{story.format('Both sides agreed.')}</p></body></html>",
        encoding="utf-8",
    )
    ids = [a.id for a in read_articles([tmp_path], ontology, on_error=pytest.fail)]
    assert len(set(ids)) == 3 and all(i.startswith("story-") for i in ids)
    assert ids == [
        a.id for a in read_articles([tmp_path], ontology, on_error=pytest.fail)
    ]
    (tmp_path / "b" / "story.txt").unlink()
    assert {
        a.id for a in read_articles([tmp_path / "a"], ontology, on_error=pytest.fail)
    } == {"story"}


def test_other_languages_are_read_when_asked(ontology):
    errors = []
    assert (
        list(read_articles([HOSTILE / "german.txt"], ontology, on_error=errors.append))
        == []
    )
    assert "not English (detected de)" in str(errors[0])
    [article] = read_articles(
        [HOSTILE / "german.txt"], ontology, on_error=pytest.fail, language="de"
    )
    assert article.text.startswith("Die Türkei")


def _previous_output(out: Path) -> dict[str, bytes]:
    from kg.graph.rdf import new_graph
    from kg.serialize.formats import turtle_bytes
    from kg.vocab import DataNamespaces

    namespaces = DataNamespaces.for_base()
    graph = new_graph(namespaces)
    graph.add((namespaces.entity["turkey"], RDF.type, KG.Country))
    out.mkdir()
    files = {
        "graph.ttl": turtle_bytes(graph),
        "graph.html": b"<!doctype html><title>previous</title>",
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    return files


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"]
)
def test_a_build_killed_midway_leaves_the_previous_output_intact(tmp_path, signum):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "000_empty.txt").write_bytes(
        b""
    )  # its message says the build is under way
    for i in range(600):
        (corpus / f"{i + 1:03}.txt").write_text(
            f"Turkey bought {i} S-400 missiles from Russia, officials said on Monday. "
            "The United States warned "
            "Ankara that the purchase could result in sanctions, a spokesman said in "
            "Washington.\n",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    previous = _previous_output(out)
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        seen = ""
        while "skipped:" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stderr], [], [], 1)
            if ready:
                seen += process.stderr.readline()
        assert "skipped:" in seen, seen
        time.sleep(1.0)  # loading the model or parsing 600 articles
        assert process.poll() is None, "the build ended before it could be interrupted"
        process.send_signal(signum)
        _, rest = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, rest
    assert "interrupted" in rest and "Traceback" not in rest
    assert sorted(p.name for p in out.iterdir()) == [
        "graph.html",
        "graph.ttl",
    ]  # no temp file left
    for name, data in previous.items():
        assert (out / name).read_bytes() == data
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) == 1


def test_write_atomic_interrupted_midway_keeps_the_old_file(tmp_path, monkeypatch):
    from kg.serialize.formats import write_atomic

    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == [
        "graph.ttl"
    ]
