"""Locate, load and check the data files under ontology/: one place for every path, and for
every view the stages derive from them (compiled regular expressions, word lists as sets,
job titles, name indexes, the class tree of kg.ttl).

The files are strict: a malformed line, a regular expression that does not compile or a
missing key stops the run with its file and line, because a silently skipped gazetteer entry
or rule would change the graph without anyone noticing. Everything is checked when the folder
is loaded (`kg check` loads it), never half-way through a build.

The folder is `--ontology DIR` when given, else the copy shipped inside the installed
package (`kg/ontology/`), else the repository's `ontology/` (an editable install).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import DataFileError
from kg.names import fold

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_ONTOLOGY_DIR = (
    _PACKAGE / "ontology"
    if (_PACKAGE / "ontology" / "kg.ttl").is_file()
    else _PACKAGE.parent / "ontology"
)


def ontology_dir(directory: Path | str | None = None) -> Path:
    """The ontology folder to read: `directory`, else the default one."""
    return Path(directory) if directory is not None else DEFAULT_ONTOLOGY_DIR


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A known entity: a country, capital, city, organisation, outlet, product or seat."""

    id: str
    name: str
    cls: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    wikidata: str | None = None
    geonames: int | None = None
    capital: str | None = None  # id of the capital city (countries)
    capital_of: str | None = None  # id of the country (capital cities)
    seat_of: str | None = None  # id of the country (seats of government)
    country: str | None = None  # id of the country it belongs to or comes from
    manufacturer: str | None = None  # maker's name (products)
    # postal and wire abbreviations of a region ("AL", "Ala."): read in datelines only
    abbreviations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    """A relation rule from relations.jsonl (see ontology/README.md for the fields); each
    rule is its own identity (hashable although `particles` is a dict)."""

    id: str
    predicate: str
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    subject: tuple[str, ...]
    object: tuple[str, ...]
    subject_classes: tuple[str, ...]
    object_classes: tuple[str, ...]
    confidence: float
    seller: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    symmetric: bool = False
    deal: bool = False
    object_is_deal: bool = False
    literal: bool = False  # arguments must be named: no group nouns or pronouns
    forbids: tuple[str, ...] = ()  # paths that must not exist ("hit X with sanctions")
    # lemma -> the particles it needs ("take" + "over"); None in the set: no particle
    particles: dict[str, frozenset[str | None]] | None = None
    frames: tuple[str, ...] = ()  # frames of triggers.jsonl the lemmas came from
    parties: tuple[
        str, ...
    ] = ()  # symmetric: paths to all parties ("talks between X and Y")
    # "X and Y are also parties to the deal": with no other party named, the subjects join
    # the parties of the last relation of these predicates stated before
    joins: tuple[str, ...] = ()
    # objects must be people the article gives a title ("arrested interim President X"):
    # coercing an office holder is political opposition, arresting a suspect is not
    office_holders: bool = False
    # no object named: the object of the last reading of the predicate in the article ("the
    # sanctions imposed by the US would be lifted", after "sanctions relief for Tehran")
    recalls: bool = False
    # the trigger noun names an agreement between the parties read: it becomes a deal node
    # ("Iran and six powers reached a nuclear deal" -> "Iran nuclear deal")
    agreement: bool = False

    def fires_on(self, lemma: str, particles: frozenset[str]) -> bool:
        """Does a token with this lemma and these particle children trigger the rule?"""
        if self.particles is None or lemma not in self.particles:
            return lemma in self.lemmas
        needed = self.particles[lemma]
        return (None in needed and not particles & needed) or bool(particles & needed)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """lexicon.json: every word list as a set (lemmas, lower case) and the few tables."""

    group_nouns: frozenset[str]
    weapon_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    locative_preps: frozenset[str]
    media_name_words: frozenset[str]
    media_nouns: frozenset[str]
    media_verbs: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_adverbs: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    hypothetical_nouns: frozenset[str]
    negation_words: frozenset[str]
    negative_governors: frozenset[str]
    conditional_marks: frozenset[str]
    # "if", "unless": the clause they hang on is a condition's result
    condition_marks: frozenset[str]
    question_auxiliaries: frozenset[str]  # "Did Turkey buy...": a yes/no question
    # "gave its backing to", "held talks with": the subject acts
    light_verbs: frozenset[str]
    # "won the backing of", "drew criticism from": the subject receives it
    receiving_verbs: frozenset[str]
    # "the bloc" -> the classes it can stand for
    anaphor_nouns: dict[str, tuple[str, ...]]
    # "illegitimate President X", "its illegal aggression": abuse that criticises
    pejoratives: frozenset[str]
    # "the military arrested the president": a state's forces named by a noun alone
    armed_forces_nouns: frozenset[str]
    # "sanctions on five officials. Those named include ...": nouns that count people
    person_nouns: frozenset[str]
    # "Acme, a market leader", "Poland, a member of NATO": person_nouns that describe a
    # body or a thing too, no cue that the name they describe is a person's
    person_nouns_shared: frozenset[str]
    motion_verbs: frozenset[str]  # "arrived at X", "flew to X": X is a place
    killing_verbs: frozenset[str]  # "shot X", "X was murdered": X is a person
    # "the murder of X", "X's assassination": X is a person
    killing_nouns: frozenset[str]
    # "the U.S. Treasury imposed sanctions": what a state does through its bodies
    state_predicates: frozenset[str]
    # "the Trump administration": a government named after its head
    administration_nouns: frozenset[str]
    # roles and places: states that hold, not events; dated only by their own clause
    state_relations: frozenset[str]
    # "the two presidents signed 16 agreements": what leaders do for their states
    leader_predicates: frozenset[str]
    # "talks are planned", "talks are on the agenda": an event still to come
    plan_verbs: frozenset[str]
    plan_nouns: frozenset[str]
    deal_nouns: frozenset[str]
    honorifics: frozenset[str]
    # "post-Soviet", "anti-American": a prefixed name is an adjective, no actor
    name_prefixes: frozenset[str]
    place_region_words: frozenset[str]
    place_city_words: frozenset[str]
    place_facility_words: frozenset[str]
    # "his Whitby Hall estate", "the Dunmore ranch": a home named before its noun
    place_residence_words: frozenset[str]
    # "Akagera River", "Lake Victoria": natural features named as such (not "Ricki Lake")
    place_natural_words: frozenset[str]
    place_natural_heads: frozenset[str]
    place_natural_surnames: frozenset[str]
    # "a Dellby native", "Dellby residents": nouns for the people of a place
    place_people_nouns: frozenset[str]
    # "Ciudad Marrero": the word for a town that starts a town's name
    place_city_heads: frozenset[str]
    # "Ravel River Channel": a part of a natural feature, named after it
    place_natural_parts: frozenset[str]
    org_armed_words: frozenset[str]
    org_party_words: frozenset[str]
    org_government_words: frozenset[str]
    org_company_words: frozenset[str]
    legal_forms: frozenset[str]  # "corp", "n v": the end of a company's name, folded
    org_media_words: frozenset[str]
    media_name_words: frozenset[str]  # "Daily", "Times": words of news outlets' names
    org_name_words: frozenset[str]
    # "Margaret Court", "John Fund": words for a body that are also family names
    org_name_surnames: frozenset[str]
    org_state_words: frozenset[str]
    quantity_nouns: frozenset[str]
    nonstate_group_nouns: frozenset[str]
    hypothetical_modals: frozenset[str]  # would, should, will: not (yet) a fact
    ongoing_verbs: frozenset[
        str
    ]  # "will continue to negotiate": the negotiation goes on
    hypothetical_modifiers: frozenset[str]
    currency_words: dict[str, str]  # word or symbol -> ISO 4217 code
    scale_words: dict[str, int]  # "billion" -> 1000000000
    metonymy: dict[str, frozenset[str]]  # cue lists: physical_verbs, actor_preps, ...
    function_words: frozenset[str]  # English stop words: is a text English?


