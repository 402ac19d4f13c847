"""Members of alliances and groups (kg.nlp.structural membership, member nouns and verbs
of roles.json) a minister's country read from the body they lead (kg.nlp.roles
_led_body_country) and the head of a country's armed service (kg.nlp.roles
_service_heads), on sentences written for these tests.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    # a member noun before the member's name
    (
        "Greece criticised fellow NATO member Turkey on Monday.",
        {("Turkey", "memberOf", "NATO")},
        {("Greece", "memberOf", "NATO")},
    ),
    (
        "Lisbon asked its NATO ally the United States for help.",
        {("United States", "memberOf", "NATO")},
        set(),
    ),
    (
        "OPEC member Iraq raised its output in May.",
        {("Iraq", "memberOf", "OPEC")},
        set(),
    ),
    (
        "Chile, a signatory of the Antarctic Treaty, objected.",
        {("Chile", "memberOf", "Antarctic Treaty")},
        set(),
    ),
    # "the two NATO allies": the two countries of the sentence ...
    (
        "Talks between Greece and Turkey have left the two NATO allies at odds.",
        {("Greece", "memberOf", "NATO"), ("Turkey", "memberOf", "NATO")},
        set(),
    ),
    # ... or the two the article is about, not the two named last
    (
        "Turkey bought missiles from Russia. The sale angered the United States, which "
        "asked Turkey to cancel it. The United States then threatened Turkey with "
        "sanctions. Officials said the dispute had divided the two NATO allies.",
        {("Turkey", "memberOf", "NATO"), ("United States", "memberOf", "NATO")},
        {("Russia", "memberOf", "NATO")},
    ),
    (
        "Canada and Mexico met. Peru and Chile met. Brazil objected. The dispute has "
        "divided the two NATO allies.",
        set(),
        {
            ("Brazil", "memberOf", "NATO"),
            ("Chile", "memberOf", "NATO"),
            ("Peru", "memberOf", "NATO"),
        },
    ),
    # no member named, a former member, a partner
    (
        "NATO member states met in Brussels with Norway.",
        set(),
        {("Norway", "memberOf", "NATO")},
    ),
    (
        "Former NATO ally Turkey bought the missiles.",
        set(),
        {("Turkey", "memberOf", "NATO")},
    ),
    (
        "Turkey, a former NATO member, bought the missiles.",
        set(),
        {("Turkey", "memberOf", "NATO")},
    ),
    (
        "Sweden, a NATO partner, joined the exercise.",
        set(),
        {("Sweden", "memberOf", "NATO")},
    ),
    # countries that chair a named group together
    (
        "Since 2001, Germany, Italy, and Spain have co-chaired the so-called Dellby "
        "Contact Group, which mediates between the parties.",
        {
            ("Germany", "memberOf", "Dellby Contact Group"),
            ("Italy", "memberOf", "Dellby Contact Group"),
            ("Spain", "memberOf", "Dellby Contact Group"),
        },
        set(),
    ),
    (
        "Norway and Japan co-chair the Dellby Contact Group.",
        {
            ("Norway", "memberOf", "Dellby Contact Group"),
            ("Japan", "memberOf", "Dellby Contact Group"),
        },
        set(),
    ),
    (
        "Germany, Austria, and Belgium co-chaired the Dellby Contact Group.",
        {
            ("Germany", "memberOf", "Dellby Contact Group"),
            ("Austria", "memberOf", "Dellby Contact Group"),
            ("Belgium", "memberOf", "Dellby Contact Group"),
        },
        set(),
    ),
    # "the group's members": the group named before, if any
    (
        "The Dellby Contact Group met in Vienna on Monday. The group's members, Norway and "
        "Japan, asked for a ceasefire.",
        {
            ("Norway", "memberOf", "Dellby Contact Group"),
            ("Japan", "memberOf", "Dellby Contact Group"),
        },
        set(),
    ),
    # one country chairing is often a host, not a member
    (
        "Egypt chaired the Dellby Contact Group in March.",
        set(),
        {("Egypt", "memberOf", "Dellby Contact Group")},
    ),
    # a rank after a post, and the head of a country's service
    (
        "Army Chief General Omar Bakri met the president on Monday.",
        {("Omar Bakri", "hasRole", "Army Chief"), ("Omar Bakri", "hasRole", "General")},
        set(),
    ),
    (
        "The Indian Army sent troops north. India's army chief, General Omar Bakri, "
        "said the border was calm.",
        {("Omar Bakri", "leaderOf", "Indian Army")},
        {("Omar Bakri", "leaderOf", "India")},
    ),
    (
        "The Indian Army sent troops north. Army Chief General Omar Bakri said the "
        "border was calm.",
        {("Omar Bakri", "leaderOf", "Indian Army")},
        set(),
    ),
    # another country's army, or two armies for a chief of no country
    (
        "The Indian Army sent troops north. Nepal's army chief, General Omar Bakri, "
        "said the border was calm.",
        set(),
        {("Omar Bakri", "leaderOf", "Indian Army")},
    ),
    (
        "The Indian Army and the Nepal Army met. Army Chief General Omar Bakri "
        "said the border was calm.",
        set(),
        {
            ("Omar Bakri", "leaderOf", "Indian Army"),
            ("Omar Bakri", "leaderOf", "Nepal Army"),
        },
    ),
    # a minister's country from the body they lead
    (
        "Estonia's mission will be led by Trade Minister Olena Marchenko after talks "
        "with Latvia stalled.",
        {
            ("Olena Marchenko", "hasRole", "Trade Minister"),
            ("Olena Marchenko", "speaksFor", "Estonia"),
        },
        {
            ("Olena Marchenko", "speaksFor", "Latvia"),
            ("Olena Marchenko", "officialOf", "Latvia"),
        },
    ),
    (
        "Foreign Minister Jan Kowal will head the Polish delegation at the talks with "
        "Russia.",
        {("Jan Kowal", "speaksFor", "Poland")},
        {("Jan Kowal", "officialOf", "Russia")},
    ),
    (
        "Russia's delegation will meet Defence Minister Olena Marchenko in Istanbul.",
        set(),
        {
            ("Olena Marchenko", "speaksFor", "Russia"),
            ("Olena Marchenko", "officialOf", "Russia"),
        },
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_roles_members(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)


def test_members_of_no_named_group_are_no_members(facts_of):
    facts = facts_of(
        "The group's members, Norway and Japan, asked the Red Cross for help. "
        "NATO member states met the Red Cross in Brussels."
    )
    assert not [f for f in facts if f[1] == "memberOf"], sorted(facts)
