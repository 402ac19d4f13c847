"""The architecture holds: stages are packages whose imports only go down, spaCy is imported
in kg/nlp/ only, the library never imports the command line, no import cycle, every
package ships, and `import kg` stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

from helpers import ROOT

KG = ROOT / "kg"
# The stages, lowest first: a module may import its own package and anything of a lower
# rank, never a higher one.
RANKS = {
    "kg.errors": 0,
    "kg.settings": 0,
    "kg.model": 0,
    "kg.names": 0,
    "kg.vocab": 1,
    "kg.resources": 1,
    "kg.ingest": 2,
    "kg.nlp": 3,
    "kg.graph": 4,
    "kg.serialize": 5,
    "kg.sparql": 6,
    "kg.viz": 6,
    "kg.evaluate": 6,
    "kg.pipeline": 7,
    "kg": 8,  # the package itself: the public API
    "kg.cli": 9,
    "kg.__main__": 9,
}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _unit(module: str) -> str:
    """The stage a module belongs to: its package under kg, or the module itself."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def _imports() -> dict[str, list[tuple[str, int, bool]]]:
    """module -> (imported kg module or third-party top name, line, at module level)."""
    found: dict[str, list[tuple[str, int, bool]]] = defaultdict(list)
    for path in sorted(KG.rglob("*.py")):
        module = _module(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = {id(node) for node in tree.body}
        checking = {
            id(n)
            for node in tree.body
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for n in ast.walk(node)
        }
        for node in ast.walk(tree):
            if id(node) in checking:
                continue
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
                if node.module == "kg":
                    names = [f"kg.{a.name}" for a in node.names]
            for name in names:
                found[module].append((name, node.lineno, id(node) in top_level))
    return found


def test_imports_only_go_down():
    wrong = []
    for module, imports in _imports().items():
        for name, line, _ in imports:
            if not name.startswith("kg"):
                continue
            here, there = _unit(module), _unit(name)
            if here != there and RANKS[there] > RANKS[here]:
                wrong.append(f"{module}:{line} imports {name} (up: {here} -> {there})")
    assert not wrong, "\n".join(wrong)


def test_every_module_has_a_rank():
    assert {_unit(_module(p)) for p in KG.rglob("*.py")} <= set(RANKS)


def test_spacy_is_imported_in_kg_nlp_only():
    wrong = [
        f"{module}:{line}"
        for module, imports in _imports().items()
        for name, line, _ in imports
        if name.split(".")[0] == "spacy" and _unit(module) != "kg.nlp"
    ]
    assert not wrong


def test_the_library_never_imports_the_command_line():
    wrong = [
        f"{module}:{line}"
        for module, imports in _imports().items()
        for name, line, _ in imports
        if name.startswith("kg.cli") and module not in ("kg.cli", "kg.__main__")
    ]
    assert not wrong


def test_no_import_cycle():
    graph = {
        module: {name for name, _, top in imports if top and name.startswith("kg")}
        for module, imports in _imports().items()
    }
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph.get(module, ())):
            target = name if name in graph else name.rsplit(".", 1)[0]
            if state.get(target) == 1:
                cycles.append([*path, module, target])
            elif target in graph and target not in state:
                visit(target, [*path, module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert not cycles, cycles


def test_every_package_is_shipped():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = set(config["tool"]["setuptools"]["packages"])
    packages = {_module(p) for p in KG.rglob("__init__.py")}
    assert packages <= shipped
    assert "kg.ontology" in shipped


def test_import_kg_loads_neither_spacy_nor_rdflib():
    code = "import sys, kg; print(sorted({m.split('.')[0] for m in sys.modules}))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = eval(done.stdout)  # a list of module names printed by repr
    assert "spacy" not in loaded and "rdflib" not in loaded and "kg" in loaded


def test_the_public_names_are_the_lazy_exports():
    import kg

    assert sorted(kg.__all__) == sorted(kg._EXPORTS)
    assert all(callable(getattr(kg, name)) for name in kg.__all__)
