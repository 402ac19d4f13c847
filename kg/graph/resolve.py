"""Resolution: make every real-world entity one canonical node across all articles.

Rules, applied in order of trust, each recorded with the surface forms it merged:
`gazetteer` (a known id), `gazetteer.alias` (a name the gazetteer knows, found by the model),
`exact` (the same name after folding case, accents and possessives), `name.variant` (the same
name written with other spaces or apostrophes: "Bah N'Daw", "Bah Ndaw"), `name.spelling` (an
organisation's name with a word spelled otherwise: "Organisation"), `text.same-as` (the
text equates two names: "Justice and Development Party (AK Party)"; never a place with an
organisation: "Sunbeam Corp (Canada)"), `acronym` ("the AU" in a story that names the
African Union, or in any story when every story that spells "AU" out agrees),
`short-name` ("Erdogan" -> "Recep Tayyip Erdogan" when that is the only person of that name;
"State Department" -> "US State Department" only where the words it drops name a place the
story is about), `name.structure` ("John Kennedy", "J. Kennedy" -> "John F. Kennedy", the one
person whose given, middle and family names fit), `short-name.fuzzy` ("Shinebaum" next to
"Claudia Sheinbaum" in one story), `fuzzy` (a typo such as "Cavusglu", with guards that keep
two different people apart).
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from kg.model import Entity, Extraction, Mention
from kg.names import NAME_SUFFIXES, ascii_fold, fold, mint, slug
from kg.resources import Ontology

# How much a way of typing a mention is trusted when the mentions of one entity disagree.
_TYPE_WEIGHT = {
    "gazetteer": 10,
    "context.media": 4,
    "weapon.designator": 4,
    "propagated.designator": 3,
    "context.descriptor": 3,
    "name.words": 2,
    "shape.acronym": 1,
    "ner": 1,
}
FUZZY_THRESHOLD = 90.0
FUZZY_MIN_LENGTH = 6
# a word of an organisation's name spelled otherwise: "Organisation", "Organization"
SPELLING_THRESHOLD = 85.0
SPELLING_MIN_LENGTH = 5
# a lone word next to a person's full name in one story, spelled almost like the family name
# ("Shinebaum" beside "Claudia Sheinbaum"): a typo, when the words are long enough
LOCAL_TYPO_THRESHOLD = 85.0
LOCAL_TYPO_MIN_LENGTH = 7
# words an acronym skips: "Organization of Petroleum Exporting Countries" is OPEC
_ACRONYM_SKIPS = frozenset(
    [
        "of",
        "and",
        "the",
        "for",
        "de",
        "du",
        "des",
        "la",
        "le",
        "el",
        "del",
        "da",
        "do",
        "di",
        "on",
        "in",
        "a",
        "an",
        "y",
        "et",
        "und",
        "van",
        "von",
        "der",
    ]
)
# mention rules that say how the mention itself got its identity; other mentions carry the
# rule that joined their name to the entity
_MENTION_RULES = ("metonymy", "gazetteer", "text.same-as", "weapon.")

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


def _kind(cls: str, ontology: Ontology) -> str:
    """The broad kind of a class: a place (countries too), a person, an organisation."""
    if ontology.is_a(cls, ("Place", "Country")):
        return "place"
    if ontology.is_a(cls, ("Person",)):
        return "person"
    if ontology.is_a(cls, ("Organization",)):
        return "organisation"
    return "other"


def is_acronym(name: str) -> bool:
    """ "AU", "PDVSA", "PdVSA", "FmHA": one short word mostly of capitals."""
    letters = name.replace(".", "").replace("&", "")
    return (
        " " not in name
        and 2 <= len(letters) <= 8
        and letters.isalpha()
        and letters[0].isupper()
        and sum(c.isupper() for c in letters) >= max(2, len(letters) - 2)
    )


def initials(name: str) -> frozenset[str]:
    """What an acronym of `name` may be: the first letters of all its words, or of its
    words but "of", "and", "de"... ("Petroleos de Venezuela, S.A." -> PDVSA or PVSA)."""
    words = [w for w in re.split(r"[\s\-/.,]+", ascii_fold(name)) if w[:1].isalnum()]
    every = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if w.casefold() not in _ACRONYM_SKIPS).upper()
    return frozenset({every, content})


def abbreviates(short: str, long: str) -> bool:
    """Can `short` be an abbreviation of `long`? Schwartz & Hearst (2003): each letter of
    the short form appears in the long form in order, the first one at the start of a word
    ("CIS" of "Composite Information Service", "PdVSA" of "Petroleos de Venezuela SA")."""
    s = [c for c in ascii_fold(short).casefold() if c.isalnum()]
    text = ascii_fold(long).casefold()
    if len(s) < 2 or len(s) >= len(text):
        return False
    i = len(text) - 1
    for n in range(len(s) - 1, -1, -1):
        while i >= 0 and (
            text[i] != s[n] or (n == 0 and i > 0 and text[i - 1].isalnum())
        ):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True


def _compact(key: str, kind: str, legal_forms: frozenset[str]) -> str:
    """A name with no spaces: "bah n daw" (Bah N'Daw) and "bah ndaw" are one name; an
    organisation's without the legal form at its end ("General Motors Corp")."""
    words = _name(key).split()
    if kind == "organisation":
        # "s a" (S.A.), "n v" (N.V.): a legal form the fold split into letters
        while len(words) > 2 and (
            words[-1] in legal_forms or "".join(words[-2:]) in legal_forms
        ):
            words = words[:-2] if "".join(words[-2:]) in legal_forms else words[:-1]
    return "".join(words)


def _given_fits(a: str, b: str) -> bool:
    """Two given (or middle) names that may be one: equal, or one is the other's initial."""
    return (
        a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
    )


def _structure_fits(short: list[str], full: list[str]) -> bool:
    """Is `short` the person `full` written with fewer or initialled names? The family
    names agree, the given names agree or one is the other's initial, and every middle name
    of `short` fits a middle name of `full` in order ("John Kennedy", "J. F. Kennedy" ->
    "John F. Kennedy"). A name of one word is no structure ("Kennedy" is a short name)."""
    short = [w for w in short if w not in NAME_SUFFIXES]
    full = [w for w in full if w not in NAME_SUFFIXES]
    if len(short) < 2 or len(short) > len(full) or short == full:
        return False
    if short[-1] != full[-1] or not _given_fits(short[0], full[0]):
        return False
    middle = iter(full[1:-1])
    return all(any(_given_fits(w, m) for m in middle) for w in short[1:-1])


def _key(mention: Mention, article_id: str, ontology: Ontology) -> str:
    """The cluster key of a mention before any rule joins keys: its gazetteer id, or its
    folded name (a lone word that names a person or an organisation: per article)."""
    if mention.gazetteer_id:
        return f"gaz:{mention.gazetteer_id}"
    known = ontology.entry(ontology.names.get(fold(mention.name)))
    if (
        known is not None
        and mention.label not in ("Person",)
        # "cities such as Ghana", "Baghdad BABIL in Arabic" (an outlet, not the
        # province): the text typed the name against the gazetteer's entry
        and (
            mention.rule not in ("context.descriptor", "source-line")
            or known.cls == mention.label
        )
    ):
        return f"gaz:{known.id}"
    key = f"name:{fold(mention.name)}"
    if _generic_body(mention.name, ontology):
        # "the Foreign Ministry" is the ministry of the story's country: one per story
        return f"{key}@{article_id}"
    if len(key.split()) == 1 and (
        mention.label in ("Person", "Organization")
        or (
            is_acronym(mention.name) and ontology.is_a(mention.label, ("Organization",))
        )
    ):
        # a lone surname is resolved per article first: "Trump" next to "Donald Trump" in
        # one story, whatever other Trumps the corpus holds; so is an acronym of any body
        # ("PAN" is the National Action Party in one story, another party in the next)
        key = f"{key}@{article_id}"
    return key


def _generic_body(name: str, ontology: Ontology) -> bool:
    """A body named only by words of titles ("Foreign Ministry", "Defense Ministry", "Air
    Force"; once dropped as part of a title): whose it is, the story says, not the name.
    Not a body whose name has a word of its own ("National Security Council", "Supreme
    Court"): a corpus mostly means one such body."""
    words = [w.casefold().strip(".") for w in name.split()]
    return len(words) > 1 and all(w in ontology.titles.name_words for w in words)


def _join_generic_bodies(
    name_keys: list[str],
    members: dict[str, list[tuple[MentionRef, Mention]]],
    groups: _UnionFind,
    ontology: Ontology,
) -> None:
    """ "the Foreign Ministry" of stories about one country is one body: a generic body
    no longer name took up joins the same name in the other stories whose country (the
    country they name most, when one does) is the same; stories naming no country share
    one such node, as the bare name did before."""
    countries = set(ontology.country_names.values())
    named: dict[str, Counter[str]] = defaultdict(Counter)
    for key, refs in members.items():
        entry_id = key.removeprefix("gaz:")
        if key.startswith("gaz:") and entry_id in countries:
            for (article_id, _), _ in refs:
                named[article_id][entry_id] += 1
    size = Counter(groups.find(k) for k in members)
    by_country: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for key in name_keys:
        if "@" not in key or size[groups.find(key)] > 1:
            continue
        base, article_id = key.split("@", 1)
        if not _generic_body(_name(base), ontology):
            continue
        ranked = named[article_id].most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            continue  # two countries as often: whose body it is stays open
        by_country[(base, ranked[0][0] if ranked else None)].append(key)
    for keys in by_country.values():
        for key in keys[1:]:
            groups.union(keys[0], key, "generic.same-country")


def _declared_over_gazetteer(
    extraction: Extraction, ontology: Ontology
) -> dict[int, int]:
    """ "Singapore National Printers (SNP)": an acronym the story spells out as a name the
    gazetteer does not know means that name here, not the gazetteer's entry for the same
    letters (the Scottish National Party). Inner mention -> outer mention."""
    mentions = extraction.mentions
    found: dict[int, int] = {}
    for a, b in extraction.same_as:
        outer, inner = mentions[a], mentions[b]
        entry = ontology.entry(inner.gazetteer_id)
        # the letters as written: a gazetteer mention's name is the entry's
        letters = inner.text.strip()
        if (
            entry is None
            or outer.gazetteer_id
            or fold(outer.name) in ontology.names
            or not is_acronym(letters)
            or fold(letters) == fold(entry.name)
            or not abbreviates(letters, outer.name)
            # "Scottish Nationalist Party (SNP)": the gazetteer's entry, spelled otherwise
            or fuzz.token_set_ratio(fold(outer.name), fold(entry.name)) >= 80
        ):
            continue
        found[b] = a
    return found


def _same_as_fits(
    outer: tuple[Mention, str], inner: tuple[Mention, str], ontology: Ontology
) -> bool:
    """May the text's "A (B)" make A and B one entity? Both are of one kind (by mention and
    by all the mentions of their names), and two places only when B abbreviates A: the
    brackets after a company or a person often give a place ("Sunbeam Corp (Canada)",
    "Robert Dole (R-Kan.)"). An acronym the model typed wrongly may still abbreviate an
    organisation ("Stand-Off Missile (SOM)", typed as a product)."""
    (ma, cls_a), (mb, cls_b) = outer, inner
    kinds = {_kind(c, ontology) for c in (ma.label, cls_a, mb.label, cls_b)}
    evidence = is_acronym(mb.name) and abbreviates(mb.name, ma.name)
    if len(kinds) == 1:
        return kinds != {"place"} or evidence
    return (
        evidence
        and "place" not in {_kind(ma.label, ontology), _kind(cls_a, ontology)}
        and _kind(cls_b, ontology) != "place"
    )


def resolve_entities(extractions: list[Extraction], ontology: Ontology) -> Resolution:
    """Cluster the mentions of all articles into canonical entities."""
    groups = _UnionFind()
    members: dict[str, list[tuple[MentionRef, Mention]]] = defaultdict(list)
    articles_of: dict[str, set[str]] = defaultdict(set)
    keys_in: dict[str, list[str]] = defaultdict(
        list
    )  # article -> its keys, in text order
    key_for_ref: dict[MentionRef, str] = {}
    mention_of: dict[MentionRef, Mention] = {}
    pending_same_as: list[tuple[MentionRef, MentionRef]] = []
    for extraction in extractions:
        article_id = extraction.article.id
        declared = _declared_over_gazetteer(extraction, ontology)
        mentions = list(extraction.mentions)
        keys = [_key(m, article_id, ontology) for m in mentions]
        # "VXT ... Vxt management": a name the story also writes as its acronym goes with
        # the acronym, which is resolved per story
        local = {
            k.split("@", 1)[0]: k
            for k, m in zip(keys, mentions, strict=True)
            if k.endswith(f"@{article_id}") and is_acronym(m.name)
        }
        keys = [local.get(k, k) for k in keys]
        for inner, outer in declared.items():
            mentions[inner] = replace(
                mentions[inner],
                label=mentions[outer].label,
                gazetteer_id=None,
                rule="text.same-as",
            )
            keys[inner] = keys[outer]
        for i, (mention, key) in enumerate(zip(mentions, keys, strict=True)):
            if not key.removeprefix("gaz:").removeprefix("name:"):
                continue
            groups.find(key)
            key_for_ref[(article_id, i)] = key
            mention_of[(article_id, i)] = mention
            members[key].append(((article_id, i), mention))
            if article_id not in articles_of[key]:
                articles_of[key].add(article_id)
                keys_in[article_id].append(key)
        pending_same_as += [
            ((article_id, a), (article_id, b))
            for a, b in extraction.same_as
            if b not in declared
        ]
    name_keys = sorted(k for k in members if k.startswith("name:"))
    cls_of = {k: _vote((m for _, m in members[k]), ontology) for k in members}
    gazetteer_in: dict[str, set[str]] = defaultdict(set)  # article -> gazetteer ids
    for key in members:
        if key.startswith("gaz:"):
            for article_id in articles_of[key]:
                gazetteer_in[article_id].add(key.removeprefix("gaz:"))
    # the same name written with other spaces or apostrophes ("Bah N'Daw", "Bah Ndaw";
    # "Air U.K.", "Air UK"): one entity of one kind, kept under the form seen most
    by_compact: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in name_keys:
        if "@" not in key and len(_name(key).split()) > 1:
            kind = _kind(cls_of[key], ontology)
            by_compact[(_compact(key, kind, ontology.lex.legal_forms), kind)].append(
                key
            )
    for keys in by_compact.values():
        if len(keys) > 1:
            keep = max(keys, key=lambda k: (len(members[k]), -len(k), k))
            for key in keys:
                groups.union(keep, key, "name.variant")
    _resolve_spellings(name_keys, members, articles_of, groups, cls_of, ontology)
    # "A (B)": the text equates two names
    for ref_a, ref_b in pending_same_as:
        ka, kb = key_for_ref.get(ref_a), key_for_ref.get(ref_b)
        if not ka or not kb:
            continue
        if not _same_as_fits(
            (mention_of[ref_a], cls_of[ka]), (mention_of[ref_b], cls_of[kb]), ontology
        ):
            continue
        longer, shorter = (ka, kb) if len(ka) >= len(kb) else (kb, ka)
        if shorter.startswith("gaz:"):
            longer, shorter = shorter, longer
        groups.union(longer, shorter, "text.same-as")
    _resolve_acronyms(members, keys_in, groups, cls_of, ontology)
    person_votes = _resolve_people(
        name_keys, members, articles_of, groups, cls_of, ontology
    )
    _resolve_organisations(
        name_keys, articles_of, gazetteer_in, groups, cls_of, ontology
    )
    _join_generic_bodies(name_keys, members, groups, ontology)
    persons = [k for k in name_keys if cls_of[k] == "Person"]
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
    return _entities(members, groups, person_votes, ontology)


def _spelling_variants(a: str, b: str, ontology: Ontology) -> bool:
    """Two words that are one word spelled otherwise ("organisation", "organization";
    "agreement", "agreements"): long, with one first letter, nearly the same letters, and
    neither a place's name ("Boston" is no spelling of "Bolton")."""
    return (
        min(len(a), len(b)) >= SPELLING_MIN_LENGTH
        and a[0] == b[0]
        and fuzz.ratio(a, b) >= SPELLING_THRESHOLD
        and not any(_place_words([w], ontology) for w in (a, b))
    )


def _resolve_spellings(
    name_keys: list[str],
    members: dict[str, list[tuple[MentionRef, Mention]]],
    articles_of: dict[str, set[str]],
    groups: _UnionFind,
    cls_of: dict[str, str],
    ontology: Ontology,
) -> None:
    """ "International Coffee Organisation", "International Coffee Organization": names of
    three words or more of organisations in different stories, the same but for one word
    spelled otherwise, are one organisation; never two names one story writes side by side,
    nor names that differ by a place ("First National Bank of Chicago", "... of Boston")."""
    # names by their words with one left out: a look-up, not a scan of all pairs
    blocks: dict[tuple[int, tuple[str, ...]], list[str]] = defaultdict(list)
    for key in name_keys:
        words = _name(key).split()
        if (
            "@" not in key
            and len(words) >= 3
            and _kind(cls_of[key], ontology) == "organisation"
        ):
            for j in range(len(words)):
                blocks[(j, (*words[:j], *words[j + 1 :]))].append(key)
    for (j, _), keys in sorted(blocks.items()):
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                x, y = _name(a).split()[j], _name(b).split()[j]
                if (
                    groups.find(a) == groups.find(b)
                    or articles_of[a] & articles_of[b]
                    or not _spelling_variants(x, y, ontology)
                ):
                    continue
                keep, other = sorted(
                    (a, b), key=lambda k: (-len(members[k]), -len(articles_of[k]), k)
                )
                groups.union(keep, other, "name.spelling")


def _resolve_acronyms(
    members: dict[str, list[tuple[MentionRef, Mention]]],
    keys_in: dict[str, list[str]],
    groups: _UnionFind,
    cls_of: dict[str, str],
    ontology: Ontology,
) -> None:
    """ "the AU" in a story that names the African Union joins it; a lone acronym elsewhere
    joins the one name that the stories spelling it out agree on, or, where none does, the
    same acronym in other stories; never where two names compete."""
    acronyms = sorted(
        k
        for k in members
        if k.startswith("name:")
        and _kind(cls_of[k], ontology) in ("organisation", "other")
        and any(is_acronym(m.name) for _, m in members[k])
    )
    if not acronyms:
        return
    size = Counter(groups.find(k) for k in members)
    alone = {k for k in acronyms if size[groups.find(k)] == 1}
    # names in each story an acronym may stand for: organisations, and gazetteer entries
    spelled: dict[str, dict[str, set[str]]] = {}
    for key in sorted(alone):
        letters = _name(key).replace(" ", "").upper()
        candidates: set[str] = set()
        for article_id in sorted({ref[0] for ref, _ in members[key]}):
            if article_id not in spelled:
                spelled[article_id] = defaultdict(set)
                for other in keys_in[article_id]:
                    if other in alone or _kind(cls_of[other], ontology) not in (
                        "organisation",
                        "other",
                    ):
                        continue
                    names = {m.name for r, m in members[other] if r[0] == article_id}
                    entry = ontology.entry(other.removeprefix("gaz:"))
                    if other.startswith("gaz:") and entry is not None:
                        names |= {entry.name, *entry.aliases}
                    for name in names:
                        # "EC Commission" spells out no "EC": it uses it
                        if len(name.split()) > 1 and not any(
                            is_acronym(w) for w in name.split()
                        ):
                            for form in initials(name):
                                spelled[article_id][form].add(other)
            candidates |= spelled[article_id].get(letters, set())
        roots = {groups.find(c) for c in candidates}
        if len(roots) == 1:
            groups.union(min(candidates), key, "acronym")
    # lone acronyms of other stories: the one name the others stand for, or each other
    by_letters: dict[str, list[str]] = defaultdict(list)
    for key in acronyms:
        by_letters[_name(key).split("@")[0]].append(key)
    size = Counter(groups.find(k) for k in members)
    for keys in by_letters.values():
        lonely = [k for k in keys if size[groups.find(k)] == 1]
        if not lonely:
            continue
        spelled_out = sorted({groups.find(k) for k in keys if size[groups.find(k)] > 1})
        if len(spelled_out) == 1:
            for key in lonely:
                groups.union(spelled_out[0], key, "acronym")
        else:
            # none spelled out, or several bodies compete for the letters: the bare
            # acronyms are one node of their own
            for key in lonely[1:]:
                groups.union(lonely[0], key, "exact")


def _resolve_people(
    name_keys: list[str],
    members: dict[str, list[tuple[MentionRef, Mention]]],
    articles_of: dict[str, set[str]],
    groups: _UnionFind,
    cls_of: dict[str, str],
    ontology: Ontology,
) -> set[str]:
    """Short names, names written with fewer or initialled names, and lone surnames; returns
    the keys the model typed as organisations that joined a person (they vote Person)."""
    lex = ontology.lexicon
    org_words = ontology.lex.legal_forms | {
        w
        for words in ("org_name_words", "org_company_words", "org_government_words")
        for w in lex[words]
    }
    persons = [k for k in name_keys if cls_of[k] == "Person"]
    # a lone surname the model took for an organisation ("Cavusoglu's statement") is a person
    # when exactly one person has that surname
    # ... unless a story of it names an organisation that ends with the word ("Ruritania
    # Power and Light ..., said Light spokesman X": the company, not a Hal Light)
    org_endings = {
        (article_id, _name(k).split()[-1])
        for k in name_keys
        if ontology.is_a(cls_of[k], ("Organization",)) and len(_name(k).split()) > 1
        for article_id in articles_of[k]
    }
    surnames = [
        k
        for k in name_keys
        if cls_of[k] == "Organization"
        and len(_name(k).split()) == 1
        and not any(m.name.isupper() for _, m in members[k])
        and not any((a, _name(k)) in org_endings for a in articles_of[k])
    ]
    # a lone name the model took for a place (GPE), in stories that name a person of that
    # surname ("Prime Minister Sheikh Rahima ... Rahima and her aides fled to"): only where the
    # model alone said so (no gazetteer entry, no descriptor such as "the town of X")
    strays = [
        k
        for k in name_keys
        if cls_of[k] == "Place"
        and len(_name(k).split()) == 1
        and all(m.rule == "ner" and not m.name.isupper() for _, m in members[k])
    ]
    person_votes: set[str] = set()

    def plain(key: str) -> bool:
        """A person's name with no word of a company's ("Buckhorn Inc", "Getty Oil")."""
        return not set(_name(key).split()) & org_words

    # "John Kennedy", "J. F. Kennedy" -> "John F. Kennedy": the one fuller name of a person
    # whose names fit, never one that a story writes beside it (two people)
    by_family: dict[str, list[str]] = defaultdict(list)
    for key in persons:
        words = _name(key).split()
        if len(words) > 1:
            by_family[words[-1]].append(key)
    for key in persons:
        words = _name(key).split()
        if len(words) < 2:
            continue
        fuller = [
            o
            for o in by_family[words[-1]]
            if o != key
            and _structure_fits(words, _name(o).split())
            and (len(_name(o).split()), len(_name(o))) > (len(words), len(_name(key)))
        ]
        if not fuller or any(articles_of[o] & articles_of[key] for o in fuller):
            continue
        if len({groups.find(o) for o in fuller}) == 1:
            groups.union(fuller[0], key, "name.structure")
    # short names: "Erdogan" or "Tayyip Erdogan" -> the one longer name that ends with them,
    # preferring a name in the same article
    unresolved: dict[str, list[str]] = defaultdict(list)
    # persons by each proper suffix of their name's words (in `persons` order), so that
    # finding the longer names ending with a name is a look-up, not a scan of all persons
    ending_with: dict[tuple[str, ...], list[str]] = defaultdict(list)
    # ... and by each proper prefix: "Xi" for "Xi Jinping", family name first
    starting_with: dict[tuple[str, ...], list[str]] = defaultdict(list)
    # ... and the family names of the persons of each article
    families_in: dict[str, list[str]] = defaultdict(list)
    for other in persons:
        words = tuple(_name(other).split())
        for n in range(1, len(words)):
            ending_with[words[-n:]].append(other)
            starting_with[words[:n]].append(other)
        if len(words) > 1:
            for article_id in sorted(articles_of[other]):
                families_in[article_id].append(other)
    for key in persons + surnames:
        tokens = _name(key).split()
        longer = [other for other in ending_with.get(tuple(tokens), ()) if other != key]
        local = [o for o in longer if articles_of[o] & articles_of[key]]
        for pool in (local, longer):
            roots = {groups.find(o) for o in pool}
            if len(roots) == 1:
                groups.union(pool[0], key, "short-name")
                if cls_of[key] != "Person" and plain(pool[0]):
                    person_votes.add(key)
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
                if cls_of[key] != "Person" and plain(first[0]):
                    person_votes.add(key)
                continue
            typo = (
                _local_typo(key, families_in, articles_of, groups)
                if not longer
                else None
            )
            if typo is not None:
                groups.union(typo, key, "short-name.fuzzy")
                if cls_of[key] != "Person" and plain(typo):
                    person_votes.add(key)
            else:
                unresolved[_name(key)].append(key)
    for key in strays:
        # the one person of that surname in every story of the name, and no other reading
        word = _name(key)
        holders = [
            o
            for o in persons
            if _name(o).split()[-1] == word
            and articles_of[key] <= articles_of[o]
            # written in full somewhere ("Sheikh Rahima"), not a lone word the model
            # also took for a person ("Vexland's economy")
            and any(len(m.text.split()) > 1 for _, m in members[o])
        ]
        if len({groups.find(o) for o in holders}) == 1 and plain(holders[0]):
            groups.union(holders[0], key, "short-name")
            person_votes.add(key)
    named: dict[str, list[str]] = defaultdict(list)
    for k in persons + surnames:
        named[_name(k)].append(k)
    for name, keys in unresolved.items():
        alone = set(keys)
        resolved = {groups.find(k) for k in named[name] if k not in alone}
        target = next(iter(resolved)) if len(resolved) == 1 else keys[0]
        for key in keys:
            groups.union(target, key, "short-name" if resolved else "exact")
    return person_votes


def _local_typo(
    key: str,
    families_in: dict[str, list[str]],
    articles_of: dict[str, set[str]],
    groups: _UnionFind,
) -> str | None:
    """ "Shinebaum" in a story about "Claudia Sheinbaum": a lone word (a person's or an
    unknown organisation's) spelled almost like the family name of exactly one person of
    the same story, both long and with the same first letter, is that person."""
    words = _name(key).split()
    if len(words) != 1 or len(words[0]) < LOCAL_TYPO_MIN_LENGTH:
        return None
    word = words[0]
    found = [
        other
        for article_id in sorted(articles_of[key])
        for other in families_in.get(article_id, ())
        if (family := _name(other).split()[-1])[0] == word[0]
        and len(family) >= LOCAL_TYPO_MIN_LENGTH
        and fuzz.ratio(word, family) >= LOCAL_TYPO_THRESHOLD
    ]
    if len({groups.find(o) for o in found}) != 1:
        return None
    return found[0]


def _place_words(words: list[str], ontology: Ontology) -> str | None:
    """The gazetteer id of the country or place that `words` name ("us", "dutch", "new
    zealand", "southern california"), if they name one."""
    if len(words) > 1 and ontology.places.compass(words[0]):
        words = words[1:]
    name = " ".join(words)
    if name in ontology.country_names:
        return ontology.country_names[name]
    entry = ontology.entry(ontology.names.get(name))
    if entry is not None and _kind(entry.cls, ontology) == "place":
        return entry.id
    return None


def _resolve_organisations(
    name_keys: list[str],
    articles_of: dict[str, set[str]],
    gazetteer_in: dict[str, set[str]],
    groups: _UnionFind,
    cls_of: dict[str, str],
    ontology: Ontology,
) -> None:
    """ "State Department" -> "US State Department", "the Futures Exchange" -> "New Zealand
    Futures Exchange": the one longer organisation name ending with a name, when the words
    it adds name a place (or are initials: "S.G. Warburg Securities") and every story of
    the short name names that place (a one-word short name, "Brightwater" of
    "Northern Ontario Brightwater", only in the stories of the longer name), or are the kind of body
    ("Undersecretariat for") in stories about the same country. Never when the added
    words are another name ("Bank of New York" is not "Chemical Bank of New York") nor
    when the short name starts with a place ("Virginia Power" is not "West Virginia
    Power")."""
    orgs = [k for k in name_keys if ontology.is_a(cls_of[k], ("Organization",))]
    lex = ontology.lexicon
    generic = _ACRONYM_SKIPS | {
        w for words in ("org_name_words", "org_state_words") for w in lex[words]
    }
    country_ids = set(ontology.country_names.values())
    singular = {o: _singular(_name(o)) for o in orgs}
    org_ending_with: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for o in orgs:
        words = tuple(singular[o].split())
        for n in range(1, len(words)):
            org_ending_with[words[-n:]].append(o)
    for key in orgs:
        tokens = singular[key].split()
        if not tokens or any(
            _place_words(tokens[:n], ontology) for n in range(1, min(len(tokens), 4))
        ):
            continue
        # one word ("Brightwater" of "Northern Ontario Brightwater") only after a place, in
        # stories of the longer name, and never a word any body's name may hold
        alone = len(tokens) == 1
        if alone and tokens[0] in generic:
            continue
        suffix = " " + " ".join(tokens)
        longer = [
            o
            for o in org_ending_with.get(tuple(tokens), ())
            if o != key and singular[o].endswith(suffix)
        ]
        if len({groups.find(o) for o in longer}) != 1:
            continue
        added = singular[longer[0]].split()[: -len(tokens)]
        place = _place_words(added, ontology)
        if alone:
            fits = place is not None and articles_of[key] <= articles_of[longer[0]]
        elif place is not None:
            fits = all(
                place in gazetteer_in[a] or a in articles_of[longer[0]]
                for a in articles_of[key]
            )
        elif all(len(w) == 1 for w in added):
            fits = True  # initials: "S.G. Warburg Securities"
        else:
            # "Undersecretariat for Defense Industries", "Turkey's Defense Industry": the
            # body of a field, where each story of the short name is about a country that
            # a story of the long name names too
            countries = {
                c
                for a in articles_of[longer[0]]
                for c in gazetteer_in[a]
                if c in country_ids
            }
            fits = (
                all(w in generic for w in added)
                and not all(w in _ACRONYM_SKIPS for w in added)
                and all(gazetteer_in[a] & countries for a in articles_of[key])
            )
        if fits:
            groups.union(longer[0], key, "short-name")


def _entities(
    members: dict[str, list[tuple[MentionRef, Mention]]],
    groups: _UnionFind,
    person_votes: set[str],
    ontology: Ontology,
) -> Resolution:
    """One entity for each cluster of keys: the gazetteer's name and class where a key is
    the gazetteer's, else the class its mentions vote for and the fullest name."""
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
            # a surname the model took for an organisation votes for the person it names
            votes = [
                replace(m, label="Person") if k in person_votes else m
                for k in keys
                for _, m in members[k]
            ]
            cls, name, same_as = _vote(votes, ontology), _display_name(mentions), ()
        entity_key = mint(entry.id if entry is not None else name)
        if entity_key in taken:
            entity_key = f"{entity_key}-{slug(cls)}"
        # a third of one name and class ("the Foreign Ministry" of three countries)
        base, n = entity_key, 2
        while entity_key in taken:
            entity_key, n = f"{base}-{n}", n + 1
        taken.add(entity_key)
        forms: dict[str, str] = {}
        for k in keys:
            rule = "gazetteer" if k.startswith("gaz:") else groups.rule.get(k, "exact")
            for _, m in members[k]:
                form = " ".join(m.text.split())
                form_rule = m.rule if m.rule.startswith(_MENTION_RULES) else rule
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
