"""Dependency-tree helpers shared by the relation and role extractors.

They answer three questions about a parsed sentence: which mentions does this token stand for
(through coordination, relative pronouns, group nouns like "US officials", simple pronouns),
who is the implicit subject of a verb ("Turkey decided to buy" -> Turkey buys), and is the
statement asserted, hedged, negated or hypothetical. Heuristics follow the usual shallow
semantic parsing practice (textacy's SVO triples, Saurí & Pustejovsky's FactBank cues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.model import Mention
from kg.resources import Lexicon, Ontology

CLAUSE_DEPS = {
    "xcomp",
    "ccomp",
    "advcl",
    "conj",
    "acl",
    "relcl",
    "pcomp",
    "prep",
    "acomp",
    "oprd",
    "csubj",
    "parataxis",
    "pobj",
}
OBJECT_CONTROL = {
    "persuade",
    "urge",
    "prompt",
    "ask",
    "force",
    "allow",
    "push",
    "pressure",
    "encourage",
    "convince",
    "invite",
    "order",
    "help",
    "lead",
    "tell",
    "compel",
    "enable",
    "permit",
    "call",
}
RELATIVE_PRONOUNS = {"which", "who", "whom", "that", "whose"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
PLURAL_PRONOUNS = {"they", "them", "their", "we", "us", "our"}
THING_PRONOUNS = {"it", "its"}
COMMUNICATION_NOUNS = {
    "statement",
    "report",
    "letter",
    "message",
    "announcement",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "communique",
    "warning",
    "warnings",
    "criticism",
    "reaction",
    "response",
    "objection",
    "concern",
    "concerns",
    "call",
    "demand",
    "decision",
    "move",
}


@dataclass(frozen=True, slots=True)
class DocContext:
    """A parsed article with its mentions, as the extractors see it."""

    doc: Doc
    mentions: tuple[Mention, ...]
    token_mention: dict[int, int]
    ontology: Ontology
    lex: Lexicon
    reference: date | None = None  # the article's date: "on Tuesday" counts from it
    cache: dict[str, Any] = field(default_factory=dict)  # what is computed once

    def mention_at(self, token: Token) -> int | None:
        return self.token_mention.get(token.i)

    def cls(self, index: int) -> str:
        return self.mentions[index].label

    def span(self, index: int) -> Span | None:
        """The tokens of a mention."""
        mention = self.mentions[index]
        return self.doc.char_span(mention.start, mention.end, alignment_mode="expand")

    def names(self, indices: list[int]) -> list[str]:
        """The names of mentions, for traces."""
        return [self.mentions[i].name for i in indices]

    def title_holders(self) -> list[tuple[int, str, frozenset[str]]]:
        """Every person the article gives a title: (mention, title in lower case, the
        entities the title is held for), from the role readings (computed once)."""
        if "holders" not in self.cache:
            from kg.nlp.roles import extract_roles  # roles reads with this module

            self.cache["holders"] = []  # a description met while reading roles: none
            titles: dict[int, set[str]] = {}
            serves: dict[int, set[str]] = {}
            for person, predicate, obj, value, *_ in extract_roles(self):
                if predicate == "hasRole" and value:
                    titles.setdefault(person, set()).add(value.lower())
                elif obj is not None and predicate in (
                    "leaderOf",
                    "officialOf",
                    "worksFor",
                    "speaksFor",
                ):
                    serves.setdefault(person, set()).add(self.key(obj))
            self.cache["holders"] = [
                (person, title, frozenset(serves.get(person, ())))
                for person, held in sorted(titles.items())
                for title in sorted(held)
            ]
        return self.cache["holders"]

    def quotation(self, token: Token) -> tuple[Token, str] | None:
        """The speaker token and reporting verb of the quotation `token` stands in
        (“... several sentences ...,” Haavisto said / He said: “...”), if any."""
        if "quotations" not in self.cache:
            self.cache["quotations"] = _quotations(self.doc, self.lex)
        for start, end, speaker, verb in self.cache["quotations"]:
            if start <= token.idx < end:
                return speaker, verb
        return None

    def key(self, index: int) -> str:
        """What makes two mentions one entity: the gazetteer id, else the folded name."""
        mention = self.mentions[index]
        return mention.gazetteer_id or mention.name.casefold()

    def same_entity(self, a: int, b: int) -> bool:
        ma, mb = self.mentions[a], self.mentions[b]
        if ma.gazetteer_id and ma.gazetteer_id == mb.gazetteer_id:
            return True
        return ma.name.casefold() == mb.name.casefold()


_QUOTED = re.compile(r"“[^“”]{2,}”|\"[^\"\n]{2,}\"")


def _quotations(doc: Doc, lex: Lexicon) -> list[tuple[int, int, Token, str]]:
    """Quoted passages with their attribution: a reporting verb with a subject in the
    sentence that the quotation closes in (after the closing mark) or opens in (before
    the opening mark)."""
    found: list[tuple[int, int, Token, str]] = []
    for match in _QUOTED.finditer(doc.text):
        start, end = match.span()
        closing = doc.char_span(end - 1, end, alignment_mode="expand")
        opening = doc.char_span(start, start + 1, alignment_mode="expand")
        if closing is None or opening is None:
            continue
        candidates = [t for t in closing.sent if t.idx >= end] + [
            t for t in opening.sent if t.idx < start
        ]
        for verb in candidates:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.reporting_verbs:
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if subjects:
                found.append((start, end, subjects[0], verb.lemma_.lower()))
                break
    return found


def short_name_in_brackets(doc: Doc, at: int) -> bool:
    """Do tokens `at`.. read "( ABC )", a short name in brackets ("Labor Party (PT)")?"""
    return (
        at >= 0
        and at + 2 < len(doc)
        and doc[at].text == "("
        and doc[at + 2].text == ")"
        and doc[at + 1].is_upper
    )


def follow(token: Token, path: str) -> list[Token]:
    """Tokens reached from `token` by a path like "prep:from|by>pobj" or "^>dobj".

    Steps are separated by ">"; "^" goes to the head ("^:a|b" to a head whose text or
    lemma is a or b), "dep" to children with that dependency, "dep:a|b" to such children
    whose text or lemma is a or b.
    """
    current = [token]
    for step in path.split(">"):
        following: list[Token] = []
        dep, _, words = step.partition(":")
        allowed = set(words.split("|")) if words else None
        for tok in current:
            if dep == "^":
                head = tok.head
                if head is not tok and (
                    allowed is None
                    or head.lower_ in allowed
                    or head.lemma_.lower() in allowed
                ):
                    following.append(head)
                continue
            for child in tok.children:
                if dep not in ("*", child.dep_):
                    continue
                if (
                    allowed is None
                    or child.lower_ in allowed
                    or child.lemma_.lower() in allowed
                ):
                    following.append(child)
        current = following
    return current


def _conjuncts(token: Token) -> list[Token]:
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def _nearest_before(
    ctx: DocContext, token: Token, wanted: tuple[str, ...], *, sentences: int
) -> int | None:
    sent_starts = [s.start for s in ctx.doc.sents if s.start <= token.i]
    window_start = sent_starts[-1 - sentences] if len(sent_starts) > sentences else 0
    adjective = None
    for i in range(token.i - 1, window_start - 1, -1):
        index = ctx.token_mention.get(i)
        if index is not None and ctx.ontology.is_a(ctx.cls(index), wanted):
            if ctx.mentions[index].rule.endswith(".demonym"):
                # "Russian" in "Russian troops" names a country in passing: a named
                # antecedent before it is the likelier one
                adjective = index if adjective is None else adjective
                continue
            return index
    return adjective


def _reporting_subject(token: Token, ctx: DocContext) -> Token | None:
    """The subject of the reporting verb whose complement holds `token`."""
    current = token
    while current.dep_ in CLAUSE_DEPS and current.head is not current:
        current = current.head
        if current.pos_ in (
            "VERB",
            "AUX",
        ) and current.lemma_.lower() in ctx.lex.reporting_verbs | {
            "confirm",
            "agree",
            "decide",
        }:
            subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
            return subjects[0] if subjects else None
    return None


def _pronoun(token: Token, ctx: DocContext, wanted: tuple[str, ...]) -> list[int]:
    lower = token.lower_
    if lower in PERSON_PRONOUNS | PLURAL_PRONOUNS:
        subject = _reporting_subject(token, ctx)
        if subject is not None and subject is not token and subject.pos_ != "PRON":
            found = resolve(subject, ctx, wanted)
            if lower in PERSON_PRONOUNS:
                found = [i for i in found if ctx.cls(i) == "Person"]
            if found:
                return found
        if lower in PERSON_PRONOUNS and ctx.ontology.is_a("Person", wanted):
            nearest = _nearest_before(ctx, token, ("Person",), sentences=1)
            return [nearest] if nearest is not None else []
        return []
    if lower in ("its", "their") and ctx.ontology.is_a("Country", wanted):
        noun = token.head
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ in ("for", "over")
            and noun.head.head.pos_ == "VERB"
        ):
            # "criticised China over its support for Russia": the one blamed
            objects = [c for c in noun.head.head.children if c.dep_ == "dobj"]
            if objects:
                return resolve(objects[0], ctx, wanted)
        # "Turkey risked jeopardising its purchase": the owner is the clause's subject
        current = token.head
        for _ in range(6):
            subjects = [
                c
                for c in current.children
                if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"
            ]
            if subjects:
                return resolve(subjects[0], ctx, wanted)
            if current.head is current:
                break
            current = current.head
        return []
    if (
        lower in THING_PRONOUNS
        and ctx.ontology.is_a("WeaponSystem", wanted)
        and not ctx.ontology.is_a("Country", wanted)
    ):
        nearest = _nearest_before(ctx, token, ("Product",), sentences=1)
        return [nearest] if nearest is not None else []
    if lower == "it" and set(wanted) & {"Agent", "Organization", "Country", "Company"}:
        # "The U.S. Treasury announced that it was imposing sanctions": the reporting
        # subject, else the nearest organisation or country named before
        subject = _reporting_subject(token, ctx)
        if subject is not None and subject is not token and subject.pos_ != "PRON":
            found = [
                i
                for i in resolve(subject, ctx, wanted)
                if ctx.ontology.is_a(ctx.cls(i), ("Organization", "Country"))
            ]
            if found:
                return found
        # a subject before it in its sentence ("The African Union suspended Mali ..., it
        # said"), else the nearest organisation or country named before
        for subject in token.sent:
            if subject.i >= token.i:
                break
            if subject.dep_ in ("nsubj", "nsubjpass") and subject.pos_ != "PRON":
                found = [
                    i
                    for i in resolve(subject, ctx, wanted)
                    if ctx.ontology.is_a(ctx.cls(i), ("Organization", "Country"))
                ]
                if found:
                    return found[:1]
        nearest = _nearest_before(ctx, token, ("Organization", "Country"), sentences=1)
        return (
            [nearest]
            if nearest is not None and ctx.ontology.is_a(ctx.cls(nearest), wanted)
            else []
        )
    return []


def _resolve_one(token: Token, ctx: DocContext, wanted: tuple[str, ...]) -> list[int]:
    index = ctx.mention_at(token)
    if index is not None:
        return [index]
    lower = token.lower_
    if lower in RELATIVE_PRONOUNS and token.head.dep_ in ("relcl", "acl"):
        return resolve(token.head.head, ctx, wanted)
    if token.pos_ == "PRON":
        return _pronoun(token, ctx, wanted)
    if token.pos_ not in ("NOUN", "PROPN"):
        return []
    lemma = token.lemma_.lower()
    found: list[int] = []
    if ctx.ontology.is_a("Person", wanted):
        named = _named_after_title(token, ctx)
        if named is not None:
            return [named]
        holder = _title_holder(token, ctx)
        if holder is not None:
            return [holder]
    pair = _the_two(token, ctx, wanted)
    if pair:
        return pair
    if lemma in ctx.lex.quantity_nouns:
        # "A number of NATO member states": the quantity stands for what it counts
        counted = [
            i
            for pobj in follow(token, "prep:of>pobj")
            for i in resolve(pobj, ctx, wanted)
        ]
        if counted:
            return counted
    # which modifiers a head noun passes on: "US officials" -> the US, "S-400 systems" -> the
    # S-400, "YPG rebels" -> the YPG (but "Syrian rebels" are not Syria)
    passes: tuple[str, ...] = ()
    if lemma in ctx.lex.group_nouns or lemma in COMMUNICATION_NOUNS:
        passes += ("Agent",)
    if lemma in ctx.lex.nonstate_group_nouns:
        passes += ("Organization",)
    if lemma in ctx.lex.weapon_nouns:
        passes += ("Product",)
    named = [
        i
        for child in token.children
        if child.dep_ == "appos"
        for part in _conjuncts(child)
        if (i := ctx.mention_at(part)) is not None
    ]
    if passes and named:
        # "the four permanent members of the Council - Britain, China, France and
        # Russia -": the apposition names the group; its modifiers do not
        return named
    if passes:
        # every name in the noun's left modifiers: "US and NATO officials", "Lockheed Martin
        # F-16 jets", "Hamas-led militants", "Russia's S-400 anti-aircraft system"
        for left in token.lefts:
            if left.dep_ in ("det", "predet", "punct", "cc", "case"):
                continue
            for part in left.subtree:
                index = ctx.mention_at(part)
                if index is not None and index not in found:
                    found.append(index)
        if lemma in ctx.lex.group_nouns and "Agent" in passes:
            # "members of Congress", "officials of the ministry"
            for pobj in follow(token, "prep:of>pobj"):
                for index in resolve(pobj, ctx, passes):
                    if index not in found:
                        found.append(index)
        found = [i for i in found if ctx.ontology.is_a(ctx.cls(i), passes)]
        products = [i for i in found if ctx.ontology.is_a(ctx.cls(i), ("Product",))]
        if products and ctx.ontology.is_a("Product", wanted):
            # "Lockheed Martin F-35 jets" as a thing bought: the jets, not their maker
            found = products
        if lemma in COMMUNICATION_NOUNS:
            for pobj in follow(token, "prep:from|by|of>pobj"):
                found.extend(resolve(pobj, ctx, wanted))
        if (
            not [i for i in found if ctx.ontology.is_a(ctx.cls(i), wanted)]
            and lemma in ctx.lex.weapon_nouns
            and ctx.ontology.is_a("WeaponSystem", wanted)
        ):
            determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
            if determiners & {"this", "these", "that", "those"}:
                nearest = _nearest_before(ctx, token, ("Product",), sentences=2)
                if nearest is not None:
                    found.append(nearest)
            elif not determiners - {"the"}:
                # "the jets", "Russian-made jets" in a story about one weapon system
                named = {
                    ctx.key(i): i
                    for i, m in enumerate(ctx.mentions)
                    if m.start < token.idx and m.label == "WeaponSystem"
                }
                origins = {
                    ctx.mentions[i].gazetteer_id
                    for left in token.lefts
                    for t in left.subtree
                    if (i := ctx.mention_at(t)) is not None
                }
                if len(named) == 1:
                    (only,) = named.values()
                    entry = ctx.ontology.entry(ctx.mentions[only].gazetteer_id)
                    # a named modifier must be the system's origin ("Russian-made jets"
                    # may be the Su-35, "US missiles" are not the S-400)
                    if not origins or (
                        entry is not None and origins == {entry.country}
                    ):
                        found.append(only)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("including", "like"):
            # "Most Western countries, including the United States,": the members named
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    for index in resolve(pobj, ctx, wanted):
                        if index not in found:
                            found.append(index)
    for child in token.children:
        if child.dep_ == "appos":
            # "the groups, Hilltop Watch and Ma'oz Land,": an apposition, and its list
            for part in _conjuncts(child):
                index = ctx.mention_at(part)
                if index is not None and index not in found:
                    found.append(index)
    if not found:
        # a noun that passes on its modifiers' names may still be the head of one:
        # "the Atlantic Fleet ... the fleet's officer"
        found = _described(token, ctx, wanted, by_class=not passes)
    return found


PAIR_NOUNS = frozenset({"side", "country", "nation", "party", "government", "leader"})


def _the_two(token: Token, ctx: DocContext, wanted: tuple[str, ...]) -> list[int]:
    """ "the two sides", "both countries": the last two parties of one kind named before,
    within the last three sentences ("the first talks between Russia and Ukraine, during
    which the two sides agreed to a swap")."""
    if token.lemma_.lower() not in PAIR_NOUNS or token.tag_ not in ("NNS", "NNPS"):
        return []
    two = any(c.dep_ == "nummod" and c.lower_ in ("two", "2") for c in token.children)
    both = any(c.lower_ == "both" for c in token.children)
    if not (two or both):
        return []
    kind: tuple[str, ...] = (
        ("Person",) if token.lemma_.lower() == "leader" else ("Country",)
    )
    if token.lemma_.lower() in ("side", "party"):
        kind = ("Country", "Organization")
    sent_starts = [s.start for s in ctx.doc.sents if s.start <= token.i]
    window = sent_starts[-3] if len(sent_starts) >= 3 else 0
    found: list[int] = []
    for i in range(token.i - 1, window - 1, -1):
        index = ctx.token_mention.get(i)
        if (
            index is None
            or not ctx.ontology.is_a(ctx.cls(index), kind)
            or not ctx.ontology.is_a(ctx.cls(index), wanted)
            or any(ctx.same_entity(index, f) for f in found)
        ):
            continue
        found.append(index)
        if len(found) == 2:
            return found[::-1]
    return []


def one_of(token: Token) -> Token | None:
    """The "one" a plural counts from: "secretaries" in "one of the secretaries of the
    party", "cities" in "one of the largest cities of Ecuador"."""
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ == "one":
        return prep.head
    return None


def _named_after_title(token: Token, ctx: DocContext) -> int | None:
    """ "Lula and his Kenyan counterpart Amina Odhiambo signed": a title with the name
    of its holder right after it (however the parser hung the name) stands for that
    person."""
    if token.tag_ in ("NNS", "NNPS") or token.lemma_.lower() not in (
        ctx.ontology.titles.heads
    ):
        return None
    if token.i + 1 >= len(token.doc):
        return None
    index = ctx.mention_at(token.doc[token.i + 1])
    if index is None or ctx.cls(index) != "Person":
        return None
    span = ctx.span(index)
    return index if span is not None and span.start == token.i + 1 else None


def _title_holder(token: Token, ctx: DocContext) -> int | None:
    """The person a title stands for: "the Ukrainian president", "Ukraine's president",
    "the President of Bangladesh", "the foreign minister" (the one person the article gives
    that title, held for that country or body when the description names one)."""
    heads = ctx.ontology.titles.heads
    lemma = token.lemma_.lower()
    if token.tag_ in ("NNS", "NNPS") or lemma not in heads:
        return None
    words = [c.lower_ for c in token.lefts if c.dep_ == "compound"] + [lemma]
    title = " ".join(words)
    if title not in heads:
        title = lemma
    owners: set[str] = set()
    determiners = set()
    for child in token.children:
        if child.dep_ in ("det",):
            determiners.add(child.lower_)
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            index = ctx.mention_at(child)
            if index is not None:
                owners.add(ctx.key(index))
                determiners.add("the")
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                index = ctx.mention_at(pobj) if pobj.dep_ == "pobj" else None
                if index is not None:
                    owners.add(ctx.key(index))
    if not determiners & {"the", "this", "that"}:
        return None
    candidates = {
        person
        for person, held, serves in ctx.title_holders()
        if (held == title or held.endswith(" " + title))
        and (not owners or owners <= serves)
    }
    return candidates.pop() if len(candidates) == 1 else None


def _described(
    token: Token, ctx: DocContext, wanted: tuple[str, ...], *, by_class: bool = True
) -> list[int]:
    """A definite description of an entity named before: "the bloc", "the ministry", "the
    company" (the nearest mention, within the last sentences, of a class the noun names,
    unless `by_class` is false); "the fleet" after "the Atlantic Fleet" (the head noun of
    its name). A description with a name of its own in it is no anaphor."""
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if not determiners & {"the", "this", "that", "its", "their"}:
        return []
    if any(ctx.mention_at(t) is not None for t in token.subtree):
        return []
    if token.lemma_.lower() in ctx.lex.anaphor_nouns:
        return class_antecedent(token, ctx, wanted) if by_class else []
    return _named_by_head(token, ctx, wanted)


def _named_by_head(token: Token, ctx: DocContext, wanted: tuple[str, ...]) -> list[int]:
    """ "the Atlantic Fleet ... the fleet's duty officer", "Bellevue Hospital ... the
    hospital": a definite description by the head noun of a name read before it (the
    name's last word, the noun unmodified and in the singular), when no other entity named
    before ends with that word."""
    if (
        not token.is_lower
        or token.tag_ != "NN"
        or any(c.dep_ in ("amod", "compound", "nmod") for c in token.children)
    ):
        return []
    named: dict[str, int] = {}
    for index, mention in enumerate(ctx.mentions):
        if mention.end > token.idx:
            continue
        heads = {
            words[-1].casefold()
            for text in (
                mention.name,
                mention.text.removesuffix("'s").removesuffix("’s"),
            )
            if len(words := text.split()) > 1
        }
        if token.lower_ in heads:
            named[ctx.key(index)] = index  # the nearest mention of the entity
    if len(named) != 1:
        return []
    (index,) = named.values()
    return [index] if ctx.ontology.is_a(ctx.cls(index), wanted) else []


def former_phrase(noun: Token, ctx: DocContext) -> bool:
    """Does the noun's phrase say what was, not what is: a word of roles.json "former"
    before the noun, or before the name it is a compound of ("a former NATO member",
    "former NATO ally Greece", "a former Soviet republic", "an ex-member")?"""
    former = ctx.ontology.titles.former
    phrase = noun.head if noun.dep_ == "compound" else noun
    return any(
        t.lower_ in former or t.lower_.startswith(("ex-", "former-"))
        for t in ctx.doc[phrase.left_edge.i : noun.i + 1]
    ) or noun.lower_.startswith("ex-")


def class_antecedent(
    token: Token, ctx: DocContext, wanted: tuple[str, ...]
) -> list[int]:
    """The entity a class noun stands for: the nearest mention, within the last sentences,
    of a class the noun names ("company" after "Acme Corp."), whatever its determiner."""
    classes = ctx.lex.anaphor_nouns.get(token.lemma_.lower())
    if not classes:
        return []
    allowed = tuple(
        c
        for c in classes
        if ctx.ontology.is_a(c, wanted)
        or any(ctx.ontology.is_a(w, (c,)) for w in wanted)
    )
    if not allowed:
        return []
    nearest = _nearest_before(ctx, token, allowed, sentences=2)
    return (
        [nearest]
        if nearest is not None and ctx.ontology.is_a(ctx.cls(nearest), wanted)
        else []
    )


LIST_VERBS = frozenset({"include", "be", "name", "comprise"})
STOP_VERBS = frozenset({"stop", "halt", "cease", "quit"})
PART_WORDS = frozenset({"most", "all", "some", "many", "much", "part", "half", "rest"})


def _list_region(sentences: list[Span], at: int, verb: Token) -> list[Token]:
    """The words after a list's verb: the rest of its sentence, and the verbless sentences
    the parser split off after it ("Those named include the head of X, Y, and Z": a long
    list of names often parses as several fragments)."""
    region = [t for t in sentences[at] if t.i > verb.i]
    for sent in sentences[at + 1 : at + 4]:
        if any(t.pos_ in ("VERB", "AUX") for t in sent):
            break
        region.extend(sent)
    return region


def _members(
    tokens: list[Token], ctx: DocContext, wanted: tuple[str, ...], found: list[int]
) -> None:
    for token in tokens:
        index = ctx.mention_at(token)
        if (
            index is not None
            and index not in found
            and ctx.ontology.is_a(ctx.cls(index), wanted)
        ):
            found.append(index)


def listed(tokens: list[Token], ctx: DocContext, wanted: tuple[str, ...]) -> list[int]:
    """The members of a group a sentence names only by number, listed in the next sentences:
    "imposed sanctions on five officials. Those named include A, B and C." / "on four banks.
    They include X, Y and Z." / "... is also on the list." (Up to four sentences on; the
    list's sentence must point back at the group: a pronoun or the same noun. A group of
    people, "officials", lists persons: the offices named with them are not members.)"""
    found: list[int] = []
    for token in tokens:
        if token.pos_ != "NOUN" or token.tag_ not in ("NNS", "NNPS"):
            continue
        counted = any(c.dep_ == "nummod" for c in token.children) or any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those")
            for c in token.children
        )
        if not counted:
            continue
        lemma = token.lemma_.lower()
        members = wanted
        if lemma in ctx.lex.person_nouns and ctx.ontology.is_a("Person", wanted):
            members = ("Person",)
        sentences = list(ctx.doc.sents)
        here = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
        clauses = 0
        for at in range(here + 1, len(sentences)):
            if any(t.pos_ in ("VERB", "AUX") for t in sentences[at]):
                clauses += 1  # fragments the parser split off a list do not count
            if clauses > 4:
                break
            root = sentences[at].root
            if root.lemma_.lower() not in LIST_VERBS:
                continue
            if any(
                p.lower_ == "on" and any(o.lemma_.lower() == "list" for o in p.children)
                for p in root.children
            ):
                # "Quevedo is also on the list": the sentence's subjects belong to the group
                for child in root.children:
                    if child.dep_ in ("nsubj", "nsubjpass"):
                        part = (
                            list(child.subtree)
                            if members == ("Person",)
                            else _conjuncts(child)
                        )
                        _members(part, ctx, members, found)
                continue
            subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not any(
                s.lower_ in ("they", "those", "these") or s.lemma_.lower() == lemma
                for s in subjects
            ):
                continue
            if members == ("Person",):
                _members(_list_region(sentences, at, root), ctx, members, found)
                continue
            for child in root.children:
                if child.dep_ in ("dobj", "attr", "oprd"):
                    _members(_conjuncts(child), ctx, members, found)
    return found


