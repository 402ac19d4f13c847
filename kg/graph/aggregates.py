"""Aggregates: what the named queries would count, counted once when a graph is loaded.

Counting over every statement at query time is what made `most-connected` take seconds on a
million triples; these counts are the same numbers, written as triples with `agg:`
predicates into the store that kg queries (its default graph, or the named graph
`AGGREGATES` when the graph has named graphs: `add_aggregates`):

- per entity (an IRI or blank node at either end of a kg:Statement with an IRI at the other):
  `agg:neighbours` (the other entities it shares a statement with) and `agg:statements` (those
  statements), as `most-connected` counts them, and `agg:degreeRank`, its place when the
  labelled ones of a kg class are ordered by those two counts (most first, then by label): the most
  connected entities are found without sorting them all; and `agg:mentions`, the articles
  it is kg:mentionedIn;
- per fact (subject, predicate, object of asserted statements), a node `agg:fact-HASH` with
  `agg:subject`, `agg:predicate`, `agg:object` and `agg:readings`, the asserted statements
  that read it (the `sentences` of who-buys-what, who-opposes-what and who-speaks-for), and
  for a literal object its folded text, `agg:objectName`;
- per label and alias (rdfs:label, skos:altLabel), `agg:name`, the name folded (`name_key`),
  which the `label` parameters of named queries match: "turkey" and "TÜRKEY" find Turkey;
- per subject, predicate, object and modality of the statements that read them, a node
  `agg:relation-HASH` with `agg:from` (the subject), `agg:via`, `agg:to`, `agg:modality`,
  `agg:reading` (each statement) and `agg:touches`, the other ends of those statements (their
  objects and subjects but this one, and the buyer, seller and item of an object that is a
  deal): `relations-between` starts from the two entities instead of every statement of a hub;
- per kg:Deal, `agg:buyerKey`, `agg:sellerKey` and `agg:itemKey`: the folded names of its
  buyer, seller and item, or `agg:none` when it has none, so that `deals` starts from a bound
  name (and an unbound one matches every deal, `agg:none` included);
- per asserted kg:Statement with a source article, `agg:date`: the date `since` compares
  (its kg:latest, else its event times, else its articles' dcterms:date, as text);
- per asserted kg:Statement with an event time, `agg:eventPeriod`: the month of a day or
  month with no end ("2019-02"), else each year its event spans (the first four characters
  of kg:eventTime to those of kg:eventTimeEnd), or "*" when a time does not start with a
  year; and `agg:calendar agg:period` each of those: `between` looks up the statements of
  the months and years of its period rather than every dated statement;
- per statement, its place in the order of the answers that come in pages: `agg:readingOrder`
  (about), `agg:claimOrder` (hedged-claims, readings not asserted), `agg:timelineOrder`
  (timeline, kg:Statements) and `agg:eventOrder` (between, asserted with an event time): a
  page is then the next 200 numbers, and only its statements are joined to their columns.
  The place follows the answer's ORDER BY with each column's least value where a statement
  has several (two labels: both rows come with the statement's page);
- per modality and name (agg:any for any), a node `agg:claims-HASH` with `agg:claimModality`,
  `agg:claimName` and the `agg:claimRank` of each claim of that modality about an entity of
  that name (subject or object), and per claim `agg:speakerName`, the labels of its speakers.

The counts are derived, never extracted: they are not part of a graph file kg writes, and
`add_aggregates` replaces them whenever a store is (re)loaded. Both engines get the same
triples (`aggregate_triples` reads a triple source; adapters below for Oxigraph and rdflib).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, Protocol

from kg.names import fold

AGG = "https://kg.example.org/ontology/aggregates#"
AGGREGATES = "https://kg.example.org/ontology/aggregates"  # the named graph
VERSION = (
    4  # of what the aggregates graph holds: a store folder with another is recounted
)
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_KG = "https://kg.example.org/ontology#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_PROV = "http://www.w3.org/ns/prov#"
_DCTERMS = "http://purl.org/dc/terms/"
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


class Source(Protocol):
    """What the counting needs of a graph, in the engine's own terms (hashable)."""

    def pairs(self, predicate: str, obj: Any = None) -> Iterable[tuple[Any, Any]]:
        """(subject, object) of the triples with this predicate IRI (and object)."""

    def kind(self, term: Any) -> str:
        """ "uri", "bnode" or "literal"."""

    def text(self, term: Any) -> str:
        """The lexical form of a literal, the value of an IRI or blank node."""

    def iri(self, value: str) -> Any: ...

    def literal(self, value: str) -> Any: ...

    def integer(self, value: int) -> Any: ...


