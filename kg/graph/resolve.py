"""Resolution: make every real-world entity one canonical node across all articles.

Rules, applied in order of trust, each recorded with the surface forms it merged:
`gazetteer` (a known id), `gazetteer.alias` (a name the gazetteer knows, found by the model),
`exact` (the same name after folding case, accents and possessives), `text.same-as` (the text
equates two names: "Justice and Development Party (AK Party)"), `short-name` ("Erdogan" ->
"Recep Tayyip Erdogan" when that is the only person of that name), `fuzzy` (a typo such as
"Cavusglu", with guards that keep two different people apart).
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from kg.model import Entity, Extraction, Mention
from kg.names import fold, mint, slug
from kg.resources import Ontology

# How much a way of typing a mention is trusted when the mentions of one entity disagree.
_TYPE_WEIGHT = {
    "gazetteer": 10,
    "context.media": 4,
    "weapon.designator": 4,
    "propagated.designator": 3,
    "name.words": 2,
    "shape.acronym": 1,
    "ner": 1,
}
FUZZY_THRESHOLD = 90.0
FUZZY_MIN_LENGTH = 6

MentionRef = tuple[str, int]  # (article id, mention index)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Canonical entities and, for every mention, the key of its entity."""

    entities: dict[str, Entity]
    key_of: dict[MentionRef, str]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.rule: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, keep: str, other: str, rule: str) -> None:
        a, b = self.find(keep), self.find(other)
        if a != b:
            self.parent[b] = a
            self.rule.setdefault(other, rule)


def _vote(mentions: Iterable[Mention], ontology: Ontology) -> str:
    score: Counter[str] = Counter()
    for m in mentions:
        score[m.label] += _TYPE_WEIGHT.get(m.rule, 1)
    # the most specific class wins a tie: WeaponSystem over Product, Company over Organization
    return max(score, key=lambda c: (score[c], len(ontology.ancestors.get(c, ())), c))


def _display_name(mentions: list[Mention]) -> str:
    names = Counter(m.name for m in mentions)
    return max(
        names,
        key=lambda n: (
            len(n.split()),
            names[n],
            any(ord(c) > 127 for c in n) is False,
            n,
        ),
    )


def _name(key: str) -> str:
    """The folded name inside a cluster key ("name:trump@article-3" -> "trump")."""
    return key.removeprefix("name:").removeprefix("gaz:").split("@", 1)[0]


def _singular(name: str) -> str:
    """Crude singular of each word: "Defense Industry" ends "... Defense Industries"."""
    return " ".join(re.sub(r"ies$", "y", w) if len(w) > 4 else w for w in name.split())


