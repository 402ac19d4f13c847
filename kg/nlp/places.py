"""Place facts: where a place is (locatedIn), where an organisation is based (basedIn), which
city is a country's capital (capitalOf).

Each reading has a rule id that provenance records: "the Incirlik Air Base in Adana"
(locatedIn.in), "Kelowna, British Columbia, Canada" (locatedIn.comma-chain), "Quetta, in
southwestern Pakistan," (locatedIn.parenthetical), "the Pakistani city of Peshawar",
"Ukrainian cities such as ..." (locatedIn.descriptor), "Russia's Belgorod region"
(locatedIn.possessive), "Tuscany and Liguria provinces in northern Italy"
(locatedIn.kind-in), "X is located in Y" (locatedIn.verb), "arrived at Heathrow Airport
on Sunday in London" (locatedIn.venue), "Central Bank of Nigeria" (basedIn.name-suffix),
"German state lender KfW" (basedIn.descriptor), "X, based in Y", "London-based Barclays"
(basedIn.verb), "Pakistan's capital" (capitalOf.description), "Baghdad, Iraq's capital"
(locatedIn.capital) and companies the gazetteer
places in a country, when the sentence gives that country as their nationality
(basedIn.gazetteer). The word lists are in ontology/places.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span, Token

from kg.names import fold
from kg.nlp.entities import compass_word, region_prefix
from kg.nlp.rules import PLACE_OR_COUNTRY, Collector, arguments, path_tokens
from kg.nlp.syntax import (
    DocContext,
    former_phrase,
    one_of,
    resolve,
    short_name_in_brackets,
)
from kg.resources import PlaceWords

# an organisation of these classes is based nowhere in particular, or not by its name
_STATELESS = ("MilitaryAlliance", "ArmedGroup")
# "Va.", "Calif.", "N.C.", "Wyo.": how US wire copy abbreviates a state after a town
_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,3}")
# "Could the jet have landed in Kirovabad or Shusha in Armenia?": where a place lies, read
# from the phrase that names it ("X in Y", "X, Y"), is taken as given, whatever the mood
# of the verb the phrase hangs on (the landing is in doubt, not where Shusha is)
_GIVEN = ("asserted", None)


def place_relations(out: Collector) -> None:
    """Every place fact of the article (the rules run in a fixed order)."""
    words = out.ctx.ontology.places
    capitals(out)
    gazetteer_countries(out, words)
    located_in(out, words)
    named_kinds(out, words)
    descriptors(out, words)
    appositions(out, words)
    location_verbs(out, words)
    venues(out, words)
    name_suffixes(out, words)
    name_prefixes(out)
    company_descriptors(out, words)
    organisation_places(out, words)
    comma_addresses(out)
    media_places(out, words)
    seats(out, words)
    listed_places(out)
    fronted_scope(out)
    chains(out)
    based_countries(out)


# ------------------------------------------------------------------------------ helpers


def _spans_of(
    ctx: DocContext, keep: Callable[[DocContext, int], bool]
) -> Iterator[tuple[int, Span]]:
    """The mentions `keep` accepts, with their spans in the doc."""
    for index in range(len(ctx.mentions)):
        if keep(ctx, index) and (span := ctx.span(index)) is not None:
            yield index, span


def mention_for_entry(ctx: DocContext, entry_id: str, near: Span) -> int | None:
    """A mention of `entry_id` in the article, or None (facts need a mention to point at)."""
    found = [i for i, m in enumerate(ctx.mentions) if m.gazetteer_id == entry_id]
    return min(
        found, key=lambda i: abs(ctx.mentions[i].start - near.start_char), default=None
    )


def _is_place(ctx: DocContext, index: int) -> bool:
    """A place that can be inside another (a country is not; nor is a capital that
    stands for its state, which is a Country mention)."""
    return ctx.ontology.is_a(ctx.cls(index), ("Place",))


def _containers(ctx: DocContext, index: int) -> tuple[str, ...]:
    """What a place can be located in: a city or a known region is in a region or a
    country ("Kelowna, British Columbia"; "Paris, London" is a list); anything else, a facility or a
    place the model alone named, in any place."""
    mention = ctx.mentions[index]
    if mention.label == "City" or (
        mention.label == "Region" and mention.gazetteer_id is not None
    ):
        return ("Region", "Country")
    return ("Place", "Country")


def _hyphenated(token: Token) -> bool:
    """ "Iranian-backed", "Russian-occupied", "U.S.-sanctioned": the country is the
    agent of a participle, not the nationality of the noun."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "–")


def _named_container(ctx: DocContext, token: Token) -> int | None:
    """The country or known region a modifier names: "Indian", "Pakistan's", "Syria"
    (not an unknown region, so "the Black Sea port of Odesa" is not in the Black Sea)."""
    index = ctx.mention_at(token)
    if index is None or _hyphenated(token):
        return None
    mention = ctx.mentions[index]
    if mention.label == "Country" or (
        mention.label == "Region" and mention.gazetteer_id is not None
    ):
        return index
    return None


def _in_list(token: Token) -> bool:
    """Is `token` a conjunct of a list with "and"/"or" ("Africa, Asia and the Middle
    East"), rather than a place after its town ("Kelowna, British Columbia, Canada")?"""
    if token.dep_ != "conj":
        return False
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    chain = [first, *first.conjuncts]
    return any(c.dep_ == "cc" for t in chain for c in t.children)


def _listed_after(ctx: DocContext, index: int) -> bool:
    """Does a list go on after the mention `index` ("Africa, Asia, and the Middle East":
    more names, then "and"), whatever the parse made of it?"""
    doc = ctx.doc
    span = ctx.span(index)
    if span is None:
        return False

    def name_after(j: int) -> bool:  # "and (northeast) Asia", not "and has seen"
        while j < len(doc) and (doc[j].is_space or doc[j].pos_ in ("DET", "ADJ")):
            j += 1
        return j < len(doc) and ctx.mention_at(doc[j]) is not None

    i = _skip_region_words(ctx, span.end, ctx.lex.place_region_words)
    while i < len(doc):
        word = doc[i].lower_
        if word in ("and", "or", "&"):
            return name_after(i + 1)
        j = _skip_space(doc, i + 1)
        if word != "," or j >= len(doc):
            return False
        if doc[j].lower_ in ("and", "or"):
            return name_after(j + 1)
        following = ctx.mention_at(doc[j])
        nxt = ctx.span(following) if following is not None else None
        if nxt is None:
            return False
        i = _skip_region_words(ctx, nxt.end, ctx.lex.place_region_words)
    return False


def _skip_space(doc: Doc, at: int) -> int:
    while at < len(doc) and doc[at].is_space:
        at += 1
    return at


def _skip_region_words(ctx: DocContext, at: int, words: frozenset[str]) -> int:
    """The first token from `at` on that is no region word ("province") nor space, nor a
    short name in brackets ("Centro Nacional de Microelectronica (CNM) in Barcelona")."""
    doc = ctx.doc
    while at < len(doc) and (doc[at].lower_ in words or doc[at].is_space):
        at += 1
    return at + 3 if short_name_in_brackets(doc, at) else at


def _feature_noun(ctx: DocContext, span: Span) -> Token | None:
    """The lower-case noun for a tract of land or water, or for a facility, right after a
    place's name that heads the phrase ("the Kashan plateau in northern Iran",
    "Oregon's Wallowa foothills", "the Savannah River plant in South Carolina"): the
    in-phrase and the owner of the phrase are the place's. Words for what a facility does
    may come between ("the Chernobyl nuclear power plant in Ukraine", "the Marrow Flats
    uranium enrichment plant in Utah")."""
    doc = ctx.doc
    at = span.end
    # at most three lower-case modifiers of the facility noun ("nuclear power")
    while (
        at < min(len(doc) - 1, span.end + 3)
        and doc[at].is_lower
        and doc[at].dep_ in ("compound", "amod", "nmod")
        and doc[at].head.i > at
        and ctx.mention_at(doc[at]) is None
    ):
        at += 1
    if at >= len(doc):
        return None
    noun = doc[at]
    facilities = ctx.lex.place_facility_words | ctx.lex.place_residence_words
    if at > span.end and noun.lower_ not in facilities:
        return None
    if (
        noun.pos_ != "NOUN"
        or not noun.is_lower
        or (
            noun.lower_ not in ctx.ontology.places.feature_nouns
            and noun.lower_ not in facilities
        )
        or span.root.head.i != noun.i
        or ctx.mention_at(noun) is not None
    ):
        return None
    return noun


# ------------------------------------------------------------------------- capitals


def capitals(out: Collector) -> None:
    """ "Pakistan's capital", "the Turkish capital": the gazetteer knows which city that is.
    A town the phrase names ("Baghdad, Iraq's capital", "the Iraqi capital of Baghdad")
    lies in the country, whichever city the gazetteer has for its capital
    (locatedIn.capital)."""
    ctx = out.ctx
    for token in ctx.doc:
        if token.lemma_.lower() != "capital" or token.pos_ != "NOUN":
            continue
        countries = arguments(
            token, ("poss", "amod", "compound", "prep:of>pobj"), ctx, ("Country",)
        )
        towns = [
            m for m in _described_members(token, ctx) if ctx.cls(m) in ("City", "Place")
        ]
        for country in countries:
            for town in towns:
                out.add(town, "locatedIn", country, token, "locatedIn.capital", 0.8)
        for country in countries:
            entry = ctx.ontology.entry(ctx.mentions[country].gazetteer_id)
            if entry is None or entry.capital is None:
                continue
            city = next(
                (
                    i
                    for i, m in enumerate(ctx.mentions)
                    if m.gazetteer_id == entry.capital and m.label == "City"
                ),
                None,
            )
            if city is None:
                continue
            out.add(city, "capitalOf", country, token, "capitalOf.description", 0.85)


