"""Roles: job titles and what they say about a person.

"Turkish Foreign Minister Mevlut Cavusoglu", "Ismail Demir, Turkish undersecretary for the
Undersecretariat for Defense Industries", "Ali Amin Gandapur, who is the chief minister of
Khyber Pakhtunkhwa" all give a role (hasRole) and affiliations: a country the person is an
official of (officialOf; leaderOf for heads of state), an organisation they work for or lead,
a person they serve. Titles and their meaning are data (ontology/roles.json).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from kg.resources import Ontology
from kg.syntax import DocContext, resolve

AFFILIATION = ("Agent", "Region")
_CONNECTORS = {"of", "for", "to", "in", "at", "'s", "’s", "-", "and"}

RoleFact = tuple[int, str, int | None, str | None, Token, str, float]


@dataclass(frozen=True, slots=True)
class _Titles:
    heads: dict[str, dict[str, object]]
    words: frozenset[str]
    former: frozenset[str]
    abbreviations: dict[str, str]


@cache
def _titles(ontology: Ontology) -> _Titles:
    roles = ontology.roles
    heads = {k.lower(): v for k, v in roles["heads"].items()}
    words = {w for key in heads for w in key.replace("-", " - ").split()}
    words |= {m.lower() for m in roles["modifiers"]}
    abbreviations = {k.lower(): v for k, v in roles["abbreviations"].items()}
    former = frozenset(w.lower() for w in roles["former"])
    return _Titles(heads, frozenset(words | set(abbreviations) | former), former, abbreviations)


def _word(token: Token, titles: _Titles) -> str:
    lower = token.lower_.rstrip(".")
    return titles.abbreviations.get(lower, token.text).lower() if lower in titles.abbreviations else lower


def _find_head(words: list[str], titles: _Titles) -> str | None:
    """The longest known title at the end of `words` (or anywhere, longest first)."""
    text = " ".join(words).replace(" - ", "-")
    best = None
    for key in titles.heads:
        if f" {key} " in f" {text} " and (best is None or len(key) > len(best)):
            best = key
    return best


@dataclass(frozen=True, slots=True)
class _Title:
    text: str
    head: str
    former: bool
    tokens: tuple[Token, ...]


def _title_from_tokens(tokens: list[Token], titles: _Titles) -> _Title | None:
    words = [_word(t, titles) for t in tokens]
    head = _find_head(words, titles)
    if head is None:
        return None
    former = any(w in titles.former for w in words)
    shown = [
        titles.abbreviations[t.lower_.rstrip(".")] if t.lower_.rstrip(".") in titles.abbreviations else t.text
        for t in tokens
        if _word(t, titles) not in titles.former and t.text != "-"
    ]
    text = " ".join(shown).replace(" - ", "-").strip()
    if former:
        text = f"former {text}"
    return _Title(text, head, former, tuple(tokens))


def _premodifier_title(span: Span, ctx: DocContext, titles: _Titles) -> tuple[_Title, list[int], list[int]] | None:
    """Title and affiliations written before a name: "Russia's Rosoboronexport Director
    General Alexander Mikheev", "Russian ambassador to Turkey Andrei Karlov"."""
    doc = span.doc
    sent_start = span.sent.start
    i = span.start - 1
    window: list[Token] = []
    while i >= sent_start:
        token = doc[i]
        if ctx.mention_at(token) is not None and ctx.cls(ctx.mention_at(token)) == "Person":
            break
        if _word(token, titles) in titles.words or token.lower_ in _CONNECTORS or ctx.mention_at(token) is not None:
            window.insert(0, token)
            i -= 1
            continue
        break
    title_tokens = [t for t in window if ctx.mention_at(t) is None and _word(t, titles) in titles.words]
    if not title_tokens:
        return None
    # the title is the last run of title words before the name
    run: list[Token] = []
    for token in reversed(window):
        if ctx.mention_at(token) is None and _word(token, titles) in titles.words:
            run.insert(0, token)
        elif run and token.lower_ in ("of", "-") and token.i > window[0].i:
            run.insert(0, token)
        elif run:
            break
    while run and run[0].lower_ in ("of", "-"):
        run = run[1:]
    title = _title_from_tokens(run, titles)
    if title is None:
        return None
    head_info = titles.heads[title.head]
    host_preps = set(head_info.get("host_preps", ()))  # type: ignore[arg-type]
    affiliations: list[int] = []
    hosts: list[int] = []
    before = [t for t in window if t.i < run[0].i]
    after = [t for t in window if t.i > run[-1].i]
    for token in reversed(before):
        index = ctx.mention_at(token)
        if index is not None and index not in affiliations:
            affiliations.append(index)
            break  # the nearest: "Russia's Rosoboronexport Director" works for Rosoboronexport
    prep = None
    for token in after:
        if token.lower_ in _CONNECTORS:
            prep = token.lower_
            continue
        index = ctx.mention_at(token)
        if index is not None:
            (hosts if prep in host_preps else affiliations).append(index)
    return title, [a for a in dict.fromkeys(affiliations) if a not in hosts], hosts


