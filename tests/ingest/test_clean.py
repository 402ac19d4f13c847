from kg.ingest.clean import clean_text, is_title_like

PAGE = """Turkey Buys Missiles From Russia In Big Deal

Turkish President Recep Tayyip Erdogan speaks. (Reuters)
Turkish President Recep Tayyip Erdogan speaks. (Reuters)
2 min read

Turkey Buys Missiles From Russia In Big Deal

ANKARA (Reuters) - Turkey has bought new missiles from Russia, officials said on Monday.

The deal was signed in Moscow after long talks between the two governments.

Join the mailing list

Related News:
Something else entirely that should not be read.
"""

TWO = """First Story About Ships Sailing Home Today

The ships sailed home on Monday after a long voyage across the sea.
The sailors were glad to be back with their families.



Second Story About Trains Running Late Again

Trains ran late again on Tuesday because of a signal failure near the station.
"""


def test_cleaning_drops_repeats_captions_boilerplate_and_tail(ontology):
    [article] = clean_text(PAGE, source="p.txt", article_id="p", ontology=ontology)
    assert article.title == "Turkey Buys Missiles From Russia In Big Deal"
    assert "speaks" not in article.text
    assert "min read" not in article.text
    assert "mailing list" not in article.text
    assert "Something else" not in article.text
    assert article.text.count("Turkey Buys Missiles") == 1
    assert "Reuters" in article.credits


def test_dateline_is_stripped_and_offsets_point_into_the_source(ontology):
    [article] = clean_text(PAGE, source="p.txt", article_id="p", ontology=ontology)
    start = article.text.index("Turkey has bought")
    assert "ANKARA" not in article.text
    source_start = article.source_offset(start)
    assert PAGE[source_start : source_start + 17] == "Turkey has bought"


def test_two_stories_in_one_file_are_split(ontology):
    articles = clean_text(TWO, source="two.txt", article_id="two", ontology=ontology)
    assert [a.id for a in articles] == ["two", "two-2"]
    assert "Trains" not in articles[0].text
    assert articles[1].title.startswith("Second Story")


def test_title_heuristic():
    assert is_title_like(
        "Russia, Turkey Sign S-400 Deal despite Criticism and Suspicion"
    )
    assert not is_title_like("The ships sailed home on Monday after a long voyage.")


def test_a_sentence_in_typeset_quotes_is_body_text_not_a_headline(ontology):
    # the full stop is inside the quotes, as typeset (PTB) text writes them
    for line in (
        "The envoy said the plan was ` ` a fair deal for everyone. ' '",
        "The envoy said the plan was ``a fair deal for everyone.''",
        'The envoy said the plan was "a fair deal for everyone."',
    ):
        [article] = clean_text(line, source="q.txt", article_id="q", ontology=ontology)
        assert article.text == line
        assert article.title == ""


def test_a_dateline_only_story_is_kept_once_per_dateline(tmp_path, ontology):
    from kg.ingest.read import Inputs, Settings, read_inputs

    (tmp_path / "a.txt").write_text("VARNA, Bulgaria (AP)\n")
    (tmp_path / "b.txt").write_text("TOPEKA, Kan.\n")
    (tmp_path / "c.txt").write_text("VARNA, Bulgaria (AP)\n")
    errors: list = []
    duplicates: list = []
    articles = list(
        read_inputs(
            Inputs(paths=(tmp_path,)),
            ontology,
            Settings(),
            on_error=errors.append,
            on_duplicate=duplicates.append,
        )
    )
    assert sorted(a.dateline for a in articles) == ["TOPEKA, Kan.", "VARNA, Bulgaria"]
    assert len(duplicates) == 1 and not errors


def test_a_name_in_angle_brackets_keeps_the_name(ontology):
    """Wire markup of company names ("<Wallaby Air Ltd> has placed an order") is no part
    of the name, nor is a stock symbol in angle brackets ("Boeing Co <BA>") one of the
    text; the offsets still point into the source."""
    page = (
        "SYDNEY, March 2 - <Wallaby Air Ltd> has placed a firm order with Boeing Co "
        "<BA> for four jets, its chairman said on Monday in a statement to the exchange.\n"
    )
    [article] = clean_text(page, source="w.txt", article_id="w", ontology=ontology)
    assert "<" not in article.text and ">" not in article.text
    assert "Boeing Co for four jets" in article.text  # a stock symbol is no word of it
    start = article.text.index("Wallaby Air Ltd has placed")
    source_start = article.source_offset(start)
    assert page[source_start : source_start + 15] == "Wallaby Air Ltd"


def test_a_photo_credit_glued_to_a_caption_is_cut_and_the_caption_kept(ontology):
    page = (
        "Crowds Gather as the Results Come In Across the Country\n\n"
        "Supporters celebrate in the main square on Sunday. The candidate was set to "
        "win, exit polls showed. (Photo by JANE DOE/AFP via Getty Images)\n\n"
        "The vote was held on Sunday and the results came in overnight.\n"
    )
    [article] = clean_text(page, source="c.txt", article_id="c", ontology=ontology)
    assert "Getty" not in article.text and "JANE DOE" not in article.text
    assert "exit polls showed." in article.text
    assert "AFP" in article.credits
    start = article.text.index("exit polls")
    assert page[article.source_offset(start) :].startswith("exit polls")