def aggregate_triples(graph: Source) -> list[tuple[Any, Any, Any]]:
    """The aggregate triples of a graph, each once (they go into a store: no order)."""
    statements = {
        s for s, _ in graph.pairs(_RDF + "type", graph.iri(_KG + "Statement"))
    }
    kind = cache(graph.kind)  # a term's kind, asked once per term

    @cache
    def column(predicate: str) -> dict[Any, list[Any]]:
        """Subject -> objects of one predicate, read once for all the aggregates."""
        return _values(graph, predicate)

    subjects, objects = column(_RDF + "subject"), column(_RDF + "object")
    predicates = column(_RDF + "predicate")

    neighbours: dict[Any, set[Any]] = defaultdict(set)
    involved: dict[Any, set[Any]] = defaultdict(set)
    for statement in statements:
        for s in subjects.get(statement, ()):
            for o in objects.get(statement, ()):
                for e, other in ((s, o), (o, s)):
                    if kind(other) == "uri" and other != e and kind(e) != "literal":
                        neighbours[e].add(other)
                        involved[e].add(statement)
    readings: dict[tuple[Any, Any, Any], set[Any]] = defaultdict(set)
    for statement, _ in graph.pairs(_KG + "modality", graph.literal("asserted")):
        for s in subjects.get(statement, ()):
            for p in predicates.get(statement, ()):
                for o in objects.get(statement, ()):
                    readings[(s, p, o)].add(statement)
    mentions: dict[Any, set[Any]] = defaultdict(set)
    for s, o in graph.pairs(_KG + "mentionedIn"):
        mentions[s].add(o)
    out: list[tuple[Any, Any, Any]] = []
    name = graph.iri(AGG + "name")
    for label in (_RDFS + "label", _SKOS + "altLabel"):
        for s, o in graph.pairs(label):
            if kind(o) == "literal":
                out.append((s, name, graph.literal(name_key(graph.text(o)))))
    count = cache(graph.integer)  # one literal per number

    p_neighbours, p_statements = (
        graph.iri(AGG + "neighbours"),
        graph.iri(AGG + "statements"),
    )
    for e, others in neighbours.items():
        out.append((e, p_neighbours, count(len(others))))
        out.append((e, p_statements, count(len(involved[e]))))
    labels: dict[Any, str] = {}
    for s, o in graph.pairs(_RDFS + "label"):
        if kind(o) == "literal":
            text = graph.text(o)
            labels[s] = min(text, labels.get(s, text))
    typed = {
        s
        for s, o in graph.pairs(_RDF + "type")
        if kind(o) == "uri" and graph.text(o).startswith(_KG)
    }
    ranked = sorted(
        (e for e in neighbours if e in labels and e in typed),
        key=lambda e: (
            -len(neighbours[e]),
            -len(involved[e]),
            labels[e],
            kind(e),
            graph.text(e),
        ),
    )
    p_rank = graph.iri(AGG + "degreeRank")
    for rank, e in enumerate(ranked, 1):
        out.append((e, p_rank, count(rank)))
    p_mentions = graph.iri(AGG + "mentions")
    for e, articles in mentions.items():
        out.append((e, p_mentions, count(len(articles))))
    p_subject, p_predicate = graph.iri(AGG + "subject"), graph.iri(AGG + "predicate")
    p_object, p_readings = graph.iri(AGG + "object"), graph.iri(AGG + "readings")
    p_object_name = graph.iri(AGG + "objectName")
    for (s, p, o), found in readings.items():
        fact = graph.iri(
            AGG + "fact-" + _digest(*(f"{kind(t)}:{graph.text(t)}" for t in (s, p, o)))
        )
        out += [
            (fact, p_subject, s),
            (fact, p_predicate, p),
            (fact, p_object, o),
            (fact, p_readings, count(len(found))),
        ]
        if kind(o) == "literal":
            out.append((fact, p_object_name, graph.literal(name_key(graph.text(o)))))
    out += _relations(graph, subjects, predicates, objects, kind)
    out += _deal_keys(graph, kind, column)
    out += _dates(graph, column, statements)
    out += _orders(graph, subjects, predicates, objects, kind, column, statements)
    return list(dict.fromkeys(out))  # a store is a set: no order to keep


