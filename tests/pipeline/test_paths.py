"""One build path: the plain build, --stream, --jobs 2 and --corpus read, skip and write
alike. Each option (--max-bytes, --language, --strict, --format) means the same on every
path, and an article whose extraction fails is skipped with the same message."""

from __future__ import annotations

import gzip
import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
GOOD = (
    "Poland bought Patriot missiles from the United States, officials said on Monday."
)
GERMAN = (
    "Die Türkei hat das russische Raketenabwehrsystem gekauft, obwohl die Vereinigten "
    "Staaten mit Sanktionen gedroht haben. Die Regierung in Ankara erklärte am Montag, "
    "dass die Lieferung noch in diesem Jahr beginnen werde und dass sie keine Alternative "
    "sehe."
)
BIG = "Turkey bought S-400 missiles from Russia, officials said. " * 40  # > 2,000 bytes
PATHS = {
    "plain": [],
    "stream": ["--stream"],
    "jobs": ["--jobs", "2"],
    "corpus": ["corpus"],  # the same texts as one JSONL corpus
}


def _inputs(tmp_path, texts: dict[str, str], how: list[str]) -> list[str]:
    if how == ["corpus"]:
        corpus = tmp_path / "in.jsonl.gz"
        lines = "".join(
            json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()
        )
        corpus.write_bytes(gzip.compress(lines.encode("utf-8")))
        return ["--corpus", str(corpus)]
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return [str(folder), *how]


def _build(tmp_path, texts: dict[str, str], how: list[str], *options: str):
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", *_inputs(tmp_path, texts, how), "-o", str(out), *options]
    )
    return result, out


@pytest.mark.parametrize("path", PATHS)
def test_max_bytes_and_language_skip_the_same_inputs(tmp_path, path, session_pipeline):
    texts = {"good": GOOD, "big": BIG, "german": GERMAN}
    result, out = _build(tmp_path, texts, PATHS[path], "--max-bytes", "2000")
    assert result.exit_code == 0, result.output
    assert "too large" in result.output and "raise it with --max-bytes" in result.output
    assert "not English (detected de)" in result.output
    assert "1 articles" in result.output and "2 skipped" in result.output
    assert "Poland" in (out / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", PATHS)
def test_strict_writes_nothing_when_an_input_is_skipped(
    tmp_path, path, session_pipeline
):
    result, out = _build(
        tmp_path, {"good": GOOD, "german": GERMAN}, PATHS[path], "--strict"
    )
    assert result.exit_code == 1
    assert "--strict: nothing written" in result.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("path", PATHS)
def test_every_format_asked_for_is_written(tmp_path, path, session_pipeline):
    result, out = _build(
        tmp_path, {"good": GOOD}, PATHS[path], "--format", "graphml,ttl,nq"
    )
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {
        "graph.graphml",
        "graph.ttl",
        "graph.nq",
        "graph.html",
        "extractions.jsonl",
    } <= names


@pytest.mark.parametrize("path", PATHS)
def test_a_failing_extraction_skips_the_article_with_one_message(
    tmp_path, path, session_pipeline, monkeypatch
):
    import kg.nlp.extract

    real = kg.nlp.extract.extract

    def flaky(article, doc, ontology):
        if article.id == "bad":
            raise IndexError("a rule tripped")
        return real(article, doc, ontology)

    monkeypatch.setattr(kg.nlp.extract, "extract", flaky)
    result, out = _build(
        tmp_path, {"good": GOOD, "bad": GOOD.replace("Poland", "Chile")}, PATHS[path]
    )
    assert result.exit_code == 0, result.output
    assert (
        "extraction failed on article bad (IndexError: a rule tripped)" in result.output
    )
    assert "1 skipped" in result.output
    assert "Poland" in (out / "graph.ttl").read_text(encoding="utf-8")