def resolve(token: Token, ctx: DocContext, wanted: tuple[str, ...]) -> list[int]:
    """Mentions that `token` stands for, restricted to the classes in `wanted`.

    Coordinations give several ("US and NATO officials" -> US, NATO). A token met again
    while it is being resolved (a pronoun whose antecedent leads back to it) stands for
    nothing more.
    """
    resolving: set[int] = ctx.cache.setdefault("resolving", set())
    if token.i in resolving:
        return []
    resolving.add(token.i)
    found: list[int] = []
    try:
        for part in _conjuncts(token):
            for index in _resolve_one(part, ctx, wanted):
                if index not in found and (
                    not wanted or ctx.ontology.is_a(ctx.cls(index), wanted)
                ):
                    found.append(index)
    finally:
        resolving.discard(token.i)
    return found


def inherited_subject(
    trigger: Token, ctx: DocContext, wanted: tuple[str, ...]
) -> list[int]:
    """The understood subject of a verb without one: the controller of "decided to buy", the
    object of "persuaded Turkey to buy", the first verb's subject in "rejects X, says Y", the
    owner or the signer of "a deal to buy", the subject of "the first country to buy".
    A verb with a subject of its own ("which", "it") inherits none, even when that subject
    names nothing the ontology knows."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
        return []
    current = trigger
    for _ in range(6):
        dep = current.dep_
        head = current.head
        if head is current or dep not in (
            "xcomp",
            "advcl",
            "conj",
            "acl",
            "relcl",
            "pcomp",
            "prep",
            "ccomp",
            "acomp",
        ):
            return []
        if dep == "acl" and current.tag_ == "VBN" and current is not trigger:
            return []  # "the penalty imposed for buying oil": not the imposer who buys
        if _headline_plan(current):
            return resolve(head, ctx, wanted)  # "Qantas to buy four 747s"
        if dep == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects:
                return resolve(objects[0], ctx, wanted)
        if head.pos_ in ("NOUN", "PROPN"):
            owners = [c for c in head.children if c.dep_ == "poss"] + follow(
                head, "prep:by>pobj"
            )
            if owners:
                return resolve(owners[0], ctx, wanted)
            if head.dep_ == "attr" and head.head.pos_ in ("AUX", "VERB"):
                head = head.head
            elif head.dep_ in ("dobj", "pobj") and head.head.pos_ in (
                "VERB",
                "AUX",
                "ADP",
            ):
                verb = head.head if head.dep_ == "dobj" else head.head.head
                subjects = [c for c in verb.children if c.dep_ == "nsubj"]
                if subjects:
                    return resolve(subjects[0], ctx, wanted)
        if dep == "ccomp":
            return []
        subjects = [c for c in head.children if c.dep_ in ("nsubj",)]
        if subjects:
            return resolve(subjects[0], ctx, wanted)
        current = head
    return []


def _perfect_or_past(verb: Token) -> bool:
    """A clause in the past or perfect with its own subject ("X has led Trump to ...") states
    what happened: no wish or plan over it makes it hypothetical (a parse that hangs it
    under "allow" or "want" is wrong)."""
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    perfect = any(
        c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children
    )
    return has_subject and (perfect or verb.tag_ == "VBD")


def _own_cues(token: Token, lex: Lexicon) -> str | None:
    for child in token.children:
        lower = child.lower_
        if child.dep_ == "neg" or (
            child.dep_ in ("det", "advmod") and lower in lex.negation_words
        ):
            return "negated"
        if child.dep_ in ("aux", "auxpass") and lower in lex.hedge_modals:
            return "hedged"
        if child.dep_ in ("aux", "auxpass") and lower in lex.hypothetical_modals:
            return "hypothetical"
        if child.dep_ == "advmod" and lower in lex.hedge_adverbs:
            return "hedged"
        if (
            child.dep_ == "mark"
            and lower in lex.conditional_marks
            and token.dep_ == "advcl"
        ):
            return "hypothetical"
        if (
            child.dep_ == "amod"
            and lower in lex.hypothetical_modifiers
            and token.pos_ == "NOUN"
        ):
            return "hypothetical"  # "a possible deal", "the proposed sale"
        if child.dep_ == "det" and lower == "any" and token.pos_ == "NOUN":
            return (
                "hypothetical"  # "opposition to any sale of F-35s": no sale is stated
            )
    return None


def construction(trigger: Token, ctx: DocContext) -> tuple[str, Token] | None:
    """How a nominal trigger is used: ("agent", verb) when it is the object of a light verb
    whose subject does it ("Britain's TUC gave its backing to the RMT", "held talks with"),
    ("receiver", verb) when the verb's subject receives it ("Lula won the backing of Tebet",
    "drew criticism from", "came under fire from"), else None."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    head = trigger.head
    if (
        trigger.dep_ == "pobj"
        and head.lower_ == "under"
        and head.head.pos_ in ("VERB", "AUX")
    ):
        # "came under fire from", "is under pressure from"
        return "receiver", head.head
    if trigger.dep_ not in ("dobj", "nsubjpass") or head.pos_ not in ("VERB", "AUX"):
        return None
    lemma = head.lemma_.lower()
    if lemma in ctx.lex.receiving_verbs:
        return ("receiver", head)
    if lemma in ctx.lex.light_verbs:
        return ("agent", head)
    return None