# ------------------------------------------------------------------ basedIn: gazetteer


def _nationality_in(
    sentence: Span, country_id: str, company: Span, ctx: DocContext, words: PlaceWords
) -> Token | None:
    """A word of `sentence` that gives the country as the nationality of the company or
    of businesses ("Chinese companies, including Sinopec", "Korea's defense industry",
    "the Turkish defense sector"), not as a party ("trade with the U.S.") or as the
    nationality of someone else ("US officials")."""
    business = words.company_nouns | words.industry_nouns
    for token in sentence:
        index = ctx.mention_at(token)
        if index is None or ctx.mentions[index].gazetteer_id != country_id:
            continue
        span = ctx.span(index)
        root = span.root if span is not None else token
        if _hyphenated(root) or root.dep_ not in ("poss", "amod", "compound", "nmod"):
            continue
        head = root.head
        between = ctx.doc[root.i + 1 : company.start]
        if all(t.tag_ == "POS" for t in between) and root.i < company.start:
            return root  # "Germany's Rheinmetall Chief Executive ..."
        if head.i in range(company.start, company.end) or (
            head.pos_ == "NOUN"
            and (head.lower_ in business or head.lemma_.lower() in business)
        ):
            return root
    return None


def gazetteer_countries(out: Collector, words: PlaceWords) -> None:
    """Companies the gazetteer places in a country are basedIn it when a sentence that
    names the company also gives that country as a nationality ("Chinese companies,
    including Sinopec"; "Korea's defense industry ... companies such as Hanwha"): the
    gazetteer says which country, the text says that it is the company's. A country named
    only as a party ("Vietnam bought Boeing jets from the U.S.") says nothing of the sort."""
    ctx = out.ctx
    seen: set[str] = set()
    for index, mention in enumerate(ctx.mentions):
        entry = ctx.ontology.entry(mention.gazetteer_id)
        if entry is None or not entry.country or entry.id in seen:
            continue
        if not ctx.ontology.is_a(entry.cls, ("Company",)):
            continue
        span = ctx.span(index)
        if span is None:
            continue
        marker = _nationality_in(span.sent, entry.country, span, ctx, words)
        if marker is None:
            continue
        country = ctx.mention_at(marker)
        if country is None:
            continue
        seen.add(entry.id)
        out.add(index, "basedIn", country, span.root, "basedIn.gazetteer", 0.9)


# ------------------------------------------------------------- locatedIn: the phrase


def located_in(out: Collector, words: PlaceWords) -> None:
    """ "the Incirlik Air Base in Adana", "Kelowna, British Columbia, Canada", "Quetta, in
    southwestern Pakistan,", "the Hofburg Palace, the venue for the summit, in Vienna"."""
    ctx = out.ctx
    doc = ctx.doc
    region_words = ctx.lex.place_region_words
    for index, span in _spans_of(ctx, _is_place):
        root = span.root
        feature = _feature_noun(ctx, span)
        after = _skip_region_words(
            ctx, feature.i + 1 if feature is not None else span.end, region_words
        )
        right = (
            {after, after + 1}
            if after < len(doc) and doc[after].text == ","
            else {after}
        )
        found = False
        # "the Kashan plateau in northern Iran": the in-phrase of the feature
        heads = (root,) if feature is None else (root, feature)
        for prep in (c for head in heads for c in head.children):
            # "the Incirlik Air Base in Adana": the "in" right after the name (not
            # "Altay in Xinjiang and Pu'er in Yunnan"), and the one place it names
            if prep.dep_ != "prep" or prep.lower_ != "in" or prep.i not in right:
                continue
            for pobj in prep.children:
                place = ctx.mention_at(pobj) if pobj.dep_ == "pobj" else None
                if place is not None and ctx.ontology.is_a(
                    ctx.cls(place), PLACE_OR_COUNTRY
                ):
                    _add_located(out, index, place, root, "locatedIn.in", 0.8)
                    found = True
        if not found and after < len(doc) and doc[after].lower_ == "in":
            # "born in Yatsushiro in southern Japan": the parser hangs the second "in"
            # on the verb; a town right before "in <region or country>" is in it
            place = _place_after(ctx, doc[after], attached=False)
            if (
                place is not None
                and place != index
                and (not _in_list(root) or _gapped(root))
                and ctx.ontology.is_a(ctx.cls(place), _containers(ctx, index))
            ):
                _add_located(out, index, place, root, "locatedIn.in", 0.7)
        if after + 1 >= len(doc) or doc[after].text != ",":
            continue
        nxt = _comma_container(ctx, index)
        if nxt is not None:
            out.add(
                index,
                "locatedIn",
                nxt,
                root,
                "locatedIn.comma-chain",
                0.75,
                mood=_GIVEN,
            )
            continue
        place = _parenthetical_in(ctx, after + 1, words)
        if (
            place is not None
            and place != index
            and ctx.ontology.is_a(ctx.cls(place), _containers(ctx, index))
        ):
            _add_located(out, index, place, root, "locatedIn.parenthetical", 0.75)


def named_kinds(out: Collector, words: PlaceWords) -> None:
    """ "Tuscany and Liguria provinces in northern Italy", "the Kibungo district in
    Rwanda": places named before a noun for their kind (place_nouns) are in the place of
    the in-phrase right after that noun."""
    ctx = out.ctx
    doc = ctx.doc
    for noun in doc:
        if (
            noun.pos_ != "NOUN"
            or noun.lower_ not in words.place_nouns
            or noun.i + 1 >= len(doc)
            or doc[noun.i + 1].lower_ != "in"
            or doc[noun.i + 1].head.i != noun.i
        ):
            continue
        container = _place_after(ctx, doc[noun.i + 1])
        if container is None:
            continue
        named = [
            t
            for c in noun.children
            if c.dep_ in ("compound", "nmod") and c.i < noun.i
            for t in (c, *c.conjuncts)
        ]
        members = dict.fromkeys(
            i for t in named if (i := ctx.mention_at(t)) is not None
        )
        for member in members:
            if (
                member != container
                and _is_place(ctx, member)
                and ctx.ontology.is_a(ctx.cls(container), _containers(ctx, member))
            ):
                out.add(member, "locatedIn", container, noun, "locatedIn.kind-in", 0.75)


def _add_located(
    out: Collector, index: int, place: int, trigger: Token, rule: str, confidence: float
) -> None:
    """`index` locatedIn `place`, and in the region a comma adds to the place ("the
    Savannah River Plant, in Aiken, S.C.": in Aiken and in South Carolina)."""
    ctx = out.ctx
    out.add(index, "locatedIn", place, trigger, rule, confidence, mood=_GIVEN)
    region = _comma_container(ctx, place) if _is_place(ctx, place) else None
    if (
        region is not None
        and region != index
        and ctx.ontology.is_a(ctx.cls(region), _containers(ctx, index))
    ):
        out.add(
            index,
            "locatedIn",
            region,
            trigger,
            f"{rule}.region",
            confidence - 0.05,
            mood=_GIVEN,
        )


def _state_abbreviation(ctx: DocContext, index: int) -> bool:
    """ "Va.", "Calif.", "N.C.": a region written as an abbreviation in the style of US
    wire copy: the gazetteer's region ("Alexandria, Va."), or a place the model finds."""
    mention = ctx.mentions[index]
    return _ABBREVIATION.fullmatch(mention.text) is not None and (
        mention.label == "Region"
        or (mention.label == "Place" and mention.gazetteer_id is None)
    )


def _regional(ctx: DocContext, index: int) -> bool:
    return ctx.cls(index) in ("Region", "Country") or _state_abbreviation(ctx, index)


