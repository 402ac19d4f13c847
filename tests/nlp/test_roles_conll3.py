"""Roles in news constructions (kg.nlp.roles), on sentences written for these tests: whose
a definite title without a name is, when the article names a holder of that title;
whose a title coordinated with a relative's name is; a person a participle in a title's
of-phrase governs.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

CASES = [
    # a party's candidate named with her own party is not the other party's candidate
    (
        "The Acme Party candidate placed second with 37 percent, followed by Jane Roe, "
        "candidate of the Zeta Party, with 9 percent.",
        {("Jane Roe", "memberOf", "Zeta Party")},
        {
            ("Jane Roe", "memberOf", "Acme Party"),
            ("Jane Roe", "worksFor", "Acme Party"),
        },
    ),
    # a title coordinated with a relative's name is the title of the name it has
    (
        "The premier was accompanied by his wife, Mary Lee, and the deputy secretary "
        "of the Foreign Ministry, Ahmad Noor, during his visit.",
        {
            ("Ahmad Noor", "hasRole", "deputy secretary"),
            ("Ahmad Noor", "worksFor", "Foreign Ministry"),
        },
        {
            ("Mary Lee", "worksFor", "Foreign Ministry"),
            ("Mary Lee", "hasRole", "deputy secretary"),
        },
    ),
    # a person after a participle the parser folds into the title's of-phrase is the
    # participle's object
    (
        "Rep. Jane Roe, D-Ohio, chairman of the House oversight subcommittee grilling "
        "Smith and other officials, asked for answers.",
        {("Jane Roe", "hasRole", "chairman")},
        {("Jane Roe", "worksFor", "Smith"), ("Jane Roe", "leaderOf", "Smith")},
    ),
    (
        "Jane Roe, president of Acme Trading Co., said sales were up.",
        {("Jane Roe", "leaderOf", "Acme Trading Co.")},
        set(),
    ),
    (
        "Jane Roe, a jeweler and president of Acme Corp., said sales were up.",
        {("Jane Roe", "leaderOf", "Acme Corp.")},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_roles_conll3(facts_of, text, expected, forbidden):
    facts = facts_of(text)
    assert expected <= facts, f"missing {sorted(expected - facts)}; got {sorted(facts)}"
    assert not (forbidden & facts), f"asserted {sorted(forbidden & facts)}"
