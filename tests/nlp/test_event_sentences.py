"""The event specification sentences (tests/data/event_sentences.jsonl, see its .md).

Every `not` triple must stay unasserted: a trap that turns into a fact is a bug. Every `facts`
triple must be asserted, except the known gaps listed in tests/data/event_gaps.tsv, which are
strict expected failures: a gap that starts to pass fails the suite until it is taken off the
list, so the list only shrinks.
"""

from __future__ import annotations

import json

import pytest

from helpers import DATA
from kg.graph.canonical import canonical_layers
from kg.graph.rdf import deal_label
from kg.model import Article

ROWS = [
    json.loads(line)
    for line in (DATA / "event_sentences.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]
SYMMETRIC = {"signsAgreementWith", "negotiatesWith", "meetsWith"}


def _gaps() -> set[tuple[str, str, str, str]]:
    gaps = set()
    for line in (DATA / "event_gaps.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            row_id, subject, predicate, obj = line.split("\t")
            gaps.add((row_id, subject, predicate, obj))
    return gaps


GAPS = _gaps()


@pytest.fixture(scope="module")
def readings(nlp, ontology):
    """Per snippet: its asserted triples and its (triple, modality) statements."""
    from kg.nlp.extract import extract

    found = {}
    docs = nlp.pipe([row["text"] for row in ROWS], batch_size=32)
    for row, doc in zip(ROWS, docs, strict=True):
        article = Article(id=row["id"], title="", text=row["text"], source=row["id"])
        layers = canonical_layers([extract(article, doc, ontology)], ontology)
        name = {key: entity.name for key, entity in layers.entities.items()}
        deal_name = {key: deal_label(deal, name) for key, deal in layers.deals.items()}
        asserted, statements = set(), set()
        for fact in layers.facts:
            if fact.object is not None:
                obj = name[fact.object]
            elif fact.deal is not None:
                obj = deal_name.get(fact.deal, fact.deal)
            else:
                continue
            triple = (name[fact.subject], fact.predicate, obj)
            if fact.modality == "asserted":
                asserted.add(triple)
            else:
                statements.add((*triple, fact.modality))
        found[row["id"]] = (asserted, statements)
    return found


def _holds(triple, asserted) -> bool:
    subject, predicate, obj = triple
    return triple in asserted or (
        predicate in SYMMETRIC and (obj, predicate, subject) in asserted
    )


FACTS = [(row["id"], *fact) for row in ROWS for fact in row["facts"]]
TRAPS = [(row["id"], *fact) for row in ROWS for fact in row["not"]]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            marks=pytest.mark.xfail(strict=True, reason="known gap (event_gaps.tsv)")
            if case in GAPS
            else (),
            id=" ".join(case),
        )
        for case in FACTS
    ],
)
def test_fact_is_asserted(readings, case):
    row_id, *triple = case
    asserted, _ = readings[row_id]
    assert _holds(tuple(triple), asserted), f"{row_id}: got {sorted(asserted)}"


@pytest.mark.parametrize("case", TRAPS, ids=[" ".join(c) for c in TRAPS])
def test_trap_is_not_asserted(readings, case):
    row_id, *triple = case
    asserted, _ = readings[row_id]
    assert not _holds(tuple(triple), asserted)


def test_gaps_name_real_facts():
    assert set(GAPS) <= set(FACTS), sorted(set(GAPS) - set(FACTS))


def test_the_sentences_cover_every_event_predicate_and_many_stories(ontology):
    predicates = {fact[1] for row in ROWS for fact in (*row["facts"], *row["not"])}
    events = {
        "buys", "sells", "delivers", "offers", "operates", "manufactures",
        "signsAgreementWith", "negotiatesWith", "meetsWith", "supports", "opposes",
        "criticizes", "warns", "sanctions", "attacks",
    }  # fmt: skip
    assert events <= predicates
    assert len({row["story"] for row in ROWS}) >= 10
    assert len(ROWS) >= 60
