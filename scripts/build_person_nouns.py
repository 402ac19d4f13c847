#!/usr/bin/env python3
"""Grow ``person_nouns`` in ``ontology/lexicon.json`` from WordNet: nouns for people.

A noun for a person in apposition with a name ("Redman, a young spy, was arrested"),
or right before it ("the spy Redman"), makes the name a person's whatever the model
took it for (kg.nlp.entities); a counted noun for people ("five spies") lists persons
(kg.nlp.syntax).  The list had been written by hand; this script adds every one-word
noun that

* lies below person.n.01 in WordNet 3.1 (hyponyms, all the way down) and whose every
  noun sense is a person (or an instance of one): "lawyer", "farmer", "spy" -- not
  "host" (a crowd, an animal that feeds a parasite), "carrier" (a firm, a vehicle),
  "giant" (a company in news, a very large thing in WordNet), "agent" (a chemical);
* has no adjective sense ("native", "professional", "criminal", "senior"): an
  adjective is no cue of its own;
* is seen at least ``MIN_NEWS_COUNT`` times in the news corpus
  (``shared/corpus/news_corpus.jsonl.gz``, its ``text`` fields, the lower-case word and
  its regular plural; only the count is used, no text is stored): a word never met in
  news only makes the list longer;
* and is not left out by hand (``LEFT_OUT``, with the reason): nouns for a role that
  companies, states or funds fill in news as often as people ("investor", "rival",
  "buyer", "winner", "owner"), informal or clipped words that are mostly something
  else ("ref", "vet", "temp"), and words WordNet files under person only by an odd
  sense ("have" the rich, "tracker", "aggregator").

Run::

    make triggers   # once: installs nltk==3.10.4 and lays WordNet out
    python scripts/build_person_nouns.py [--corpus PATH]

The words the list had before stay first; the added ones follow sorted, and the note
``person_nouns_note`` says how they were grown.  Same WordNet and corpus, same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_org_words import set_key
from build_triggers import CACHE, SOURCE, load_wordnet

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "ontology" / "lexicon.json"
CORPUS = Path("shared") / "corpus" / "news_corpus.jsonl.gz"
KEY = "person_nouns"
MIN_NEWS_COUNT = 3

LEFT_OUT: dict[str, str] = {
    w: why
    for why, words in {
        "a role that companies, states, funds or bodies fill as well as people": (
            "user consumer investor author player manager shareholder partner "
            "trader creditor rival buyer friend borrower provider competitor "
            "retailer winner victim exporter subscriber employer supplier seller "
            "heir lender peer vendor participant debtor stockholder advocate "
            "importer designer merchant taxpayer companion shopper observer donor "
            "sponsor grower refiner earner bidder contributor advertiser purchaser "
            "loser contender applicant saver follower defender listener enthusiast "
            "courier arranger adversary newcomer trustee watcher pioneer keeper "
            "depositor recruiter stakeholder promoter marketer copycat contestant "
            "challenger proponent licensee brewer intermediary handler finalist "
            "mediator guardian examiner cardholder maintainer behemoth heavyweight "
            "bearer arbitrator adopter payer innovator exhibitor collaborator "
            "believer victor namesake bondholder subcontractor steward perpetrator "
            "messenger ratepayer bookmaker wearer forecaster tenant shipowner "
            "patron landowner lessor foe claimant taker steelmaker scapegoat "
            "renter polluter policyholder gatekeeper enforcer aggressor underdog "
            "sharer occupant contrarian colossus caretaker custodian overlord "
            "optimist pessimist grantor jobber leaver transactor monopolist hedger "
            "homebuilder guzzler winemaker vintner distiller glassmaker originator "
            "guarantor signatory purveyor offeror occupier liquidator merchandiser "
            "fabricator allocator verifier payee evaluator screener savior "
            "procurer protector benefactor middleman attacker filer mastermind "
            "speculator arbitrager arbitrageur hitter scorer spender beginner "
            "learner questioner asker complainant petitioner accuser litigant "
            "defendant plaintiff accused suspect witness owner hero rebel pal "
            "supporter critic backer convert employee insider outsider ally "
            "sovereign incumbent survivor casualty citizen lobbyist observer "
            "responder detractor sufferer practitioner specialist miner grocer "
            "chemist landlord conservator ombudsman registrar comptroller auditor "
            "consultant researcher analyst pollster statistician stockbroker "
            "visitor"
        ),
        "informal or clipped, mostly another word in news": (
            "ref lass lad tout shrink mom dad fool nerd doge ump wiz fink dude git "
            "babe looney nutter raver rotter fry bobby binger raper pol temp vet "
            "chased comer cripple belle boomer geek oddball dupe liar sinner "
            "snoop snitch shill stooge stiff hack hog jack pa mod rake tart crazy "
            "dry aper malik warner racker lacer toller redact segregate arb styler "
            "augur hippy nobody babe dreamer hater"
        ),
        "a person only by an odd sense; mostly a thing, a program, a title": (
            "have tracker aggregator emulator differentiator discriminator "
            "exchanger switcher terminator cyborg clone avatar rover scout "
            "flanker winger kicker packer docker logger skipper ranger sentinel "
            "ameer amir prince earl duke lord lady sir gentleman czar sultan "
            "pontiff ayatollah sheikh capo magnate tycoon superstar supremo "
            "politico populist protectionist libertarian monetarist materialist "
            "elitist obstructionist surrealist anarchist altruist vegan "
            "communicator counsel chairman chairwoman chairperson spokesman "
            "spokeswoman spokesperson turnkey somebody someone talker melter "
            "ambler hearer lifer musketeer daddy champ diva hooker"
        ),
        "an English family name (a capitalised one is no noun) or a weapon's": (
            "smith mason cooper wright marshall potter baker usher chamberlain "
            "dean arrowsmith butler pope shepherd tailor patriot"
        ),
    }.items()
    for w in words.split()
}


def news_counts(path: Path) -> Counter[str]:
    """Lower-case word counts of the corpus's texts."""
    counts: Counter[str] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            counts.update(re.findall(r"[a-z]+", json.loads(line).get("text", "")))
    return counts


