"""Job titles and affiliations (kg.nlp.roles) on sentences written for these tests: ranks,
titles shared by coordinated names, several titles in one apposition, titles with an
of-phrase before a name, and titles that lead nothing.

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    # military ranks are titles
    (
        "Karim Haddad, a colonel who led the mutiny, was arrested on Monday.",
        {("Karim Haddad", "hasRole", "colonel")},
        set(),
    ),
    (
        # a post and a rank written together are two titles
        "Army Chief General Karim Rahman met the president on Monday.",
        {
            ("Karim Rahman", "hasRole", "Army Chief"),
            ("Karim Rahman", "hasRole", "General"),
        },
        {("Karim Rahman", "hasRole", "Army Chief General")},
    ),
    (
        "Lieutenant General Ahmed Saleh said the army would act.",
        {("Ahmed Saleh", "hasRole", "Lieutenant General")},
        {("Ahmed Saleh", "hasRole", "General")},
    ),
    (
        # a rank that is part of a longer title stays in it
        "Director General Rafael Grossi said inspectors would return.",
        {("Rafael Grossi", "hasRole", "Director General")},
        {("Rafael Grossi", "hasRole", "Director")},
    ),
    # titles that lead nothing, or lead a body rather than the country
    (
        "Turkish Deputy Prime Minister Bekir Bozdag said the talks failed.",
        {
            ("Bekir Bozdag", "hasRole", "Deputy Prime Minister"),
            ("Bekir Bozdag", "speaksFor", "Turkey"),
        },
        {("Bekir Bozdag", "leaderOf", "Turkey")},
    ),
    (
        "Ukraine's intelligence chief Kyrylo Budanov said the attack failed.",
        {("Kyrylo Budanov", "hasRole", "intelligence chief")},
        {("Kyrylo Budanov", "leaderOf", "Ukraine")},
    ),
    (
        "Pakistan's army chief, General Asim Munir, met the president.",
        {("Asim Munir", "hasRole", "army chief"), ("Asim Munir", "hasRole", "General")},
        {("Asim Munir", "leaderOf", "Pakistan")},
    ),
    (
        "Venezuela's interim president Juan Guaido said the vote was rigged.",
        {("Juan Guaido", "leaderOf", "Venezuela")},
        set(),
    ),
    # a country shared by coordinated titles
    (
        "Finnish President Sauli Niinisto and Defence Minister Antti Kaikkonen met "
        "the delegation.",
        {
            ("Sauli Niinisto", "leaderOf", "Finland"),
            ("Antti Kaikkonen", "speaksFor", "Finland"),
            ("Antti Kaikkonen", "hasRole", "Defence Minister"),
        },
        {("Antti Kaikkonen", "leaderOf", "Finland")},
    ),
    (
        "Russia's President Vladimir Putin, Foreign Minister Sergei Lavrov and Defence "
        "Minister Sergei Shoigu arrived on Monday.",
        {
            ("Sergei Lavrov", "speaksFor", "Russia"),
            ("Sergei Shoigu", "speaksFor", "Russia"),
        },
        set(),
    ),
    (
        # a title with an affiliation of its own keeps it
        "Finnish President Sauli Niinisto and NATO Secretary General Jens Stoltenberg "
        "met on Tuesday.",
        {("Jens Stoltenberg", "leaderOf", "NATO")},
        {("Jens Stoltenberg", "speaksFor", "Finland")},
    ),
    (
        # two presidents are not of one country
        "US President Joe Biden and President Xi Jinping met in Bali.",
        {("Joe Biden", "leaderOf", "United States")},
        {("Xi Jinping", "leaderOf", "United States")},
    ),
    (
        # a country the person's own title names wins over a neighbour's
        "British Prime Minister Keir Starmer and President Emmanuel Macron met. "
        "French President Emmanuel Macron said the talks went well.",
        {("Emmanuel Macron", "leaderOf", "France")},
        {("Emmanuel Macron", "speaksFor", "United Kingdom")},
    ),
    # several titles in one apposition
    (
        "Jane Doe, a climate scientist and senior fellow at the Brookings Institution, "
        "said the plan would fail.",
        {
            ("Jane Doe", "hasRole", "climate scientist"),
            ("Jane Doe", "hasRole", "senior fellow"),
            ("Jane Doe", "worksFor", "Brookings Institution"),
        },
        set(),
    ),
    (
        "Andrea Moreno, a marine biologist and former Quito mayor, won the vote.",
        {("Andrea Moreno", "hasRole", "former mayor")},
        {("Andrea Moreno", "leaderOf", "Quito")},
    ),
    (
        "Carlos Ruiz Mendez, energy minister and president of the state-owned mining "
        "company Minera del Sur (MDS), was also named.",
        {
            ("Carlos Ruiz Mendez", "hasRole", "energy minister"),
            ("Carlos Ruiz Mendez", "hasRole", "president"),
            ("Carlos Ruiz Mendez", "leaderOf", "Minera del Sur"),
        },
        set(),
    ),
    # a title with an of-phrase, written before a name
    (
        "The sanctions target the head of the Bolivarian State Security Agency (BSSA) "
        "Pedro Luis Marcano Diaz and the oil minister.",
        {
            ("Pedro Luis Marcano Diaz", "hasRole", "head"),
            ("Pedro Luis Marcano Diaz", "leaderOf", "Bolivarian State Security Agency"),
        },
        set(),
    ),
    (
        "Washington sanctioned Commander of Ruritania's Border Guard Corps Pavel Ivanov "
        "on Monday.",
        {
            ("Pavel Ivanov", "hasRole", "Commander"),
            ("Pavel Ivanov", "leaderOf", "Border Guard Corps"),
        },
        set(),
    ),
    (
        "Also named was Director of the National Guard's Special Operations Command "
        "(SOC) Jorge Alberto Mendez Ruiz.",
        {("Jorge Alberto Mendez Ruiz", "leaderOf", "Special Operations Command")},
        set(),
    ),
    # a party named with its class noun
    (
        "Labour party leader Keir Starmer said the plan would fail.",
        {
            ("Keir Starmer", "leaderOf", "Labour Party"),
            ("Keir Starmer", "memberOf", "Labour Party"),
        },
        set(),
    ),
    # a counterpart holds the possessor's office, for their own country
    (
        "Wang Yi met his Russian counterpart, Sergei Lavrov, in Beijing. Chinese Foreign "
        "Minister Wang Yi said ties were strong.",
        {
            ("Sergei Lavrov", "hasRole", "Foreign Minister"),
            ("Sergei Lavrov", "speaksFor", "Russia"),
        },
        {
            ("Sergei Lavrov", "worksFor", "Wang Yi"),
            ("Sergei Lavrov", "speaksFor", "China"),
        },
    ),
    (
        "President Samia Hassan flew to Nairobi on Monday. Hassan and her Kenyan "
        "counterpart William Ruto opened a new border post.",
        {("William Ruto", "leaderOf", "Kenya")},
        {
            ("William Ruto", "leaderOf", "Tanzania"),
            ("Samia Hassan", "leaderOf", "Kenya"),
        },
    ),
    (
        # whose counterpart is unknown: no office to copy
        "Officials said her Kenyan counterpart William Ruto opened a new border post.",
        set(),
        {("William Ruto", "leaderOf", "Kenya")},
    ),
    # "the spokeswoman X" names the spokeswoman an earlier sentence introduced
    (
        "A Russian Foreign Ministry spokeswoman on Wednesday condemned the new sanctions. "
        '"They will fail," the spokeswoman Maria Zakharova told a briefing in Moscow.',
        {
            ("Maria Zakharova", "hasRole", "spokeswoman"),
            ("Maria Zakharova", "worksFor", "Russian Foreign Ministry"),
            ("Maria Zakharova", "speaksFor", "Russia"),
        },
        set(),
    ),
    (
        # an indefinite title names no one introduced before
        "A Russian Foreign Ministry spokeswoman on Wednesday condemned the new sanctions. "
        "Later a spokeswoman, Olga Petrova, told a briefing in Kyiv that talks went well.",
        set(),
        {("Olga Petrova", "worksFor", "Russian Foreign Ministry")},
    ),
    # a definite title with no name is held by the one person the article gives it
    (
        "Protesters stormed the capital on Monday. General Aziz Rahman met the President "
        "of Bangladesh. He later said he would meet President Karl Brandt again.",
        {("Karl Brandt", "leaderOf", "Bangladesh")},
        {("Aziz Rahman", "leaderOf", "Bangladesh")},
    ),
    (
        # someone named without a title just before is the one meant
        "President Joe Biden spoke by phone with Vladimir Putin. The Russian president "
        "warned against new sanctions.",
        set(),
        {("Joe Biden", "leaderOf", "Russia")},
    ),
    (
        # two presidents: no telling which
        "President Karl Brandt met President Ana Costa on Monday. Later the President of "
        "Bangladesh left for Delhi.",
        set(),
        {
            ("Karl Brandt", "leaderOf", "Bangladesh"),
            ("Ana Costa", "leaderOf", "Bangladesh"),
        },
    ),
    (
        # a predicate introduces no one: "the president X" is not the president of it
        "Ana Costa won the vote. “She will be the first female president of Chile,” he "
        "said. “The president Ana Costa won the most votes in our history,” he added.",
        {("Ana Costa", "hasRole", "president")},
        {("Ana Costa", "speaksFor", "Chile"), ("Ana Costa", "leaderOf", "Chile")},
    ),
    # titles given by a verb
    (
        "Ibrahim Keita, a colonel who led the coup, was declared president on Friday.",
        {
            ("Ibrahim Keita", "hasRole", "colonel"),
            ("Ibrahim Keita", "hasRole", "president"),
        },
        set(),
    ),
    (
        "The seat was held by Tom Hale, a Democrat who resigned in May to become Marion "
        "County clerk.",
        {("Tom Hale", "hasRole", "clerk")},
        set(),
    ),
    # an organisation's short name, given in brackets, before a title
    (
        "The sanctions hit the Bolivarian State Security Agency (BSSA). BSSA First "
        "Commissioner Pedro Luis Marcano Diaz was also named.",
        {
            ("Pedro Luis Marcano Diaz", "hasRole", "First Commissioner"),
            ("Pedro Luis Marcano Diaz", "worksFor", "Bolivarian State Security Agency"),
        },
        set(),
    ),
    # a hyphenated title the parser splits
    (
        "Mark Rutte, the secretary-general of NATO, said allies had agreed.",
        {("Mark Rutte", "leaderOf", "NATO")},
        set(),
    ),
    # the director of an organisation leads it; a director of one does not
    (
        "Christopher Wray, the director of the FBI, said the probe continued.",
        {
            ("Christopher Wray", "leaderOf", "Federal Bureau of Investigation"),
            ("Christopher Wray", "worksFor", "Federal Bureau of Investigation"),
        },
        set(),
    ),
    (
        "John Smith, a director of Barclays, said the probe continued.",
        {("John Smith", "worksFor", "Barclays")},
        {("John Smith", "leaderOf", "Barclays")},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_roles(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)