def _comma_container(ctx: DocContext, index: int) -> int | None:
    """The region or country a comma after the place `index` adds: "Kelowna, British
    Columbia", "Fort Myers, Florida", "Alexandria, Va." (not a list: "Paris, London")."""
    doc = ctx.doc
    span = ctx.span(index)
    if span is None:
        return None
    after = _skip_region_words(ctx, span.end, ctx.lex.place_region_words)
    if after + 1 >= len(doc) or doc[after].text != ",":
        return None
    # "Tiaret, north-west Algeria", "Lowell, northern Ohio": a compass word between
    at = after + 1
    while at + 1 < len(doc) and (_compass(doc[at], ctx) or doc[at].text in ("-", "–")):
        at += 1
    # a direction before the region says where in it the place lies: no list goes on
    # from there, even when "and" follows ("the mayor of Tiaret, north-west Algeria,
    # and Ali Kader")
    directed = any(_compass(doc[i], ctx) for i in range(after + 1, at))
    # the comma-chain keeps to the classes the model gives: "Kelowna, British Columbia" and
    # "Fort Myers, Florida", not two towns in a row
    nxt = ctx.mention_at(doc[at])
    if nxt is None or nxt == index:
        return None
    nxt_span = ctx.span(nxt)
    if nxt_span is not None and (
        nxt_span.root.ent_type_ == "NORP"
        or nxt_span.root.dep_ == "amod"
        or (
            nxt_span.root.dep_ == "compound"
            and nxt_span.root.head.i >= nxt_span.end
            and nxt_span.root.head.pos_
            == "PROPN"  # not "its Sudbury, Ontario property"
        )
    ):
        # "Lake Tarnow, Polish police said": a nationality of the next phrase; "Tulsa,
        # America Online said": a name the model cut, not a place closing the first
        return None
    if (
        nxt_span is not None
        and nxt_span.end < len(doc)
        and doc[nxt_span.end].lower_ == "in"
        and ctx.mentions[nxt].gazetteer_id is None
    ):
        # "Dan Sai District in Loei Province, Nakhon Thai District in Phitsanulok
        # Province": a place placed in its turn is the next of a list
        return None
    regional = _regional(ctx, nxt)
    chained = regional or (
        ctx.cls(index) not in ("City", "Region") and ctx.cls(nxt) == "Place"
    )
    # a conjunct is in a list when "and" joins it ("Africa, Asia and ..."); a bare
    # conjunct after a town is its region ("Kelowna, British Columbia"), not another town
    listed = _in_list(doc[at]) if regional else doc[at].dep_ == "conj"
    if _state_abbreviation(ctx, nxt) and not _opens_clause(ctx, nxt):
        return (
            nxt  # "Batavia, N.Y., and Akron, Ohio": a wire abbreviation lists nothing
        )
    if chained and directed and regional and not _opens_clause(ctx, nxt):
        return nxt
    if (
        chained
        and not listed
        and not _listed_after(ctx, nxt)
        and not _opens_clause(ctx, nxt)
    ):
        return nxt
    return None


def _compass(token: Token, ctx: DocContext) -> bool:
    """ "north", "south-east", "northern", "southeastern", "central": a direction (not a
    name)."""
    return ctx.mention_at(token) is None and compass_word(token, ctx.ontology)


def _opens_clause(ctx: DocContext, index: int) -> bool:
    """Does the mention `index` start something of its own rather than close a place:
    "Borussia Dortmund, Germany's only listed club", "bound for Asia, the U.S. depends"?"""
    span = ctx.span(index)
    if span is None:
        return True
    at = _skip_region_words(ctx, span.end, ctx.lex.place_region_words)
    if at >= len(ctx.doc):
        return False
    nxt = ctx.doc[at]
    return nxt.tag_ == "POS" or nxt.pos_ in ("VERB", "AUX")


def _parenthetical_in(ctx: DocContext, at: int, words: PlaceWords) -> int | None:
    """The place of ", in [the] [northern] Y" that starts at token `at` (after a comma),
    also over an apposition without a verb (", the venue for the summit, in Vienna"), when
    Y closes the phrase rather than starting a list ("in Paris, in London and ...")."""
    doc = ctx.doc
    sent_end = doc[at].sent.end if at < len(doc) else len(doc)
    if at < len(doc) and doc[at].lower_ not in words.location_preps:
        # an apposition: a short noun phrase without a verb or a name, then a comma
        end = at
        while end < min(sent_end, at + 10) and doc[end].text != ",":
            token = doc[end]
            if token.pos_ in ("VERB", "AUX", "PRON", "CCONJ") or (
                ctx.mention_at(token) is not None
            ):
                return None
            end += 1
        if end == at or end >= sent_end or doc[end].text != ",":
            return None
        if not any(doc[i].pos_ == "NOUN" for i in range(at, end)):
            return None
        at = end + 1
    if at >= sent_end or doc[at].lower_ not in words.location_preps:
        return None
    i = at + 1
    while i < sent_end and (
        doc[i].pos_ in ("DET", "ADJ") and ctx.mention_at(doc[i]) is None
    ):
        i += 1  # "in the northern", "in southeastern"
    if i >= sent_end:
        return None
    place = ctx.mention_at(doc[i])
    if place is None:
        return None
    span = ctx.span(place)
    if span is None:
        return None
    after = _skip_region_words(ctx, span.end, ctx.lex.place_region_words)
    if after < sent_end:
        nxt = doc[after]
        if nxt.dep_ == "cc" or nxt.lower_ in ("and", "or"):
            return None  # "in Paris and ..."
        if nxt.text == "," and after + 1 < sent_end:
            following = doc[after + 1]
            if following.lower_ in words.location_preps or following.dep_ == "cc":
                return None  # "in Kyiv, in Kharkiv, ..."
    return place


# ------------------------------------------------------- locatedIn: the kind of place


def _place_noun(token: Token, words: PlaceWords) -> bool:
    return token.pos_ == "NOUN" and (
        token.lower_ in words.place_nouns or token.lemma_.lower() in words.place_nouns
    )


def _described_containers(noun: Token, ctx: DocContext) -> list[int]:
    """What a noun that describes a place says it is in: its nationality or country
    ("the Indian city", "Pakistan's northwestern city", "a Syrian port city") or its "in"
    phrase ("a town in eastern Ukraine")."""
    found: list[int] = []
    for child in noun.children:
        if child.dep_ not in ("amod", "poss", "compound", "nmod") or child.i > noun.i:
            continue
        if any(c.dep_ in ("cc", "conj") for c in child.children):
            continue  # "between Rajasthan state and Pakistan's Sindh province"
        index = _named_container(ctx, child)
        if index is not None and index not in found:
            found.append(index)
    listed = _listed_before(noun)
    paths = (
        ("prep:in>pobj", "prep:of>pobj")
        if _appended(noun) or listed
        else ("prep:in>pobj",)
    )
    heads = [noun]
    if listed and noun.i + 1 < len(noun.doc):
        after = noun.doc[noun.i + 1]
        if after.lower_ == "in" and after.head == noun.head:
            heads.append(noun.head)  # "hit A and B provinces in central Italy"
    parts = ctx.ontology.places.part_nouns
    # "Siena is in Tuscany province and Genoa in Liguria": an in-phrase after a
    # conjunct of the noun is the conjunct's (a verb left out), not the noun's
    gap = min(
        (c.i for c in noun.children if c.dep_ == "conj" and c.i > noun.i),
        default=len(noun.doc),
    )
    for head in heads:
        for place in arguments(
            head, paths if head is noun else ("prep:in>pobj",), ctx, PLACE_OR_COUNTRY
        ):
            span = ctx.span(place)
            if head is noun and span is not None and span.start > gap:
                continue
            if place not in found:
                found.append(place)
        # "a town in the arid northwest of Namibia": the place the part is of
        for part in path_tokens(head, ("prep:in>pobj",)):
            if part.lower_ in parts and ctx.mention_at(part) is None:
                for place in arguments(part, ("prep:of>pobj",), ctx, PLACE_OR_COUNTRY):
                    if place not in found:
                        found.append(place)
    return found


def _country_noun(token: Token, words: PlaceWords) -> bool:
    return token.pos_ == "NOUN" and token.lower_ in words.country_nouns


def _country_descriptor(out: Collector, noun: Token) -> None:
    """ "Palau, an island country in the Pacific Ocean", "Chad, a landlocked country in
    central Africa", "Qatar is a small Gulf state", "Slovenia is the smallest of
    Yugoslavia's six republics": a noun for a state describing a country puts it in the
    region its phrase names, and a republic in the federation that holds it; not a state
    it was once part of ("a former Soviet republic": syntax.former_phrase)."""
    ctx = out.ctx
    if former_phrase(noun, ctx):
        return
    members = _described_members(noun, ctx, countries=True)
    if not members:
        return
    republic = noun.lemma_.lower() == "republic"
    for container in _described_containers(noun, ctx):
        cls = ctx.cls(container)
        if container in members or not (
            ctx.ontology.is_a(cls, ("Region",))
            or cls == "Place"  # a region the model alone named ("East Africa")
            or (republic and cls == "Country")
        ):
            continue
        for member in members:
            out.add(
                member,
                "locatedIn",
                container,
                noun,
                "locatedIn.country-descriptor",
                0.75,
            )


def _listed_before(noun: Token) -> list[Token]:
    """ "Umbria and Lazio provinces": the names a plural noun for a kind of place lists
    before it."""
    if noun.tag_ != "NNS":
        return []
    return [
        t
        for child in noun.children
        if child.dep_ in ("compound", "nmod") and child.i < noun.i and child.conjuncts
        for t in (child, *child.conjuncts)
    ]


def _appended(noun: Token) -> bool:
    """ "Lazio, a region of Italy", "Kolbeck, a town of Bavaria": an indefinite noun for a
    kind of place in apposition to a name, whose of-phrase is its container (in "the city
    of Peshawar" it is the place named)."""
    return (
        noun.dep_ == "appos"
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    ) or _one_of(noun) is not None


def _one_of(noun: Token) -> Token | None:
    """The name "one" of a plural for a kind of place stands for: "X, one of the largest
    cities of Ecuador" ("one" in apposition to X), "X is one of Canada's provinces" (X
    the subject); a superlative counts the same way ("Ontario is the largest of Canada's
    ten provinces", "Quebec, the largest of Canada's provinces,")."""
    one = one_of(noun)
    if one is None and noun.dep_ == "pobj" and noun.tag_ == "NNS":
        prep = noun.head
        if prep.lower_ == "of" and prep.head.tag_ == "JJS":
            one = prep.head
    if one is None:
        return None
    if one.dep_ == "appos":
        return one.head
    if one.dep_ == "attr" and one.head.lemma_ == "be":
        return next((c for c in one.head.children if c.dep_ == "nsubj"), None)
    return None


