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
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from spacy.tokens import Span, Token

from kg.ingest.dates import When, find_times
from kg.model import Deal, Relation
from kg.nlp.syntax import (
    DocContext,
    construction,
    follow,
    inherited_subject,
    listed,
    modality,
    reporting,
    resolve,
)
from kg.resources import Rule

AGENT = ("Agent",)
PLACE_OR_COUNTRY = ("Place", "Country")
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}


@dataclass(slots=True)
class Collector:
    """Relations and deals of one article, deduplicated as they are found."""

    ctx: DocContext
    relations: dict[tuple[object, ...], Relation] = field(default_factory=dict)
    deals: list[Deal] = field(default_factory=list)
    deal_at: dict[int, int] = field(default_factory=dict)  # trigger token -> deal index
    # (sentence start, predicate, mention): the one party named of a symmetric relation
    lone_parties: list[tuple[int, str, int]] = field(default_factory=list)
    # (sentence start, predicate, mention): an object read without a subject ("sanctions on
    # Iran were tightened"), for a later reading that names only the subject (Rule.recalls)
    lone_objects: list[tuple[int, str, int]] = field(default_factory=list)
    # sentence start -> the times its words state, found once (kg.ingest.dates)
    times: dict[int, list[tuple[int, int, When]]] = field(default_factory=dict)

    def event_time(self, trigger: Token, *, state: bool = False) -> When | None:
        """When the event at `trigger` happened: the time its sentence states in the
        trigger's own clause, else the sentence's only time ("On Tuesday, Iran signed
        ..."; the article's date resolves relative words). A time the reporting verb
        carries dates the saying, not the event. A `state` (a role, a place) holds when
        its sentence speaks of it: it takes the time nearest to it, the saying's too
        ("Foreign Minister X said on Tuesday"), never one after the article's date."""
        sent = trigger.sent
        if sent.start_char not in self.times:
            self.times[sent.start_char] = find_times(
                sent.text, reference=self.ctx.reference
            )
        found = self.times[sent.start_char]
        if not found:
            return None
        at = trigger.idx - sent.start_char
        if state:
            today = self.ctx.reference.isoformat() if self.ctx.reference else None
            held = [t for t in found if today is None or t[2].value <= today]
            return min(held, key=lambda t: (abs(t[0] - at), t[0]))[2] if held else None
        clause = trigger
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        first = clause.left_edge.idx - sent.start_char
        last = clause.right_edge.idx + len(clause.right_edge) - sent.start_char
        reporting = self.ctx.lex.reporting_verbs
        own = []
        for t in found:
            span = self.ctx.doc.char_span(
                sent.start_char + t[0], sent.start_char + t[1], alignment_mode="expand"
            )
            verb = span.root if span is not None else clause
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if verb.i != clause.i and verb.lemma_.lower() in reporting:
                continue  # "..., the minister said on Tuesday": when it was said
            own.append(t)
        found = own
        inside = [t for t in found if first <= t[0] and t[1] <= last]
        if not inside and len(found) != 1:
            return None
        return min(inside or found, key=lambda t: (abs(t[0] - at), t[0]))[2]

    trace: list[str] | None = None  # `kg explain`: why each rule gave what it gave

    def note(self, message: str) -> None:
        """Keep `message` in the trace, when there is one."""
        if self.trace is not None:
            self.trace.append(message)

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
            self.note(
                f"{rule}: {self.ctx.mentions[subject].name} and its object are one entity"
            )
            return
        sent = trigger.sent
        mood_name, _ = mood or modality(trigger, self.ctx)
        speaker_token, verb = reporting(trigger, self.ctx)
        speakers = (
            resolve(speaker_token, self.ctx, AGENT) if speaker_token is not None else []
        )
        quoted = None if speakers else self.ctx.quotation(trigger)
        if quoted is not None:
            # “..., ” Haavisto said: a quotation of several sentences has one speaker
            speaker_token, verb = quoted
            speakers = resolve(speaker_token, self.ctx, AGENT)
        speaker = speakers[0] if speakers else None
        start, end = sentence_bounds(sent)
        key = (subject, predicate, obj, value, deal, start, rule)
        if key in self.relations:
            return
        when = self.event_time(trigger, state=predicate in self.ctx.lex.state_relations)
        if self.trace is not None:
            target = (
                self.ctx.mentions[obj].name
                if obj is not None
                else value or f"deal {deal}"
            )
            self.note(
                f"  => {self.ctx.mentions[subject].name} {predicate} {target} "
                f"[{mood_name}, {round(confidence, 3)}, {rule}]"
            )
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
            time=when.value if when else None,
            time_end=when.end if when else None,
            time_text=when.text if when else None,
        )


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without the blank lines the parser attaches to it."""
    words = [t for t in sent if not t.is_space]
    return (
        (words[0].idx, words[-1].idx + len(words[-1].text))
        if words
        else (sent.start_char, sent.end_char)
    )


def path_tokens(trigger: Token, paths: tuple[str, ...]) -> list[Token]:
    found: list[Token] = []
    for path in paths:
        for token in follow(trigger, path):
            if token not in found:
                found.append(token)
    return found


def arguments(
    trigger: Token,
    paths: tuple[str, ...],
    ctx: DocContext,
    classes: tuple[str, ...],
    *,
    literal: bool = False,
) -> list[int]:
    found: list[int] = []
    for token in path_tokens(trigger, paths):
        named = [
            i
            for t in (token, *token.conjuncts)
            if (i := ctx.mention_at(t)) is not None
            and ctx.ontology.is_a(ctx.cls(i), classes)
        ]
        for index in named if literal else resolve(token, ctx, classes):
            if index not in found:
                found.append(index)
    return found


def _nominal_subject(
    trigger: Token, ctx: DocContext, classes: tuple[str, ...]
) -> list[int]:
    """Subject of a nominal trigger taken by a light verb ("the US made an offer of ..."), or
    the object of a verb that blames or praises someone for it ("criticized Turkey for purchase
    of the S-400": Turkey made the purchase)."""
    head = trigger.head
    if (
        trigger.dep_ == "pobj"
        and head.lower_ in ("for", "over")
        and head.head.pos_ == "VERB"
    ):
        objects = [c for c in head.head.children if c.dep_ == "dobj"]
        if objects:
            return resolve(objects[0], ctx, classes)
    if trigger.dep_ == "dobj" and head.lemma_.lower() in ctx.lex.light_verbs | {
        "continue",
        "hold",
        "conduct",
        "resume",
        "start",
        "begin",
        "open",
        "launch",
    }:
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if subjects:
            return resolve(subjects[0], ctx, classes)
    return []


def parse_money(text: str, ctx: DocContext) -> tuple[str, str] | None:
    """ "$2.5 billion" -> ("2500000000", "USD"); None when no amount or currency is found."""
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
    rest = lowered[number.end() :]
    scale_match = re.match(r"\s*-?\s*([a-z]+)", rest)
    if scale_match and scale_match.group(1) in lex["scale_words"]:
        amount *= lex["scale_words"][scale_match.group(1)]
    return format(amount.normalize(), "f"), currency


def parse_date(text: str) -> str | None:
    """ "December 2017" -> "2017-12"; "2015" -> "2015"; anything vaguer -> None."""
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


def _deal_attributes(
    trigger: Token, ctx: DocContext
) -> tuple[str | None, str | None, str | None]:
    """Value, currency and date written in the deal's clause: "signed a $2.5 billion deal
    with Russia to buy S-400 missiles in December 2017"."""
    value = currency = date = None
    clause = trigger
    while (
        clause.head is not clause
        and clause.dep_ not in ("ccomp", "ROOT")
        and not (
            clause.pos_ in ("VERB", "AUX")
            and clause is not trigger
            and clause.lemma_.lower() in ctx.lex.reporting_verbs
        )
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


def origin_of(item: int, ctx: DocContext) -> int | None:
    """A country or company the item is said to come from: "Russian S-400", "Russia's S-400"."""
    span = ctx.doc.char_span(
        ctx.mentions[item].start, ctx.mentions[item].end, alignment_mode="expand"
    )
    if span is None:
        return None
    root = span.root
    head = root.head if root.dep_ in ("compound", "nmod", "nummod") else root
    for child in [*head.children, *root.children]:
        if child.dep_ in ("amod", "poss", "compound", "nmod") and child.i not in range(
            span.start, span.end
        ):
            index = ctx.mention_at(child)
            if index is not None and ctx.ontology.is_a(
                ctx.cls(index), ("Country", "Company")
            ):
                return index
            for grandchild in child.children:
                if grandchild.dep_ in ("npadvmod", "nmod", "compound"):
                    index = ctx.mention_at(grandchild)
                    if index is not None and ctx.ontology.is_a(
                        ctx.cls(index), ("Country", "Company")
                    ):
                        return index
    return None


def add_deal(
    out: Collector,
    trigger: Token,
    buyer: int | None,
    seller: int | None,
    item: int | None,
    rule: str,
) -> int:
    ctx = out.ctx
    if seller is None and item is not None:
        origin = origin_of(item, ctx)
        if origin is not None and origin != buyer:
            seller = origin
    value, currency, date = _deal_attributes(trigger, ctx)
    sent = trigger.sent
    out.deals.append(
        Deal(buyer, seller, item, *sentence_bounds(sent), rule, value, currency, date)
    )
    index = len(out.deals) - 1
    out.deal_at.setdefault(trigger.i, index)
    return index


def add_agreement(
    out: Collector, trigger: Token, parties: list[int], rule: str
) -> None:
    """The agreement an agreement noun names, as a deal with parties ("Iran and six powers
    reached a nuclear deal": parties Iran, name "nuclear deal"); none where the noun is a
    purchase deal already read, or its parties are those of one ("Turkey's deal with Russia"
    after "Turkey bought S-400s from Russia" is that deal)."""
    if trigger.i in out.deal_at or not parties:
        return
    ctx = out.ctx
    for index, deal in enumerate(out.deals):
        sides = [i for i in (deal.buyer, deal.seller, *deal.parties) if i is not None]
        if all(any(ctx.same_entity(p, s) for s in sides) for p in parties):
            out.deal_at[trigger.i] = index
            return
    words = [
        c.lower_
        for c in trigger.lefts
        if c.dep_ in ("amod", "compound")
        and ctx.mention_at(c) is None
        and c.pos_ in ("ADJ", "NOUN")
        and c.lower_ not in ctx.lex.hypothetical_modifiers
    ]
    name = " ".join([*words, trigger.lemma_.lower()])
    out.deals.append(
        Deal(
            None,
            None,
            None,
            *sentence_bounds(trigger.sent),
            rule,
            parties=tuple(dict.fromkeys(parties)),
            name=name,
        )
    )
    out.deal_at[trigger.i] = len(out.deals) - 1
    out.note(f"  => agreement {ctx.names(parties)} {name!r}")


def _deal_for(token: Token, out: Collector) -> int | None:
    """The deal a noun stands for: the one read at this token, else one read in the article."""
    if token.lower_ in ("which", "that"):
        if token.head.dep_ not in ("relcl", "acl"):
            # "a deal ..., and which Israel called a surrender" (parsed as a clause): the
            # deal the article read last
            return len(out.deals) - 1 if out.deals else None
        token = token.head.head  # "the deal, which Israel called a surrender"
    if token.i in out.deal_at:
        return out.deal_at[token.i]
    for child in token.subtree:
        if child.i in out.deal_at:
            return out.deal_at[child.i]
    if token.lemma_.lower() in out.ctx.lex.deal_nouns and out.deals:
        items = [i for c in token.children if (i := out.ctx.mention_at(c)) is not None]
        for index, deal in enumerate(out.deals):
            if deal.item is not None and any(
                out.ctx.same_entity(deal.item, i) for i in items
            ):
                return index
        if len(out.deals) == 1 or (out.deals and not items):
            return len(out.deals) - 1
    return None


def _receiver_roles(
    trigger: Token, verb: Token, rule: Rule, ctx: DocContext
) -> tuple[list[int], list[int]]:
    """Agents and patients of a received nominal: the agent is "of/from/by X" on the noun or
    the verb, the patient the verb's subject."""
    agents = arguments(trigger, ("prep:of|from|by>pobj",), ctx, rule.subject_classes)
    agents = agents or arguments(
        verb, ("prep:from|by>pobj",), ctx, rule.subject_classes
    )
    patients = arguments(verb, ("nsubj", "nsubjpass"), ctx, rule.object_classes)
    if not patients and verb.pos_ == "VERB":
        patients = inherited_subject(verb, ctx, rule.object_classes)
    return agents, patients


def _short(path: str, most: int = 60) -> str:
    """A path for a trace, its long word lists cut short."""
    return re.sub(
        r"[\w.-]+(?:\|[\w.-]+){3,}",
        lambda m: (
            m.group(0)[:most].rstrip("|") + "|..."
            if len(m.group(0)) > most
            else m.group(0)
        ),
        path,
    )


def _recalled_objects(
    out: Collector, predicate: str, trigger: Token, subjects: list[int]
) -> list[int]:
    """The objects of the last reading of `predicate` in a sentence up to `trigger`'s."""
    start = trigger.sent.start_char
    earlier = [
        (r.sentence_start, r.object)
        for r in out.relations.values()
        if r.predicate == predicate
        and r.object is not None
        and r.sentence_start <= start
    ] + [(at, i) for at, p, i in out.lone_objects if p == predicate and at <= start]
    if not earlier:
        return []
    last = max(at for at, _ in earlier)
    return list(
        dict.fromkeys(
            index
            for at, index in earlier
            if at == last
            and index is not None
            and not any(out.ctx.same_entity(index, s) for s in subjects)
        )
    )


def _earlier_parties(
    out: Collector, predicates: tuple[str, ...], trigger: Token, subjects: list[int]
) -> list[int]:
    """The parties of the last relation of the first of `predicates` found stated up to
    `trigger`'s sentence ("Iran and the US reached a deal. ... Britain and France are also
    parties to the deal"), less `subjects`."""
    start = trigger.sent.start_char
    for predicate in predicates:
        earlier = [
            (r.sentence_start, index)
            for r in out.relations.values()
            if r.predicate == predicate
            and r.object is not None
            and r.sentence_start <= start
            and r.modality == "asserted"
            for index in (r.subject, r.object)
        ] + [
            (at, index)
            for at, lone, index in out.lone_parties
            if lone == predicate and at <= start
        ]
        if not earlier:
            continue
        last = max(at for at, _ in earlier)
        found: list[int] = []
        for at, index in earlier:
            if (
                at == last
                and index is not None
                and index not in found
                and not any(out.ctx.same_entity(index, s) for s in subjects)
            ):
                found.append(index)
        if found:
            return found
    return []


def headline_verb(token: Token, ctx: DocContext) -> bool:
    """ "The EU sanctions Russia", "Turkey buys S-400s": a headline the parser read as a
    noun phrase (no verb in the sentence; the trigger, a plural noun in form, has a name on
    each side)."""
    if token.dep_ != "ROOT" or token.pos_ != "NOUN" or token.tag_ != "NNS":
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in token.sent):
        return False
    left = any(ctx.mention_at(t) is not None for t in token.lefts)
    right = any(ctx.mention_at(t) is not None for t in token.rights)
    return left and right


def apply_headline(rule: Rule, trigger: Token, out: Collector) -> None:
    """A verb rule read at a headline's noun-looking verb: the names before it act on the
    names after it."""
    ctx = out.ctx
    subjects = [
        i
        for t in trigger.lefts
        if t.dep_ != "det"
        for i in resolve(t, ctx, rule.subject_classes)
    ]
    objects = [
        i
        for t in trigger.rights
        if t.dep_ != "punct"
        for i in resolve(t, ctx, rule.object_classes)
    ]
    mood = modality(trigger, ctx)
    out.note(
        f"{rule.id} at {trigger.text!r} ({trigger.i}) read as a headline verb: "
        f"subjects {ctx.names(subjects)}, objects {ctx.names(objects)}"
    )
    for subject in subjects:
        for obj in objects:
            out.add(
                subject,
                rule.predicate,
                obj,
                trigger,
                f"{rule.id}.headline",
                rule.confidence * 0.9,
                mood=mood,
            )


def apply_rule(rule: Rule, trigger: Token, out: Collector) -> None:
    """Read the facts `rule` gives at `trigger` into `out` (with a trace, when `out` keeps
    one, of why a rule gave nothing)."""
    ctx = out.ctx
    where = f"{rule.id} at {trigger.text!r} ({trigger.i})"
    for path in rule.requires:
        if not follow(trigger, path):
            out.note(f"{where}: no {_short(path)}")
            return
    for path in rule.forbids:
        if follow(trigger, path):
            out.note(f"{where}: has {path}, which the rule forbids")
            return
    confidence = rule.confidence
    construction_ = construction(trigger, ctx)
    if construction_ is not None and construction_[0] == "receiver":
        subjects, objects = _receiver_roles(trigger, construction_[1], rule, ctx)
        confidence *= 0.95
    else:
        subjects = arguments(
            trigger, rule.subject, ctx, rule.subject_classes, literal=rule.literal
        )
        if not subjects and construction_ is not None:
            subjects = arguments(
                construction_[1], ("nsubj",), ctx, rule.subject_classes
            )
            if not subjects and construction_[1].pos_ == "VERB":
                subjects = inherited_subject(
                    construction_[1], ctx, rule.subject_classes
                )
        if not subjects:
            if trigger.pos_ == "VERB":
                subjects = inherited_subject(trigger, ctx, rule.subject_classes)
            else:
                subjects = _nominal_subject(trigger, ctx, rule.subject_classes)
            confidence *= 0.9
        objects = arguments(
            trigger, rule.object, ctx, rule.object_classes, literal=rule.literal
        )
        if not objects and construction_ is not None:
            # "gave its backing on Monday to the RMT": the preposition hangs on the verb
            on_verb = tuple(p for p in rule.object if p.startswith("prep:"))
            objects = arguments(construction_[1], on_verb, ctx, rule.object_classes)
        elif not objects and trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
            # "to emphasize NATO's support to Ukraine": the parser hung the noun's
            # preposition on the verb; taken back when it follows the noun phrase at once
            on_verb = tuple(p for p in rule.object if p.startswith("prep:"))
            objects = [
                i
                for t in path_tokens(trigger.head, on_verb)
                if t.head.i == trigger.right_edge.i + 1
                for i in resolve(t, ctx, rule.object_classes)
            ]
        if (
            not objects
            and rule.object
            and trigger.dep_ == "acl"
            and trigger.tag_ == "VBN"
        ):
            # "Jon Maples, the Republican endorsed by Trump": a passive participle's
            # object is the noun it modifies (the name, when that noun is an apposition)
            head = trigger.head
            objects = resolve(
                head.head if head.dep_ == "appos" else head, ctx, rule.object_classes
            )
        if not objects:
            objects = listed(
                path_tokens(trigger, rule.object), ctx, rule.object_classes
            )
    object_tokens = path_tokens(trigger, rule.object)
    deal_objects: list[int] = []
    if rule.object_is_deal:
        for token in object_tokens:
            deal = _deal_for(token, out)
            if deal is not None and deal not in deal_objects:
                deal_objects.append(deal)
        if deal_objects:
            objects = [
                o for o in objects if not ctx.ontology.is_a(ctx.cls(o), ("Product",))
            ]
    objects = [o for o in objects if o not in subjects]
    if rule.office_holders:
        holders = {person for person, _, _ in ctx.title_holders()}
        objects = [o for o in objects if any(ctx.same_entity(o, h) for h in holders)]
    mood = modality(trigger, ctx)
    rule_id = rule.id
    names = ctx.names
    out.note(
        f"{where}: subjects {names(subjects)}, objects {names(objects)}"
        + (f", deals {deal_objects}" if deal_objects else "")
        + f", {mood[0]}"
        + (f" ({mood[1]!r})" if mood[1] else "")
    )
    if rule.recalls and objects and not subjects:
        out.lone_objects.extend(
            (trigger.sent.start_char, rule.predicate, o) for o in objects
        )
    if rule.recalls and subjects and not objects:
        objects = _recalled_objects(out, rule.predicate, trigger, subjects)
        if objects:
            out.note(f"{where}: the objects of the last {rule.predicate} read before")
    if rule.joins and subjects and not objects:
        objects = _earlier_parties(out, rule.joins, trigger, subjects)
        out.note(f"{where}: join the earlier parties {names(objects)}")
        if not objects:
            return  # parties to a deal not read: they did not sign with each other
    if rule.symmetric and not subjects and not objects and rule.parties:
        # "talks between X and Y", "the negotiations were between X and Y": all parties
        subjects = arguments(trigger, rule.parties, ctx, rule.subject_classes)
        if len(subjects) > 1:
            out.note(f"{where}: parties {names(subjects)}")
    if rule.agreement and mood[0] in ("asserted", "reversed"):
        add_agreement(out, trigger, [*subjects, *objects], rule_id)
    if rule.symmetric and not objects and len(subjects) == 1 and mood[0] == "asserted":
        # "Iran and six world powers reached a deal": one party named, kept for those who
        # later join it ("Britain and France are also parties to the deal")
        out.lone_parties.append((trigger.sent.start_char, rule.predicate, subjects[0]))
    # "X and Y signed a deal": each pair once; kg.graph.facts.symmetric_closure mirrors them
    if rule.symmetric and not objects and len(subjects) > 1:
        for i, a in enumerate(subjects):
            for b in subjects[i + 1 :]:
                out.add(a, rule.predicate, b, trigger, rule_id, confidence, mood=mood)
        return
    for subject in subjects:
        for obj in objects:
            out.add(
                subject, rule.predicate, obj, trigger, rule_id, confidence, mood=mood
            )
        for deal in deal_objects:
            out.add(
                subject,
                rule.predicate,
                None,
                trigger,
                rule_id,
                confidence,
                deal=deal,
                mood=mood,
            )
    if not rule.deal or mood[0] != "asserted":
        return  # "did not buy", "would be open to buying": no deal was made
    sellers = arguments(trigger, rule.seller, ctx, AGENT)
    recipients = arguments(trigger, rule.recipient, ctx, AGENT)
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
                deal = add_deal(out, trigger, buyer, seller, item, rule_id)
                found = out.deals[deal]
                if item is None:
                    continue
                if rule.predicate == "buys" and found.seller is not None:
                    out.add(
                        found.seller,
                        "sells",
                        item,
                        trigger,
                        f"{rule_id}.seller",
                        confidence * 0.9,
                        mood=mood,
                    )
                if rule.predicate == "sells" and buyer is not None:
                    out.add(
                        buyer,
                        "buys",
                        item,
                        trigger,
                        f"{rule_id}.recipient",
                        confidence * 0.9,
                        mood=mood,
                    )
