"""Benchmark: kg's named queries on a synthetic graph, rdflib against Oxigraph.

    .venv/bin/python benchmarks/query_bench.py [--triples 1000000] [--runs 5] [--cap 120]

Writes a deterministic graph in kg's model (entities with labels and aliases, articles,
asserted facts, statements with provenance and modality, deals) as N-Triples to a temp
folder, then measures in one child process per engine (so that peak memory is the engine's
own): load time, peak RSS after loading, and the median latency of each named query over a
few runs. Oxigraph is measured in memory and as a persistent store folder (bulk load). A
query that answers in pages (about, timeline, hedged-claims, between) is measured twice: its
first page, which `kg query` shows by default, and every page (`page=all`, "NAME (all)"). A
query that runs past --cap seconds on rdflib is stopped and reported as "> N s". Nothing here
is a test: it prints what it measured.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KG = "https://kg.example.org/ontology#"
BASE = "https://kg.example.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

# The entities the parameters below name; the rest are generated.
HUBS = [
    ("turkey", "Country", "Turkey", ["Ankara", "Türkiye"]),
    ("russia", "Country", "Russia", ["Moscow", "Russian Federation"]),
    ("united-states", "Country", "United States", ["US", "Washington"]),
    ("china", "Country", "China", ["Beijing"]),
    ("s-400", "WeaponSystem", "S-400", ["S-400 Triumf"]),
    ("f-35", "WeaponSystem", "F-35", []),
    ("mevlut-cavusoglu", "Person", "Mevlut Cavusoglu", ["Cavusoglu"]),
    ("recep-tayyip-erdogan", "Person", "Recep Tayyip Erdogan", ["Erdogan"]),
]
PARAMS = {
    "who-buys-what": {"buyer": "Turkey"},
    "who-opposes-what": {"target": "S-400"},
    "who-speaks-for": {"country": "Turkey"},
    "relations-between": {"a": "Turkey", "b": "S-400"},
    "about": {"entity": "Mevlut Cavusoglu"},
    "deals": {"item": "S-400"},
    "hedged-claims": {"modality": "hedged"},
    "timeline": {"entity": "S-400"},
    "most-connected": {},
    "statements-by": {"person": "Recep Tayyip Erdogan"},
    "fact-sources": {"subject": "Turkey", "predicate": "buys", "object": "S-400"},
    "between": {"from": "2019-01", "to": "2019-03"},
    "since": {"entity": "Turkey", "since": "2021"},
}
CLASSES = ["Country", "Person", "Organization", "Company", "WeaponSystem", "City"]
PREDICATES = {  # predicate: (subject classes, object classes)
    "buys": (("Country", "Organization"), ("WeaponSystem",)),
    "sells": (("Country", "Company"), ("WeaponSystem",)),
    "opposes": (("Country", "Person", "Organization"), ("Country", "Deal")),
    "supports": (("Country", "Person"), ("Country", "Organization")),
    "speaksFor": (("Person",), ("Country",)),
    "signsAgreementWith": (("Country",), ("Country",)),
    "negotiatesWith": (("Country", "Person"), ("Country",)),
    "manufactures": (("Company", "Country"), ("WeaponSystem",)),
    "criticizes": (("Person", "Country"), ("Person", "Country")),
    "locatedIn": (("City",), ("Country",)),
}
MODALITIES = ["asserted"] * 16 + ["hedged", "hedged", "negated", "hypothetical"]


def literal(text: str, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"' + (f"^^<{datatype}>" if datatype else "")


def generate(path: Path, triples: int, seed: int = 7) -> int:
    """Write about `triples` N-Triples of kg's model to `path`; returns the exact count."""
    rng = random.Random(seed)
    n_entities = max(200, triples // 100)
    n_articles = max(50, triples // 200)
    n_statements = max(100, triples * 95 // 100 // 16)
    lines: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"<{s}> <{p}> {o} .\n")

    entities: list[tuple[str, str]] = []  # (iri, class)
    for key, cls, _, _ in HUBS:
        entities.append((f"{BASE}entity/{key}", cls))
    for i in range(n_entities - len(HUBS)):
        cls = CLASSES[i % len(CLASSES)]
        entities.append((f"{BASE}entity/{cls.lower()}-{i}", cls))
    names = {
        iri: name for (iri, _), (_, _, name, _) in zip(entities, HUBS, strict=False)
    }
    articles = [
        f"{BASE}article/{i:06d}_{rng.getrandbits(32):08x}" for i in range(n_articles)
    ]
    article_dates: dict[str, str] = {}
    spans: dict[tuple[str, str, str], list[tuple[str, str | None]]] = {}
    for i, article in enumerate(articles):
        add(article, f"{RDF}type", f"<{KG}Article>")
        add(
            article, f"{DCTERMS}title", literal(f"Article {i} on defence and diplomacy")
        )
        add(article, f"{KG}sourceFile", literal(f"corpus/{i:06d}.txt"))
        if i % 3:
            article_dates[article] = (
                f"20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            )
            add(
                article, f"{DCTERMS}date", literal(article_dates[article], f"{XSD}date")
            )
    by_class: dict[str, list[str]] = {}
    for i, (iri, cls) in enumerate(entities):
        by_class.setdefault(cls, []).append(iri)
        name = names.get(iri, f"{cls} {i}")
        names[iri] = name
        add(iri, f"{RDF}type", f"<{KG}{cls}>")
        add(iri, f"{RDFS}label", literal(name))
        add(iri, f"{SKOS}prefLabel", literal(name))
        for alias in HUBS[i][3] if i < len(HUBS) else [f"{name} alias"]:
            add(iri, f"{SKOS}altLabel", literal(alias))
        for article in rng.sample(articles, 3):
            add(iri, f"{KG}mentionedIn", f"<{article}>")

    def pick(cls: str) -> str:
        pool = by_class[cls]
        # Hubs (the first entity of each class) are picked often, like Turkey in the news.
        return pool[0] if rng.random() < 0.05 else rng.choice(pool)

    deals = []
    for i in range(max(20, n_statements // 50)):
        buyer, seller, item = pick("Country"), pick("Country"), pick("WeaponSystem")
        deal = f"{BASE}deal/{i}"
        deals.append(deal)
        add(deal, f"{RDF}type", f"<{KG}Deal>")
        add(
            deal,
            f"{RDFS}label",
            literal(f"{names[buyer]}–{names[seller]} {names[item]} deal"),
        )
        add(deal, f"{KG}buyer", f"<{buyer}>")
        add(deal, f"{KG}seller", f"<{seller}>")
        add(deal, f"{KG}item", f"<{item}>")
        if i % 4 == 0:
            add(
                deal,
                f"{KG}value",
                literal(f"{rng.randint(1, 90)}00000000.0", f"{XSD}decimal"),
            )
            add(deal, f"{KG}currency", literal("USD"))
    by_class["Deal"] = deals
    people = by_class["Person"]
    predicates = sorted(PREDICATES)
    for i in range(n_statements):
        predicate = predicates[i % len(predicates)]
        subject_classes, object_classes = PREDICATES[predicate]
        subject, obj = (
            pick(rng.choice(subject_classes)),
            pick(rng.choice(object_classes)),
        )
        modality = rng.choice(MODALITIES)
        if modality == "asserted":
            add(subject, f"{KG}{predicate}", f"<{obj}>")
        statement = f"{BASE}statement/{i:08x}"
        article = rng.choice(articles)
        start = rng.randint(0, 5000)
        add(statement, f"{RDF}type", f"<{RDF}Statement>")
        add(statement, f"{RDF}type", f"<{KG}Statement>")
        add(statement, f"{RDF}subject", f"<{subject}>")
        add(statement, f"{RDF}predicate", f"<{KG}{predicate}>")
        add(statement, f"{RDF}object", f"<{obj}>")
        add(statement, f"{KG}modality", literal(modality))
        add(
            statement,
            f"{KG}confidence",
            literal(f"0.{rng.randint(50, 99)}", f"{XSD}decimal"),
        )
        add(statement, f"{KG}rule", literal(f"{predicate}.verb"))
        add(statement, f"{PROV}wasDerivedFrom", f"<{article}>")
        add(
            statement,
            f"{KG}sentence",
            literal(
                f"{names[subject]} {predicate} {names.get(obj, 'the deal')}, sentence {i}."
            ),
        )
        add(statement, f"{KG}startChar", literal(str(start), f"{XSD}integer"))
        add(
            statement,
            f"{KG}endChar",
            literal(str(start + rng.randint(40, 300)), f"{XSD}integer"),
        )
        if i % 4 == 0:
            add(statement, f"{KG}speaker", f"<{pick('Person') if people else subject}>")
            add(statement, f"{KG}reportingVerb", literal("say"))
        # half the readings carry an event time (a day, month or year; a few a span),
        # and asserted facts span their dated readings (kg:earliest, kg:latest, below)
        when = None
        if rng.random() < 0.5:
            year, month, day = (
                rng.randint(2010, 2023),
                rng.randint(1, 12),
                rng.randint(1, 28),
            )
            when, datatype = [
                (f"{year}-{month:02d}-{day:02d}", f"{XSD}date"),
                (f"{year}-{month:02d}", f"{XSD}gYearMonth"),
                (f"{year}", f"{XSD}gYear"),
            ][i % 3]
            add(statement, f"{KG}eventTime", literal(when, datatype))
            if i % 10 == 0:
                add(
                    statement,
                    f"{KG}eventTimeEnd",
                    literal(f"{year + 1}", f"{XSD}gYear"),
                )
            add(statement, f"{KG}eventTimeText", literal(when))
        elif article in article_dates:
            when = article_dates[article]
        if modality == "asserted":
            spans.setdefault((subject, predicate, obj), []).append((statement, when))
    for readings in spans.values():
        dated = sorted(w for _, w in readings if w)
        if not dated:
            continue
        for statement, _ in readings:
            for key, value in (("earliest", dated[0]), ("latest", dated[-1])):
                datatype = {10: "date", 7: "gYearMonth", 4: "gYear"}[len(value)]
                add(statement, f"{KG}{key}", literal(value, f"{XSD}{datatype}"))
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(lines)
    return len(lines)


# ------------------------------------------------------------------ one engine, in a child


ALL = " (all)"  # a paged query asked for every page


def cases(queries: dict) -> list[tuple[str, dict[str, str]]]:
    """Each query with its PARAMS; a query that answers in pages twice: its first page, as
    `kg query` answers by default, and every page (`page=all`, as the name plus ALL)."""
    found = []
    for name, params in PARAMS.items():
        found.append((name, params))
        if queries[name].page_size:
            found.append((name + ALL, {**params, "page": "all"}))
    return found


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def measure(engine: str, graph: Path, runs: int, cap: float) -> dict[str, object]:
    """Load `graph` with `engine`, run every named query `runs` times; seconds and MiB."""
    from kg.sparql.named import named_queries
    from kg.sparql.query import bind_values, check_query

    queries = named_queries()
    location = (
        Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
        if engine == "oxigraph-disk"
        else None
    )
    started = time.perf_counter()
    if engine == "rdflib":
        from kg.graph.aggregates import with_aggregates
        from kg.serialize.read import read_graph
        from kg.sparql.query import run_query

        graph_obj = with_aggregates(read_graph(graph, union=True))

        def run(text: str, bindings: dict) -> int:
            return len(run_query(graph_obj, text, **bindings).terms)
    else:
        from kg.serialize.store import load_store, open_store
        from kg.sparql.engine import run_on_store

        store = load_store(graph, location=location)
        if (
            location is not None
        ):  # opened read-only, as `kg serve` and `kg query --store`
            del store
            store = open_store(location)

        def run(text: str, bindings: dict) -> int:
            return len(run_on_store(store, text, bindings).terms)

    load_seconds = time.perf_counter() - started
    load_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store_mib = (
        sum(f.stat().st_size for f in location.rglob("*") if f.is_file()) / 2**20
        if location
        else None
    )
    latencies: dict[str, object] = {}
    rows: dict[str, int] = {}
    signal.signal(signal.SIGALRM, _alarm)
    for name, params in cases(queries):
        query = queries[name.removesuffix(ALL)]
        text, bindings = query.prepare(params)
        check_query(bind_values(text, bindings)[0])  # parsed once, as kg caches it
        times = []
        for _ in range(runs):
            signal.setitimer(signal.ITIMER_REAL, cap)
            start = time.perf_counter()
            try:
                rows[name] = run(text, bindings)
            except _Timeout:
                times = []
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append(time.perf_counter() - start)
            if sum(times) > cap:  # slow: a median of what ran is enough
                break
        latencies[name] = statistics.median(times) if times else None
    if location:
        shutil.rmtree(location)
    return {
        "engine": engine,
        "store_mib": store_mib,
        "load_s": load_seconds,
        "load_peak_mib": load_rss,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "latency_s": latencies,
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--cap",
        type=float,
        default=120.0,
        help="seconds before an rdflib query is stopped",
    )
    parser.add_argument("--engines", default="oxigraph,oxigraph-disk,rdflib")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--graph", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.graph, args.runs, args.cap)))
        return
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        graph = Path(folder) / "synthetic.nt"
        started = time.perf_counter()
        count = generate(graph, args.triples)
        print(
            f"graph: {count:,} triples, {graph.stat().st_size / 2**20:.0f} MiB "
            f"N-Triples, written in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        results = []
        for engine in args.engines.split(","):
            print(f"measuring {engine} ...", file=sys.stderr)
            child = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    engine,
                    "--graph",
                    str(graph),
                    "--runs",
                    str(args.runs),
                    "--cap",
                    str(args.cap),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            results.append(json.loads(child.stdout))
    print_table(results, count, args.cap)


def print_table(results: list[dict], triples: int, cap: float) -> None:
    engines = [r["engine"] for r in results]
    print(
        f"\n{triples:,} triples; median latency of each named query (s), rows returned\n"
    )
    print(f"| query | rows | {' | '.join(engines)} |")
    print(f"| --- | ---: | {' | '.join('---:' for _ in engines)} |")
    from kg.sparql.named import named_queries

    for name, _ in cases(named_queries()):
        counts = sorted({r["rows"][name] for r in results if name in r["rows"]})
        rows = (
            "/".join(map(str, counts)) if counts else "?"
        )  # engines that disagree show both
        cells = [
            f"{r['latency_s'][name]:.3f}"
            if r["latency_s"][name] is not None
            else f"> {cap:g}"
            for r in results
        ]
        print(f"| {name} | {rows} | {' | '.join(cells)} |")
    for label, key, fmt in (
        ("load (s)", "load_s", "{:.1f}"),
        ("peak RSS after load (MiB)", "load_peak_mib", "{:.0f}"),
        ("peak RSS overall (MiB)", "peak_mib", "{:.0f}"),
    ):
        print(f"| **{label}** | | {' | '.join(fmt.format(r[key]) for r in results)} |")
    for r in results:
        if r["store_mib"]:
            print(
                f"\n{r['engine']}: the store folder takes {r['store_mib']:.0f} MiB on disk"
            )


if __name__ == "__main__":
    main()