_RANK = {"Country": 3, "Region": 2, "City": 1}


def _named_part(noun: Token, ctx: DocContext) -> tuple[int, int] | None:
    """ "the Adhamiya district of Baghdad" and "the Baghdad district of Adhamiya", "the
    Louisville suburb of Okolona", "the Donetsk region of Ukraine": a proper name right
    before a noun for a kind of place and an of-phrase naming a place -> (the part, the
    place it is part of). Which is which the gazetteer says: the one it knows (the larger
    kind when it knows both; neither when it knows none). Not "the Pakistani city of
    Peshawar" nor "the Pakistan province of Sindh" (a country before the noun is its
    container, the of-phrase its member: the descriptor rule)."""
    if noun.i == 0 or noun.tag_ != "NN":
        return None
    name = noun.doc[noun.i - 1]
    if (
        name.head != noun
        or name.dep_ not in ("compound", "nmod")
        or name.pos_ != "PROPN"
    ):
        return None
    before = ctx.mention_at(name)
    if before is None or not _is_place(ctx, before) or ctx.cls(before) == "Country":
        return None
    owners = [
        i
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        and (i := ctx.mention_at(pobj)) is not None
        and ctx.ontology.is_a(ctx.cls(i), PLACE_OR_COUNTRY)
    ]
    if len(owners) != 1:
        return None
    (after,) = owners

    def rank(index: int) -> int:  # a place the gazetteer knows outranks any other
        if ctx.mentions[index].gazetteer_id is None:
            return 0
        return 10 + _RANK.get(ctx.cls(index), 0)

    if rank(before) == rank(after):
        return None
    if (
        ctx.cls(after) == "Country"
        and _home_country(ctx, before) != ctx.mentions[after].gazetteer_id
    ):
        return None  # "the Gulf state of Qatar": the country is the place named
    return (before, after) if rank(after) > rank(before) else (after, before)


def _pobjs(prep: Token) -> list[Token]:
    return [
        t
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for t in (pobj, *pobj.conjuncts)
    ]


def _described_members(
    noun: Token, ctx: DocContext, *, countries: bool = False
) -> list[int]:
    """The places a describing noun names: "the city of Peshawar", "towns such as A, B and
    C", "cities including A and B", "the Pakistani city, Peshawar,", "Ukraine's Donetsk
    region", "Tartus, a Syrian port city"; with `countries`, the countries a noun for a
    state names ("Chad, a landlocked country", "Qatar is a small Gulf state")."""
    tokens: list[Token] = []
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        if word == "of" and (_appended(noun) or _listed_before(noun)):
            continue  # "Lazio, a region of Italy": Italy holds it
        if word in ("of", "including", "like") or (
            word == "as" and any(c.lower_ == "such" for c in prep.children)
        ):
            tokens += _pobjs(prep)
        elif word == "such":  # "such as" with "as" under "such"
            for inner in prep.children:
                if inner.dep_ == "prep" and inner.lower_ == "as":
                    tokens += _pobjs(inner)
    tokens += _listed_before(noun)  # "Umbria and Lazio provinces"
    for child in noun.children:
        if child.dep_ == "appos":
            tokens.append(child)  # "the Pakistani city, Peshawar,"
        elif child.dep_ == "compound" and child.i == noun.i - 1 and noun.tag_ == "NN":
            tokens.append(child)  # "Ukraine's Donetsk region", not "Las Vegas resorts"
    head = noun.head
    if noun.dep_ == "appos" and (
        head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)
    ):
        # "China, India and the Republic of Palau, a small island country": the parser
        # hangs the apposition on the list; it describes the name before its comma
        tokens += _name_before_apposition(noun)
    elif noun.dep_ in ("appos", "compound"):
        tokens.append(head)
        if noun.dep_ == "appos":
            tokens += _name_before_apposition(noun)
    elif (named := _one_of(noun)) is not None:
        tokens.append(named)  # "Tarija, one of the largest cities of Bolivia"
    elif countries and noun.dep_ == "attr" and noun.head.lemma_ == "be":
        # "Qatar is a small Gulf state"
        tokens += [c for c in noun.head.children if c.dep_ == "nsubj"]
    found: list[int] = []
    for token in tokens:
        index = ctx.mention_at(token)
        if index is None or index in found:
            continue
        if ctx.cls(index) == "Country" if countries else _is_place(ctx, index):
            found.append(index)
    return found


def _name_before_apposition(noun: Token) -> list[Token]:
    """ "the summit in Tarija, second largest city in Bolivia,": the parser may hang the
    apposition on the phrase the name ends ("summit") rather than on the name; the name
    right before the apposition's comma is the one it describes."""
    doc = noun.doc
    comma = noun.left_edge.i - 1
    if comma < 1 or doc[comma].text != "," or noun.head.i >= comma:
        return []
    name = doc[comma - 1]
    return [name] if name.pos_ == "PROPN" and name.head.i != noun.head.i else []


def descriptors(out: Collector, words: PlaceWords) -> None:
    """ "the Pakistani city of Peshawar", "Ukrainian cities such as A, B and C",
    "Tartus, a Syrian port city", "Chaman, a town in southwestern Pakistan", "Russia's
    Kursk region": a noun for a kind of place, with a nationality or an "in" phrase,
    describes the places it names; and "Russia's Belgorod", a place a country owns."""
    ctx = out.ctx
    for noun in ctx.doc:
        if _country_noun(noun, words):
            # "Qatar is a Gulf state"; and a state may be a country's part, "the
            # Malaysian state of Sarawak", which the place nouns' rule reads below
            _country_descriptor(out, noun)
        if not _place_noun(noun, words):
            continue
        part = _named_part(noun, ctx)
        if part is not None:
            # "the Adhamiya district of Baghdad", "the Baghdad district of Adhamiya": the
            # part and the place it is part of, whichever is written first
            member, container = part
            if container != member and ctx.ontology.is_a(
                ctx.cls(container), _containers(ctx, member)
            ):
                out.add(member, "locatedIn", container, noun, "locatedIn.part", 0.8)
            continue
        members = _described_members(noun, ctx)
        if not members:
            continue
        containers = _described_containers(noun, ctx)
        for member in members:
            for container in containers:
                if container == member or not ctx.ontology.is_a(
                    ctx.cls(container), _containers(ctx, member)
                ):
                    continue
                out.add(
                    member, "locatedIn", container, noun, "locatedIn.descriptor", 0.8
                )
    for index, mention in enumerate(ctx.mentions):
        span = ctx.span(index)
        if span is None or not _is_place(ctx, index):
            continue
        # "Oregon's Wallowa foothills": the owner of the feature's phrase
        feature = _feature_noun(ctx, span)
        if feature is None and (
            mention.label == "Place"
            and mention.gazetteer_id is None
            and mention.rule != "name.words"  # "California's Sierra Nevada Forest"
        ):
            continue  # the model's bare places include "Russia's Putin", "China's Alibaba"
        owners = list(span.root.children)
        if feature is not None:
            # not its adjective: "the Cuban Little Havana area" is a quarter of Cubans
            owners += [c for c in feature.children if c.dep_ == "poss"]
        for owner in owners:
            if owner.i >= span.start or owner.dep_ not in ("poss", "amod", "compound"):
                continue
            town = ctx.mention_at(owner)
            if (
                owner.dep_ == "poss"
                and town is not None
                and ctx.cls(town) in ("City", "Region")
                and (
                    mention.label in ("Facility", "Place")
                    or (mention.label, ctx.cls(town)) == ("Region", "Region")
                    or feature is not None  # "Colorado's San Juan mountains"
                )
                and not _hyphenated(owner)
            ):
                # "Beijing's Tiananmen Square", "California's Sierra Nevada",
                # "Louisiana's Cameron Parish"
                out.add(index, "locatedIn", town, owner, "locatedIn.possessive", 0.75)
                continue
            country = _named_container(ctx, owner)
            if country is None or ctx.cls(country) != "Country":
                continue
            if owner.dep_ == "poss" or ctx.mentions[country].rule.endswith(".demonym"):
                # "Russia's Belgorod", "the Russian Belgorod region" (a country's name
                # as a bare modifier may be something else: "Ukraine Kursk incursion")
                out.add(
                    index, "locatedIn", country, owner, "locatedIn.possessive", 0.75
                )


def appositions(out: Collector, words: PlaceWords) -> None:
    """ "the Vexa Dome, a stadium in Dayton", "Harlan Lodge, a retreat in Yakima": a
    place or a facility with an indefinite noun in apposition whose in-phrase names a
    place is in that place (nouns for a kind of place are the descriptors' rule)."""
    ctx = out.ctx
    for index, span in _spans_of(ctx, _is_place):
        for noun in span.root.children:
            if (
                noun.dep_ != "appos"
                or noun.pos_ != "NOUN"
                or _place_noun(noun, words)
                or ctx.mention_at(noun) is not None
                or not any(
                    c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children
                )
            ):
                continue
            for prep in noun.children:
                if prep.dep_ != "prep" or prep.lower_ not in words.location_preps:
                    continue
                place = _place_after(ctx, prep)
                if (
                    place is not None
                    and place != index
                    and ctx.ontology.is_a(ctx.cls(place), _containers(ctx, index))
                ):
                    _add_located(out, index, place, noun, "locatedIn.apposition", 0.75)


# -------------------------------------------------------------- locatedIn: the verb


