"""`kg serve`: started as a real process on a free loopback port, asked by real SPARQL clients
(SPARQLWrapper, rdflib's SPARQLStore and plain HTTP), then stopped."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from SPARQLWrapper import JSON, POST, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.sparql.query import QueryResult, Term
from kg.sparql.results import (
    negotiate,
    results_csv,
    results_json,
    results_tsv,
    results_xml,
)

SERVER_LOG: list[str] = []  # what `kg serve` printed on stderr


@pytest.fixture(scope="module")
def endpoint(seeds_build) -> Iterator[str]:
    """The URL of `kg serve` on the seeds graph, port chosen by the system (--port 0)."""
    yield from serving(seeds_build[1])


@pytest.fixture(scope="module")
def cors_endpoint(seeds_build) -> Iterator[str]:
    """`kg serve --cors http://localhost:3000` on the seeds graph."""
    yield from serving(seeds_build[1], "--cors", "http://localhost:3000")


def serving(ttl, *options: str) -> Iterator[str]:
    """Start `kg serve` on `ttl`, yield its endpoint URL, stop it with Ctrl-C."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "serve",
            str(ttl),
            "--port",
            "0",
            "--timeout",
            "3",
            "--workers",
            "2",
            *options,
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []

    def read() -> None:
        for line in iter(process.stderr.readline, ""):
            lines.append(line)
            SERVER_LOG.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    url = None
    while url is None and time.monotonic() < deadline and process.poll() is None:
        url = next(
            (
                m.group(0)
                for line in lines
                if (m := re.search(r"http://127\.0\.0\.1:\d+/sparql", line))
            ),
            None,
        )
        time.sleep(0.1)
    try:
        assert url, f"kg serve did not start: {''.join(lines)}"
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            assert process.wait(timeout=20) == 0
        finally:
            process.kill()


