"""Roles: job titles and what they say about a person.

"Turkish Foreign Minister Mevlut Cavusoglu", "Ismail Demir, Turkish undersecretary for the
Undersecretariat for Defense Industries", "Ali Amin Gandapur, who is the chief minister of
Khyber Pakhtunkhwa" all give a role (hasRole) and affiliations: a country the person is an
official of (officialOf; leaderOf for heads of state), an organisation they work for or lead,
a person they serve. Titles and their meaning are data (ontology/roles.json).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span, Token

from kg.names import ORDINAL_FIGURES, fold
from kg.nlp.syntax import (
    DocContext,
    class_antecedent,
    one_of,
    resolve,
    short_name_in_brackets,
)
from kg.resources import Ontology, Titles

AFFILIATION = ("Agent", "Region")
# rules that read a person's role from around their name; a country they give gives way to
# the one the person's own titles name
INFERRED = (
    "role.shared-country",
    "role.counterpart",
    "role.anaphor",
    "role.held-title",
    "role.article-country",
)
COUNTERPART = "counterpart"  # a title read from the possessor's: "his counterpart X"
ANAPHOR = "anaphor"  # a title read from an earlier unnamed holder: "the spokesman X"
BARE = "bare-title"  # a national office held for no one named: "Finance Minister X"
_CONNECTORS = {"of", "for", "to", "in", "at", "'s", "’s", "-", "and"}

RoleFact = tuple[int, str, int | None, str | None, Token, str, float]


def _word(token: Token, titles: Titles) -> str:
    lower = token.lower_.rstrip(".")
    if _counted(token):
        lower = token.lemma_.lower()  # "one of the secretaries": one secretary
    return (
        titles.abbreviations.get(lower, token.text).lower()
        if lower in titles.abbreviations
        else lower
    )


def _counted(token: Token) -> bool:
    """A plural title "one" counts from ("one of the secretaries of X"): one holds it."""
    return token.tag_ == "NNS" and one_of(token) is not None


def _find_head(words: list[str], titles: Titles) -> str | None:
    """The longest known title that ends the title words: "chief technology officer" is an
    officer, not a chief; "Bundesbank President" is a president."""
    text = " ".join(w for w in words if w not in titles.former).replace(" - ", "-")
    best = None
    for key in titles.heads:
        if (text == key or text.endswith(" " + key)) and (
            best is None or len(key) > len(best)
        ):
            best = key
    return best


@dataclass(frozen=True, slots=True)
class _Title:
    text: str
    head: str
    former: bool
    tokens: tuple[Token, ...]
    # narrowed to a body or a field: "army chief", "opposition leader"
    scoped: bool = False
    # held for what its of-phrase names: "the Director of X", not "a director of X"
    of_lead: bool = False
    # not yet held: "incoming Prime Minister", "president-elect" (future in roles.json)
    future: bool = False


def _future_words(ctx: DocContext) -> frozenset[str]:
    """Words that make a title one not yet held (roles.json "future")."""
    return frozenset(w.lower() for w in ctx.ontology.roles.get("future", ()))


def _title_from_tokens(
    tokens: list[Token], titles: Titles, future: frozenset[str] = frozenset()
) -> _Title | None:
    words = [_word(t, titles) for t in tokens]
    # "president-elect": the office is the president's, the tense the title's
    core = [w for w in words if w not in future]
    while core and core[-1] == "-":
        core = core[:-1]
    head = _find_head(core, titles)
    if head is None:
        return None
    former = any(w in titles.former for w in words)
    shown = [
        t.lemma_  # "one of the secretaries": a secretary
        if _counted(t)
        else titles.abbreviations.get(t.lower_.rstrip("."), t.text)
        for t in tokens
        if _word(t, titles) not in titles.former and t.text != "-"
    ]
    text = " ".join(shown).replace(" - ", "-").strip()
    if former:
        text = f"former {text}"
    return _Title(
        text, head, former, tuple(tokens), future=len(core) < len(words) and not former
    )


def _split_rank(
    title: _Title, titles: Titles, future: frozenset[str] = frozenset()
) -> list[_Title]:
    """ "Army Chief General X", "Defence Minister Lieutenant General X": a post and a rank
    written together are two titles (a rank is a title of its own: rank in roles.json)."""
    if not titles.heads[title.head].get("rank"):
        return [title]
    tokens = [t for t in title.tokens if _word(t, titles) not in titles.former]
    for k in range(1, len(tokens)):
        rank, post = tokens[k:], tokens[:k]
        if " ".join(_word(t, titles) for t in rank) != title.head:
            continue
        if post[-1].lower_ in _CONNECTORS:
            return [title]
        first = _title_from_tokens(
            list(title.tokens[: len(title.tokens) - len(rank)]), titles, future
        )
        second = _title_from_tokens(rank, titles, future)
        if first is None or second is None:
            return [title]
        return [first, second]
    return [title]


def _leads(title: _Title, titles: Titles, ctx: DocContext) -> tuple[bool, bool]:
    """Whether a title heads the country and the organisation it is held for: "Prime
    Minister" does, "Deputy Prime Minister" does not (a subordinate word of roles.json),
    nor do "army chief", "foreign policy chief" or "opposition leader", who lead a body, a
    field or a camp of their country or organisation (words besides the head that are not
    mere qualifiers such as "interim"); "the Director of the FBI" heads the FBI (leads_of:
    a title that heads what its of-phrase names)."""
    info = titles.heads[title.head]
    if not info.get("leader") and not (title.of_lead and info.get("leads_of")):
        return False, False
    words = [
        w
        for w in title.text.lower().replace("-", " ").split()
        if w not in titles.former
    ]
    if set(words) & set(ctx.ontology.roles.get("subordinate", ())):
        return False, False
    qualifiers = set(ctx.ontology.roles.get("qualifiers", ()))
    head = title.head.replace("-", " ").split()
    rest = words[: len(words) - len(head)] if words[-len(head) :] == head else words
    leads = not title.scoped and all(w in qualifiers for w in rest)
    return leads and bool(info.get("leader")), leads


def _class_noun(token: Token, ctx: DocContext) -> bool:
    """ "party" in "Morena party": a word for its class after a name."""
    classes = ctx.lex.anaphor_nouns.get(token.lower_)
    owner = ctx.mention_at(token.nbor(-1)) if token.i > 0 else None
    return (
        bool(classes)
        and owner is not None
        and ctx.ontology.is_a(ctx.cls(owner), tuple(classes))
    )


def _title_modifier(token: Token, last_before: int) -> bool:
    """ "floor" in "SDP floor leader X", "diplomatic" in "Interfax diplomatic correspondent
    Y": a lower-case word that describes the title it stands before, between the
    organisation and the title (no participle: "the Kremlin-backed militia leader")."""
    return (
        token.is_lower
        and token.is_alpha
        and token.i < last_before
        and token.pos_ in ("NOUN", "ADJ")
        and token.tag_ not in ("VBN", "VBD", "VBG")
        and token.dep_ in ("compound", "amod", "nmod")
        and token.i < token.head.i <= last_before
        and token.nbor(-1).text != "-"
    )


@cache
def _portfolio_words(ontology: Ontology) -> tuple[frozenset[str], frozenset[str]]:
    """roles.json's sector words and the portfolio words a sector may come before, read
    once per ontology (the title reader asks for every word before a name)."""
    roles = ontology.roles
    return frozenset(roles.get("portfolio_sectors", ())), frozenset(
        roles.get("portfolio_heads", ())
    ) | frozenset(roles.get("portfolio_bodies", ()))


def _sector_word(
    token: Token, following: list[Token], ctx: DocContext, titles: Titles
) -> bool:
    """ "oil" in "oil minister X", "mining" in "the mining and energy minister": a sector
    word (roles.json portfolio_sectors) is part of a title when the title words after it
    name a portfolio ("minister", "secretary", "ministry"); "oil company president X" is
    a president."""
    sectors, heads = _portfolio_words(ctx.ontology)
    if token.lower_ not in sectors:
        return False
    # the first word after the sectors and their "and" ("coal and steel minister")
    word = next(
        (
            _word(t, titles)
            for t in following
            if t.lower_ not in sectors and t.lower_ not in ("and", "-")
        ),
        None,
    )
    return word in heads


def _acronyms(ctx: DocContext) -> dict[str, int]:
    """Short names the article gives organisations: "the National Intelligence Service
    (SEBIN)" makes a later "SEBIN" that organisation (computed once)."""
    if "role_acronyms" not in ctx.cache:
        found: dict[str, int] = {}
        doc = ctx.doc
        for token in doc[2:-1]:
            owner = ctx.mention_at(token.nbor(-2))
            if (
                token.nbor(-1).text == "("
                and token.nbor(1).text == ")"
                and token.is_upper
                and token.is_alpha
                and len(token) >= 2
                and ctx.mention_at(token) is None
                and owner is not None
                and ctx.ontology.is_a(ctx.cls(owner), ("Organization",))
            ):
                found.setdefault(token.text, owner)
        ctx.cache["role_acronyms"] = found
    return ctx.cache["role_acronyms"]


def _expansion(doc, close: int, ctx: DocContext) -> int | None:
    """Where the brackets that end at `close` open, when they hold just the name of an
    organisation and follow one ("CHP (Republican People's Party)")."""
    opening = next(
        (j for j in range(close - 1, max(0, close - 8) - 1, -1) if doc[j].text == "("),
        None,
    )
    if opening is None or opening == 0 or opening + 1 == close:
        return None
    inside = {ctx.mention_at(t) for t in doc[opening + 1 : close]}
    before = ctx.mention_at(doc[opening - 1])
    if before is None or not ctx.ontology.is_a(ctx.cls(before), ("Organization",)):
        return None
    if inside == {None}:
        # "MHP (Nationalist Action Party)": a full name the model did not read, in
        # capitals but for its small words, after a short name the article knows
        words = doc[opening + 1 : close]
        named = all(
            t.is_title or t.is_upper or t.lower_ in ("of", "for", "and", "the", "'s")
            for t in words
        )
        return opening if named and words[0].is_title and len(words) > 1 else None
    if len(inside) != 1 or None in inside:
        return None
    (index,) = inside
    if not ctx.ontology.is_a(ctx.cls(index), ("Organization",)):
        return None
    return opening