def _located_objects(verb: Token, ctx: DocContext, words: PlaceWords) -> list[int]:
    """The places of "in Y", "in the north of Y" under a location verb."""
    found: list[int] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in words.location_preps:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            targets = [pobj]
            if ctx.mention_at(pobj) is None and pobj.lower_ in words.part_nouns:
                targets = [
                    t
                    for of in pobj.children
                    if of.dep_ == "prep" and of.lower_ == "of"
                    for t in of.children
                    if t.dep_ == "pobj"
                ]
            for target in targets:
                for index in resolve(target, ctx, PLACE_OR_COUNTRY):
                    if index not in found:
                        found.append(index)
    return found


def location_verbs(out: Collector, words: PlaceWords) -> None:
    """ "X is located in Y", "X, located in Y,", "X lies in northern Y" (X a place), and
    "X is based in Y", "X, headquartered in Y" (X an organisation)."""
    ctx = out.ctx
    for verb in ctx.doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        based = lemma in words.base_verbs or verb.lower_ in words.base_verbs
        if not based and lemma not in words.location_verbs:
            continue
        if based and verb.dep_ == "amod":
            _hyphen_based(out, verb, words)
            continue
        subjects: list[int] = []
        if verb.dep_ == "acl":
            head = verb.head  # "X, located in Y"
            if (
                ctx.mention_at(head) is None
                and head.dep_ == "appos"
                and (head.lower_ in words.company_nouns or not based)
            ):
                head = head.head  # "Baykar, a drone maker based in Istanbul"
            index = ctx.mention_at(head)
            subjects = [index] if index is not None else []
        else:
            holder = verb.head if verb.dep_ == "acomp" else verb  # "is headquartered"
            for child in holder.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    subjects += resolve(child, ctx, ("Place", "Organization"))
        if based:
            subjects = [
                s
                for s in subjects
                if ctx.ontology.is_a(ctx.cls(s), ("Organization",))
                and not ctx.ontology.is_a(ctx.cls(s), _STATELESS)
            ]
        else:
            subjects = [s for s in subjects if _is_place(ctx, s)]
        if not subjects:
            continue
        for place in _located_objects(verb, ctx, words):
            # "Acme, based in West Point, Ga.": the region the comma adds too
            region = _comma_container(ctx, place) if _is_place(ctx, place) else None
            for subject in subjects:
                if based:
                    out.add(subject, "basedIn", place, verb, "basedIn.verb", 0.85)
                    if region is not None:
                        out.add(
                            subject, "basedIn", region, verb, "basedIn.verb.region", 0.8
                        )
                elif ctx.ontology.is_a(ctx.cls(place), _containers(ctx, subject)):
                    out.add(subject, "locatedIn", place, verb, "locatedIn.verb", 0.85)


def _hyphen_based(out: Collector, based: Token, words: PlaceWords) -> None:
    """ "London-based Barclays", "the Istanbul-based drone maker Baykar", "the Doha-based
    broadcaster Al Jazeera" (not "a Kyiv-based analyst": a person is based nowhere here)."""
    ctx = out.ctx
    doc = ctx.doc
    places = [
        p
        for c in based.children
        if c.i < based.i
        and c.dep_ in ("npadvmod", "compound", "nmod")
        and doc[c.i + 1].text in ("-", "–")
        and (p := ctx.mention_at(c)) is not None
        and ctx.ontology.is_a(ctx.cls(p), PLACE_OR_COUNTRY)
    ]
    head = based.head
    named = ctx.mention_at(head)
    if named is None and (
        head.lower_ in words.company_nouns
        or head.lower_ in ctx.lex.media_nouns
        or head.lower_ in ctx.lex.org_name_words  # "a Sao Paulo-based institute, X,"
    ):
        # the name the noun introduces: its apposition, the name right after it, or
        # the name it ends ("the Ohio-based Acme Foods chain")
        after = [c for c in head.children if c.dep_ == "appos"]
        if head.i + 1 < len(doc):
            after.append(doc[head.i + 1])
        after += [c for c in head.children if c.dep_ == "compound" and c.i > based.i]
        named = next((i for t in after if (i := ctx.mention_at(t)) is not None), None)
    if named is None or not _organisation(ctx, named):
        return
    for place in places:
        out.add(named, "basedIn", place, based, "basedIn.verb", 0.8)


# ------------------------------------------------------------ locatedIn: the venue


def venues(out: Collector, words: PlaceWords) -> None:
    """ "arrived at Heathrow Airport on Sunday in London": a facility one is at, and the
    city the same verb puts the scene in, with nothing but a date between them."""
    ctx = out.ctx
    doc = ctx.doc
    for index, mention in enumerate(ctx.mentions):
        if mention.label != "Facility":
            continue
        span = ctx.span(index)
        if span is None:
            continue
        root = span.root
        if root.dep_ != "pobj" or root.head.lower_ != "at":
            continue
        verb = root.head.head
        i = span.end
        sent_end = span.sent.end
        while i < sent_end and doc[i].lower_ not in words.location_preps:
            token = doc[i]
            if token.lower_ in words.date_preps and token.head == verb:
                i += 1
                continue
            if token.ent_type_ in ("DATE", "TIME") or token.text == ",":
                i += 1
                continue
            break
        if i >= sent_end or doc[i].lower_ not in words.location_preps:
            continue
        prep = doc[i]
        if prep.head != verb or prep.dep_ != "prep":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            place = ctx.mention_at(pobj)
            if place is not None and ctx.ontology.is_a(
                ctx.cls(place), PLACE_OR_COUNTRY
            ):
                out.add(index, "locatedIn", place, prep, "locatedIn.venue", 0.75)


# ------------------------------------------------------------------ basedIn: the name


def _organisation(ctx: DocContext, index: int) -> bool:
    cls = ctx.cls(index)
    return (
        ctx.ontology.is_a(cls, ("Organization",))
        and not ctx.ontology.is_a(cls, _STATELESS)
        and not ctx.mentions[index].rule.startswith("implicit.")
    )


def _country_named(ctx: DocContext, words: list[str]) -> str | None:
    """The country that `words` name exactly (its name or an alias, not a demonym)."""
    entry = ctx.ontology.entry(ctx.ontology.names.get(fold(" ".join(words))))
    return entry.id if entry is not None and entry.cls == "Country" else None


def _organisation_name(ctx: DocContext, index: int, head: list[str]) -> bool:
    """Is "<head> of <country>" an organisation's name ("Central Bank of Nigeria", "Ministry
    of Finance of Ukraine") rather than a title or a nickname ("Butcher of Iran")? Its
    class says so, or a word of an organisation's name."""
    if ctx.ontology.is_a(ctx.cls(index), ("Company", "GovernmentBody")):
        return True
    lex = ctx.lex
    # the words of state bodies and businesses; not "Organization", "Movement", "Front"
    # ("People's Mojahedin Organization of Iran", "Islamic Movement of Uzbekistan" are
    # groups named after the country they oppose or claim, based elsewhere)
    kinds = lex.org_government_words | lex.org_company_words | lex.org_state_words
    return any(w.lower() in kinds for w in head)


def name_suffixes(out: Collector, words: PlaceWords) -> None:
    """An organisation named after its country at the end: "Central Bank of Nigeria",
    "Banco de Portugal", "Ministry of Finance of Ukraine", and a company name that
    ends in the country ("PT Bank Negara Indonesia", "Air India")."""
    ctx = out.ctx
    for index, mention in enumerate(ctx.mentions):
        if not _organisation(ctx, index):
            continue
        span = ctx.span(index)
        if span is None or any(t.pos_ == "CCONJ" for t in span):
            continue
        tokens = [t.text for t in span if not t.is_punct]
        if tokens and tokens[0].lower() == "the":
            tokens = tokens[1:]
        country: str | None = None
        for cut in range(1, len(tokens)):  # the longest tail first: "of South Korea"
            tail = tokens[cut:]
            if tail[0].lower() == "the":
                tail = tail[1:]
            if not tail or len(tail) > 4:
                continue
            named = _country_named(ctx, tail)
            if named is None:
                continue
            link = tokens[cut - 1].lower()
            if link in words.name_links:
                kind = tokens[cut - 2].lower() if cut >= 2 else ""
                if kind not in words.foreign_presence_nouns and (
                    link != "of" or _organisation_name(ctx, index, tokens[: cut - 1])
                ):
                    country = named
            elif ctx.ontology.is_a(mention.label, ("Company",)):
                country = named
            break
        if country is None:
            continue
        target = mention_for_entry(ctx, country, span)
        if target is not None:
            out.add(index, "basedIn", target, span.root, "basedIn.name-suffix", 0.75)


