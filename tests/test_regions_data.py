"""Checks of ontology/gazetteer/regions.jsonl, built by scripts/build_gazetteer.py.

Plain ``json`` only (no spaCy, no project imports), like test_gazetteer_data.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

GAZ_DIR = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer"
REGIONS = GAZ_DIR / "regions.jsonl"
ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
QID = re.compile(r"^Q[1-9][0-9]*$")
FIELDS = {
    "id",
    "name",
    "class",
    "aliases",
    "country",
    "iso3166_2",
    "geonames",
    "wikidata",
    "abbreviations",
}
DATELINE_COUNTRIES = {"united-states", "canada", "australia"}
# Words that describe a place rather than name it: a region form made only of
# these would fire on ordinary text.
GENERIC = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "centre",
    "center",
    "capital",
    "islands",
    "region",
    "province",
    "district",
}


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-]+", " ", text.casefold()).strip()


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def regions() -> list[dict]:
    return _load(REGIONS)


@pytest.fixture(scope="module")
def countries() -> dict[str, dict]:
    return {r["id"]: r for r in _load(GAZ_DIR / "countries.jsonl")}


@pytest.fixture(scope="module")
def by_iso(regions) -> dict[str, dict]:
    return {r["iso3166_2"]: r for r in regions if "iso3166_2" in r}


def _forms(row: dict) -> list[str]:
    return [row["name"], *row.get("aliases", [])]


def test_every_line_parses_and_is_a_region():
    lines = REGIONS.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1000
    for number, line in enumerate(lines, 1):
        assert line.strip(), f"line {number} is blank"
        row = json.loads(line)
        assert row["class"] == "Region", (number, row)
        assert set(row) <= FIELDS, (number, sorted(set(row) - FIELDS))
        assert isinstance(row["name"], str) and row["name"], number
        assert isinstance(row["aliases"], list), number


def test_ids_and_codes(regions):
    ids = [r["id"] for r in regions]
    assert len(ids) == len(set(ids))
    for r in regions:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r["id"]), r["id"]
        if "iso3166_2" in r:
            assert ISO_3166_2.match(r["iso3166_2"]), r
        if "geonames" in r:
            assert isinstance(r["geonames"], int) and r["geonames"] > 0, r
        if "wikidata" in r:
            assert QID.match(r["wikidata"]), r
    codes = [r["iso3166_2"] for r in regions if "iso3166_2" in r]
    assert len(codes) == len(set(codes))


def test_country_exists_and_matches_the_iso_code(regions, countries):
    for r in regions:
        if "iso3166_2" in r:
            assert "country" in r, r["id"]
        if "country" in r:
            assert r["country"] in countries, (r["id"], r["country"])
            if "iso3166_2" in r:
                iso2 = countries[r["country"]]["iso2"]
                assert r["iso3166_2"].startswith(iso2 + "-"), (r["id"], iso2)


def test_no_form_is_a_country_or_city_name(regions, countries):
    taken: dict[str, str] = {}
    for c in countries.values():
        for form in (c["name"], *c["aliases"], *c.get("demonyms", [])):
            taken[_key(form)] = c["id"]
    for c in _load(GAZ_DIR / "cities.jsonl"):
        for form in (c["name"], *c.get("aliases", [])):
            taken[_key(form)] = c["id"]
    bad = [
        (r["id"], form, taken[_key(form)])
        for r in regions
        for form in _forms(r)
        if _key(form) in taken
    ]
    assert not bad, bad


def test_forms_unique_across_regions(regions):
    owner: dict[str, str] = {}
    for r in regions:
        for form in dict.fromkeys(_key(f) for f in _forms(r)):
            assert form not in owner, (form, r["id"], owner.get(form))
            owner[form] = r["id"]


def test_forms_are_names(regions):
    for r in regions:
        assert r["name"] not in r["aliases"], r["id"]
        assert len(r["aliases"]) == len(set(r["aliases"])), r["id"]
        for form in _forms(r):
            assert form == form.strip() and len(form) >= 4, (r["id"], form)
            assert form[0].isupper(), (r["id"], form)
            assert "." not in form, (r["id"], form)
            assert not set(_key(form).split()) <= GENERIC, (r["id"], form)


def test_abbreviations_only_in_their_field(regions):
    forms = {f for r in regions for f in _forms(r)}
    for r in regions:
        abbreviations = r.get("abbreviations", [])
        if not abbreviations:
            continue
        assert r.get("country") in DATELINE_COUNTRIES, r["id"]
        assert r["iso3166_2"].split("-")[1] == abbreviations[0], r["id"]
        for abbreviation in abbreviations:
            assert abbreviation not in forms, (r["id"], abbreviation)
            assert len(abbreviation) <= 6, (r["id"], abbreviation)


def test_dateline_abbreviations(by_iso):
    us_states = [r for code, r in by_iso.items() if code.startswith("US-")]
    assert len(us_states) == 50
    assert all("abbreviations" in r for r in us_states)
    assert by_iso["US-CA"]["abbreviations"] == ["CA", "Calif."]
    assert by_iso["US-IL"]["abbreviations"] == ["IL", "Ill."]
    assert by_iso["US-MA"]["abbreviations"] == ["MA", "Mass."]
    assert by_iso["US-WA"]["abbreviations"] == ["WA", "Wash."]
    assert by_iso["US-ID"]["abbreviations"] == ["ID"]  # AP spells Idaho out
    assert by_iso["CA-ON"]["abbreviations"] == ["ON", "Ont."]
    assert by_iso["AU-NSW"]["abbreviations"] == ["NSW"]


def test_spot_checks(regions, by_iso):
    assert by_iso["DE-BY"]["name"] == "Bavaria"
    assert "Bayern" in by_iso["DE-BY"]["aliases"]
    assert by_iso["DE-BY"]["country"] == "germany"
    assert by_iso["UA-43"]["name"] == "Crimea"
    assert by_iso["ET-TI"]["name"] == "Tigray"
    assert by_iso["PK-KP"]["name"] == "Khyber Pakhtunkhwa"
    assert by_iso["US-ID"]["name"] == "Idaho"
    assert by_iso["US-ID"]["geonames"] == 5596512
    assert "Donetsk region" in _forms(by_iso["UA-14"])
    assert "Washington state" in _forms(by_iso["US-WA"])
    names = {r["name"]: r for r in regions}
    assert names["Gaza Strip"]["country"] == "palestine"
    assert names["West Bank"]["country"] == "palestine"
    assert "Spratly Islands" in names
    keys = {_key(f) for r in regions for f in _forms(r)}
    # cities and countries keep their names; words and personal names are out
    for form in ("New York", "Washington", "Georgia", "Mexico", "Donetsk", "Gaza"):
        assert _key(form) not in keys, form
    for form in ("Central", "Gulf", "Meta", "Kerry", "Unity", "Delta"):
        assert _key(form) not in keys, form
