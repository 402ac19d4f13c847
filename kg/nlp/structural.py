"""Structural rules: facts that no trigger word announces, read from the shape of a phrase.

"Lockheed Martin F-35 jets" (a company name on a product names its maker), "Russia's
Rosoboronexport" (an organisation of a country), "the Hmeimim Air Base in Lattakia", "NATO
member Turkey", "Pakistan's capital", "the S-400 deal". Each function has a rule id that
provenance records, as the rules of ontology/relations.jsonl do.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.names import fold
from kg.nlp.places import mention_for_entry as _mention_for_entry
from kg.nlp.rules import (
    AGENT,
    Collector,
    add_deal,
    arguments,
    origin_of,
)
from kg.nlp.syntax import (
    DocContext,
    class_antecedent,
    follow,
    former_phrase,
    modality,
    reporting,
    resolve,
)


def signed_deals(out: Collector) -> None:
    """Agreement nouns name their item: "a deal for the delivery of four S-400 batteries",
    "the S-400 deal", "an agreement on the supply of ..." -> a Deal between the parties."""
    ctx = out.ctx
    for token in ctx.doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in {
            "deal",
            "agreement",
            "contract",
            "accord",
            "pact",
        }:
            continue
        if token.i in out.deal_at:
            continue
        governor = token.head if token.dep_ in ("dobj", "nsubj", "nsubjpass") else token
        if (
            modality(governor, ctx)[0] != "asserted"
            or modality(token, ctx)[0] != "asserted"
        ):
            continue  # "an agreement is expected to be signed", "a possible deal"
        item_tokens = (
            follow(token, "compound")
            + follow(token, "prep:for|on|over|of>pobj")
            + follow(token, "prep:for|on|over|of>pobj>prep:of>pobj")
            + follow(token, "acl>dobj")
        )
        items = [i for t in item_tokens for i in resolve(t, ctx, ("Product",))]
        if not items:
            continue
        parties: list[int] = []
        parties += arguments(token, ("poss", "prep:with|between>pobj"), ctx, AGENT)
        if token.dep_ == "dobj":
            parties += [
                i for s in follow(token.head, "nsubj") for i in resolve(s, ctx, AGENT)
            ]
            parties += arguments(token.head, ("prep:with>pobj",), ctx, AGENT)
        parties = list(dict.fromkeys(parties))
        item = items[0]
        origin = origin_of(item, ctx)
        if origin not in parties:
            # the gazetteer knows where a weapon comes from: S-400 -> Russia
            entry = ctx.ontology.entry(ctx.mentions[item].gazetteer_id)
            maker = entry.country if entry is not None else None
            origin = next(
                (p for p in parties if maker and ctx.mentions[p].gazetteer_id == maker),
                None,
            )
        seller = origin
        buyers = [
            p
            for p in parties
            if (p != seller and ctx.cls(p) == "Country")
            or (p != seller and ctx.ontology.is_a(ctx.cls(p), AGENT))
        ]
        buyer = buyers[0] if len(buyers) == 1 else None
        if seller is None and buyer is None and len(parties) != 1:
            add_deal(out, token, None, None, item, "deal.item-noun")
            continue
        add_deal(out, token, buyer, seller, item, "deal.item-noun")


def modifier_relations(out: Collector) -> None:
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
        if ctx.ontology.is_a(cls, ("Company",)) and root.dep_ in (
            "compound",
            "nmod",
            "nummod",
        ):
            for product in resolve(root.head, ctx, ("Product",)):
                out.add(
                    index,
                    "manufactures",
                    product,
                    root,
                    "manufactures.company-modifier",
                    0.8,
                )
            nxt = doc[span.end] if span.end < len(doc) else None
            if (
                nxt is not None
                and (p := ctx.mention_at(nxt)) is not None
                and ctx.ontology.is_a(ctx.cls(p), ("Product",))
            ):
                out.add(
                    index, "manufactures", p, root, "manufactures.company-modifier", 0.8
                )
        # "Patriot missiles from the Lockheed Martin Corporation": a product from a company
        head = root
        while head.dep_ == "compound" and head.head is not head:
            head = head.head
        if (
            ctx.ontology.is_a(cls, ("Company",))
            and head.dep_ == "pobj"
            and head.head.lower_ == "from"
            and head.head.head.pos_ in ("NOUN", "PROPN")
        ):
            item = head.head.head
            for token in doc[item.left_edge.i : item.i + 1]:
                product = ctx.mention_at(token)
                if product is not None and ctx.ontology.is_a(
                    ctx.cls(product), ("Product",)
                ):
                    out.add(
                        index, "manufactures", product, root, "manufactures.from", 0.7
                    )
                    break
        # "Roketsan's SOM", "China's CJ-10": the maker of a product named by possession, for
        # a country only where the gazetteer does not name another country of origin.
        if ctx.ontology.is_a(cls, ("Product",)):
            for owner in [c for c in root.children if c.dep_ == "poss"] + [
                c
                for c in root.head.children
                if c.dep_ == "poss" and root.dep_ in ("compound", "nmod", "nummod")
            ]:
                for maker in resolve(owner, ctx, ("Company", "Country")):
                    entry = ctx.ontology.entry(mention.gazetteer_id)
                    maker_id = ctx.mentions[maker].gazetteer_id
                    if (
                        ctx.cls(maker) == "Country"
                        and entry is not None
                        and entry.country
                        and entry.country != maker_id
                    ):
                        continue
                    out.add(
                        maker,
                        "manufactures",
                        index,
                        root,
                        "manufactures.possessive",
                        0.65,
                    )
        # "Russia's Rosoboronexport", "the US State Department": an organisation of a
        # country ("Russia's embassy" is sent by it, based abroad)
        if (
            ctx.ontology.is_a(cls, ("Organization",))
            and not ctx.ontology.is_a(cls, ("MediaOrganization", "MilitaryAlliance"))
            and not mention.rule.startswith("implicit.")
            and not {w.lower() for w in mention.text.split()}
            & ctx.ontology.places.foreign_presence_nouns
        ):
            owners = [
                c
                for c in root.children
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < span.start
            ]
            left = span.start - 1
            if left >= 0 and doc[left].dep_ in ("poss", "compound", "amod", "nmod"):
                owners.append(doc[left])
            for owner in owners:
                for country in resolve(owner, ctx, ("Country",)):
                    out.add(index, "basedIn", country, root, "basedIn.modifier", 0.8)
            first = span.text.split()[0] if span.text.split() else ""
            if len(span.text.split()) > 1:
                entry_id = ctx.ontology.country_names.get(fold(first))
                entry = ctx.ontology.entry(entry_id)
                if (
                    entry is not None
                    and entry.cls == "Country"
                    and cls in ("GovernmentBody", "Company", "Organization")
                ):
                    target = _mention_for_entry(ctx, entry.id, span)
                    if target is not None:
                        out.add(
                            index, "basedIn", target, root, "basedIn.name-prefix", 0.75
                        )


COMPRISE_VERBS = frozenset({"comprise", "include", "consist", "compose", "group"})
MEMBERS = ("Country", "Organization")


def _comprised(verb: Token, out: Collector) -> None:
    """ "The group - comprising the United States, Canada and France -", "the bloc, which
    includes Egypt and Iran", "NATO consists of 32 states": an organisation and the members
    it is said to be made of (an organisation the sentence names or describes)."""
    ctx = out.ctx
    holders = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "npadvmod")]
    if verb.dep_ in ("acl", "relcl"):
        holders.append(verb.head)
    orgs = [
        i
        for holder in holders
        for i in resolve(holder, ctx, ("Organization",))
        if not ctx.ontology.is_a(ctx.cls(i), ("MediaOrganization", "Company"))
    ]
    if not orgs:
        return
    members = arguments(verb, ("dobj", "prep:of>pobj"), ctx, MEMBERS)
    if verb.lemma_.lower() == "include" and len(members) < 2:
        return  # "the bloc's agenda includes Iran": a list of members names several
    for org in orgs:
        for member in members:
            if not ctx.same_entity(member, org):
                out.add(member, "memberOf", org, verb, "memberOf.comprising", 0.75)


def _pair(noun: Token, ctx: DocContext) -> list[int]:
    """The two countries "the two NATO allies" stands for: the two its sentence names, else
    the two the article is about (each named at least twice, and a third, if any, named at
    most half as often as the second), when the sentence names no other. A definite "the
    two" points back at a pair the reader knows; the nearest two countries named before it
    are often not that pair ("Turkey bought the S-400 from Russia, which angered the United
    States. ... the two NATO allies")."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) or not any(
        c.dep_ == "nummod" and c.lower_ == "two" for c in noun.children
    ):
        return []
    named: dict[str, int] = {}
    for t in noun.sent:
        index = ctx.mention_at(t)
        if index is not None and ctx.cls(index) == "Country":
            named.setdefault(ctx.key(index), index)
    if len(named) == 2:
        return list(named.values())
    counts: dict[str, list[int]] = {}
    for index, mention in enumerate(ctx.mentions):
        if mention.label == "Country":
            counts.setdefault(ctx.key(index), []).append(index)
    ranked = sorted(counts.values(), key=lambda found: (-len(found), found[0]))
    if (
        len(ranked) < 2
        or len(ranked[1]) < 2
        or (len(ranked) > 2 and 2 * len(ranked[2]) > len(ranked[1]))
        or not set(named) <= {ctx.key(ranked[0][0]), ctx.key(ranked[1][0])}
    ):
        return []
    return [ranked[0][0], ranked[1][0]]