def name_prefixes(out: Collector) -> None:
    """A state body named after its country at the start: "the Chinese Foreign Ministry",
    "the German Government", "the Angolan Defense Ministry" (or after its region: "the
    Texas Department of Agriculture") -> basedIn, when the article
    names the country (a fact needs a mention to point at). Only bodies of a state: a
    company or a newspaper named after a country ("Chinese Times") may be based abroad."""
    ctx = out.ctx
    lex = ctx.lex
    kinds = lex.org_government_words | lex.org_state_words
    for index, mention in enumerate(ctx.mentions):
        if not _organisation(ctx, index) or mention.gazetteer_id is not None:
            continue
        words = [w for w in mention.text.split() if w.lower() != "the"]
        if words and words[0][:1].isdigit():
            words = words[1:]  # "the 3rd U.S. Circuit Court of Appeals"
        if len(words) < 2 or not any(w.lower() in kinds for w in words[1:]):
            continue
        if any(w.endswith(("'s", "’s")) for w in words):
            continue  # "Turkey's Defense Agency": an owner, read by structural.py
        if any(w.lower() in ctx.ontology.places.foreign_presence_nouns for w in words):
            continue  # "the Chilean Embassy": sent by its country, based abroad
        if not ctx.ontology.is_a(ctx.cls(index), ("GovernmentBody", "Organization")):
            continue
        # the longest country name or demonym that opens the name: "South Korean ..."
        country = next(
            (
                found
                for cut in (3, 2, 1)
                if cut < len(words)
                and (
                    found := ctx.ontology.country_names.get(fold(" ".join(words[:cut])))
                )
            ),
            None,
        )
        if country is None:
            # "the Texas Department of Agriculture": a state's body is based in the state
            # (the region that opens its name, kg.nlp.entities._country_prefixes)
            country = next(
                (
                    region.id
                    for cut in (3, 2, 1)
                    if cut < len(words)
                    and (
                        region := region_prefix(
                            " ".join(words[:cut]), mention, ctx.ontology
                        )
                    )
                ),
                None,
            )
        span = ctx.span(index)
        if country is None or span is None:
            continue
        target = mention_for_entry(ctx, country, span)
        if target is not None and target != index:
            out.add(index, "basedIn", target, span.root, "basedIn.name-prefix", 0.75)


# -------------------------------------------------------------- basedIn: the description


def _descriptor_left(span: Span, ctx: DocContext, words: PlaceWords) -> list[Token]:
    """The words just before a name that describe it ("German state lender" before
    "KfW"), when the word next to the name is a noun for a business."""
    doc = ctx.doc
    i = span.start - 1
    if i < 0 or doc[i].lower_ not in words.company_nouns or doc[i].pos_ != "NOUN":
        return []
    found: list[Token] = []
    while i >= span.sent.start:
        token = doc[i]
        if token.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") or token.text in (
            "-",
            "'s",
            "’s",
        ):
            if token.pos_ == "VERB" and token.tag_ not in ("VBN", "VBG"):
                break  # "state-owned", "trading" describe; a finite verb does not
            found.append(token)
            i -= 1
            continue
        if token.tag_ == "POS":
            found.append(token)
            i -= 1
            continue
        break
    return found


def _town_modifier(ctx: DocContext, token: Token) -> int | None:
    """The town a bare modifier names ("a Detroit company", "the Lyon carmaker"), not a
    town that owns ("Detroit's") or acts ("Detroit-backed")."""
    index = ctx.mention_at(token)
    if index is None or _hyphenated(token) or token.dep_ not in ("compound", "nmod"):
        return None
    return index if ctx.cls(index) in ("City", "Place") else None


def company_descriptors(out: Collector, words: PlaceWords) -> None:
    """A nationality or a town on a noun for a business that introduces a name: "Malaysian
    state energy company Petronas", "German state lender KfW", "the Brazilian miner Vale",
    "Equinor, Norway's largest energy company,", "Kestrel, a Detroit company,", "the Daily
    Planet, Canada's national newspaper," -> basedIn."""
    ctx = out.ctx
    for index, span in _spans_of(ctx, _organisation):
        described = _descriptor_left(span, ctx, words)
        countries: list[int] = []
        for token in described:
            found = _named_container(ctx, token)
            if found is None:
                found = _town_modifier(ctx, token)
            if found is not None and ctx.cls(found) != "Region":
                countries.append(found)
        root = span.root
        # (a conjunct inside the name is none: "The Globe and Mail")
        conjuncts = [c.i for c in root.children if c.dep_ == "conj" and c.i >= span.end]
        nouns = words.company_nouns
        if ctx.cls(index) == "MediaOrganization":
            nouns = nouns | ctx.lex.media_nouns  # "X, Canada's national newspaper,"
        for appos in root.children:
            # "Vale, a Brazilian miner,"; not "Vodafone and O2, Britain's other
            # operator", which describes the last of the two
            if appos.dep_ != "appos" or appos.lower_ not in nouns:
                continue
            if any(i < appos.i for i in conjuncts):
                continue
            for child in appos.children:
                if child.dep_ in ("amod", "poss", "compound", "nmod"):
                    found = _named_container(ctx, child)
                    if found is None:
                        found = _town_modifier(ctx, child)
                    if found is not None and ctx.cls(found) != "Region":
                        countries.append(found)
        for country in dict.fromkeys(countries):
            out.add(index, "basedIn", country, root, "basedIn.descriptor", 0.8)


# ------------------------------------------------------------ basedIn: next to the name


def _modifier(token: Token, words: PlaceWords) -> bool:
    """A word before a place's name that describes it: a determiner, an adjective or an
    adverb ("the", "extreme"), a word for nearness whatever its tag ("nearby",
    "neighbouring": vicinity_words), or a lower-case participle the tagger takes for a
    verb ("war-ravaged")."""
    return (
        token.pos_ in ("DET", "ADJ", "ADV")
        or (token.is_lower and token.lower_ in words.vicinity_words)
        or (
            token.is_lower
            and token.tag_ in ("VBG", "VBN")
            and token.dep_ in ("amod", "compound")
            and token.head.i > token.i
        )
    )


def _place_after(ctx: DocContext, prep: Token, *, attached: bool = True) -> int | None:
    """The place a preposition right after a name introduces ("in [the] Dallas", "of
    Springfield", "in extreme northwestern Montana", "in the north of Iraq", "in the
    southwestern province of Baluchistan"), when nothing but determiners and
    adjectives come between (and, if `attached`, the parser puts the place under the
    preposition); not one that starts a list or owns something ("in Ukraine's east")."""
    doc = ctx.doc
    i = prep.i + 1
    while (
        i < len(doc)
        and _modifier(doc[i], ctx.ontology.places)
        and ctx.mention_at(doc[i]) is None
    ):
        i += 1
    part = None
    words = ctx.ontology.places
    if (
        i + 1 < len(doc)
        and (
            doc[i].lower_ in words.part_nouns
            # "in the southwestern province of Baluchistan": the kind names the place
            or (doc[i].tag_ == "NN" and _place_noun(doc[i], words))
            or doc[i].lower_ in ctx.lex.place_region_words
        )
        and ctx.mention_at(doc[i]) is None
        and doc[i + 1].lower_ == "of"
    ):
        # "in the eastern part of Rwanda", "in the north of Iraq": the place the part is of
        part = doc[i]
        i += 2
        while (
            i < len(doc)
            and _modifier(doc[i], ctx.ontology.places)
            and ctx.mention_at(doc[i]) is None
        ):
            i += 1
    if i >= len(doc):
        return None
    if attached:
        heads = (doc[i].head.i, doc[i].head.head.i)
        if part is not None:
            attached_ok = prep.i in (part.head.i,) and doc[part.i + 1].i in heads
        else:
            attached_ok = prep.i in heads
        if not attached_ok:
            return None
    place = ctx.mention_at(doc[i])
    if place is None or not ctx.ontology.is_a(ctx.cls(place), PLACE_OR_COUNTRY):
        return None
    span = ctx.span(place)
    if span is None:
        return None
    end = _skip_region_words(ctx, span.end, ctx.lex.place_region_words)
    if end < len(doc) and (
        doc[end].tag_ == "POS" or doc[end].lower_ in ("and", "or", "&")
    ):
        return None  # "in Ukraine's east", "in Kharkiv and Odesa"
    return place


def _named_body(ctx: DocContext, index: int) -> bool:
    """An organisation the gazetteer does not know, named as one ("Acme Tool Co.", "the
    Diabetes Association"): a known one in a place is usually there for a while ("the UN
    in Gaza"), and a name with no word for a body may be an event ("Leaders' Summit")."""
    mention = ctx.mentions[index]
    if mention.gazetteer_id is not None:
        return False
    lex = ctx.lex
    kinds = (
        lex.org_name_words
        | lex.org_government_words
        | lex.org_company_words
        | lex.org_state_words
    )
    return mention.label != "Organization" or any(
        w.lower().strip(".,") in kinds or w.lower().rstrip("s") in kinds
        for w in mention.name.split()
    )


def _at_home(ctx: DocContext, index: int, place: int) -> bool:
    """ "the State Department in Washington": a body the gazetteer knows as a country's,
    in a town or region of that country, is based there (the UN in Gaza, a company abroad
    and a town the gazetteer does not place are not)."""
    body = ctx.ontology.entry(ctx.mentions[index].gazetteer_id)
    town = ctx.ontology.entry(ctx.mentions[place].gazetteer_id)
    return (
        body is not None
        and town is not None
        # "the Oval Office of the White House in Washington": a body named for its
        # building is as often the building
        and body.name.split()[-1].lower() not in ctx.lex.place_facility_words
        and body.name.split()[-1].lower() != "house"
        and body.country is not None
        and body.cls == "GovernmentBody"
        and town.cls in ("City", "Region")
        and town.country == body.country
    )


def _at_body(root: Token, prep: Token) -> bool:
    """ "died at Mercy Hospital in nearby Tulsa", "studied at the Acme Institute in
    Dayton": the parser hangs the "in" on the verb, past the "at" whose object the name
    is; one is at a body where it is, so the in-phrase is still the body's (not "signed
    with Acme in Paris": "with" makes the body a party, and the scene is the verb's)."""
    at = root.head
    return (
        root.dep_ == "pobj"
        and at.lower_ == "at"
        and at.dep_ == "prep"
        and prep.head.i == at.head.i
        and prep.i > root.i
    )


