"""Article dates as a build reads them: the record's metadata, the page's markup, the text's
own lines, or --date; and how each was found (texts written for these tests)."""

from __future__ import annotations

import gzip
import json

import pytest

from helpers import read_articles
from kg.ingest.read import Inputs, read_inputs

BODY = (
    "Ministers from both countries met in the capital to discuss a new trade agreement "
    "and the border crossings that closed last year. Officials said talks would resume."
)


@pytest.mark.parametrize(
    ("top", "date", "how"),
    [
        ("LIMA, Peru, March 3, 2024 (AP) — " + BODY, "2024-03-03", "dateline"),
        ("Published: 12 Feb 2026\n\n" + BODY, "2026-02-12", "published-line"),
        (
            "Ministers meet on trade\n26 February, 2019\n" + BODY,
            "2019-02-26",
            "date-line",
        ),
        ("16:02 27.11.2019\n\n" + BODY, "2019-11-27", "date-line"),
        ("By Jane Doe | Feb 26, 2019\n\n" + BODY, "2019-02-26", "byline"),
    ],
)
def test_a_text_that_states_its_date_gets_it(tmp_path, ontology, top, date, how):
    (tmp_path / "story.txt").write_text(top, encoding="utf-8")
    (article,) = read_articles([tmp_path], ontology, on_error=pytest.fail)
    assert (article.date, article.date_how) == (date, how)


def test_related_links_at_the_foot_date_nothing(tmp_path, ontology):
    foot = "\n".join(["24/02/2024 13:55", "01/09/2016 15:28", "10/03/2018 17:43"])
    (tmp_path / "story.txt").write_text(BODY + "\n\n" + foot, encoding="utf-8")
    (article,) = read_articles([tmp_path], ontology, on_error=pytest.fail)
    assert article.date is None


def test_a_date_given_by_hand_dates_texts_that_state_none(tmp_path, ontology):
    (tmp_path / "plain.txt").write_text(BODY.replace("trade", "fishing"), "utf-8")
    (tmp_path / "dated.txt").write_text("Published: 12 Feb 2026\n\n" + BODY, "utf-8")
    articles = read_articles([tmp_path], ontology, on_error=pytest.fail, date="2019-02")
    found = {a.source.rsplit("/", 1)[-1]: (a.date, a.date_how) for a in articles}
    assert found == {
        "plain.txt": ("2019-02", "given"),
        "dated.txt": ("2026-02-12", "published-line"),
    }


def test_corpus_records_keep_their_metadata_date(tmp_path, ontology):
    corpus = tmp_path / "news.jsonl.gz"
    records = [
        {"id": "r1", "text": BODY, "date": "26-FEB-1987 15:45:47.29"},
        {
            "id": "r2",
            "text": BODY.replace("trade", "water"),
            "date": "2005-02-15T10:00:00Z",
        },
    ]
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in records)
    articles = read_inputs(Inputs(corpora=(corpus,)), ontology, on_error=pytest.fail)
    assert [(a.date, a.date_how) for a in articles] == [
        ("1987-02-26", "metadata"),
        ("2005-02-15", "metadata"),
    ]


def test_the_graph_says_how_the_date_was_found(nlp):
    from kg.pipeline.build import build

    result = build(texts={"s": "Published: 12 Feb 2026\n\n" + BODY}, nlp=nlp)
    rows = result.query(
        "SELECT ?d ?how WHERE { ?a dcterms:date ?d ; kg:dateSource ?how }"
    ).rows
    assert [(str(d), str(h)) for d, h in rows] == [("2026-02-12", "published-line")]
