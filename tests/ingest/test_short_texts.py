"""Real text is never dropped: a one-line article without a final full stop, a short wire
item, a Windows-1252 sentence, a Fortier-style sentence read twice, all give their facts; a
question asks and asserts nothing; other languages are reported as such."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from helpers import ROOT, asserted
from kg.cli import app
from kg.pipeline.build import build

runner = CliRunner()
ONE_LINERS = {  # written for this test: one line each, no final full stop
    "oneline-1": (
        "Turkey bought the S-400 missile system from Russia",
        ("Turkey", "buys", "S-400"),
    ),
    "oneline-2": (
        "Poland buys Patriot missiles from the United States",
        ("Poland", "buys", "Patriot"),
    ),
    "oneline-3": (
        "Germany imposes sanctions on Belarus over the border crisis",
        ("Germany", "sanctions", "Belarus"),
    ),
    "oneline-4": (
        "NATO warns Russia against further escalation",
        ("NATO", "warns", "Russia"),
    ),
    "oneline-5": (
        "France condemns Iran after the tanker seizure in the Gulf",
        ("France", "criticizes", "Iran"),
    ),
}


@pytest.mark.parametrize("name", ONE_LINERS)
def test_a_one_line_article_without_a_full_stop_gives_its_fact(name, nlp):
    text, fact = ONE_LINERS[name]
    result = build(texts={name: text}, nlp=nlp)
    assert result.read == 1 and not result.errors
    assert fact in asserted(result.graph)


def test_a_question_is_no_assertion(nlp):
    result = build(texts={"q": "Did Turkey buy the S-400 from Russia?"}, nlp=nlp)
    assert not asserted(result.graph) - {("Turkey", "hasRole", "")}
    modalities = {
        str(m)
        for m in result.graph.objects(
            None, result.graph.namespace_manager.expand_curie("kg:modality")
        )
    }
    assert modalities == {"question"}


def test_a_headline_asking_a_question_is_no_assertion(nlp):
    result = build(texts={"h": "Will Turkey Buy the S-400 From Russia"}, nlp=nlp)
    assert ("Turkey", "buys", "S-400") not in asserted(result.graph)


def test_a_short_wire_item_and_a_windows_1252_sentence_are_read(nlp, tmp_path):
    (tmp_path / "wire.txt").write_text(
        "ANKARA, March 3 (Reuters) - Turkey bought S-400 missiles from Russia.\n",
        encoding="utf-8",
    )
    (tmp_path / "cp1252.txt").write_bytes(
        "Café owners said Greece bought Rafale jets from France on Monday.".encode(
            "cp1252"
        )
    )
    result = build(tmp_path, nlp=nlp)
    assert result.read == 2 and not result.errors
    facts = asserted(result.graph)
    assert ("Turkey", "buys", "S-400") in facts and (
        "Greece",
        "buys",
        "Rafale",
    ) in facts


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Турция купила зенитные ракетные комплексы у России, заявили официальные лица.",
            "ru",
        ),
        ("土耳其从俄罗斯购买了防空导弹系统，官员周一表示。", "zh"),
        ("اشترت تركيا منظومة الدفاع الجوي من روسيا، بحسب مسؤولين.", "ar"),
    ],
)
def test_text_in_another_language_is_reported_as_such(text, code, tmp_path):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert f"a.txt: not English (detected {code})" in result.output


def test_seeds_plus_two_readings_of_one_sentence_build(tmp_path, monkeypatch, nlp):
    """The sentence that once broke a whole build (two readings, one statement IRI)."""
    monkeypatch.setattr("kg.pipeline.local.make_nlp", lambda ontology, model=None: nlp)
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in (ROOT / "seeds").glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "fortier.txt").write_text(
        "Canada's ambassador, Yves Fortier, said the resolution contained a one-sided "
        "account, and Fortier added that Canada would vote against it.",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert (
        re.search(r"SHACL: the whole graph \(\d+ chunks\) conforms", report)
        and "left out:" not in report
    )


def test_a_jsonl_file_given_as_a_path_is_read_as_a_corpus(tmp_path, monkeypatch, nlp):
    monkeypatch.setattr("kg.pipeline.local.make_nlp", lambda ontology, model=None: nlp)
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        '{"id": "r1", "text": "Poland bought Patriot missiles from the United States."}\n'
        '{"id": "r2", "text": "Chile bought F-16 jets from the United States."}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("2 articles")
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert f'"{corpus}#r1"' in turtle and '"id"' not in turtle
