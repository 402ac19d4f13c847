"""Quality floors on the seeds (issue 3): a regression in extraction fails the suite."""

from helpers import ROOT
from kg.evaluate import evaluate, read_gold

FLOORS = {
    "precision": 0.90,
    "recall": 0.85,
    "type_accuracy": 0.95,
    "entity_recall": 0.95,
}


def test_seeds_meet_the_quality_floors(seeds_build):
    result, _ = seeds_build
    scores = evaluate(result.graph, read_gold(ROOT / "tests" / "data" / "seeds.tsv"))
    for name, floor in FLOORS.items():
        assert getattr(scores, name) >= floor, (
            f"{name} {getattr(scores, name):.3f} < {floor}: {scores.summary()}"
        )
    assert scores.must_not == 0, scores.summary()
    assert scores.duplicate_nodes == 0, scores.summary()
    assert scores.boilerplate_nodes == 0, scores.summary()


def test_evaluator_counts_hits_misses_and_traps(graph_of, tmp_path):
    gold = tmp_path / "gold.tsv"
    gold.write_text(
        "E\tTurkey\tCountry\tAnkara\n"
        "E\tRussia\tCountry\t\n"
        "E\tS-400\tProduct|WeaponSystem\t\n"
        "R\tTurkey\tbuys\tS-400\t-\tx\n"
        "R\tRussia\tsells\tS-400\t-\tx\n"
        "R\tTurkey\tsignsAgreementWith\tRussia\t-\tx\n"
        "X\tRussia\tbuys\tS-400\t-\treversed\n"
        "B\tJoin the mailing list\n",
        encoding="utf-8",
    )
    graph = graph_of("Turkey bought S-400 missiles from Russia.")
    scores = evaluate(graph, read_gold(gold))
    assert scores.recall == 2 / 3
    assert scores.precision == 1.0
    assert scores.missed == (("Turkey", "signsAgreementWith", "Russia"),)
    assert (
        scores.must_not == 0
        and scores.duplicate_nodes == 0
        and scores.type_accuracy == 1.0
    )
