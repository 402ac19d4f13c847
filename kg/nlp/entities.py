"""Entities: spaCy's entities (after the gazetteer) become typed, normalised mentions.

A mention's class comes, in order of trust, from the gazetteer, from its context (an outlet that
is "told" something or that "reported" it is a MediaOrganization, a designator next to a weapon
noun is a WeaponSystem), from words in the name ("... Party", "... Ministry"), and last from the
model's label. A capital or seat of government acting in politics is the state (metonymy).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.model import Mention
from kg.names import fold
from kg.resources import Ontology

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_ACRONYM = re.compile(r"^[A-Z]{2,}$")
_DESIGNATOR = re.compile(r"^[A-Z][A-Za-z]{0,3}-?\d{1,4}[A-Z]{0,2}s?$")


def clean_name(text: str, *, honorifics: frozenset[str] = frozenset()) -> str:
    """Strip a leading article, a possessive and leading honorifics from a surface form."""
    text = " ".join(text.split())
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    text = _POSSESSIVE.sub("", text).strip()
    words = text.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in honorifics:
        words = words[1:]
    return " ".join(words).strip(" ,;:-–—\"“”'‘’()[]")


def _class_from_words(name: str, label: str, ontology: Ontology) -> str | None:
    """A subclass from the name's head word: "... Party", "... Ministry", "... Air Base"."""
    words = name.split()
    if not words:
        return None
    lex = ontology.lexicon
    last = words[-1].casefold().strip(".,")
    lowered = {w.casefold().strip(".,") for w in words}
    if (
        last in lex["place_facility_words"]
        and words[-1][0].isupper()
        and len(words) > 1
    ):
        return "Facility"
    if label == "ORG":
        if lowered & set(lex["org_state_words"]):
            return "GovernmentBody"  # "Undersecretariat for Defense Industries" is no company
        if last in lex["org_party_words"]:
            return "PoliticalParty"
        if last in lex["org_media_words"] or (
            lowered & {"news", "press"} and last in ("agency", "service")
        ):
            return "MediaOrganization"
        if last in lex["org_government_words"]:
            return "GovernmentBody"
        if last in lex["org_armed_words"]:
            return "ArmedGroup"
        if last in lex["org_company_words"]:
            return "Company"
    if label in ("GPE", "LOC"):
        if last in lex["place_region_words"]:
            return "Region"
        if last in lex["place_city_words"]:
            return "City"
    return None


def is_locative(token: Token, ontology: Ontology) -> bool:
    """Is this place name used as a location ("in Ankara") rather than as an actor?"""
    meto = ontology.lexicon["metonymy"]
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    dep = token.dep_
    head = token.head
    if dep == "nsubj":
        return head.lemma_.lower() in meto["physical_verbs"]
    if dep == "nsubjpass":
        return True
    if dep == "dobj":
        return head.lemma_.lower() not in meto["political_object_verbs"]
    if dep == "poss":
        return head.lemma_.lower() in meto["place_part_nouns"]
    if dep in ("compound", "nmod", "amod"):
        return head.lemma_.lower() not in ontology.lexicon["group_nouns"]
    if dep == "pobj":
        prep = head.lower_
        if prep in meto["actor_preps"]:
            return prep == "by" and head.head.lemma_.lower() in meto["place_part_nouns"]
        if prep in ("to", "from", "of"):
            return head.head.lemma_.lower() not in meto["relational_nouns"]
        return True
    if dep == "appos":
        return True
    return dep not in ("agent",)


