"""People and the organisations they work for (kg.nlp.roles), in constructions of news
English written for these tests: an organisation described before ("the company's Tom
Ruiz", "a company spokeswoman"), titles coordinated in one apposition, whose a definite
title without a name is, a person a participle in a title's of-phrase governs, and others.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    # a possessor that describes an organisation named before
    (
        "Acme Corp. will close the plant next year, said the company's Tom Ruiz.",
        {("Tom Ruiz", "worksFor", "Acme Corp.")},
        set(),
    ),
    (
        "The Ohio Department of Transportation will shut the bridge, said the "
        "department's Nora Blake.",
        {("Nora Blake", "worksFor", "Ohio Department of Transportation")},
        set(),
    ),
    (
        "Acme Corp. will close the plant next year, said the firm's spokesman Tom Ruiz.",
        {
            ("Tom Ruiz", "worksFor", "Acme Corp."),
            ("Tom Ruiz", "speaksFor", "Acme Corp."),
        },
        set(),
    ),
    (
        # a country's person is no employee of it; a person's is nobody's employee
        "France will send more troops, said the country's Tom Ruiz.",
        set(),
        {("Tom Ruiz", "worksFor", "France")},
    ),
    (
        "Paul Kern met reporters on Monday. Later his Anna Kern arrived.",
        set(),
        {("Anna Kern", "worksFor", "Paul Kern")},
    ),
    # a class noun before a title: the organisation of that class named before
    (
        "Acme Corp. will close the plant in May, said Ann Lowe, a company spokeswoman.",
        {
            ("Ann Lowe", "worksFor", "Acme Corp."),
            ("Ann Lowe", "speaksFor", "Acme Corp."),
        },
        set(),
    ),
    (
        "Acme Corp. will close the plant next year, company spokesman Tom Ruiz said.",
        {("Tom Ruiz", "worksFor", "Acme Corp.")},
        set(),
    ),
    (
        # no company named before: nobody to work for
        "The plant will close in May, said Ann Lowe, a company spokeswoman.",
        {("Ann Lowe", "hasRole", "company spokeswoman")},
        set(),
    ),
    # a staff title for no one named, held by who reports what an organisation does
    (
        "Acme Corp. will close the plant in May, said Ann Lowe, a spokeswoman.",
        {
            ("Ann Lowe", "worksFor", "Acme Corp."),
            ("Ann Lowe", "speaksFor", "Acme Corp."),
        },
        set(),
    ),
    (
        "Acme Corp. will close the plant in May, said Ann Lowe, a product manager.",
        {("Ann Lowe", "worksFor", "Acme Corp.")},
        set(),
    ),
    (
        # an outside expert, a past post, a title held elsewhere: no job at Acme
        "Acme Corp. shares fell sharply on Monday, said Ann Lowe, an analyst.",
        {("Ann Lowe", "hasRole", "analyst")},
        {("Ann Lowe", "worksFor", "Acme Corp.")},
    ),
    (
        "Acme Corp. will close the plant in May, said Ann Lowe, a former spokeswoman.",
        set(),
        {("Ann Lowe", "worksFor", "Acme Corp.")},
    ),
    (
        "Acme Corp. will close the plant in May, said Ann Lowe, a spokeswoman for "
        "Bell Labs.",
        {("Ann Lowe", "worksFor", "Bell Labs")},
        {("Ann Lowe", "worksFor", "Acme Corp.")},
    ),
    # an indefinite title that opens the sentence, set off before its subject's name
    (
        "A Harvard University economist, Jane Doe has argued for lower rates.",
        {
            ("Jane Doe", "hasRole", "economist"),
            ("Jane Doe", "worksFor", "Harvard University"),
        },
        set(),
    ),
    (
        "A former Acme Corp. engineer, Jane Doe now teaches in Ohio.",
        {("Jane Doe", "hasRole", "former engineer")},
        {("Jane Doe", "worksFor", "Acme Corp.")},
    ),
    (
        "A day after the vote, Jane Doe resigned from the board.",
        set(),
        {("Jane Doe", "hasRole", "day")},
    ),
    # a title held for the organisation it represents, not for a person
    (
        "Jane Doe, an attorney representing Acme Corp., said the ruling was wrong.",
        {("Jane Doe", "worksFor", "Acme Corp.")},
        set(),
    ),
    (
        "Jane Doe, a lawyer representing Tom Ruiz, said he was innocent.",
        {("Jane Doe", "hasRole", "lawyer")},
        {("Jane Doe", "worksFor", "Tom Ruiz"), ("Jane Doe", "supports", "Tom Ruiz")},
    ),
    # a title held in a part of an organisation: a job there, not its lead
    (
        "Jane Doe, head of the research division of Acme Corp., said the drug works.",
        {("Jane Doe", "worksFor", "Acme Corp.")},
        {("Jane Doe", "leaderOf", "Acme Corp.")},
    ),
    # an appointment in the active voice: the title, and the appointing organisation
    # as the employer when the title names none
    (
        "Acme Corp. has hired Jane Doe as chief financial officer.",
        {("Jane Doe", "worksFor", "Acme Corp.")},
        set(),
    ),
    (
        "The board appointed Jane Doe president of Acme Corp. on Monday.",
        {("Jane Doe", "hasRole", "president"), ("Jane Doe", "leaderOf", "Acme Corp.")},
        set(),
    ),
    (
        "Acme Media said on Thursday that it has named Larry Kent publisher of the "
        "Ohio Ledger.",
        {("Larry Kent", "worksFor", "Ohio Ledger")},
        set(),
    ),
    (
        # planned, not done
        "Acme Corp. will name Jane Doe as chief executive next month.",
        set(),
        {
            ("Jane Doe", "leaderOf", "Acme Corp."),
            ("Jane Doe", "worksFor", "Acme Corp."),
        },
    ),
    # an owner is no employee; a member belongs
    (
        "Weather like this is awful, said Lou Ray, owner of the Smokehouse Cafe.",
        set(),
        {("Lou Ray", "worksFor", "Smokehouse Cafe")},
    ),
    (
        "Jane Doe, a member of the Acme Corp. board, spoke on Monday.",
        {("Jane Doe", "memberOf", "Acme Corp.")},
        {("Jane Doe", "worksFor", "Acme Corp.")},
    ),
    # verbs of running an organisation and of working at one, in the present
    (
        "The tunnels are deep, said Gerald Price, who operates the Valley Military "
        "Museum.",
        {("Gerald Price", "worksFor", "Valley Military Museum")},
        set(),
    ),
    (
        "Jane Doe teaches economics at Harvard University.",
        {("Jane Doe", "worksFor", "Harvard University")},
        set(),
    ),
    (
        "Jane Doe taught economics at Harvard University.",
        set(),
        {("Jane Doe", "worksFor", "Harvard University")},
    ),
    (
        # placed at Bell Labs earlier in the article: left there
        "Ann Lowe, a spokeswoman for Bell Labs, spoke on Monday. Acme Corp. will "
        "close the plant in May, said Ann Lowe, a spokeswoman.",
        {("Ann Lowe", "worksFor", "Bell Labs")},
        {("Ann Lowe", "worksFor", "Acme Corp.")},
    ),
    # a title set off after the name that the parser read as something else
    (
        '"Demand is weak," said Jane Doe, lead market strategist at Bell Labs.',
        {("Jane Doe", "worksFor", "Bell Labs")},
        set(),
    ),
    (
        # no title: a clause after the name
        '"Prices will rise," said Jane Doe, citing a report by an analyst at Acme Corp.',
        set(),
        {("Jane Doe", "worksFor", "Acme Corp."), ("Jane Doe", "hasRole", "analyst")},
    ),
    # titles coordinated in one apposition share the phrase after the last
    (
        "Paul Kern, a jeweler and president of Acme Corp., spoke on Monday.",
        {("Paul Kern", "leaderOf", "Acme Corp.")},
        set(),
    ),
    (
        "Tom Ruiz, the founder and chairman of Acme Corp., said the plant would close.",
        {
            ("Tom Ruiz", "worksFor", "Acme Corp."),
            ("Tom Ruiz", "leaderOf", "Acme Corp."),
        },
        set(),
    ),
    # whose a title is: a party candidate named with her own party, a title coordinated
    # with a relative's name, a participle's object in a title's of-phrase
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
def test_roles(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)