def _party(root: Token) -> bool:
    """ "signed with Acme Corp. in Paris", "a deal with Acme Corp. in Paris", "a suit
    against Acme Corp. in Ohio": a body joined by "with" or "against" is a party to what
    is done, and an in-phrase after it says where that is done as often as where the
    body is (the parser hangs it on the name either way)."""
    return root.dep_ == "pobj" and root.head.lower_ in ("with", "against")


def _named_after(ctx: DocContext, index: int, place: int) -> bool | None:
    """ "the Karachi Stock Exchange in Pakistan", "the Lagos Chamber of Commerce in
    Lagos", "the Kenya Wildlife Service in Nairobi": an organisation whose name holds the
    name of a place the gazetteer knows, written with an in-phrase that agrees with it
    (that very place, the country of that place, or a town of that country when the name
    holds the country), is a body of that place, whatever word heads its name: True. A
    name of a town or region of another country ("the Karachi Stock Exchange in London",
    "the Vienna Philharmonic in Tokyo": a visit, a branch) is False; None when the name
    holds no such place, or either is unknown."""
    mention = ctx.mentions[index]
    if mention.gazetteer_id is not None:
        return None
    there = ctx.mentions[place].gazetteer_id
    home = _home_country(ctx, place)
    if there is None or home is None:
        return None
    words = [w for w in mention.name.split() if w.lower() != "the"]
    elsewhere = False
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            named = ctx.ontology.entry(
                ctx.ontology.names.get(fold(" ".join(words[start : start + size])))
            )
            if named is None or named.cls not in ("City", "Region", "Country"):
                continue
            named_home = named.id if named.cls == "Country" else named.country
            if named_home != home:
                # a town's or a region's body abroad is visiting ("the Vienna
                # Philharmonic in Tokyo"); a nation's may be posted there ("the U.S.
                # Embassy in Ankara")
                elsewhere = elsewhere or (
                    named_home is not None and named.cls != "Country"
                )
                continue
            if named.id == there or there == home or named.cls == "Country":
                return True
    return False if elsewhere else None


def organisation_places(out: Collector, words: PlaceWords) -> None:
    """ "the American Heart Association in Dallas", "Acme Tool Co. of Springfield, Ill.",
    "Dallas's Baylor hospital": a place written next to an organisation's name, in an "in"
    or "of" phrase that belongs to the name (not to a verb: "signed with Acme in Paris")
    or as its owner, is where it is based; so is the region a comma adds to that place
    ("in Dallas, Texas"). So is the in-phrase after a body one is "at", wherever the
    parser hangs it ("died at Mercy Hospital in nearby Tulsa"), and after a body named
    after the place ("the Karachi Stock Exchange in Pakistan"). An embassy of a country
    is based in its host, not in it."""
    ctx = out.ctx
    doc = ctx.doc
    for index, span in _spans_of(ctx, _organisation):
        root = span.root
        places: list[tuple[int, str, Token]] = []
        # "the Institute for Marine Biology (IMB) in Lisbon"
        after = span.end + 3 if short_name_in_brackets(doc, span.end) else span.end
        if after < len(doc):
            prep = doc[after]
            kind = prep.lower_
            # the parser often hangs "in" on the verb ("headed the Acme Institute in
            # Dayton"): right after a named body, a town or region is still its seat
            # (a country is not: "Acme in Russia" may be a branch or a market)
            loose = kind == "in" and (
                (prep.head.i == root.head.i and root.dep_ != "nsubj")
                or _at_body(root, prep)
            )
            if (
                kind in ("in", "of")
                and (prep.head.i in range(span.start, span.end) or loose)
                and not (kind == "in" and _party(root))
                and not (
                    kind == "of" and span[-1].lower_ in words.foreign_presence_nouns
                )
            ):
                place = _place_after(ctx, prep)
                named = _named_after(ctx, index, place) if place is not None else None
                if (
                    place is not None
                    and (not loose or ctx.cls(place) in ("City", "Place", "Region"))
                    # "Victoria Mining Ltd. of Perth": an of-phrase is an address
                    and (named is not False or kind == "of")
                    and (
                        _named_body(ctx, index)
                        or _at_home(ctx, index, place)
                        or named
                        # "CH2M Hill of Corvallis, Ore.": a town and its state after
                        # "of" are an address, whatever words the name is made of
                        or (
                            kind == "of"
                            and ctx.mentions[index].gazetteer_id is None
                            and ctx.cls(place) in ("City", "Place")
                            and _comma_container(ctx, place) is not None
                        )
                    )
                ):
                    places.append((place, f"basedIn.{kind}", prep))
        for owner in root.children:
            if owner.dep_ != "poss" or owner.i >= span.start or _hyphenated(owner):
                continue
            place = ctx.mention_at(owner)
            if place is not None and _is_place(ctx, place):
                # "Dallas's Baylor hospital" (a country owner: structural.py)
                places.append((place, "basedIn.possessive", owner))
        for place, rule, trigger in places:
            out.add(index, "basedIn", place, trigger, rule, 0.75)
            region = _comma_container(ctx, place) if _is_place(ctx, place) else None
            if region is not None:
                out.add(index, "basedIn", region, trigger, f"{rule}.region", 0.7)


def comma_addresses(out: Collector) -> None:
    """ "Acme Tool Co., Springfield, Ill., said ...", "the Army Reserve Center,
    Springfield, Mo.": a town and its region in commas right after an organisation's or
    a facility's name are its address (the town must have its region after it, so that
    "NATO, Paris and Berlin" stays a list)."""
    ctx = out.ctx
    doc = ctx.doc
    for index in range(len(ctx.mentions)):
        organisation = _organisation(ctx, index) and _named_body(ctx, index)
        if not organisation and ctx.mentions[index].label != "Facility":
            continue
        span = ctx.span(index)
        if span is None or span.end + 1 >= len(doc) or doc[span.end].text != ",":
            continue
        town = ctx.mention_at(doc[span.end + 1])
        if town is None or town == index or ctx.cls(town) not in ("City", "Place"):
            continue
        town_span = ctx.span(town)
        if town_span is None or town_span.start != span.end + 1:
            continue
        region = _comma_container(ctx, town)
        if region is None or not _regional(ctx, region):
            continue
        trigger = doc[span.end]
        if organisation:
            out.add(index, "basedIn", town, trigger, "basedIn.address", 0.75)
            out.add(index, "basedIn", region, trigger, "basedIn.address.region", 0.7)
        else:
            out.add(index, "locatedIn", town, trigger, "locatedIn.address", 0.75)


def media_places(out: Collector, words: PlaceWords) -> None:
    """ "the Moscow daily Izvestiya", "Paris AFP", "the Cairo newspaper Al-Ahram": a town
    written before the name of a news outlet (with at most a noun for an outlet between)
    is where the outlet is based."""
    ctx = out.ctx
    doc = ctx.doc
    media = ctx.lex.media_nouns
    for index, mention in enumerate(ctx.mentions):
        if mention.label != "MediaOrganization" or mention.rule in (
            "credit",
            "dateline",
            "source-line",  # kg.nlp.extract.source_lines reads those
        ):
            continue
        span = ctx.span(index)
        if span is None:
            continue
        i = span.start - 1
        while i >= span.sent.start and (
            doc[i].lower_ in media
            or doc[i].lower_ in ("state", "state-run", "official")
        ):
            i -= 1  # "the Moscow daily", "the Cairo state newspaper"
        if i < span.sent.start or doc[i].tag_ == "POS" or _hyphenated(doc[i]):
            continue  # "Moscow's Izvestiya": a possessive is the rule of structural.py
        place = ctx.mention_at(doc[i])
        if place is None or place == index or ctx.cls(place) not in ("City", "Place"):
            continue
        place_span = ctx.span(place)
        if place_span is None or place_span.end != i + 1:
            continue
        out.add(index, "basedIn", place, doc[i], "basedIn.media-place", 0.75)


def seats(out: Collector, words: PlaceWords) -> None:
    """ "the NRC headquarters in Rockville", "at Acme's Dallas headquarters": an
    organisation's seat (base_nouns) and the place it is in -> basedIn."""
    ctx = out.ctx
    doc = ctx.doc
    for noun in doc:
        if noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ not in words.base_nouns:
            continue
        owners = [
            i
            for c in noun.children
            if c.dep_ in ("compound", "poss", "nmod")
            and c.i < noun.i
            and (i := ctx.mention_at(c)) is not None
            and _organisation(ctx, i)
        ]
        if len(set(owners)) != 1:
            continue
        places = [
            i
            for c in noun.children
            if c.dep_ in ("compound", "nmod")
            and c.i < noun.i
            and (i := ctx.mention_at(c)) is not None
            and ctx.ontology.is_a(ctx.cls(i), PLACE_OR_COUNTRY)
        ]
        if noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in words.location_preps:
            place = _place_after(ctx, doc[noun.i + 1])
            if place is not None:
                places.append(place)
        for place in dict.fromkeys(places):
            out.add(owners[0], "basedIn", place, noun, "basedIn.seat", 0.8)
            region = _comma_container(ctx, place) if _is_place(ctx, place) else None
            if region is not None:
                out.add(owners[0], "basedIn", region, noun, "basedIn.seat.region", 0.7)