def _media_context(span: Span, ontology: Ontology) -> bool:
    """An outlet quoted as a source: told X, X reported, according to X, newspaper X..."""
    lex = ontology.lexicon
    root = span.root
    head = root.head
    if root.dep_ == "dobj" and head.lemma_ == "tell":
        return True
    if root.dep_ == "nsubj" and head.lemma_ in lex["media_verbs"]:
        return True
    if root.dep_ == "pobj" and head.head.lemma_ in (
        "interview",
        "quote",
        "report",
        "cite",
    ):
        return True
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if (
        root.dep_ == "pobj"
        and head.lower_ == "by"
        and head.head.lemma_ in ("report", "quote", "cite")
    ):
        return True
    nouns = set(lex["media_nouns"])
    if root.dep_ in ("appos", "compound", "nmod") and head.lemma_.lower() in nouns:
        return True
    return any(
        child.dep_ in ("appos", "compound", "nmod", "amod")
        and child.lemma_.lower() in nouns
        for child in root.children
        if not (span.start <= child.i < span.end)
    ) or any(
        t.lemma_.lower() in nouns
        for t in span.doc[max(span.start - 3, 0) : span.start]
        if t.pos_ == "NOUN"
    )


def _looks_like_org(name: str) -> bool:
    return any(_ACRONYM.match(w) for w in name.split())


def mention_for_span(span: Span, ontology: Ontology) -> Mention | None:
    """Make a Mention of one entity span, or None when it is not a node of the graph."""
    honorifics = frozenset(ontology.lexicon["honorifics"])
    doc = span.doc
    if (
        not span.kb_id_
        and span.label_ in ("ORG", "FAC", "PERSON")
        and span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and not span[-1].whitespace_
        and not doc[span.end].whitespace_
        and doc[span.end + 1].is_alpha
        and doc[span.end + 1].pos_ in ("NOUN", "PROPN")
    ):
        # "Military Counter" of "Military Counter-intelligence": a name does not end
        # inside a hyphenated noun (but "Hamas-led", "Acme-based" are no part of it)
        span = Span(doc, span.start, span.end + 2, label=span.label_)
    entry = (
        ontology.entry(span.kb_id_)
        if span.kb_id_ and not span.kb_id_.startswith("pattern:")
        else None
    )
    text = span.text
    name = clean_name(text, honorifics=honorifics)
    if not name or not any(c.isalpha() for c in name):
        return None
    if entry is None and not span.kb_id_:
        words = name.split()
        if not any(c.isupper() for c in name):
            return None  # "designate", "foreign ministry": names are capitalised
        if len(words) >= 4 and name.isupper():
            return (
                None  # "KNOLL TO BUY AMERICAN SAVINGS": a shouted headline, not a name
            )
    start, end = span.start_char, span.end_char
    if entry is not None:
        if span.label_ == "NORP":
            root = span.root
            if (
                len(span) == 1
                and root.tag_ in ("NNP", "NN")
                and root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
                and not any(c.dep_ == "det" for c in root.children)
            ):
                # "American will acquire six aircraft": a nationality word standing alone
                # as an argument names a company or a person, not the country
                return None
            return Mention(
                start, end, text, entry.cls, entry.name, entry.id, "gazetteer.demonym"
            )
        target = entry.capital_of or entry.seat_of
        if target and not is_locative(span.root, ontology):
            country = ontology.entry(target)
            if country is not None:
                rule = "metonymy.capital" if entry.capital_of else "metonymy.seat"
                return Mention(
                    start, end, text, country.cls, country.name, country.id, rule
                )
        return Mention(start, end, text, entry.cls, entry.name, entry.id, "gazetteer")
    if span.kb_id_.startswith("pattern:"):
        rule = span.kb_id_.removeprefix("pattern:")
        cls = next(
            (p["class"] for p in ontology.entity_patterns if p["id"] == rule), "Product"
        )
        return Mention(start, end, text, cls, designator_name(name), None, rule)
    cls = ontology.label_map.get(span.label_)
    if cls is None:
        return None
    if all(w.casefold().strip(".") in ontology.titles.name_words for w in name.split()):
        return None  # "Defense" in "US Defense Secretary": part of a title, not an organisation
    rule = "ner"
    if span.label_ == "PERSON":
        # "Commissioner Hildemaro Jose Rodriguez Mucura": a title the model took into the name
        words = name.split()
        while (
            len(words) > 2 and words[0].casefold().strip(".") in ontology.titles.words
        ):
            words = words[1:]
        name = " ".join(words)
    if span.label_ == "ORG":
        # "Turkey's Defense Industry" is the Defense Industry of Turkey: the country is a
        # mention of its own (see _country_prefixes), the name is the rest
        owner = re.match(r"^(.{2,40}?)['’]s\s+(.+)$", name)
        if owner and fold(owner.group(1)) in ontology.country_names:
            name = owner.group(2)
    refined = _class_from_words(name, span.label_, ontology)
    # "Cofab buys Gulfex": a name the model took for a place, bought, is a company
    bought = (
        span.label_ in ("GPE", "LOC")
        and refined is None
        and span.root.dep_ in ("dobj", "nsubjpass")
        and span.root.head.lemma_.lower() in ontology.frame_lemmas("buy.verb")
    )
    if span.label_ in ("GPE", "LOC"):
        words = name.split()
        if (
            len(words) > 1
            and words[-1].islower()
            and words[-1] in ontology.lexicon["place_region_words"]
        ):
            # "Khyber Pakhtunkhwa province" -> "Khyber Pakhtunkhwa"
            name = " ".join(words[:-1])
    # a person "told" something is a person; an outlet is told things and has an outlet's name
    outlet_like = (
        span.label_ != "PERSON"
        or _looks_like_org(name)
        or any(
            w.casefold() in ontology.lexicon["media_name_words"] for w in name.split()
        )
    )
    if (
        span.label_ in ("ORG", "PERSON", "PRODUCT")
        and outlet_like
        and _media_context(span, ontology)
    ):
        return Mention(
            start, end, text, "MediaOrganization", name, None, "context.media"
        )
    if span.label_ == "PERSON" and _looks_like_org(name):
        cls, rule = "Organization", "shape.acronym"
    if _DESIGNATOR.match(name) and span.label_ in ("ORG", "PERSON", "PRODUCT", "GPE"):
        return None  # a bare designator without a weapon noun: typed by propagation or not at all
    if refined:
        cls, rule = refined, "name.words"
    if bought:
        cls, rule = "Company", "context.bought"
    return Mention(start, end, text, cls, name, None, rule)


