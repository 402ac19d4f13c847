"""Titles in the positions wire copy writes them (kg.nlp.roles), on sentences written for
these tests: the tense of a title (former, incoming, -elect, outgoing), the country of a
national office the title does not name, titles before a comma or with a for-phrase,
spokespeople and heads of organisations, "who heads Y".

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    # tense: a former or future office is a role, not an office held now
    (
        "Former Prime Minister Anna Berg of Sweden said the deal was bad.",
        {("Anna Berg", "hasRole", "former Prime Minister")},
        {("Anna Berg", "leaderOf", "Sweden"), ("Anna Berg", "speaksFor", "Sweden")},
    ),
    (
        "The former Danish prime minister Lars Holm said the alliance was united.",
        {("Lars Holm", "hasRole", "former prime minister")},
        {("Lars Holm", "leaderOf", "Denmark"), ("Lars Holm", "speaksFor", "Denmark")},
    ),
    (
        "The incoming Danish prime minister Lars Holm said the alliance was united.",
        {("Lars Holm", "hasRole", "incoming prime minister")},
        {("Lars Holm", "leaderOf", "Denmark")},
    ),
    (
        "Incoming Prime Minister Anna Berg of Sweden said the deal was bad.",
        {("Anna Berg", "hasRole", "Incoming Prime Minister")},
        {("Anna Berg", "leaderOf", "Sweden")},
    ),
    (
        "Brazil's President-elect Carlos Mendes said he would cut taxes.",
        {("Carlos Mendes", "hasRole", "President elect")},
        {("Carlos Mendes", "leaderOf", "Brazil")},
    ),
    (
        # an outgoing president still holds the office
        "Outgoing President Carlos Mendes of Brazil said he was proud.",
        {
            ("Carlos Mendes", "hasRole", "Outgoing President"),
            ("Carlos Mendes", "leaderOf", "Brazil"),
        },
        set(),
    ),
    # a seat in the legislature or the judiciary is no voice of the state
    (
        "U.S. Sen. Ann Lowe said the bill would pass next week.",
        {("Ann Lowe", "hasRole", "Senator")},
        {("Ann Lowe", "speaksFor", "United States")},
    ),
    (
        "Kenyan Judge Peter Mwangi said the law was void, and Kenyan "
        "Foreign Minister Grace Otieno said the ruling would be respected.",
        {("Grace Otieno", "speaksFor", "Kenya")},
        {("Peter Mwangi", "speaksFor", "Kenya")},
    ),
    # a state's representative "to" a body is its envoy there, not the body's staff
    (
        "Carla Mendez, Peru's representative to the United Nations, spoke on Monday.",
        {("Carla Mendez", "speaksFor", "Peru")},
        {("Carla Mendez", "worksFor", "United Nations")},
    ),
    # an office of the article's country another person holds is not the bare title's
    (
        "Welcoming the envoy, President Kamau said he would keep working closely with "
        "President Tendai Chiweshe of Zimbabwe on trade. The envoy praised President "
        "Kamau for his efforts in the region.",
        {("Tendai Chiweshe", "leaderOf", "Zimbabwe")},
        {("Kamau", "leaderOf", "Zimbabwe")},
    ),
    # a country before a representative is whose representative it is
    (
        "U.S. Trade Representative Carla Mendez said the talks would resume.",
        {("Carla Mendez", "speaksFor", "United States")},
        set(),
    ),
    # a nomination to head a body is no office held yet
    (
        "Questions about Kowalski's debts will be raised at hearings on his nomination "
        "to head the Commerce Department.",
        set(),
        {("Kowalski", "leaderOf", "US Commerce Department")},
    ),
    # an ordinal numbers the holders of an office: a place in its history, not held now
    (
        "In 1809, Daniel Ortmann, the ninth president of Freedonia, was born in a "
        "village near the coast.",
        {("Daniel Ortmann", "hasRole", "ninth president")},
        {("Daniel Ortmann", "leaderOf", "Freedonia")},
    ),
    (
        "In 1902, the 14th Prime Minister of Norway, Erik Lunde, was born in Bergen.",
        {("Erik Lunde", "hasRole", "14th Prime Minister")},
        {("Erik Lunde", "leaderOf", "Norway"), ("Erik Lunde", "speaksFor", "Norway")},
    ),
    (
        "Kaspar Lind, the last king of Albania, died in exile in 1961.",
        {("Kaspar Lind", "hasRole", "last king")},
        {("Kaspar Lind", "leaderOf", "Albania")},
    ),
    # a phrase after a former office is that office's, not the current one's
    (
        "Nora Blake is a lawyer and former legislative aide to Senator Tom Reed.",
        {("Nora Blake", "hasRole", "former aide")},
        {("Nora Blake", "worksFor", "Tom Reed")},
    ),
    (
        # "first" and a capitalised ordinal are parts of a post
        "First Deputy Prime Minister Ivan Orlov of Russia arrived on Monday.",
        {("Ivan Orlov", "speaksFor", "Russia")},
        set(),
    ),
    (
        "President Hun Sen of Cambodia arrived on Monday.",
        {("Hun Sen", "leaderOf", "Cambodia")},
        set(),
    ),
    # a national office without its country: the country of its clause ...
    (
        "Rome is calm. In Italy, Prime Minister Marco Bianchi has been criticized for "
        "his response.",
        {("Marco Bianchi", "leaderOf", "Italy")},
        set(),
    ),
    (
        "South Africa is next, where Xi Jinping is to meet with President Jacob Zuma.",
        {("Jacob Zuma", "leaderOf", "South Africa")},
        {("Xi Jinping", "leaderOf", "South Africa")},
    ),
    (
        # a country named only inside the reported clause is no affiliation
        "Russia's strikes on Kyiv must stop, President Olena Marchuk said.",
        {("Olena Marchuk", "hasRole", "President")},
        {("Olena Marchuk", "leaderOf", "Russia")},
    ),
    # ... else the country the article is about
    (
        "Chile held talks on Monday. Chile will host the summit, Chilean officials "
        "said. Chile's economy grew. Interior Minister Pablo Soto said the border was "
        "secure.",
        {("Pablo Soto", "speaksFor", "Chile")},
        set(),
    ),
    (
        "Secretary of State Tom Reed said the talks had failed. The United States "
        "wants a deal. The United States will send envoys. The United States said it "
        "was ready.",
        {
            ("Tom Reed", "hasRole", "Secretary of State"),
            ("Tom Reed", "speaksFor", "United States"),
        },
        set(),
    ),
    # ... else the one country the article's other officials serve
    (
        "Peru will buy six patrol boats from Spain, Peruvian Defence Minister Jorge "
        "Paz said. Spain will deliver them in May. Trade Minister Ana Quispe said the "
        "deal could open new markets for Spain.",
        {("Ana Quispe", "speaksFor", "Peru")},
        {("Ana Quispe", "speaksFor", "Spain")},
    ),
    # titles before a comma, and before a name with a for-phrase
    (
        "The founder of the Trade Research Initiative, Jane Doe, said tariffs were "
        "rising.",
        {
            ("Jane Doe", "hasRole", "founder"),
            ("Jane Doe", "worksFor", "Trade Research Initiative"),
        },
        set(),
    ),
    (
        "A spokesman for Microsoft, Frank Shaw, said the company would appeal.",
        {
            ("Frank Shaw", "hasRole", "spokesman"),
            ("Frank Shaw", "speaksFor", "Microsoft"),
            ("Frank Shaw", "worksFor", "Microsoft"),
        },
        set(),
    ),
    (
        # a list after an indefinite title may name several people
        "The minister met a spokesman for Microsoft, Frank Shaw and Tim Cook on Monday.",
        set(),
        {("Frank Shaw", "hasRole", "spokesman"), ("Tim Cook", "hasRole", "spokesman")},
    ),
    (
        "Spokesman for the Turkish Foreign Ministry Ali Kaya said the talks failed.",
        {
            ("Ali Kaya", "hasRole", "Spokesman"),
            ("Ali Kaya", "worksFor", "Turkish Foreign Ministry"),
            ("Ali Kaya", "speaksFor", "Turkey"),
        },
        {("Ali Kaya", "leaderOf", "Turkish Foreign Ministry")},
    ),
    (
        # the ministry is named (a body of its own), whichever country's it is
        "Jane Roe, a Foreign Ministry spokeswoman, said the talks would go on.",
        {
            ("Jane Roe", "hasRole", "spokeswoman"),
            ("Jane Roe", "worksFor", "Foreign Ministry"),
        },
        set(),
    ),
    # spokespeople speak for their organisation; its head speaks for it when reporting
    (
        "Frank Shaw, a spokesman for Microsoft, said the company would appeal.",
        {("Frank Shaw", "speaksFor", "Microsoft")},
        set(),
    ),
    (
        'Lars Holm, the secretary-general of NATO, arrived in Brussels. "We agree," '
        "Holm told reporters on Monday.",
        {("Lars Holm", "leaderOf", "NATO"), ("Lars Holm", "speaksFor", "NATO")},
        set(),
    ),
    (
        # a head of only what an of-phrase names gives a view, not the body's word
        "Representatives met with analysts, said Tom Kerr, the executive director of "
        "the Brookings Institution think tank.",
        {("Tom Kerr", "worksFor", "Brookings Institution")},
        {("Tom Kerr", "speaksFor", "Brookings Institution")},
    ),
    # worksFor and leaderOf from a clause
    (
        "Paul Grant, who heads Acme Corp, said sales fell.",
        {
            ("Paul Grant", "leaderOf", "Acme Corp"),
            ("Paul Grant", "worksFor", "Acme Corp"),
        },
        set(),
    ),
    (
        "Paul Grant, who has chaired the Brookings Institution since 2019, said sales "
        "fell.",
        {("Paul Grant", "leaderOf", "Brookings Institution")},
        set(),
    ),
    (
        "Paul Grant, who led Acme Corp until 2019, said sales fell.",
        set(),
        {
            ("Paul Grant", "leaderOf", "Acme Corp"),
            ("Paul Grant", "worksFor", "Acme Corp"),
        },
    ),
    (
        "Paul Grant, who works for Goldman Sachs, said sales fell.",
        {("Paul Grant", "worksFor", "Goldman Sachs")},
        {("Paul Grant", "leaderOf", "Goldman Sachs")},
    ),
    (
        "Jim Hale, an analyst at Brightline Capital, said prices would rise.",
        {
            ("Jim Hale", "hasRole", "analyst"),
            ("Jim Hale", "worksFor", "Brightline Capital"),
        },
        set(),
    ),
    (
        # the parser takes "to" before adjectives for an infinitive's
        "Tom Hale, a senior advisor to geostrategic advisory firm Brightwater, said "
        "the deal was good.",
        {("Tom Hale", "worksFor", "Brightwater")},
        set(),
    ),
    (
        "Acme's chief executive Paul Grant said sales fell.",
        {("Paul Grant", "leaderOf", "Acme")},
        set(),
    ),
    # the phrase after two names is both's; a member belongs to the body
    (
        "Jane Doe and John Roe of Goldman Sachs said prices would rise.",
        {
            ("Jane Doe", "worksFor", "Goldman Sachs"),
            ("John Roe", "worksFor", "Goldman Sachs"),
        },
        set(),
    ),
    (
        "Jane Doe, a member of the European Parliament, said the vote failed.",
        {("Jane Doe", "memberOf", "European Parliament")},
        {("Jane Doe", "worksFor", "European Parliament")},
    ),
    # a country shared by a companion named along with the first
    (
        "Ghanaian President John Mensah will attend, along with Foreign Minister Ama "
        "Boateng.",
        {("Ama Boateng", "speaksFor", "Ghana")},
        {("Ama Boateng", "leaderOf", "Ghana")},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_roles_wire(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)


def test_a_second_title_the_parser_hangs_on_the_first_is_read(facts_of):
    facts = facts_of(
        "The paper carries an interview with Darko Lukic, leader of the farmers and "
        "vice-president of the Union of Serb Painters."
    )
    assert ("Darko Lukic", "worksFor", "Union of Serb Painters") in facts
    assert ("Darko Lukic", "leaderOf", "Union of Serb Painters") not in facts


def test_capitalised_words_that_own_a_title_name_an_organisation(
    facts_of, extract_text
):
    facts = facts_of(
        "Results were strong, said Tom Vance, Pacific Timber's chairman and chief "
        "executive officer."
    )
    assert ("Tom Vance", "leaderOf", "Pacific Timber") in facts
    # a person's name owns titles too
    mentions = extract_text("Bill Smith's lawyer said so.").mentions
    assert {(m.name, m.label) for m in mentions} == {("Bill Smith", "Person")}


def test_a_rank_between_the_title_and_the_name_goes_with_the_name(facts_of):
    facts = facts_of(
        "Visibility is poor, said Coast Guard spokesman Lt. Dana Pike. "
        "The boat sank, said Coast Guard Lt. Omar Reyes."
    )
    assert ("Dana Pike", "speaksFor", "Coast Guard") in facts
    assert ("Omar Reyes", "worksFor", "Coast Guard") in facts


def test_a_name_before_a_title_held_inside_an_organisation_is_the_organisation(
    facts_of, extract_text
):
    assert ("Gus Varga", "speaksFor", "Brenco") in facts_of(
        "Brenco spokesman Gus Varga said the company was busy."
    )
    # a title held for someone or somewhere does not make the word before it a body
    names = {
        m.name
        for m in extract_text("Opposing candidate Ana Ruiz had 26 percent.").mentions
    }
    assert names == {"Ana Ruiz"}
    roles = facts_of("Petroleum Minister Ali Khan said so.")
    assert ("Ali Khan", "hasRole", "Petroleum Minister") in roles


def test_party_candidates_are_members_however_the_party_is_written(facts_of):
    facts = facts_of(
        "Support went to Green Party (PV) candidate Lucia Prado. Tomas Ebner, "
        "presidential candidate for the Party of the Social Revolution, trailed."
    )
    assert ("Lucia Prado", "memberOf", "Green Party") in facts
    assert ("Tomas Ebner", "memberOf", "Party of the Social Revolution") in facts
    assert ("Tomas Ebner", "worksFor", "Party of the Social Revolution") not in facts
