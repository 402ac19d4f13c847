"""Graph: canonical entities, facts and deals as an rdflib Graph.

Asserted facts are plain triples (`ent:turkey kg:buys ent:s-400`). Every reading of a fact,
asserted or not, is a `kg:Statement` (an rdf:Statement) carrying its provenance: article,
sentence text and offsets, rule, confidence, modality, speaker. Hedged, negated and
hypothetical readings exist only as statements. No blank nodes: every IRI is derived from
content (through `DataNamespaces`, hence `kg.vocab.mint_iri`), so the same input always gives
the same graph. `by_article` splits the graph into one named graph per article for TriG and
N-Quads.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.graph.canonical import Layers
from kg.graph.facts import CanonicalDeal, Fact
from kg.model import Article, Entity
from kg.names import short_hash, shown
from kg.settings import DEFAULT_BASE
from kg.vocab import KG, SCHEMA, STANDARD_PREFIXES, DataNamespaces


def new_graph(namespaces: DataNamespaces) -> Graph:
    """An empty graph with kg's prefixes bound (and no others)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in {**STANDARD_PREFIXES, **namespaces.prefixes()}.items():
        graph.bind(prefix, namespace)
    return graph


def _date_literal(value: str) -> Literal:
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.string)
    return Literal(value, datatype=kind)


def _decimal(value: Decimal) -> Literal:
    """xsd:decimal in canonical form ("2500000000.0", "0.85"), the form Turtle writes, so
    that a graph read back from any format equals the graph that was written."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def add_entities(graph: Graph, entities: Iterable[Entity], ns: DataNamespaces) -> None:
    """Type, labels, aliases (with the rule that merged each), sameAs and mentions."""
    for entity in entities:
        node = ns.entity_iri(entity.key)
        graph.add((node, RDF.type, KG[entity.cls]))
        graph.add((node, RDFS.label, Literal(entity.name)))
        graph.add((node, SKOS.prefLabel, Literal(entity.name)))
        for iri in entity.same_as:
            graph.add((node, OWL.sameAs, URIRef(iri)))
        for form, rule in entity.aliases:
            if form != entity.name:
                # a capital or seat standing for the state, or a demonym ("Chinese"), is
                # not a name of it: a hidden label (SKOS: findable, not shown) keeps
                # "Ankara" the city distinct and "Chinese" no name of China
                label = (
                    SKOS.hiddenLabel
                    if rule.startswith("metonymy") or rule == "gazetteer.demonym"
                    else SKOS.altLabel
                )
                graph.add((node, label, Literal(form)))
            record = URIRef(f"{node}/alias/{short_hash(form)}")
            graph.add((node, KG.alias, record))
            graph.add((record, RDF.type, KG.AliasRecord))
            graph.add((record, KG.surfaceForm, Literal(form)))
            graph.add((record, KG.resolutionRule, Literal(rule)))
        for article in entity.articles:
            graph.add((node, KG.mentionedIn, ns.article_iri(article)))


def add_articles(graph: Graph, articles: Iterable[Article], ns: DataNamespaces) -> None:
    """Each article with its title, source file and known metadata."""
    for article in articles:
        node = ns.article_iri(article.id)
        graph.add((node, RDF.type, KG.Article))
        if article.title:
            graph.add((node, DCTERMS.title, Literal(article.title)))
        for source in (article.source, *article.also_sources):
            graph.add((node, KG.sourceFile, Literal(shown(source))))
        if article.date:
            graph.add((node, DCTERMS.date, _date_literal(article.date)))
            if article.date_how:
                graph.add((node, KG.dateSource, Literal(article.date_how)))
        if article.url:
            graph.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))


def deal_label(deal: CanonicalDeal, names: dict[str, str]) -> str:
    """ "Turkey–Russia S-400 deal", "S-400 deal", "Turkey deal"; an agreement by its parties
    and name: "Iran nuclear deal", "Russia–Ukraine prisoner exchange agreement"."""
    if deal.name is not None:
        return " ".join(("–".join(names[k] for k in deal.parties), deal.name))
    parties = "–".join(names[k] for k in (deal.buyer, deal.seller) if k)
    item = names[deal.item] if deal.item else ""
    return " ".join(p for p in (parties, item, "deal") if p)


def add_deals(
    graph: Graph,
    deals: Iterable[CanonicalDeal],
    names: dict[str, str],
    ns: DataNamespaces,
) -> None:
    """Deals as n-ary nodes: buyer, seller, item, value, currency, date."""
    for deal in deals:
        node = ns.deal_iri(deal.key)
        graph.add((node, RDF.type, KG.Deal))
        if deal.name is not None:
            graph.add((node, RDF.type, KG.Agreement))
        graph.add((node, RDFS.label, Literal(deal_label(deal, names))))
        for party in deal.parties:
            graph.add((node, KG.party, ns.entity_iri(party)))
        for prop, key in (
            (KG.buyer, deal.buyer),
            (KG.seller, deal.seller),
            (KG.item, deal.item),
        ):
            if key:
                graph.add((node, prop, ns.entity_iri(key)))
        if deal.value is not None:
            graph.add((node, KG.value, _decimal(Decimal(deal.value))))
        if deal.currency:
            graph.add((node, KG.currency, Literal(deal.currency)))
        if deal.date:
            graph.add((node, KG.date, _date_literal(deal.date)))
        for article in deal.articles:
            graph.add((node, PROV.wasDerivedFrom, ns.article_iri(article)))


def _object(fact: Fact, ns: DataNamespaces) -> URIRef | Literal:
    if fact.deal is not None:
        return ns.deal_iri(fact.deal)
    if fact.object is not None:
        return ns.entity_iri(fact.object)
    return Literal(fact.value or "")


def add_facts(graph: Graph, facts: Iterable[Fact], ns: DataNamespaces) -> None:
    """Plain triples for asserted facts; a kg:Statement with provenance for every reading."""
    for fact in facts:
        subject = ns.entity_iri(fact.subject)
        predicate = KG[fact.predicate]
        obj = _object(fact, ns)
        if fact.modality == "asserted":
            graph.add((subject, predicate, obj))
        node = ns.statement_iri(fact.key)
        graph.add((node, RDF.type, KG.Statement))
        graph.add((node, RDF.type, RDF.Statement))
        graph.add((node, RDF.subject, subject))
        graph.add((node, RDF.predicate, predicate))
        graph.add((node, RDF.object, obj))
        graph.add((node, KG.modality, Literal(fact.modality)))
        graph.add((node, KG.confidence, _decimal(Decimal(str(fact.confidence)))))
        graph.add((node, KG.rule, Literal(fact.rule)))
        graph.add((node, PROV.wasDerivedFrom, ns.article_iri(fact.article)))
        graph.add((node, KG.sentence, Literal(fact.sentence)))
        graph.add((node, KG.startChar, Literal(fact.start)))
        graph.add((node, KG.endChar, Literal(fact.end)))
        if fact.speaker:
            graph.add((node, KG.speaker, ns.entity_iri(fact.speaker)))
        if fact.reporting_verb:
            graph.add((node, KG.reportingVerb, Literal(fact.reporting_verb)))
        for prop, value in (
            (KG.eventTime, fact.time),
            (KG.eventTimeEnd, fact.time_end),
            (KG.earliest, fact.earliest),
            (KG.latest, fact.latest),
        ):
            if value:
                graph.add((node, prop, _date_literal(value)))
        if fact.time_text:
            graph.add((node, KG.eventTimeText, Literal(fact.time_text)))


def add_filed(
    graph: Graph, filed: Iterable[tuple[str, str]], ns: DataNamespaces
) -> None:
    """The places an article's dateline says it was filed from ("LIMA, Peru")."""
    for article, entity in filed:
        graph.add((ns.article_iri(article), KG.filedFrom, ns.entity_iri(entity)))


