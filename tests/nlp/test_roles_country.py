"""Whose office a title written without its country is (kg.nlp.roles _article_countries,
_source_country, _article_region, _shared_country) and the legislature a legislator sits in
(_chamber_seats), on sentences written for these tests.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    # an unnamed official of a country reports on the country's own office holder ...
    (
        "A Polish official told reporters that when Prime Minister Jan Kowal met the "
        "chancellor in Berlin, he asked for more time.",
        {("Jan Kowal", "leaderOf", "Poland")},
        {("Jan Kowal", "leaderOf", "Germany")},
    ),
    (
        "Polish officials said Prime Minister Jan Kowal would travel to Brussels.",
        {("Jan Kowal", "leaderOf", "Poland")},
        set(),
    ),
    # ... not a country's media, nor a named speaker, who may speak of anyone's
    (
        "Russian state media said President Jan Kowal had fled.",
        {("Jan Kowal", "hasRole", "President")},
        {("Jan Kowal", "leaderOf", "Russia"), ("Jan Kowal", "officialOf", "Russia")},
    ),
    (
        "Israeli Prime Minister Dan Levy told reporters that President Tom Reed would "
        "visit in May.",
        {("Dan Levy", "leaderOf", "Israel")},
        {("Tom Reed", "leaderOf", "Israel")},
    ),
    (
        "A Polish official said that after talks with German officials, Chancellor "
        "Jan Kowal agreed to wait.",
        {("Jan Kowal", "hasRole", "Chancellor")},
        {("Jan Kowal", "leaderOf", "Poland"), ("Jan Kowal", "leaderOf", "Germany")},
    ),
    # a source of one country among two is no answer
    (
        "Polish and Czech officials said Prime Minister Jan Kowal would travel to "
        "Brussels.",
        {("Jan Kowal", "hasRole", "Prime Minister")},
        {
            ("Jan Kowal", "leaderOf", "Poland"),
            ("Jan Kowal", "leaderOf", "Czech Republic"),
        },
    ),
    # a list after a title of a country: each title of the list is that country's ...
    (
        "The sanctions target Venezuela's vice president, Maria Elena Ruiz Lopez, "
        "energy minister Pedro Gil Ortega and defence minister Luis Mora.",
        {
            ("Pedro Gil Ortega", "speaksFor", "Venezuela"),
            ("Luis Mora", "speaksFor", "Venezuela"),
        },
        set(),
    ),
    # ... not a title that names a country of its own
    (
        "The talks brought together Venezuela's vice president, Maria Elena Ruiz "
        "Lopez, and Colombian Energy Minister Pedro Gil Ortega.",
        {("Pedro Gil Ortega", "speaksFor", "Colombia")},
        {("Pedro Gil Ortega", "speaksFor", "Venezuela")},
    ),
    # a state's governor: the state the story is about ...
    (
        "Ohio voters went to the polls on Tuesday. The Ohio race drew national "
        "attention. Turnout in Ohio was high. The winner was appointed by Gov. Mark "
        "Ellis last year.",
        {("Mark Ellis", "leaderOf", "Ohio")},
        set(),
    ),
    # ... not when two states compete, nor a state named once, nor a district
    (
        "Ohio and Texas voters went to the polls. Turnout in Texas and Ohio was high. "
        "Ohio counted fast. Gov. Mark Ellis praised the count.",
        {("Mark Ellis", "hasRole", "Governor")},
        {("Mark Ellis", "leaderOf", "Ohio"), ("Mark Ellis", "leaderOf", "Texas")},
    ),
    (
        "The winner was appointed by Gov. Mark Ellis, an Ohio native.",
        {("Mark Ellis", "hasRole", "Governor")},
        {("Mark Ellis", "leaderOf", "Ohio")},
    ),
    # a senator sits in the one senate the story names ...
    (
        "The Senate voted on Tuesday to confirm the nominee. Sen. Marla Quint, who "
        "chairs the budget panel, voted against the measure.",
        {("Marla Quint", "memberOf", "Senate")},
        set(),
    ),
    (
        "Senator Marla Quint spoke before the U.S. Senate voted on the bill.",
        {("Marla Quint", "memberOf", "US Senate")},
        set(),
    ),
    # ... not a state senator in a story on another senate, nor a former one, nor a
    # senator in a story that names no senate
    (
        "The Senate voted on Tuesday. State Sen. Marla Quint criticized the vote.",
        set(),
        {("Marla Quint", "memberOf", "Senate")},
    ),
    (
        "The Senate voted on Tuesday. Former Sen. Marla Quint criticized the vote.",
        set(),
        {("Marla Quint", "memberOf", "Senate")},
    ),
    # ... but a member of Congress, tagged with party and state, sits in the US Senate
    (
        "Kansas passed a coal bill on Monday. The bill has passed the Senate and goes "
        "to the Kansas governor. Sen. Marla Quint (D-Kan.), a sponsor, said Kansas "
        "would gain.",
        {("Marla Quint", "memberOf", "Senate")},
        set(),
    ),
    # a story about a state: its bare "the Senate" may be the state's
    (
        "Kansas passed a coal bill on Monday. The bill has passed the Senate and goes "
        "to the Kansas governor. Sen. Marla Quint, a sponsor, said Kansas would gain.",
        set(),
        {
            ("Marla Quint", "memberOf", "Senate"),
            ("Marla Quint", "memberOf", "US Senate"),
        },
    ),
    (
        "Sen. Marla Quint criticized the vote on Tuesday.",
        {("Marla Quint", "hasRole", "Senator")},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_roles_country(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)


def test_a_senator_in_a_story_of_two_senates_sits_in_neither(facts_of):
    """ "the Senate" and "the U.S. Senate" may be two chambers (a state's and the
    nation's): no seat is read."""
    facts = facts_of(
        "The Ohio Senate passed the bill. The U.S. Senate did not. Sen. Marla Quint "
        "voted no."
    )
    assert not [f for f in facts if f[1] == "memberOf" and f[0] == "Marla Quint"]