def _listed_before(start: int, ctx: DocContext) -> list[int]:
    """The countries of a list that ends right before token `start` ("Germany, Italy, and
    Spain have"): country names, commas, "and" and "the", with auxiliaries and adverbs
    between the list and the verb."""
    doc = ctx.doc
    i = start - 1
    while i >= 0 and (doc[i].pos_ in ("AUX", "ADV") or doc[i].tag_ == "MD"):
        i -= 1
    found: list[int] = []
    while i >= 0:
        index = ctx.mention_at(doc[i])
        if index is not None and ctx.cls(index) == "Country":
            if index not in found:
                found.insert(0, index)
        elif doc[i].lower_ not in (",", "and", "the"):
            break
        i -= 1
    return found


def _chairs(verb: Token, out: Collector) -> None:
    """ "Germany, Italy and Spain co-chair the Contact Group": two or more countries that
    chair a named group together are its members (member_verbs in roles.json). The tagger
    often takes a present "chair" for a noun, and splits "co-chaired" into "co", "-" and
    "chaired" with the list and the object hung anywhere, so both are read from the words
    around the verb: the list of countries right before it, the organisation the next
    words name (at most a determiner and "so-called" between)."""
    ctx = out.ctx
    doc = ctx.doc
    co = verb.i >= 2 and verb.nbor(-1).text == "-" and verb.nbor(-2).lower_ == "co"
    countries = _listed_before(verb.i - 2 if co else verb.i, ctx)
    if len({ctx.key(i) for i in countries}) < 2:
        return
    group = None
    for t in doc[verb.i + 1 : min(verb.i + 6, len(doc))]:
        index = ctx.mention_at(t)
        if index is not None:
            group = index
            break
        if t.lower_ not in ("the", "so", "-", "called", "so-called"):
            break
    if (
        group is None
        or not ctx.ontology.is_a(ctx.cls(group), ("Organization",))
        or ctx.ontology.is_a(ctx.cls(group), ("MediaOrganization",))
    ):
        return
    for country in countries:
        out.add(country, "memberOf", group, verb, "memberOf.chairs", 0.75)