def add_credits(
    graph: Graph, credits: Iterable[tuple[str, str]], ns: DataNamespaces
) -> None:
    """Outlets an article credits for photos or its dateline."""
    for article, entity in credits:
        graph.add((ns.article_iri(article), KG.credits, ns.entity_iri(entity)))


def by_article(graph: Graph) -> Dataset:
    """The same triples as a dataset: each article's statements (the triples about a
    kg:Statement derived from it) in a named graph whose name is the article IRI, everything
    else (entities, asserted facts, deals, articles) in the default graph."""
    source = {
        st: graph.value(st, PROV.wasDerivedFrom)
        for st in graph.subjects(RDF.type, KG.Statement)
    }
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for s, p, o in graph:
        article = source.get(s)
        dataset.add(
            (s, p, o, article if article is not None else DATASET_DEFAULT_GRAPH_ID)
        )
    return dataset


def assemble(layers: Layers, *, base: str = DEFAULT_BASE) -> Graph:
    """The rdflib graph of canonical `layers`: articles, entities, deals, facts, credits."""
    namespaces = DataNamespaces.for_base(base)
    graph = new_graph(namespaces)
    add_articles(graph, (e.article for e in layers.extractions), namespaces)
    add_entities(graph, layers.entities.values(), namespaces)
    add_deals(graph, layers.deals.values(), layers.names, namespaces)
    add_facts(graph, layers.facts, namespaces)
    add_credits(graph, layers.credits, namespaces)
    add_filed(graph, layers.filed, namespaces)
    return graph


def overview_graph(
    layers: Layers, namespaces: DataNamespaces, *, entities: int, readings: int = 3
) -> Graph:
    """A bounded graph for the HTML page: the `entities` entities mentioned in most
    articles, the asserted facts among them (with up to `readings` statements each, for the
    tooltips), the deals among them and the articles those statements cite."""
    ranked = sorted(layers.entities.values(), key=lambda e: (-len(e.articles), e.key))[
        :entities
    ]
    keep = {e.key for e in ranked}
    shown = [
        e.__class__(e.key, e.cls, e.name, e.aliases, e.same_as, ()) for e in ranked
    ]
    per_triple: dict[tuple[str, str, str | None], int] = {}
    facts = []
    for fact in layers.facts:
        if (
            fact.modality != "asserted"
            or fact.subject not in keep
            or (fact.object is not None and fact.object not in keep)
        ):
            continue
        if fact.deal is not None:
            continue
        triple = (fact.subject, fact.predicate, fact.object or fact.value)
        if per_triple.get(triple, 0) < readings:
            per_triple[triple] = per_triple.get(triple, 0) + 1
            facts.append(fact)
    deals = [
        d
        for d in layers.deals.values()
        if all(k is None or k in keep for k in (d.buyer, d.seller, d.item, *d.parties))
    ]
    cited = {f.article for f in facts} | {a for d in deals for a in d.articles}
    graph = new_graph(namespaces)
    add_articles(
        graph,
        (e.article for e in layers.extractions if e.article.id in cited),
        namespaces,
    )
    add_entities(graph, shown, namespaces)
    add_deals(graph, deals, layers.names, namespaces)
    add_facts(graph, facts, namespaces)
    return graph
