"""Records passed between pipeline stages.

All are frozen: a stage never edits its input, so stages can run in worker processes and
results are reproducible. spaCy objects never appear here (see STYLE.md, principle 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

MODALITIES = ("asserted", "hedged", "negated", "hypothetical", "question", "reversed")


# the rule of the `locatedIn` a dateline states ("LIMA, Peru"): its provenance is the dateline
DATELINE_RULE = "locatedIn.dateline"


@dataclass(frozen=True, slots=True)
class Article:
    """One news story after cleaning.

    `text` is the cleaned body; `segments` maps it back to the source file so that provenance
    offsets point into the file the analyst has: each `(clean_start, source_start, length)`
    says that `text[clean_start:clean_start+length]` is `source[source_start:...]`.
    """

    id: str
    title: str
    text: str
    source: str
    segments: tuple[tuple[int, int, int], ...] = ()
    date: str | None = None  # ISO 8601: "2019-02-26", "2019-02", "2019"
    url: str | None = None
    credits: tuple[str, ...] = ()
    # how `date` was found: metadata, html, dateline, published-line, given (--date) ...
    date_how: str | None = None
    # where the story was filed, as its dateline says it ("LIMA, Peru" of "LIMA, Peru, March
    # 3 (AP) -"), and the place's offsets in the source
    dateline: str | None = None
    dateline_at: tuple[int, int] | None = None
    dateline_date: str | None = (
        None  # the date the dateline gives, as written: "Feb 26"
    )
    also_sources: tuple[str, ...] = ()  # other files that hold the same text

    def source_offset(self, offset: int) -> int:
        """Map an offset in `text` to an offset in the source file."""
        for clean_start, source_start, length in self.segments:
            if clean_start <= offset <= clean_start + length:
                return source_start + offset - clean_start
        return offset


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity as it appears in one article.

    `label` is an ontology class local name (Person, Country, WeaponSystem...). `gazetteer_id`
    is set when the gazetteer recognised the entity, which makes it canonical at once.
    `rule` says how the mention got its identity (gazetteer, ner, metonymy.capital...).
    """

    start: int
    end: int
    text: str
    label: str
    name: str
    gazetteer_id: str | None = None
    rule: str = "ner"


@dataclass(frozen=True, slots=True)
class Relation:
    """One reading of a fact in one sentence.

    `subject` and `object` index `Extraction.mentions`; a literal-valued fact (hasRole) has
    `object=None` and the literal in `value`; a fact about a deal has `deal` set instead of
    `object`. Offsets are characters of `Article.text`.
    """

    subject: int
    predicate: str
    object: int | None
    sentence_start: int
    sentence_end: int
    rule: str
    confidence: float
    modality: str = "asserted"
    value: str | None = None
    deal: int | None = None
    speaker: int | None = None
    reporting_verb: str | None = None
    # when the event happened, read from the sentence against the article's date:
    # "2015", "2019-02", "2019-02-26" (the length is the precision), an end for a span,
    # and the words it was read from ("on Tuesday", "in 2015")
    time: str | None = None
    time_end: str | None = None
    time_text: str | None = None


@dataclass(frozen=True, slots=True)
class Deal:
    """An n-ary purchase or supply agreement, or an agreement between parties, read from one
    sentence (indices into mentions)."""

    buyer: int | None
    seller: int | None
    item: int | None
    sentence_start: int
    sentence_end: int
    rule: str
    value: str | None = None
    currency: str | None = None
    date: str | None = None
    # an agreement (a deal that is no sale: "a nuclear deal", "a trade agreement"): its
    # parties and what it is called, with no buyer, seller or item
    parties: tuple[int, ...] = ()
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A mention reported as speaking ("X said", "according to X") in one sentence."""

    speaker: int
    sentence_start: int
    sentence_end: int
    verb: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one article, before entities are made canonical across articles."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    deals: tuple[Deal, ...] = ()
    quotes: tuple[Quote, ...] = ()
    same_as: tuple[
        tuple[int, int], ...
    ] = ()  # mention pairs the text equates: "AK Party" = "Justice and Development Party"


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical real-world entity: one node of the graph."""

    key: str
    cls: str
    name: str
    aliases: tuple[tuple[str, str], ...] = ()  # (surface form, rule that merged it)
    same_as: tuple[str, ...] = ()
    articles: tuple[str, ...] = field(default=())