def _reversal(trigger: Token, ctx: DocContext) -> str | None:
    """The word that undoes the relation `trigger` names: "lifted its sanctions on",
    "the lifting of sanctions", "sanctions relief", "ended its support for", "stopped buying"
    (reverse.verb and reverse.noun of triggers.jsonl), unless that word is itself negated."""
    verbs = ctx.ontology.frame_lemmas("reverse.verb")
    nouns = ctx.ontology.frame_lemmas("reverse.noun")
    head = trigger.head
    if head is trigger:
        return None
    if (
        trigger.dep_ in ("dobj", "nsubjpass")
        and head.pos_ == "VERB"
        and head.lemma_.lower() in verbs
    ):
        # "did not lift", "would be lifted", "could ease": the relation still holds
        return None if _own_cues(head, ctx.lex) else head.text
    if trigger.dep_ in ("xcomp", "pcomp") and head.lemma_.lower() in verbs | STOP_VERBS:
        return None if _own_cues(head, ctx.lex) == "negated" else head.text
    if (
        trigger.dep_ == "pobj"
        and head.lower_ in ("of", "from")
        and head.head.lemma_.lower() in nouns
    ):
        return head.head.text  # "the lifting of sanctions", "relief from sanctions"
    if (
        trigger.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.dep_ in ("dobj", "nsubjpass")
        and head.head.lemma_.lower() in ctx.lex.quantity_nouns | PART_WORDS
        and head.head.head.lemma_.lower() in verbs
    ):
        return head.head.head.text  # "lifted most of its sanctions"
    if trigger.dep_ == "compound" and head.lemma_.lower() in nouns:
        return head.text  # "sanctions relief"
    return None


