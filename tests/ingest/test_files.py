"""Ingest: finding files safely, decoding any encoding, repairing text without losing offsets."""

import os
import signal
from pathlib import Path

import pytest

from helpers import DATA
from kg.errors import ArticleError
from kg.ingest.decode import decode, remap, repair
from kg.ingest.files import find_article_files, read_bytes, read_source
from kg.ingest.language import detect_language as detect
from kg.model import Article
from kg.resources import load_ontology

HOSTILE = DATA / "hostile"


def detect_language(text: str) -> str | None:
    return detect(text, function_words=load_ontology().lex.function_words)


TEXT = "Turkey bought S-400 missiles from Russia, officials in Ankara said on Monday. Erdoğan agreed."  # noqa: E501


def test_files_are_found_recursively_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "c.HTML").write_text("<p>three</p>", encoding="utf-8")
    (tmp_path / "ignored.jpg").write_bytes(b"\xff")
    (tmp_path / "dangling.jpg").symlink_to(tmp_path / "nowhere")
    found = [p.name for p in find_article_files([tmp_path])]
    assert found == ["a.txt", "2.txt", "c.HTML"]


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    [error] = list(find_article_files([tmp_path / "nope"]))
    assert isinstance(error, ArticleError) and "nope: no such file or folder" in str(
        error
    )


def test_symlink_loops_are_entered_once_and_a_file_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "same.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "self.txt").symlink_to("self.txt")
    found = list(find_article_files([tmp_path, tmp_path / "a.txt"]))
    # the link is a second name: read, and reported by the reader as a duplicate
    assert [p.name for p in found if isinstance(p, Path)] == ["a.txt", "same.txt"]
    [error] = [e for e in found if isinstance(e, ArticleError)]
    assert "self.txt: cannot read (Too many levels of symbolic links)" in str(error)


def _alarm(signum, frame):
    raise TimeoutError("blocked on a FIFO")


def test_a_fifo_is_reported_and_never_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [error] = list(find_article_files([tmp_path]))
    assert "pipe.txt: not a regular file (a FIFO)" in str(error)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(
        5
    )  # opening a FIFO for reading blocks until a writer comes: fail, don't hang
    try:
        with pytest.raises(ArticleError, match="not a regular file"):
            read_bytes(fifo)
        [error] = list(find_article_files([fifo]))  # named directly, too
        assert "a FIFO" in str(error)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2_000)
    with pytest.raises(
        ArticleError,
        match=r"big.txt: too large \(0.0 MB, the limit is 0.001 MB; raise it with --max-bytes\)",
    ):
        read_bytes(path, max_bytes=1_000)
    assert read_bytes(path, max_bytes=2_000) == b"x" * 2_000


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.encode("utf-16"), "UTF-16 with BOM"),
        (TEXT.encode("utf-16-le"), "utf-16-le without BOM"),
        (TEXT.encode("utf-16-be"), "utf-16-be without BOM"),
        (TEXT.encode("utf-32"), "UTF-32 with BOM"),
        (
            TEXT.replace("ğ", "g").replace("Ankara", "Zürich").encode("latin-1"),
            "cp1252",
        ),
        (
            TEXT.replace("ğ", "g")
            .replace("Monday", "“Monday” — café")
            .encode("cp1252"),
            "cp1252",
        ),
    ],
)
def test_encodings_are_detected(data, encoding):
    text, used = decode(data, source="x.txt")
    assert used == encoding
    assert (
        "\x00" not in text
        and text.startswith("Turkey bought S-400")
        and text.endswith("agreed.")
    )


def test_other_8_bit_encodings_are_left_to_charset_normalizer():
    russian = "Турция купила зенитные ракетные комплексы С-400 у России, заявили официальные лица в понедельник."  # noqa: E501
    text, used = decode(russian.encode("cp1251"), source="x.txt")
    assert text == russian and used == "cp1251"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary file (NUL bytes)"),
        (bytes(range(1, 32)) * 20, "binary file (control characters)"),
    ],
)
def test_binary_data_is_rejected(data, reason):
    with pytest.raises(
        ArticleError, match=reason.replace("(", r"\(").replace(")", r"\)")
    ):
        decode(data, source="x.txt")


def test_a_utf8_bom_does_not_hide_the_first_name():
    source = read_source(HOSTILE / "utf8_bom.txt")
    assert source.text.startswith("Vladimir Putin met")