def person_words(wordnet) -> list[str]:
    """One-word lower-case nouns below person.n.01 whose every noun sense is a person
    and that have no adjective sense."""
    person = wordnet.synset("person.n.01")
    people = {person, *person.closure(lambda s: s.hyponyms())}

    def is_person(synset) -> bool:
        return synset in people or any(k in people for k in synset.instance_hypernyms())

    words = {w for s in people for w in s.lemma_names() if w.isalpha() and w.islower()}
    return sorted(
        w
        for w in words
        if all(is_person(s) for s in wordnet.synsets(w, "n"))
        and not any(s.pos() in ("a", "s") for s in wordnet.synsets(w))
    )


def find_corpus(given: str | None) -> Path:
    """The news corpus: --corpus, or shared/ next to the repository."""
    candidates = [Path(given)] if given else []
    candidates += [p / CORPUS for p in (ROOT.parent, ROOT.parent.parent)]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    sys.exit(f"no news corpus ({CORPUS}): pass --corpus")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", help="the news corpus (jsonl.gz with 'text')")
    args = parser.parse_args()
    wordnet = load_wordnet(CACHE)
    counts = news_counts(find_corpus(args.corpus))
    text = LEXICON.read_text(encoding="utf-8")
    lexicon = json.loads(text)
    old = list(lexicon[KEY])
    added = sorted(
        w
        for w in person_words(wordnet)
        if w not in LEFT_OUT
        and w not in old
        and counts[w] + counts[w + "s"] >= MIN_NEWS_COUNT
    )
    text = set_key(text, KEY, old + added)
    note = (
        "person_nouns: nouns for people ('five officials', 'four individuals', "
        "'Redman, a young spy,', 'the spy Redman'): a list that counts them names "
        "persons, and a name they describe is a person's (kg.nlp.entities, "
        "kg.nlp.syntax). The first words were picked by hand; the sorted run "
        f"after them is grown by scripts/build_person_nouns.py from {SOURCE}: "
        "one-word nouns below person.n.01 whose every noun sense is a person and "
        f"that have no adjective sense, seen {MIN_NEWS_COUNT} times or more in the "
        "news corpus, less the words left out by hand (roles that companies and "
        "states fill too: 'investor', 'rival', 'buyer'). Words that also describe "
        "a body or a thing are no cue of a person's name: person_nouns_shared"
    )
    text = set_key(text, f"{KEY}_note", note)
    json.loads(text)  # still JSON
    LEXICON.write_text(text, encoding="utf-8")
    print(f"{KEY}: {len(added)} added; wrote {LEXICON} ({SOURCE})")


if __name__ == "__main__":
    main()
