"""The Dask engine: extraction on a dask.distributed LocalCluster gives the same graph as
the local engine."""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic

from kg.pipeline.build import build

distributed = pytest.importorskip("distributed")

TEXTS = {
    "a.txt": "Turkey bought the S-400 air defense system from Russia in 2017, officials said.\n",
    "b.txt": "Greek Prime Minister Kyriakos Mitsotakis met Turkish President Recep "
    "Tayyip Erdogan in Athens.\n",
    "c.txt": "The United States could impose sanctions on Turkey over the purchase, a "
    "senator warned.\n",
}


@pytest.fixture()
def articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_dask_engine_on_a_local_cluster_equals_the_local_engine(
    articles, nlp, monkeypatch
):
    from kg.pipeline import dask, local

    monkeypatch.setattr(local, "CHUNK_SIZE", 1)
    in_process = build(articles, nlp=nlp)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        real = dask.extract
        monkeypatch.setattr(
            dask, "extract", lambda *a, **k: real(*a, **k, client=client)
        )
        on_dask = build(articles, engine="dask")
    assert on_dask.read == 3 and not on_dask.errors
    assert isomorphic(on_dask.graph, in_process.graph)
    assert len(in_process.graph) > 50