def test_mojibake_is_repaired_and_offsets_still_point_into_the_file():
    raw = "ErdoÄŸan met the cafÃ© owner; \x1b[1mPutin\x1b[0m met him in So\u200bchi on Monday."
    text, segments = repair(raw)
    assert text == "Erdoğan met the café owner; Putin met him in Sochi on Monday."
    article = Article(id="m", title="", text=text, source="m.txt", segments=segments)
    # a span of the text maps to the span of the file it came from; where junk was dropped at
    # its edge, the file's span may hold the (invisible) junk
    spans = {
        "Erdoğan": "ErdoÄŸan",
        "café": "cafÃ©",
        "owner": "owner",
        "Putin": "Putin",
        "Sochi": "So\u200bchi",
        "Monday.": "Monday.",
    }
    for word, in_file in spans.items():
        start = text.index(word)
        source_span = raw[
            article.source_offset(start) : article.source_offset(start + len(word))
        ]
        assert source_span.removeprefix("\x1b[1m") == in_file


def test_cleaned_offsets_compose_with_repair_offsets(ontology):
    from kg.ingest.clean import clean_text

    raw = "Headline\n\nThe cafÃ© owner said Turkey bought missiles from Russia on Monday.\n"
    text, segments = repair(raw)
    [article] = clean_text(text, source="c.txt", article_id="c", ontology=ontology)
    composed = Article(
        id="c",
        title="",
        text=article.text,
        source="c.txt",
        segments=remap(article.segments, segments),
    )
    start = composed.source_offset(article.text.index("Turkey"))
    assert raw[start : start + 6] == "Turkey"
    assert composed.source_offset(len(article.text)) == len(raw.rstrip("\n"))


def test_html_gives_main_text_metadata_and_offsets_into_the_page():
    page = HOSTILE / "page.html"
    source = read_source(page)
    assert source.title == "Poland Buys F-35 Fighter Jets"
    assert (source.date, source.url) == (
        "2020-01-31",
        "https://news.example.com/2020/01/31/poland-f35",
    )
    assert (
        "Poland bought F-35" in source.text
        and "tracking" not in source.text
        and "Home" not in source.text
    )
    html = page.read_text(encoding="utf-8")
    article = Article(
        id="p", title="", text=source.text, source=str(page), segments=source.segments
    )
    for sentence in ("Poland bought F-35 fighter jets", "Analysts said the purchase"):
        start = article.source_offset(source.text.index(sentence))
        assert html[start : start + len(sentence)] == sentence


def test_a_web_page_saved_as_text_is_read_as_html():
    source = read_source(HOSTILE / "html_saved_as.txt")
    assert (
        source.text.startswith("Japan bought F-35")
        and "<" not in source.text
        and "Menu Login" not in source.text
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace_only.txt", "only whitespace"),
        ("invisible_only.txt", "no readable text"),
        ("binary.txt", "binary file"),
    ],
)
def test_unreadable_files_say_why(name, reason):
    with pytest.raises(ArticleError, match=f"{name}: {reason}"):
        read_source(HOSTILE / name)


def test_language_is_detected():
    english = (HOSTILE / "good_utf8.txt").read_text(encoding="utf-8")
    german = (HOSTILE / "german.txt").read_text(encoding="utf-8")
    assert detect_language(english) == "en"
    assert detect_language(german) == "de"
    assert detect_language("Kurz und gut.") is None  # too short to tell: read it
    names = (
        "Turkey: S-400 deal. Russia: Putin, Erdogan, Cavusoglu. NATO: Stoltenberg. Patriot, F-35, "
        "Lockheed Martin, Raytheon, Boeing, Airbus, Rafale, Dassault, Saab Gripen, Eurofighter "
        "Typhoon, Sukhoi Su-57 Felon, MiG-29 Fulcrum."
    )
    assert (
        detect_language(names) is None
    )  # few function words, but no confident other language


def test_a_hard_link_is_reported_as_a_duplicate_not_dropped(tmp_path, ontology):
    from kg.ingest.read import Inputs, read_inputs

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    duplicates, errors = [], []
    articles = list(
        read_inputs(
            Inputs(paths=(tmp_path,)),
            ontology,
            on_error=errors.append,
            on_duplicate=duplicates.append,
        )
    )
    assert [a.id for a in articles] == ["a"] and not errors
    assert [str(d) for d in duplicates] == [
        f"{tmp_path / 'b.txt'}: same text as {tmp_path / 'a.txt'} "
        "(kept once, both recorded as sources)"
    ]