def _values(graph: Source, predicate: str) -> dict[Any, list[Any]]:
    """Subject -> its objects for one predicate."""
    found: dict[Any, list[Any]] = defaultdict(list)
    for s, o in graph.pairs(predicate):
        found[s].append(o)
    return found


def _relations(
    graph: Source,
    subjects: dict[Any, list[Any]],
    predicates: dict[Any, list[Any]],
    objects: dict[Any, list[Any]],
    kind: Any,
) -> list[tuple[Any, Any, Any]]:
    """The `agg:relation-HASH` nodes of `relations-between` (module docstring)."""
    parties: dict[Any, list[Any]] = defaultdict(list)
    for role in ("buyer", "seller", "item"):
        for deal, party in graph.pairs(_KG + role):
            parties[deal].append(party)
    p_from, p_via, p_to = (graph.iri(AGG + n) for n in ("from", "via", "to"))
    p_modality, p_reading = graph.iri(AGG + "modality"), graph.iri(AGG + "reading")
    p_touches = graph.iri(AGG + "touches")
    out: list[tuple[Any, Any, Any]] = []
    for statement, modality in graph.pairs(_KG + "modality"):
        ends = set(subjects.get(statement, ()))
        for o in objects.get(statement, ()):
            ends.add(o)
            ends.update(parties.get(o, ()))
        for s in subjects.get(statement, ()):
            for p in predicates.get(statement, ()):
                for o in objects.get(statement, ()):
                    # the other ends are part of the key: a node's statements all
                    # touch what it says they touch
                    others = sorted(f"{kind(t)}:{graph.text(t)}" for t in ends - {s})
                    key = [f"{kind(t)}:{graph.text(t)}" for t in (s, p, o, modality)]
                    node = graph.iri(AGG + "relation-" + _digest(*key, *others))
                    out += [
                        (node, p_from, s),
                        (node, p_via, p),
                        (node, p_to, o),
                        (node, p_modality, modality),
                        (node, p_reading, statement),
                    ]
                    out += [(node, p_touches, end) for end in ends - {s}]
    return out


def _deal_keys(
    graph: Source, kind: Any, column: Callable[[str], dict[Any, list[Any]]]
) -> list[tuple[Any, Any, Any]]:
    """`agg:buyerKey`, `agg:sellerKey` and `agg:itemKey` of every kg:Deal."""
    names: dict[Any, set[str]] = defaultdict(set)
    for label in (_RDFS + "label", _SKOS + "altLabel"):
        for s, o in graph.pairs(label):
            if kind(o) == "literal":
                names[s].add(name_key(graph.text(o)))
    none = graph.iri(AGG + "none")
    out: list[tuple[Any, Any, Any]] = []
    deals = [d for d, _ in graph.pairs(_RDF + "type", graph.iri(_KG + "Deal"))]
    for role in ("buyer", "seller", "item"):
        held = column(_KG + role)
        key = graph.iri(AGG + role + "Key")
        for deal in deals:
            found = {n for party in held.get(deal, ()) for n in names.get(party, ())}
            out += [(deal, key, graph.literal(n)) for n in found] or [(deal, key, none)]
    return out