def _noun_title(noun: Token, ctx: DocContext, titles: _Titles) -> tuple[_Title, list[int]] | None:
    """Title and affiliations of a title noun: an apposition or a copula's attribute."""
    words = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod") and ctx.mention_at(c) is None]
    tokens = [*[w for w in words if _word(w, titles) in titles.words], noun]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects and objects[0].lower_ in ("state",):
                tokens += [prep, objects[0]]
    title = _title_from_tokens(sorted(tokens, key=lambda t: t.i), titles)
    if title is None or _word(noun, titles) not in titles.words:
        return None
    head_info = titles.heads[title.head]
    host_preps = set(head_info.get("host_preps", ()))  # type: ignore[arg-type]
    affiliations: list[int] = []
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss"):
            affiliations += resolve(child, ctx, AFFILIATION)
        elif child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "with", "in") and child.lower_ not in host_preps:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found = resolve(pobj, ctx, AFFILIATION)
                if not found:
                    found = [i for c in pobj.children if c.dep_ in ("compound", "nmod", "amod") for i in resolve(c, ctx, AFFILIATION)]
                affiliations += found
    return title, list(dict.fromkeys(affiliations))


def _facts(person: int, title: _Title, affiliations: list[int], token: Token, ctx: DocContext, titles: _Titles, rule: str) -> Iterator[RoleFact]:
    info = titles.heads[title.head]
    if info.get("role", True):
        yield person, "hasRole", None, title.text, token, f"{rule}.role", 0.9
    if title.former:
        return
    for affiliation in affiliations:
        cls = ctx.cls(affiliation)
        if affiliation == person:
            continue
        if cls == "Person":
            relation = str(info.get("person_relation", "worksFor"))
            if relation != "none":  # roles.json: "counterpart" relates the two people by nothing
                yield person, relation, affiliation, None, token, f"{rule}.person", 0.7
            continue
        if info.get("leader") and ctx.ontology.is_a(cls, ("Country", "Organization", "Region")):
            yield person, "leaderOf", affiliation, None, token, f"{rule}.leader", 0.85
        if cls == "Country":
            if info.get("official"):
                yield person, "officialOf", affiliation, None, token, f"{rule}.official", 0.85
        elif ctx.ontology.is_a(cls, ("Organization",)) and not ctx.ontology.is_a(cls, ("MediaOrganization",)) or ctx.ontology.is_a(cls, ("MediaOrganization",)):
            yield person, "worksFor", affiliation, None, token, f"{rule}.organization", 0.8


def extract_roles(ctx: DocContext) -> Iterator[RoleFact]:
    """hasRole, leaderOf, worksFor, officialOf and aide relations of every person mention."""
    titles = _titles(ctx.ontology)
    doc = ctx.doc
    for person, mention in enumerate(ctx.mentions):
        if mention.label != "Person":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        found = _premodifier_title(span, ctx, titles)
        if found is not None:
            title, affiliations, _ = found
            yield from _facts(person, title, affiliations, span.root, ctx, titles, "role.premodifier")
        root = span.root
        nouns: list[tuple[Token, str]] = [(c, "role.apposition") for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            nouns.append((root.head, "role.apposition"))
        for relcl in (c for c in root.children if c.dep_ == "relcl" and c.lemma_ == "be"):
            nouns += [(c, "role.relative-copula") for c in relcl.children if c.dep_ == "attr"]
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            nouns += [(c, "role.copula") for c in root.head.children if c.dep_ == "attr"]
        for noun, rule in nouns:
            if noun.pos_ not in ("NOUN", "PROPN") or ctx.mention_at(noun) is not None:
                continue
            described = _noun_title(noun, ctx, titles)
            if described is not None:
                title, affiliations = described
                yield from _facts(person, title, affiliations, noun, ctx, titles, rule)