_METONYMY_KEYS = (
    "physical_verbs",
    "political_object_verbs",
    "place_part_nouns",
    "actor_preps",
    "relational_nouns",
)


@dataclass(frozen=True, slots=True)
class CleaningRules:
    """cleaning.json compiled: what the cleaning stage drops, and the repairs it makes."""

    boilerplate: tuple[re.Pattern[str], ...]
    tail: tuple[re.Pattern[str], ...]
    captions: tuple[re.Pattern[str], ...]
    credit_suffixes: tuple[re.Pattern[str], ...]
    caption_starts: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]
    source_line: re.Pattern[str]
    source_heading: re.Pattern[str]
    min_body_words: int
    repairs: tuple[tuple[re.Pattern[str], tuple[int | str, ...]], ...]


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """places.json: the words the place rules read, as sets (lower case; verbs as lemmas)."""

    place_nouns: frozenset[
        str
    ]  # "the Pakistani city of ...", "Ukrainian towns such as"
    location_verbs: frozenset[str]  # "X is located in Y", "X lies in Y"
    base_verbs: frozenset[str]  # "X, based in Y", "headquartered in"
    base_nouns: frozenset[str]  # "the NRC headquarters in Rockville"
    location_preps: frozenset[str]  # "in", "within"
    part_nouns: frozenset[str]  # "in the north of Iraq"
    company_nouns: frozenset[str]  # "German state lender KfW"
    person_business_nouns: frozenset[str]  # "a pork producer": a person's business too
    industry_nouns: frozenset[str]  # "Chinese companies, including Sinopec"
    foreign_presence_nouns: frozenset[str]  # "Embassy of China": not based there
    name_links: frozenset[str]  # "Central Bank of Nigeria", "Banco de Portugal"
    date_preps: frozenset[str]  # "at the airport on Friday in Paris"
    feature_nouns: frozenset[str]  # "the Kashan plateau in Iran": a tract
    vicinity_words: frozenset[str]  # "in nearby Tulsa", "in neighbouring Chad"
    country_nouns: frozenset[str]  # "Palau, an island country in the Pacific Ocean"

    def compass(self, word: str) -> bool:
        """ "north", "south-east", "northern", "southeastern", "central": a direction
        (part_nouns and their adjectives)."""
        word = word.lower().replace("-", "")
        parts = self.part_nouns
        return (
            word in parts
            or word == "central"
            or (word.endswith("ern") and word[:-3] in parts)
        )


