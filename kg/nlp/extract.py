"""Extraction: everything one parsed article says, as plain records.

`extract` runs the stages of kg.nlp over one spaCy Doc: mentions (kg.nlp.entities), the
relation rules of ontology/relations.jsonl (kg.nlp.rules), the structural rules
(kg.nlp.structural), job titles (kg.nlp.roles) and who is quoted where. `extract_articles`
parses a stream of articles and extracts each, so that every build path, local or on a
cluster, does the same; an article whose extraction fails is reported and left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.tokens import Doc, Token

from kg.errors import ArticleError
from kg.ingest.dates import find_times, reference_date
from kg.ingest.split import split_article
from kg.model import (
    DATELINE_RULE,
    Article,
    Deal,
    Extraction,
    Mention,
    Quote,
    Relation,
)
from kg.names import fold
from kg.nlp.entities import equated_pairs, extract_mentions, token_index
from kg.nlp.places import place_relations
from kg.nlp.roles import extract_roles
from kg.nlp.rules import (
    Collector,
    apply_headline,
    apply_rule,
    headline_verb,
    sentence_bounds,
)
from kg.nlp.structural import (
    infer_deliverers,
    membership,
    modifier_relations,
    pejoratives,
    signed_deals,
    state_acts,
)
from kg.nlp.syntax import DocContext, follow, resolve
from kg.resources import GazetteerEntry, Ontology, Rule


def _index_rules(rules: tuple[Rule, ...]) -> dict[str, list[Rule]]:
    by_lemma: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        for lemma in rule.lemmas:
            by_lemma[lemma].append(rule)
    return by_lemma


def _trigger_lemmas(token: Token) -> tuple[str, ...]:
    return (token.lemma_.lower(), token.lower_)


def _particles(token: Token) -> frozenset[str]:
    """The particles of a phrasal verb: "took over" -> {"over"}."""
    return frozenset(c.lower_ for c in token.children if c.dep_ == "prt")


def extract_quotes(ctx: DocContext) -> list[Quote]:
    """Who is reported speaking where: "X said", "X told Y", "according to X", "X, saying"."""
    quotes: dict[tuple[int, int], Quote] = {}
    for token in ctx.doc:
        speakers: list[Token] = []
        verb = token.lemma_.lower()
        if token.pos_ == "VERB" and verb in ctx.lex.reporting_verbs:
            speakers = [c for c in token.children if c.dep_ == "nsubj"]
            if token.dep_ in ("acl", "advcl") and token.head.pos_ == "PROPN":
                speakers.append(token.head)
            if not speakers and token.dep_ == "advcl" and token.tag_ == "VBG":
                # absolute "with": "Moscow confirmed the accord, with Kozhin ... saying"
                speakers = follow(token.head, "prep:with>pobj")
        elif token.lower_ == "according":
            speakers, verb = follow(token, "prep:to>pobj"), "according to"
        for speaker in speakers:
            for index in resolve(speaker, ctx, ("Person",)):
                sent = token.sent
                quotes.setdefault(
                    (index, sent.start_char), Quote(index, *sentence_bounds(sent), verb)
                )
    return list(quotes.values())


def extract_relations(
    doc: Doc,
    mentions: list[Mention],
    ontology: Ontology,
    *,
    trace: list[str] | None = None,
    published: str | None = None,
) -> tuple[list[Relation], list[Deal], list[Quote]]:
    """Read every relation, deal and quote of one article (`trace` collects why each rule
    tried gave what it gave, for `kg explain`); `published`, the article's date (ISO),
    resolves the relative times of its sentences ("on Tuesday")."""
    ctx = DocContext(
        doc,
        tuple(mentions),
        token_index(doc, mentions),
        ontology,
        ontology.lex,
        reference=reference_date(published),
    )
    out = Collector(ctx, trace=trace)
    by_lemma = _index_rules(ontology.rules)
    # (token, rule) in text order, rules in file order; rules that make deals run first, so
    # that "objected to the purchase" can point at the deal the purchase made
    matches = list(
        dict.fromkeys(
            (token, rule)
            for token in doc
            for lemma in dict.fromkeys(_trigger_lemmas(token))
            for rule in by_lemma.get(lemma, ())
            if token.pos_ in rule.pos and rule.fires_on(lemma, _particles(token))
        )
    )
    for token, rule in matches:
        if rule.deal:
            apply_rule(rule, token, out)
    signed_deals(out)
    for token, rule in matches:
        if not rule.deal:
            apply_rule(rule, token, out)
    for token in doc:
        if headline_verb(token, ctx):
            for lemma in dict.fromkeys(_trigger_lemmas(token)):
                for rule in by_lemma.get(lemma, ()):
                    if (
                        "VERB" in rule.pos
                        and not rule.requires
                        and rule.fires_on(lemma, frozenset())
                    ):
                        apply_headline(rule, token, out)
    modifier_relations(out)
    membership(out)
    place_relations(out)
    pejoratives(out)
    for subject, predicate, obj, value, trigger, rule, confidence in extract_roles(ctx):
        out.add(subject, predicate, obj, trigger, rule, confidence, value=value)
    state_acts(out)
    infer_deliverers(out)
    return list(out.relations.values()), out.deals, extract_quotes(ctx)


def _credit_mentions(article: Article, ontology: Ontology) -> list[Mention]:
    """Outlets the article credits (a photo credit, a dateline's agency) as mentions."""
    mentions = []
    for credit in article.credits:
        name = credit.removesuffix(" news agency").removesuffix(" News Agency").strip()
        entry = ontology.entry(ontology.names.get(fold(name)))
        if entry is not None and entry.cls != "MediaOrganization":
            continue
        mentions.append(
            Mention(
                0,
                0,
                name,
                "MediaOrganization",
                entry.name if entry else name,
                entry.id if entry else None,
                "credit",
            )
        )
    return mentions


# a monitoring service's document id before a source line ("LD2804174994", "WD0125D")
_DOCUMENT_ID = re.compile(r"\b[A-Z]{1,2}\d{4,10}[A-Z]?\b")
SOURCE_LINE_RULE = "basedIn.source-line"


def _first_place(
    words: list[tuple[int, str]], ontology: Ontology
) -> tuple[int, int, GazetteerEntry] | None:
    """The first town or region the gazetteer knows among `words` (of up to four words,
    the longest), with a word left after it for the outlet: (index, size, entry)."""
    for i in range(len(words) - 1):
        for k in range(min(4, len(words) - 1 - i), 0, -1):
            entry = ontology.dateline_place(" ".join(w for _, w in words[i : i + k]))
            if entry is not None and ontology.is_a(entry.cls, ("City", "Region")):
                return i, k, entry
    return None


def source_lines(
    text: str, mentions: list[Mention], ontology: Ontology
) -> tuple[list[Mention], list[tuple[int, int, int, int]]]:
    """The source lines of monitored media ("LD2804174994 Moscow INTERFAX in English 1601
    GMT 28 Apr 94", "Tokyo MAINICHI SHIMBUN": cleaning.json "source_line" and
    "source_heading"): the outlet and its city as mentions (in place of what the model read
    in the line: "GMT 28 Apr" is no name), and for each line (outlet, city, start, end) as
    indexes of the returned mentions, in text order."""
    found: list[tuple[Mention, Mention, int, int]] = []
    rules = ontology.cleaning_rules
    matches = [
        *rules.source_line.finditer(text),
        *rules.source_heading.finditer(text),
    ]
    for match in sorted(matches, key=lambda m: m.start()):
        head_start = match.start("head")
        words = [
            (m.start() + head_start, m.group())
            for m in re.finditer(r"\S+", match["head"])
        ]
        ids = [i for i, (_, w) in enumerate(words) if _DOCUMENT_ID.fullmatch(w)]
        words = words[ids[-1] + 1 :] if ids else words
        place = _first_place(words, ontology)
        if place is None:
            continue
        i, k, entry = place
        city_start = words[i][0]
        city_end = words[i + k - 1][0] + len(words[i + k - 1][1])
        outlet_start = words[i + k][0]
        outlet_end = match.end("head")
        outlet = text[outlet_start:outlet_end]
        known = ontology.entry(ontology.names.get(fold(outlet)))
        if (
            known is not None
            and known.cls != "MediaOrganization"
            and match.re is rules.source_line
            and match["language"]
        ):
            # "Baghdad BABIL in Arabic 26 Mar 94", "Tehran IRAN in Persian": with its
            # language and date the line names an outlet there, whatever else the name is
            known = None
        if (known is not None and known.cls != "MediaOrganization") or (
            match.re is rules.source_heading
            and not outlet.isupper()
            and not {w.lower() for w in outlet.split()} & ontology.lex.media_name_words
        ):
            continue
        city = Mention(
            city_start,
            city_end,
            text[city_start:city_end],
            entry.cls,
            entry.name,
            entry.id,
            "source-line",
        )
        media = Mention(
            outlet_start,
            outlet_end,
            outlet,
            "MediaOrganization",
            known.name if known else outlet,
            known.id if known else None,
            "source-line",
        )
        found.append((city, media, match.start(), match.end()))
    if not found:
        return mentions, []
    inside = [(start, end) for *_, start, end in found]
    kept = [
        m
        for m in mentions
        if not any(s <= m.start < e or s < m.end <= e for s, e in inside)
    ]
    added = [m for city, media, *_ in found for m in (city, media)]
    merged = sorted(kept + added, key=lambda m: (m.start, m.end))
    position = {id(m): n for n, m in enumerate(merged)}
    return merged, [
        (position[id(media)], position[id(city)], start, end)
        for city, media, start, end in found
    ]


def dateline_facts(
    article: Article, ontology: Ontology, first: int
) -> tuple[list[Mention], list[Relation]]:
    """The place a story was filed from ("LIMA, Peru, March 3 (AP) -", "NATCHEZ, Miss.
    (Reuters) -") as mentions of the rule `dateline` (the article's place, which the graph
    never counts as a mention of the story) and, where the dateline names its region or
    country, the city's `locatedIn` (a place the gazetteer does not know is named as the
    dateline writes it), dated by the dateline's own date. `first` is the index the first
    of these mentions takes."""
    if not article.dateline:
        return [], []
    parts = [p.strip() for p in article.dateline.split(",") if p.strip()]
    city = ontology.dateline_place(parts[0])
    container = ontology.dateline_place(parts[1]) if len(parts) > 1 else None
    mentions: list[Mention] = []
    if city is not None:
        mentions.append(
            Mention(0, 0, parts[0], city.cls, city.name, city.id, "dateline")
        )
    elif container is not None and container.cls in ("Region", "Country"):
        name = parts[0].title() if parts[0].isupper() else parts[0]
        mentions.append(Mention(0, 0, parts[0], "City", name, None, "dateline"))
    if (
        not mentions
        or container is None
        or (city is not None and city.id == container.id)
    ):
        return mentions, []
    mentions.append(
        Mention(0, 0, parts[1], container.cls, container.name, container.id, "dateline")
    )
    # a place holds when its text speaks of it: the dateline's own date, if it gives one
    times = find_times(
        article.dateline_date or "", reference=reference_date(article.date)
    )
    when = next((t for *_, t in times if t.precision == "day"), None)
    located = Relation(
        first,
        "locatedIn",
        first + 1,
        0,
        0,
        DATELINE_RULE,
        0.9,
        time=when.value if when else None,
        time_end=when.end if when else None,
        time_text=when.text if when else None,
    )
    return mentions, [located]


def extract(article: Article, doc: Doc, ontology: Ontology) -> Extraction:
    """Everything one parsed article says: mentions, relations, deals, quotes."""
    mentions, sourced = source_lines(
        article.text, extract_mentions(doc, ontology), ontology
    )
    relations, deals, quotes = extract_relations(
        doc, mentions, ontology, published=article.date
    )
    relations += [
        Relation(media, "basedIn", city, start, end, SOURCE_LINE_RULE, 0.85)
        for media, city, start, end in sourced
    ]
    credits = _credit_mentions(article, ontology)
    filed, located = dateline_facts(article, ontology, len(mentions) + len(credits))
    return Extraction(
        article,
        tuple(mentions) + tuple(credits) + tuple(filed),
        tuple(relations) + tuple(located),
        tuple(deals),
        tuple(quotes),
        tuple(equated_pairs(doc, mentions, ontology)),
    )


BATCH_CHARS = 100_000  # characters parsed together: the parser needs ~1 GB per 100,000


def batches(
    articles: Iterable[Article], *, size: int, chars: int = BATCH_CHARS
) -> Iterator[list[Article]]:
    """Consecutive batches of at most `size` articles and about `chars` characters, so
    that memory is bounded by the text parsed at once, not by the number of articles (16
    parts of a 5 MB article took 1.3 GB where 16 news stories take 0.3)."""
    batch: list[Article] = []
    total = 0
    for article in articles:
        if batch and (len(batch) >= size or total + len(article.text) > chars):
            yield batch
            batch, total = [], 0
        batch.append(article)
        total += len(article.text)
    if batch:
        yield batch


def extract_articles(
    articles: Iterable[Article],
    nlp: Any,
    ontology: Ontology,
    *,
    batch_size: int,
    on_error: Callable[[ArticleError], None],
) -> Iterator[Extraction]:
    """Parse the articles in batches (`nlp.pipe`) and yield the extraction of each.

    A rule that trips over one unusual sentence must not cost the night's run: an article
    whose extraction fails is reported through `on_error` and left out.
    """
    limit = int(getattr(nlp, "max_length", 1_000_000)) - 1
    # a part size over the model's limit (spaCy refuses longer texts, E088)
    parts = (
        part for article in articles for part in split_article(article, max_chars=limit)
    )
    for batch in batches(parts, size=batch_size):
        for article, doc in zip(
            batch, nlp.pipe([a.text for a in batch], batch_size=len(batch)), strict=True
        ):
            try:
                yield extract(article, doc, ontology)
            except Exception as e:
                on_error(extraction_failed(article, e))


def extraction_failed(article: Article, error: Exception) -> ArticleError:
    """The one-line report of an article whose extraction raised `error`."""
    return ArticleError(
        f"{article.source}: extraction failed on article {article.id} "
        f"({type(error).__name__}: {error})"
    )