def _propagate_designators(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A designator typed as a weapon once ("CJ-10 cruise missile") is one everywhere in the
    article, also in plural ("S-400s") and without the hyphen ("S400")."""
    known = {
        fold(m.name).replace(" ", ""): m.label
        for m in mentions
        if m.label in ("WeaponSystem", "Product") and _DESIGNATOR.match(m.name)
    }
    known |= {k[:-1]: v for k, v in known.items() if k.endswith("s")}
    taken = {(m.start, m.end) for m in mentions}
    extra = []
    for token in doc if known else ():  # most articles name no designator: no scan
        if not _DESIGNATOR.match(token.text):
            continue
        key = fold(token.text).replace(" ", "")
        label = known.get(key) or known.get(key.rstrip("s"))
        if label:
            covered = any(m.start <= token.idx < m.end for m in mentions)
            if not covered and (token.idx, token.idx + len(token.text)) not in taken:
                extra.append(
                    Mention(
                        token.idx,
                        token.idx + len(token.text),
                        token.text,
                        label,
                        designator_name(token.text),
                        None,
                        "propagated.designator",
                    )
                )
    return sorted([*mentions, *extra], key=lambda m: (m.start, m.end))


def designator_name(name: str) -> str:
    """ "S-400s" and "S400" name the system "S-400"; "Boeing 747-400s" the "Boeing 747-400"."""
    if re.search(r"\d[A-Za-z]{0,3}s$", name) and " " in name:
        return name[:-1]
    if _DESIGNATOR.match(name):
        if name.endswith("s") and name[-2].isdigit():
            name = name[:-1]
        name = re.sub(r"^([A-Za-z]+)(\d)", r"\1-\2", name)
    return name


def _extend_places(doc: Doc, ontology: Ontology) -> None:
    """ "Dera" + "Ismail Khan District": the model often stops a place name early; extend it
    over capitalised words up to a place word (District, Province, Air Base)."""
    lex = ontology.lexicon
    words = set(lex["place_region_words"]) | set(lex["place_facility_words"])
    spans = list(doc.ents)
    changed = False
    for i, ent in enumerate(spans):
        if ent.label_ not in ("GPE", "LOC", "FAC", "ORG") or ent.kb_id_:
            continue
        limit = min(spans[i + 1].start if i + 1 < len(spans) else len(doc), ent.end + 4)
        j = ent.end
        while j < limit and doc[j].is_title:
            if doc[j].lower_ in words:
                label = "FAC" if doc[j].lower_ in lex["place_facility_words"] else "GPE"
                spans[i] = Span(doc, ent.start, j + 1, label=label)
                changed = True
                break
            j += 1
    if changed:
        doc.ents = filter_spans(spans)


def _towns_before_regions(doc: Doc, ontology: Ontology) -> None:
    """ "Twin Falls, Idaho", "Kings Bay, Ga.;": a name the model took for a person or an
    organisation is a town when a comma and a state or province close it (the region is
    followed by punctuation or the end of the sentence, so "Smith, Ohio's governor" is
    left alone); "Peggy Doe of Batavia, N.Y." is a person and her town."""
    lex = ontology.lex
    kinds = (
        lex.org_name_words
        | lex.org_government_words
        | lex.org_company_words
        | lex.org_state_words
    )
    ents = list(doc.ents)
    spans: list[Span] = []
    for i, ent in enumerate(ents):
        spans.append(ent)
        region = ents[i + 1] if i + 1 < len(ents) else None
        if region is None or ent.label_ not in ("PERSON", "ORG") or ent.kb_id_:
            continue
        if region.start != ent.end + 1 or doc[ent.end].text != ",":
            continue
        if not all(t.is_title or t.lower_ in ("-", "of") for t in ent):
            continue
        if ent.label_ == "ORG" and any(
            t.lower_ in ("of", "the") or t.lower_.strip(".") in kinds for t in ent
        ):
            continue  # "the Bank of America, Calif.", "Acme Corp., Ohio": a body
        entry = ontology.entry(region.kb_id_) or ontology.dateline_place(region.text)
        if entry is None or entry.cls != "Region":
            continue  # a country after a person is often a team or a delegation
        after = doc[region.end] if region.end < len(doc) else None
        if after is not None and not (after.is_punct and after.text != "'s"):
            continue
        if ent.sent.start != region.sent.start:
            continue
        of = next((t.i for t in ent if t.lower_ == "of"), None)
        if ent.label_ == "PERSON" and of is not None and of > ent.start:
            # "Peggy Doe of Batavia, N.Y.": the person, then the town she is from
            spans[-1:] = [
                Span(doc, ent.start, of, label="PERSON"),
                Span(doc, of + 1, ent.end, label="GPE"),
            ]
        else:
            spans[-1] = Span(doc, ent.start, ent.end, label="GPE")
    if spans != ents:
        doc.ents = spans


def _is_country(span: Span, ontology: Ontology) -> bool:
    entry = ontology.entry(span.kb_id_)
    return entry is None or entry.cls == "Country"


def _extend_people(doc: Doc, ontology: Ontology) -> None:
    """ "Manuel Ricardo" + "Cristopher Figuera", "Manuel Salvador" + "Quevedo Fernandez": the
    model sometimes stops a long name early or leaves out a first name that is also a
    place's; extend a person's name over the capitalised names that are compounds of it
    (never over a job title: "President Nicolas Maduro")."""
    titles = ontology.titles.words | ontology.lex.honorifics
    spans = list(doc.ents)
    changed = False

    def name_word(token: Token) -> bool:
        return (
            token.pos_ == "PROPN"
            and token.is_title
            and token.is_alpha
            and token.lower_ not in titles
        )

    for i, ent in enumerate(spans):
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        after = nxt.start if nxt is not None else len(doc)
        if nxt is not None and nxt.label_ == "PERSON" and nxt.start == end:
            after = nxt.end  # "Manuel Salvador" + "Quevedo Fernandez": one name
        head = ent[-1].head
        if (
            ent[-1].dep_ == "compound"
            and end <= head.i < min(after, end + 3)
            and all(name_word(t) for t in doc[end : head.i + 1])
        ):
            end = head.i + 1
        before = spans[i - 1].end if i > 0 else 0
        while (
            start > 0
            and start - ent.start > -3
            and name_word(doc[start - 1])
            and doc[start - 1].dep_ == "compound"
            and start <= doc[start - 1].head.i < end
        ):
            start -= 1
        if any(
            s.end > start
            and (s.label_ not in ("GPE", "LOC") or _is_country(s, ontology))
            for s in spans[:i]
        ):
            start = before  # only a town's name is taken into a person's ("Salvador")
        if (start, end) != (ent.start, ent.end):
            spans[i] = Span(doc, start, end, label="PERSON")
            changed = True
    if changed:
        doc.ents = filter_spans(spans)


def _organisations_before_titles(doc: Doc, ontology: Ontology) -> None:
    """ "Center for Strategic Studies Director Ivan Konovalov": the model finds the person but
    not the organisation; a capitalised name with an organisation word, right before a job
    title before a person, is one."""
    titles = ontology.titles.name_words
    org_words = set(ontology.lexicon["org_name_words"])
    spans = list(doc.ents)
    taken = {t.i for ent in spans for t in ent}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        i = ent.start - 1
        while i >= 0 and doc[i].lower_ in titles and doc[i].is_title:
            i -= 1
        if i == ent.start - 1:
            continue
        end = i + 1
        while (
            i >= 0
            and i not in taken
            and (doc[i].is_title or doc[i].lower_ in ("for", "of", "and", "on"))
        ):
            i -= 1
        start = i + 1
        while start < end and not doc[start].is_title:
            start += 1
        name = doc[start:end]
        if len(name) >= 2 and {t.lower_ for t in name} & org_words:
            spans.append(Span(doc, start, end, label="ORG"))
    doc.ents = filter_spans(spans)


def _country_prefixes(
    doc: Doc, mentions: list[Mention], ontology: Ontology
) -> list[Mention]:
    """ "US Treasury", "Russian Defence Ministry": the country at the start of an
    organisation's name is a mention of its own, so facts can point at it."""
    names = ontology.country_names
    extra = []
    for mention in mentions:
        if not ontology.is_a(mention.label, ("Organization",)) or ontology.is_a(
            mention.label, ("MediaOrganization", "PoliticalParty")
        ):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) < 2:
            continue
        start = 1 if span[0].lower_ == "the" else 0
        for size in (3, 2, 1):
            if start + size >= len(span):
                continue
            prefix = span[start : start + size]
            if prefix[-1].lower_ in ("'s", "’s"):
                prefix = prefix[:-1]
            country = ontology.entry(names.get(fold(prefix.text)))
            if country is not None:
                rule = (
                    "gazetteer.demonym"
                    if prefix.text in country.demonyms
                    else "gazetteer.name-prefix"
                )
                extra.append(
                    Mention(
                        prefix.start_char,
                        prefix.end_char,
                        prefix.text,
                        "Country",
                        country.name,
                        country.id,
                        rule,
                    )
                )
                break
    return sorted([*mentions, *extra], key=lambda m: (m.start, m.end))