@dataclass(frozen=True, slots=True)
class Titles:
    """roles.json: job titles by head word, and every word a title is made of."""

    heads: dict[str, dict[str, object]]  # "foreign minister" -> {"official": true, ...}
    words: frozenset[
        str
    ]  # every token of a title, abbreviation or "former", lower case
    name_words: frozenset[str]  # every word of a title's name and of its modifiers
    former: frozenset[str]  # "former", "ex"
    abbreviations: dict[str, str]  # "pm" -> "Prime Minister"
    non_state: frozenset[
        str
    ]  # "opposition", "rebel": titles outside or against a state
    ordinals: frozenset[
        str
    ]  # "second", "seventh": words that number an office's holders


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What kg.ttl declares: local names, the class tree, property bounds and labels."""

    terms: frozenset[str]  # local names of classes and properties
    ancestors: dict[str, frozenset[str]]  # class -> itself and its superclasses
    bounds: dict[
        str, tuple[tuple[str, ...], tuple[str, ...]]
    ]  # property -> domain, range
    labels: dict[str, str]  # local name -> rdfs:label, for classes and properties
    object_properties: frozenset[str]
    datatype_properties: frozenset[str]
    symmetric: frozenset[str]


@dataclass(frozen=True, slots=True, eq=False)
class Ontology:
    """Every data file of ontology/, loaded and checked once (hashed by identity, so caches
    can key on it), with the views the stages derive from them."""

    directory: Path
    gazetteer: tuple[GazetteerEntry, ...]
    rules: tuple[Rule, ...]
    triggers: dict[str, tuple[Trigger, ...]]  # triggers.jsonl by frame
    label_map: dict[str, str]
    lexicon: dict[str, Any]
    roles: dict[str, Any]
    cleaning: dict[str, Any]
    entity_patterns: tuple[dict[str, Any], ...]
    by_id: dict[str, GazetteerEntry]
    vocabulary: Vocabulary
    lex: Lexicon
    cleaning_rules: CleaningRules
    titles: Titles
    names: dict[str, str]  # folded name or alias of a gazetteer entry -> its id
    country_names: dict[str, str]  # folded country name, alias or demonym -> country id

    def dateline_place(self, text: str) -> GazetteerEntry | None:
        """The place a dateline's part names: a known place's name or alias, or a region's
        wire abbreviation ("Miss.", "Calif.", "NY")."""
        key = fold(text.strip())
        entry = self.entry(self.names.get(key)) or self.entry(
            _abbreviations(self).get(key)
        )
        places = ("Place", "Country")
        return entry if entry is not None and self.is_a(entry.cls, places) else None

    places: PlaceWords  # places.json

    @property
    def ancestors(self) -> dict[str, frozenset[str]]:
        return self.vocabulary.ancestors

    @property
    def bounds(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        return self.vocabulary.bounds

    def entry(self, entity_id: str | None) -> GazetteerEntry | None:
        """Return the gazetteer entry with this id, if any."""
        return self.by_id.get(entity_id) if entity_id else None

    def is_a(self, cls: str, wanted: tuple[str, ...] | frozenset[str]) -> bool:
        """Is `cls` one of `wanted` or a subclass of one of them?"""
        return bool(self.ancestors.get(cls, frozenset({cls})) & set(wanted))

    def fits(self, predicate: str, subject_cls: str, object_cls: str | None) -> bool:
        """Do the classes fit the predicate's rdfs:domain and rdfs:range in kg.ttl (a union
        of classes where the ontology says owl:unionOf)?"""
        domain, range_ = self.bounds.get(predicate, ((), ()))
        if domain and not self.is_a(subject_cls, domain):
            return False
        return not (
            range_ and object_cls is not None and not self.is_a(object_cls, range_)
        )

    def words(self, name: str) -> frozenset[str]:
        """Return a word list of lexicon.json as a set."""
        return frozenset(self.lexicon[name])

    def frame_lemmas(self, frame: str) -> frozenset[str]:
        """The lemmas of a trigger frame of triggers.jsonl (single words only)."""
        return frozenset(
            t.lemma for t in self.triggers.get(frame, ()) if t.particle is None
        )

    @property
    def shapes_file(self) -> Path:
        return self.directory / "shapes.ttl"

    @property
    def schema_file(self) -> Path:
        return self.directory / "kg.ttl"

    @property
    def queries_dir(self) -> Path:
        return self.directory / "queries"


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; raise DataFileError on bad JSON."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DataFileError(f"{path}: cannot read ({e.strerror})") from e
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            raise DataFileError(f"{path}:{number}: invalid JSON ({e.msg})") from e
        if not isinstance(value, dict):
            raise DataFileError(f"{path}:{number}: expected a JSON object")
        yield number, value


def read_json(path: Path) -> Any:
    """Read one JSON file; raise DataFileError naming the file on any problem."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise DataFileError(f"{path}: cannot read ({e.strerror})") from e
    except json.JSONDecodeError as e:
        raise DataFileError(f"{path}:{e.lineno}: invalid JSON ({e.msg})") from e


