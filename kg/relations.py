"""Relations: rules from ontology/relations.jsonl, applied to the dependency parse.

Each rule names trigger lemmas and dependency paths to its arguments; the engine adds what
no single path can say: coordination ("US and NATO officials" -> two facts), implicit subjects
("decided to buy"), relative clauses, light-verb nominals ("made an offer of"), modality and
reported speech. Structural rules that have no trigger word (a company name on a product,
"Russia's Rosoboronexport", "the Hmeimim Air Base in Lattakia") are functions here, each with
an id that provenance records.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from spacy.tokens import Doc, Span, Token

from kg.entities import country_names, fold, token_index
from kg.model import Deal, Mention, Quote, Relation
from kg.resources import Ontology, Rule
from kg.syntax import (
    DocContext,
    follow,
    inherited_subject,
    lexicon,
    modality,
    reporting,
    resolve,
)

AGENT = ("Agent",)
PLACE_OR_COUNTRY = ("Place", "Country")
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], 1)}


@dataclass(slots=True)
class _Collector:
    """Relations and deals of one article, deduplicated as they are found."""

    ctx: DocContext
    relations: dict[tuple[object, ...], Relation] = field(default_factory=dict)
    deals: list[Deal] = field(default_factory=list)
    deal_at: dict[int, int] = field(default_factory=dict)  # trigger token -> deal index

    def add(
        self,
        subject: int,
        predicate: str,
        obj: int | None,
        trigger: Token,
        rule: str,
        confidence: float,
        *,
        value: str | None = None,
        deal: int | None = None,
        mood: tuple[str, str | None] | None = None,
    ) -> None:
        if obj is not None and self.ctx.same_entity(subject, obj):
            return
        sent = trigger.sent
        mood_name, _ = mood or modality(trigger, self.ctx)
        speaker_token, verb = reporting(trigger, self.ctx)
        speakers = resolve(speaker_token, self.ctx, AGENT) if speaker_token is not None else []
        speaker = speakers[0] if speakers else None
        start, end = _bounds(sent)
        key = (subject, predicate, obj, value, deal, start, rule)
        if key in self.relations:
            return
        self.relations[key] = Relation(
            subject=subject,
            predicate=predicate,
            object=obj,
            sentence_start=start,
            sentence_end=end,
            rule=rule,
            confidence=round(confidence, 3),
            modality=mood_name,
            value=value,
            deal=deal,
            speaker=speaker,
            reporting_verb=verb,
        )


def _bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without the blank lines the parser attaches to it."""
    words = [t for t in sent if not t.is_space]
    return (words[0].idx, words[-1].idx + len(words[-1].text)) if words else (sent.start_char, sent.end_char)


def _tokens(trigger: Token, paths: tuple[str, ...]) -> list[Token]:
    found: list[Token] = []
    for path in paths:
        for token in follow(trigger, path):
            if token not in found:
                found.append(token)
    return found


def _arguments(trigger: Token, paths: tuple[str, ...], ctx: DocContext, classes: tuple[str, ...], *, literal: bool = False) -> list[int]:
    found: list[int] = []
    for token in _tokens(trigger, paths):
        named = [i for t in (token, *token.conjuncts) if (i := ctx.mention_at(t)) is not None and ctx.ontology.is_a(ctx.cls(i), classes)]
        for index in named if literal else resolve(token, ctx, classes):
            if index not in found:
                found.append(index)
    return found


def _nominal_subject(trigger: Token, ctx: DocContext, classes: tuple[str, ...]) -> list[int]:
    """Subject of a nominal trigger taken by a light verb ("the US made an offer of ..."), or
    the object of a verb that blames or praises someone for it ("criticized Turkey for purchase
    of the S-400": Turkey made the purchase)."""
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in ("for", "over") and head.head.pos_ == "VERB":
        objects = [c for c in head.head.children if c.dep_ == "dobj"]
        if objects:
            return resolve(objects[0], ctx, classes)
    if trigger.dep_ == "dobj" and head.lemma_.lower() in ctx.lex.light_verbs | {"continue", "hold", "conduct", "resume", "start", "begin", "open", "launch"}:
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if subjects:
            return resolve(subjects[0], ctx, classes)
    return []