def membership(out: Collector) -> None:
    """ "Ankara's allies in NATO", "NATO member Turkey", "Turkey, a NATO member",
    "Turkey is a member of NATO", "the two NATO allies", "the group's members, Germany and
    Italy", "Germany and Italy co-chair the Contact Group", "his Pakistan Tehreek-e-Insaf
    party". The member nouns and verbs are roles.json's; "a former NATO member" is
    none."""
    ctx = out.ctx
    nouns = set(ctx.ontology.roles.get("member_nouns", ()))
    verbs = set(ctx.ontology.roles.get("member_verbs", ()))
    for token in ctx.doc:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "NOUN") and lemma in verbs:
            _chairs(token, out)
        if token.pos_ == "VERB":
            if lemma in COMPRISE_VERBS:
                _comprised(token, out)
            continue
        if token.pos_ != "NOUN" or lemma not in nouns or former_phrase(token, ctx):
            continue
        orgs = arguments(
            token, ("compound", "nmod", "prep:of|in>pobj"), ctx, ("Organization",)
        )
        # "the group's members, Germany and Italy": the group named before
        orgs += [
            i
            for c in token.children
            if c.dep_ == "poss" and c.pos_ == "NOUN" and ctx.mention_at(c) is None
            for i in class_antecedent(c, ctx, ("Organization",))
        ]
        members = arguments(token, ("poss", "appos"), ctx, AGENT)
        if token.dep_ == "appos" or token.dep_ == "compound":
            members += resolve(token.head, ctx, AGENT)
        if token.dep_ == "attr":
            members += arguments(token.head, ("nsubj",), ctx, AGENT)
        if token.tag_ == "NNS":
            members += _pair(token, ctx)
        for org in orgs:
            for member in dict.fromkeys(members):
                if member != org:
                    out.add(member, "memberOf", org, token, "memberOf.member-noun", 0.8)
        # "NATO ally Turkey" as the parser often misses it: organisation, member noun, name
        if lemma in ("member", "ally") and 0 < token.i < len(ctx.doc) - 1:
            org = ctx.mention_at(ctx.doc[token.i - 1])
            nxt = ctx.doc[token.i + 1]
            member = (
                ctx.mention_at(ctx.doc[token.i + 2])
                if nxt.lower_ == "the" and token.i + 2 < len(ctx.doc)
                else ctx.mention_at(nxt)
            )
            if (
                org is not None
                and member is not None
                and ctx.ontology.is_a(ctx.cls(org), ("Organization",))
                and ctx.ontology.is_a(ctx.cls(member), AGENT)
            ):
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
                out.add(
                    person, "memberOf", index, owner, "memberOf.party-possessive", 0.75
                )


