"""Where a person works (kg.nlp.roles) on sentences written for these tests: the second
of two coordinated people with their organisations, job and beat verbs with the job's
phrase on an as-phrase or in a participle clause, and an organisation described by the
head noun of its own name ("the Atlantic Fleet ... the fleet's duty officer").

Each row: the text, facts that must be asserted, facts that must not be."""

import pytest

from helpers import assert_facts

CASES = [
    # coordinated people, each with the organisation of their own phrase
    (
        "Jane Smith at the Institute of Physics and Tom Brown at the Institute of "
        "Chemistry won prizes.",
        {
            ("Jane Smith", "worksFor", "Institute of Physics"),
            ("Tom Brown", "worksFor", "Institute of Chemistry"),
        },
        {
            ("Jane Smith", "worksFor", "Institute of Chemistry"),
            ("Tom Brown", "worksFor", "Institute of Physics"),
        },
    ),
    (
        # the parser hangs the second name on the last word of the first organisation
        "Jane Smith at the Dellby Institute of Marine Physics and Tom Brown at the Institute "
        "of Chemistry won prizes.",
        {
            ("Jane Smith", "worksFor", "Dellby Institute of Marine Physics"),
            ("Tom Brown", "worksFor", "Institute of Chemistry"),
        },
        {("Tom Brown", "worksFor", "Dellby Institute of Marine Physics")},
    ),
    (
        # the first phrase is no person's: the second name has no organisation
        "A lawyer for Acme Corp and Tom Brown at the hearing disagreed.",
        set(),
        {("Tom Brown", "worksFor", "Acme Corp")},
    ),
    (
        # the second name without a phrase of its own works nowhere named
        "Jane Smith of Acme Corp and Tom Brown met in Paris.",
        {("Jane Smith", "worksFor", "Acme Corp")},
        {("Tom Brown", "worksFor", "Acme Corp")},
    ),
    # job verbs: the phrase on the noun of an as-phrase
    (
        "Roger Hale works as a plumber at Bellevue Hospital.",
        {("Roger Hale", "worksFor", "Bellevue Hospital")},
        set(),
    ),
    (
        "Roger Hale, who works as a nurse at Bellevue Hospital, said the ward was full.",
        {("Roger Hale", "worksFor", "Bellevue Hospital")},
        set(),
    ),
    (
        # a client is no employee; the main verb's place is not the participle's job
        "Jane Doe, a lawyer who works with Acme Corp on its mergers, said the deal was "
        "done.",
        set(),
        {("Jane Doe", "worksFor", "Acme Corp")},
    ),
    (
        "Jane Doe buys her drugs at Bellevue Hospital while working as a plumber for "
        "the city.",
        set(),
        {("Jane Doe", "worksFor", "Bellevue Hospital")},
    ),
    (
        # a past job is no job held now
        "Roger Hale worked as a plumber at Bellevue Hospital.",
        set(),
        {("Roger Hale", "worksFor", "Bellevue Hospital")},
    ),
    # a participle clause is its subject's, in the tense of its head verb
    (
        "Roger Hale is exposed to asbestos while working as a plumber at Bellevue "
        "Hospital.",
        {("Roger Hale", "worksFor", "Bellevue Hospital")},
        set(),
    ),
    (
        "Roger Hale earns extra money while working as a nurse at Bellevue Hospital.",
        {("Roger Hale", "worksFor", "Bellevue Hospital")},
        set(),
    ),
    (
        "Roger Hale was exposed to asbestos while working as a plumber at Bellevue "
        "Hospital.",
        set(),
        {("Roger Hale", "worksFor", "Bellevue Hospital")},
    ),
    # a verb joined to the clause's, without a subject of its own, is the same person's
    (
        "Jane Doe, who lives in Paris and works for Acme Corp, said sales rose.",
        {("Jane Doe", "worksFor", "Acme Corp")},
        set(),
    ),
    (
        "Jane Doe is a mother of two and works at Bellevue Hospital.",
        {("Jane Doe", "worksFor", "Bellevue Hospital")},
        set(),
    ),
    (
        "Jane Doe lives in Paris and her husband works for Acme Corp.",
        set(),
        {("Jane Doe", "worksFor", "Acme Corp")},
    ),
    (
        "Jane Doe lived in Paris and worked for Acme Corp.",
        set(),
        {("Jane Doe", "worksFor", "Acme Corp")},
    ),
    (
        # the present progressive is now, the future is not
        "Jane Doe, who is running Acme Corp, said sales rose.",
        {("Jane Doe", "leaderOf", "Acme Corp")},
        set(),
    ),
    (
        "Jane Doe, who will run Acme Corp, said sales rose.",
        set(),
        {("Jane Doe", "leaderOf", "Acme Corp"), ("Jane Doe", "worksFor", "Acme Corp")},
    ),
    (
        "Tom Ruiz instructs pilots at the Air Force Academy.",
        {("Tom Ruiz", "worksFor", "Air Force Academy")},
        set(),
    ),
    # beat verbs: a journalist works for the outlet of the for-phrase
    (
        "Tom Ruiz edits the business pages for The New York Times.",
        {("Tom Ruiz", "worksFor", "The New York Times")},
        set(),
    ),
    (
        "Mary Jones, who reports on Asia for the BBC, arrived in Hanoi.",
        {("Mary Jones", "worksFor", "BBC")},
        set(),
    ),
    (
        # a beat covered for no news outlet is no job (nor a study for an institute)
        "Mary Jones writes for fun.",
        set(),
        {("Mary Jones", "worksFor", "fun")},
    ),
    (
        "Mary Jones writes a study for the Brookings Institution.",
        set(),
        {("Mary Jones", "worksFor", "Brookings Institution")},
    ),
    # an organisation described by the head noun of its own name
    (
        "The fire at the Atlantic Fleet's depot is being contained, according to the "
        "fleet's duty officer Ivan Petrov.",
        {("Ivan Petrov", "worksFor", "Atlantic Fleet")},
        set(),
    ),
    (
        "The fire at the Atlantic Fleet's depot is spreading, said Ivan Petrov, the "
        "duty officer of the fleet.",
        {("Ivan Petrov", "worksFor", "Atlantic Fleet")},
        set(),
    ),
    (
        "Patients at Bellevue Hospital were moved, said Ann Lowe, a spokeswoman for "
        "the hospital.",
        {("Ann Lowe", "worksFor", "Bellevue Hospital")},
        set(),
    ),
    (
        # two fleets named before: "the fleet" may be either
        "The Atlantic Fleet and the Pacific Fleet met, according to the fleet's duty "
        "officer Ivan Petrov.",
        set(),
        {
            ("Ivan Petrov", "worksFor", "Atlantic Fleet"),
            ("Ivan Petrov", "worksFor", "Pacific Fleet"),
        },
    ),
    (
        # a class noun still reads the organisation named before
        "Acme Corp will close the plant, said the company's chief financial officer "
        "Tom Ruiz.",
        {("Tom Ruiz", "worksFor", "Acme Corp")},
        set(),
    ),
    # a central bank's governor and a court's spokesman speak for the body, not the state
    (
        "Rates were left unchanged in India this week, the Reserve Bank of India's "
        "governor, Jane Doe, told reporters.",
        {("Jane Doe", "leaderOf", "Reserve Bank of India")},
        {("Jane Doe", "speaksFor", "India")},
    ),
    # a ministry's spokesman speaks for its state
    (
        "China will buy more oil, said Ma Lin, a spokesman for the Chinese Foreign "
        "Ministry.",
        {("Ma Lin", "speaksFor", "China")},
        set(),
    ),
    # no one heads a person or is a person's executive: a body the model cut into one
    # ("Crime Victim" taken for a person); an adviser to a person works for them
    (
        "Fran Smith, director of Tom Brandt, said the bill failed.",
        set(),
        {("Fran Smith", "worksFor", "Tom Brandt")},
    ),
    (
        "Tom Lee, an adviser to President Jane Roe, said talks would resume.",
        {("Tom Lee", "worksFor", "Jane Roe")},
        set(),
    ),
    # a title held in a state's body heads the body, not the state
    (
        "Ghana army chief General Kofi Mensah met the president.",
        {("Kofi Mensah", "leaderOf", "Ghana Army")},
        {("Kofi Mensah", "leaderOf", "Ghana")},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), CASES, ids=[c[0][:48] for c in CASES]
)
def test_affiliation(facts_of, text, expected, forbidden):
    assert_facts(facts_of(text), expected, forbidden)