def _condition(token: Token, lex: Lexicon) -> str | None:
    """The mark of a condition on the clause of `token` ("..., the EU will impose sanctions if
    China supplies weapons"): its result is hypothetical."""
    conjuncts = [c.i for c in token.children if c.dep_ == "conj"]
    for child in token.children:
        if any(c < child.i for c in conjuncts) and child.i > token.i:
            continue  # "suspended X and threatened sanctions if ...": the second's condition
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in lex.condition_marks for m in child.children
        ):
            return next(m.text for m in child.children if m.dep_ == "mark")
    return None


def _headline_plan(verb: Token) -> bool:
    """ "Qantas to buy four 747s": a headline's infinitive hung on its subject noun."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in verb.sent)
    )


def _planned(trigger: Token, lex: Lexicon) -> str | None:
    """The cue of an event noun still to come: "talks are planned for Friday", "a meeting is
    expected next week", "talks between X and Y are on the agenda"."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ not in (
        "nsubj",
        "nsubjpass",
    ):
        return None
    head = trigger.head
    if head.lemma_.lower() in lex.plan_verbs:
        return head.text
    for child in head.children:
        if child.dep_ == "acomp" and child.lemma_.lower() in lex.plan_verbs:
            return child.text  # "the talks are due on Friday"
        if child.dep_ == "prep" and child.lower_ in ("on", "in"):
            for place in child.children:
                if place.dep_ == "pobj" and place.lemma_.lower() in lex.plan_nouns:
                    return place.text
    return None


