"""Property tests (hypothesis): the cleaning stage, text repair and IRI minting hold for
any input."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.graph.rdf import add_entities, new_graph
from kg.ingest.clean import clean_text
from kg.ingest.decode import cover, remap, repair
from kg.model import Article, Entity
from kg.names import MAX_KEY_LENGTH, mint
from kg.resources import load_ontology
from kg.serialize.formats import turtle_bytes
from kg.vocab import DataNamespaces

# every code point, surrogates and controls included: scraped text can hold any of them
ANY_CHAR = st.characters(codec=None, categories=None)
LINES = st.lists(
    st.one_of(
        st.text(ANY_CHAR, max_size=40),
        st.sampled_from(
            [
                "",
                " ",
                "Related News:",
                "ANKARA (Reuters) - Turkey bought missiles.",
                "Photo: AFP",
                "Turkey Buys Missiles From Russia In Big Deal",
                "Join the mailing list",
                "\t",
                "\r",
            ]
        ),
        st.text("ab .\n", max_size=60),
    ),
    max_size=25,
)
RAW = st.one_of(
    st.text(ANY_CHAR, max_size=300), LINES.map("\n".join), LINES.map("\r\n\n\n".join)
)


def assert_maps_into(article: Article, source: str) -> None:
    for clean_start, source_start, length in article.segments:
        if length:
            assert (
                article.text[clean_start : clean_start + length]
                == source[source_start : source_start + length]
            )
    for offset in range(len(article.text) + 1):
        assert 0 <= article.source_offset(offset) <= len(source), offset


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=RAW)
@example(raw="\n".join(f"{c}." for c in "abcdefghij"))
@example(
    raw=(
        "Turkey bought missiles from Russia on Monday, officials said.\nThe deal was "
        "signed in Moscow after long talks.\n"
    )
)
def test_cleaning_never_crashes_and_offsets_map_into_the_source(raw):
    for article in clean_text(
        raw, source="s.txt", article_id="s", ontology=load_ontology()
    ):
        assert article.text.strip()
        assert_maps_into(article, raw)


def _as_article(text: str, segments) -> Article:
    return Article(id="r", title="", text=text, source="r.txt", segments=segments)


@settings(max_examples=300, deadline=None)
@given(
    raw=st.one_of(
        st.text(ANY_CHAR, max_size=200),
        st.text(
            st.sampled_from("aé Ã©â€œ\x00\u200b\ufeff\ud800\n\x85ﬁ&;amp"), max_size=200
        ),
    )
)
@example(
    raw="ErdoÄŸan said the cafÃ© â€œwasâ€\x9d closed\x00\x07 \ud800 \u200bVladimir"
)
@example(raw="ﬃ")
def test_repair_leaves_no_control_characters_and_maps_back(raw):
    text, segments = repair(raw)
    assert not re.search("[\x00-\x08\x0e-\x1f\x7f\u200b\ufeff\ud800-\udfff]", text)
    text.encode(
        "utf-8"
    )  # no lone surrogate left: spaCy and the Turtle writer need valid text
    assert_maps_into(_as_article(text, segments), raw)


@given(
    pieces=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(1, 6)), max_size=8
    ),
    tail=st.tuples(st.integers(0, 6), st.integers(0, 6)),
)
def test_cover_and_remap_keep_every_offset_inside_the_source(pieces, tail):
    blocks, t, s = [], 0, 0
    for gap_t, gap_s, length in pieces:
        t, s = t + gap_t, s + gap_s
        blocks.append((t, s, length))
        t, s = t + length, s + length
    text_length, source_length = t + tail[0], s + tail[1]
    segments = cover(blocks, text_length, source_length)
    article = Article(
        id="c", title="", text="x" * text_length, source="", segments=segments
    )
    for offset in range(text_length + 1):
        assert 0 <= article.source_offset(offset) <= source_length
    for block_t, block_s, length in blocks:  # exact inside the blocks
        for k in range(1, length):
            assert article.source_offset(block_t + k) == block_s + k
    halves = (
        (0, 0, text_length // 2),
        (
            text_length // 2 + 1,
            text_length // 2 + 1,
            text_length - text_length // 2 - 1,
        ),
    )
    composed = Article(
        id="c", title="", text=article.text, source="", segments=remap(halves, segments)
    )
    for offset in range(text_length + 1):
        if offset != text_length // 2:
            assert composed.source_offset(offset) == article.source_offset(offset)


NAMES = st.one_of(
    st.text(max_size=60),
    st.text(max_size=10_000),
    st.sampled_from(
        [
            '"quoted" <b>bold</b> > & \'',
            "line\nbreak\r\n",
            "🚀🇹🇷",
            "رجب طيب أردوغان",
            "Путин",
            "",
            " ",
            "\\u0041",
        ]
    ),
)


@settings(max_examples=200, deadline=None)
@given(name=NAMES)
@example(name="x" * 10_000)
def test_any_name_mints_a_valid_iri_and_round_trips_through_turtle(name):
    key = mint(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key) and len(key) <= MAX_KEY_LENGTH
    assert mint(name) == key
    namespaces = DataNamespaces.for_base()
    graph = new_graph(namespaces)
    add_entities(
        graph,
        [
            Entity(
                key,
                "Person",
                name,
                ((name, "ner"), (name + " 2", "exact")),
                (),
                ("a1",),
            )
        ],
        namespaces,
    )
    data = turtle_bytes(graph)
    again = Graph().parse(data=data, format="turtle")
    assert isomorphic(graph, again)


@given(a=st.text(min_size=1, max_size=30), b=st.text(min_size=1, max_size=30))
def test_different_lossy_names_get_different_keys(a, b):
    if a != b and (mint(a).startswith("x-") or mint(b).startswith("x-")):
        assert mint(a) != mint(b)


def test_readable_names_keep_readable_keys():
    assert mint("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert mint("S-400") == "s-400"
    assert mint("Jens Stoltenberg") == "jens-stoltenberg"
    assert mint("Søren Ørsted") == "soren-orsted"
    assert mint("Путин").startswith("x-") and mint("Путин") != mint("Медведев")
    assert len(mint("word " * 2000)) <= MAX_KEY_LENGTH