def _premodifier_title(
    span: Span, ctx: DocContext, titles: Titles
) -> tuple[_Title, list[int], list[int]] | None:
    """Title and affiliations written before a name: "Russia's Rosoboronexport Director
    General Alexander Mikheev", "Russian ambassador to Turkey Andrei Karlov"."""
    doc = span.doc
    sent_start = span.sent.start
    acronyms = _acronyms(ctx)

    # "Jordan's King Abdullah": the model's name may hold the title (an honorific of the
    # lexicon that is a title too); the title is then read as if written before it
    name_start = span.start
    while (
        name_start < span.end - 1
        and (doc[name_start].is_title or doc[name_start].text.endswith("."))
        and _word(doc[name_start], titles) in titles.words
    ):
        name_start += 1  # "Crown Prince Mohammed bin Salman"
    inside = doc[span.start : name_start]
    if (
        not any(t.lower_.rstrip(".") in ctx.lex.honorifics for t in inside)
        or _find_head([_word(t, titles) for t in inside], titles) is None
    ):
        # no honorific: the words are the name's ("Major Taylor"); no title of its own:
        # "Saudi Foreign Minister Prince Faisal" is the minister, "Prince" his style
        name_start = span.start

    def at(token: Token) -> int | None:
        if span.start <= token.i < name_start:
            return None  # the title inside the name is no mention of its own
        index = ctx.mention_at(token)
        return acronyms.get(token.text) if index is None else index

    i = name_start - 1
    # a rank right before the name ("Lt.", its full stop perhaps a token of its own): after
    # a title it goes with the name ("Coast Guard spokesman Lt. Pat Philbin"), alone it is
    # the title ("Coast Guard Lt. Steve Hardy")
    rank = i - 1 if i > sent_start and doc[i].text == "." else i
    word = doc[rank].lower_.rstrip(".")
    if (
        rank > sent_start
        and (rank < i or doc[rank].text.endswith("."))
        and (word in ctx.lex.honorifics or word in titles.abbreviations)
    ):
        i = rank - 1 if _word(doc[rank - 1], titles) in titles.words else rank
    last_before = i
    window: list[Token] = []
    while i >= sent_start:
        token = doc[i]
        index = at(token)
        if index is not None and ctx.cls(index) == "Person":
            break
        if token.text == ")" and (inner := _expansion(doc, i, ctx)) is not None:
            # "PAN (National Action Party) candidate X": the name an organisation's
            # short name stands for, in brackets
            window[:0] = list(doc[inner : i + 1])
            i = inner - 1
            continue
        if (
            token.text == ")"
            and i - 2 >= sent_start
            and short_name_in_brackets(doc, i - 2)
        ):
            i -= 3  # "Labor Party (PT) candidate X": the short name adds nothing
            continue
        if (
            _word(token, titles) in titles.words
            or token.lower_ in _CONNECTORS
            or index is not None
            or (token.is_title and token.pos_ in ("PROPN", "NOUN", "ADJ"))
            or _class_noun(token, ctx)
            or _title_modifier(token, last_before)
            or _sector_word(token, window, ctx, titles)
        ):
            window.insert(0, token)
            i -= 1
            continue
        break
    # the title is the last run before the name that ends in a title word; capitalised words
    # inside it belong to it ("Petroleum and Natural Gas Minister")
    heads = [t for t in window if at(t) is None and _word(t, titles) in titles.words]
    if not heads or not window or window[-1].i != last_before:
        return None
    before_name = window[-1]
    if before_name.lower_ in _CONNECTORS and before_name.text != "-":
        return None  # "adviser to Putin": the title is someone else's
    last = heads[-1]
    run: list[Token] = [last]
    for token in reversed([t for t in window if t.i < last.i]):
        if at(token) is not None:
            # "US Treasury Secretary": the portfolio word is both the body and the title
            index = at(token)
            if (
                _word(token, titles) in titles.words
                and token.is_title
                and ctx.cls(index) == "GovernmentBody"
            ):
                run.insert(0, token)
                continue
            break
        if (
            _word(token, titles) in titles.words
            or token.is_title
            or token.lower_ in ("and", "of", "-")
            or _sector_word(token, run, ctx, titles)
        ):
            run.insert(0, token)
            continue
        break
    if any(at(t) is not None for t in window if last.i < t.i) and not any(
        t.lower_ in _CONNECTORS for t in window if last.i < t.i
    ):
        return None  # "Minister Cavusoglu's aide X": the title belongs to someone else
    while run and run[0].lower_ in ("of", "-", "and"):
        run = run[1:]
    # "Current and outgoing President": qualifiers joined by "and" qualify the title
    joined = next((k for k, t in enumerate(run) if t.lower_ == "and"), None)
    if joined is not None and all(
        t.lower_ in ctx.ontology.roles.get("qualifiers", ()) for t in run[:joined]
    ):
        run = run[joined + 1 :]
    title = _title_from_tokens(run, titles, _future_words(ctx))
    if title is None:
        return None
    head_info = titles.heads[title.head]
    host_preps = set(head_info.get("host_preps", ()))  # type: ignore[arg-type]
    affiliations: list[int] = []
    hosts: list[int] = []
    before = [t for t in window if t.i < run[0].i]
    after = [t for t in window if t.i > run[-1].i]
    tense = [_word(t, titles) for t in before if at(t) is None]
    if not title.former and any(w in titles.former for w in tense):
        # "the former Danish prime minister X": the tense is written before the country
        title = replace(title, text=f"former {title.text}", former=True, future=False)
    elif not title.future and (coming := [w for w in tense if w in _future_words(ctx)]):
        title = replace(title, text=f"{coming[0]} {title.text}", future=True)
    for token in reversed(before):
        index = at(token)
        if index is not None and index not in affiliations:
            if any(
                _title_modifier(t, last_before) for t in before if t.i > token.i
            ) and not ctx.ontology.is_a(ctx.cls(index), ("Organization",)):
                # "Russian opposition leader X", "Syrian rebel commander Y": a country
                # before a described title is no employer ("Acme union leader" is)
                break
            affiliations.append(index)
            break  # the nearest: "Russia's Rosoboronexport Director" works for Rosoboronexport
    owner = run[0].i - 1
    possessor = owner
    while (
        possessor > sent_start
        and doc[possessor].is_lower
        and doc[possessor].dep_ in ("compound", "amod")
        and doc[possessor].head in run
    ):
        possessor -= 1  # "the fleet's duty officer X": the possessor of the whole title
    if doc[possessor].lower_ in ("'s", "’s"):
        owner = possessor
    holder = at(doc[owner - 1]) if owner > sent_start else None
    if (
        not affiliations
        and doc[owner].lower_ in ("'s", "’s")
        and holder is not None
        and ctx.cls(holder) == "Person"
    ):
        # "Putin's spokesman Dmitry Peskov": the person whose title it is, as in
        # "Dmitry Peskov, Putin's spokesman" (the window stops at a person's name, so
        # the possessor is read here; _facts gives the head's person_relation)
        affiliations.append(holder)
    if not affiliations and owner >= sent_start and doc[owner].is_lower:
        if doc[owner].lower_ in ("'s", "’s") and owner > sent_start:
            # "said the company's spokesman Tom Ruiz": a description of an
            # organisation named before ("the company", "the agency")
            described = resolve(doc[owner - 1], ctx, ("Organization",))
        else:
            # "said company spokesman Tom Ruiz": the bare class noun
            described = class_antecedent(doc[owner], ctx, ("Organization",))
        affiliations += described if len(described) == 1 else []
    if head_info.get("host_before") and not any(t.lower_ in host_preps for t in after):
        # "Syria envoy Joel Rayburn": a bare country name before an envoy is ambiguous
        affiliations = [
            a
            for a in affiliations
            if ctx.mentions[a].rule != "gazetteer"
            or doc[run[0].i - 1].lower_ in ("'s", "’s")
        ]
    if affiliations and ctx.cls(affiliations[0]) == "GovernmentBody":
        # "Russian foreign ministry spokeswoman": an official of the body's country too
        countries = [
            i for t in before if (i := at(t)) is not None and ctx.cls(i) == "Country"
        ]
        affiliations += countries[-1:]
    prep = None
    for token in after:
        if token.lower_ in _CONNECTORS:
            prep = token.lower_
            continue
        index = at(token)
        if index is not None:
            (hosts if prep in host_preps else affiliations).append(index)
    return title, [a for a in dict.fromkeys(affiliations) if a not in hosts], hosts


def _start_of(index: int, ctx: DocContext) -> int:
    """The first token of a mention (a demonym inside it is a mention of its own)."""
    mention = ctx.mentions[index]
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.start if span is not None else 0


def _of_title_before(
    span: Span, ctx: DocContext, titles: Titles
) -> tuple[_Title, list[int]] | None:
    """ "the head of the National Intelligence Service (NIS) Jane Doe", "Commander of
    Ruritania's Border Guard John Roe", "spokesman for the Interior Ministry John Doe": a
    title with an of- or for-phrase written before a name, with no comma between (the
    name is no apposition of the organisation then)."""
    doc = span.doc
    if span.start == 0:
        return None
    # the parser may end a sentence before the name: "... Service (NIS) | Jane Doe"
    start = doc[span.start - 1].sent.start
    i = span.start - 1
    if i > start and doc[i].text == ")":
        # "(NIS)": the organisation's short name
        opening = next(
            (j for j in range(i - 1, max(start, i - 5) - 1, -1) if doc[j].text == "("),
            None,
        )
        if opening is None or any(
            (m := ctx.mention_at(t)) is not None and ctx.cls(m) == "Person"
            for t in doc[opening:i]
        ):
            return None
        i = opening - 1
    if i <= start:
        return None
    owner = ctx.mention_at(doc[i])
    if owner is None or not ctx.ontology.is_a(
        ctx.cls(owner), ("Organization", "Country", "Region")
    ):
        return None
    j = _start_of(owner, ctx)
    while j - 2 > start and doc[j - 1].lower_ in ("'s", "’s"):
        # "of Ruritania's Border Guard", "of the National Guard's Special Command"
        k = j - 2
        while k > start and (
            ctx.mention_at(doc[k]) is not None
            or (doc[k].pos_ == "PROPN" and doc[k].is_title)
        ):
            k -= 1
        if k == j - 2:
            return None
        j = k + 1
    if doc[j - 1].lower_ == "the":
        j -= 1
    if j - 1 <= start or doc[j - 1].lower_ not in ("of", "for"):
        return None
    # "Spokesman for the Interior Ministry John Doe" speaks for it, heads nothing
    heads = doc[j - 1].lower_ == "of"
    run: list[Token] = []
    k = j - 2
    while (
        k >= start
        and (_word(doc[k], titles) in titles.words or doc[k].text == "-")
        and ctx.mention_at(doc[k]) is None
    ):
        run.insert(0, doc[k])
        k -= 1
    while run and run[0].text == "-":
        run = run[1:]
    if not run or (k >= start and doc[k].lower_ in ("a", "an", "another")):
        return None
    title = _title_from_tokens(run, titles, _future_words(ctx))
    if title is None:
        return None
    return replace(title, of_lead=heads), [owner]


def _title_before_comma(
    span: Span, ctx: DocContext, titles: Titles
) -> list[tuple[_Title, list[int], list[int], Token]]:
    """ "the founder of the Trade Research Initiative, Jane Doe", "the White House's head
    of counterterrorism, John Roe", "the company's chief executive, Jane Doe, said": a
    definite title that ends right before a comma and the name set beside it (the
    parser's apposition or conjunct of the title or of a word of its phrase); "A spokesman
    for Acme, Jane Doe, said": an indefinite one only as the subject, the name set off by
    commas."""
    doc = span.doc
    comma = span.start - 1
    root = span.root
    if comma < 2 or doc[comma].text != "," or root.dep_ not in ("appos", "conj"):
        return []
    noun = doc[comma - 1]
    while (
        _word(noun, titles) not in titles.words
        or ctx.mention_at(noun) is not None
        or noun.pos_ not in ("NOUN", "PROPN")
    ):
        if noun.head.i == noun.i or noun.head.i >= comma:
            return []
        noun = noun.head
    if noun.tag_ in ("NNS", "NNPS"):
        return []
    nouns = [noun]
    if noun.dep_ == "conj" and noun.head.i < noun.i:
        # "the former trade negotiator and founder of X, Jane Doe": both are hers
        nouns.insert(0, noun.head)
    phrase = {t.i for t in nouns[0].subtree if t.i < comma}
    if root.head.i not in phrase or max(phrase) != comma - 1:
        return []
    definite = any(
        (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss"
        for c in nouns[0].children
    )
    # "met a spokesman for the ministry, Jane Doe and John Roe" may list several people;
    # "A spokesman for the ministry, Jane Doe, said" sets one name off as the subject's
    subject = (
        nouns[0].dep_ in ("nsubj", "nsubjpass")
        and span.end < len(doc)
        and doc[span.end].text == ","
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in nouns[0].children)
    )
    if not definite and not subject:
        return []
    return [
        (*described, n)
        for n in nouns
        if (described := _noun_title(n, ctx, titles)) is not None
    ]


