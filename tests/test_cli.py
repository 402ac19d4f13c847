"""End to end: `kg build seeds` and the three facts of the design card, asked with `kg query`."""

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from kg.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "ask",
    [
        "ASK { ?t rdfs:label 'Turkey' . ?s rdfs:label 'S-400' . ?t kg:buys ?s }",
        "ASK "
        "{ ?us rdfs:label 'United States' . ?us kg:opposes ?x . { ?x a kg:Deal ; kg:item/rdfs:label 'S-400' } UNION { ?x rdfs:label 'S-400' } }",  # noqa: E501
        "ASK { ?c rdfs:label 'Mevlut Cavusoglu' . ?t rdfs:label 'Turkey' . ?c kg:speaksFor ?t }",
    ],
)
def test_design_card_facts(seeds_build, ask):
    _, ttl = seeds_build
    result = runner.invoke(app, ["query", str(ttl), ask])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "true"


def test_build_command_writes_both_files(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Turkey bought S-400 missiles from Russia, officials said on Monday.",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0
    assert (tmp_path / "out" / "graph.html").stat().st_size > 0
    assert "empty.txt" in result.output and "1 articles" in result.output


def test_build_of_nothing_fails_with_one_line(tmp_path):
    result = runner.invoke(
        app, ["build", str(tmp_path / "missing"), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_unsafe_query_is_refused_with_exit_1(seeds_build):
    _, ttl = seeds_build
    result = runner.invoke(
        app,
        [
            "query",
            str(ttl),
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        ],
    )
    assert result.exit_code == 1 and "SERVICE" in result.output


@pytest.mark.parametrize("command", ["build", "query", "viz", "check", "eval"])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_check_loads_the_ontology():
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0 and "gazetteer entries" in result.output


def test_seeds_pipeline_counts(seeds_build):
    result, _ = seeds_build
    assert result.read == len(result.extractions) == 6  # seeds/000 holds two stories
    assert result.facts > 40
    assert (ROOT / "seeds").is_dir()
