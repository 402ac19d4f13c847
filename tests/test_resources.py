"""`kg check` validates every file a build reads, and names the file and line at fault:
nothing breaks half-way through a build with a raw traceback."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from kg.cli import app
from kg.errors import DataFileError
from kg.resources import load_ontology

runner = CliRunner()


@pytest.fixture()
def folder(tmp_path):
    copy = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", copy)
    return copy


def _edit_json(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def _check(folder) -> tuple[int, str]:
    result = runner.invoke(app, ["check", "--ontology", str(folder)])
    return result.exit_code, result.output.strip()


def test_the_shipped_ontology_checks():
    code, output = _check(ROOT / "ontology")
    assert code == 0 and output.startswith("ok: ") and "named queries" in output


def test_a_broken_cleaning_regex_is_named_with_its_file_and_line(folder):
    _edit_json(
        folder / "cleaning.json", lambda d: d["tail_markers"].append("^(unclosed")
    )
    code, output = _check(folder)
    assert code == 1
    assert output.startswith(f"error: {folder.resolve() / 'cleaning.json'}:")
    assert "tail_markers[" in output and "bad regular expression" in output


def test_a_missing_lexicon_list_is_named(folder):
    _edit_json(folder / "lexicon.json", lambda d: d.pop("reporting_verbs"))
    code, output = _check(folder)
    assert code == 1 and "lexicon.json:1: missing key 'reporting_verbs'" in output


def test_a_word_list_of_the_wrong_type_is_named_with_its_line(folder):
    _edit_json(folder / "lexicon.json", lambda d: d.update(hedge_modals="could"))
    code, output = _check(folder)
    line = next(
        n
        for n, text in enumerate((folder / "lexicon.json").read_text().splitlines(), 1)
        if '"hedge_modals"' in text
    )
    assert (
        code == 1 and f"lexicon.json:{line}: 'hedge_modals': must be a list" in output
    )


def test_a_broken_named_query_header_is_named(folder):
    query = folder / "queries" / "deals.rq"
    query.write_text(
        "# title: Deals\n# nonsense here\n" + query.read_text(), encoding="utf-8"
    )
    code, output = _check(folder)
    assert code == 1 and "deals.rq:2:" in output


def test_a_broken_entity_pattern_regex_is_named(folder):
    path = folder / "entity_patterns.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    rule = json.loads(lines[0])
    rule["pattern"][0]["TEXT"]["REGEX"] = "^[A-Z"
    lines[0] = json.dumps(rule)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(
        DataFileError, match=r"entity_patterns.jsonl:1: bad regular expression"
    ):
        load_ontology(folder)


def test_a_build_with_a_broken_ontology_fails_in_one_line_before_parsing(
    folder, tmp_path
):
    _edit_json(folder / "roles.json", lambda d: d.pop("heads"))
    article = tmp_path / "a.txt"
    article.write_text("Turkey bought S-400 missiles from Russia.", encoding="utf-8")
    result = runner.invoke(
        app,
        ["build", str(article), "--ontology", str(folder), "-o", str(tmp_path / "o")],
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: {folder.resolve() / 'roles.json'}:1: 'heads' must be a JSON dict"
    ]