def _noun_title(
    noun: Token, ctx: DocContext, titles: Titles
) -> tuple[_Title, list[int], list[int]] | None:
    """Title and affiliations of a title noun: an apposition or a copula's attribute.

    Returns the title, the affiliations it heads or belongs to (of X, X's, X-modified) and
    those it only works at ("analyst at Kpler", "adviser to Putin")."""
    if _word(noun, titles) not in titles.words:
        return None
    words = [
        c
        for c in noun.lefts
        if c.dep_ in ("compound", "amod", "nmod") and ctx.mention_at(c) is None
    ]
    # "a climate scientist": a plain noun before the title word names the field
    kept = [
        w
        for w in words
        if _word(w, titles) in titles.words
        or (w.dep_ == "compound" and w.pos_ == "NOUN" and w.is_lower)
    ]
    # "a Foreign Ministry spokeswoman": the title words of a kept word's own modifiers
    kept += [
        c
        for w in kept
        for c in w.lefts
        if c.dep_ in ("compound", "amod")
        and ctx.mention_at(c) is None
        and _word(c, titles) in titles.words
    ]
    tokens = [*kept, noun]
    children = list(noun.children)
    # "a lawyer and former aide to Senator Reed": a phrase after a conjunct of another tense
    # is the conjunct's, wherever the parser hangs it
    other_tense = [
        c
        for c in children
        if c.dep_ == "conj"
        and any(_word(w, titles) in titles.former for w in c.lefts)
        and not any(_word(w, titles) in titles.former for w in noun.lefts)
    ]
    if other_tense:
        children = [
            c for c in children if not (c.dep_ == "prep" and c.i > other_tense[0].i)
        ]
    if (
        noun.dep_ == "conj"
        and noun.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ == "prep" for c in children)
    ):
        # "a jeweler and president of Acme", "Acme's editor and columnist": the
        # parser hangs the phrase after the last title, and the determiner or
        # possessor before the first, on the first
        children += [
            c
            for c in noun.head.children
            if (c.i > noun.i and c.dep_ == "prep")
            or (c.i < noun.head.i and c.dep_ in ("det", "poss"))
        ]
    doc = noun.doc
    if (
        noun.i + 2 < len(doc)
        and doc[noun.i + 1].text == "-"
        and doc[noun.i + 2].head in (noun, doc[noun.i + 1])
        and (
            f"{noun.lower_}-{doc[noun.i + 2].lower_}" in titles.heads
            or doc[noun.i + 2].lower_ in _future_words(ctx)
        )
    ):
        # "the secretary-general of NATO", "the president-elect", however the parser
        # split it
        tokens += [doc[noun.i + 1], doc[noun.i + 2]]
        children += [c for c in doc[noun.i + 2].children if c.i > noun.i + 2]
    elif (
        noun.i >= 2
        and doc[noun.i - 1].text == "-"
        and f"{doc[noun.i - 2].lower_}-{noun.lower_}" in titles.heads
        and doc[noun.i - 2] not in tokens
    ):
        # "vice-president" parsed as "vice" and "-" beside "president"
        tokens += [doc[noun.i - 2], doc[noun.i - 1]]
    extra = ""
    for prep in children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects and objects[0].lower_ in ("state",):
                tokens += [prep, objects[0]]
            elif objects and not any(
                ctx.mention_at(t) is not None for t in objects[0].subtree
            ):
                # "head of international business": the phrase is part of the title
                inner = list(objects[0].subtree)
                cut = next(
                    (t.i for t in inner if t.dep_ == "prep" and t.head is objects[0]),
                    inner[-1].i + 1,
                )
                extra = " of " + noun.doc[inner[0].i : cut].text
    title = _title_from_tokens(
        sorted(tokens, key=lambda t: t.i), titles, _future_words(ctx)
    )
    if title is None:
        return None
    if extra:
        title = replace(title, text=title.text + extra, scoped=True)
    elif any(
        c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN")
        for c in words
        if c not in tokens
    ):
        # "Russia's central bank chief": the chief of the bank, not of Russia
        title = replace(title, scoped=True)
    head_info = titles.heads[title.head]
    host_preps = set(head_info.get("host_preps", ()))  # type: ignore[arg-type]
    owns: list[int] = []
    works_at: list[int] = []
    has_host = any(c.dep_ == "prep" and c.lower_ in host_preps for c in children)
    for child in children:
        if child.dep_ in ("compound", "amod", "nmod", "poss"):
            found = resolve(child, ctx, AFFILIATION)
            if not found and child.dep_ == "compound" and child.is_lower:
                # "Ann Lowe, a company spokeswoman": the company named before
                found = class_antecedent(child, ctx, ("Organization",))
            if (
                head_info.get("host_before")
                and not has_host
                and child.dep_ in ("compound", "nmod")
            ):
                # "Trump's Syria envoy" is an envoy to Syria: a bare country name before an
                # envoy's title is ambiguous, a demonym ("Russian envoy") is not
                found = [i for i in found if ctx.mentions[i].rule != "gazetteer"]
            owns += found
        elif (
            child.dep_ == "prep"
            and child.lower_ in ("of", "for", "at", "with", "in", "to")
            and child.lower_ not in host_preps
        ):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found = resolve(pobj, ctx, AFFILIATION)
                if any(
                    c.dep_ == "compound" and c.tag_ == "VBG" and c.is_lower
                    for c in pobj.children
                ):
                    # "chairman of the subcommittee grilling Smith", parsed as one noun
                    # phrase: the name is the participle's object, not the title's (a
                    # name may hold a capitalised one: "Acme Trading Co.")
                    found = []
                if not found:
                    # "head of the state-owned Naftohaz company": the company, not its country
                    found = [
                        i
                        for c in pobj.children
                        if c.dep_ in ("compound", "nmod", "amod", "appos", "poss")
                        for i in resolve(c, ctx, ("Organization",))
                    ]
                if not found and ctx.mention_at(pobj) is None:
                    # "vice president for sales at Acme", "head of programs for Acme
                    # TV": a field, then the organisation the title is held at; "manager
                    # of the local chapter of Acme": a part of it (a name only: "for
                    # the commission" may be any of several)
                    found_at = [
                        i
                        for p in pobj.children
                        if p.dep_ == "prep" and p.lower_ in ("at", "for", "of")
                        for o in p.children
                        if o.dep_ == "pobj"
                        and (i := ctx.mention_at(o)) is not None
                        and ctx.ontology.is_a(ctx.cls(i), ("Organization",))
                    ]
                    works_at.extend(found_at)
                (owns if child.lower_ == "of" else works_at).extend(found)
                if (
                    child.lower_ == "of"
                    and found
                    and noun.tag_ not in ("NNS", "NNPS")
                    and not any(
                        c.dep_ == "det" and c.lower_ in ("a", "an", "another")
                        for c in children
                    )
                ):
                    # "the director of the FBI" directs it; "a director of Acme" is one
                    # of several
                    title = replace(title, of_lead=True)
    for verb in children:
        if verb.dep_ == "acl" and verb.lemma_ == "represent" and verb.tag_ == "VBG":
            # "an attorney representing Acme": a title held for the organisation it
            # represents (a lawyer for a person serves no employer)
            works_at += [
                i
                for c in verb.children
                if c.dep_ == "dobj"
                for i in resolve(c, ctx, ("Organization",))
            ]
    after = max(t.i for t in title.tokens) + 1
    if (
        not owns
        and not works_at
        and after < len(doc)
        and doc[after].lower_ in ("to", "at", "for")
        and doc[after].lower_ not in host_preps
        and doc[after].dep_ != "prep"
    ):
        # "a senior advisor to geostrategic advisory firm Acme": the parser took "to" for
        # a verb's; the organisation that ends the phrase, before its comma
        end = next(
            (t.i for t in doc[after:] if t.is_punct or t.i == t.sent.end - 1), len(doc)
        )
        found = [
            i
            for t in doc[after + 1 : end]
            if (i := ctx.mention_at(t)) is not None
            and ctx.ontology.is_a(ctx.cls(i), ("Organization",))
        ]
        works_at += found[-1:]
    return title, list(dict.fromkeys(owns)), list(dict.fromkeys(works_at))


def _ordinal(word: str, titles: Titles) -> bool:
    """ "12th", "seventh" (roles.json ordinals); not "first", not "Second"."""
    return (
        bool(ORDINAL_FIGURES.match(word)) and word != "1st"
    ) or word in titles.ordinals


def _held_now(value: str, titles: Titles) -> bool:
    """Is a hasRole literal an office held now: not "former X", not "the 30th president"
    (a place in the line of holders, see _succession)?"""
    first = value.split(maxsplit=1)[0]
    return first != "former" and not _ordinal(first, titles)


def _names_person(token: Token, ctx: DocContext) -> bool:
    """Is the token part of a person's name (a mention of a Person)?"""
    index = ctx.mention_at(token)
    return index is not None and ctx.cls(index) == "Person"


def _succession(title: _Title, titles: Titles) -> Token | None:
    """The ordinal that numbers a title's holders ("the 30th U.S. president", "the seventh
    President of X"); "first" is left out ("the first woman president" is no place in a
    line), and so is a capitalised one ("Second Secretary" is a post)."""
    inside = {t.i for t in title.tokens}
    for token in title.tokens:
        for child in token.children:
            if child.i in inside or child.dep_ != "amod" or child.i > token.i:
                continue
            # lower case: "Second Secretary", "Third Deputy Speaker" are posts
            if _ordinal(child.text, titles):
                return child
    return None


