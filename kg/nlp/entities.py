"""Entities: spaCy's entities (after the gazetteer) become typed, normalised mentions.

A mention's class comes, in order of trust, from the gazetteer, from its context (an outlet that
is "told" something or that "reported" it is a MediaOrganization, a designator next to a weapon
noun is a WeaponSystem), from words in the name ("... Party", "... Ministry"), and last from the
model's label. A capital or seat of government acting in politics is the state (metonymy).
The noun that describes a name types it where the gazetteer does not know it ("the region of
X", "cities such as A, B and C", "analytics firm X", "an analyst at X", "X, the venue",
"X shares"), and the type holds for the name's other mentions in the article; a name headed
by a word for a body ("... Society", "Association of ...", "... Court") is never a place. A
short name of a gazetteer entry takes its identity where the story shows which one it is
("SOM" beside "SOM missile", "Congress" in a story about the United States). The text
equates two names by brackets ("African Union (AU)") or by giving another name ("X, also
known as Y").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.model import Mention
from kg.names import NAME_SUFFIXES, ORDINAL_FIGURES, fold
from kg.resources import GazetteerEntry, Ontology

_POSSESSIVE = re.compile(r"(?:['’][sS]|['’])$")  # "Turkey's", "TURKEY'S"
_ACRONYM = re.compile(r"^[A-Z]{2,}$")
_DESIGNATOR = re.compile(r"^[A-Z][A-Za-z]{0,3}-?\d{1,4}[A-Z]{0,2}s?$")
# the head word of a building's name in languages that put it first: "Palais Coburg",
# "Palazzo Chigi", "Schloss Elmau"
_FACILITY_HEADS = frozenset(
    {
        "palais",
        "palazzo",
        "palacio",
        "palácio",
        "schloss",
        "chateau",
        "château",
        "castello",
    }
)
# the head word of a military post's name, which no person's name starts with: "Fort
# Dunmore" (WordNet fort.n.01); a town named so is the gazetteer's or the model's place
_POST_HEADS = frozenset({"fort"})
# a noun in apposition that makes a name a building or a site: "X, the venue for the talks"
_FACILITY_NOUNS = frozenset({"venue", "hotel", "palace", "compound", "residence"})
# nouns for people who work at an organisation: "an analyst at X", "economists at X"
_STAFF_NOUNS = frozenset(
    {
        "analyst",
        "economist",
        "strategist",
        "researcher",
        "banker",
        "trader",
        "engineer",
        "scientist",
        "consultant",
        "partner",
        "executive",
        "director",
        "manager",
        "head",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    }
)
# what only a company has: "Leica shares", "shares of X", "X's stockholders"
_EQUITY_NOUNS = frozenset(
    {"share", "stock", "shareholder", "stockholder", "shareprice", "share-price"}
)
# words for a body that also end names of states or buildings: "Soviet Union", "Government
# House", "Popular Front" (a party, or a front line)
_NOT_BODY_HEADS = frozenset({"union", "house", "front", "watch", "department"})
# company nouns that also name other things: "the rebel group", "the aircraft carrier"
_NOT_COMPANY_NOUNS = frozenset(
    {"group", "carrier", "champion", "operator", "developer"}
)
# words that give another name of the name before them: "X, also known as Y", "X, alias
# Y"; the name follows at once ...
_OTHER_NAME_VERB = (
    r"(?:(?:also|better|formerly|widely|otherwise) )?known as"
    r"|a\.?k\.?a\.?|nicknamed|alias"
)
# ... or a noun for another name, which a clause may follow: "calling X by the nom de guerre
# he used as a fighter, 'Y'"
_OTHER_NAME_NOUN = r"nick-?name|noms?[- ]de[- ](?:guerre|plume)|pseudonym|moniker"
_OTHER_NAME_CUE = re.compile(
    rf"\b(?:(?P<verb>{_OTHER_NAME_VERB})|(?P<noun>{_OTHER_NAME_NOUN}))(?!\w)",
    re.IGNORECASE,
)
# what may stand between a name and the cue for its other name: "X, better known by his
# nom de guerre", "X (also known as", "calling X by the nickname"
_BEFORE_CUE = re.compile(
    r"^[\s,(“\"'‘]*(?:(?:also|better|formerly|widely|known|by|under|the|his|her|their|its"
    r"|a|an|who|is|was|goes|went)[\s,]+)*$",
    re.IGNORECASE,
)
# ... and between the cue and the other name: quotes, an article
_AFTER_VERB_CUE = re.compile(r"^[\s,:“\"'‘]*(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
# the other name after a noun for it follows within its clause: "the nom de guerre he
# used as a fighter, 'Y'"
_AFTER_NOUN_CHARS = 60
# words after a weapon's short name in its full name: "SOM cruise missile"
_WEAPON_TAIL = frozenset({"cruise", "ballistic", "system", "systems", "family"})


def clean_name(text: str, *, honorifics: frozenset[str] = frozenset()) -> str:
    """Strip a leading article, a possessive and leading honorifics from a surface form."""
    text = " ".join(text.split())
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    text = re.sub(r"^(?:a|an)\s+(?=[A-Z])", "", text)  # "a New York Stock Exchange"
    text = _POSSESSIVE.sub("", text).strip()
    if "(" in text and ")" not in text.split("(")[-1]:
        # "Coffee Organization (ICO": a name cut inside its brackets
        text = text.rsplit("(", 1)[0].strip()
    words = text.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in honorifics:
        words = words[1:]
    return " ".join(words).strip(" ,;:-–—\"“”'‘’()[]")


def _state_service(words: list[str], ontology: Ontology) -> bool:
    """ "Ruritania Army", "the Nigerian police", "Ruritanian military": a country's name or
    demonym and a word for an armed or security service (roles.json service_bodies,
    lexicon armed_forces_nouns) name that state's service, a government body (kg.ttl
    keeps ArmedGroup for non-state forces)."""
    if words and words[0].casefold() == "the":
        words = words[1:]
    services = {w.lower() for w in ontology.roles.get("service_bodies", ())}
    return (
        len(words) >= 2
        and words[-1].casefold() in services | ontology.lex.armed_forces_nouns
        and fold(" ".join(words[:-1])) in ontology.country_names
    )


def _class_from_words(name: str, label: str, ontology: Ontology) -> str | None:
    """A subclass from the name's head word: "... Party", "... Ministry", "... Air Base"."""
    words = name.split()
    if not words:
        return None
    lex = ontology.lex
    last = words[-1].casefold().strip(".,")
    lowered = {w.casefold().strip(".,") for w in words}
    if (
        (last in lex.place_facility_words and words[-1][0].isupper() and len(words) > 1)
        or (len(words) > 1 and words[0].casefold() in _FACILITY_HEADS)
        or (
            len(words) > 1
            and words[0].casefold() in _POST_HEADS
            and label not in ("GPE", "LOC")
        )
    ):
        return "Facility"
    if (
        len(words) > 1
        and words[-1].isdigit()
        and words[-2].casefold() in lex.place_region_words
    ):
        return "Region"  # "District 87", "Prefecture 3": an area by its number
    words_of = ontology.lex
    if (
        len(words) > 1
        and words[0].casefold() in lex.place_city_heads
        and label not in ("GPE", "LOC")
    ):
        return "City"  # "Ciudad Marrero": a town named with the word for a town first
    if "-" in words[-1].strip("-") and fold(words[-1].split("-")[-1]) in (
        lex.org_media_words
    ):
        # "the Greenfield Herald-Press", "Lakeside Post-Gazette": a newspaper's name joins
        # two of an outlet's words, which no person's or place's name ends with
        return "MediaOrganization"
    if (
        len(words) > 2
        and last in words_of.place_natural_parts
        and words[-2].casefold() in words_of.place_natural_words
    ):
        return "Place"  # "the Ravel River Channel": a part of a river is no TV channel
    if (
        len(words) > 1
        and words[-1][0].isupper()
        and label not in ("GPE", "LOC")
        # "Mount Sinai School of Medicine", "X School District" are bodies
        and not lowered & words_of.org_name_words
        and not lowered & words_of.org_government_words
        and not lowered & words_of.org_company_words
    ):
        # "Custer National Forest", "Lake Victoria", "Cameron Parish": whatever the model
        # took them for, natural features and areas named as such are places (a person
        # may be named "Ricki Lake"; "Ohio State", "Justice Department" are bodies)
        if (
            last in words_of.place_natural_words
            or words[0].casefold() in words_of.place_natural_heads
        ) and not (label == "PERSON" and last in words_of.place_natural_surnames):
            return "Place"
        if last in words_of.place_region_words and last not in ("state", "department"):
            return "Region"
    folded = [w.casefold() for w in words]
    if (
        label == "ORG"
        and "of" in folded[1:-1]
        and folded[folded.index("of", 1) - 1] in lex.org_party_words
    ):
        return "PoliticalParty"  # "Party of the Democratic Revolution"
    if label == "ORG":
        if last == "group" and any(
            _place_name(words[k:-1], ontology)
            and (k == 0 or _body_name(words[:k], ontology))
            for k in range(len(words) - 1)
        ):
            # "the Minsk Group", "the Lima Group", "the OSCE Minsk Group": a group named
            # for a place (by an organisation of states) is a forum of states, not a
            # company (an organisation, when unsure which kind)
            return "Organization"
        if lowered & lex.org_state_words:
            return "GovernmentBody"  # "Undersecretariat for Defense Industries" is no company
        if last in lex.org_party_words:
            return "PoliticalParty"
        if last in lex.org_media_words or (
            lowered & {"news", "press"} and last in ("agency", "service")
        ):
            return "MediaOrganization"
        if last in lex.org_government_words or _state_service(words, ontology):
            return "GovernmentBody"
        if last in lex.org_armed_words:
            return "ArmedGroup"
        if last in lex.org_company_words or any(
            fold(name).endswith(" " + form) for form in ontology.lex.legal_forms
        ):
            return "Company"  # "... Oil", "... SpA", "... N.V."
    if label in ("GPE", "LOC"):
        if (
            len(words) > 1
            and lowered & words_of.media_name_words
            and last not in words_of.place_facility_words
            # "the Arlen Islands", "Channel Sea": a natural feature's name is a place's
            and last not in words_of.place_natural_words
            and words[0].casefold() not in words_of.place_natural_heads
            and last not in ("square", "street", "road", "avenue")
        ):
            return "MediaOrganization"  # "the Daily Planet", not "Times Square"
        if last in lex.place_region_words:
            return "Region"
        if last in lex.place_city_words:
            return "City"
    return None


def _company_ending(name: str, ontology: Ontology) -> bool:
    """Does `name` end with a company's word or legal form ("Getty Oil", "Sedio N.V.")?"""
    folded = fold(name)
    words = folded.split()
    return len(words) > 1 and (
        words[-1] in ontology.lex.org_company_words
        or any(folded.endswith(" " + form) for form in ontology.lex.legal_forms)
    )


def _has_org_head(name: str, ontology: Ontology) -> bool:
    """Is the head word of `name` a word for a body ("Association" in "Association of Tin
    Producing Countries", "Court", "Society", "Ltd", "Council" in "District of Columbia
    Council"), and no word for a place ("County", "Bridge") nor one that also ends names
    of states ("Soviet Union")?"""
    words = [w.casefold().strip(".,") for w in name.split()]
    if len(words) < 2:
        return False
    lex = ontology.lex

    def body_word(head: str) -> bool:
        return (
            (
                head in lex.org_name_words
                or head in lex.org_government_words
                or head in lex.legal_forms
            )
            and head not in lex.place_region_words
            and head not in lex.place_city_words
            and head not in lex.place_facility_words
            and head not in _NOT_BODY_HEADS
        )

    if "of" not in words[1:]:
        return body_word(words[-1])
    # "Association of Tin Producing Countries"; "District of Columbia Council", "City of
    # Dellby Police": a body of the place named before its word
    return body_word(words[words.index("of") - 1]) or (
        name.split()[-1][:1].isupper() and body_word(words[-1])
    )


def _body_name(words: list[str], ontology: Ontology) -> bool:
    """Do `words` name an organisation the gazetteer knows that is no company ("OSCE")?"""
    entry = ontology.entry(ontology.names.get(fold(" ".join(words))))
    return (
        entry is not None
        and ontology.is_a(entry.cls, ("Organization",))
        and not ontology.is_a(entry.cls, ("Company",))
    )


def _place_name(words: list[str], ontology: Ontology) -> bool:
    """Do `words` name a country or a place the gazetteer knows?"""
    name = fold(" ".join(words))
    entry = ontology.entry(ontology.names.get(name))
    return name in ontology.country_names or (
        entry is not None and entry.cls in ("City", "Region", "Place", "Country")
    )