def _dates(
    graph: Source,
    column: Callable[[str], dict[Any, list[Any]]],
    statements: set[Any],
) -> list[tuple[Any, Any, Any]]:
    """`agg:date` (of `since`), `agg:eventPeriod` and the calendar (of `between`)."""
    asserted = {
        s
        for s, _ in graph.pairs(_KG + "modality", graph.literal("asserted"))
        if s in statements
    }
    latest, times = column(_KG + "latest"), column(_KG + "eventTime")
    ends, articles = column(_KG + "eventTimeEnd"), column(_PROV + "wasDerivedFrom")
    published = column(_DCTERMS + "date")
    p_date, p_year = graph.iri(AGG + "date"), graph.iri(AGG + "eventPeriod")
    text = graph.text
    out: list[tuple[Any, Any, Any]] = []
    years: set[str] = set()
    for statement in asserted:
        if statement in articles:
            dates = (
                [text(d) for d in latest.get(statement, ())]
                or [text(d) for d in times.get(statement, ())]
                or [text(d) for a in articles[statement] for d in published.get(a, ())]
            )
            out += [(statement, p_date, graph.literal(d)) for d in dates]
        for time in times.get(statement, ()):
            for end in ends.get(statement, ()) or [None]:
                spanned = _periods(text(time), None if end is None else text(end))
                years.update(spanned)
                out += [(statement, p_year, graph.literal(y)) for y in spanned]
    calendar, p_calendar = graph.iri(AGG + "calendar"), graph.iri(AGG + "period")
    out += [(calendar, p_calendar, graph.literal(y)) for y in sorted(years)]
    return out


def _periods(start: str, end: str | None) -> list[str]:
    """Where `between` looks for an event from `start` to `end` (lexical dates; None: no
    end): the month ("2019-02") of a day or month with no end, else the years from start to
    end ("2018", "2019"); ["*"] when a time does not begin with a year."""
    if end is None and _MONTH.match(start):
        return [start[:7]]
    first, last = start[:4], (start if end is None else end)[:4]
    if not (_YEAR.fullmatch(first) and _YEAR.fullmatch(last)):
        return ["*"]
    low, high = sorted((int(first), int(last)))
    return [f"{year:04d}" for year in range(low, high + 1)]


_YEAR = re.compile(r"[0-9]{4}")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}(?![0-9])")


def name_key(name: str) -> str:
    """A name as `agg:name` holds it and a label parameter is matched: kg's folding
    (`kg.names.fold`: case, accents and punctuation dropped, "Türkiye" -> "turkiye", "S-400"
    -> "s 400"), or for a name of no Latin letters or digits, its case-folded words."""
    return fold(name) or " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _digest(*parts: str) -> str:
    return hashlib.sha1(
        "\x1f".join(parts).encode("utf-8"), usedforsecurity=False
    ).hexdigest()[:24]


# ------------------------------------------------------------------ Oxigraph


class _OxigraphSource:
    def __init__(self, store: Any) -> None:
        import pyoxigraph as ox

        self.ox, self.store = ox, store
        self.graph = ox.NamedNode(AGGREGATES)
        self.xsd_integer = ox.NamedNode(_XSD_INTEGER)

    def pairs(self, predicate: str, obj: Any = None) -> Iterator[tuple[Any, Any]]:
        for quad in self.store.quads_for_pattern(
            None, self.ox.NamedNode(predicate), obj
        ):
            if quad.graph_name != self.graph:  # an agg: predicate is never asked for
                yield quad.subject, quad.object

    def kind(self, term: Any) -> str:
        if isinstance(term, self.ox.NamedNode):
            return "uri"
        return "bnode" if isinstance(term, self.ox.BlankNode) else "literal"

    def text(self, term: Any) -> str:
        return str(term.value)

    def iri(self, value: str) -> Any:
        return self.ox.NamedNode(value)

    def literal(self, value: str) -> Any:
        return self.ox.Literal(value)

    def integer(self, value: int) -> Any:
        return self.ox.Literal(str(value), datatype=self.xsd_integer)


