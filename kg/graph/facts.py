"""Facts: per-article relations restated over canonical entities, deals merged across articles,
and the one inference kg makes (a quoted official speaks for their country).

No spaCy here: the input is Extraction records and a Resolution, the output plain records
that graph.py turns into RDF.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kg.graph.resolve import Resolution
from kg.model import DATELINE_RULE, Article, Deal, Extraction
from kg.names import short_hash, slug
from kg.resources import Ontology

SYMMETRIC = frozenset({"signsAgreementWith", "negotiatesWith", "meetsWith"})


@dataclass(frozen=True, slots=True)
class Fact:
    """One reading of a fact, over canonical keys, with its provenance."""

    subject: str
    predicate: str
    object: str | None
    value: str | None
    deal: str | None
    article: str
    sentence: str
    start: int  # sentence offsets in the source file
    end: int
    rule: str
    confidence: float
    modality: str
    speaker: str | None = None
    reporting_verb: str | None = None
    time: str | None = None  # the event's time (kg.model.Relation.time)
    time_end: str | None = None
    time_text: str | None = None
    earliest: str | None = None  # over the dated readings of the same asserted fact
    latest: str | None = None

    @property
    def key(self) -> str:
        """Stable id of this reading: a short hash of everything that tells two readings
        apart (what it says, where, by which rule, in which mood, reported by whom), so that
        two readings of one sentence never share a kg:Statement."""
        parts = (
            self.subject,
            self.predicate,
            self.object or "",
            self.value or "",
            self.deal or "",
            self.article,
            str(self.start),
            str(self.end),
            self.rule,
            self.modality,
            self.speaker or "",
            self.reporting_verb or "",
        )
        return short_hash(*parts, length=16)


@dataclass(frozen=True, slots=True)
class CanonicalDeal:
    """A deal merged across articles: one node per buyer and item."""

    key: str
    buyer: str | None
    seller: str | None
    item: str | None
    value: str | None
    currency: str | None
    date: str | None
    articles: tuple[str, ...]
    parties: tuple[str, ...] = ()  # an agreement's parties (no buyer, seller or item)
    name: str | None = None  # an agreement's name: "nuclear deal"


def _sentence(article: Article, start: int, end: int) -> tuple[str, int, int]:
    span = article.text[start:end]
    # trim spaces first: a trailing line break may lie past a cleaned-out caption in the source
    start, end = start + len(span) - len(span.lstrip()), start + len(span.rstrip())
    text = " ".join(span.split())
    return text, article.source_offset(start), article.source_offset(end)


def _deal_key(buyer: str | None, item: str | None) -> str:
    return f"{buyer or 'unknown'}--{item or 'unknown'}"


def _plurality(values: Iterable[str | None]) -> str | None:
    """The value seen strictly more often than any other, else None."""
    counts = Counter(v for v in values if v is not None).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


def canonical_deals(
    extractions: list[Extraction], resolution: Resolution
) -> tuple[dict[str, CanonicalDeal], dict[tuple[str, int], str]]:
    """Merge the deals of all articles; return them and the key of each (article, deal index)."""
    key_of = resolution.key_of
    drafts: list[tuple[str, int, str | None, str | None, str | None, object]] = []
    agreements: list[tuple[str, int, tuple[str, ...], str, Deal]] = []
    for extraction in extractions:
        aid = extraction.article.id
        deals = extraction.deals

        def k(index: int | None) -> str | None:
            return key_of.get((aid, index)) if index is not None else None  # noqa: B023

        items = {k(d.item) for d in deals if d.item is not None}
        for i, deal in enumerate(deals):
            if deal.name is not None:
                parties = tuple(sorted({p for x in deal.parties if (p := k(x))}))
                if parties:
                    agreements.append((aid, i, parties, deal.name, deal))
                continue
            item = k(deal.item) or (next(iter(items)) if len(items) == 1 else None)
            same_item = [d for d in deals if k(d.item) == item and item is not None]
            # "the deal" with no buyer is the article's main deal for that item: the buyer
            # named most often with it, if one is named more often than any other
            buyer = k(deal.buyer) or _plurality(
                k(d.buyer) for d in same_item if d.buyer is not None
            )
            seller = k(deal.seller) or _plurality(
                k(d.seller) for d in same_item if d.seller is not None
            )
            drafts.append((aid, i, buyer, seller, item, deal))
    full = defaultdict(set)
    for _, _, buyer, _, item, _ in drafts:
        if buyer and item:
            full[item].add(buyer)
    merged: dict[str, dict[str, object]] = {}
    index_key: dict[tuple[str, int], str] = {}
    for aid, i, buyer, seller, item, deal in sorted(drafts, key=lambda d: (d[0], d[1])):
        if buyer is None and item is not None and len(full[item]) == 1:
            buyer = next(iter(full[item]))
        if item is None:
            continue  # a deal is about something: "a trade deal" with no item is an agreement
        key = _deal_key(buyer, item)
        slot = merged.setdefault(
            key,
            {
                "buyer": buyer,
                "item": item,
                "seller": None,
                "value": None,
                "currency": None,
                "date": None,
                "articles": set(),
            },
        )
        slot["articles"].add(aid)  # type: ignore[union-attr]
        if slot["seller"] is None and seller and seller != buyer:
            slot["seller"] = seller
        for attr in ("value", "currency", "date"):
            if slot[attr] is None and getattr(deal, attr):
                slot[attr] = getattr(deal, attr)
        index_key[(aid, i)] = key
    for aid, i, parties, name, deal in sorted(agreements, key=lambda a: (a[0], a[1])):
        # an agreement: one node per set of parties and name, across articles
        key = "--".join(("agreement", *parties, slug(name)))
        slot = merged.setdefault(
            key,
            {
                "buyer": None,
                "item": None,
                "seller": None,
                "value": None,
                "currency": None,
                "date": None,
                "articles": set(),
                "parties": parties,
                "name": name,
            },
        )
        slot["articles"].add(aid)  # type: ignore[union-attr]
        for attr in ("value", "currency", "date"):
            if slot[attr] is None and getattr(deal, attr):
                slot[attr] = getattr(deal, attr)
        index_key[(aid, i)] = key
    deals = {
        key: CanonicalDeal(
            key,
            s["buyer"],
            s["seller"],
            s["item"],
            s["value"],
            s["currency"],
            s["date"],
            tuple(sorted(s["articles"])),
            s.get("parties", ()),
            s.get("name"),
        )  # type: ignore[arg-type]
        for key, s in merged.items()
    }
    return deals, index_key


def canonical_facts(
    extractions: list[Extraction],
    resolution: Resolution,
    deal_key: dict[tuple[str, int], str],
    ontology: Ontology,
) -> list[Fact]:
    """Every relation of every article, over canonical keys. Self-loops are dropped, and so
    are facts whose entities, once resolved, do not fit the predicate's domain and range in
    kg.ttl (a role read on a mention the corpus as a whole takes for an organisation)."""
    facts: list[Fact] = []
    for extraction in extractions:
        article = extraction.article
        aid = article.id
        for r in extraction.relations:
            subject = resolution.key_of.get((aid, r.subject))
            obj = (
                resolution.key_of.get((aid, r.object)) if r.object is not None else None
            )
            deal = deal_key.get((aid, r.deal)) if r.deal is not None else None
            if (
                subject is None
                or (r.object is not None and obj is None)
                or (r.deal is not None and deal is None)
            ):
                continue
            if obj is not None and obj == subject:
                continue
            object_cls = resolution.entities[obj].cls if obj is not None else None
            if not ontology.fits(
                r.predicate, resolution.entities[subject].cls, object_cls
            ):
                continue
            if r.rule == DATELINE_RULE and article.dateline:
                # the dateline is no sentence of the text: the place as written, in the source
                text = article.dateline
                start, end = article.dateline_at or (0, 0)
            else:
                text, start, end = _sentence(article, r.sentence_start, r.sentence_end)
            speaker = (
                resolution.key_of.get((aid, r.speaker))
                if r.speaker is not None
                and _is_agent(
                    resolution.key_of.get((aid, r.speaker)), resolution, ontology
                )
                else None
            )
            facts.append(
                Fact(
                    subject,
                    r.predicate,
                    obj,
                    r.value,
                    deal,
                    aid,
                    text,
                    start,
                    end,
                    r.rule,
                    r.confidence,
                    r.modality,
                    speaker,
                    r.reporting_verb,
                    r.time,
                    r.time_end,
                    r.time_text,
                )
            )
    return facts


def fact_spans(facts: list[Fact]) -> list[Fact]:
    """Each reading of an asserted fact with the earliest and latest time its dated readings
    give (a fact read only in background sentences keeps their past dates)."""
    spans: dict[tuple[str, str, str | None, str | None, str | None], list[str]] = {}
    for f in facts:
        if f.modality == "asserted" and f.time:
            key = (f.subject, f.predicate, f.object, f.value, f.deal)
            spans.setdefault(key, []).extend((f.time, f.time_end or f.time))
    if not spans:
        return facts
    out = []
    for f in facts:
        times = spans.get((f.subject, f.predicate, f.object, f.value, f.deal))
        if times and f.modality == "asserted":
            f = replace(f, earliest=min(times), latest=max(times))
        out.append(f)
    return out


def _is_agent(key: str | None, resolution: Resolution, ontology: Ontology) -> bool:
    """A speaker is an agent: a mention the corpus as a whole takes for a place (a dateline
    city before "said") is no speaker."""
    return key is not None and ontology.is_a(resolution.entities[key].cls, ("Agent",))


def infer_speaks_for(
    extractions: list[Extraction], resolution: Resolution, facts: list[Fact]
) -> list[Fact]:
    """A person who holds an official post of a country (officialOf, leaderOf, or serving a
    leader as adviser) speaks for that country wherever they are quoted."""
    asserted = [f for f in facts if f.modality == "asserted" and f.object is not None]
    country_of: dict[str, set[str]] = defaultdict(set)
    for f in asserted:
        if (
            f.predicate in ("officialOf", "leaderOf")
            and resolution.entities[f.object].cls == "Country"
        ):  # type: ignore[index]
            country_of[f.subject].add(f.object)  # type: ignore[arg-type]
    for f in asserted:
        if (
            f.predicate == "worksFor"
            and f.rule.endswith(".person")
            and f.object in country_of
        ):
            for country in sorted(country_of[f.object]):
                if any(
                    g.subject == f.object
                    and g.predicate == "leaderOf"
                    and g.object == country
                    for g in asserted
                ):
                    country_of[f.subject].add(country)
    inferred: list[Fact] = []
    for extraction in extractions:
        article = extraction.article
        for quote in extraction.quotes:
            person = resolution.key_of.get((article.id, quote.speaker))
            if person is None:
                continue
            text, start, end = _sentence(
                article, quote.sentence_start, quote.sentence_end
            )
            for country in sorted(country_of.get(person, ())):
                inferred.append(
                    Fact(
                        person,
                        "speaksFor",
                        country,
                        None,
                        None,
                        article.id,
                        text,
                        start,
                        end,
                        "speaksFor.quoted-official",
                        0.8,
                        "asserted",
                        person,
                        quote.verb,
                    )
                )
    return inferred


def symmetric_closure(facts: list[Fact]) -> list[Fact]:
    """Both directions of a symmetric relation (signsAgreementWith, negotiatesWith, meetsWith)."""
    out = list(facts)
    seen = {
        (f.subject, f.predicate, f.object, f.article, f.start, f.rule) for f in facts
    }
    for f in facts:
        if f.predicate in SYMMETRIC and f.object is not None:
            mirrored = replace(f, subject=f.object, object=f.subject)
            key = (
                mirrored.subject,
                mirrored.predicate,
                mirrored.object,
                f.article,
                f.start,
                f.rule,
            )
            if key not in seen:
                seen.add(key)
                out.append(mirrored)
    return out
