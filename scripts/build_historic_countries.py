#!/usr/bin/env python3
"""Build ontology/gazetteer/historic_countries.jsonl: states that no longer exist.

News archives name them all the time ("the Soviet Union", "Soviet troops", "BELGRADE,
Yugoslavia (AP)", "East German border guards"), and without an entry they become bare
places or nothing at all. The list is ISO 3166-3 (formerly used country codes, as
``pycountry.historic_countries`` ships it), kept to the sovereign states that ended by
dissolution or union (a renamed state such as Burma or Zaire is the same country under
another name, and belongs to countries.jsonl as an alias; colonies and territories are
left out). ISO gives formal names ("USSR, Union of Soviet Socialist Republics"); the names
news uses, the demonyms and the Wikidata ids are the small NEWS_NAMES table below, picked
by hand for each ISO code.

Each row: ``id``, ``name``, ``class`` (Country), ``aliases``, ``demonyms``, ``iso3`` (the
former ISO code), ``dissolved`` (ISO's withdrawal date) and ``wikidata``. No capital: the
cities of a former state are the gazetteer's cities of today's.

Run (``make gazetteer`` does)::

    pip install pycountry==26.2.16
    python scripts/build_historic_countries.py
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer"

# former ISO alpha-3 code -> the names news uses for the state, its demonyms, Wikidata id
NEWS_NAMES = {
    "SUN": {
        "name": "Soviet Union",
        "aliases": ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"],
        "demonyms": ["Soviet", "Soviets"],
        "wikidata": "Q15180",
    },
    "YUG": {
        "name": "Yugoslavia",
        "aliases": [
            "Socialist Federal Republic of Yugoslavia",
            "Federal Republic of Yugoslavia",
        ],
        "demonyms": ["Yugoslav", "Yugoslavs", "Yugoslavian", "Yugoslavians"],
        "wikidata": "Q36704",
    },
    "CSK": {
        "name": "Czechoslovakia",
        "aliases": [
            "Czechoslovak Socialist Republic",
            "Czech and Slovak Federal Republic",
        ],
        "demonyms": ["Czechoslovak", "Czechoslovaks"],
        "wikidata": "Q33946",
    },
    "DDR": {
        "name": "East Germany",
        "aliases": ["German Democratic Republic", "GDR"],
        "demonyms": ["East German", "East Germans"],
        "wikidata": "Q16957",
    },
    "YMD": {
        "name": "South Yemen",
        "aliases": ["People's Democratic Republic of Yemen"],
        "demonyms": ["South Yemeni", "South Yemenis"],
        "wikidata": "Q199841",
    },
    "SCG": {
        "name": "Serbia and Montenegro",
        "aliases": ["State Union of Serbia and Montenegro"],
        "demonyms": [],
        "wikidata": "Q37024",
    },
}


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def build() -> list[dict]:
    rows = []
    for country in pycountry.historic_countries:
        names = NEWS_NAMES.get(country.alpha_3)
        if names is None:
            continue
        rows.append(
            {
                "aliases": names["aliases"],
                "class": "Country",
                "demonyms": names["demonyms"],
                "dissolved": country.withdrawal_date,
                "id": slug(names["name"]),
                "iso3": country.alpha_3,
                "name": names["name"],
                "wikidata": names["wikidata"],
            }
        )
    missing = set(NEWS_NAMES) - {row["iso3"] for row in rows}
    if missing:
        raise SystemExit(f"not in this pycountry's ISO 3166-3: {sorted(missing)}")
    return sorted(rows, key=lambda row: row["id"])


def main() -> None:
    rows = build()
    path = OUT / "historic_countries.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows),
        encoding="utf-8",
    )
    print(f"{path}: {len(rows)} states")


if __name__ == "__main__":
    main()