def _fuzzy_same(a: str, b: str) -> bool:
    """Two person names that differ by a typo: same first name (if both have one), last names
    at least FUZZY_THRESHOLD similar and long enough that a short name cannot match by chance."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb):
        return False
    if len(ta) > 1 and ta[:-1] != tb[:-1]:
        return False
    last_a, last_b = ta[-1], tb[-1]
    if min(len(last_a), len(last_b)) < FUZZY_MIN_LENGTH or last_a[0] != last_b[0]:
        return False
    return fuzz.ratio(last_a, last_b) >= FUZZY_THRESHOLD


def _fuzzy_candidates(persons: list[str]) -> Iterator[tuple[str, str]]:
    """The pairs (a, b) of `persons`, a before b, that `_fuzzy_same` may accept, in the
    order of a scan of all pairs (so that merging them gives the same clusters): only names
    with the same number of words, the same words but the last, and a long last word with
    the same initial can be typos of each other. Last words are compared once each (a lone
    surname has one key per article), and the pairs are generated, never held."""
    block_of: dict[int, tuple[int, tuple[str, ...], str]] = {}
    lasts: dict[tuple[int, tuple[str, ...], str], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for i, key in enumerate(persons):
        words = _name(key).split()
        if words and len(words[-1]) >= FUZZY_MIN_LENGTH:
            block_of[i] = (len(words), tuple(words[:-1]), words[-1][0])
            lasts[block_of[i]][words[-1]].append(i)
    similar: dict[tuple[tuple[int, tuple[str, ...], str], str], list[list[int]]] = {}
    for block, by_last in lasts.items():
        words = list(by_last)
        for word in words:
            similar[(block, word)] = [
                by_last[w]
                for w in words
                if w == word or fuzz.ratio(word, w) >= FUZZY_THRESHOLD
            ]
    for i, block in sorted(block_of.items()):
        lists = similar[(block, _name(persons[i]).split()[-1])]
        for j in heapq.merge(
            *(indices[bisect.bisect_right(indices, i) :] for indices in lists)
        ):
            yield persons[i], persons[j]


def resolve_entities(extractions: list[Extraction], ontology: Ontology) -> Resolution:
    """Cluster the mentions of all articles into canonical entities."""
    aliases = ontology.names
    groups = _UnionFind()
    members: dict[str, list[tuple[MentionRef, Mention]]] = defaultdict(list)
    articles_of: dict[str, set[str]] = defaultdict(set)
    key_for_ref: dict[MentionRef, str] = {}
    for extraction in extractions:
        article_id = extraction.article.id
        for i, mention in enumerate(extraction.mentions):
            if mention.gazetteer_id:
                key = f"gaz:{mention.gazetteer_id}"
            elif fold(mention.name) in aliases and mention.label not in ("Person",):
                key = f"gaz:{aliases[fold(mention.name)]}"
            else:
                key = f"name:{fold(mention.name)}"
                if len(key.split()) == 1 and mention.label in (
                    "Person",
                    "Organization",
                ):
                    # a lone surname is resolved per article first: "Trump" next to
                    # "Donald Trump" in one story, whatever other Trumps the corpus holds
                    key = f"{key}@{article_id}"
            if not key.removeprefix("gaz:").removeprefix("name:"):
                continue
            groups.find(key)
            key_for_ref[(article_id, i)] = key
            members[key].append(((article_id, i), mention))
            articles_of[key].add(article_id)
        for a, b in extraction.same_as:
            ka, kb = key_for_ref.get((article_id, a)), key_for_ref.get((article_id, b))
            if ka and kb:
                longer, shorter = (ka, kb) if len(ka) >= len(kb) else (kb, ka)
                if shorter.startswith("gaz:"):
                    longer, shorter = shorter, longer
                groups.union(longer, shorter, "text.same-as")
    name_keys = sorted(k for k in members if k.startswith("name:"))
    cls_of = {k: _vote((m for _, m in members[k]), ontology) for k in members}
    persons = [k for k in name_keys if cls_of[k] == "Person"]
    # a lone surname the model took for an organisation ("Cavusoglu's statement") is a person
    # when exactly one person has that surname
    surnames = [
        k
        for k in name_keys
        if cls_of[k] == "Organization"
        and len(_name(k).split()) == 1
        and not any(m.name.isupper() for _, m in members[k])
    ]
    # short names: "Erdogan" or "Tayyip Erdogan" -> the one longer name that ends with them,
    # preferring a name in the same article
    unresolved: dict[str, list[str]] = defaultdict(list)
    # persons by each proper suffix of their name's words (in `persons` order), so that
    # finding the longer names ending with a name is a look-up, not a scan of all persons
    ending_with: dict[tuple[str, ...], list[str]] = defaultdict(list)
    # ... and by each proper prefix: "Xi" for "Xi Jinping", family name first
    starting_with: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for other in persons:
        words = tuple(_name(other).split())
        for n in range(1, len(words)):
            ending_with[words[-n:]].append(other)
            starting_with[words[:n]].append(other)
    for key in persons + surnames:
        tokens = _name(key).split()
        longer = [other for other in ending_with.get(tuple(tokens), ()) if other != key]
        local = [o for o in longer if articles_of[o] & articles_of[key]]
        for pool in (local, longer):
            roots = {groups.find(o) for o in pool}
            if len(roots) == 1:
                groups.union(pool[0], key, "short-name")
                break
        else:
            # a family name written first, only within one article: "Xi" and "Xi Jinping"
            first = [
                o
                for o in starting_with.get(tuple(tokens), ())
                if o != key and articles_of[o] & articles_of[key]
            ]
            if not longer and len({groups.find(o) for o in first}) == 1:
                groups.union(first[0], key, "short-name.family-first")
            else:
                unresolved[_name(key)].append(key)
    named: dict[str, list[str]] = defaultdict(list)
    for k in persons + surnames:
        named[_name(k)].append(k)
    for name, keys in unresolved.items():
        alone = set(keys)
        resolved = {groups.find(k) for k in named[name] if k not in alone}
        target = next(iter(resolved)) if len(resolved) == 1 else keys[0]
        for key in keys:
            groups.union(target, key, "short-name" if resolved else "exact")
    # organisations: "State Department" -> "US State Department" when unique
    orgs = [k for k in name_keys if ontology.is_a(cls_of[k], ("Organization",))]
    singular = {o: _singular(_name(o)) for o in orgs}
    org_ending_with: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for o in orgs:
        words = tuple(singular[o].split())
        for n in range(2, len(words)):
            org_ending_with[words[-n:]].append(o)
    for key in orgs:
        tokens = singular[key].split()
        if len(tokens) < 2:
            continue
        suffix = " " + " ".join(tokens)
        longer = [
            o
            for o in org_ending_with.get(tuple(tokens), ())
            if o != key and singular[o].endswith(suffix)
        ]
        if len({groups.find(o) for o in longer}) == 1:
            groups.union(longer[0], key, "short-name")
    # typos in person names, never between two names that one article uses side by side
    for a, b in _fuzzy_candidates(persons):
        if (
            groups.find(a) == groups.find(b)
            or articles_of[a] & articles_of[b]
            or _name(a) == _name(b)
        ):
            continue  # the same surname in two stories may be two people: that is no typo
        if _fuzzy_same(_name(a), _name(b)):
            # the form seen more often (then the longer, as typos mostly drop letters) stays
            keep, other = (
                max(
                    (a, b),
                    key=lambda k: (len(members[k]), len(articles_of[k]), len(k), k),
                ),
                min(
                    (a, b),
                    key=lambda k: (len(members[k]), len(articles_of[k]), len(k), k),
                ),
            )
            groups.union(keep, other, "fuzzy")
    clusters: dict[str, list[str]] = defaultdict(list)
    for key in sorted(members):
        clusters[groups.find(key)].append(key)
    entities: dict[str, Entity] = {}
    key_of: dict[MentionRef, str] = {}
    taken: set[str] = set()
    for root in sorted(clusters, key=lambda r: (not r.startswith("gaz:"), r)):
        keys = clusters[root]
        mentions = [m for k in keys for _, m in members[k]]
        gaz = next((k.removeprefix("gaz:") for k in keys if k.startswith("gaz:")), None)
        entry = ontology.entry(gaz)
        if entry is not None:
            cls, name = entry.cls, entry.name
            same_as = tuple(
                f"http://www.wikidata.org/entity/{entry.wikidata}"
                for _ in [0]
                if entry.wikidata
            )
        else:
            cls, name, same_as = _vote(mentions, ontology), _display_name(mentions), ()
        entity_key = mint(entry.id if entry is not None else name)
        if entity_key in taken:
            entity_key = f"{entity_key}-{slug(cls)}"
        taken.add(entity_key)
        forms: dict[str, str] = {}
        for k in keys:
            rule = "gazetteer" if k.startswith("gaz:") else groups.rule.get(k, "exact")
            for _, m in members[k]:
                form = " ".join(m.text.split())
                form_rule = (
                    m.rule if m.rule.startswith(("metonymy", "gazetteer")) else rule
                )
                forms.setdefault(form, form_rule)
        aliases_of = tuple(sorted(forms.items()))
        # a dateline names where the story was filed, not what it is about: no mention
        articles = tuple(
            sorted(
                {ref[0] for k in keys for ref, m in members[k] if m.rule != "dateline"}
            )
        )
        entities[entity_key] = Entity(
            entity_key, cls, name, aliases_of, same_as, articles
        )
        for k in keys:
            for ref, _ in members[k]:
                key_of[ref] = entity_key
    return Resolution(entities, key_of)