def _tuple(value: Any, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise DataFileError(
        f"{where}: field {field!r} must be a string or a list of strings"
    )


def _gazetteer_entry(obj: dict[str, Any], where: str) -> GazetteerEntry:
    for required in ("id", "name", "class"):
        if not isinstance(obj.get(required), str) or not obj[required]:
            raise DataFileError(f"{where}: missing string field {required!r}")
    capital = obj.get("capital")
    return GazetteerEntry(
        id=obj["id"],
        name=obj["name"],
        cls=obj["class"],
        aliases=_tuple(obj.get("aliases"), where, "aliases"),
        demonyms=_tuple(obj.get("demonyms"), where, "demonyms"),
        wikidata=obj.get("wikidata"),
        geonames=obj.get("geonames"),
        capital=capital["id"] if isinstance(capital, dict) else capital,
        capital_of=obj.get("capitalOf"),
        seat_of=obj.get("seatOf"),
        country=obj.get("country"),
        manufacturer=obj.get("manufacturer"),
        abbreviations=_tuple(obj.get("abbreviations"), where, "abbreviations"),
    )


def load_gazetteer(directory: Path) -> tuple[GazetteerEntry, ...]:
    """Load every gazetteer/*.jsonl file; ids must be unique across files."""
    entries: dict[str, GazetteerEntry] = {}
    files = sorted((directory / "gazetteer").glob("*.jsonl"))
    if not files:
        raise DataFileError(f"{directory / 'gazetteer'}: no *.jsonl gazetteer files")
    for path in files:
        for number, obj in read_jsonl(path):
            where = f"{path}:{number}"
            entry = _gazetteer_entry(obj, where)
            if entry.id in entries:
                raise DataFileError(f"{where}: duplicate gazetteer id {entry.id!r}")
            entries[entry.id] = entry
    return tuple(entries[k] for k in sorted(entries))


@dataclass(frozen=True, slots=True)
class Trigger:
    """An entry of triggers.jsonl: a lemma (with a particle for a phrasal verb) of a frame."""

    frame: str
    predicate: str | None
    pos: str
    lemma: str
    particle: str | None
    source: str


def load_triggers(
    path: Path, *, predicates: frozenset[str]
) -> dict[str, tuple[Trigger, ...]]:
    """triggers.jsonl by frame; every predicate must be declared in kg.ttl."""
    frames: dict[str, list[Trigger]] = {}
    for number, obj in read_jsonl(path):
        where = f"{path}:{number}"
        for required in ("frame", "pos", "lemma", "source"):
            if not isinstance(obj.get(required), str) or not obj[required]:
                raise DataFileError(f"{where}: missing string field {required!r}")
        if obj.get("predicate") is not None and obj["predicate"] not in predicates:
            raise DataFileError(f"{where}: unknown predicate {obj['predicate']!r}")
        frames.setdefault(obj["frame"], []).append(
            Trigger(
                obj["frame"],
                obj.get("predicate"),
                obj["pos"],
                obj["lemma"].lower(),
                obj.get("particle"),
                obj["source"],
            )
        )
    return {frame: tuple(entries) for frame, entries in frames.items()}


_FRAME_WORDS = re.compile(r"@([\w.]+)")


def _expand_frames(
    path: str,
    triggers: dict[str, tuple[Trigger, ...]],
    where: str,
    words_of: dict[str, Any] | None = None,
) -> str:
    """A dependency path whose word list names frames ("dobj:@sanction.noun") or
    lexicon word lists ("amod:@pejoratives") with their words written out."""

    def words(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in triggers:
            return "|".join(
                sorted({t.lemma for t in triggers[name] if t.particle is None})
            )
        listed = (words_of or {}).get(name)
        if isinstance(listed, (list, tuple, frozenset, set)) and listed:
            return "|".join(sorted(str(w).lower() for w in listed))
        raise DataFileError(
            f"{where}: unknown trigger frame or word list {name!r} in path {path!r}"
        )

    return _FRAME_WORDS.sub(words, path)


def _paths(
    obj: dict[str, Any],
    field: str,
    default: list[str] | None,
    *,
    triggers: dict[str, tuple[Trigger, ...]],
    words_of: dict[str, Any] | None,
    where: str,
) -> tuple[str, ...]:
    values = _tuple(obj.get(field, default), where, field)
    return tuple(_expand_frames(v, triggers, where, words_of) for v in values)


def load_rules(
    path: Path,
    *,
    predicates: frozenset[str],
    triggers: dict[str, tuple[Trigger, ...]] | None = None,
    words_of: dict[str, Any] | None = None,
) -> tuple[Rule, ...]:
    """Load relations.jsonl; every predicate must be declared in kg.ttl, every frame in
    triggers.jsonl. A rule's trigger lemmas are its `lemmas` and those of its `frames`,
    less its `except`; "@frame" in a path's word list stands for the frame's lemmas."""
    triggers = triggers or {}
    rules: list[Rule] = []
    seen: set[str] = set()
    for number, obj in read_jsonl(path):
        where = f"{path}:{number}"
        for required in ("id", "predicate"):
            if required not in obj:
                raise DataFileError(f"{where}: missing field {required!r}")
        if "lemmas" not in obj and "frames" not in obj:
            raise DataFileError(f"{where}: a rule needs 'lemmas' or 'frames'")
        frames = _tuple(obj.get("frames"), where, "frames")
        unknown = [f for f in frames if f not in triggers]
        if unknown:
            raise DataFileError(
                f"{where}: unknown trigger frame {unknown[0]!r} (triggers.jsonl)"
            )
        excluded = set(_tuple(obj.get("except"), where, "except"))
        lemmas = list(_tuple(obj.get("lemmas"), where, "lemmas"))
        particles: dict[str, set[str | None]] = {lemma: {None} for lemma in lemmas}
        for frame in frames:
            for entry in triggers[frame]:
                if entry.lemma in excluded:
                    continue
                particles.setdefault(entry.lemma, set()).add(entry.particle)
                if entry.lemma not in lemmas:
                    lemmas.append(entry.lemma)
        lemmas = [lemma for lemma in lemmas if lemma not in excluded]

        def paths(
            field: str,
            default: list[str] | None = None,
            obj: dict[str, Any] = obj,
            where: str = where,
        ) -> tuple[str, ...]:
            return _paths(
                obj, field, default, triggers=triggers, words_of=words_of, where=where
            )

        if obj["id"] in seen:
            raise DataFileError(f"{where}: duplicate rule id {obj['id']!r}")
        joins = _tuple(obj.get("joins"), where, "joins")
        for predicate in (obj["predicate"], *joins):
            if predicate not in predicates:
                raise DataFileError(
                    f"{where}: unknown predicate {predicate!r}; "
                    f"declared in kg.ttl: {', '.join(sorted(predicates))}"
                )
        seen.add(obj["id"])
        rules.append(
            Rule(
                id=obj["id"],
                predicate=obj["predicate"],
                lemmas=tuple(lemmas),
                pos=_tuple(obj.get("pos", ["VERB"]), where, "pos"),
                subject=paths("subject", ["nsubj"]),
                object=paths("object", ["dobj"]),
                subject_classes=_tuple(
                    obj.get("subject_classes", ["Agent"]), where, "subject_classes"
                ),
                object_classes=_tuple(
                    obj.get("object_classes", ["Agent"]), where, "object_classes"
                ),
                confidence=float(obj.get("confidence", 0.8)),
                seller=paths("seller"),
                recipient=paths("recipient"),
                requires=paths("requires"),
                symmetric=bool(obj.get("symmetric", False)),
                deal=bool(obj.get("deal", False)),
                object_is_deal=bool(obj.get("object_is_deal", False)),
                literal=bool(obj.get("literal", False)),
                forbids=paths("forbids"),
                particles={k: frozenset(v) for k, v in particles.items() if v != {None}}
                or None,
                frames=frames,
                parties=paths("parties"),
                joins=joins,
                office_holders=bool(obj.get("office_holders", False)),
                recalls=bool(obj.get("recalls", False)),
                agreement=bool(obj.get("agreement", False)),
            )
        )
    return tuple(rules)


def _line_of(path: Path, needle: str) -> int:
    """The first line of `path` that holds `needle` (1 when none does)."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return number
    except OSError:
        pass
    return 1


def _quoted(key: str) -> str:
    return json.dumps(key)


def parse_turtle(path: Path) -> Any:
    """Parse a Turtle file of the ontology folder into an rdflib Graph."""
    from rdflib import Graph

    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such file") from None
    except Exception as e:  # rdflib raises many parser types
        raise DataFileError(f"{path}: cannot parse ({e})") from e
    return graph


def _local(term: Any) -> str:
    return str(term).rsplit("#", 1)[-1]


def _vocabulary(graph: Any) -> Vocabulary:
    """The declared terms, class tree, property bounds and labels of kg.ttl."""
    from rdflib import OWL, RDF, RDFS, URIRef
    from rdflib.collection import Collection

    def declared(kind: Any) -> frozenset[str]:
        return frozenset(
            _local(t) for t in graph.subjects(RDF.type, kind) if isinstance(t, URIRef)
        )

    classes = declared(OWL.Class)
    objects, datatypes = declared(OWL.ObjectProperty), declared(OWL.DatatypeProperty)

    def classes_of(node: Any) -> tuple[str, ...]:
        """A class, or the members of an owl:unionOf list, as local names."""
        if node is None:
            return ()
        if isinstance(node, URIRef):
            return (_local(node),)
        members = graph.value(node, OWL.unionOf)
        return tuple(_local(m) for m in Collection(graph, members)) if members else ()

    bounds: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in graph.subjects(RDF.type, kind):
            range_ = (
                graph.value(prop, RDFS.range) if kind == OWL.ObjectProperty else None
            )
            bounds[_local(prop)] = (
                classes_of(graph.value(prop, RDFS.domain)),
                classes_of(range_),
            )
    parents: dict[str, set[str]] = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        if not isinstance(cls, URIRef):
            continue  # an anonymous union (the range of buys)
        parents.setdefault(_local(cls), set())
        for parent in graph.objects(cls, RDFS.subClassOf):
            if str(parent).startswith(str(cls).rsplit("#", 1)[0]):
                parents[_local(cls)].add(_local(parent))

    def up(name: str) -> frozenset[str]:
        seen = {name}
        todo = [name]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return frozenset(seen)

    labels = {
        _local(term): str(label) for term, label in graph.subject_objects(RDFS.label)
    }
    return Vocabulary(
        terms=classes | objects | datatypes,
        ancestors={name: up(name) for name in parents},
        bounds=bounds,
        labels=labels,
        object_properties=objects,
        datatype_properties=datatypes,
        symmetric=frozenset(
            _local(p) for p in graph.subjects(RDF.type, OWL.SymmetricProperty)
        ),
    )


def _words(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}: must be a list of strings")
    return frozenset(value)


def load_lexicon(path: Path) -> tuple[dict[str, Any], Lexicon]:
    """lexicon.json, checked: every list the extractor reads is there and holds strings."""
    data = read_json(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}:1: expected a JSON object")
    values: dict[str, Any] = {}
    for item in fields(Lexicon):
        key = item.name
        where = f"{path}:{_line_of(path, _quoted(key))}: {key!r}"
        if key not in data:
            raise DataFileError(
                f"{path}:1: missing key {key!r} (a word list the extractor reads)"
            )
        value = data[key]
        if key == "currency_words":
            if not isinstance(value, dict) or not all(
                isinstance(v, str) for v in value.values()
            ):
                raise DataFileError(f"{where}: must map words to currency codes")
            values[key] = dict(value)
        elif key == "anaphor_nouns":
            if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(c, str) for c in v)
                for v in value.values()
            ):
                raise DataFileError(f"{where}: must map nouns to lists of classes")
            values[key] = {k: tuple(v) for k, v in value.items()}
        elif key == "scale_words":
            if not isinstance(value, dict) or not all(
                isinstance(v, int) for v in value.values()
            ):
                raise DataFileError(f"{where}: must map words to integers")
            values[key] = dict(value)
        elif key == "metonymy":
            if not isinstance(value, dict):
                raise DataFileError(f"{where}: must be an object of word lists")
            missing = [k for k in _METONYMY_KEYS if k not in value]
            if missing:
                raise DataFileError(f"{where}: missing list {missing[0]!r}")
            values[key] = {k: _words(value[k], f"{where}.{k}") for k in _METONYMY_KEYS}
        else:
            values[key] = _words(value, where)
    return data, Lexicon(**values)


def _compile(pattern: Any, flags: int, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise DataFileError(f"{where}: a regular expression must be a string")
    try:
        return re.compile(pattern, flags)
    except re.error as e:
        raise DataFileError(f"{where}: bad regular expression ({e})") from e


def load_cleaning(path: Path) -> tuple[dict[str, Any], CleaningRules]:
    """cleaning.json, every regular expression compiled (and checked) once."""
    data = read_json(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}:1: expected a JSON object")
    for key in (
        "boilerplate_lines",
        "tail_markers",
        "caption_patterns",
        "credit_suffixes",
        "caption_starts",
        "dateline",
        "source_line",
        "source_heading",
        "min_body_words",
        "repairs",
    ):
        if key not in data:
            raise DataFileError(f"{path}:1: missing key {key!r}")

    def where(key: str, index: int | None = None) -> str:
        line = _line_of(path, _quoted(key))
        return f"{path}:{line}: {key}" + (f"[{index}]" if index is not None else "")

    def compile_all(
        key: str, flags: int = re.IGNORECASE
    ) -> tuple[re.Pattern[str], ...]:
        if not isinstance(data[key], list):
            raise DataFileError(f"{where(key)}: must be a list of regular expressions")
        # A leading ".*" adds nothing to re.search on one line, but makes it quadratic: a
        # 40,000-character line took 16 s on ".*\\b(newsletter|mailing list)\\b.{0,40}$".
        return tuple(
            _compile(
                re.sub(r"^\.\*(?![*+?{])", "", p) if flags else p, flags, where(key, i)
            )
            for i, p in enumerate(data[key])
        )

    repairs = []
    for i, repair in enumerate(data["repairs"]):
        if (
            not isinstance(repair, dict)
            or "pattern" not in repair
            or not isinstance(repair.get("keep"), list)
        ):
            raise DataFileError(
                f'{where("repairs", i)}: wants {{"pattern": ..., "keep": [...]}}'
            )
        repairs.append(
            (_compile(repair["pattern"], 0, where("repairs", i)), tuple(repair["keep"]))
        )
    if not isinstance(data["min_body_words"], int):
        raise DataFileError(f"{where('min_body_words')}: must be an integer")
    return data, CleaningRules(
        boilerplate=compile_all("boilerplate_lines"),
        tail=compile_all("tail_markers"),
        captions=compile_all("caption_patterns", 0),
        credit_suffixes=compile_all("credit_suffixes", 0),
        caption_starts=compile_all("caption_starts"),
        dateline=_compile(data["dateline"], 0, where("dateline")),
        source_line=_compile(data["source_line"], 0, where("source_line")),
        source_heading=_compile(data["source_heading"], 0, where("source_heading")),
        min_body_words=data["min_body_words"],
        repairs=tuple(repairs),
    )


def load_place_words(path: Path) -> PlaceWords:
    """places.json, checked: every list the place rules read is there and holds strings."""
    data = read_json(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}:1: expected a JSON object")
    lists: dict[str, frozenset[str]] = {}
    for name in (f.name for f in fields(PlaceWords)):
        words = data.get(name)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataFileError(
                f"{path}:{_line_of(path, _quoted(name))}: {name} must be a list of strings"
            )
        lists[name] = frozenset(w.lower() for w in words)
    return PlaceWords(**lists)


def load_titles(path: Path) -> tuple[dict[str, Any], Titles]:
    """roles.json with its word index: the words of every title, abbreviation and "former"."""
    data = read_json(path)
    for key, kind in (
        ("heads", dict),
        ("modifiers", list),
        ("former", list),
        ("abbreviations", dict),
    ):
        if not isinstance(data, dict) or not isinstance(data.get(key), kind):
            line = _line_of(path, _quoted(key))
            raise DataFileError(
                f"{path}:{line}: {key!r} must be a JSON {kind.__name__}"
            )
    heads = {k.lower(): v for k, v in data["heads"].items()}
    abbreviations = {k.lower(): v for k, v in data["abbreviations"].items()}
    former = frozenset(w.lower() for w in data["former"])
    modifiers = {m.lower() for m in data["modifiers"]}
    # the tokens a title is made of ("vice", "-", "president") and the words of its name
    # as a name is written ("vice-president"): "Defense" alone is part of a title
    tokens = {w for key in heads for w in key.replace("-", " - ").split()} | modifiers
    name_words = {w for key in heads for w in key.split()} | modifiers
    return data, Titles(
        heads,
        frozenset(tokens | set(abbreviations) | former),
        frozenset(name_words),
        former,
        abbreviations,
        frozenset(w.lower() for w in data.get("non_state", ())),
        frozenset(data.get("ordinals", ())),
    )


@cache
def _abbreviations(ontology: Ontology) -> dict[str, str]:
    """Folded region abbreviations -> id (the first entry wins); cached per ontology, which
    hashes by identity (a tuple of the whole gazetteer would be hashed on every call)."""
    found: dict[str, str] = {}
    for entry in ontology.gazetteer:
        for abbreviation in entry.abbreviations:
            found.setdefault(fold(abbreviation), entry.id)
    return found


def _name_indexes(
    gazetteer: tuple[GazetteerEntry, ...],
) -> tuple[dict[str, str], dict[str, str]]:
    """Folded names and aliases of all entries, and of countries with their demonyms, -> id
    (the first entry wins)."""
    names: dict[str, str] = {}
    countries: dict[str, str] = {}
    for entry in gazetteer:
        for name in (entry.name, *entry.aliases):
            names.setdefault(fold(name), entry.id)
        if entry.cls == "Country":
            for name in (entry.name, *entry.aliases, *entry.demonyms):
                countries.setdefault(fold(name), entry.id)
    return names, countries


def load_ontology(directory: Path | str | None = None) -> Ontology:
    """Load and cross-check every file under `directory` (default: the ontology shipped
    with kg), once per folder."""
    return _load_ontology(ontology_dir(directory).resolve())


@cache
def _load_ontology(directory: Path) -> Ontology:
    if not directory.is_dir():
        raise DataFileError(f"{directory}: ontology directory not found")
    vocabulary = _vocabulary(parse_turtle(directory / "kg.ttl"))
    parse_turtle(directory / "shapes.ttl")  # checked here; kg.graph.shacl reads it
    terms = vocabulary.terms
    label_map = read_json(directory / "label_map.json")
    for label, cls in label_map.items():
        if cls not in terms:
            raise DataFileError(
                f"{directory / 'label_map.json'}: {label} maps to undeclared class {cls!r}"
            )
    gazetteer = load_gazetteer(directory)
    for entry in gazetteer:
        if entry.cls not in terms:
            raise DataFileError(
                f"gazetteer entry {entry.id!r}: undeclared class {entry.cls!r}"
            )
    patterns = load_entity_patterns(directory / "entity_patterns.jsonl", classes=terms)
    lexicon, lex = load_lexicon(directory / "lexicon.json")
    cleaning, cleaning_rules = load_cleaning(directory / "cleaning.json")
    roles, titles = load_titles(directory / "roles.json")
    names, country_names = _name_indexes(gazetteer)
    triggers = load_triggers(directory / "triggers.jsonl", predicates=terms)
    return Ontology(
        directory=directory,
        gazetteer=gazetteer,
        rules=load_rules(
            directory / "relations.jsonl",
            predicates=terms,
            triggers=triggers,
            words_of=lexicon,
        ),
        triggers=triggers,
        label_map=label_map,
        lexicon=lexicon,
        roles=roles,
        cleaning=cleaning,
        entity_patterns=patterns,
        by_id={e.id: e for e in gazetteer},
        vocabulary=vocabulary,
        lex=lex,
        cleaning_rules=cleaning_rules,
        titles=titles,
        names=names,
        country_names=country_names,
        places=load_place_words(directory / "places.json"),
    )


def load_entity_patterns(
    path: Path, *, classes: frozenset[str]
) -> tuple[dict[str, Any], ...]:
    """entity_patterns.jsonl: spaCy Matcher patterns with the class they give."""
    patterns = []
    for number, obj in read_jsonl(path):
        where = f"{path}:{number}"
        if not isinstance(obj.get("id"), str) or not isinstance(
            obj.get("pattern"), list
        ):
            raise DataFileError(
                f"{where}: a pattern needs an 'id' and a 'pattern' list"
            )
        if obj.get("class") not in classes:
            raise DataFileError(f"{where}: undeclared class {obj.get('class')!r}")
        for token in obj["pattern"]:
            regex = (
                token.get("TEXT", {}).get("REGEX")
                if isinstance(token, dict) and isinstance(token.get("TEXT"), dict)
                else None
            )
            if regex is not None:
                _compile(regex, 0, where)
        patterns.append(obj)
    return tuple(patterns)
