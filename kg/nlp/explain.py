"""Explain: what kg reads in one sentence, and why: its entities, its dependency parse, each
rule tried at a trigger word (with what it found, or why it gave nothing) and the facts it
gives, with their modality and confidence. `kg explain` prints it; it is the loop for adding
a verb or a pattern to ontology/ (see ontology/README.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.model import Article, Deal, Mention
from kg.nlp.entities import extract_mentions
from kg.nlp.extract import extract_relations
from kg.resources import Ontology


def explain(text: str, nlp: Any, ontology: Ontology) -> Iterator[str]:
    """The explanation of `text`, line by line."""
    doc = nlp(text)
    mentions = extract_mentions(doc, ontology)
    yield "entities:"
    for m in mentions:
        entry = f" = {m.gazetteer_id}" if m.gazetteer_id else ""
        yield f"  {m.text!r} -> {m.name} ({m.label}, {m.rule}{entry})"
    if not mentions:
        yield "  (none)"
    yield "parse (token  lemma  part of speech  dependency  head):"
    for sent in doc.sents:
        for token in sent:
            if token.is_space:
                continue
            head = (
                "ROOT" if token.head is token else f"{token.head.text}({token.head.i})"
            )
            yield (
                f"  {token.i:>3} {token.text:<16} {token.lemma_:<14} {token.pos_:<6} "
                f"{token.dep_:<10} {head}"
            )
    trace: list[str] = []
    relations, deals, quotes = extract_relations(doc, mentions, ontology, trace=trace)
    yield "rules tried:"
    yield from (f"  {line}" for line in trace) if trace else ["  (no trigger word)"]
    yield "facts:"
    for r in relations:
        subject = mentions[r.subject].name
        target = (
            mentions[r.object].name
            if r.object is not None
            else r.value or f"deal {r.deal} ({_deal_text(deals[r.deal], mentions)})"
        )
        speaker = (
            f", said by {mentions[r.speaker].name}" if r.speaker is not None else ""
        )
        how = f"{r.modality}, {r.confidence}, {r.rule}{speaker}"
        yield f"  {subject} {r.predicate} {target}  [{how}]"
    if not relations:
        yield "  (none)"
    for number, deal in enumerate(deals):
        yield f"deal {number}: {_deal_text(deal, mentions)} [{deal.rule}]"
    del quotes


def _deal_text(deal: Deal, mentions: list[Mention]) -> str:
    if deal.name is not None:
        parties = ", ".join(mentions[p].name for p in deal.parties)
        return f"agreement {deal.name!r}, parties {parties}"
    parts = {"buyer": deal.buyer, "seller": deal.seller, "item": deal.item}
    return ", ".join(
        f"{k} {mentions[v].name}" for k, v in parts.items() if v is not None
    )


def explain_article(article: Article, nlp: Any, ontology: Ontology) -> Iterator[str]:
    """The explanation of an article's text (for `kg explain FILE`)."""
    yield from explain(article.text, nlp, ontology)
