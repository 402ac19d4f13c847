"""The wheel is the product: built from this tree and installed outside it, it carries the
ontology and builds the seeds (without the repository's ontology/ folder in reach)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from helpers import ROOT


def test_an_installed_wheel_builds_the_seeds(tmp_path, seeds_build):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("kg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert (
        "kg/ontology/kg.ttl" in names
        and "kg/ontology/gazetteer/countries.jsonl" in names
    )
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    seeds = tmp_path / "seeds"
    seeds.symlink_to(ROOT / "seeds")
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import kg, kg.resources as r; print(kg.__file__); print(r.DEFAULT_ONTOLOGY_DIR)",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module, ontology = done.stdout.splitlines()
    assert module.startswith(str(site)) and ontology == str(site / "kg" / "ontology")
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", "seeds", "-o", "out"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    _, turtle = (
        seeds_build  # built from ROOT/seeds: the same graph but for the file names
    )
    built = (tmp_path / "out" / "graph.ttl").read_bytes()
    assert built.replace(b'"seeds/', f'"{ROOT}/seeds/'.encode()) == turtle.read_bytes()
