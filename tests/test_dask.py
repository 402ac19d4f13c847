"""The Dask engine: extraction on a dask.distributed LocalCluster gives the same graph as
the local engine."""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic

from kg.parallel import Shards
from kg.pipeline import Settings, assemble, build_stream

distributed = pytest.importorskip("distributed")

TEXTS = {
    "a.txt": "Turkey bought the S-400 air defense system from Russia in 2017, officials said.\n",
    "b.txt": "Greek Prime Minister Kyriakos Mitsotakis met Turkish President Recep Tayyip Erdogan in Athens.\n",
    "c.txt": "The United States could impose sanctions on Turkey over the purchase, a senator warned.\n",
}


@pytest.fixture()
def articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_dask_engine_on_a_local_cluster_equals_the_local_engine(articles, nlp, ontology, tmp_path):
    from kg.distributed import extract_on_dask
    from kg.pipeline import read_inputs

    local = build_stream([articles], Settings(), output=tmp_path / "local", nlp=nlp)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        shards = extract_on_dask(read_inputs([articles], [], ontology, on_error=pytest.fail), tmp_path / "shards", settings=Settings(), client=client, chunk_size=1)
        assert isinstance(shards, Shards) and shards.articles == 3
        on_dask, _, _ = assemble(list(shards.extractions()), ontology)
    assert isomorphic(on_dask, local.graph)
    assert len(local.graph) > 50