def _question(trigger: Token, lex: Lexicon) -> str | None:
    """The cue of a question: its question mark, or, for a headline without one, the
    auxiliary it opens with ("Will Turkey Buy the S-400"). A question asks; it asserts
    nothing. A reported question ("asked whether") ends in a full stop and is not one."""
    words = [t for t in trigger.sent if not t.is_space]
    while words and words[-1].is_quote:
        words.pop()
    if not words:
        return None
    if words[-1].text == "?":
        return "?"
    first = words[0]
    if (
        first.pos_ == "AUX"
        and first.lower_ in lex.question_auxiliaries
        and words[-1].text not in (".", "!")
        and len(words) > 2
        and words[1].pos_ in ("PROPN", "NOUN", "PRON", "DET")
    ):
        return first.text
    return None


def modality(trigger: Token, ctx: DocContext) -> tuple[str, str | None]:
    """Whether the clause of `trigger` is asserted, hedged, negated or hypothetical, and the cue.

    Cues on the trigger itself count, and so do cues on the clauses that govern it, up to a
    reporting verb ("X said that ...": the report is asserted as X's). A governing verb never
    passes its modality down to a noun it takes as object: in "could jeopardize its purchase
    of F-35 jets" the purchase itself is not in doubt.
    """
    lex = ctx.lex
    question = _question(trigger, lex)
    if question:
        return "question", question
    undone = _reversal(trigger, ctx)
    if undone:
        return "reversed", undone
    if trigger.dep_ in ("attr", "oprd") and trigger.head.pos_ in ("VERB", "AUX"):
        # "Finland will become a member": the copula's mood
        return modality(trigger.head, ctx)
    cue = _own_cues(trigger, lex)
    if cue:
        return cue, trigger.text  # "approved the possible sale": the noun's own word
    used = construction(trigger, ctx)
    if used is not None:
        # "could sign a peace treaty", "threatened to impose sanctions": the noun's event
        # happens only as its verb does
        return modality(used[1], ctx)
    planned = _planned(trigger, lex)
    if planned:
        return "hypothetical", planned
    if _headline_plan(trigger):
        return "hypothetical", "to"  # "Qantas to buy four 747s": announced, not done
    condition = _condition(trigger, lex)
    if condition:
        return "hypothetical", condition
    current = trigger
    for _ in range(8):
        dep = current.dep_
        head = current.head
        if head is current:
            break
        if dep in (
            "dobj",
            "nsubj",
            "nsubjpass",
            "attr",
            "appos",
            "compound",
            "poss",
        ) and current.pos_ in ("NOUN", "PROPN"):
            break
        if dep == "pobj" and current.pos_ in ("NOUN", "PROPN"):
            break
        if dep not in CLAUSE_DEPS:
            break
        lemma = head.lemma_.lower()
        if (
            dep in ("xcomp", "pcomp")
            and lemma in STOP_VERBS | ctx.ontology.frame_lemmas("reverse.verb")
            and _own_cues(head, lex) == "negated"
        ):
            current = head  # "did not stop buying": the buying goes on
            continue
        if (
            head.pos_ in ("VERB", "AUX")
            and dep in ("xcomp", "pcomp", "prep", "ccomp")
            and lemma in lex.negative_governors
        ):
            return "negated", head.text  # "denied attacking", "denied that he had met"
        if head.pos_ in ("VERB", "AUX") and lemma in lex.reporting_verbs:
            break
        if (
            dep in ("acl", "prep", "pcomp")
            and head.pos_ == "NOUN"
            and lemma in lex.hypothetical_nouns
        ):
            return "hypothetical", head.text
        if head.pos_ in ("ADJ",) and lemma in lex.hypothetical_adjectives:
            return "hypothetical", head.text
        if (
            head.pos_ == "VERB"
            and lemma in lex.hypothetical_adjectives
            and dep == "xcomp"
        ):
            return "hypothetical", head.text
        # only a complement takes the governor's mood: "wants to buy", not "met ... when he asked"
        if (
            head.pos_ in ("VERB", "AUX")
            and dep
            in (
                "xcomp",
                "ccomp",
                "pcomp",
                "prep",
                "oprd",
            )
            and lemma in lex.hypothetical_governors
            and not (dep == "ccomp" and _perfect_or_past(current))
        ):
            return "hypothetical", head.text
        condition = _condition(head, lex)
        if condition and dep in ("xcomp", "ccomp", "pcomp", "prep", "oprd", "acomp"):
            return "hypothetical", condition
        if lemma == "be" and dep == "xcomp":
            return "hypothetical", head.text  # "he is to meet": a plan
        if lemma in lex.ongoing_verbs and dep == "xcomp":
            current = head  # "will continue to negotiate": going on, whatever its tense
            continue
        cue = _own_cues(head, lex)
        # a governing clause's cue reaches its complements ("did not agree to buy"), not its
        # adjuncts ("did not expect a breakthrough, accusing Moscow ...")
        if cue and dep in ("xcomp", "ccomp", "pcomp", "prep", "oprd", "acomp"):
            return cue, head.text
        current = head
    return "asserted", None