def _facts(
    person: int,
    title: _Title,
    affiliations: list[int],
    token: Token,
    ctx: DocContext,
    titles: Titles,
    rule: str,
    *,
    works_at: tuple[int, ...] = (),
) -> Iterator[RoleFact]:
    info = titles.heads[title.head]
    ordinal = _succession(title, titles)
    if ordinal is not None:
        # "the ninth president of Freedonia, Daniel Ortmann": a place in the
        # line of holders, an office of history rather than one held now
        if info.get("role", True):
            text = f"{ordinal.text} {title.text}"
            yield person, "hasRole", None, text, token, f"{rule}.role", 0.9
        return
    if info.get("role", True):
        yield person, "hasRole", None, title.text, token, f"{rule}.role", 0.9
    if title.former or title.future:
        return  # an office held before or not yet: no affiliation held now
    if set(title.text.casefold().split()) & titles.non_state:
        # "Russian opposition leader X", "Syrian rebel commander Y": against or outside
        # the state, no office of it (nor one the article's country could fill)
        affiliations = [
            a
            for a in affiliations
            if not ctx.ontology.is_a(ctx.cls(a), ("Country", "Region"))
        ]
        if not affiliations and not works_at:
            return
    if (
        not affiliations
        and not works_at
        and (info.get("national") or info.get("regional"))
        and not rule.startswith(INFERRED)
    ):
        # "Finance Minister Roland Lescure said": whose, the article may tell
        yield person, BARE, None, title.text, title.tokens[-1], rule, 0.0
    if info.get("same_office"):
        # "his Tanzanian counterpart X": read once the possessor's office is known
        # (his, the possessor, is no affiliation of the counterpart)
        own = [a for a in affiliations if ctx.cls(a) != "Person"]
        for affiliation in own or [None]:  # type: ignore[list-item]
            yield person, COUNTERPART, affiliation, None, title.tokens[-1], rule, 0.0
    person_relation = str(info.get("person_relation", "worksFor"))
    # "a member of the council" belongs to it; "the owner of Acme" is no employee
    org_relation = str(info.get("org_relation", "worksFor"))
    leads_state, leads = _leads(title, titles, ctx)
    if info.get("speaks"):
        # "a spokesman for Acme", "Acme spokeswoman X": a spokesperson speaks for the
        # organisation they speak for by office (a government body's speak for its
        # country: government-body below)
        for affiliation in (*affiliations, *works_at):
            if affiliation != person and _voiced(affiliation, ctx):
                yield (
                    person,
                    "speaksFor",
                    affiliation,
                    None,
                    token,
                    f"{rule}.spokesperson",
                    0.8,
                )
            elif (
                affiliation in works_at
                and (target := _state_of_body(affiliation, ctx)) is not None
            ):
                # "a spokesman for the Chinese Foreign Ministry" (its "of" phrase is the
                # affiliations' rule below)
                yield (
                    person,
                    "speaksFor",
                    target,
                    None,
                    token,
                    f"{rule}.government-body",
                    0.75,
                )
    for affiliation in works_at:
        if affiliation != person and ctx.cls(affiliation) == "PoliticalParty":
            # "candidate for the Party of X": a party's people are its members
            yield person, "memberOf", affiliation, None, token, f"{rule}.party", 0.75
        elif (
            affiliation != person
            and org_relation != "none"
            and ctx.ontology.is_a(ctx.cls(affiliation), ("Organization",))
        ):
            yield (
                person,
                org_relation,
                affiliation,
                None,
                token,
                f"{rule}.organization",
                0.75,
            )
        elif (
            affiliation != person
            and ctx.cls(affiliation) == "Person"
            and person_relation != "none"
            and not leads  # no one heads a person: a body the model took for one
        ):
            yield (
                person,
                person_relation,
                affiliation,
                None,
                token,
                f"{rule}.person",
                0.7,
            )
    for affiliation in affiliations:
        cls = ctx.cls(affiliation)
        if affiliation == person:
            continue
        if cls == "Person":
            # "director of the county Crime Victim and Witness Support Council": no one
            # heads a person, nor is anyone a person's executive ("of" a person: a body
            # the model cut into one); one is a person's adviser or spokesman
            # ("Putin's adviser", "an adviser to Putin")
            if (
                person_relation != "none"
                and not leads
                and not _of_phrase(affiliation, ctx)
            ):
                yield (
                    person,
                    person_relation,
                    affiliation,
                    None,
                    token,
                    f"{rule}.person",
                    0.7,
                )
            continue
        if (
            leads_state
            and ctx.ontology.is_a(cls, ("Country", "Region"))
            # "Ghana Army chief X": the title heads the body it is held in, not the
            # body's state
            and not any(
                ctx.ontology.is_a(ctx.cls(a), ("Organization",)) for a in affiliations
            )
        ) or (leads and ctx.ontology.is_a(cls, ("Organization",))):
            yield person, "leaderOf", affiliation, None, token, f"{rule}.leader", 0.85
        voiced = bool(info.get("official")) and info.get("voice", True)
        target = _state_of_body(affiliation, ctx) if voiced else None
        if target is not None:
            yield (
                person,
                "speaksFor",
                target,
                None,
                token,
                f"{rule}.government-body",
                0.75,
            )
        if cls == "Country":
            # "U.S. Sen. X", "a Kenyan judge": a seat, not a voice of the state
            if voiced:
                yield (
                    person,
                    "officialOf",
                    affiliation,
                    None,
                    token,
                    f"{rule}.official",
                    0.85,
                )
                yield (
                    person,
                    "speaksFor",
                    affiliation,
                    None,
                    token,
                    f"{rule}.official",
                    0.8,
                )
        elif cls == "PoliticalParty":
            yield person, "memberOf", affiliation, None, token, f"{rule}.party", 0.8
        elif (
            ctx.ontology.is_a(cls, ("Organization",))
            and not (leads and info.get("leader"))
            and org_relation != "none"
        ):
            # "the director of the FBI" leads it and works for it; "a member of the
            # council" belongs to it (org_relation in roles.json)
            yield (
                person,
                org_relation,
                affiliation,
                None,
                token,
                f"{rule}.organization",
                0.8,
            )


def _of_phrase(index: int, ctx: DocContext) -> bool:
    """Is the mention the object of an "of" phrase?"""
    span = ctx.span(index)
    return (
        span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ == "of"
    )


def _state_of_body(affiliation: int, ctx: DocContext) -> int | None:
    """The country a government body the gazetteer knows speaks for, when the text names
    it: the mention of the body's country; not for a central bank or a court, which
    speak for themselves (roles.json independent_body_words: "X, governor of the Reserve
    Bank of Ruritania" leads the bank, and is no voice of Ruritania)."""
    if ctx.cls(affiliation) != "GovernmentBody":
        return None
    body = ctx.ontology.entry(ctx.mentions[affiliation].gazetteer_id)
    if body is None or not body.country:
        return None
    head = body.name.split(" of ")[0].split()[-1].lower()
    if head in ctx.ontology.roles.get("independent_body_words", ()):
        return None
    return next(
        (i for i, m in enumerate(ctx.mentions) if m.gazetteer_id == body.country), None
    )


def _voiced(affiliation: int, ctx: DocContext) -> bool:
    """Is the affiliation an organisation a person can speak for as such (not a
    government body, whose officials speak for its country)?"""
    cls = ctx.cls(affiliation)
    return cls != "GovernmentBody" and ctx.ontology.is_a(cls, ("Organization",))


def _possessive_affiliation(
    span: Span, person: int, ctx: DocContext
) -> Iterator[RoleFact]:
    """ "CNBC's Annette Weisbach", "Turkey's Erdogan": an organisation's or a country's person."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in ("'s", "’s"):
        return
    owner = ctx.mention_at(doc[span.start - 2])
    if owner is None and doc[span.start - 2].is_lower:
        # "Acme will close the plant, said the company's Tom Ruiz": a description
        # of an organisation named before ("the company", "the agency")
        described = resolve(doc[span.start - 2], ctx, ("Organization",))
        owner = described[0] if len(described) == 1 else None
    if owner is None or owner == person:
        return
    cls = ctx.cls(owner)
    if cls == "Country":
        yield (
            person,
            "speaksFor",
            owner,
            None,
            span.root,
            "role.possessive.country",
            0.65,
        )
    elif ctx.ontology.is_a(cls, ("Organization",)) and cls != "PoliticalParty":
        yield (
            person,
            "worksFor",
            owner,
            None,
            span.root,
            "role.possessive.organization",
            0.7,
        )


_AFFILIATION_PREPS = ("of", "at", "from")  # "Jane Doe of/at/from Acme"


def _conjoined_phrases(root: Token, ctx: DocContext) -> list[Token]:
    """ "Jane Doe at the Institute of Physics and John Roe at the Institute of
    Chemistry won": the parser joins the second name to the first one's organisation
    and hangs the second name's phrase there too (on the last word of the first
    organisation's name, or on its head); a phrase of that organisation after the second
    name is the second person's (returned: the prepositions)."""
    if root.dep_ != "conj" or root.head.i > root.i:
        return []
    org = root.head
    index = ctx.mention_at(org)
    if index is not None and (span := ctx.span(index)) is not None:
        org = span.root  # "at the Dellby Institute of Marine Physics and John Roe"
    if org.dep_ != "pobj":
        return []
    prep = org.head
    if prep.dep_ != "prep" or prep.lower_ not in _AFFILIATION_PREPS:
        return []
    first = ctx.mention_at(prep.head)
    if first is None or ctx.cls(first) != "Person":
        return []  # "the lawyer for Acme Corp and John Roe at the hearing"
    return [
        c
        for holder in dict.fromkeys((root.head, org))
        for c in holder.children
        if c.dep_ == "prep" and c.i > root.i and c.lower_ in _AFFILIATION_PREPS
    ]


_SHARING = {",", "and", "as", "well", "along", "together", "with"}


def _companion(span: Span, ctx: DocContext) -> int | None:
    """ "A and B will attend, along with Foreign Minister C": the subject C is added to
    (the last person of it)."""
    root = span.root
    link = root.head
    if (
        root.dep_ != "pobj"
        or link.lower_ != "with"
        or link.head.lower_ not in ("along", "together")
    ):
        return None
    verb = link.head.head
    subjects = [
        t
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass")
        for t in (c, *c.conjuncts)
    ]
    people = [
        m
        for t in sorted(subjects, key=lambda t: t.i)
        if (m := ctx.mention_at(t)) is not None and ctx.cls(m) == "Person"
    ]
    return people[-1] if people else None


def _shared_country(
    span: Span, title: _Title, affiliations: list[int], ctx: DocContext, titles: Titles
) -> list[int]:
    """ "Finnish President Sauli Niinisto and Defence Minister Antti Kaikkonen": a title with
    no affiliation of its own, coordinated right after a person whose title names a
    country, is held for that country too (so is the next: "A, B and C"); so is one
    after a person named beside a title of a country ("Ruritania's vice president, X, oil
    minister Y and defence minister Z")."""
    if affiliations or not titles.heads[title.head].get("official"):
        return []
    doc = span.doc
    i = title.tokens[0].i - 1
    between: list[str] = []
    while i >= span.sent.start and doc[i].lower_ in _SHARING:
        between.insert(0, doc[i].lower_)
        i -= 1
    previous = ctx.mention_at(doc[i]) if i >= span.sent.start else None
    if between and between[0] == ",":
        between = between[1:]
    if between not in ([], ["and"], ["as", "well", "as"], ["along", "with"]) or (
        between == [] and doc[i + 1].text != ","
    ):
        previous = None
    if previous is None:
        previous = _companion(span, ctx)
    if previous is None or ctx.cls(previous) != "Person":
        return []
    mention = ctx.mentions[previous]
    before = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    found = _premodifier_title(before, ctx, titles) if before is not None else None
    if found is None and before is not None:
        # "Ruritania's vice president, X, oil minister Y and defence minister Z": the
        # country of a title set before the list's first name
        found = next(
            (
                (title, affiliations, works_at)
                for title, affiliations, works_at, _ in _title_before_comma(
                    before, ctx, titles
                )
                if any(ctx.cls(a) == "Country" for a in affiliations)
            ),
            None,
        )
    if found is None:
        return []
    previous_title, previous_affiliations, _ = found
    if previous_title.head == title.head and titles.heads[title.head].get("leader"):
        return []  # "the US President and President X": a country has one president
    countries = [a for a in previous_affiliations if ctx.cls(a) == "Country"]
    if not previous_affiliations:
        countries = _shared_country(
            before, previous_title, previous_affiliations, ctx, titles
        )
    return countries[-1:]