def client(url: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setTimeout(30)
    return sparql


BUYS = """PREFIX kg: <https://kg.example.org/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?buyer ?item WHERE { ?b kg:buys ?i . ?b rdfs:label ?buyer . ?i rdfs:label ?item }
ORDER BY ?buyer ?item"""


def test_sparqlwrapper_gets_json_and_xml_results(endpoint):
    data = client(endpoint, BUYS).queryAndConvert()
    rows = {
        (b["buyer"]["value"], b["item"]["value"]) for b in data["results"]["bindings"]
    }
    assert {("Turkey", "S-400"), ("China", "S-400")} <= rows
    assert data["head"]["vars"] == ["buyer", "item"]
    document = client(endpoint, BUYS, XML).queryAndConvert()  # a parsed XML document
    literals = [
        node.firstChild.data for node in document.getElementsByTagName("literal")
    ]
    assert literals == [value for row in sorted(rows) for value in row]
    ask = client(
        endpoint,
        "ASK { ?t rdfs:label 'Turkey' . ?t kg:buys ?s . ?s rdfs:label 'S-400' }",
    ).queryAndConvert()
    assert ask["boolean"] is True


def test_rdflib_sparqlstore_reads_the_endpoint(endpoint):
    from rdflib import Graph, Literal
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    rows = list(graph.query(BUYS))
    assert (Literal("Turkey"), Literal("S-400")) in [tuple(r) for r in rows]


def test_update_is_refused(endpoint):
    sparql = client(endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    sparql.setMethod(POST)  # SPARQLWrapper sends an update as update=... in a form
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    request = urllib.request.Request(
        endpoint,
        data=b"CLEAR ALL",
        headers={"Content-Type": "application/sparql-update"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403 and b"UPDATE is refused" in refused.value.read()


def test_service_fails_without_a_connection_attempt(endpoint):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(1)
        port = listener.getsockname()[1]
        with pytest.raises(QueryBadFormed, match="SERVICE is not allowed"):
            client(
                endpoint,
                f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            ).query()
        with pytest.raises(TimeoutError):
            listener.accept()


def test_a_slow_query_hits_the_time_limit_and_the_endpoint_recovers(endpoint):
    cross = " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(6))
    started = time.monotonic()
    slow = urllib.parse.urlencode(
        {"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {cross} }}"}
    )
    with pytest.raises(urllib.error.HTTPError) as stopped:
        urllib.request.urlopen(f"{endpoint}?{slow}", timeout=30)
    assert stopped.value.code == 504 and b"time limit of 3 s" in stopped.value.read()
    assert time.monotonic() - started < 15
    for _ in range(2):  # both workers answer again (the killed one was replaced)
        assert client(endpoint, BUYS).queryAndConvert()["results"]["bindings"]


def test_named_queries_page_and_content_negotiation(endpoint):
    base = endpoint.removesuffix("sparql")
    request = urllib.request.Request(
        base + "queries/who-buys-what?buyer=Turkey", headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        lines = response.read().decode().splitlines()
    assert lines[0] == "buyerName,itemName,sellerName,sentences" and any(
        line.startswith("Turkey,S-400,") for line in lines
    )
    with pytest.raises(urllib.error.HTTPError) as bad:
        urllib.request.urlopen(base + "queries/about", timeout=30)
    assert bad.value.code == 400 and b"needs --param entity" in bad.value.read()
    with urllib.request.urlopen(base, timeout=30) as response:
        page = response.read().decode()
    assert "<textarea" in page and "who-buys-what" in page
    assert (
        "src=" not in page and "<link" not in page
    )  # everything inline: the page works offline


def test_results_formats():
    result = QueryResult(
        variables=("s", "n", "label"),
        terms=(
            (
                Term("uri", "https://kg.example.org/entity/turkey"),
                Term("literal", "5", "http://www.w3.org/2001/XMLSchema#integer"),
                Term("literal", 'a "b"\tc', lang="en"),
            ),
            (Term("uri", "urn:x"), None, None),
        ),
    )
    assert '"xml:lang": "en"' in results_json(
        result
    ) and '"datatype": "http://www.w3.org/2001/XMLSchema#integer"' in results_json(
        result
    )
    assert '<literal xml:lang="en">a "b"\tc</literal>' in results_xml(result)
    assert results_csv(result).split("\r\n")[:3] == [
        "s,n,label",
        'https://kg.example.org/entity/turkey,5,"a ""b""\tc"',
        "urn:x,,",
    ]
    assert (
        results_tsv(result).splitlines()[1]
        == '<https://kg.example.org/entity/turkey>\t"5"^^<http://www.w3.org/2001/XMLSchema#integer>\t"a \\"b\\"\\tc"@en'  # noqa: E501
    )
    assert results_json(QueryResult(ask=True)) == '{"head": {}, "boolean": true}'
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", None) == "xml"
    assert negotiate("*/*", None) == "json" and negotiate("", "csv") == "csv"


def test_serve_has_help_with_an_example():
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_requests_for_another_host_name_are_refused(endpoint):
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read the graph."""
    request = urllib.request.Request(
        endpoint + "?query=ASK%7B%7D", headers={"Host": "evil.example"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403


def test_fast_queries_are_answered_while_slow_ones_run_out_their_limit(endpoint):
    cross = " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(6))
    slow = urllib.parse.urlencode(
        {"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {cross} }}"}
    )

    def ask_slow() -> None:
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{endpoint}?{slow}", timeout=30)

    threads = [threading.Thread(target=ask_slow) for _ in range(2)]  # both base workers
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    assert client(endpoint, BUYS).queryAndConvert()["results"]["bindings"]
    assert (
        time.monotonic() - started < 2
    )  # not stuck behind the 3 s limit of the slow ones
    for thread in threads:
        thread.join()


def test_clients_that_disconnect_leave_no_traceback(endpoint):
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    for _ in range(20):
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(
                f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
            )
            sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n")  # cut mid-request
    assert client(endpoint, BUYS).queryAndConvert()["results"]["bindings"]
    time.sleep(0.5)
    assert not [line for line in SERVER_LOG if "Traceback" in line or "Error" in line]


# ------------------------------------------------------------------ graphs and CORS


def test_sparqlwrapper_construct_gets_a_graph(endpoint):
    from rdflib import Graph, Literal, URIRef
    from SPARQLWrapper import TURTLE

    query = (
        "CONSTRUCT { ?b kg:buys ?i . ?b rdfs:label ?name } "
        "WHERE { ?b kg:buys ?i ; rdfs:label ?name }"
    )
    as_xml = client(
        endpoint, query, XML
    ).queryAndConvert()  # RDF/XML, parsed by SPARQLWrapper
    assert isinstance(as_xml, Graph) and len(as_xml) > 0
    turkey = URIRef("https://kg.example.org/entity/turkey")
    assert (
        turkey,
        URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
        Literal("Turkey"),
    ) in as_xml
    as_turtle = Graph().parse(
        data=client(endpoint, query, TURTLE).queryAndConvert(), format="turtle"
    )
    assert set(as_turtle) == set(as_xml)


def test_rdflib_sparqlstore_describes_an_entity(endpoint):
    from rdflib import Graph, Literal, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(endpoint))
    described = graph.query("DESCRIBE <https://kg.example.org/entity/turkey>").graph
    turkey = URIRef("https://kg.example.org/entity/turkey")
    assert (
        turkey,
        URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
        Literal("Turkey"),
    ) in described
    assert not [p for p in described.predicates() if "aggregates#" in str(p)]


@pytest.mark.parametrize(
    ("accept", "media", "marker"),
    [
        ("text/turtle", "text/turtle", "@prefix"),
        (
            "application/n-triples",
            "application/n-triples",
            "<https://kg.example.org/entity/turkey> ",
        ),
        ("application/ld+json", "application/ld+json", '"@id"'),
    ],
)
def test_describe_with_a_predefined_prefix_in_the_accepted_syntax(
    endpoint, accept, media, marker
):
    request = urllib.request.Request(
        endpoint + "?" + urllib.parse.urlencode({"query": "DESCRIBE ent:turkey"}),
        headers={"Accept": accept},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith(media)
        assert marker in response.read().decode("utf-8")


def preflight(url: str, origin: str) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(
        url,
        method="OPTIONS",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers)


def test_a_cors_preflight_succeeds_only_with_cors(endpoint, cors_endpoint):
    origin = "http://localhost:3000"
    status, headers = preflight(endpoint, origin)
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    status, headers = preflight(cors_endpoint, origin)
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in headers["Access-Control-Allow-Methods"]
    status, headers = preflight(cors_endpoint, "http://elsewhere.example")
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    # the answer itself carries the header for that origin, and only with --cors
    for url, expected in ((cors_endpoint, origin), (endpoint, None)):
        request = urllib.request.Request(
            url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
            headers={"Origin": origin},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers.get("Access-Control-Allow-Origin") == expected


def test_the_workbench_page_is_offline_and_lists_the_examples(endpoint):
    with urllib.request.urlopen(
        endpoint.removesuffix("sparql"), timeout=30
    ) as response:
        page = response.read().decode("utf-8")
    assert "who-buys-what" in page and '"ent": "https://kg.example.org/entity/"' in page
    assert not re.search(
        r"""(src|href)=["']?https?:""", page
    )  # nothing from the network


def test_the_workbench_runs_examples_with_ctrl_enter_and_keeps_permalinks(
    endpoint, monkeypatch
):
    """In headless Chromium (skipped where it is not installed, required in CI): an example
    from its permalink, run with Ctrl+Enter; the editor highlights SPARQL; a query typed by
    hand gets a permalink that restores it. Every request stays on the endpoint."""
    import os

    import chromium

    executable = chromium.find_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing in CI: .ci/run must install it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    # the endpoint is on loopback: let the browser resolve 127.0.0.1 and load http from it;
    # every other name still resolves to nothing, https and websockets stay blocked
    monkeypatch.setattr(
        chromium,
        "FLAGS",
        tuple(
            flag + ", EXCLUDE 127.0.0.1" if flag.startswith("--host-resolver") else flag
            for flag in chromium.FLAGS
        ),
    )
    base = endpoint.removesuffix("sparql")
    with chromium.Chromium(executable) as browser:
        page = browser.new_page()
        page.send(
            "Network.setBlockedURLs", {"urls": ["https://*", "ws://*", "wss://*"]}
        )
        page.goto(base + "#named=who-buys-what&p.buyer=turkey")
        assert (
            page.evaluate("document.querySelector('#params input').value") == "turkey"
        )
        assert page.evaluate("document.querySelectorAll('#highlight .kw').length") > 5
        page.evaluate(
            "document.dispatchEvent(new KeyboardEvent('keydown', "
            "{key: 'Enter', ctrlKey: true, bubbles: true}))"
        )
        table = page.wait_for(
            "(document.querySelector('#results table') || {}).innerText"
        )
        assert "S-400" in table and "Russia" in table
        page.evaluate(
            "choose(''); document.getElementById('query').value = "
            "'ASK { ?s kg:buys ?o }'; document.getElementById('link').click()"
        )
        link = page.wait_for("location.hash.length > 1 && location.href")
        page.goto("about:blank")
        page.goto(link)
        assert page.evaluate("document.getElementById('query').value") == (
            "ASK { ?s kg:buys ?o }"
        )
        page.evaluate("document.getElementById('run').click()")
        assert page.wait_for("document.getElementById('results').textContent") == "true"
        page.collect()
        assert page.requests and all(
            url.startswith(base) or url == "about:blank" for url in page.requests
        )