def add_aggregates(store: Any) -> int:
    """Replace the aggregates of an Oxigraph store (read-write); returns how many.

    A store of a graph without named graphs holds them in its default graph, beside the
    triples they count: a query then reads one graph, and each of its look-ups is one seek
    rather than one per graph (a named query over thousands of statements takes about half
    the time). A store with named graphs, which queries read as their union, keeps them in
    the named graph `AGGREGATES`. Either way every aggregate triple has an `agg:`
    predicate, and `agg:graph agg:version` says which `VERSION` counted them.
    """
    import pyoxigraph as ox

    source = _OxigraphSource(store)
    if store.contains_named_graph(source.graph):
        store.remove_graph(source.graph)
    default = ox.DefaultGraph()
    if next(
        store.quads_for_pattern(None, ox.NamedNode(AGG + "version"), None, default),
        None,
    ):
        old = [
            q
            for q in store.quads_for_pattern(None, None, None, default)
            if q.predicate.value.startswith(AGG)
        ]
        for quad in old:
            store.remove(quad)
    triples = aggregate_triples(source)
    triples.append(
        (
            ox.NamedNode(AGG + "graph"),
            ox.NamedNode(AGG + "version"),
            source.integer(VERSION),
        )
    )
    graph = source.graph if any(True for _ in store.named_graphs()) else default
    store.bulk_extend(ox.Quad(s, p, o, graph) for s, p, o in triples)
    return len(triples)


# ------------------------------------------------------------------ rdflib


class _RdflibSource:
    def __init__(self, graph: Any) -> None:
        from rdflib import BNode, Literal, URIRef

        self.graph, self.BNode, self.Literal, self.URIRef = (
            graph,
            BNode,
            Literal,
            URIRef,
        )
        self.xsd_integer = URIRef(_XSD_INTEGER)

    def pairs(self, predicate: str, obj: Any = None) -> Iterator[tuple[Any, Any]]:
        for s, _, o in self.graph.triples((None, self.URIRef(predicate), obj)):
            yield s, o

    def kind(self, term: Any) -> str:
        if isinstance(term, self.Literal):
            return "literal"
        return "bnode" if isinstance(term, self.BNode) else "uri"

    def text(self, term: Any) -> str:
        return str(term)

    def iri(self, value: str) -> Any:
        return self.URIRef(value)

    def literal(self, value: str) -> Any:
        return self.Literal(value)

    def integer(self, value: int) -> Any:
        return self.Literal(str(value), datatype=self.xsd_integer)


def with_aggregates(graph: Any) -> Any:
    """An rdflib graph (or Dataset) with the aggregate triples added (in their own named
    graph when it is a Dataset); the same graph object, changed."""
    from rdflib import Dataset, URIRef

    if isinstance(graph, Dataset):
        target = graph.graph(URIRef(AGGREGATES))
        target.remove((None, None, None))
    else:
        target = graph
    triples = aggregate_triples(_RdflibSource(graph))
    for triple in triples:
        target.add(triple)
    return graph


