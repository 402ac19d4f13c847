"""NLP: an Article and its spaCy Doc -> an `Extraction`; the only package that imports spaCy.

`components` (the pipeline: model, paragraph breaks, gazetteer), `entities` (mentions),
`syntax` (dependency-tree helpers: coordination, implicit subjects, modality), `rules` (the
relation rules of ontology/relations.jsonl), `structural` (facts without a trigger word),
`roles` (job titles), `extract` (all of it, per article).
"""