def parse_money(text: str, ctx: DocContext) -> tuple[str, str] | None:
    """"$2.5 billion" -> ("2500000000", "USD"); None when no amount or currency is found."""
    lex = ctx.ontology.lexicon
    lowered = text.casefold().replace(",", "")
    currency = None
    for word, code in sorted(lex["currency_words"].items(), key=lambda kv: -len(kv[0])):
        if word in lowered.split() or (not word.isalpha() and word in lowered):
            currency = code
            break
    number = re.search(r"\d+(?:\.\d+)?", lowered)
    if currency is None or number is None:
        return None
    try:
        amount = Decimal(number.group())
    except InvalidOperation:
        return None
    rest = lowered[number.end():]
    scale_match = re.match(r"\s*-?\s*([a-z]+)", rest)
    if scale_match and scale_match.group(1) in lex["scale_words"]:
        amount *= lex["scale_words"][scale_match.group(1)]
    return format(amount.normalize(), "f"), currency


def parse_date(text: str) -> str | None:
    """"December 2017" -> "2017-12"; "2015" -> "2015"; anything vaguer -> None."""
    lowered = text.casefold()
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", lowered)
    if not year:
        return None
    for name, number in _MONTHS.items():
        if re.search(rf"\b{name}\b", lowered):
            day = re.search(r"\b([0-3]?\d)\b", lowered.replace(year.group(), ""))
            if day and 1 <= int(day.group(1)) <= 31:
                return f"{year.group()}-{number:02d}-{int(day.group(1)):02d}"
            return f"{year.group()}-{number:02d}"
    return year.group()


def _deal_attributes(trigger: Token, ctx: DocContext) -> tuple[str | None, str | None, str | None]:
    """Value, currency and date written in the deal's clause: "signed a $2.5 billion deal
    with Russia to buy S-400 missiles in December 2017"."""
    value = currency = date = None
    clause = trigger
    while clause.head is not clause and clause.dep_ not in ("ccomp", "ROOT") and not (
        clause.pos_ in ("VERB", "AUX") and clause is not trigger and clause.lemma_.lower() in ctx.lex.reporting_verbs
    ):
        clause = clause.head
    scope = {t.i for t in clause.subtree}
    for ent in trigger.sent.ents:
        if not any(t.i in scope for t in ent):
            continue
        if ent.label_ == "MONEY" and value is None:
            parsed = parse_money(ent.text, ctx)
            if parsed:
                value, currency = parsed
        elif ent.label_ == "DATE" and date is None:
            date = parse_date(ent.text)
    return value, currency, date