def infer_deliverers(out: Collector) -> None:
    """ "The S-400 will be delivered to Turkey": with no agent, the deliverer is the seller of
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
            if arguments(token, rule.subject, ctx, AGENT):
                continue
            for item in arguments(token, rule.object, ctx, ("Product",)):
                seller = sellers.get(fold(ctx.mentions[item].name))
                if seller is not None:
                    out.add(
                        seller,
                        "delivers",
                        item,
                        token,
                        f"{rule.id}.deal-seller",
                        rule.confidence * 0.7,
                    )


def state_acts(out: Collector) -> None:
    """A state acts through its government's bodies and its leaders: "the U.S. Treasury
    imposed sanctions on X" is also the United States sanctioning X (for the predicates
    lexicon.json lists in state_predicates), when the article places the body in its
    country; "the two presidents signed 16 agreements" is also their states signing (for
    leader_predicates, when both sides are leaders the article names of their states)."""
    ctx = out.ctx
    bodies: dict[int, int] = {}
    leaders: dict[int, int] = {}
    for r in out.relations.values():
        if r.object is None or ctx.cls(r.object) != "Country":
            continue
        if r.predicate == "basedIn" and ctx.cls(r.subject) == "GovernmentBody":
            bodies.setdefault(r.subject, r.object)
        if (
            r.predicate == "leaderOf"
            and ctx.cls(r.subject) == "Person"
            and r.modality == "asserted"
        ):
            leaders.setdefault(r.subject, r.object)
    governments = _administrations(ctx, leaders)
    acts = ctx.lex.state_predicates | ctx.lex.leader_predicates
    for key, r in list(out.relations.items()):
        if r.object is None:
            continue
        if r.subject in governments and r.predicate in acts:
            # "the Carter administration sanctioned Vexoil": the country acts, the person
            # only names its government
            del out.relations[key]
            subject, obj = governments[r.subject], r.object
        elif r.predicate in ctx.lex.state_predicates and r.subject in bodies:
            subject, obj = bodies[r.subject], r.object
        elif (
            r.predicate in ctx.lex.leader_predicates
            and r.subject in leaders
            and r.object in leaders
        ):
            subject, obj = leaders[r.subject], leaders[r.object]
        else:
            continue
        sentence = ctx.doc.char_span(
            r.sentence_start, r.sentence_end, alignment_mode="expand"
        )
        if sentence is None or ctx.same_entity(subject, obj):
            continue
        out.add(
            subject,
            r.predicate,
            obj,
            sentence.root,
            f"{r.rule}.state",
            r.confidence * 0.9,
            mood=(r.modality, None),
        )


def _administrations(ctx: DocContext, leaders: dict[int, int]) -> dict[int, int]:
    """Person mentions that name a government ("the Trump administration", "the Merkel
    government": lexicon administration_nouns after the name) -> the country the article
    says the person leads (a leaderOf of the same person, named in full or by surname)."""
    found: dict[int, int] = {}
    for index, mention in enumerate(ctx.mentions):
        if mention.label != "Person":
            continue
        span = ctx.span(index)
        if (
            span is None
            or span.end >= len(ctx.doc)
            or ctx.doc[span.end].lower_ not in ctx.lex.administration_nouns
        ):
            continue
        surname = mention.name.split()[-1].casefold()
        countries = {
            country
            for person, country in leaders.items()
            if ctx.mentions[person].name.split()[-1].casefold() == surname
        }
        if len({ctx.key(c) for c in countries}) == 1:
            found[index] = countries.pop()
    return found


def _critic(token: Token, ctx: DocContext) -> list[int]:
    """Who says the words at `token`: the subject of the reporting verb over it, or of the
    quotation it stands in."""
    if token.dep_ in ("attr", "acomp", "amod"):
        token = token.head  # the clause or the noun the word describes
    speaker, _ = reporting(token, ctx)
    found = resolve(speaker, ctx, AGENT) if speaker is not None else []
    if not found:
        quoted = ctx.quotation(token)
        found = resolve(quoted[0], ctx, AGENT) if quoted is not None else []
    return found


def _owner(noun: Token, ctx: DocContext) -> list[int]:
    """The agent of an event noun: its possessor ("its aggression", "Maduro's re-election"),
    else the subject of the verb it is the object of ("Russia continues the war")."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return resolve(owners[0], ctx, AGENT)
    if noun.dep_ == "dobj":
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if subjects:
            return resolve(subjects[0], ctx, AGENT)
    return []


def _named_after(token: Token, ctx: DocContext) -> list[int]:
    """A name that the word directly precedes, over titles and other modifiers
    ("illegitimate former President Nicolas Maduro", however the parser took it)."""
    titles = ctx.ontology.titles.words
    for nxt in ctx.doc[token.i + 1 : token.i + 5]:
        index = ctx.mention_at(nxt)
        if index is not None:
            return [index] if ctx.cls(index) == "Person" else []
        if nxt.lower_ not in titles and nxt.pos_ != "ADJ":
            return []
    return []


def pejoratives(out: Collector) -> None:
    """A speaker who uses an abusive word of someone criticises them: "the Treasury said
    ... 'illegitimate former President Nicolas Maduro'", "as Russia continues its illegal
    aggression," Haavisto said; "arguing that Maduro's re-election was a sham" (the words
    of lexicon.json's pejoratives, said by an agent the sentence or quotation names; the
    writer's own words criticise no one)."""
    ctx = out.ctx
    words = ctx.lex.pejoratives
    for token in ctx.doc:
        if token.lower_ not in words and token.lemma_.lower() not in words:
            continue
        if any(c.dep_ == "neg" for c in (*token.children, *token.head.children)):
            continue
        targets: list[int] = []
        if token.dep_ == "amod":
            head = token.head
            while head.dep_ == "compound" and head.head is not head:
                head = head.head  # "illegitimate former President Nicolas Maduro"
            named = resolve(head, ctx, AGENT) if head.pos_ == "PROPN" else []
            targets = named or _owner(token.head, ctx)
        elif token.dep_ in ("attr", "acomp") and token.head.lemma_ == "be":
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            if subjects:
                subject = subjects[0]
                targets = (
                    resolve(subject, ctx, AGENT)
                    if subject.pos_ == "PROPN"
                    else _owner(subject, ctx)
                )
        elif token.pos_ == "NOUN":
            targets = _owner(token, ctx)  # "its aggression and terror"
        if not targets:
            targets = _named_after(token, ctx)
        if not targets:
            continue
        critics = _critic(token, ctx)
        mood = modality(token, ctx)
        for critic in critics:
            for target in targets:
                if not ctx.same_entity(critic, target):
                    out.add(
                        critic,
                        "criticizes",
                        target,
                        token,
                        "criticize.pejorative",
                        0.65,
                        mood=mood,
                    )