def _portfolios_before_titles(doc: Doc, ontology: Ontology) -> None:
    """ "Petroleum and Natural Gas Minister": the model calls the portfolio an organisation;
    a name right before a job title, with no organisation word and unknown to the gazetteer,
    is part of the title."""
    titles = ontology.titles.name_words
    org_words = set(ontology.lexicon["org_name_words"]) | {
        "inc",
        "corp",
        "corporation",
        "ltd",
        "llc",
        "plc",
        "holdings",
    }
    # a portfolio comes before a minister's or a secretary's title; "GE spokesman",
    # "Acme Airlines president" name the organisation (roles.json portfolio_heads)
    portfolio = set(ontology.roles.get("portfolio_heads", ()))

    def named(ent: Span) -> bool:
        words = [t for t in ent if t.text not in ("the", "The")]
        return doc[ent.end].lower_ not in portfolio and (
            all(_ACRONYM.match(t.text.replace(".", "")) for t in words)
            or (len(words) > 1 and all(t.is_title and t.is_alpha for t in words))
        )

    kept = [
        ent
        for ent in doc.ents
        if not (
            ent.label_ == "ORG"
            and not ent.kb_id_
            and ent.end < len(doc)
            and doc[ent.end].lower_ in titles
            and not {t.lower_ for t in ent} & org_words
            and not named(ent)
        )
    ]
    if len(kept) != len(doc.ents):
        doc.ents = kept