def _origin(item: int, ctx: DocContext) -> int | None:
    """A country or company the item is said to come from: "Russian S-400", "Russia's S-400"."""
    span = ctx.doc.char_span(ctx.mentions[item].start, ctx.mentions[item].end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    head = root.head if root.dep_ in ("compound", "nmod", "nummod") else root
    for child in [*head.children, *root.children]:
        if child.dep_ in ("amod", "poss", "compound", "nmod") and child.i not in range(span.start, span.end):
            index = ctx.mention_at(child)
            if index is not None and ctx.ontology.is_a(ctx.cls(index), ("Country", "Company")):
                return index
            for grandchild in child.children:
                if grandchild.dep_ in ("npadvmod", "nmod", "compound"):
                    index = ctx.mention_at(grandchild)
                    if index is not None and ctx.ontology.is_a(ctx.cls(index), ("Country", "Company")):
                        return index
    return None


def _add_deal(out: _Collector, trigger: Token, buyer: int | None, seller: int | None, item: int | None, rule: str) -> int:
    ctx = out.ctx
    if seller is None and item is not None:
        origin = _origin(item, ctx)
        if origin is not None and origin != buyer:
            seller = origin
    value, currency, date = _deal_attributes(trigger, ctx)
    sent = trigger.sent
    out.deals.append(
        Deal(buyer, seller, item, *_bounds(sent), rule, value, currency, date)
    )
    index = len(out.deals) - 1
    out.deal_at.setdefault(trigger.i, index)
    return index


def _deal_for(token: Token, out: _Collector) -> int | None:
    """The deal a noun stands for: the one read at this token, else one read in the article."""
    if token.i in out.deal_at:
        return out.deal_at[token.i]
    for child in token.subtree:
        if child.i in out.deal_at:
            return out.deal_at[child.i]
    if token.lemma_.lower() in out.ctx.lex.deal_nouns and out.deals:
        items = [i for c in token.children if (i := out.ctx.mention_at(c)) is not None]
        for index, deal in enumerate(out.deals):
            if deal.item is not None and any(out.ctx.same_entity(deal.item, i) for i in items):
                return index
        if len(out.deals) == 1 or (out.deals and not items):
            return len(out.deals) - 1
    return None


def _apply(rule: Rule, trigger: Token, out: _Collector) -> None:
    ctx = out.ctx
    for path in rule.requires:
        if not follow(trigger, path):
            return
    for path in rule.forbids:
        if follow(trigger, path):
            return
    subjects = _arguments(trigger, rule.subject, ctx, rule.subject_classes, literal=rule.literal)
    confidence = rule.confidence
    if not subjects:
        if trigger.pos_ == "VERB":
            subjects = inherited_subject(trigger, ctx, rule.subject_classes)
        else:
            subjects = _nominal_subject(trigger, ctx, rule.subject_classes)
        confidence *= 0.9
    objects = _arguments(trigger, rule.object, ctx, rule.object_classes, literal=rule.literal)
    object_tokens = _tokens(trigger, rule.object)
    deal_objects: list[int] = []
    if rule.object_is_deal:
        for token in object_tokens:
            deal = _deal_for(token, out)
            if deal is not None and deal not in deal_objects:
                deal_objects.append(deal)
        if deal_objects:
            objects = [o for o in objects if not ctx.ontology.is_a(ctx.cls(o), ("Product",))]
    objects = [o for o in objects if o not in subjects]
    mood = modality(trigger, ctx)
    rule_id = rule.id
    # "X and Y signed a deal": each pair once; kg.facts.symmetric_closure adds the mirror
    if rule.symmetric and not objects and len(subjects) > 1:
        for i, a in enumerate(subjects):
            for b in subjects[i + 1 :]:
                out.add(a, rule.predicate, b, trigger, rule_id, confidence, mood=mood)
        return
    for subject in subjects:
        for obj in objects:
            out.add(subject, rule.predicate, obj, trigger, rule_id, confidence, mood=mood)
        for deal in deal_objects:
            out.add(subject, rule.predicate, None, trigger, rule_id, confidence, deal=deal, mood=mood)
    if not rule.deal or mood[0] != "asserted":
        return  # "did not buy", "would be open to buying": no deal was made
    sellers = _arguments(trigger, rule.seller, ctx, AGENT)
    recipients = _arguments(trigger, rule.recipient, ctx, AGENT)
    items = objects or [None]
    if rule.predicate == "buys":
        buyers, sellers_ = subjects or [None], sellers or [None]
    else:
        buyers, sellers_ = recipients or [None], subjects or [None]
    for item in items:
        for buyer in buyers:
            for seller in sellers_:
                if buyer is None and seller is None:
                    continue
                deal = _add_deal(out, trigger, buyer, seller, item, rule_id)
                found = out.deals[deal]
                if item is None:
                    continue
                if rule.predicate == "buys" and found.seller is not None:
                    out.add(found.seller, "sells", item, trigger, f"{rule_id}.seller", confidence * 0.9, mood=mood)
                if rule.predicate == "sells" and buyer is not None:
                    out.add(buyer, "buys", item, trigger, f"{rule_id}.recipient", confidence * 0.9, mood=mood)


def _signed_deals(out: _Collector) -> None:
    """Agreement nouns name their item: "a deal for the delivery of four S-400 batteries",
    "the S-400 deal", "an agreement on the supply of ..." -> a Deal between the parties."""
    ctx = out.ctx
    for token in ctx.doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in {"deal", "agreement", "contract", "accord", "pact"}:
            continue
        if token.i in out.deal_at:
            continue
        governor = token.head if token.dep_ in ("dobj", "nsubj", "nsubjpass") else token
        if modality(governor, ctx)[0] != "asserted" or modality(token, ctx)[0] != "asserted":
            continue  # "an agreement is expected to be signed", "a possible deal"
        item_tokens = follow(token, "compound") + follow(token, "prep:for|on|over|of>pobj") + follow(token, "prep:for|on|over|of>pobj>prep:of>pobj") + follow(token, "acl>dobj")
        items = [i for t in item_tokens for i in resolve(t, ctx, ("Product",))]
        if not items:
            continue
        parties: list[int] = []
        parties += _arguments(token, ("poss", "prep:with|between>pobj"), ctx, AGENT)
        if token.dep_ == "dobj":
            parties += [i for s in follow(token.head, "nsubj") for i in resolve(s, ctx, AGENT)]
            parties += _arguments(token.head, ("prep:with>pobj",), ctx, AGENT)
        parties = list(dict.fromkeys(parties))
        item = items[0]
        origin = _origin(item, ctx)
        if origin not in parties:
            # the gazetteer knows where a weapon comes from: S-400 -> Russia
            entry = ctx.ontology.entry(ctx.mentions[item].gazetteer_id)
            maker = entry.country if entry is not None else None
            origin = next((p for p in parties if maker and ctx.mentions[p].gazetteer_id == maker), None)
        seller = origin
        buyers = [p for p in parties if (p != seller and ctx.cls(p) == "Country") or (p != seller and ctx.ontology.is_a(ctx.cls(p), AGENT))]
        buyer = buyers[0] if len(buyers) == 1 else None
        if seller is None and buyer is None and len(parties) != 1:
            _add_deal(out, token, None, None, item, "deal.item-noun")
            continue
        _add_deal(out, token, buyer, seller, item, "deal.item-noun")


def _modifier_relations(out: _Collector) -> None:
    """Facts written as noun modifiers, without a trigger verb."""
    ctx = out.ctx
    doc = ctx.doc
    for index, mention in enumerate(ctx.mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        cls = mention.label
        # "Lockheed Martin F-35 jets": a company name on a product names its maker.
        if ctx.ontology.is_a(cls, ("Company",)) and root.dep_ in ("compound", "nmod", "nummod"):
            for product in resolve(root.head, ctx, ("Product",)):
                out.add(index, "manufactures", product, root, "manufactures.company-modifier", 0.8)
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is not None and (p := ctx.mention_at(nxt)) is not None and ctx.ontology.is_a(ctx.cls(p), ("Product",)):
                out.add(index, "manufactures", p, root, "manufactures.company-modifier", 0.8)
        # "Roketsan's SOM", "China's CJ-10": the maker of a product named by possession, for
        # a country only where the gazetteer does not name another country of origin.
        if ctx.ontology.is_a(cls, ("Product",)):
            for owner in [c for c in root.children if c.dep_ == "poss"] + [c for c in root.head.children if c.dep_ == "poss" and root.dep_ in ("compound", "nmod", "nummod")]:
                for maker in resolve(owner, ctx, ("Company", "Country")):
                    entry = ctx.ontology.entry(mention.gazetteer_id)
                    maker_id = ctx.mentions[maker].gazetteer_id
                    if ctx.cls(maker) == "Country" and entry is not None and entry.country and entry.country != maker_id:
                        continue
                    out.add(maker, "manufactures", index, root, "manufactures.possessive", 0.65)
        # "Russia's Rosoboronexport", "the US State Department": an organisation of a country.
        if ctx.ontology.is_a(cls, ("Organization",)) and not ctx.ontology.is_a(cls, ("MediaOrganization", "MilitaryAlliance")):
            owners = [c for c in root.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < span.start]
            left = span.start - 1
            if left >= 0 and doc[left].dep_ in ("poss", "compound", "amod", "nmod"):
                owners.append(doc[left])
            for owner in owners:
                for country in resolve(owner, ctx, ("Country",)):
                    out.add(index, "basedIn", country, root, "basedIn.modifier", 0.8)
            first = span.text.split()[0] if span.text.split() else ""
            if len(span.text.split()) > 1:
                entry_id = country_names(ctx.ontology).get(fold(first))
                entry = ctx.ontology.entry(entry_id)
                if entry is not None and entry.cls == "Country" and cls in ("GovernmentBody", "Company", "Organization"):
                    target = _mention_for_entry(ctx, entry.id, span)
                    if target is not None:
                        out.add(index, "basedIn", target, root, "basedIn.name-prefix", 0.75)
        # "the Hmeimim Air Base in Lattakia", "Kurram, in Dera Ismail Khan District".
        if ctx.ontology.is_a(cls, ("Place",)):
            for place in _arguments(root, ("prep:in>pobj",), ctx, PLACE_OR_COUNTRY):
                out.add(index, "locatedIn", place, root, "locatedIn.in", 0.8)
            nxt_start = span.end
            while nxt_start < len(doc) and doc[nxt_start].lower_ in ctx.ontology.lexicon["place_region_words"]:
                nxt_start += 1
            if nxt_start + 1 < len(doc) and doc[nxt_start].text == ",":
                nxt = ctx.mention_at(doc[nxt_start + 1])
                wanted = ("Region", "Country") if cls in ("City", "Region") else ("Region", "Country", "Place")
                listed = doc[nxt_start + 1].dep_ == "conj"  # "Africa, Asia and the Middle East" is a list
                if nxt is not None and nxt != index and not listed and ctx.cls(nxt) in wanted and cls != "Country":
                    out.add(index, "locatedIn", nxt, root, "locatedIn.comma-chain", 0.75)


def _mention_for_entry(ctx: DocContext, entry_id: str, near: Span) -> int | None:
    """A mention of `entry_id` in the article, or None (facts need a mention to point at)."""
    found = [i for i, m in enumerate(ctx.mentions) if m.gazetteer_id == entry_id]
    return min(found, key=lambda i: abs(ctx.mentions[i].start - near.start_char), default=None)


def _gazetteer_countries(out: _Collector) -> None:
    """Companies and government bodies the gazetteer places in a country are basedIn it
    (background knowledge, marked by its rule), when the article names that country."""
    ctx = out.ctx
    doc = ctx.doc
    seen: set[str] = set()
    for index, mention in enumerate(ctx.mentions):
        entry = ctx.ontology.entry(mention.gazetteer_id)
        if entry is None or not entry.country or entry.id in seen:
            continue
        if not ctx.ontology.is_a(entry.cls, ("Company",)):
            continue
        country = _mention_for_entry(ctx, entry.country, doc.char_span(mention.start, mention.end, alignment_mode="expand") or doc[:1])
        if country is None:
            continue
        seen.add(entry.id)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            out.add(index, "basedIn", country, span.root, "basedIn.gazetteer", 0.9)


def _membership(out: _Collector) -> None:
    """"Ankara's allies in NATO", "NATO member Turkey", "Turkey, a NATO member",
    "Turkey is a member of NATO", "his Pakistan Tehreek-e-Insaf party"."""
    ctx = out.ctx
    for token in ctx.doc:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in ("member", "ally", "signatory"):
            orgs = _arguments(token, ("compound", "nmod", "prep:of|in>pobj"), ctx, ("Organization",))
            members = _arguments(token, ("poss", "appos"), ctx, AGENT)
            if token.dep_ == "appos" or token.dep_ == "compound":
                members += resolve(token.head, ctx, AGENT)
            if token.dep_ == "attr":
                members += _arguments(token.head, ("nsubj",), ctx, AGENT)
            for org in orgs:
                for member in members:
                    if member != org:
                        out.add(member, "memberOf", org, token, "memberOf.member-noun", 0.8)
        # "NATO ally Turkey" as the parser often misses it: organisation, member noun, name
        if token.pos_ == "NOUN" and lemma in ("member", "ally") and 0 < token.i < len(ctx.doc) - 1:
            org = ctx.mention_at(ctx.doc[token.i - 1])
            nxt = ctx.doc[token.i + 1]
            member = ctx.mention_at(ctx.doc[token.i + 2]) if nxt.lower_ == "the" and token.i + 2 < len(ctx.doc) else ctx.mention_at(nxt)
            if org is not None and member is not None and ctx.ontology.is_a(ctx.cls(org), ("Organization",)) and ctx.ontology.is_a(ctx.cls(member), AGENT):
                out.add(member, "memberOf", org, token, "memberOf.member-noun", 0.8)
    for index, mention in enumerate(ctx.mentions):
        if mention.label != "PoliticalParty":
            continue
        span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root.head if span.root.dep_ in ("compound", "nmod") else span.root
        for owner in [c for c in head.children if c.dep_ == "poss"]:
            for person in resolve(owner, ctx, ("Person",)):
                out.add(person, "memberOf", index, owner, "memberOf.party-possessive", 0.75)


def _capitals(out: _Collector) -> None:
    """"Pakistan's capital", "the Turkish capital": the gazetteer knows which city that is."""
    ctx = out.ctx
    for token in ctx.doc:
        if token.lemma_.lower() != "capital" or token.pos_ != "NOUN":
            continue
        for country in _arguments(token, ("poss", "amod", "compound", "prep:of>pobj"), ctx, ("Country",)):
            entry = ctx.ontology.entry(ctx.mentions[country].gazetteer_id)
            if entry is None or entry.capital is None:
                continue
            city = next((i for i, m in enumerate(ctx.mentions) if m.gazetteer_id == entry.capital and m.label == "City"), None)
            if city is None:
                continue
            out.add(city, "capitalOf", country, token, "capitalOf.description", 0.85)


def _index_rules(rules: tuple[Rule, ...]) -> dict[str, list[Rule]]:
    by_lemma: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        for lemma in rule.lemmas:
            by_lemma[lemma].append(rule)
    return by_lemma


def _trigger_lemmas(token: Token) -> tuple[str, ...]:
    return (token.lemma_.lower(), token.lower_)


def extract_quotes(ctx: DocContext) -> list[Quote]:
    """Who is reported speaking where: "X said", "X told Y", "according to X", "X, saying"."""
    quotes: dict[tuple[int, int], Quote] = {}
    for token in ctx.doc:
        speakers: list[Token] = []
        verb = token.lemma_.lower()
        if token.pos_ == "VERB" and verb in ctx.lex.reporting_verbs:
            speakers = [c for c in token.children if c.dep_ == "nsubj"]
            if token.dep_ in ("acl", "advcl") and token.head.pos_ == "PROPN":
                speakers.append(token.head)
            if not speakers and token.dep_ == "advcl" and token.tag_ == "VBG":
                # absolute "with": "Moscow confirmed the accord, with Kozhin ... saying"
                speakers = follow(token.head, "prep:with>pobj")
        elif token.lower_ == "according":
            speakers, verb = follow(token, "prep:to>pobj"), "according to"
        for speaker in speakers:
            for index in resolve(speaker, ctx, ("Person",)):
                sent = token.sent
                quotes.setdefault((index, sent.start_char), Quote(index, *_bounds(sent), verb))
    return list(quotes.values())


def extract_relations(
    doc: Doc, mentions: list[Mention], ontology: Ontology
) -> tuple[list[Relation], list[Deal], list[Quote]]:
    """Read every relation, deal and quote of one article."""
    from kg.roles import extract_roles

    ctx = DocContext(doc, tuple(mentions), token_index(doc, mentions), ontology, lexicon(ontology))
    out = _Collector(ctx)
    by_lemma = _index_rules(ontology.rules)
    # (token, rule) in text order, rules in file order; rules that make deals run first, so
    # that "objected to the purchase" can point at the deal the purchase made
    matches = [
        (token, rule)
        for token in doc
        for lemma in dict.fromkeys(_trigger_lemmas(token))
        for rule in by_lemma.get(lemma, ())
        if token.pos_ in rule.pos
    ]
    for token, rule in matches:
        if rule.deal:
            _apply(rule, token, out)
    _signed_deals(out)
    for token, rule in matches:
        if not rule.deal:
            _apply(rule, token, out)
    _modifier_relations(out)
    _membership(out)
    _capitals(out)
    _gazetteer_countries(out)
    for subject, predicate, obj, value, trigger, rule, confidence in extract_roles(ctx):
        out.add(subject, predicate, obj, trigger, rule, confidence, value=value)
    _infer_deliverers(out)
    return list(out.relations.values()), out.deals, extract_quotes(ctx)


def _infer_deliverers(out: _Collector) -> None:
    """"The S-400 will be delivered to Turkey": with no agent, the deliverer is the seller of
    the article's deal for that item, if the article names one."""
    ctx = out.ctx
    sellers: dict[str, int] = {}
    for deal in out.deals:
        if deal.item is not None and deal.seller is not None:
            sellers.setdefault(fold(ctx.mentions[deal.item].name), deal.seller)
    if not sellers:
        return
    rules = {r.id: r for r in ctx.ontology.rules if r.predicate == "delivers"}
    for token in ctx.doc:
        for rule in rules.values():
            if token.lemma_.lower() not in rule.lemmas or token.pos_ not in rule.pos:
                continue
            if _arguments(token, rule.subject, ctx, AGENT):
                continue
            for item in _arguments(token, rule.object, ctx, ("Product",)):
                seller = sellers.get(fold(ctx.mentions[item].name))
                if seller is not None:
                    out.add(seller, "delivers", item, token, f"{rule.id}.deal-seller", rule.confidence * 0.7)