# the rules whose locatedIn a sentence states as a chain of places
_CHAINED = (
    "locatedIn.comma-chain",
    "locatedIn.in",
    "locatedIn.parenthetical",
    "locatedIn.address",
)


def chains(out: Collector) -> None:
    """ "Kelowna, British Columbia, Canada", "Yatsushiro in Kumamoto Prefecture in
    southern Japan": a place the sentence puts in a place it puts in a third is in the
    third (locatedIn.chain; the links are read by the rules above, in the same sentence)."""
    ctx = out.ctx
    links = [
        (r.sentence_start, r.subject, r.object)
        for r in list(out.relations.values())
        if r.predicate == "locatedIn"
        and r.modality == "asserted"
        and r.object is not None
        and r.rule.startswith(_CHAINED)
    ]
    inside: dict[tuple[int, int], set[int]] = {}
    for sentence, place, container in links:
        inside.setdefault((sentence, place), set()).add(container)
    for sentence, place, middle in links:
        span = ctx.span(middle)
        for outer in sorted(inside.get((sentence, middle), ())):
            if (
                span is None
                or outer in (place, middle)
                or outer in inside[(sentence, place)]
                or not ctx.ontology.is_a(ctx.cls(outer), _containers(ctx, place))
            ):
                continue
            out.add(place, "locatedIn", outer, span.root, "locatedIn.chain", 0.7)


def based_countries(out: Collector) -> None:
    """ "passed to Britain by the Chilean Embassy in London": a body the sentence bases in
    a town the gazetteer places in a country is based in that country too, when the same
    sentence names the country (basedIn.town-country)."""
    ctx = out.ctx
    based = [
        r
        for r in list(out.relations.values())
        if r.predicate == "basedIn"
        and r.modality == "asserted"
        and r.object is not None
        and ctx.cls(r.object) == "City"
    ]
    for relation in based:
        country = _home_country(ctx, relation.object)
        span = ctx.span(relation.object)
        if country is None or span is None:
            continue
        for index, mention in enumerate(ctx.mentions):
            if mention.gazetteer_id != country:
                continue
            other = ctx.span(index)
            if other is None or other.sent.start != span.sent.start:
                continue
            out.add(
                relation.subject,
                "basedIn",
                index,
                span.root,
                "basedIn.town-country",
                0.65,
            )
            break


def _home_country(ctx: DocContext, index: int) -> str | None:
    """The gazetteer id of the country a known place is in (itself for a country)."""
    entry = ctx.ontology.entry(ctx.mentions[index].gazetteer_id)
    if entry is None:
        return None
    return entry.id if entry.cls == "Country" else entry.country


def _comma_closer(ctx: DocContext, comma: int) -> int | None:
    """The state or country after a comma that closes a list of places ("Grande Isle and
    St. Albans, Vt., blowing ..."): it ends its phrase (a stop, a comma, a bracket or the
    sentence follows), so it is no subject of what comes next."""
    doc = ctx.doc
    index = ctx.mention_at(doc[comma + 1]) if comma + 1 < len(doc) else None
    if index is None or ctx.cls(index) not in ("Region", "Country"):
        return None
    span = ctx.span(index)
    if span is None or span.start != comma + 1:
        return None
    if span.end < span.sent.end and not (
        doc[span.end].is_punct and doc[span.end].text not in ("-", "'s", "’s")
    ):
        return None
    return index


def _placed_subject(verb: Token) -> bool:
    """Is `verb` a "be" with a subject ("Lecce is in Apulia region and Catania in
    Sicily": the in-phrase places the subject, and a second pair follows with the verb
    left out)?"""
    return verb.lemma_ == "be" and any(c.dep_ == "nsubj" for c in verb.children)


def _gapped(token: Token) -> bool:
    """Is `token` the second subject of a pair whose verb is left out ("Genoa" in "Siena
    is in Tuscany and Genoa in Liguria"): a conjunct of the object of "in" under a "be"
    with a subject?"""
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return (
        first is not token
        and first.dep_ == "pobj"
        and first.head.lower_ == "in"
        and _placed_subject(first.head.head)
    )


def listed_places(out: Collector) -> None:
    """ "in Kibeho, Gikongoro and Butare in southern Rwanda", "filmed in Osaka and Kobe
    in Japan": places listed before "in" a known region or country are each in it,
    however the parser hung the phrase; a listed place the gazetteer puts elsewhere says
    the list is not of that country's places ("visited Kabul and Quetta in Pakistan":
    neither is read)."""
    ctx = out.ctx
    doc = ctx.doc
    for index, span in _spans_of(ctx, _is_place):
        # the last place of a list, right before "in" (or a comma and a state or
        # country that ends the phrase: "between Salida and Gunnison, Colorado.")
        if span.end >= len(doc) or doc[span.end].lower_ not in ("in", ","):
            continue
        if doc[span.end].lower_ == "in":
            container = _place_after(ctx, doc[span.end], attached=False)
        else:
            container = _comma_closer(ctx, span.end)
        if container is None or ctx.mentions[container].gazetteer_id is None:
            continue
        home = _home_country(ctx, container)
        members = [index]
        at = span.start - 1
        while at > span.sent.start and doc[at].lower_ in (",", "and", "or"):
            j = at - 1
            if doc[at].lower_ in ("and", "or") and doc[j].text == ",":
                j -= 1  # "A, B, and C"
            member = ctx.mention_at(doc[j])
            member_span = ctx.span(member) if member is not None else None
            if member_span is None or not _is_place(ctx, member):
                break
            k = member_span.start - 1
            if (
                k > 0
                and doc[k].lower_ == "in"
                and ctx.mention_at(doc[k - 1]) is not None
            ):
                break  # "Altay in Xinjiang and Lijiang in Yunnan": Xinjiang holds Altay
            if k > 0 and doc[k].lower_ == "in" and _placed_subject(doc[k].head):
                break  # "Lecce is in Apulia and Catania in Sicily": a verb left out
            members.append(member)
            at = member_span.start - 1
        if len(members) < 2 or not any(
            doc[i].lower_ in ("and", "or")
            for i in range(ctx.span(members[-1]).end, span.start)
        ):
            continue  # "Kelowna, British Columbia in ...": a comma chain, no list
        if doc[span.end].text == "," and any(
            ctx.cls(m) in ("Region", "Country")
            # "based in San Francisco and Shanghai, China": a town the gazetteer
            # knows may be the one the comma's place belongs to alone
            or ctx.mentions[m].gazetteer_id is not None
            for m in members
        ):
            continue  # "at Jackson, Wyo., and Gunnison, Colo.": a list of chains
        known = [_home_country(ctx, m) for m in members]
        if any(k is not None and k != home for k in known) or any(
            not ctx.ontology.is_a(ctx.cls(container), _containers(ctx, m))
            for m in members
        ):
            continue
        for member in members:
            if member != container:
                out.add(
                    member,
                    "locatedIn",
                    container,
                    doc[span.end],
                    "locatedIn.in.list"
                    if doc[span.end].lower_ == "in"
                    else "locatedIn.comma-list",
                    0.7,
                    mood=_GIVEN,
                )


def _scene(ctx: DocContext, sent: Span) -> tuple[int, int] | None:
    """The state or country a sentence sets before itself as its scene, and the token
    after it: "In Colorado, ...", or a round-up's item "Montana: ..." (at the head of a
    story the cleaning stage cuts that as a dateline)."""
    doc = ctx.doc
    heading = sent[0].lower_ != "in"
    first = sent[0] if heading else sent[1]
    scene = ctx.mention_at(first) if first.lower_ != "the" else None
    span = ctx.span(scene) if scene is not None else None
    if (
        scene is None
        or span is None
        or span.start != first.i
        or span.end >= sent.end
        or doc[span.end].text != (":" if heading else ",")
        or ctx.cls(scene) not in ("Region", "Country")
        or ctx.mentions[scene].gazetteer_id is None
    ):
        return None
    return scene, span.end + 1


def fronted_scope(out: Collector) -> None:
    """ "In Colorado, 13 inches of snow fell in Denver", "In San Bernardino County, winds
    damaged the station in Rancho Cucamonga", a round-up's item under its state's name
    ("Montana: A fire in the Bitterroot National Forest ..."): a state or country set
    before the sentence as its scene holds the places the sentence puts things in or
    near, or east of ("Oregon: Fires east of the Wallowa Mountains"). Only places the
    gazetteer does not know (one it knows may be anywhere: "In Texas, officials in
    Washington ...") and only places that can lie in the scene ("In Texas, fires in
    Oklahoma": no)."""
    ctx = out.ctx
    doc = ctx.doc
    for sent in doc.sents:
        found = _scene(ctx, sent) if len(sent) >= 5 else None
        if found is None:
            continue
        scene, start = found
        for token in doc[start : sent.end]:
            if token.lower_ not in ("in", "at", "near") and not (
                token.lower_ == "of" and _compass(token.head, ctx)
            ):
                continue
            place = _place_after(ctx, token)
            if (
                place is None
                or place == scene
                or ctx.mentions[place].gazetteer_id is not None
                # a region the gazetteer does not know is a tract ("the Wallowa
                # Mountains"), not a state
                or ctx.cls(place) not in ("City", "Place", "Region")
                or not ctx.ontology.is_a(ctx.cls(scene), _containers(ctx, place))
            ):
                continue
            out.add(place, "locatedIn", scene, token, "locatedIn.scene", 0.65)