def extract_mentions(doc: Doc, ontology: Ontology) -> list[Mention]:
    """All mentions of one parsed article, in text order."""
    _extend_places(doc, ontology)
    _towns_before_regions(doc, ontology)
    _extend_people(doc, ontology)
    _portfolios_before_titles(doc, ontology)
    _organisations_before_titles(doc, ontology)
    mentions = [
        m
        for m in (mention_for_span(ent, ontology) for ent in doc.ents)
        if m is not None
    ]
    mentions = _country_prefixes(doc, _propagate_designators(doc, mentions), ontology)
    return _implicit_forces(doc, mentions, ontology)


def _implicit_forces(
    doc: Doc, mentions: list[Mention], ontology: Ontology
) -> list[Mention]:
    """ "The military arrested the president", "the country's army": a state's armed forces
    named only by a definite noun are the forces of the country the article is about so
    far (the one it names most), as "<Demonym> military" (Malian military)."""
    nouns = ontology.lex.armed_forces_nouns
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added: list[Mention] = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in nouns:
            continue
        if token.tag_ in ("NNS", "NNPS") or token.idx in covered:
            continue
        if any(t.idx in covered for t in token.subtree if t is not token):
            continue  # "the Malian army", "Mali's military": named, or a metonym
        words = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
        owner = [c for c in token.children if c.dep_ == "poss"]
        definite = "the" in words or (
            owner and owner[0].lemma_.lower() in ("country", "nation", "state")
        )
        if not definite or any(c.dep_ in ("amod", "compound") for c in token.lefts):
            continue
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        for m in mentions:
            if m.start < token.idx and m.label == "Country" and m.gazetteer_id:
                counts[m.gazetteer_id] = counts.get(m.gazetteer_id, 0) + 1
                last[m.gazetteer_id] = m.start
        if not counts:
            continue
        country = max(counts, key=lambda c: (counts[c], last[c]))
        entry = ontology.entry(country)
        if entry is None or not entry.demonyms:
            continue
        added.append(
            Mention(
                token.idx,
                token.idx + len(token.text),
                token.text,
                "GovernmentBody",
                f"{entry.demonyms[0]} military",
                None,
                "implicit.armed-forces",
            )
        )
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def token_index(doc: Doc, mentions: Iterable[Mention]) -> dict[int, int]:
    """Map each token inside a mention to the mention's position in `mentions`."""
    index: dict[int, int] = {}
    for i, mention in enumerate(mentions):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            index.setdefault(token.i, i)
    return index


def parenthetical_pairs(doc: Doc, mentions: list[Mention]) -> list[tuple[int, int]]:
    """ "Justice and Development Party (AK Party)": the bracketed name is an abbreviation of
    the one before it (Schwartz & Hearst 2003 look for the same pattern)."""
    index = token_index(doc, mentions)
    pairs = []
    for token in doc:
        if token.text != "(" or token.i == 0 or token.i + 2 >= len(doc):
            continue
        before = index.get(token.i - 1)
        inside = index.get(token.i + 1)
        if before is None or inside is None or before == inside:
            continue
        closing = next(
            (t for t in doc[token.i + 1 : token.i + 8] if t.text == ")"), None
        )
        inner = mentions[inside]
        if (
            closing is None
            or doc.char_span(inner.start, inner.end, alignment_mode="expand").end
            != closing.i
        ):
            continue
        outer = mentions[before]
        initials = "".join(w[0] for w in outer.name.split() if w[0].isupper())
        if (
            inner.name.replace(" ", "").isupper()
            or inner.name.split()[0] == initials[: len(inner.name.split()[0])]
            or len(inner.name) < len(outer.name)
        ):
            pairs.append((before, inside))
    return pairs