def _orders(
    graph: Source,
    subjects: dict[Any, list[Any]],
    predicates: dict[Any, list[Any]],
    objects: dict[Any, list[Any]],
    kind: Any,
    column: Callable[[str], dict[Any, list[Any]]],
    typed: set[Any],
) -> list[tuple[Any, Any, Any]]:
    """Each statement's place in the order of the answers that come in pages (about,
    hedged-claims, timeline, between), so that a page is found by sorting numbers rather
    than every row, and the claims of each modality and name (module docstring)."""
    text = graph.text
    labels = column(_RDFS + "label")
    names = {
        e: sorted(text(v) for v in vs if kind(v) == "literal")
        for e, vs in labels.items()
    }
    articles = column(_PROV + "wasDerivedFrom")
    published = column(_DCTERMS + "date")
    starts, rules = column(_KG + "startChar"), column(_KG + "rule")
    modalities = column(_KG + "modality")
    times, ends = column(_KG + "eventTime"), column(_KG + "eventTimeEnd")

    def least(values: Iterable[Any]) -> Any:
        return min(values, default="")

    def number(term: Any) -> tuple[int, Any]:
        try:
            return (0, int(text(term)))
        except ValueError:
            return (1, text(term))

    def object_names(o: Any) -> list[str]:
        return names.get(o) or [text(o)]

    keys: dict[str, dict[Any, tuple[Any, ...]]] = {
        "readingOrder": {},
        "claimOrder": {},
        "timelineOrder": {},
        "eventOrder": {},
    }
    for statement, held in subjects.items():
        article = least(text(a) for a in articles.get(statement, ()))
        start = least(number(v) for v in starts.get(statement, ()))
        predicate = least(
            text(p).partition("#")[2] for p in predicates.get(statement, ())
        )
        subject = least(n for s in held for n in names.get(s, ()))
        obj = least(n for o in objects.get(statement, ()) for n in object_names(o))
        modality = least(text(m) for m in modalities.get(statement, ()))
        rule = least(text(r) for r in rules.get(statement, ()))
        last = (kind(statement), text(statement))
        keys["readingOrder"][statement] = (
            article,
            start,
            predicate,
            subject,
            obj,
            modality,
            rule,
            last,
        )
        if any(text(m) != "asserted" for m in modalities.get(statement, ())):
            keys["claimOrder"][statement] = (
                article,
                start,
                subject,
                predicate,
                obj,
                modality,
                rule,
                last,
            )
        if statement not in typed:
            continue
        event = [text(t) for t in times.get(statement, ())]
        whens = (
            event
            or [
                least(text(d) for d in published.get(a, ()))
                for a in articles.get(statement, ())
            ]
            or [""]
        )
        when = min((w == "", w) for w in whens)
        keys["timelineOrder"][statement] = (
            when,
            article,
            start,
            predicate,
            subject,
            obj,
            modality,
            last,
        )
        if event and any(text(m) == "asserted" for m in modalities.get(statement, ())):
            span = min(
                (w, text(e))
                for w, t in zip(event, times[statement], strict=True)
                for e in ends.get(statement, ()) or [t]
            )
            keys["eventOrder"][statement] = (
                *span,
                article,
                start,
                predicate,
                subject,
                obj,
                last,
            )
    out: list[tuple[Any, Any, Any]] = []
    ranks: dict[str, dict[Any, Any]] = {}
    for name, found in keys.items():
        order, ranks[name] = graph.iri(AGG + name), {}
        for rank, statement in enumerate(sorted(found, key=found.__getitem__), 1):
            ranks[name][statement] = graph.integer(rank)
            out.append((statement, order, ranks[name][statement]))
    # the claims (readings not asserted) of each modality about an entity of each name, and
    # of each modality about any (agg:claimName agg:any), by their place
    claims: dict[tuple[str, str], list[Any]] = defaultdict(list)
    all_names: dict[Any, set[str]] = defaultdict(set)
    for label in (_RDFS + "label", _SKOS + "altLabel"):
        for e, o in graph.pairs(label):
            if kind(o) == "literal":
                all_names[e].add(name_key(text(o)))
    for statement, rank in ranks["claimOrder"].items():
        touched = {
            n
            for e in (*subjects.get(statement, ()), *objects.get(statement, ()))
            for n in all_names.get(e, ())
        }
        for m in {text(m) for m in modalities[statement]} - {"asserted"}:
            for n in [*touched, ""]:
                claims[(m, n)].append(rank)
    # and the names of who said each (an OPTIONAL path to them is joined by reading them all)
    speakers, p_speaker = column(_KG + "speaker"), graph.iri(AGG + "speakerName")
    for statement in ranks["claimOrder"]:
        out += [
            (statement, p_speaker, label)
            for speaker in speakers.get(statement, ())
            for label in labels.get(speaker, ())
        ]
    p_modality, p_name = graph.iri(AGG + "claimModality"), graph.iri(AGG + "claimName")
    p_rank, anything = graph.iri(AGG + "claimRank"), graph.iri(AGG + "any")
    for (m, n), held in claims.items():
        node = graph.iri(AGG + "claims-" + _digest(m, n))
        out.append((node, p_modality, graph.literal(m)))
        out.append((node, p_name, graph.literal(n) if n else anything))
        out += [(node, p_rank, rank) for rank in held]
    return out