def is_locative(token: Token, ontology: Ontology) -> bool:
    """Is this place name used as a location ("in Ankara") rather than as an actor?"""
    meto = ontology.lex.metonymy
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
        return head.lemma_.lower() not in ontology.lex.group_nouns
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
    lex = ontology.lex
    root = span.root
    head = root.head
    if root.dep_ == "dobj" and head.lemma_ == "tell":
        return True
    if root.dep_ == "nsubj" and head.lemma_ in lex.media_verbs:
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
    nouns = lex.media_nouns
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
    """An acronym among the words ("NATO forces"), not a name's suffix ("Brenn III")."""
    return any(
        _ACRONYM.match(w) and w.lower().rstrip(".") not in NAME_SUFFIXES
        for w in name.split()
    )


def _prefixed(span: Span, ontology: Ontology) -> bool:
    """ "post-Soviet states", "anti-American protests", "pro-Russian separatists",
    "non-EU migrants": a known name or a demonym after a prefix of time, position or
    stance and a hyphen (lexicon name_prefixes) is an adjective about the country or body,
    no mention of it: the states, protesters and separatists are not it, and "Belarus and
    other post-Soviet states signed the pact" is no pact of Belarus with the Soviet Union.
    A name before a hyphen ("Russia-backed", "U.S.-led") still names its actor."""
    doc = span.doc
    prefixes = ontology.lex.name_prefixes
    if len(span) > 2 and span[0].lower_ in prefixes and span[1].text == "-":
        return not span[0].whitespace_ and not span[1].whitespace_
    at = span.start
    return (
        at >= 2
        and doc[at - 1].text == "-"
        and doc[at - 2].lower_ in prefixes
        and not doc[at - 2].whitespace_
        and not doc[at - 1].whitespace_
    )


