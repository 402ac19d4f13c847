"""The Python API: the README's example runs as written and prints what it says; paths are
str or Path everywhere; texts build without files."""

from __future__ import annotations

import contextlib
import io
import re
import shutil

from helpers import ROOT
from kg.pipeline.build import Build, build


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API") :]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_runs_and_prints_what_it_says(tmp_path, monkeypatch, nlp):
    monkeypatch.setattr("kg.pipeline.local.make_nlp", lambda ontology, model=None: nlp)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    code = _readme_example()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    promised = [
        c.strip()
        for line in code.splitlines()
        if line.startswith("print(")
        for c in [line.split("#", 1)[1]]
    ]
    assert printed.getvalue().splitlines() == promised
    assert (tmp_path / "output" / "graph.ttl").is_file() and (
        tmp_path / "output" / "graph.graphml"
    ).is_file()


def test_paths_as_str_or_path_give_the_same_graph(seeds_build, nlp):
    result, _ = seeds_build
    as_str = build(str(ROOT / "seeds"), nlp=nlp)
    assert isinstance(as_str, Build) and as_str.graph.isomorphic(result.graph)


def test_texts_build_without_files(nlp):
    story = build(
        texts=["Poland bought Patriot missiles from the United States."], nlp=nlp
    )
    assert story.read == 1 and story.errors == ()
    assert story.query("ASK { ?s kg:buys ?o }").ask is True
    network = story.to_networkx()
    assert any(data.get("label") == "buys" for _, _, data in network.edges(data=True))
