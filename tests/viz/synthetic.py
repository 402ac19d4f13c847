"""A synthetic graph shaped like kg's, for the browser tests at scale and benchmarks/viz_bench.py.

Typed entities (people, countries, organisations, places, weapons, deals) whose relations fit
their types, grouped in stories (news clusters by topic) with hubs by preferential attachment,
several readings per fact, 5% hedged, negated or hypothetical statements. Articles are dated
(one in ten is not) and about half of the readings state their event's time, as kg's dates do
(an xsd:date, xsd:gYearMonth or xsd:gYear, sometimes with an end). Invented names only.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.vocab import KG, DataNamespaces

KINDS = [  # (class, share of entities)
    ("Person", 0.32),
    ("Country", 0.08),
    ("Organization", 0.08),
    ("Company", 0.07),
    ("GovernmentBody", 0.07),
    ("MilitaryAlliance", 0.01),
    ("ArmedGroup", 0.03),
    ("MediaOrganization", 0.04),
    ("City", 0.1),
    ("Facility", 0.04),
    ("WeaponSystem", 0.1),
    ("Deal", 0.06),
]
AGENTS = {
    "Person",
    "Country",
    "Organization",
    "Company",
    "GovernmentBody",
    "MilitaryAlliance",
    "ArmedGroup",
    "MediaOrganization",
}
RELATIONS = [  # (predicate, subject classes, object classes, weight)
    ("buys", {"Country", "Company", "ArmedGroup"}, {"WeaponSystem"}, 6),
    ("sells", {"Country", "Company"}, {"WeaponSystem"}, 4),
    ("manufactures", {"Company", "Country"}, {"WeaponSystem"}, 3),
    ("operates", {"Country", "ArmedGroup"}, {"WeaponSystem"}, 2),
    (
        "signsAgreementWith",
        {"Country", "Company", "GovernmentBody"},
        {"Country", "Company", "GovernmentBody"},
        4,
    ),
    ("negotiatesWith", {"Country", "Person"}, {"Country", "Person"}, 3),
    ("meetsWith", {"Person"}, {"Person"}, 3),
    ("supports", AGENTS, AGENTS, 3),
    ("opposes", AGENTS, AGENTS, 3),
    ("criticizes", AGENTS, AGENTS, 2),
    ("warns", AGENTS, AGENTS, 2),
    ("sanctions", {"Country", "MilitaryAlliance"}, {"Country", "Company", "Person"}, 2),
    (
        "attacks",
        {"Country", "ArmedGroup"},
        {"Country", "ArmedGroup", "City", "Facility"},
        2,
    ),
    (
        "speaksFor",
        {"Person"},
        {"Country", "Organization", "GovernmentBody", "Company"},
        6,
    ),
    (
        "worksFor",
        {"Person"},
        {"Organization", "GovernmentBody", "Company", "MediaOrganization"},
        5,
    ),
    ("leaderOf", {"Person"}, {"Country", "Organization", "ArmedGroup"}, 2),
    ("memberOf", {"Country"}, {"MilitaryAlliance", "Organization"}, 2),
    ("locatedIn", {"City", "Facility"}, {"Country", "City"}, 4),
    (
        "basedIn",
        {"Organization", "Company", "GovernmentBody", "MediaOrganization"},
        {"City", "Country"},
        3,
    ),
]
SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ta",
    "su",
    "ne",
    "vo",
    "la",
    "di",
    "pe",
    "ran",
    "tor",
    "vel",
    "ash",
    "in",
    "om",
    "ur",
    "bek",
    "zan",
]
MODALITIES = ("hedged", "negated", "hypothetical")
FIRST_DAY, SPAN_DAYS = date(2017, 1, 1), 730  # articles fall in these two years


def synthetic_graph(nodes: int, *, seed: int = 1, articles: int = 400) -> Graph:
    """A kg-shaped graph of `nodes` entities and deals, about 2.5 relations per entity.

    Entities belong to stories of about 40; 92% of relations stay inside a story (news
    clusters by topic), the rest pick partners by preferential attachment (hubs). Every
    entity has at least one relation.
    """
    rng = random.Random(seed)
    ns = DataNamespaces.for_base()
    graph = Graph(bind_namespaces="none")
    arts = [ns.article[f"a{i:04d}"] for i in range(articles)]
    days = random.Random(seed + 1)  # dates draw from their own stream
    for i, art in enumerate(arts):
        graph.add((art, RDF.type, KG.Article))
        graph.add(
            (
                art,
                DCTERMS.title,
                Literal(f"Story {i}: {rng.choice(SYLLABLES).title()} talks continue"),
            )
        )
        if days.random() < 0.9:
            published = FIRST_DAY + timedelta(days=days.randrange(SPAN_DAYS))
            graph.add(
                (art, DCTERMS.date, Literal(published.isoformat(), datatype=XSD.date))
            )
    kinds, weights = zip(*KINDS, strict=True)
    stories = max(1, nodes // 40)
    members: dict[tuple[int, str], list[URIRef]] = {}
    everyone: dict[str, list[URIRef]] = {k: [] for k in kinds}
    kind_of: dict[URIRef, str] = {}
    story_of: dict[URIRef, int] = {}
    label: dict[URIRef, str] = {}
    degree: dict[URIRef, int] = {}
    for i in range(nodes):
        kind = rng.choices(kinds, weights)[0]
        name = " ".join(
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))).title()
            for _ in range(1 + (kind == "Person"))
        )
        node = (ns.deal if kind == "Deal" else ns.entity)[f"n{i}"]
        story_of[node], kind_of[node] = i % stories, kind
        members.setdefault((i % stories, kind), []).append(node)
        everyone[kind].append(node)
        label[node] = f"{name} deal" if kind == "Deal" else name
        degree[node] = 1
        graph.add((node, RDF.type, KG[kind]))
        graph.add((node, RDFS.label, Literal(label[node])))
        graph.add((node, SKOS.prefLabel, Literal(label[node])))
        if rng.random() < 0.3:
            graph.add((node, SKOS.altLabel, Literal(name.upper())))
        for art in rng.sample(arts, rng.randint(1, 4)):
            graph.add((node, KG.mentionedIn, art))

    def pick(classes: set[str], story: int) -> URIRef | None:
        local = rng.random() < 0.92
        pool = [
            n
            for k in sorted(classes)
            for n in (members.get((story, k), []) if local else everyone[k])
        ]
        return rng.choices(pool, [degree[n] ** 1.2 for n in pool])[0] if pool else None

    def relate(s: URIRef, predicate: str, o: URIRef) -> None:
        degree[s] += 1
        degree[o] += 1
        graph.add((s, KG[predicate], o))
        for k in range(rng.randint(1, 3)):
            _statement(
                graph, ns, rng, s, predicate, o, "asserted", rng.choice(arts), label, k
            )
        if rng.random() < 0.05:
            _statement(
                graph,
                ns,
                rng,
                o,
                predicate,
                s,
                rng.choice(MODALITIES),
                rng.choice(arts),
                label,
                9,
            )

    for deal in everyone["Deal"]:
        for role, classes in (
            ("buyer", {"Country", "Company"}),
            ("seller", {"Country", "Company"}),
            ("item", {"WeaponSystem"}),
        ):
            target = pick(classes, story_of[deal]) or rng.choice(
                everyone["WeaponSystem"] if role == "item" else everyone["Country"]
            )
            degree[target] += 1
            graph.add((deal, KG[role], target))
        graph.add(
            (deal, KG.value, Literal(rng.randint(1, 900) * 10**6, datatype=XSD.decimal))
        )
        graph.add((deal, KG.currency, Literal("USD")))
    for node in sorted(kind_of):  # nobody is left alone
        if kind_of[node] == "Deal" or degree[node] > 1:
            continue
        options = [
            (p, o, True) for p, subjects, o, _ in RELATIONS if kind_of[node] in subjects
        ]
        options += [
            (p, subjects, False)
            for p, subjects, objects, _ in RELATIONS
            if kind_of[node] in objects
        ]
        for _ in range(10):
            predicate, classes, as_subject = rng.choice(options)
            partner = pick(classes, story_of[node]) or rng.choice(
                [n for k in sorted(classes) for n in everyone[k]]
            )
            if partner != node:
                relate(node, predicate, partner) if as_subject else relate(
                    partner, predicate, node
                )
                break
    for _ in range(int(nodes * 1.6)):
        predicate, subjects, objects, _ = rng.choices(
            RELATIONS, [r[3] for r in RELATIONS]
        )[0]
        story = rng.randrange(stories)
        s, o = pick(subjects, story), pick(objects, story)
        if s is not None and o is not None and s != o:
            relate(s, predicate, o)
    return graph


def _statement(
    graph: Graph,
    ns: DataNamespaces,
    rng: random.Random,
    s: URIRef,
    predicate: str,
    o: URIRef,
    modality: str,
    article: URIRef,
    label: dict[URIRef, str],
    k: int,
) -> None:
    node = ns.statement[
        f"{s.rsplit('/', 1)[-1]}-{predicate}-{o.rsplit('/', 1)[-1]}-{modality}-{k}"
    ]
    graph.add((node, RDF.type, KG.Statement))
    graph.add((node, RDF.type, RDF.Statement))
    graph.add((node, RDF.subject, s))
    graph.add((node, RDF.predicate, KG[predicate]))
    graph.add((node, RDF.object, o))
    graph.add((node, KG.modality, Literal(modality)))
    graph.add(
        (
            node,
            KG.confidence,
            Literal(f"{rng.uniform(0.55, 0.95):.2f}", datatype=XSD.decimal),
        )
    )
    graph.add((node, PROV.wasDerivedFrom, article))
    _event_time(
        graph, node, graph.value(article, DCTERMS.date), random.Random(str(node))
    )
    verb = {
        "asserted": "",
        "hedged": "may ",
        "negated": "does not ",
        "hypothetical": "would ",
    }[modality]
    graph.add(
        (
            node,
            KG.sentence,
            Literal(
                f"{label[s]} {verb}{predicate} {label[o]}, officials said on "
                f"{rng.choice(SYLLABLES).title()}day."
            ),
        )
    )


def _event_time(
    graph: Graph, statement: URIRef, published: object, rng: random.Random
) -> None:
    """About half of the readings of a dated article say when their event happened, some
    weeks before it at most: a day, a month or a year, one in ten with an end."""
    if published is None or rng.random() < 0.5:
        return
    day = date.fromisoformat(str(published)) - timedelta(days=rng.randrange(60))
    precision = rng.choices(("day", "month", "year"), (6, 3, 1))[0]
    kind = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[precision]
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}
    graph.add((statement, KG.eventTime, Literal(text[precision], datatype=kind)))
    if precision == "month" and rng.random() < 0.1:
        later = (day.replace(day=1) + timedelta(days=62)).isoformat()[:7]
        graph.add((statement, KG.eventTimeEnd, Literal(later, datatype=kind)))


def dated_graph() -> Graph:
    """Five facts at known times, for the time filter: an event day, an event month, a span
    of months, one dated only by its article, and one with no date at all.

    Facts (subject, predicate, object: time): Avalon buys Brightshield: 2018-03-05; Corvia
    opposes Dunmark: 2019-06 (a month); Corvia supports Avalon: 2019-02 to 2019-04; Eastport
    warns Dunmark: its article's date, 2020-01-10; Avalon negotiates with Eastport: undated.
    """
    from helpers import ENT, make_graph

    entities = {
        "avalon": "Country",
        "brightshield": "WeaponSystem",
        "corvia": "Country",
        "dunmark": "Country",
        "eastport": "Country",
    }
    facts = [
        ("avalon", "buys", "brightshield", "asserted", 0.9),
        ("corvia", "opposes", "dunmark", "asserted", 0.9),
        ("corvia", "supports", "avalon", "asserted", 0.9),
        ("eastport", "warns", "dunmark", "asserted", 0.9),
        ("avalon", "negotiatesWith", "eastport", "asserted", 0.9),
    ]
    graph = make_graph(entities, facts)
    statement = "https://kg.example.org/statement/{}".format
    times = {
        0: ("2018-03-05", XSD.date, None),
        1: ("2019-06", XSD.gYearMonth, None),
        2: ("2019-02", XSD.gYearMonth, "2019-04"),
    }
    for index, (start, kind, end) in times.items():
        node = URIRef(statement(index))
        graph.add((node, KG.eventTime, Literal(start, datatype=kind)))
        if end:
            graph.add((node, KG.eventTimeEnd, Literal(end, datatype=kind)))
    # fact 3 is read from its own, dated article; the others from the undated article a1
    dated = URIRef("https://kg.example.org/article/a2")
    graph.set((URIRef(statement(3)), PROV.wasDerivedFrom, dated))
    graph.add((dated, RDF.type, KG.Article))
    graph.add((dated, DCTERMS.title, Literal("Eastport raises its voice")))
    graph.add((dated, DCTERMS.date, Literal("2020-01-10", datatype=XSD.date)))
    graph.add((URIRef(ENT + "eastport"), KG.mentionedIn, dated))
    return graph