def mention_for_span(span: Span, ontology: Ontology) -> Mention | None:
    """Make a Mention of one entity span, or None when it is not a node of the graph."""
    honorifics = ontology.lex.honorifics
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
    if (entry is not None or span.label_ == "NORP") and _prefixed(span, ontology):
        return None
    text = span.text
    if span.label_ == "ORG":
        # "General Motors Corp", "General Dynamics": a rank that starts a company's name
        honorifics -= {"general", "gen", "gen."}
        lex = ontology.lex
        last = fold(text.split()[-1]) if text.split() else ""
        if last in lex.org_company_words or last in lex.org_name_words:
            honorifics = frozenset()
        if len(clean_name(text).split()) == 2:
            # "Admiral Insurance", "Major Bank": one word after a rank is no person's name
            # (a ranked person's name the model called an organisation: _ranked_people)
            honorifics = frozenset()
    name = clean_name(text, honorifics=honorifics)
    if (
        span.label_ == "ORG"
        and name.split()[-1:] != [name.split()[-1].capitalize() if name.split() else ""]
        and _state_service(name.split(), ontology)
    ):
        # "the Ruritania army" (see _lowercase_services) is the Ruritania Army
        name = name[: name.rindex(" ") + 1] + name.split()[-1].capitalize()
    if not name or not any(c.isalpha() for c in name):
        return None
    if (
        span.label_ == "PERSON"
        and len(span) == 1
        and span.end < len(doc)
        and doc[span.end].text == "."
        and not span[0].whitespace_
        and (
            f"{span[0].lower_}." in honorifics
            or span[0].lower_ in ontology.titles.abbreviations
        )
    ):
        return (
            None  # "Sgt" of "Sgt. Dana Kowal", the full stop cut off: a rank, no name
        )
    if fold(name) in ontology.lex.legal_forms:
        return (
            None  # "S.A." after "Petroleos de Venezuela,": part of the name before it
        )
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
        place = _place_noun_of(span.root, ontology) if entry.cls == "Country" else None
        if (
            place is not None
            and place[1]
            and _city_or_region(place[0], ontology) == "City"
        ):
            # "cities such as Ghana, Saizan and Kudamir": a town that shares a country's
            # name (or a garbled one), as the noun that lists it says
            return Mention(start, end, text, "City", name, None, "context.descriptor")
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
    if all(
        w.casefold().strip(".") in ontology.titles.name_words for w in name.split()
    ) and not _has_org_head(name, ontology):
        # "Defense" in "US Defense Secretary": part of a title, not an organisation (but
        # "a senior Defense Ministry official" names the ministry)
        return None
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
    translated = re.search(r"\(([^()]+)\)?$", text)
    if refined is None and span.label_ == "ORG" and translated is not None:
        # "Kaiseito (Japan Unity Party)": the model took in the translation in brackets,
        # whose words type the name
        refined = _class_from_words(translated.group(1).strip(), "ORG", ontology)
    org_head = _has_org_head(name, ontology)
    if span.label_ == "PERSON" and _company_ending(name, ontology):
        # "Getty Oil", "Wallco Inc", "Sedio N.V.": a person's name ends with no company word
        refined = _class_from_words(name, "ORG", ontology) or "Company"
    folded = [w.casefold() for w in name.split()]
    if (
        span.label_ == "PERSON"
        and refined is None
        and org_head
        and (
            "of" in folded[2:]
            or (len(folded) >= 3 and folded[-1] in ontology.lex.org_name_words)
            or folded[-1] not in ontology.lex.org_name_surnames
        )
    ):
        # "the Anna K. Lowell School of Government", "the Ivo Lang Research Center",
        # "Dunmore College": a body, often named after a person (not "Margaret Court",
        # "John Fund": a word for a body that is also a family name)
        refined = "Organization"  # a school "of Government" is no government body
    if span.label_ in ("GPE", "LOC", "FAC") and refined is None and org_head:
        # "the Asia Society", "Hamilton County Common Pleas Court", "Sears Plc": a name
        # whose head word names a body is no place, whatever the model says
        refined = _class_from_words(name, "ORG", ontology) or "Organization"
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
            and words[-1] in ontology.lex.place_region_words
        ):
            # "Khyber Pakhtunkhwa province" -> "Khyber Pakhtunkhwa"
            name = " ".join(words[:-1])
    # a person "told" something is a person; an outlet is told things and has an outlet's name
    outlet_like = (
        span.label_ != "PERSON"
        or _looks_like_org(name)
        or any(w.casefold() in ontology.lex.media_name_words for w in name.split())
    )
    described = _described_class(span, ontology)
    if described is not None and org_head and ontology.is_a(described, ("Place",)):
        described = None  # "member states of the Association of X": a body, no place
    if (
        span.label_ in ("ORG", "PERSON", "PRODUCT")
        and outlet_like
        and described is None
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
    if described is not None and not (
        described == "Organization" and ontology.is_a(cls, ("Organization",))
    ):
        cls, rule = described, "context.descriptor"
        known = ontology.entry(ontology.names.get(fold(name)))
        if (
            described == "Place"
            and known is not None
            and ontology.is_a(known.cls, ("Place",))
        ):
            # "born in Boston": the model took the town for a person, the gazetteer
            # knows the place of that name
            return Mention(
                start, end, text, known.cls, known.name, known.id, "gazetteer"
            )
    return Mention(start, end, text, cls, name, None, rule)


def _city_or_region(noun: Token, ontology: Ontology) -> str:
    """The class a noun for a kind of place gives: "towns" a City, "province" a Region."""
    lex = ontology.lex
    lemma = noun.lemma_.lower()
    if lemma in lex.place_city_words or noun.lower_ in lex.place_city_words:
        return "City"
    if lemma in lex.place_region_words or noun.lower_ in lex.place_region_words:
        return "Region"
    return "Place"


def _place_noun_of(token: Token, ontology: Ontology) -> tuple[Token, bool] | None:
    """The noun for a kind of place that describes `token`, and whether `token` is one of
    a list it introduces: "the region of X", "cities such as A, B and C", "towns including
    A", "the X region", "the city, X,", "X, a town in ..."."""
    nouns = ontology.places.place_nouns

    def is_place_noun(t: Token) -> bool:
        return t.pos_ == "NOUN" and (t.lower_ in nouns or t.lemma_.lower() in nouns)

    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head  # "A, B and C": the first of the list
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        prep, noun = head, head.head
        if prep.lower_ == "as" and noun.lower_ == "such" and noun.dep_ == "amod":
            noun = noun.head  # "such as" with "as" under "such"
        listed = prep.lower_ in ("including", "like") or (
            prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
        )
        listed = listed or (prep.lower_ == "as" and prep.head.lower_ == "such")
        # "the region of X" names X; "cities of X", "member states of X" are in X
        if (listed or (prep.lower_ == "of" and noun.tag_ == "NN")) and is_place_noun(
            noun
        ):
            return noun, listed
    if (
        token.dep_ in ("compound", "nmod")
        and is_place_noun(head)
        and head.i == token.i + 1
        and head.tag_ == "NN"
    ):
        return head, False  # "the Upper Valoria region", not "Las Vegas resorts"
    if (
        token.dep_ in ("compound", "nmod")
        and head.tag_ == "NNS"
        and head.pos_ == "NOUN"
        and head.lemma_.lower() in ontology.lex.place_region_words
        # "the Justice and Defense departments" are ministries
        and head.lemma_.lower() not in ("state", "department")
        and any(
            c.dep_ == "conj" and c.i == head.i - 1 and c.pos_ == "PROPN"
            for c in token.children
        )
    ):
        return head, False  # "Tolsey and Marren parishes", not "Las Vegas resorts"
    if token.dep_ == "appos" and is_place_noun(head):
        return head, False  # "the city, X,"
    for child in token.children:
        if child.dep_ == "appos" and child.i > token.i and is_place_noun(child):
            return child, False  # "X, a town in southwestern Pakistan,"
    return None


def compass_word(token: Token, ontology: Ontology) -> bool:
    """ "north", "south-east", "northern", "southeastern", "central" (places.json
    part_nouns and their adjectives)."""
    return ontology.places.compass(token.lower_)


def _in_part_of_place(span: Span, ontology: Ontology) -> bool:
    """ "people in Bugesera in the southeastern part of Rwanda", "the camp at Oxford in
    central Massachusetts": a name the gazetteer does not know, in a locative phrase and
    placed in a part of a known region or country, is a place's (an organisation is rarely
    placed by a compass point); so is a name the model took for a person's "in" a place
    "in" a known region or country ("landed in Kurbanli in Azerbaijan"), and one "near" a
    known place ("processed in Devine, near San Antonio")."""
    doc = span.doc
    start, end = _list_bounds(span)
    before = doc[start - 1].lower_ if start > 0 else ""
    # "in Kibeho, Gikongoro and Butare in southern Rwanda": the last of a list of places
    listed = (
        before in ("and", "or")
        and span.label_ != "PERSON"
        and start >= 2
        and doc[start - 2].ent_type_ in ("GPE", "LOC")
    )
    if (
        span.kb_id_
        or start == 0
        or (before not in ("in", "at", "near", "from", "to") and not listed)
        or end + 2 >= len(doc)
        or _has_org_head(span.text, ontology)
        or _company_ending(span.text, ontology)
    ):
        return False
    if doc[end].text == "," and doc[end + 1].lower_ == "near":
        # "processed in Devine, near San Antonio,"
        return _known_place_at(doc, end + 2, ontology)
    if doc[end].lower_ != "in":
        return False
    j = end + 1
    if doc[j].lower_ == "the":
        j += 1
    if j < len(doc) and compass_word(doc[j], ontology):
        j += 1
    elif span.label_ != "PERSON" or before != "in":
        return False  # "in Yatsushiro in Japan": a person is not in a town in a country
    if (
        j + 1 < len(doc)
        and doc[j].lower_ in ("part", "parts")
        and doc[j + 1].lower_ == "of"
    ):
        j += 2
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
    return _known_place_at(doc, j, ontology, ("Country", "Region"))


def _listed_place(span: Span, ontology: Ontology) -> bool:
    """ "landed in Kirovabad or Shusha in Armenia", "raided homes in Tulsa, Norman and
    Lawton in Oklahoma": a name the model took for a person's or an organisation's, one
    of a list (commas, "and", "or") of places the model found (the others are places,
    or names it took as it took this one), after "in", "at" or "near" and placed in its
    turn "in" a region or country the gazetteer knows, is a place like the others
    (people are not listed among the towns where something lies or happens)."""
    doc = span.doc
    if not _plain_name(span, ontology):
        return False
    start, end, others, joined = _walk_list(span, list(doc.ents))
    if (
        not joined
        or not others
        or not any(e.label_ in ("GPE", "LOC") for e in others)
        or any(e.label_ not in ("GPE", "LOC", span.label_) for e in others)
        or start == 0
        or doc[start - 1].lower_ not in ("in", "at", "near")
        or end + 1 >= len(doc)
        or doc[end].lower_ != "in"
    ):
        return False
    j = end + 1
    if doc[j].lower_ == "the":
        j += 1
    if j < len(doc) and compass_word(doc[j], ontology):
        j += 1
    return _known_place_at(doc, j, ontology, ("Country", "Region"))


def _list_bounds(span: Span) -> tuple[int, int]:
    """Where the list of names `span` is one of starts and ends: "in Kurbanli or Gazakh
    in Azerbaijan" (names the model found, of one label, joined by commas, "and", "or")."""
    ents = [e for e in span.doc.ents if e.label_ == span.label_ and not e.kb_id_]
    start, end, _, _ = _walk_list(span, ents)
    return start, end


def _walk_list(span: Span, ents: list[Span]) -> tuple[int, int, list[Span], bool]:
    """The list of names among `ents` that `span` is one of (joined by commas, "and",
    "or"; "A, B, and C"): where it starts and ends, its other names, and whether an
    "and" or "or" joins it (a comma alone may part two phrases)."""
    doc = span.doc
    starts = {e.start: e for e in ents}
    ends = {e.end: e for e in ents}
    others: list[Span] = []
    joined = False
    start, end = span.start, span.end
    while start >= 2 and doc[start - 1].lower_ in (",", "and", "or"):
        k = start - 1
        if doc[k].lower_ in ("and", "or"):
            joined = True
            if doc[k - 1].text == ",":
                k -= 1  # "A, B, and C"
        if k not in ends:
            break
        others.append(ends[k])
        start = ends[k].start
    while end + 1 < len(doc) and doc[end].lower_ in (",", "and", "or"):
        k = end + 1
        if doc[end].lower_ in ("and", "or"):
            joined = True
        elif doc[k].lower_ in ("and", "or"):
            joined = True
            k += 1
        if k not in starts:
            break
        others.append(starts[k])
        end = starts[k].end
    return start, end, others, joined


def _known_place_at(
    doc: Doc,
    j: int,
    ontology: Ontology,
    classes: tuple[str, ...] = ("Country", "Region", "City"),
) -> bool:
    """Does a place the gazetteer knows, of one of `classes`, start at token `j`?"""
    if (
        j >= len(doc)
        or doc[j].ent_iob_ != "B"
        or doc[j].ent_type_ not in ("GPE", "LOC")
    ):
        return False
    entry = ontology.entry(doc[j].ent_kb_id_) if doc[j].ent_kb_id_ else None
    return entry is not None and entry.cls in classes


def _company_town(span: Span, ontology: Ontology) -> bool:
    """ "Avis Bourg Co. of Folsom": a single unknown name after a company's name and "of"
    is its town (a company's name ends with its legal form or business word)."""
    doc = span.doc
    if (
        span.kb_id_
        or len(span) != 1
        or span.start < 2
        or doc[span.start - 1].lower_ != "of"
    ):
        return False
    before = doc[span.start - 2]
    if before.ent_iob_ == "O" or before.ent_type_ != "ORG":
        return False
    owner = next((e for e in doc.ents if e.start <= before.i < e.end), None)
    return (
        owner is not None
        and owner.end == before.i + 1
        and _company_ending(owner.text, ontology)
    )


def _hometown(span: Span, ontology: Ontology) -> bool:
    """ "Jan Novak, 47, of Hallowell, went down to help": a name the gazetteer does not
    know after a person's name, age and "of" is the town the person is from (wire copy
    gives a person's workplace with "at" or a title, not after the age)."""
    doc = span.doc
    i = span.start - 5  # the person's last word: "Novak" "," "47" "," "of"
    return (
        i >= 0
        and doc[span.start - 1].lower_ == "of"
        and doc[i].ent_type_ == "PERSON"
        and _age_after(doc, i)
        and doc[i + 3].text == ","
        and all(t.is_title for t in span)
        and _plain_name(span, ontology)
    )


def _destination(span: Span, ontology: Ontology) -> bool:
    """ "the train arrived at Novo Selo", "flew to Bregana", "en route to Bregana": a
    one-word name the gazetteer does not know, where one goes to (the object of "to",
    "into", "at" after a verb of motion: lexicon motion_verbs), is a place's (not "went
    to Smith's office": a possessive; not "IBM": an acronym)."""
    doc = span.doc
    root = span.root
    prep = root.head
    verb = prep.head
    return (
        not span.kb_id_
        and len(span) == 1
        and span[0].is_title
        and root.dep_ == "pobj"
        and prep.lower_ in ("to", "into", "at")
        and not (span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"))
        and (
            (verb.pos_ == "VERB" and verb.lemma_.lower() in ontology.lex.motion_verbs)
            or (
                verb.lower_ == "route" and verb.i > 0 and doc[verb.i - 1].lower_ == "en"
            )
        )
        and not _looks_like_org(span.text)
    )


def _plain_name(span: Span, ontology: Ontology) -> bool:
    """Is `span` a name no gazetteer entry, body's head word, company ending or acronym
    types already?"""
    return not (
        span.kb_id_
        or _has_org_head(span.text, ontology)
        or _company_ending(span.text, ontology)
        or _looks_like_org(span.text)
    )


def _near_place(span: Span, ontology: Ontology) -> bool:
    """ "a precinct near Dellby", "5 miles northeast of Tarrin", "a camp outside Harlow",
    "born in Dellby": a name of one or two capitalised words after "near", "outside", a
    compass point and "of", or "born in" is a place's (people and organisations are not
    where things lie or where one is born; not "outside Smith's house": a possessive)."""
    doc = span.doc
    root = span.root
    prep = root.head
    if (
        len(span) > 2
        or not all(t.is_title for t in span)
        or root.dep_ != "pobj"
        or not _plain_name(span, ontology)
        or (span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"))
    ):
        return False
    if prep.lower_ in ("near", "outside"):
        return True
    if prep.lower_ in ("in", "at") and prep.head.lower_ == "born":
        return True  # "born in Dellby, a noted scholar of ...": one is born in a place
    return (
        prep.lower_ == "of"
        and prep.head.i == prep.i - 1
        and prep.head.is_lower
        and compass_word(prep.head, ontology)
    )


def _relative_who(span: Span, ontology: Ontology) -> bool:
    """ "Halvorsen, who headed the institute, said": a name a relative clause opened by
    "who" or "whom" describes is a person's (a body takes "which" or "that")."""
    if not _plain_name(span, ontology):
        return False
    return any(
        child.dep_ == "relcl"
        and any(
            t.lower_ in ("who", "whom") and t.i < child.i
            for t in child.children
            if t.tag_ in ("WP", "WDT")
        )
        for child in span.root.children
        if child.i >= span.end
    )


def _titled(span: Span, ontology: Ontology) -> bool:
    """ "the last king of Tarsia, Tupaq, was murdered", "the chief executive, Marlow,
    resigned", "A former Reuters reporter now with Vexa, Krall protects the plan": a name
    set off by commas after a job title (roles.json heads), or the subject of a clause
    that a noun phrase headed by one opens, is a person's. A title that may describe a
    body too ("the market leader, Vexa": roles.json shared_heads) is no cue."""
    doc = span.doc
    if (
        span.start < 2
        or doc[span.start - 1].text != ","
        or not _plain_name(span, ontology)
    ):
        return False
    heads = ontology.titles.heads
    shared = frozenset(ontology.roles.get("shared_heads", ()))

    def title(token: Token) -> bool:
        return (
            token.pos_ in ("NOUN", "PROPN")  # "the last King of Tarsia"
            and token.lower_ in heads
            and token.lower_ not in shared
        )

    root = span.root
    if root.dep_ == "nsubj" and any(
        c.dep_ == "nsubj" and c.i < span.start and title(c) for c in root.head.children
    ):
        return True  # "A former reporter now with Vexa, Krall protects"
    if span.end < len(doc) and doc[span.end].text not in (",", ";", ")"):
        return False
    before = doc[span.start - 2]
    if before.dep_ == "pobj" and before.head.lower_ == "of":
        before = before.head.head  # "the last king of Tarsia, Tupaq,"
    return title(before)


def _killed(span: Span, ontology: Ontology) -> bool:
    """ "admitting he shot Mendes", "Marrow was murdered in 1988": the object of a verb of
    killing (lexicon killing_verbs) is a person (not "shot down Vexa 5": a craft); so is
    the victim a noun of killing names ("the murder of Marrow", "Tefft's assassination":
    lexicon killing_nouns; not "the Dellby killings", a modifier: a place's)."""
    root = span.root
    verb = root.head
    if not _plain_name(span, ontology):
        return False
    if root.dep_ == "poss":
        return verb.pos_ == "NOUN" and verb.lemma_.lower() in ontology.lex.killing_nouns
    if root.dep_ == "pobj" and verb.lower_ == "of":
        # "the torture and murder of X": "of" may hang on the first of the nouns
        nouns = [verb.head, *(c for c in verb.head.children if c.dep_ == "conj")]
        before = span.doc[verb.i - 1]
        return before in nouns and any(
            n.pos_ == "NOUN" and n.lemma_.lower() in ontology.lex.killing_nouns
            for n in nouns
        )
    return (
        root.dep_ in ("dobj", "nsubjpass")
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in ontology.lex.killing_verbs
        and not any(c.dep_ == "prt" for c in verb.children)
    )


def _born(span: Span, ontology: Ontology) -> bool:
    """ "Born in Athens, Pappas came to ...", "Grady, born in Dellby, died", "Vale was
    born in 1907": the subject a participle "born" describes is a person (a body is
    founded, not born)."""
    root = span.root
    if not _plain_name(span, ontology):
        return False
    if any(c.dep_ == "acl" and c.lower_ == "born" for c in root.rights):
        return True
    if root.dep_ == "nsubjpass" and root.head.lower_ == "born":
        return True  # "Vale was born on Feb. 5, 1907, in Portland"
    return root.dep_ == "nsubj" and any(
        c.dep_ == "advcl" and c.lower_ == "born" and c.i < root.i
        for c in root.head.children
    )


def _listed_companies(span: Span, ontology: Ontology) -> bool:
    """ "two firms, Vexor and Altima,": names in apposition with a plural noun for a
    business are companies, whatever the model took them for."""
    token = span.root
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    noun = token.head
    return (
        token.dep_ == "appos"
        and noun.i < token.i
        and noun.tag_ == "NNS"
        and noun.is_lower
        and noun.lemma_.lower() in ontology.places.company_nouns
        and noun.lemma_.lower() not in _NOT_COMPANY_NOUNS
        and noun.lemma_.lower() not in ontology.places.person_business_nouns
        and _plain_name(span, ontology)
    )


def _heads_staff(span: Span, ontology: Ontology) -> bool:
    """ "Healy president George Malina", "Edison spokesman Kevin Kelly": a name the
    gazetteer does not know, right before a lower-case title that is held inside an
    organisation (one that leads it or speaks for it) and a person's name, is the
    organisation's (a town's office is written as a title: "Boston Mayor")."""
    doc = span.doc
    if span.kb_id_ or span.end + 1 >= len(doc):
        return False
    title = doc[span.end]
    info = ontology.titles.heads.get(title.text, {})
    return (
        title.is_lower
        and any(info.get(k) for k in ("leader", "speaks"))
        and doc[span.end + 1].ent_type_ == "PERSON"
        and doc[span.end + 1].ent_iob_ == "B"
    )


def _led_by_title(span: Span, ontology: Ontology) -> bool:
    """ "X, co-founder and CEO of Zentrix", "Gupta, Vexora's CEO": what a title that heads a
    body is held of ("of" or a possessive right before the title) is a body, not the
    person or the place the model took it for (no one is a person's CEO or chairman; a
    place's president or head is a state's; "an adviser to Putin", "Putin's spokesman"
    head nothing). Only a one-word name the gazetteer does not know: a person's full
    name after "of" is more often one a title is given in."""
    doc = span.doc
    if span.kb_id_ or len(span) != 1 or not _plain_name(span, ontology):
        return False
    heads = ontology.titles.heads

    def leads(token: Token) -> bool:
        info = heads.get(token.lower_, {})
        place = span.label_ == "GPE" and bool(
            info.get("national") or info.get("official")
        )
        return bool(info.get("leader") or info.get("leads_of")) and not place

    start = span.start - (
        1 if span.start and doc[span.start - 1].lower_ == "the" else 0
    )
    if start >= 2 and doc[start - 1].lower_ == "of" and leads(doc[start - 2]):
        return True
    return (
        span.end + 1 < len(doc)
        and doc[span.end].lower_ in ("'s", "’s")
        and leads(doc[span.end + 1])
    )


def _described_class(span: Span, ontology: Ontology) -> str | None:
    """The class the words around a name give it, or None: a noun for a kind of place
    ("the region of X", "cities such as A, B and C"), a noun for a business right before it
    ("analytics firm X"), a building in apposition ("X, the venue for the talks"), shares
    ("X shares", "shares of X": a company), or staff "at" it ("an analyst at X", for a name
    the model took for a person or a place)."""
    root = span.root
    place = _place_noun_of(root, ontology)
    if place is not None and span.label_ != "NORP":
        return _city_or_region(place[0], ontology)
    doc = span.doc
    if span.label_ in ("ORG", "PERSON") and (
        _in_part_of_place(span, ontology) or _listed_place(span, ontology)
    ):
        return "Place"
    if span.label_ in ("GPE", "LOC", "PERSON") and _heads_staff(span, ontology):
        return "Organization"
    if span.label_ in ("PERSON", "GPE") and _led_by_title(span, ontology):
        return "Organization"
    if span.label_ in ("ORG", "PERSON") and (
        _company_town(span, ontology) or _hometown(span, ontology)
    ):
        return "Place"
    if span.label_ in ("ORG", "PERSON") and _destination(span, ontology):
        return "Place"
    if span.label_ in ("ORG", "PERSON") and _near_place(span, ontology):
        return "Place"
    noun = root.head
    if (
        span.label_ in ("ORG", "PERSON", "NORP", "PRODUCT")
        and root.dep_ in ("compound", "nmod")
        and noun.i == span.end
        and (
            noun.lower_ in ontology.lex.place_people_nouns  # "a Dellby native"
            # "the Dellby foothills", "the Kelmar cave": a natural feature
            or (
                noun.is_lower
                and noun.pos_ == "NOUN"
                and noun.lower_ in ontology.lex.place_natural_words
            )
        )
        and _plain_name(span, ontology)
    ):
        return "Place"
    if (
        span.label_ in ("ORG", "GPE", "LOC", "PRODUCT", "FAC")
        and span.start >= 3
        and _AGE.search(doc[span.start - 3 : span.start].text)
        and doc[span.start - 1].lower_.endswith("old")
        and root.dep_ not in ("compound", "nmod")
        and _plain_name(span, ontology)
    ):
        # "the third child, 12-year-old Tanya, died": an age right before a name is a
        # person's (not "the 12-year-old Vexa plant": a modifier of a noun)
        return "Person"
    if span.label_ in ("ORG", "GPE", "LOC", "NORP", "PRODUCT", "FAC") and (
        _relative_who(span, ontology)
        or _born(span, ontology)
        or _titled(span, ontology)
        or _killed(span, ontology)
    ):
        return "Person"
    if span.label_ in ("PERSON", "GPE", "LOC") and _listed_companies(span, ontology):
        return "Company"
    before = doc[span.start - 1] if span.start > 0 else None
    if (
        before is not None
        and before.pos_ == "NOUN"
        and before.lower_ in ontology.places.company_nouns
        and before.lower_ not in _NOT_COMPANY_NOUNS
        and root.dep_ not in ("compound",)
    ):
        return "Company"  # "data and analytics firm X", "the state lender X"
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in _FACILITY_NOUNS:
            return "Facility"  # "the Palais X, the venue for the talks,"
        if (
            child.dep_ == "appos"
            and child.i > root.i
            and child.is_lower  # "X, Bank of America vice-president": no business noun
            and child.lower_ in ontology.places.company_nouns
            and child.lower_ not in _NOT_COMPANY_NOUNS
            and child.lower_ not in ontology.titles.heads  # "X, a trader"
            and child.lower_ not in ontology.places.person_business_nouns
            and span.label_ in ("PERSON", "ORG", "PRODUCT")
        ):
            return "Company"  # "CH2M Hill of Corvallis, Ore., an engineering firm,"
    head = root.head
    if span.label_ in ("PERSON", "ORG") and (
        # a person may hold shares ("John Smith's shares"), not name them
        (
            (root.dep_ == "compound" or (root.dep_, span.label_) == ("poss", "ORG"))
            and head.lemma_.lower() in _EQUITY_NOUNS
        )
        or (
            root.dep_ == "pobj"
            and head.lower_ in ("of", "in")
            and head.head.lemma_.lower() in _EQUITY_NOUNS
        )
    ):
        return "Company"  # "Leica shares rose", "shares of X": a listed company
    if (
        span.label_ in ("PERSON", "GPE", "LOC")
        and root.dep_ == "pobj"
        and head.lower_ in ("at", "with")
        and head.head.lemma_.lower() in _STAFF_NOUNS
    ):
        # "an analyst at X": people work at an organisation, not at a person nor at a place
        # the gazetteer does not know
        return "Organization"
    return None


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


def _names_before(
    doc: Doc,
    end: int,
    taken: set[int],
    *,
    most: int,
    but: frozenset[str] = frozenset(),
    initials: bool = False,
) -> int:
    """The start of the run of at most `most` capitalised proper nouns that ends before
    token `end`, in its sentence and in no name yet (`taken`), none of them in `but`
    (with `initials`, "D." counts as a name: "Ulf D. Merbold")."""
    start = end
    while (
        start > doc[end].sent.start
        and end - start < most
        and start - 1 not in taken
        and doc[start - 1].pos_ == "PROPN"
        and (
            doc[start - 1].is_title
            or (initials and _INITIAL.fullmatch(doc[start - 1].text) is not None)
        )
        and doc[start - 1].lower_ not in but
    ):
        start -= 1
    return start


def _extend_places(doc: Doc, ontology: Ontology) -> None:
    """ "Dera" + "Ismail Khan District": the model often stops a place name early; extend it
    over capitalised words up to a place word (District, Province, Air Base); and read
    capitalised words before a region's or a natural feature's word that the model left
    out ("Vermilion Parish") as a place."""
    lex = ontology.lex
    words = lex.place_region_words | lex.place_facility_words
    spans = list(doc.ents)
    changed = False
    for i, ent in enumerate(spans):
        if ent.label_ not in ("GPE", "LOC", "FAC", "ORG") or ent.kb_id_:
            continue
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if (
            nxt is not None
            and nxt.start == ent.end
            and not nxt.kb_id_
            and nxt.label_ in ("GPE", "LOC", "FAC", "PERSON")
            and doc[nxt.end - 1].is_title
            and doc[nxt.end - 1].lower_ in words
        ):
            # the model cut the name in two: "Dera" + "Ismail Khan District"
            label = (
                "FAC" if doc[nxt.end - 1].lower_ in lex.place_facility_words else "GPE"
            )
            spans[i] = Span(doc, ent.start, nxt.end, label=label)
            changed = True
            continue
        limit = min(nxt.start if nxt is not None else len(doc), ent.end + 4)
        j = ent.end
        while j < limit and doc[j].is_title:
            if doc[j].lower_ in words:
                label = "FAC" if doc[j].lower_ in lex.place_facility_words else "GPE"
                spans[i] = Span(doc, ent.start, j + 1, label=label)
                changed = True
                break
            j += 1
    # "Vermilion Parish", "Akagera River": capitalised words before a capitalised place
    # word, where the model found no name at all
    taken = {t.i for ent in spans for t in ent}
    natural = ontology.lex.place_natural_words
    areas = (ontology.lex.place_region_words - {"state", "department"}) | natural
    for token in doc:
        if token.i in taken or not token.is_title or token.lower_ not in areas:
            continue
        start = _names_before(doc, token.i, taken, most=3)
        if start < token.i and start != token.sent.start:
            label = "LOC" if token.lower_ in natural else "GPE"
            spans.append(Span(doc, start, token.i + 1, label=label))
            taken.update(range(start, token.i + 1))
            changed = True
    if changed:
        doc.ents = filter_spans(spans)


# the words that join the parts of an organisation's name: "Agency for International
# Development", "Committee on Veterans Affairs", "Bank of Tokyo"
_NAME_LINKS = ("for", "on", "of", "and")
# what the model may take the rest of such a name for
_NAME_REST_LABELS = ("ORG", "GPE", "LOC", "NORP", "FAC")


def _join_cut_organisations(doc: Doc, ontology: Ontology) -> None:
    """ "the United States Agency for" + "International Development", "the Senate
    Committee on" + "Veterans Affairs": a name the model ended on a word that joins the
    parts of a name goes on over the name right after it, or over the capitalised words
    that follow, or stops before the joining word; a name headed by a word for a body
    ("Committee") goes on over the joining word and an organisation's name right after
    it ("the Senate Committee" + "on" + "Veterans Affairs")."""
    bodies = ontology.lex.org_name_words | ontology.lex.org_government_words
    spans: list[Span | None] = list(doc.ents)
    changed = False
    for n, ent in enumerate(spans):
        if ent is None or ent.label_ != "ORG" or ent.kb_id_ or len(ent) < 2:
            continue
        nxt = spans[n + 1] if n + 1 < len(spans) else None
        if (
            nxt is not None
            and nxt.label_ == "ORG"
            and nxt.start == ent.end + 1
            # "Acme Corp. and Beta Inc.", "the Council of Acme" (its owner) stay apart
            and doc[ent.end].lower_ in ("on", "for")
            and ent[-1].lower_ in bodies
            and ent[-1].is_title
            and not nxt.kb_id_
        ):
            spans[n] = Span(doc, ent.start, nxt.end, label="ORG")
            spans[n + 1] = None
            changed = True
            continue
        if ent[-1].lower_ not in _NAME_LINKS:
            continue
        end = ent.end
        if nxt is not None and nxt.start == end and nxt.label_ in _NAME_REST_LABELS:
            end = nxt.end
            spans[n + 1] = None
        else:
            limit = min(nxt.start if nxt is not None else len(doc), end + 5)
            while end < limit and doc[end].is_title and doc[end].is_alpha:
                end += 1
            if end == ent.end:
                end -= 1  # "the Acme Council on": the name stops before "on"
        spans[n] = Span(doc, ent.start, end, label="ORG")
        changed = True
    if changed:
        doc.ents = filter_spans([s for s in spans if s is not None])


# how many parts a coordinated name may have ("State, County and Municipal"), and how
# many words each
_MOST_PARTS = 4
_MOST_PART_WORDS = 5


def _capitalised(token: Token) -> bool:
    """A word of a name: capitalised ("Crime", "TV"), not an article or a pronoun."""
    return token.is_alpha and (token.is_title or token.is_upper) and token.pos_ != "DET"


def _name_part_before(doc: Doc, end: int, floor: int) -> int:
    """The start of the capitalised words that end before token `end` (no further back
    than `floor`), over a hyphen ("Bosnia-Herzegovina") and a joining "of" ("Federation
    of State"); `end` when there are none."""
    start = end
    while start > floor and start - end < _MOST_PART_WORDS:
        prev = doc[start - 1]
        if _capitalised(prev) or (
            (prev.text == "-" or prev.lower_ == "of")
            and start - 2 >= floor
            and _capitalised(doc[start - 2])
            and start < end
        ):
            start -= 1
        else:
            break
    return start


def _join_coordinated_organisations(doc: Doc, ontology: Ontology) -> None:
    """ "the county Crime Victim and Witness Support Council", "the Northern Federation of
    Town, Port and Harbor Clerks", "Varnia Radio and TV": capitalised
    words joined by "and" (or a comma list closed by "and") are one organisation's name,
    where the model cut it (and took a part for a person or a place), when

    * the last part ends with a word for a body (lexicon org_* lists) and no part before it
      is a name of its own: none ends with such a word ("the Foreign Ministry and Defence
      Ministry"), nor with a company's ending ("Acme Corp and Beta Inc"), nor is a name
      the gazetteer knows; but two media words share the words before them ("Slovak Radio
      and Television");
    * or the first part is a body "of" something ("Federation of Town"), and neither
      what follows "of" nor any later part is a name of its own ("the Bank of America and
      Citicorp": a country, and a second company).

    The name must open after an article or a lower-case modifier ("the", "the state"), or
    with a place or a people the model found ("Moldova Radio"): a person's name
    before "and" is no part of a body's ("met Jan Novak and Acme Council members"). "Smith
    and Jones" names no body at all."""
    lex = ontology.lex
    bodies = (
        (
            lex.org_name_words
            | lex.org_government_words
            | lex.org_company_words
            | lex.org_armed_words
            | lex.org_media_words
            | lex.legal_forms
        )
        - lex.place_region_words
        - lex.place_city_words
        - lex.place_facility_words
    )
    titles = ontology.titles.heads
    ents = list(doc.ents)
    owner = {t.i: ent for ent in ents for t in ent}
    joined: list[Span] = []

    def body_word(token: Token) -> bool:
        return token.lower_.strip(".") in bodies and _capitalised(token)

    def own_name(part: Span) -> bool:
        """Is `part` a name of its own: a body's, a company's, one the gazetteer knows?"""
        return (
            body_word(part[-1])
            or _has_org_head(part.text, ontology)
            or _company_ending(part.text, ontology)
            or ontology.names.get(fold(part.text)) is not None
        )

    for token in doc:
        if token.lower_ not in ("and", "&") or token.i == 0:
            continue
        # the last part: capitalised words after "and", up to its last word for a body
        run = token.i + 1
        while (
            run < len(doc)
            and run - token.i <= _MOST_PART_WORDS
            and _capitalised(doc[run])
        ):
            run += 1
        if run == token.i + 1:
            continue  # "and the Defence Ministry": a name of its own
        # the word for a body ends the name, or a title held there follows it ("...
        # Council Chairman X"); "Defense" of "Defense Minister X" ends none
        heads = [
            i
            for i in range(token.i + 1, run)
            if body_word(doc[i]) and (i + 1 == run or doc[i + 1].lower_ in titles)
        ]
        # the parts before "and", back over a comma list ("State, County")
        parts: list[Span] = []
        end = token.i
        floor = token.sent.start
        while len(parts) < _MOST_PARTS:
            start = _name_part_before(doc, end, floor)
            if start == end:
                break
            parts.insert(0, doc[start:end])
            if (
                start - 2 < floor
                or doc[start - 1].text != ","
                or not _capitalised(doc[start - 2])
            ):
                break
            end = start - 1
        if not parts or any(t.lower_ in titles for part in parts for t in part):
            continue  # "Finnish President X and ...": a title, no body's name
        if parts[0].start > floor and doc[parts[0].start - 1].lower_ in titles:
            continue  # "Treasury chief Tom Brandt and the IMF": a title's holder
        first = parts[0]
        shared_media = False
        if heads:
            last = doc[token.i + 1 : heads[-1] + 1]
            shared_media = (
                len(last) == 1
                and len(parts) == 1
                and len(first) > 1
                and last[0].lower_ in lex.org_media_words
                and first[-1].lower_ in lex.org_media_words
            )
            if not shared_media and any(own_name(part) for part in parts):
                continue
        else:
            last = doc[token.i + 1 : run]
            of = next((t for t in first if t.lower_ == "of"), None)
            if of is None or not body_word(doc[of.i - 1]):
                continue  # "Federation of": a body of what the parts name
            rest = [doc[of.i + 1 : first.end], *parts[1:], last]
            if any(own_name(part) or len(part) == 0 for part in rest):
                continue
            if any(
                owner.get(t.i) is not None and owner[t.i].label_ == "PERSON"
                for t in last
            ):
                continue
        if ontology.names.get(fold(last.text.removeprefix("the "))) is not None:
            # "the Ruritanian Space Command and National Security Agency": two bodies
            continue
        span = doc[first.start : last.end]
        before = doc[span.start - 1] if span.start > floor else None
        led = before is not None and (
            before.lower_ == "the"
            or (before.is_lower and before.pos_ in ("NOUN", "ADJ", "PROPN"))
        )
        # "Moldova Radio and TV": a place or a people opens the name
        opened = (ent := owner.get(first.start)) is not None and (
            ent.label_ in ("GPE", "NORP") and ent.start == first.start
        )
        if not (led or opened or shared_media):
            continue
        inside = {owner[t.i] for t in span if t.i in owner}
        if any(
            (ent.start < span.start and doc[ent.start].lower_ != "the")
            or ent.end > span.end
            for ent in inside
        ):
            continue  # a name the model read across the bounds: left alone
        if len(inside) == 1 and (ent := next(iter(inside))).end == span.end:
            continue  # read whole already
        start = min([span.start, *(ent.start for ent in inside)])
        joined.append(Span(doc, start, span.end, label="ORG"))
    if joined:
        covered = {t.i for span in joined for t in span}
        kept = [ent for ent in ents if not any(t.i in covered for t in ent)]
        doc.ents = filter_spans([*kept, *joined])


# "S", "AT": the initials a firm's name of letters joined by "and" is made of
_INITIALS = re.compile(r"[A-Z]{1,2}")
# letters that number parts and volumes ("Parts I and II"), no firm's initials
_ROMAN = frozenset({"I", "II", "III", "IV", "V", "VI", "X"})


def _initials_names(doc: Doc) -> None:
    """ "S and P said the rating was lowered", "AT and T": capital letters joined by "and"
    (as some wires write S&P and AT&T) are one organisation's name, where the model found
    none or only the last letter ("P"); the name runs on over the capitalised words after
    it ("S and P Global Ratings"). One side is a single letter. Not letters that a noun
    before them counts ("points A and B", "Parts I and II"), letters in sequence that
    label things ("A and B", "X and Y"), nor the pronoun "I"."""
    spans = list(doc.ents)
    added: list[Span] = []
    for token in doc[1:-1]:
        first, second = doc[token.i - 1], doc[token.i + 1]
        if (
            token.lower_ != "and"
            or not _INITIALS.fullmatch(first.text)
            or not _INITIALS.fullmatch(second.text)
            or min(len(first.text), len(second.text)) != 1
            or {first.text, second.text} & {"I"}
            or {first.text, second.text} <= _ROMAN
            or (
                len(first.text) == len(second.text) == 1
                and ord(second.text) == ord(first.text) + 1
            )
        ):
            continue
        before = doc[first.i - 1] if first.i > 0 else None
        if before is not None and (
            before.pos_ in ("NOUN", "PROPN", "NUM")
            # "A, B and C": a list of letters
            or (
                before.lower_ in ("and", ",")
                and first.i >= 2
                and _INITIALS.fullmatch(doc[first.i - 2].text)
            )
        ):
            continue
        end = second.i + 1
        while (
            end < len(doc)
            and end - second.i <= 3
            and _capitalised(doc[end])
            and doc[end].pos_ == "PROPN"
        ):
            end += 1
        if any(
            e.start < first.i < e.end or e.kb_id_
            for e in spans
            if e.start < end and e.end > first.i
        ):
            continue
        added.append(Span(doc, first.i, end, label="ORG"))
    if added:
        doc.ents = filter_spans([*added, *spans])


def _split_possessive_inside(doc: Doc, ontology: Ontology) -> None:
    """ "Ruritania’s King Rudolf": a person's name the model read over a possessive and a
    title is the owner the gazetteer knows (a mention of its own, as in "Ruritania's King
    Rudolf" where the model stops before "'s") and the person after the title. Either
    apostrophe, straight or typographic, makes the possessive. An owner the gazetteer does
    not know is left out: the person is named all the same."""
    titles = ontology.titles.words
    spans = list(doc.ents)
    out: list[Span] = []
    for ent in spans:
        cut = next((t.i for t in ent[1:-1] if t.lower_ in ("'s", "’s")), None)
        if cut is None or ent.label_ != "PERSON" or ent.kb_id_:
            out.append(ent)
            continue
        name = cut + 1
        while name < ent.end and doc[name].lower_.rstrip(".") in titles:
            name += 1
        if name == cut + 1 or name == ent.end:
            out.append(ent)  # no title after the possessive, or no name after the title
            continue
        out.append(Span(doc, name, ent.end, label="PERSON"))
        start = ent.start + (ent[0].lower_ == "the")
        entry = ontology.entry(ontology.names.get(fold(doc[start:cut].text)))
        if entry is None:
            continue
        if entry.cls in ("Country", "City", "Region") or ontology.is_a(
            entry.cls, ("Place",)
        ):
            out.append(Span(doc, start, cut, label="GPE", kb_id=entry.id))
        elif ontology.is_a(entry.cls, ("Organization",)):
            out.append(Span(doc, start, cut, label="ORG", kb_id=entry.id))
    if out != spans:
        doc.ents = sorted(filter_spans(out), key=lambda s: s.start)


def _after_state_possessive(span: Span, ontology: Ontology) -> bool:
    """Does a country's possessive come right before `span` ("Oman's" in "Oman's Sultan
    Haitham")?"""
    doc = span.doc
    i = span.start - 1
    if i < 1 or doc[i].lower_ not in ("'s", "’s"):
        return False
    return any(
        fold(doc[j:i].text) in ontology.country_names for j in range(max(0, i - 3), i)
    )


def _ranked_people(doc: Doc, ontology: Ontology) -> None:
    """ "The army chief, General Karim Salem, met ...": a name the model took for an
    organisation's or a place's that opens with a rank or an honorific (lexicon
    honorifics, roles.json abbreviations: "General", "Gen.", "Col.", "Admiral") and goes
    on with two capitalised name words or more is a person's: the rank is a title, the rest
    the name (as the model reads "Gen. Karim Salem"). Not when a word of the rest names a
    body or a place, or is a title ("General Dynamics Land Systems", "Admiral Insurance
    Group", "Prince Edward Island"), nor a name the gazetteer knows; one word after the rank
    is a company's name as often as a person's ("General Motors", "General Electric"), but
    not after a state's possessive ("Oman's Sultan Haitham": no state owns a company so)."""
    ranks = ontology.lex.honorifics | frozenset(ontology.titles.abbreviations)
    lex = ontology.lex
    not_names = (
        _body_or_title_words(ontology)
        | lex.org_company_words
        | lex.legal_forms
        | lex.place_region_words
        | lex.place_city_words
        | lex.place_facility_words
    )
    spans = list(doc.ents)
    out: list[Span] = []
    for ent in spans:
        # "Col. Ana Ruiz": the tokenizer may leave the abbreviation's full stop apart
        rest = ent[2:] if len(ent) > 2 and ent[1].text == "." else ent[1:]
        if (
            ent.label_ not in ("ORG", "GPE", "LOC", "FAC")
            or ent.kb_id_
            or not ent[0].is_title
            or ent[0].lower_.rstrip(".") not in ranks
            or len(rest) < (1 if _after_state_possessive(ent, ontology) else 2)
            or not all(
                t.is_title
                and t.pos_ == "PROPN"
                # "Premier Harbor Services": a body's word in the plural too
                and not {t.lower_.strip("."), t.lower_.removesuffix("s")} & not_names
                for t in rest
            )
            or ontology.names.get(fold(rest.text)) is not None
            or ontology.names.get(fold(ent.text)) is not None
            or _company_ending(ent.text, ontology)
            or _has_org_head(ent.text, ontology)
        ):
            out.append(ent)
            continue
        out.append(Span(doc, rest.start, rest.end, label="PERSON"))
    if out != spans:
        doc.ents = out


def _numbered_organisations(doc: Doc) -> None:
    """ "the 3rd U.S. Circuit Court of Appeals", "the 5th Armored Division": an ordinal in
    figures the model read apart, right before an organisation's name it modifies, numbers
    that body among its like and is part of its name (the 2nd and the 5th Circuit are two
    courts)."""
    ents: list[Span | None] = list(doc.ents)
    changed = False
    for n in range(1, len(ents)):
        ordinal, ent = ents[n - 1], ents[n]
        if (
            ordinal is not None
            and ent is not None
            and ordinal.label_ == "ORDINAL"
            and len(ordinal) == 1
            and ORDINAL_FIGURES.match(ordinal.text)
            and ent.label_ == "ORG"
            and ent.start == ordinal.end
            and not ent.kb_id_
            and ordinal.root.head.i in range(ent.start, ent.end)
        ):
            ents[n - 1] = Span(doc, ordinal.start, ent.end, label="ORG")
            ents[n] = None
            changed = True
    if changed:
        doc.ents = [e for e in ents if e is not None]


def _towns_before_regions(doc: Doc, ontology: Ontology) -> None:
    """ "Twin Falls, Idaho", "Kings Bay, Ga.;", "at Anzio, Italy,": a name the model took
    for a person or an organisation is a town when a comma and a state or province close
    it, or a country after a preposition of place (the region is
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
        # a country after a person is often a team or a delegation ("Smith, Italy,
        # won"), not after a preposition of place: "the battle at Anzio, Italy,"
        placed = (
            ent.start > 0
            and doc[ent.start - 1].lower_ in ("in", "at", "near", "outside")
            and doc[ent.start - 1].dep_ == "prep"
        )
        if entry is None or entry.cls not in (
            ("Region", "Country") if placed else ("Region",)
        ):
            continue
        after = doc[region.end] if region.end < len(doc) else None
        if after is not None and not (
            after.is_punct and after.lower_ not in ("'s", "’s")
        ):
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


_INITIAL = re.compile(r"[A-Z]\.")
# an age that modifies a noun: "a 58-year-old deputy", "the 70 year old lawyer"
_AGE = re.compile(r"\byears?[- ]old\b", re.IGNORECASE)


def _age_after(doc: Doc, i: int) -> bool:
    """Is token `i` followed by an age between commas ("Jan Novak, 47, said")?"""
    return (
        i + 3 <= len(doc)
        and doc[i + 1].text == ","
        and doc[i + 2].is_digit
        and 1 <= int(doc[i + 2].text) <= 120
        and (i + 3 == len(doc) or doc[i + 3].text in (",", ")", ";"))
    )


def _described_people(doc: Doc, ontology: Ontology) -> None:
    """ "Petrakis, a professor of history at Wexford College", "Jan Novak, 47, of Acme": a
    capitalised name in apposition with a job title (roles.json heads), or followed by an
    age between commas, is a person's, where the model found no name or took it for an
    organisation or a place that neither the gazetteer knows nor a word for a body or a
    company's ending makes one. A title that may describe a body too ("Acme, the market
    leader": roles.json shared_heads) only names a person of two names or more that the
    model did not read at all ("Jan Novak, leader of the party"). A noun for a person
    (lexicon person_nouns, grown from WordNet: "Redman, a young spy,", "Kessler, the
    farmer from Dellby,") describes one where only an article and adjectives go before
    it and the name has no word for a place either; one that describes bodies too
    ("Acme, a market leader": person_nouns_shared) does not."""
    titles = ontology.titles
    shared = frozenset(ontology.roles.get("shared_heads", ()))
    lex = ontology.lex
    places = (
        lex.place_region_words
        | lex.place_city_words
        | lex.place_facility_words
        | lex.place_natural_words
    )

    def person_noun(noun: Token) -> bool:
        """ "a young spy", "the farmer": a lower-case noun for a person after an article
        and adjectives only."""
        return (
            noun.is_lower
            and noun.tag_ in ("NN", "NNP")
            and noun.lemma_ in lex.person_nouns
            and noun.lemma_ not in lex.person_nouns_shared
            and noun.lower_ not in shared
            and any(
                c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in noun.lefts
            )
            and all(c.dep_ in ("det", "amod", "advmod", "compound") for c in noun.lefts)
        )

    ents = list(doc.ents)
    owner = {t.i: n for n, ent in enumerate(ents) for t in ent}
    # what changes, by index of the model's names (None: joined to the next one), and the
    # names the model did not read
    relabelled: dict[int, Span | None] = {}
    added: list[Span] = []
    for token in doc:
        # "Walter Brenn III, an attorney for X": a suffix after a name ends it
        suffix = (
            token.lower_.rstrip(".") in NAME_SUFFIXES
            and token.i > 0
            and doc[token.i - 1].is_title
        )
        if (
            token.pos_ != "PROPN"
            or not (suffix or token.is_title)
            or not (
                suffix or token.is_alpha
            )  # "Calif." of "Sen. X, D-Calif., chairman"
            or token.dep_ == "compound"
            or token.lower_ in titles.words
            or (token.i > 0 and doc[token.i - 1].text == "-")
        ):
            continue
        appositions = [
            c
            for c in token.rights
            if c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ in titles.heads
        ]
        nouns = [
            c
            for c in token.rights
            if c.dep_ == "appos"
            and c.pos_ in ("NOUN", "PROPN")
            and c not in appositions
            and person_noun(c)
        ]
        if nouns and token.lower_ not in places:
            appositions += nouns
        # "Jan Novak, 47,", "Petrov, a 58-year-old deputy": an age is a person's
        aged = _age_after(doc, token.i) or any(
            _AGE.search(doc[c.left_edge.i : c.i].text) for c in appositions
        )
        if not appositions and not aged:
            continue
        described = aged or any(c.lower_ not in shared for c in appositions)
        start = _names_before(
            doc, token.i, set(), most=len(doc), but=titles.words, initials=True
        )
        if ontology.names.get(fold(doc[start : token.i + 1].text)) is not None:
            continue  # a name the gazetteer knows keeps its class ("Boston, a partner")
        found = {owner[i] for i in range(start, token.i + 1) if i in owner}
        personal = token.i > start and all(
            t.tag_ == "NNP" for t in doc[start : token.i + 1]
        )
        if not found and (described or personal):
            # a title that bodies share names a person of a first name and a surname
            # ("Jan Novak, leader of the party"), not "Acme, the market leader"
            added.append(Span(doc, start, token.i + 1, label="PERSON"))
            continue
        if len(found) != 1 or not described:
            continue
        n = found.pop()
        ent = ents[n]
        held = (
            token.dep_ == "pobj"
            and token.head.lower_ in ("of", "for", "at")
            and token.head.head.lower_ in titles.heads
        )
        if (
            ent.label_ not in ("ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT")
            or held  # "president of American Hoechst, vice chairman": the parse errs
            or ent.kb_id_
            or ent.end != token.i + 1
            or _has_org_head(ent.text, ontology)
            or _company_ending(ent.text, ontology)
            or _looks_like_org(ent.text)
        ):
            continue
        first = ent.start
        if n > 0 and ents[n - 1].end == ent.start and ents[n - 1].label_ == "PERSON":
            # "Ursula von der" + "Leyen": the rest of a name the model cut in two
            relabelled[n - 1] = None
            first = ents[n - 1].start
        relabelled[n] = Span(doc, first, ent.end, label="PERSON")
    if relabelled or added:
        kept = [ent for n, ent in enumerate(ents) if n not in relabelled]
        people = [span for span in relabelled.values() if span is not None]
        doc.ents = filter_spans([*kept, *people, *added])


# offices a firm is named to as well: "named Acme Partners as administrator" of an
# insolvent company; "aid" is help as often as an aide
_HELD_BY_BODIES = frozenset({"administrator", "aid"})


def _hyphen_group_end(doc: Doc, i: int) -> int:
    """The end of the word at token `i` and the words hyphens join to it with no space
    ("Karim-uz-Salem", "Abu-Bakar"); `i + 1` for a word no hyphen follows."""
    j = i
    while (
        j + 2 < len(doc)
        and doc[j + 1].text == "-"
        and not doc[j].whitespace_
        and not doc[j + 1].whitespace_
        and doc[j + 2].is_alpha
    ):
        j += 2
    return j + 1


@cache
def _name_cues(ontology: Ontology) -> tuple[frozenset[str], frozenset[str]]:
    """The words a person's name follows (honorifics, one-word titles that lead or hold
    an office) and the words no person's name holds (a title's or a body's), built once
    per ontology."""
    titles = ontology.titles
    cues = ontology.lex.honorifics | {
        head
        for head, info in titles.heads.items()
        if " " not in head and (info.get("leader") or info.get("official"))
    }
    return frozenset(cues), frozenset(titles.words | _body_or_title_words(ontology))


def _hyphenated_people(doc: Doc, ontology: Ontology) -> None:
    """ "Army Chief General Karim-uz-Salem", "police chief Abu-Bakar Ould-Taya": capitalised
    words joined by hyphens right after a person's title (an honorific or rank of the
    lexicon, or a one-word title of roles.json heads that leads or holds an office) are a
    person's name, where the model found none or took a part of it for something else
    (it reads hyphenated names poorly: "Army Chief General Karim-uz-Salem" gave only an
    organisation "Army"). The name runs on over the capitalised words after it ("General
    Abu-Bakar Salim"). Not a name the gazetteer knows or that holds a word of a title or a
    body ("Lieutenant-General", "Rolls-Royce Holdings"), nor one that modifies the
    lower-case noun after it ("chief Rolls-Royce engineer"), nor one whose parts the model
    took into a longer name ("General Motors-Opel")."""
    cues, stop = _name_cues(ontology)
    spans = list(doc.ents)
    owner = {t.i: ent for ent in spans for t in ent}
    added: list[Span] = []
    i = 1
    while i < len(doc):
        title = doc[i - 1]
        if (
            title.lower_ not in cues
            or title.tag_ in ("NNS", "NNPS")
            or not (title.is_title or title.is_lower)
            or not (_capitalised(doc[i]) and not doc[i].is_upper)
        ):
            i += 1
            continue
        end, hyphens = i, 0
        while end < len(doc) and end - i < 6:
            group = _hyphen_group_end(doc, end)
            last = doc[group - 1]
            if not (
                _capitalised(doc[end])
                and _capitalised(last)
                and not doc[end].is_upper
                and all(t.lower_ not in stop for t in doc[end:group] if t.is_alpha)
            ):
                break
            hyphens += group - end > 1
            end = group
        name = doc[i:end]
        after = doc[end] if end < len(doc) else None
        inside = {owner[t.i] for t in name if t.i in owner}
        if (
            not hyphens
            or ontology.names.get(fold(name.text)) is not None
            or (
                after is not None
                and after.is_lower
                and after.pos_ == "NOUN"
                and name[-1].head == after
            )
            or any(e.kb_id_ or e.start < i or e.end > end for e in inside)
        ):
            i = max(end, i + 1)
            continue
        added.append(Span(doc, i, end, label="PERSON"))
        i = end
    if added:
        taken = {t.i for span in added for t in span}
        doc.ents = sorted(
            [*(e for e in spans if not taken & {t.i for t in e}), *added],
            key=lambda e: e.start,
        )


def _people_as_officers(doc: Doc, ontology: Ontology) -> None:
    """ "the installation of Milan Voss as president", "named Tarvo Lenk as
    chairman": a name right before "as" and a lower-case title that leads or holds an
    office (roles.json heads marked leader or official) is a person's, where the model
    took it for an organisation or a place that no gazetteer entry, body's word, company's
    ending or acronym makes one. Not a title that bodies hold too (roles.json
    shared_heads: "hired Acme as adviser"; "as administrator"), nor a word that only
    modifies the noun after it ("as major shareholder"), nor a title before a name ("as
    chairman Smith said")."""
    heads = ontology.titles.heads
    shared = frozenset(ontology.roles.get("shared_heads", ()))
    spans = list(doc.ents)
    changed = False
    for n, ent in enumerate(spans):
        if (
            ent.label_ not in ("ORG", "GPE", "NORP")
            or ent.end + 1 >= len(doc)
            or doc[ent.end].lower_ != "as"
            or not all(t.is_title and t.is_alpha for t in ent)
            or not _plain_name(ent, ontology)
            or ontology.names.get(fold(ent.text)) is not None
        ):
            continue
        i = ent.end + 1
        if doc[i].lower_ in ("a", "an", "the", "its"):
            i += 1
        while i < len(doc) and doc[i].is_lower and doc[i].lower_ not in heads:
            i += 1  # "as prime minister", "as interim president"
        if i >= len(doc) or i > ent.end + 4 or not doc[i].is_lower:
            continue
        info = heads.get(doc[i].lower_)
        after = doc[i + 1] if i + 1 < len(doc) else None
        if (
            info is None
            or not (info.get("leader") or info.get("official"))
            or doc[i].lower_ in shared
            or doc[i].lower_ in _HELD_BY_BODIES
            # the head of its phrase: "as major shareholder", "as official sponsor"
            # name no office
            or doc[i].pos_ != "NOUN"
            or (after is not None and after.pos_ in ("NOUN", "PROPN"))
        ):
            continue
        spans[n] = Span(doc, ent.start, ent.end, label="PERSON")
        changed = True
    if changed:
        doc.ents = spans


def _designated_people(doc: Doc, ontology: Ontology) -> None:
    """ "U.S. citizen Jana Kovar", "retired surgeon Ivo Lang": a name of two capitalised
    words or more that a lower-case noun for a person (lexicon person_nouns, a job title)
    modifies right before it is a person's, where the model took it for a place or an
    organisation that neither the gazetteer knows nor a word for a body makes one. A title
    that may describe a body too (roles.json shared_heads) is no such cue. A name of one
    word takes a noun for a person that describes no body (not person_nouns_shared):
    "the spy Redman", "farmer Kessler". A plural names no one ("told reporters Acme Motor
    expects")."""
    shared = ontology.roles.get("shared_heads", ())
    lex = ontology.lex
    spans = list(doc.ents)
    changed = False
    for n, ent in enumerate(spans):
        if (
            ent.label_ not in ("GPE", "LOC", "ORG")
            or ent.kb_id_
            or ent.start == 0
            or not all(t.is_title and t.is_alpha for t in ent)
        ):
            continue
        noun = doc[ent.start - 1]
        phrase = " ".join(
            [c.lower_ for c in noun.lefts if c.dep_ in ("compound", "amod")]
            + [noun.lower_]
        )
        # "the spy Redman": the parser may make the name an apposition of the noun
        modifies = ent.start <= noun.head.i < ent.end or (
            ent.root.dep_ == "appos" and ent.root.head == noun
        )
        if (
            # a lower-case word the tagger took for a proper noun ("astronaut") is none
            noun.pos_ not in ("NOUN", "PROPN")
            or not noun.is_lower
            # "told reporters Acme Motor expects", "names as defendants Hughes": many
            # people are no one name
            or noun.tag_ in ("NNS", "NNPS")
            or (
                noun.lemma_ not in lex.person_nouns
                and noun.lower_ not in ontology.titles.heads
            )
            or (
                len(ent) < 2
                and (
                    noun.lemma_ not in lex.person_nouns
                    or noun.lemma_ in lex.person_nouns_shared
                )
            )
            # "lead manager Morgan Stanley International" of a bond issue: a firm
            or any(phrase == h or phrase.endswith(" " + h) for h in shared)
            or not modifies
            or not _plain_name(ent, ontology)
        ):
            continue
        spans[n] = Span(doc, ent.start, ent.end, label="PERSON")
        changed = True
    if changed:
        doc.ents = spans


def _lowercase_ministries(doc: Doc, ontology: Ontology) -> None:
    """ "Indonesia defence ministry spokesman Totok Sugiharto", "Russian foreign ministry
    spokeswoman Maria Zakharova": a country's name or demonym, the portfolio and
    "ministry" in lower case (AFP style), then a title: the model sees a country only, the
    words name the ministry the titled person works at (the gazetteer's, when it knows
    the name)."""
    titles = ontology.titles
    spans = list(doc.ents)
    added = []
    for token in doc:
        if token.lower_ != "ministry" or not token.is_lower or token.i + 1 >= len(doc):
            continue
        after = doc[token.i + 1]
        if not after.is_lower or after.lower_ not in titles.heads:
            continue
        k = token.i - 1
        while k >= 0 and doc[k].is_lower and doc[k].lower_ in titles.name_words:
            k -= 1
        if k == token.i - 1 or k < 0:
            continue  # no portfolio ("the ministry spokesman")
        country = next((e for e in spans if e.end == k + 1), None)
        if _country_entry(country, ontology) is None:
            continue
        added.append(_country_body(doc, country, token, ontology))
    if added:
        doc.ents = filter_spans([*spans, *added])


def _lowercase_services(doc: Doc, ontology: Ontology) -> None:
    """ "the Ruritanian army has announced", "the Ruritanian navy", "the Ruritanian army
    chief, General X": a country's name or demonym before a lower-case singular word for
    an armed or security service (roles.json service_bodies) names that country's
    service, where the model sees the country only: the pair is an organisation's name
    (the gazetteer's entry when it knows the pair: "North Korean army"), typed a
    government body and named with a capital ("Ruritania Army", see _state_service), and
    the country stays a mention of its own (_country_prefixes). A plural noun counts the
    service's members, no body ("Malian police arrested two men", "US marines landed"),
    as "Malian soldiers" would; "the Nigeria Police" in capitals is the model's to read.
    Not after a prefix ("anti-American army": see _prefixed)."""
    services = {w.lower() for w in ontology.roles.get("service_bodies", ())}
    spans = list(doc.ents)
    by_end = {e.end: e for e in spans}
    named = {t.i for e in spans for t in e}
    added = []
    for token in doc:
        if (
            token.lower_ not in services
            or not token.is_lower
            or token.tag_ != "NN"
            or token.i in named
        ):
            continue
        country = by_end.get(token.i)
        if (
            country is None
            or _country_entry(country, ontology) is None
            or country.label_ not in ("GPE", "NORP")
            # "the Ruritania army chief": the parser may hang the country on the title
            or country.root.head not in (token, token.head)
            or _prefixed(country, ontology)
        ):
            continue
        added.append(_country_body(doc, country, token, ontology))
    if added:
        doc.ents = filter_spans([*added, *spans])


def _country_entry(span: Span | None, ontology: Ontology) -> GazetteerEntry | None:
    """The gazetteer's country a name or demonym span stands for, if it is one."""
    entry = ontology.entry(span.kb_id_) if span is not None else None
    return entry if entry is not None and entry.cls == "Country" else None


def _country_body(doc: Doc, country: Span, noun: Token, ontology: Ontology) -> Span:
    """ "Indonesia defence ministry", "Ruritanian army": a country's name and the
    lower-case words of one of its bodies up to `noun`, an organisation's name (the
    gazetteer's entry when it knows the whole)."""
    known = ontology.names.get(fold(doc[country.start : noun.i + 1].text), "")
    return Span(doc, country.start, noun.i + 1, label="ORG", kb_id=known)


def _named_residences(doc: Doc, ontology: Ontology) -> None:
    """ "his Whitby Hall estate in Dellby", "the Neverland ranch": a name before a
    lower-case noun for a home and its grounds (lexicon place_residence_words) that a
    definite article or an owner goes before is the home's, a facility, where the model
    took it for an organisation or a place (kg/nlp/places.py then places it by the
    in-phrase, as a facility's). Not a name the model took for a person's ("the Kessler
    estate", "the Dunmore mansion": a family's home or a dead man's estate), nor one the
    gazetteer knows ("the Abbottabad compound" lies in that town), nor one with a body's
    word or a company's ending ("the Acme Corp compound"), nor an indefinite noun ("a
    Novartis compound" is a drug)."""
    homes = ontology.lex.place_residence_words
    spans = list(doc.ents)
    changed = False
    for n, ent in enumerate(spans):
        if (
            ent.label_ not in ("ORG", "GPE", "LOC", "FAC")
            or ent.end >= len(doc)
            or not _plain_name(ent, ontology)
        ):
            continue
        noun = doc[ent.end]
        definite = any(
            c.dep_ == "poss"
            or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
            for c in noun.children
        )
        if (
            noun.lower_ not in homes
            or not noun.is_lower
            or noun.pos_ != "NOUN"
            or ent.root.head != noun
            or not definite
        ):
            continue
        if ent.label_ != "FAC":
            spans[n] = Span(doc, ent.start, ent.end, label="FAC")
            changed = True
    if changed:
        doc.ents = spans


@cache
def _body_or_title_words(ontology: Ontology) -> frozenset[str]:
    """Words of a body's name (every org_*_words list of the lexicon) or of a title: no
    person's name ("... Committee General Command")."""
    return (
        frozenset(
            w.lower()
            for key, words in ontology.lexicon.items()
            if key.startswith("org_") and key.endswith("_words")
            for w in words
        )
        | ontology.titles.words
    )


def _split_title_inside(doc: Doc, spans: list[Span], ontology: Ontology) -> list[Span]:
    """ "Rubber Growers Council President Dam Sopheap": a name the model read over a job
    title and on into the holder's name is the organisation before the title and the
    person after it (the person's capitalised words the model left out included)."""
    heads = ontology.titles.heads
    body_words = _body_or_title_words(ontology)
    taken = {t.i for ent in spans for t in ent}
    out: list[Span] = []
    for ent in spans:
        cut = next(
            (
                t.i
                for t in ent[1:-1]
                if t.is_title and t.lower_ in heads and t.pos_ in ("PROPN", "NOUN")
            ),
            None,
        )
        if (
            cut is None
            or ent.label_ not in ("ORG", "FAC", "GPE", "LOC")
            or (ent.kb_id_ and not ent.kb_id_.startswith("pattern:"))  # gazetteer
            or not all(
                t.pos_ == "PROPN" and t.is_title and t.lower_ not in body_words
                for t in doc[cut + 1 : ent.end]
            )
        ):
            out.append(ent)
            continue
        end = ent.end
        while (
            end < len(doc)
            and end not in taken
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and end - cut <= 3
        ):
            end += 1
        if end - cut < 3:
            out.append(ent)  # one word after the title: "... Committee General Command"
            continue
        out += [
            Span(doc, ent.start, cut, label="ORG"),
            Span(doc, cut + 1, end, label="PERSON"),
        ]
    return out


def _organisations_before_titles(doc: Doc, ontology: Ontology) -> None:
    """ "Center for Strategic Studies Director Ivan Konovalov": the model finds the person but
    not the organisation; a capitalised name with an organisation word, right before a job
    title before a person, is one. A title the model took into an organisation's name right
    before a person ("FAA Administrator Allan McArtor") is left to the person."""
    titles = ontology.titles.name_words
    org_words = ontology.lex.org_name_words
    spans = _split_title_inside(doc, list(doc.ents), ontology)
    for n, ent in enumerate(spans):
        # "FAA Administrator" + "Allan McArtor": a title the model took into the name of
        # the organisation before a person is the person's title
        nxt = spans[n + 1] if n + 1 < len(spans) else None
        end = ent.end
        while end > ent.start + 1 and (
            doc[end - 1].lower_ in titles
            or doc[end - 1].lower_.rstrip(".") in ontology.lex.honorifics
        ):
            end -= 1  # "FAA Administrator", "Coast Guard Lt."
        gap = doc[ent.end : nxt.start].text if nxt is not None else "-"
        if (
            ent.label_ == "ORG"
            and end < ent.end
            and nxt is not None
            and nxt.label_ == "PERSON"
            and gap in ("", ".")
            and not ent.kb_id_
        ):
            spans[n] = Span(doc, ent.start, end, label="ORG")
    taken = {t.i for ent in spans for t in ent}
    for ent in list(spans):
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
    # "International Paper's chairman": capitalised words the model left out, as the owner
    # of a job title, name an organisation (two words at least: "Smith's lawyer")
    taken = {t.i for ent in spans for t in ent}
    heads = ontology.titles.heads
    for token in doc:
        if (
            token.lower_ not in ("'s", "’s")
            or token.i + 1 >= len(doc)
            or token.i - 1 in taken
            or doc[token.i + 1].lower_ not in heads
        ):
            continue
        start = _names_before(doc, token.i, taken, most=4, but=titles)
        words = token.i - start
        # a sentence's first word is capitalised anyway: one more word is wanted then
        if words >= (3 if start == token.sent.start else 2):
            spans.append(Span(doc, start, token.i, label="ORG"))
            taken.update(range(start, token.i))
    doc.ents = filter_spans(spans)


def _employers_before_titles(doc: Doc, ontology: Ontology) -> None:
    """ "Former Brakco executive Dana Hill", "Vexa spokesman Tom Reed": capitalised words
    the model left out, right before a lower-case title held inside an organisation (one
    that speaks for it, or a staff noun: "executive", "analyst") and a person's name, name
    the organisation. Not a place the gazetteer knows ("Boston analyst"); not before a
    title that leads a town as well as a body ("Dellby mayor", "Dellby president") nor
    one held for someone or somewhere (roles.json host_preps, portfolio heads)."""
    heads = ontology.titles.heads
    portfolio = frozenset(ontology.roles.get("portfolio_heads", ()))
    but = ontology.titles.words | ontology.lex.honorifics
    spans = list(doc.ents)
    taken = {t.i for ent in spans for t in ent}
    added = []
    for ent in spans:
        if ent.label_ != "PERSON" or ent.start < 2:
            continue
        title = doc[ent.start - 1]
        info = heads.get(title.lower_, {})
        if (
            not title.is_lower
            or title.lower_ in portfolio
            or info.get("host_preps")
            or not (info.get("speaks") or title.lower_ in _STAFF_NOUNS)
        ):
            continue
        start = _names_before(doc, title.i, taken, most=3, but=but)
        if start == title.i:
            continue
        name = doc[start : title.i]
        if start == doc[start].sent.start and len(name) == 1:
            continue  # a sentence's first word is capitalised anyway
        known = ontology.entry(ontology.names.get(fold(name.text)))
        if known is not None and not ontology.is_a(known.cls, ("Organization",)):
            continue
        added.append(Span(doc, start, title.i, label="ORG"))
        taken.update(range(start, title.i))
    if added:
        doc.ents = filter_spans([*spans, *added])


def _country_prefixes(
    doc: Doc, mentions: list[Mention], ontology: Ontology
) -> list[Mention]:
    """ "US Treasury", "Russian Defence Ministry": the country at the start of an
    organisation's name is a mention of its own, so facts can point at it; so is the
    region that opens the name of a government body ("Texas Department of Agriculture")."""
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
            region = region_prefix(prefix.text, mention, ontology)
            if region is not None:
                extra.append(
                    Mention(
                        prefix.start_char,
                        prefix.end_char,
                        prefix.text,
                        "Region",
                        region.name,
                        region.id,
                        "gazetteer.name-prefix",
                    )
                )
                break
    return sorted([*mentions, *extra], key=lambda m: (m.start, m.end))


def region_prefix(
    text: str, mention: Mention, ontology: Ontology
) -> GazetteerEntry | None:
    """The region the gazetteer knows by `text`, when `text` opens the name of a government
    body ("Texas Department of Agriculture", "Massachusetts Department of Public Health"),
    or None (a company named after a state may be anywhere: "Texas Instruments")."""
    if mention.label != "GovernmentBody":
        return None
    entry = ontology.entry(ontology.names.get(fold(text)))
    return entry if entry is not None and entry.cls == "Region" else None


def _portfolios_before_titles(doc: Doc, ontology: Ontology) -> None:
    """ "Petroleum and Natural Gas Minister": the model calls the portfolio an organisation;
    a name right before a job title, with no organisation word and unknown to the gazetteer,
    is part of the title."""
    titles = ontology.titles.name_words
    org_words = set(ontology.lex.org_name_words) | {
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

    heads = ontology.titles.heads

    def inside(word: str) -> bool:
        """A title held inside an organisation, which leads it or speaks for it ("Acme
        spokesman", "Healy president"), not one held for someone or somewhere ("Syria
        envoy", "opposing candidate")."""
        info = heads.get(word, {})
        return (
            any(info.get(k) for k in ("leader", "speaks", "leads_of"))
            and not info.get("host_preps")
            and word not in portfolio
        )

    def named(ent: Span) -> bool:
        words = [t for t in ent if t.text not in ("the", "The")]
        return inside(doc[ent.end].lower_) or (
            doc[ent.end].lower_ not in portfolio
            and (
                all(_ACRONYM.match(t.text.replace(".", "")) for t in words)
                or (len(words) > 1 and all(t.is_title and t.is_alpha for t in words))
            )
        )

    kept = [
        ent
        for ent in doc.ents
        if not (
            ent.label_ == "ORG"
            and not ent.kb_id_
            and ent.end < len(doc)
            and doc[ent.end].lower_ in titles
            # "Larami Corp. of Philadelphia": a word that links a title's parts is none
            and doc[ent.end].lower_ not in ("of", "for", "and", "to", "in", "on", "the")
            and not {t.lower_.rstrip(".") for t in ent} & org_words
            and not named(ent)
        )
    ]
    if len(kept) != len(doc.ents):
        doc.ents = kept


def extract_mentions(doc: Doc, ontology: Ontology) -> list[Mention]:
    """All mentions of one parsed article, in text order."""
    _join_cut_organisations(doc, ontology)
    _join_coordinated_organisations(doc, ontology)
    _numbered_organisations(doc)
    _split_possessive_inside(doc, ontology)
    _ranked_people(doc, ontology)
    _initials_names(doc)
    _extend_places(doc, ontology)
    _towns_before_regions(doc, ontology)
    _extend_people(doc, ontology)
    _hyphenated_people(doc, ontology)
    _described_people(doc, ontology)
    _designated_people(doc, ontology)
    _people_as_officers(doc, ontology)
    _lowercase_ministries(doc, ontology)
    _portfolios_before_titles(doc, ontology)
    _organisations_before_titles(doc, ontology)
    _employers_before_titles(doc, ontology)
    _lowercase_services(doc, ontology)
    _named_residences(doc, ontology)
    mentions = [
        m
        for m in (mention_for_span(ent, ontology) for ent in doc.ents)
        if m is not None
    ]
    mentions = _country_prefixes(doc, _propagate_designators(doc, mentions), ontology)
    mentions = _propagate_descriptors(doc, mentions, ontology)
    mentions = _weapon_short_names(mentions, ontology)
    mentions = _gazetteer_short_names(mentions, ontology)
    return _implicit_forces(doc, mentions, ontology)


def _named_places(doc: Doc, ontology: Ontology) -> dict[str, str]:
    """Names right before a noun for a kind of place, found by the model or not: "the
    Upper Valoria region" -> {"upper valoria": "Region"}."""
    nouns = ontology.places.place_nouns
    found: dict[str, str] = {}
    for noun in doc:
        if noun.tag_ != "NN" or noun.pos_ != "NOUN" or noun.lower_ not in nouns:
            continue
        start = noun.i
        while (
            start > noun.sent.start
            and doc[start - 1].head.i >= noun.i - 3
            and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].text in ("-", "–"))
        ):
            start -= 1
        while start < noun.i and not doc[start].is_title:
            start += 1
        if start == noun.i or doc[noun.i - 1].dep_ != "compound":
            continue
        name = fold(doc[start : noun.i].text)
        if name and name not in ontology.names:
            found.setdefault(name, _city_or_region(noun, ontology))
    return found


def _propagate_descriptors(
    doc: Doc, mentions: list[Mention], ontology: Ontology
) -> list[Mention]:
    """A name the text describes once ("the Upper Valoria region") has that class at its
    other mentions in the article, where only the model typed them."""
    described: dict[str, str] = {}
    for m in mentions:
        if m.rule == "context.descriptor":
            described.setdefault(fold(m.name), m.label)
    for name, cls in _named_places(doc, ontology).items():
        described.setdefault(name, cls)
    if not described:
        return mentions
    return [
        replace(m, label=described[fold(m.name)], rule="context.descriptor")
        if m.gazetteer_id is None
        and m.rule in ("ner", "shape.acronym")
        and fold(m.name) in described
        else m
        for m in mentions
    ]


def _weapon_base(name: str, ontology: Ontology) -> str:
    """A weapon's name without the nouns after it: "SOM cruise missile" -> "SOM"."""
    tail = ontology.words("weapon_nouns") | _WEAPON_TAIL
    words = name.split()
    while len(words) > 1 and words[-1].casefold().rstrip("s") in tail | {
        w.rstrip("s") for w in tail
    }:
        words.pop()
    return " ".join(words)


def _weapon_short_names(mentions: list[Mention], ontology: Ontology) -> list[Mention]:
    """ "SOM" and "SOM-B1" in a story that names the "SOM cruise missile": a weapon's name
    without its nouns, and a variant of a family the gazetteer lists by variants ("SOM-A",
    "SOM-J"), are that weapon; never a name that is some other entry's."""
    short: dict[str, str] = {}  # folded short name or variant family -> entry id
    for m in mentions:
        entry = ontology.entry(m.gazetteer_id)
        if entry is None or not ontology.is_a(entry.cls, ("Product",)):
            continue
        for form in (entry.name, *entry.aliases):
            base = _weapon_base(form, ontology)
            if base != form:
                short.setdefault(fold(base), entry.id)
            family = re.match(r"^(.+)-[A-Z0-9]{1,3}$", form)
            if family:
                short.setdefault(f"{fold(family.group(1))}-", entry.id)
    if not short:
        return mentions
    found = []
    for m in mentions:
        family = re.match(r"^(.+)-[A-Z0-9]{1,3}$", m.name)
        entry_id = short.get(fold(m.name)) or (
            short.get(f"{fold(family.group(1))}-") if family else None
        )
        entry = ontology.entry(entry_id)
        if (
            entry is None
            or m.gazetteer_id
            or m.label == "Person"
            or fold(m.name) in ontology.names
        ):
            found.append(m)
            continue
        rule = "weapon.variant" if family else "weapon.short-name"
        found.append(replace(m, label=entry.cls, gazetteer_id=entry.id, rule=rule))
    return found


@cache
def _qualified_names(ontology: Ontology) -> dict[str, tuple[tuple[str, str], ...]]:
    """Gazetteer bodies by their names without the country that starts them: "congress"
    -> (us-congress, united-states) for "US Congress"."""
    found: dict[str, list[tuple[str, str]]] = {}
    for entry in ontology.gazetteer:
        if entry.country is None or not ontology.is_a(entry.cls, ("Organization",)):
            continue
        for form in (entry.name, *entry.aliases):
            words = fold(form).split()
            for n in range(1, min(4, len(words))):
                if ontology.country_names.get(" ".join(words[:n])) != entry.country:
                    continue
                rest = " ".join(words[n:])
                if rest not in ontology.names and (entry.id, entry.country) not in (
                    found.get(rest, [])
                ):
                    found.setdefault(rest, []).append((entry.id, entry.country))
    return {k: tuple(v) for k, v in found.items()}


def _gazetteer_short_names(
    mentions: list[Mention], ontology: Ontology
) -> list[Mention]:
    """ "Congress" in a story about the United States is the US Congress: an organisation
    named as a gazetteer body without its country, the only body of that name among the
    countries the story names, where the story names the body in full too ("Capitol Hill")
    or names that country most."""
    index = _qualified_names(ontology)
    counts = Counter(
        m.gazetteer_id for m in mentions if m.label == "Country" and m.gazetteer_id
    )
    if not counts:
        return mentions
    top = max(counts.values())
    known = {m.gazetteer_id for m in mentions if m.gazetteer_id}
    found = []
    for m in mentions:
        bodies = index.get(fold(m.name), ()) if m.gazetteer_id is None else ()
        named = [(e, c) for e, c in bodies if c in counts]
        entry = ontology.entry(named[0][0]) if len(named) == 1 else None
        if (
            entry is None
            or (counts[named[0][1]] < top and entry.id not in known)
            or not ontology.is_a(m.label, ("Organization",))
        ):
            found.append(m)
            continue
        found.append(
            replace(
                m, label=entry.cls, gazetteer_id=entry.id, rule="gazetteer.short-name"
            )
        )
    return found


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
        # "the Ruritania Army ... the army": the country's service of that word the
        # article has named is the one meant
        named = next(
            (
                m
                for m in reversed(mentions)
                if m.start < token.idx
                and m.name.split()[-1].lower() == token.lower_
                and _state_service(m.name.split(), ontology)
                and ontology.country_names.get(fold(" ".join(m.name.split()[:-1])))
                == country
            ),
            None,
        )
        added.append(
            Mention(
                token.idx,
                token.idx + len(token.text),
                token.text,
                "GovernmentBody",
                named.name if named else f"{entry.demonyms[0]} military",
                named.gazetteer_id if named else None,
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


def equated_pairs(
    doc: Doc, mentions: list[Mention], ontology: Ontology
) -> list[tuple[int, int]]:
    """Mention pairs (name, other name) the text says name one entity: a bracketed
    abbreviation, or another name given for a name ("also known as")."""
    return sorted(
        {
            *parenthetical_pairs(doc, mentions, ontology),
            *other_name_pairs(doc, mentions),
        }
    )


def other_name_pairs(doc: Doc, mentions: list[Mention]) -> list[tuple[int, int]]:
    """ "Abu Karim, also known as Mahmud al-Rashid", "calling al-Rashid by the nom de guerre
    he used as a fighter, 'Karimi'": the name right before a cue for another name (only
    connecting words between them) and the first name after the cue in the same sentence:
    right after "known as", within the clause after a noun such as "nickname". Whether the
    two may be one entity (two people, not a person and a place) is resolution's to judge."""
    pairs = []
    for sent in doc.sents:
        base = sent.start_char
        inside = [
            i
            for i, m in enumerate(mentions)
            if base <= m.start and m.end <= sent.end_char and m.rule != "dateline"
        ]
        for cue in _OTHER_NAME_CUE.finditer(sent.text):
            start, end = base + cue.start(), base + cue.end()
            before = [i for i in inside if mentions[i].end <= start]
            after = [i for i in inside if mentions[i].start >= end]
            if not before or not after:
                continue
            name = max(before, key=lambda i: (mentions[i].end, -mentions[i].start))
            other = min(after, key=lambda i: (mentions[i].start, -mentions[i].end))
            gap_before = doc.text[mentions[name].end : start]
            gap_after = doc.text[end : mentions[other].start]
            if cue.group("verb"):
                close = bool(_AFTER_VERB_CUE.match(gap_after))
            else:
                close = len(gap_after) <= _AFTER_NOUN_CHARS and not re.search(
                    r"[;:.!?()]", gap_after
                )
            if (
                close
                and _BEFORE_CUE.match(gap_before)
                and fold(mentions[name].name) != fold(mentions[other].name)
            ):
                pairs.append((name, other))
    return pairs


def parenthetical_pairs(
    doc: Doc, mentions: list[Mention], ontology: Ontology
) -> list[tuple[int, int]]:
    """ "Justice and Development Party (AK Party)": the bracketed name is an abbreviation of
    the one before it (Schwartz & Hearst 2003 look for the same pattern), or spells out the
    acronym before it ("PAN (National Action Party)")."""
    index = token_index(doc, mentions)
    pairs = []
    for token in doc:
        if token.text != "(" or token.i == 0 or token.i + 2 >= len(doc):
            continue
        at = token.i - 1
        while (
            at > 0
            and at not in index
            and token.i - at < 5
            and (doc[at].is_punct or fold(doc[at].text) in ontology.lex.legal_forms)
        ):
            at -= 1  # "Petroleos de Venezuela, S.A. (PDVSA)": past the legal form
        before = index.get(at)
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
            # "CHP (Republican People's Party)": an acronym, then its name in another
            # language; whether the two are one kind is resolution's to judge
            or (_ACRONYM.match(outer.name) and len(inner.name.split()) > 1)
        ):
            pairs.append((before, inside))
    return pairs