def extract_roles(ctx: DocContext) -> Iterator[RoleFact]:
    """hasRole, leaderOf, worksFor, officialOf and aide relations of every person mention,
    and those read from around it (a coordinated title's country, a counterpart's office),
    unless they contradict the country the person's own titles name."""
    facts = list(_direct_roles(ctx))
    facts = [
        f for f in facts if f[1] not in (COUNTERPART, ANAPHOR, BARE)
    ] + _inferred_roles(ctx, facts)
    own: dict[str, set[int]] = {}
    for person, predicate, obj, _, _, rule, _ in facts:
        if (
            obj is not None
            and predicate in ("leaderOf", "officialOf", "speaksFor", "worksFor")
            and ctx.cls(obj) == "Country"
            and not rule.startswith(INFERRED)
        ):
            own.setdefault(ctx.key(person), set()).add(obj)
    for fact in facts:
        person, _, obj, _, _, rule, _ = fact
        if (
            rule.startswith(INFERRED)
            and obj is not None
            and ctx.cls(obj) == "Country"
            and not any(
                ctx.same_entity(obj, h) for h in own.get(ctx.key(person), {obj})
            )
        ):
            continue
        yield fact


def _same_person(ctx: DocContext, a: int, b: int) -> bool:
    """Two mentions of one person: the same name, or "Xi" for "Xi Jinping"."""
    if ctx.same_entity(a, b):
        return True
    if ctx.cls(a) != "Person" or ctx.cls(b) != "Person":
        return False
    words_a = set(ctx.mentions[a].name.casefold().split())
    words_b = set(ctx.mentions[b].name.casefold().split())
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _offices(ctx: DocContext, facts: list[RoleFact], person: int) -> list[str]:
    """The titles (hasRole literals, none former) the article gives a person."""
    return list(
        dict.fromkeys(
            value
            for holder, predicate, _, value, *_ in facts
            if predicate == "hasRole"
            and value
            and _held_now(value, ctx.ontology.titles)
            and _same_person(ctx, holder, person)
        )
    )


def _counterparts(ctx: DocContext, facts: list[RoleFact]) -> Iterator[RoleFact]:
    """ "Xi and his Tanzanian counterpart Jakaya Kikwete": a counterpart holds the office
    of the one whose counterpart they are, for their own country or organisation (when
    the article gives that person one office: "President Xi Jinping")."""
    titles = ctx.ontology.titles
    for person, predicate, affiliation, _, token, *_ in facts:
        if predicate != COUNTERPART:
            continue
        owners = [c for c in token.children if c.dep_ == "poss"]
        possessors = resolve(owners[0], ctx, ("Person",)) if owners else []
        if len(possessors) != 1 or _same_person(ctx, possessors[0], person):
            continue
        offices = _offices(ctx, facts, possessors[0])
        heads = {
            head
            for text in offices
            if (head := _find_head(text.lower().split(), titles)) is not None
            and titles.heads[head].get("official")
        }
        if len(heads) != 1:
            continue
        head = heads.pop()
        text = min(
            (t for t in offices if _find_head(t.lower().split(), titles) == head),
            key=len,
        )
        title = _Title(text, head, False, (token,))
        yield from _facts(
            person,
            title,
            [affiliation] if affiliation is not None else [],
            token,
            ctx,
            titles,
            "role.counterpart",
        )


def _unnamed_holder(token: Token, ctx: DocContext) -> bool:
    """A title noun no name goes with: "A Chinese Foreign Ministry spokesman on Tuesday
    urged ...", not "spokesman Ma Zhaoxu" nor "Ma Zhaoxu, a spokesman"."""
    if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS", "NNPS"):
        return False
    near = [token.head, *token.children]
    if token.i + 1 < len(token.doc):
        near.append(token.nbor(1))
    return not any(
        (index := ctx.mention_at(t)) is not None and ctx.cls(index) == "Person"
        for t in near
    )


def _anaphors(ctx: DocContext, facts: list[RoleFact]) -> Iterator[RoleFact]:
    """ "A Chinese Foreign Ministry spokesman on Tuesday urged ...; the spokesman Ma Zhaoxu
    told a briefing": a definite title before a name, with no affiliation of its own, names
    the holder an earlier sentence introduced without a name (an indefinite title, no
    predicate: "It will be the first president of X" introduces no one; the nearest such
    title of the last sentences; none when they give it different affiliations)."""
    titles = ctx.ontology.titles
    sentences = list(ctx.doc.sents)
    for person, predicate, _, _, token, *_ in facts:
        if predicate != ANAPHOR:
            continue
        at = next(n for n, s in enumerate(sentences) if s.start <= token.i < s.end)
        window = ctx.doc[sentences[max(0, at - 3)].start : token.i]
        head = _find_head([_word(token, titles)], titles)
        readings = []
        for earlier in window:
            if (
                _word(earlier, titles) != _word(token, titles)
                or earlier.dep_ in ("attr", "appos", "oprd", "conj")
                or not any(
                    c.dep_ == "det" and c.lower_ in ("a", "an")
                    for c in earlier.children
                )
                or not _unnamed_holder(earlier, ctx)
                or (described := _noun_title(earlier, ctx, titles)) is None
                or described[0].head != head
                or not described[1]
            ):
                continue
            readings.append(described)
        if not readings or len({tuple(r[1]) for r in readings}) != 1:
            continue
        title, affiliations, _ = readings[-1]
        yield from _facts(
            person, title, affiliations, token, ctx, titles, "role.anaphor"
        )