def reporting(trigger: Token, ctx: DocContext) -> tuple[Token | None, str | None]:
    """The subject token and lemma of the reporting verb ("said", "told") over `trigger`."""
    current = trigger
    for _ in range(8):
        for child in current.children:
            if (
                child.dep_ in ("parataxis", "advcl")
                and child.lemma_.lower() in ctx.lex.reporting_verbs
            ):
                subjects = [c for c in child.children if c.dep_ == "nsubj"]
                return (subjects[0] if subjects else None), child.lemma_.lower()
            if child.dep_ == "prep" and child.lower_ == "according":
                objects = follow(child, "prep:to>pobj")
                return (objects[0] if objects else None), "according to"
        head = current.head
        if head is current or current.dep_ not in CLAUSE_DEPS | {
            "dobj",
            "nsubj",
            "nsubjpass",
        }:
            break
        if (
            head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() in ctx.lex.reporting_verbs
            and current.dep_ in ("ccomp", "xcomp", "conj", "parataxis", "advcl")
        ):
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            if not subjects and head.dep_ in ("advcl", "conj", "xcomp"):
                # "Guaido invoked a provision, arguing that ...": the clause's subject
                subjects = [c for c in head.head.children if c.dep_ == "nsubj"]
            return (subjects[0] if subjects else None), head.lemma_.lower()
        current = head
    return None, None