def _held_titles(ctx: DocContext, facts: list[RoleFact]) -> Iterator[RoleFact]:
    """ "President Mohammed Shahabuddin ... the President of Bangladesh": a definite title of
    a country or an organisation, with no name of its own, is held by the one person the
    article gives that title, when nothing says whose official that person is and no one
    named without a title in the last sentences could be meant (a party's member is no
    one else's: "The Acme Party candidate placed second, followed by Jane Roe, candidate of
    the Zeta Party": Roe is not Acme's candidate)."""
    titles = ctx.ontology.titles
    holders: dict[str, list[int]] = {}
    for person, predicate, _, value, *_ in facts:
        if predicate == "hasRole" and value and _held_now(value, titles):
            head = _find_head(value.lower().split(), titles)
            if head is not None:
                holders.setdefault(head, []).append(person)
    affiliated = [
        person
        for person, predicate, obj, *_ in facts
        if obj is not None
        and predicate in ("leaderOf", "officialOf", "speaksFor", "worksFor", "memberOf")
        and ctx.cls(obj) != "Person"
    ]
    titled = [person for people in holders.values() for person in people]
    sentences = list(ctx.doc.sents)
    for token in ctx.doc:
        if (
            token.lemma_.lower() not in titles.heads
            or ctx.mention_at(token) is not None
            or not _unnamed_holder(token, ctx)
            or (described := _noun_title(token, ctx, titles)) is None
        ):
            continue
        title, owners, works_at = described
        definite = any(
            (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss"
            for c in token.children
        )
        if title.former or works_at or len(owners) != 1 or not definite:
            continue
        if not ctx.ontology.is_a(ctx.cls(owners[0]), ("Country", "Organization")):
            continue
        people: list[int] = []
        for person in holders.get(title.head, []):
            if not any(_same_person(ctx, person, p) for p in people):
                people.append(person)
        if len(people) != 1 or any(_same_person(ctx, people[0], a) for a in affiliated):
            continue  # several holders, or one whose country the article gives
        at = next(n for n, s in enumerate(sentences) if s.start <= token.i < s.end)
        recent = ctx.doc[sentences[max(0, at - 2)].start : sentences[at].end]
        if any(
            (m := ctx.mention_at(t)) is not None
            and ctx.cls(m) == "Person"
            and not any(_same_person(ctx, m, h) for h in titled)
            for t in recent
        ):
            continue  # "Biden spoke with Putin. The Russian president ...": Putin, surely
        # the office only: that the holder speaks for the country is no part of it
        yield from (
            fact
            for fact in _facts(
                people[0], title, owners, token, ctx, titles, "role.held-title"
            )
            if fact[1] != "speaksFor"
        )


def _article_country(ctx: DocContext) -> int | None:
    """The country an article is about, when one stands out: named at least three times
    and at least twice as often as any other (the mention of it named first)."""
    return _article_place(ctx, "Country")


def _article_region(ctx: DocContext) -> int | None:
    """The state or province an article is about ("Florida" in a story on a Florida
    election), when one stands out as _article_country's country does."""
    return _article_place(ctx, "Region")


def _place_of(index: int, cls: str, ctx: DocContext) -> bool:
    """Is the mention a place of the class (Country, Region) an office can be held for?
    A region only when the gazetteer places it in a country (a state or a province, not
    "District 87" or "the Middle East")."""
    if ctx.cls(index) != cls:
        return False
    if cls != "Region":
        return True
    entry = ctx.ontology.entry(ctx.mentions[index].gazetteer_id)
    return entry is not None and bool(entry.country)


def _article_place(ctx: DocContext, cls: str) -> int | None:
    """The place of a class (Country, Region) named at least three times in the article
    and at least twice as often as any other of its class (the mention of it named
    first; _place_of)."""
    if cls not in ctx.cache.setdefault("article_place", {}):
        counts: dict[str, list[int]] = {}
        for index in range(len(ctx.mentions)):
            if _place_of(index, cls, ctx):
                counts.setdefault(ctx.key(index), []).append(index)
        ranked = sorted(counts.values(), key=len, reverse=True)
        found = None
        if (
            ranked
            and len(ranked[0]) >= 3
            and (len(ranked) == 1 or len(ranked[0]) >= 2 * len(ranked[1]))
        ):
            found = ranked[0][0]
        ctx.cache["article_place"][cls] = found
    return ctx.cache["article_place"][cls]


def _reports(person: int, ctx: DocContext) -> bool:
    """Is the person the subject of a reporting verb ("X said", "X told reporters")?"""
    mention = ctx.mentions[person]
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return (
        span is not None
        and span.root.dep_ == "nsubj"
        and span.root.head.lemma_.lower() in ctx.lex.reporting_verbs
    )


def _clause_country(token: Token, ctx: DocContext) -> int | None:
    """The country a title's clause is about, named before it: "South Africa, where he is
    to meet President X" (the country the clause hangs from), "In the U.K., Prime Minister
    X has been criticized", "Germany took another tack, with Chancellor X saying" (the
    subject or the "in" place of a verb the title hangs from; for a reporting verb, the
    country of its unnamed source, _source_country). The nearest such country;
    a country only named inside another clause ("Russia's strikes must stop, President X
    said") is none."""

    def country(t: Token) -> int | None:
        index = ctx.mention_at(t)
        if index is None or ctx.cls(index) != "Country" or t.i >= token.i:
            return None
        return index

    node = token
    while node.head.i != node.i:
        node = node.head
        found = country(node)
        if found is not None:
            return found
        if node.pos_ not in ("VERB", "AUX"):
            continue
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                found = country(child)
                if found is None and node.lemma_.lower() in ctx.lex.reporting_verbs:
                    found = _source_country(child, token, ctx)
            elif child.dep_ == "prep" and child.lower_ == "in":
                found = next(
                    (i for c in child.children if (i := country(c)) is not None), None
                )
            else:
                found = None
            if found is not None:
                return found
    return None


def _source_country(subject: Token, token: Token, ctx: DocContext) -> int | None:
    """The country of an unnamed source that reports what a title's clause says: "A
    Ruritanian official said that Prime Minister X ...", "Ruritanian officials told
    reporters that President Y ...": an official of a country speaks of its own office
    holders by title alone. Only an official (an official title of roles.json: "Russian
    state media said President X had fled" may be of anyone's president), with no name
    given (a named speaker may speak of anyone's president), of one country, in a
    sentence that names no other country before the title."""
    head = ctx.ontology.titles.heads.get(subject.lemma_.lower(), {})
    if ctx.mention_at(subject) is not None or not head.get("official"):
        return None
    found = [
        index
        for child in subject.children
        if child.dep_ in ("amod", "compound", "poss") and child.i < token.i
        for index in resolve(child, ctx, ("Country",))
    ]
    if len({ctx.key(i) for i in found}) != 1:
        return None
    others = {
        index
        for t in token.doc[token.sent.start : token.i]
        if t.pos_ in ("PROPN", "ADJ")
        for index in resolve(t, ctx, ("Country",))
        if not ctx.same_entity(index, found[0])
    }
    # "A Ruritanian official said that after talks with German officials, Chancellor X
    # ...": whose chancellor, the sentence does not say
    return None if others else found[0]


def _led_body_country(token: Token, ctx: DocContext) -> int | None:
    """The country whose body the title's holder leads: "Estonia's mission will be led by
    Trade Minister Jane Doe", "Defence Minister Jane Doe will head the Ukrainian
    delegation" (a body of led_bodies and a verb of head_verbs in roles.json). A story
    about two countries names the other one too, so no country of the article would do."""
    name = token
    while name.dep_ in ("compound", "appos", "flat") and name.head.i != name.i:
        name = name.head
    verbs = set(ctx.ontology.roles.get("head_verbs", ()))
    bodies = set(ctx.ontology.roles.get("led_bodies", ()))
    if name.dep_ == "pobj" and name.head.dep_ == "agent":
        verb, deps = name.head.head, ("nsubjpass",)
    elif name.dep_ == "nsubj":
        verb, deps = name.head, ("dobj",)
    else:
        return None
    if verb.lemma_.lower() not in verbs:
        return None
    for body in verb.children:
        if body.dep_ not in deps or body.lemma_.lower() not in bodies:
            continue
        for owner in body.children:
            if owner.dep_ in ("poss", "amod", "compound"):
                found = resolve(owner, ctx, ("Country",))
                if len(found) == 1:
                    return found[0]
    return None


def _officials_country(ctx: DocContext, facts: list[RoleFact]) -> int | None:
    """The one country every official the article names with a country serves, when
    there is one ("Indonesian Defence Minister X ... Indonesia's trade ministry ... Trade
    Minister Y said"): wire copy names the country of the story's officials once."""
    countries = [
        obj
        for _, predicate, obj, *_ in facts
        if predicate in ("officialOf", "leaderOf")
        and obj is not None
        and ctx.cls(obj) == "Country"
    ]
    keys = {ctx.key(c) for c in countries}
    if len(keys) != 1 or any(f[1] == COUNTERPART for f in facts):
        return None  # "her Kenyan counterpart": the article is about two countries
    return countries[0]


def _article_countries(ctx: DocContext, facts: list[RoleFact]) -> Iterator[RoleFact]:
    """ "Mexico's ruling party won ... President Andres Lopez said": a national office
    (national in roles.json) written without its country is held for the country its
    clause is about (_clause_country), else the country the article is about
    (_article_country), else the one country the article's other officials serve
    (_officials_country), when the person has no affiliation anywhere in the article and
    no other country is named before the title in its sentence. Wire copy drops the
    nationality of the home country's officials; a foreign one next to it would be
    named."""
    titles = ctx.ontology.titles
    affiliated = [
        person
        for person, predicate, obj, *_ in facts
        if (obj is not None and predicate != "hasRole") or predicate == COUNTERPART
    ]
    officials = [
        (fact[0], fact)
        for fact in facts
        if fact[1] in ("officialOf", "leaderOf")
        and fact[2] is not None
        and ctx.cls(fact[2]) == "Country"
    ]
    fallback = _article_country(ctx)
    if fallback is None:
        fallback = _officials_country(ctx, facts)
    # the offices (as written) the article gives a holder of a country: "President Tendai
    # Chiweshe of Zimbabwe" holds Zimbabwe's presidency, which no other president does
    offices_of: dict[int, set[str]] = {}
    for holder, predicate, _, value, *_ in facts:
        if predicate == "hasRole" and value and _held_now(value, titles):
            offices_of.setdefault(holder, set()).add(value.casefold())
    held = [
        (holder, office, fact[2])
        for holder, fact in officials
        for office in offices_of.get(holder, ())
    ]
    for person, predicate, _, value, token, *_ in facts:
        if predicate != BARE or value is None:
            continue
        if any(_same_person(ctx, person, other) for other in affiliated):
            continue
        head = _find_head(value.lower().split(), titles)
        if head is None:
            continue
        # "Gov. X": a state's or a province's office, which only the article's region
        # can fill
        regional = bool(titles.heads[head].get("regional"))
        place = "Region" if regional else "Country"
        country = led = None if regional else _led_body_country(token, ctx)
        if country is None and not regional:
            country = _clause_country(token, ctx)
        if country is None:
            country = _article_region(ctx) if regional else fallback
            if (
                country is None
                or any(
                    (m := ctx.mention_at(t)) is not None
                    and _place_of(m, place, ctx)
                    and not ctx.same_entity(m, country)
                    for t in token.sent
                    if t.i < token.i
                )
                or any(
                    other != person and fact[4].sent == token.sent and not regional
                    for other, fact in officials
                )
            ):
                # "US President Joe Biden and President Xi Jinping": two presidents are
                # not of one country
                continue
        if any(
            office == value.casefold()
            and ctx.same_entity(c, country)
            and not _same_person(ctx, holder, person)
            for holder, office, c in held
        ):
            continue  # another holds this office of the country
        title = _Title(value, head, False, (token,))
        yield from (
            fact
            for fact in _facts(
                person, title, [country], token, ctx, titles, "role.article-country"
            )
            # the title is read where it is written; the holder speaks for the country
            # where they report something ("Finance Minister X said"), their quotes
            # elsewhere say the rest (graph.facts)
            if fact[1] != "hasRole"
            and (fact[1] != "speaksFor" or _reports(person, ctx) or led is not None)
        )


def _leaders_speaking(ctx: DocContext, facts: list[RoleFact]) -> Iterator[RoleFact]:
    """ "Jane Doe, the secretary-general of the alliance ... 'We agreed,' Doe told
    reporters": the head of an organisation (a leader title of roles.json) speaks for it
    where they report something in the article (a head of state's quotes are read in
    graph.facts)."""
    titles = ctx.ontology.titles

    def top_post(person: int) -> bool:
        # "secretary-general", "chairman" (leader in roles.json), not a title that
        # heads only what its of-phrase names ("executive director")
        return any(
            (head := _find_head(value.lower().split(), titles)) is not None
            and titles.heads[head].get("leader")
            for value in _offices(ctx, facts, person)
        )

    leaders = [
        (person, obj)
        for person, predicate, obj, *_ in facts
        if predicate == "leaderOf"
        and obj is not None
        and _voiced(obj, ctx)
        and top_post(person)
    ]
    if not leaders:
        return
    for speaker, mention in enumerate(ctx.mentions):
        if mention.label != "Person" or not _reports(speaker, ctx):
            continue
        span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for person, org in leaders:
            if _same_person(ctx, person, speaker):
                yield (
                    person,
                    "speaksFor",
                    org,
                    None,
                    span.root.head,
                    "role.leader-speaks",
                    0.75,
                )


def _heads_clause(root: Token, person: int, ctx: DocContext) -> Iterator[RoleFact]:
    """ "Jane Doe, who heads Acme Corp", "John Roe, who has chaired the council since
    2019": a person who heads an organisation now (a head verb of roles.json in the
    present, or the present perfect) leads it and works for it; "Jane Doe, who works for
    Acme", "John Roe teaches at Harvard" works for it (job_verbs of roles.json); "Jane
    Doe has covered education for the Daily Planet since 1990" works for the news outlet
    she covers a beat for (beat_verbs of roles.json). A past tense ("who led Acme")
    says nothing of today. The clauses read: a relative clause, the verb the person is
    the subject of, a participle clause of that verb ("is exposed to fumes while working
    at Acme") and a verb joined to one of them ("lives in Paris and works for Acme")."""
    verbs = ctx.ontology.roles.get("head_verbs", ())
    beats = ctx.ontology.roles.get("beat_verbs", ())
    jobs = ctx.ontology.roles.get("job_verbs", ())
    clauses = [(c, c) for c in root.children if c.dep_ == "relcl"]
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        # "Jane Doe heads Acme Corp"; "is a nurse and works at X" (a copula's conjunct)
        clauses.append((root.head, root.head))
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ == "VERB":
        # "Jane Doe is exposed to fumes while working at Acme": a participle clause
        # without a subject of its own is the subject's, in its head verb's tense
        clauses += [
            (c, root.head)
            for c in root.head.children
            if c.dep_ == "advcl"
            and c.tag_ == "VBG"
            and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children)
        ]
    # "Jane Doe lives in Paris and works for Acme": a verb joined to the clause's, with no
    # subject of its own, is the same person's
    clauses += [
        (c, tensed if c.tag_ == "VBG" else c)
        for verb, tensed in list(clauses)
        for c in verb.conjuncts
        if c.i > verb.i
        and c.pos_ == "VERB"
        and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children)
    ]
    for verb, tensed in clauses:
        # the present ("heads", "is exposed", "is running") or the present perfect
        # ("has chaired")
        now = tensed.tag_ in ("VBZ", "VBP") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP")
            for c in tensed.children
        )
        if not now:
            continue
        if verb.lemma_ in verbs:
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            predicates = ("leaderOf", "worksFor")
        elif verb.lemma_ in jobs or verb.lemma_ in beats:
            holders = [verb]
            # "works as a plumber at Bellevue Hospital": the job's phrase may hang on
            # the noun of the as-phrase
            holders += [
                p
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "as"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            if verb.lemma_ in beats:
                # "covers the State Department for Acme News": the parser may hang the
                # for-phrase on the beat
                holders += [c for c in verb.children if c.dep_ == "dobj"]
            objects = [
                p
                for h in holders
                for c in h.children
                if c.dep_ == "prep"
                and c.lower_ in (("for",) if verb.lemma_ in beats else ("for", "at"))
                for p in c.children
                if p.dep_ == "pobj"
            ]
            predicates = ("worksFor",)
        else:
            continue
        # a beat is covered for a news outlet: "wrote a report for the Acme Institute"
        # is no job there
        classes = ("MediaOrganization",) if verb.lemma_ in beats else ("Organization",)
        for obj in objects:
            for org in resolve(obj, ctx, classes):
                if ctx.cls(org) == "PoliticalParty":
                    continue
                for predicate in predicates:
                    yield person, predicate, org, None, verb, "role.heads-clause", 0.75


_HELD = ("worksFor", "leaderOf", "memberOf", "officialOf", "speaksFor", "supports")


def _reported_employers(ctx: DocContext, facts: list[RoleFact]) -> Iterator[RoleFact]:
    """ "Acme will close the plant, said Ann Lowe, a spokeswoman", "It expects more
    orders, said station manager Tom Ruiz": a post held inside an organisation (a staff
    title of roles.json, for no one the sentence names) by a person who reports what one
    organisation, the subject of the report, does is held in that organisation."""
    titles = ctx.ontology.titles
    staff = set(ctx.ontology.roles.get("staff_heads", ()))
    future = _future_words(ctx)
    # a person the article places anywhere else is left there
    placed = {ctx.key(p) for p, predicate, *_ in facts if predicate in (*_HELD, BARE)}
    for person, predicate, _, value, token, *_ in facts:
        if predicate != "hasRole" or value is None or ctx.key(person) in placed:
            continue
        words = value.lower().split()
        head = _find_head(words, titles)
        if head not in staff or set(words) & (titles.former | future):
            continue
        span = ctx.span(person)
        if span is None or span.root.dep_ != "nsubj":
            continue
        verb = span.root.head
        if verb.lemma_.lower() not in ctx.lex.reporting_verbs:
            continue
        orgs = {
            org
            for clause in verb.children
            if clause.dep_ == "ccomp"
            for subject in clause.children
            if subject.dep_ in ("nsubj", "nsubjpass")
            for org in resolve(subject, ctx, ("Organization",))
            if ctx.cls(org) != "PoliticalParty"
        }
        if len(orgs) != 1:
            continue
        title = _Title(value, head, False, (token,))
        org = orgs.pop()
        for fact in _facts(person, title, [org], token, ctx, titles, "role.reported"):
            if fact[1] != "hasRole":  # the title is read already
                yield fact


def _service_heads(ctx: DocContext, facts: list[RoleFact]) -> Iterator[RoleFact]:
    """ "Ruritania's army chief, General X", "Army Chief General X": the head of a
    country's armed service (a leader title narrowed by a word of service_bodies in
    roles.json) leads the body the article names for it: "the Ruritania Army" for an army
    chief of Ruritania (the country's name or demonym and the service word), else the one
    body of that service the article names, when the title names no country."""
    titles = ctx.ontology.titles
    services = {w.lower() for w in ctx.ontology.roles.get("service_bodies", ())}
    bodies: dict[str, list[tuple[int, str | None]]] = {}
    for index, mention in enumerate(ctx.mentions):
        if not ctx.ontology.is_a(ctx.cls(index), ("Organization",)):
            continue
        words = mention.text.split()
        if words and words[0].lower() == "the":
            words = words[1:]
        if len(words) < 2 or words[-1].lower() not in services:
            continue
        country = ctx.ontology.country_names.get(fold(" ".join(words[:-1])))
        bodies.setdefault(words[-1].lower(), []).append((index, country))
    if not bodies:
        return
    countries = _states_served(ctx, facts)
    for person, predicate, _, value, token, *_ in facts:
        if predicate != "hasRole" or not value or not _held_now(value, titles):
            continue
        words = value.lower().split()
        head = _find_head(words, titles)
        if (
            head is None
            or not titles.heads[head].get("leader")
            or len(words) != len(head.split()) + 1
            or words[0] not in services
        ):
            continue
        held = bodies.get(words[0], [])
        own = countries.get(person, set())
        if own:
            held = [(i, c) for i, c in held if c in own]
        elif len({ctx.key(i) for i, _ in held}) != 1:
            continue
        for index in dict.fromkeys(i for i, _ in held):
            yield person, "leaderOf", index, None, token, "role.service-head", 0.75


def _states_served(ctx: DocContext, facts: list[RoleFact]) -> dict[int, set[str]]:
    """The gazetteer ids of the countries each person is an official or a leader of, by
    the facts read so far."""
    countries: dict[int, set[str]] = {}
    for person, predicate, obj, *_ in facts:
        if predicate in ("officialOf", "leaderOf") and obj is not None:
            gid = ctx.mentions[obj].gazetteer_id
            if ctx.cls(obj) == "Country" and gid:
                countries.setdefault(person, set()).add(gid)
    return countries


def _chamber_seats(ctx: DocContext, facts: list[RoleFact]) -> Iterator[RoleFact]:
    """ "The bill passed the Senate ... Sen. Jane Doe voted against it": a legislator
    (a title with a chamber in roles.json: a senator sits in a senate, an MP in a
    parliament) is a member of the one legislature of that name the article names. Only
    a bare title counts ("state Sen. X" may sit in another senate than the one named),
    only when the article names one such body, and not when the gazetteer puts the body
    in another country than the one the person is an official of."""
    titles = ctx.ontology.titles
    chambers: dict[str, list[int]] = {}
    for index, mention in enumerate(ctx.mentions):
        if ctx.ontology.is_a(ctx.cls(index), ("Organization",)) and mention.text:
            chambers.setdefault(mention.text.split()[-1].lower(), []).append(index)
    if not chambers:
        return
    countries = _states_served(ctx, facts)
    # a story about a state or a province: a bare "the Senate" may be its legislature
    state_story = _article_region(ctx) is not None
    for person, predicate, _, value, token, *_ in facts:
        if predicate != "hasRole" or not value:
            continue
        head = _find_head(value.lower().split(), titles)
        if head is None or head != value.lower():
            continue  # "former Senator", "state Senator": not the chamber named
        bodies = chambers.get(titles.heads[head].get("chamber", ""), [])
        if len({ctx.key(b) for b in bodies}) != 1:
            continue
        entry = ctx.ontology.entry(ctx.mentions[bodies[0]].gazetteer_id)
        own = countries.get(person, set())
        if own and entry is not None and entry.country and entry.country not in own:
            continue  # "Italian Senator X ... the U.S. Senate"
        if (
            state_story
            and len(ctx.mentions[bodies[0]].text.removeprefix("the ").split()) == 1
            and not _tagged_lawmaker(person, ctx)
        ):
            continue  # "Kansas passed ... the Senate ... Sen. X": the state's senate
        yield person, "memberOf", bodies[0], None, token, "role.chamber-seat", 0.75


def _inferred_roles(ctx: DocContext, facts: list[RoleFact]) -> list[RoleFact]:
    return list(
        dict.fromkeys(
            [
                *_counterparts(ctx, facts),
                *_anaphors(ctx, facts),
                *_held_titles(ctx, facts),
                *_article_countries(ctx, facts),
                *_leaders_speaking(ctx, facts),
                *_reported_employers(ctx, facts),
                *_service_heads(ctx, facts),
                *_chamber_seats(ctx, facts),
            ]
        )
    )


def _tagged_lawmaker(person: int, ctx: DocContext) -> bool:
    """Is the person written with the party and state tag of a member of Congress ("Sen.
    Jane Doe (D-N.Y.)", "Sen. Jane Doe, R-Texas,")?"""
    span = ctx.span(person)
    doc = ctx.doc
    if span is None or span.end + 3 >= len(doc) or doc[span.end].text not in ("(", ","):
        return False
    words = doc[span.end + 1 : span.end + 4]
    return (
        len(words[0].text) == 1
        and words[0].is_upper
        and words[1].text in ("-", "–")
        and words[2].is_title
    )


def _party_tag(token: Token) -> bool:
    """ "D-Ohio", "R-Texas", "I-Vt.": the party and state US wire copy writes after a
    lawmaker's name (a capital letter, a hyphen, the state)."""
    words = list(token.subtree)
    return (
        len(words) >= 3
        and len(words[0].text) == 1
        and words[0].is_upper
        and words[1].text in ("-", "–")
        and words[2].is_title
    )


def _appointed_titles(
    root: Token, ctx: DocContext, titles: Titles, appointing: frozenset[str]
) -> dict[Token, list[int]]:
    """ "Acme named Jane Doe chief executive", "Acme hired Jane Doe as its treasurer",
    "the board elected Jane Doe to be chairman of Acme": the titles an appointment verb
    of roles.json gives its object (done, not planned: "will name"), each with the
    organisation that made the appointment, the employer when the title names none."""
    verb = root.head
    if root.dep_ == "compound" and root.head.dep_ == "dobj":
        # "named Jane Doe publisher of X": the parser may read the name as the title's
        nouns = [root.head] if _word(root.head, titles) in titles.words else []
        verb = root.head.head
    elif root.dep_ == "dobj":
        nouns = [
            t
            for c in verb.children
            for t in (
                [c]
                if c.dep_ == "oprd"
                else [p for p in c.children if p.dep_ == "pobj"]
                if c.dep_ == "prep" and c.lower_ == "as"
                else [a for a in c.children if a.dep_ == "attr"]
                if c.dep_ == "xcomp" and c.lemma_ == "be"
                else []
            )
        ]
    else:
        return {}
    if verb.lemma_ not in appointing or any(
        c.dep_ in ("aux", "mark")
        and (
            c.lower_ == "to"
            or c.lower_ in ctx.lex.hypothetical_modals
            or c.lower_ in ctx.lex.hedge_modals
        )
        for c in verb.children
    ):
        return {}
    employers = [
        org
        for c in verb.children
        if c.dep_ == "nsubj"
        for org in resolve(c, ctx, ("Organization",))
        if ctx.cls(org) != "PoliticalParty"
    ]
    return {noun: employers[:1] for noun in nouns}


def _loose_apposition(span: Span, ctx: DocContext, titles: Titles) -> list[Token]:
    """ "said Ana Ruiz, lead research analyst at Vexa.": a title set off by a comma
    after the name that the parser read as something else (here "lead" as a verb and
    the title as its object): a phrase up to the next punctuation made of title words
    and the title's own modifiers only, then its prepositional phrase."""
    doc = span.doc
    start = span.end + 1
    if start >= span.sent.end or doc[span.end].text != ",":
        return []
    end = next(
        (t.i for t in doc[start : span.sent.end] if t.is_punct and t.text != "-"),
        span.sent.end,
    )
    phrase = doc[start:end]
    if any(t.dep_ == "appos" for t in phrase):
        return []  # an apposition the parser read (the apposition rule's)
    for token in phrase:
        if token.pos_ == "ADP" or ctx.mention_at(token) is not None:
            return []
        if (
            _word(token, titles) in titles.words
            and token.pos_ == "NOUN"
            and token.tag_ == "NN"
            and (token.i + 1 == end or doc[token.i + 1].pos_ == "ADP")
        ):
            return [token]  # the title ends here, its phrase follows
        if not (
            _word(token, titles) in titles.words
            or (token.is_lower and token.pos_ in ("NOUN", "ADJ"))
            or token.dep_ == "det"
        ):
            return []
    return []


def _fronted_titles(span: Span, ctx: DocContext, titles: Titles) -> list[Token]:
    """ "A Harvard economist, Jane Doe has argued ...", "A veteran reporter now
    representing Acme, John Roe protects ...": an indefinite title that opens the
    sentence, set off by a comma before the name of its subject (the parser makes it a
    second subject or the root)."""
    doc = span.doc
    start, comma = span.sent.start, span.start - 1
    if (
        comma - start < 2
        or doc[comma].text != ","
        or doc[start].lower_ not in ("a", "an")
        or span.root.dep_ not in ("nsubj", "nsubjpass")
    ):
        return []
    phrase = range(start, comma)
    heads = [t for t in doc[start:comma] if t.head.i not in phrase or t.head.i == t.i]
    if len(heads) != 1 or any(
        (m := ctx.mention_at(t)) is not None and ctx.cls(m) == "Person"
        for t in doc[start:comma]
    ):
        return []
    noun = heads[0]
    if noun.tag_ in ("NNS", "NNPS") or _word(noun, titles) not in titles.words:
        return []
    return [noun]


def _direct_roles(ctx: DocContext) -> Iterator[RoleFact]:
    titles = ctx.ontology.titles
    doc = ctx.doc
    seats = frozenset(ctx.ontology.roles.get("seat_bodies", ()))
    appointing = frozenset(ctx.ontology.roles.get("appointment_verbs", ()))
    for person, mention in enumerate(ctx.mentions):
        if mention.label != "Person":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        found = _premodifier_title(span, ctx, titles)
        if found is not None:
            title, affiliations, _ = found
            if not affiliations:
                # "President Hun Sen of Cambodia", "Chairman John Doe of Acme"
                affiliations = [
                    index
                    for prep in span.root.children
                    if prep.dep_ == "prep" and prep.lower_ == "of"
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                    for index in resolve(pobj, ctx, ("Country", "Organization"))
                ][:1]
            shared = _shared_country(span, title, affiliations, ctx, titles)
            for part in _split_rank(title, titles, _future_words(ctx)):
                yield from _facts(
                    person,
                    part,
                    affiliations or shared,
                    span.root,
                    ctx,
                    titles,
                    "role.shared-country" if shared else "role.premodifier",
                )
            first = title.tokens[0]
            if not affiliations and first.i > 0 and first.nbor(-1).lower_ == "the":
                # "the spokesman Ma Zhaoxu": the one an earlier sentence introduced
                yield person, ANAPHOR, None, None, title.tokens[-1], "role.anaphor", 0.0
        else:
            described = _of_title_before(span, ctx, titles)
            if described is not None:
                title, affiliations = described
                yield from _facts(
                    person,
                    title,
                    affiliations,
                    span.root,
                    ctx,
                    titles,
                    "role.title-of",
                )
            elif before := _title_before_comma(span, ctx, titles):
                for title, affiliations, works_at, noun in before:
                    yield from _facts(
                        person,
                        title,
                        affiliations,
                        noun,
                        ctx,
                        titles,
                        "role.title-before",
                        works_at=tuple(works_at),
                    )
            else:
                yield from _possessive_affiliation(span, person, ctx)
        root = span.root
        if span[-1].head.i not in range(span.start, span.end):
            # "Ursula von der Leyen, the president of ...", parsed as two conjuncts: the
            # apposition hangs on the last word of the name
            root = span[-1]
        # "Jane Doe of the Brookings Institution", "Alexander Mikheev of Rosoboronexport";
        # "Jane Doe and John Roe of Acme": the phrase after the last name is both's
        partners = [
            c
            for c in root.conjuncts
            if c.i > root.i
            and (m := ctx.mention_at(c)) is not None
            and ctx.cls(m) == "Person"
        ]
        holders = [root, *partners[-1:]]
        for prep in (
            *(
                c
                for holder in holders
                for c in holder.children
                if c.dep_ == "prep" and c.lower_ in _AFFILIATION_PREPS
            ),
            *_conjoined_phrases(root, ctx),
        ):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                orgs = resolve(pobj, ctx, ("Organization",))
                if not orgs and ctx.mention_at(pobj) is None:
                    # "of Harvard University's Kennedy School", "of the Rollei company"
                    orgs = [
                        i
                        for c in pobj.children
                        if c.dep_ in ("poss", "compound")
                        for i in resolve(c, ctx, ("Organization",))
                    ]
                elif orgs:
                    orgs += [
                        i
                        for c in pobj.children
                        if c.dep_ == "poss"
                        for i in resolve(c, ctx, ("Organization",))
                    ]
                for org in orgs:
                    if ctx.cls(org) != "PoliticalParty":
                        yield (
                            person,
                            "worksFor",
                            org,
                            None,
                            prep,
                            "role.of-organization",
                            0.7,
                        )
        yield from _heads_clause(root, person, ctx)
        for child in root.children:
            party = ctx.mention_at(child)
            if (
                child.dep_ == "appos"
                and party is not None
                and ctx.cls(party) == "PoliticalParty"
            ):
                yield (
                    person,
                    "memberOf",
                    party,
                    None,
                    child,
                    "role.apposition.party",
                    0.75,
                )
                # "Sen. X, the top Democrat on the Foreign Relations Committee": who
                # sits "on" a committee or a board belongs to it
                for body in (
                    i
                    for prep in child.children
                    if prep.dep_ == "prep" and prep.lower_ == "on"
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                    and (i := ctx.mention_at(pobj)) is not None
                    and ctx.ontology.is_a(ctx.cls(i), ("Organization",))
                    and ctx.mentions[i].name.split()[-1].lower() in seats
                ):
                    yield (
                        person,
                        "memberOf",
                        body,
                        None,
                        child,
                        "role.apposition.seat",
                        0.7,
                    )
            if child.dep_ == "appos" and party is None:
                for grandchild in child.children:
                    party = ctx.mention_at(grandchild)
                    if (
                        grandchild.dep_ in ("amod", "compound")
                        and party is not None
                        and ctx.cls(party) == "PoliticalParty"
                    ):
                        yield (
                            person,
                            "memberOf",
                            party,
                            None,
                            child,
                            "role.apposition.party",
                            0.75,
                        )
        nouns: list[tuple[Token, str]] = [
            (c, "role.apposition") for c in root.children if c.dep_ == "appos"
        ]
        # "Sen. Jane Doe, D-Ohio, chairman of the Banking Committee": the parser hangs
        # the title on the party-and-state tag
        nouns += [
            (c, "role.apposition")
            for tag in root.children
            if tag.dep_ == "appos" and _party_tag(tag)
            for c in tag.children
            if c.dep_ == "appos"
        ]
        # "X, leader of A and vice-president of B", when the parser makes the second
        # title an apposition of the first
        nouns += [
            (c, "role.apposition")
            for n, _ in list(nouns)
            for c in n.children
            if c.dep_ == "appos" and c.pos_ == "NOUN"
        ]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            nouns.append((root.head, "role.apposition"))
        # "X, one of the secretaries of the Y Party": the plural title "one" is one of
        nouns += [
            (pobj, rule)
            for n, rule in list(nouns)
            if n.lower_ == "one"
            for pobj in n.subtree
            if _counted(pobj) and one_of(pobj) == n
        ]
        for relcl in (
            c for c in root.children if c.dep_ == "relcl" and c.lemma_ == "be"
        ):
            nouns += [
                (c, "role.relative-copula") for c in relcl.children if c.dep_ == "attr"
            ]
        if root.dep_ == "nsubj" and root.head.lemma_ in ("be", "become", "remain"):
            nouns += [
                (c, "role.copula") for c in root.head.children if c.dep_ == "attr"
            ]
        # "X resigned to become county clerk", "X, a Republican who quit to become
        # county clerk": who left a post for another holds it
        verbs = [root.head] if root.dep_ == "nsubj" else []
        verbs += [
            c
            for n in (root, *(a for a in root.children if a.dep_ == "appos"))
            for c in n.children
            if c.dep_ == "relcl"
        ]
        nouns += [
            (c, "role.copula")
            for verb in verbs
            if verb.lemma_ in ("resign", "leave", "quit", "step", "retire", "depart")
            for x in verb.children
            if x.dep_ in ("xcomp", "advcl")
            and x.lemma_ == "become"
            and not any(d.dep_ in ("nsubj", "nsubjpass") for d in x.children)
            for c in x.children
            if c.dep_ == "attr"
        ]
        if root.dep_ == "nsubjpass" and root.head.lemma_ in appointing:
            # "X was elected president of Y", "X was appointed as envoy"
            nouns += [
                (c, "role.appointed")
                for c in root.head.children
                if c.dep_ in ("oprd", "attr", "xcomp")
            ]
            nouns += [
                (p, "role.appointed")
                for c in root.head.children
                if c.dep_ == "prep" and c.lower_ == "as"
                for p in c.children
                if p.dep_ == "pobj"
            ]
        appointed = _appointed_titles(root, ctx, titles, appointing)
        nouns += [(noun, "role.appointed") for noun in appointed]
        if root.dep_ == "nsubj" and root.head.lemma_ in ("serve", "act", "work"):
            nouns += [
                (p, "role.serves-as")
                for c in root.head.children
                if c.dep_ == "prep" and c.lower_ == "as"
                for p in c.children
                if p.dep_ == "pobj"
            ]
        for relcl in (
            c
            for c in root.children
            if c.dep_ == "relcl" and c.lemma_ in ("serve", "act", "work")
        ):
            nouns += [
                (p, "role.serves-as")
                for c in relcl.children
                if c.dep_ == "prep" and c.lower_ == "as"
                for p in c.children
                if p.dep_ == "pobj"
            ]
        nouns += [(n, "role.fronted") for n in _fronted_titles(span, ctx, titles)]
        if not nouns:
            nouns += [
                (n, "role.apposition") for n in _loose_apposition(span, ctx, titles)
            ]
        # "a climate scientist and former Mexico City mayor": every conjunct is a title
        # (not of a name in apposition: "his wife, Jane Doe and the deputy secretary of
        # X, John Roe" lists two people; nor one with a name of its own: "his wife, Jane
        # Doe, and the deputy secretary of X, John Roe" is Roe's title, not Doe's)
        nouns += [
            (c, rule)
            for noun, rule in list(nouns)
            if not _names_person(noun, ctx)
            for c in noun.conjuncts
            if c.i > noun.i
            and c.dep_ == "conj"
            and not any(a.dep_ == "appos" and _names_person(a, ctx) for a in c.children)
        ]
        # "a professor at Queens College and honorary president of the Socialist
        # International": the parser joins the second title to the first's organisation
        nouns += [
            (c, rule)
            for noun, rule in list(nouns)
            for prep in noun.children
            if prep.dep_ == "prep"
            for pobj in prep.children
            if pobj.dep_ == "pobj" and ctx.mention_at(pobj) is not None
            for c in pobj.children
            if c.dep_ == "conj"
            and c.pos_ == "NOUN"
            and c.is_lower
            and _word(c, titles) in titles.heads
            and ctx.mention_at(c) is None
        ]
        for noun, rule in nouns:
            if noun.pos_ not in ("NOUN", "PROPN") or ctx.mention_at(noun) is not None:
                continue
            described = _noun_title(noun, ctx, titles)
            if described is not None:
                title, affiliations, works_at = described
                if noun in appointed and not affiliations and not works_at:
                    works_at = appointed[noun]
                yield from _facts(
                    person,
                    title,
                    affiliations,
                    noun,
                    ctx,
                    titles,
                    rule,
                    works_at=tuple(works_at),
                )
